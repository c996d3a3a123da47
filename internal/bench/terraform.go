package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/alisec/terraform-provider-alisec/internal/fakecloud"
	"github.com/alisec/terraform-provider-alisec/internal/products"
)

// endpointEnv points every product of the table at url, as NAME=value
// environment entries.
func endpointEnv(url string) []string {
	env := make([]string, 0, len(products.All))
	for _, p := range products.All {
		env = append(env, p.EndpointEnv+"="+url)
	}
	return env
}

// providerAddress is the provider's registry address, which dev_overrides
// maps to a local directory.
const providerAddress = "registry.terraform.io/alisec/alisec"

// Terraform runs `terraform plan` with the provider found in a directory
// through dev_overrides, so no `terraform init` is needed.
type Terraform struct {
	CLI       string   // the Terraform CLI
	CLIConfig string   // CLI configuration file with the dev_overrides
	Env       []string // added to every plan's environment
}

// WriteCLIConfig writes a CLI configuration that takes the provider from
// providerDir.
func WriteCLIConfig(file, providerDir string) error {
	config := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", providerAddress, providerDir)
	return os.WriteFile(file, []byte(config), 0o600)
}

// PlanTimes are the times of one plan.
type PlanTimes struct {
	Wall time.Duration // from starting the CLI to its exit: Terraform's start, the provider's and every read
	CPU  time.Duration // user and system time of Terraform and, as Linux counts it, of the children it waited for: the provider's processes
}

// Plan runs `terraform plan` on the configuration in dir, against the fake
// cloud at cloudURL, and times it.
func (tf Terraform) Plan(ctx context.Context, dir, cloudURL string) (PlanTimes, error) {
	times, out, err := tf.PlanOutput(ctx, dir, cloudURL)
	if err != nil {
		return times, fmt.Errorf("terraform plan in %s: %w\n%s", dir, err, tail(out, 40))
	}
	return times, nil
}

// PlanOutput is Plan that also returns what Terraform printed, for plans
// whose failure is a result: the error is the CLI's exit status.
func (tf Terraform) PlanOutput(ctx context.Context, dir, cloudURL string) (PlanTimes, string, error) {
	var times PlanTimes
	dataDir, err := os.MkdirTemp("", "alisec-bench-data-")
	if err != nil {
		return times, "", err
	}
	defer os.RemoveAll(dataDir)

	cmd := exec.CommandContext(ctx, tf.CLI, "plan", "-input=false", "-lock=false", "-no-color",
		"-parallelism="+strconv.Itoa(Parallelism))
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(os.Environ()),
		"TF_CLI_CONFIG_FILE="+tf.CLIConfig,
		"TF_DATA_DIR="+filepath.Join(dataDir, ".terraform"), // fresh: nothing cached between runs
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"ALIBABA_CLOUD_ACCESS_KEY_ID="+fakecloud.DefaultAccessKeyID,
		"ALIBABA_CLOUD_ACCESS_KEY_SECRET="+fakecloud.DefaultAccessKeySecret,
	)
	cmd.Env = append(cmd.Env, endpointEnv(cloudURL)...)
	cmd.Env = append(cmd.Env, tf.Env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out

	start := time.Now()
	err = cmd.Run()
	times.Wall = time.Since(start)
	if cmd.ProcessState != nil {
		times.CPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	return times, out.String(), err
}

// errorLine is how Terraform prints an error diagnostic's summary, with or
// without the box it draws around it.
var errorLine = regexp.MustCompile(`(?m)^(?:│ )?Error: (.*)$`)

// ErrorSummaries are the summaries of the error diagnostics in a plan's
// output, one per failed read.
func ErrorSummaries(out string) []string {
	var summaries []string
	for _, m := range errorLine.FindAllStringSubmatch(out, -1) {
		summaries = append(summaries, strings.TrimSpace(m[1]))
	}
	return summaries
}

// cleanEnv drops the variables that would change what a plan does or
// costs: Terraform's (TF_LOG, plugin caches, reattached providers) and
// Alibaba Cloud's (other credentials or endpoints).
func cleanEnv(env []string) []string {
	out := make([]string, 0, len(env))
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "ALIBABA_CLOUD_") || strings.HasPrefix(name, "ALICLOUD_") {
			continue
		}
		out = append(out, kv)
	}
	return out
}

// tail is the last n lines of s, for an error message.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
