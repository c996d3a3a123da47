#!/usr/bin/env bash
# Checks `make install` as a user runs it, with one CLI, offline:
#
#   tools/test-install.sh bin/terraform   # make test-install
#   tools/test-install.sh bin/tofu        # make test-install-tofu
#
# It installs into an empty HOME, then runs `init` and `validate` on a
# configuration whose source is "alisec/alisec", pinned to the installed
# version, with no CLI configuration: the CLI must find the provider in
# its implied local mirror (~/.terraform.d/plugins), which holds the only
# provider it needs, so nothing is asked of a registry.
set -euo pipefail

if [ $# -ne 1 ]; then
	echo "usage: $0 CLI (for example: $0 bin/terraform)" >&2
	exit 2
fi
cli=$1
case $cli in /*) ;; *) cli=$PWD/$cli ;; esac
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home" "$tmp/config"

# Go keeps its caches under HOME unless told: keep the user's.
export GOPATH GOMODCACHE GOCACHE
GOPATH=$(go env GOPATH) GOMODCACHE=$(go env GOMODCACHE) GOCACHE=$(go env GOCACHE)
make --no-print-directory install HOME="$tmp/home" INSTALL_VERSION=0.1.0 >"$tmp/install.log"

cat >"$tmp/config/main.tf" <<'HCL'
terraform {
  required_providers {
    alisec = {
      source  = "alisec/alisec"
      version = "0.1.0"
    }
  }
}

data "alisec_dsc_events" "quiet" {
  start_time = "2026-01-01T00:00:00Z"
  end_time   = "2026-01-02T00:00:00Z"
}
HCL

cd "$tmp/config"
run() { env -u TF_CLI_CONFIG_FILE -u TF_PLUGIN_CACHE_DIR HOME="$tmp/home" CHECKPOINT_DISABLE=1 "$cli" "$@"; }
version=$(run version | sed -n 1p) # sed reads it all: head would end the CLI with SIGPIPE under pipefail
if ! run init -input=false -no-color >"$tmp/init.log" 2>&1; then
	cat "$tmp/install.log" "$tmp/init.log"
	echo "test-install: $version could not init the provider that make install installed"
	exit 1
fi
if ! run validate -no-color >"$tmp/validate.log" 2>&1; then
	cat "$tmp/validate.log"
	echo "test-install: $version installed the provider but could not validate with it"
	exit 1
fi
grep -o 'provider "registry[^"]*/alisec/alisec"' .terraform.lock.hcl
echo "test-install: $version finds the installed provider offline"
