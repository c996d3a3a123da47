// Command demo is `make demo`: it runs the real Terraform CLI against the
// provider and the embedded fake cloud, prints the plan, and cleans up.
//
//	go run ./internal/demo -terraform bin/terraform -config examples/demo
//
// It starts the fake cloud on a free loopback port, builds the provider into
// a temporary directory, points Terraform at it with a dev_overrides CLI
// configuration, and runs `terraform plan`. Nothing is left behind.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
	"github.com/alisec/terraform-provider-alisec/internal/products"
)

func main() {
	terraform := flag.String("terraform", "bin/terraform", "Terraform CLI to run")
	config := flag.String("config", "examples/demo", "directory of the configuration to plan")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, *terraform, *config); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, terraform, config string) error {
	terraform, err := filepath.Abs(terraform)
	if err != nil {
		return err
	}
	if _, err := os.Stat(terraform); err != nil {
		return fmt.Errorf("no Terraform CLI at %s (run `make bin/terraform`): %w", terraform, err)
	}
	tmp, err := os.MkdirTemp("", "alisec-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	fmt.Println("==> building the provider")
	build := exec.CommandContext(ctx, "go", "build", "-o", filepath.Join(tmp, "terraform-provider-alisec"), ".")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building the provider: %w", err)
	}

	cloud, err := fakecloud.New().Listen("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer cloud.Close()
	url := cloud.URL
	fmt.Println("==> fake cloud listening on", url)

	cliConfig := filepath.Join(tmp, "terraformrc")
	overrides := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n",
		"registry.terraform.io/alisec/alisec", tmp)
	if err := os.WriteFile(cliConfig, []byte(overrides), 0o600); err != nil {
		return err
	}

	fmt.Println("==> terraform plan", config)
	plan := exec.CommandContext(ctx, terraform, "-chdir="+config, "plan", "-input=false", "-lock=false", "-state="+filepath.Join(tmp, "terraform.tfstate"))
	plan.Stdout, plan.Stderr = os.Stdout, os.Stderr
	plan.Env = append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"TF_DATA_DIR="+filepath.Join(tmp, ".terraform"),
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"ALIBABA_CLOUD_ACCESS_KEY_ID="+fakecloud.DefaultAccessKeyID,
		"ALIBABA_CLOUD_ACCESS_KEY_SECRET="+fakecloud.DefaultAccessKeySecret,
	)
	for _, p := range products.All { // every product's endpoint at the fake cloud
		plan.Env = append(plan.Env, p.EndpointEnv+"="+url)
	}
	if err := plan.Run(); err != nil {
		return fmt.Errorf("terraform plan: %w", err)
	}
	return nil
}
