package provider

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"github.com/hashicorp/terraform-plugin-testing/config"
)

// terraformDiagnostic is a diagnostic of Terraform's machine-readable UI
// (`terraform plan -json`, message type "diagnostic").
type terraformDiagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Snippet  *struct {
		Context *string `json:"context"`
	} `json:"snippet"`
}

// formatTerraformDiagnostics lists diags one a line, for failure messages.
func formatTerraformDiagnostics(diags []terraformDiagnostic) string {
	if len(diags) == 0 {
		return " nothing"
	}
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "\n  %s: %s: %q", d.Severity, d.Summary, d.Detail)
	}
	return b.String()
}

// planDiagnostics runs `terraform init` and `terraform plan -json` on config
// with vars in a new directory, this process serving the provider, and
// returns the diagnostics Terraform reported. A failed plan fails the test.
func planDiagnostics(t *testing.T, cfg string, vars config.Variables) []terraformDiagnostic {
	t.Helper()
	return planDiagnosticsIn(t, newCLIWorkdir(t, cfg, vars))
}

// planDiagnosticsIn is planDiagnostics in a directory already written, to
// which a test may have added files (an example's local modules).
func planDiagnosticsIn(t *testing.T, w cliWorkdir) []terraformDiagnostic {
	t.Helper()
	w.run(t, "init", "-input=false", "-no-color")
	out := w.run(t, "plan", "-json", "-input=false", "-lock=false")

	var diags []terraformDiagnostic
	scanner := bufio.NewScanner(bytes.NewReader(out))
	scanner.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	for scanner.Scan() {
		var msg struct {
			Type       string               `json:"type"`
			Diagnostic *terraformDiagnostic `json:"diagnostic"`
		}
		if err := json.Unmarshal(scanner.Bytes(), &msg); err != nil {
			t.Fatalf("terraform plan -json printed a line that is not JSON: %q", scanner.Text())
		}
		if msg.Type == "diagnostic" && msg.Diagnostic != nil {
			diags = append(diags, *msg.Diagnostic)
		}
	}
	if err := scanner.Err(); err != nil {
		t.Fatal(err)
	}
	return diags
}

// cliWorkdir is a directory holding a configuration, and the environment
// that runs the Terraform CLI the suite runs with (TF_ACC_TERRAFORM_PATH)
// there against the provider this test process serves.
type cliWorkdir struct {
	dir       string
	terraform string
	env       []string
}

// newCLIWorkdir writes cfg and vars into a new directory and serves the
// provider until the test ends. It skips the test unless TF_ACC is set.
func newCLIWorkdir(t *testing.T, cfg string, vars config.Variables) cliWorkdir {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
	// Only the pinned CLI the suite runs with, never whichever is on PATH.
	terraform := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if terraform == "" {
		t.Fatal("set TF_ACC_TERRAFORM_PATH to the Terraform CLI the CLI tests run (make test does)")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := vars.Write(dir); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(),
		"TF_REATTACH_PROVIDERS="+serveProviderForReattach(t),
		"TF_DATA_DIR="+filepath.Join(dir, ".terraform"),
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
		"CHECKPOINT_DISABLE=1",
	)
	return cliWorkdir{dir: dir, terraform: terraform, env: env}
}

// command is name with args, run in the directory with its environment
// plus extraEnv, its output captured, stopped after two minutes.
func (w cliWorkdir) command(t *testing.T, extraEnv []string, name string, args ...string) (cmd *exec.Cmd, stdout, stderr *bytes.Buffer) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	cmd = exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Env = w.dir, append(append([]string(nil), w.env...), extraEnv...)
	stdout, stderr = new(bytes.Buffer), new(bytes.Buffer)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	return cmd, stdout, stderr
}

// run runs the Terraform CLI with args and returns its output; a failure
// fails the test.
func (w cliWorkdir) run(t *testing.T, args ...string) []byte {
	t.Helper()
	cmd, stdout, stderr := w.command(t, nil, w.terraform, args...)
	if err := cmd.Run(); err != nil {
		t.Fatalf("terraform %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.Bytes()
}

// serveProviderForReattach serves the provider from this process until the
// test ends and returns the TF_REATTACH_PROVIDERS value that points
// Terraform at it.
func serveProviderForReattach(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	reattach := make(chan *plugin.ReattachConfig)
	closed := make(chan struct{})
	failed := make(chan error, 1)
	// The address terraform-plugin-testing reattaches under, which is what
	// configurations without required_providers resolve to: make test-tofu
	// sets TF_ACC_PROVIDER_HOST to OpenTofu's registry.opentofu.org.
	host, namespace := "registry.terraform.io", "hashicorp"
	if v := os.Getenv("TF_ACC_PROVIDER_HOST"); v != "" {
		host = v
	}
	if v := os.Getenv("TF_ACC_PROVIDER_NAMESPACE"); v != "" {
		namespace = v
	}
	address := host + "/" + namespace + "/alisec"
	go func() {
		err := tf6server.Serve(address, providerserver.NewProtocol6(New("test")()),
			tf6server.WithDebug(ctx, reattach, closed),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithLoggingSink(t),
		)
		if err != nil {
			failed <- err
		}
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-closed:
		case err := <-failed:
			t.Logf("the provider server stopped with: %v", err)
		case <-time.After(10 * time.Second):
			t.Error("the provider server did not stop")
		}
	})
	var rc *plugin.ReattachConfig
	select {
	case rc = <-reattach:
	case err := <-failed:
		t.Fatalf("serving the provider: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("the provider server did not start")
	}
	// Configurations without required_providers name hashicorp/alisec.
	value, err := json.Marshal(map[string]any{
		address: map[string]any{
			"Protocol":        string(rc.Protocol),
			"ProtocolVersion": rc.ProtocolVersion,
			"Pid":             rc.Pid,
			"Test":            rc.Test,
			"Addr":            map[string]string{"Network": rc.Addr.Network(), "String": rc.Addr.String()},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(value)
}
