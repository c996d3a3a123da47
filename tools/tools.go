//go:build generate

// Package tools pins the documentation generator in its own module, so its
// dependencies stay out of the provider's go.mod and binary. Run it with
// `make generate` (or `cd tools; go generate ./...` once ../bin/terraform
// exists).
package tools

import (
	// Documentation generation.
	_ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
)

// Format the example configurations with the pinned Terraform CLI.
//go:generate ../bin/terraform fmt -recursive ../examples/

// Generate docs/ from the provider schema and examples/. tfplugindocs builds
// the provider and runs `terraform providers schema -json` with the first
// terraform on PATH, downloading the latest release if there is none: putting
// ../bin first makes it use the pinned CLI and download nothing. ($PWD is
// this directory; the line above has already failed if ../bin/terraform is
// missing.)
//go:generate env PATH=$PWD/../bin:$PATH go run github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs generate --provider-dir .. --provider-name alisec
