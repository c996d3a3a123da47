//go:build generate

// Package tools pins the documentation generator in its own module, so its
// dependencies stay out of the provider's go.mod and binary. Run it with
// `make generate` (or `cd tools; go generate ./...` once ../bin/current/terraform
// exists: `make bin/current/terraform`).
package tools

import (
	// Documentation generation.
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
)

// Format the example configurations with the current Terraform CLI
// (../bin/current/terraform links to it): Terraform 1.5.7 cannot parse the
// provider function calls in examples/functions.
//go:generate ../bin/current/terraform fmt -recursive ../examples/

// Generate docs/ from the provider schema and examples/. tfplugindocs builds
// the provider and runs `terraform providers schema -json` with the first
// terraform on PATH, downloading the latest release if there is none: putting
// ../bin/current first makes it use the current CLI, the oldest that reports
// provider-defined functions, and download nothing. ($PWD is this directory;
// the line above has already failed if ../bin/current/terraform is missing.)
//go:generate env PATH=$PWD/../bin/current:$PATH go run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs generate --provider-dir .. --provider-name alisec --website-source-dir tools/templates
