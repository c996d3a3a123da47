#!/usr/bin/env bash
# Runs the tests beside the alert examples (examples/alerts/*/tests/*.tftest.hcl)
# with one CLI, offline:
#
#   tools/test-examples.sh bin/terraform-1.13.3   # make test-examples
#   tools/test-examples.sh bin/tofu               # make test-examples-tofu
#
# The tests use mock_provider: no credentials, no cloud. `terraform test`
# still loads the provider, for its schema and its functions, so this builds
# it into a temporary directory and points the CLI at it with a dev_overrides
# CLI configuration (TF_CLI_CONFIG_FILE); nothing is looked up in a
# registry. `terraform get` installs the examples' local modules (`init`
# would also ask the registry for the overridden provider, and fail offline).
# Each example has its own data directory (TF_DATA_DIR) in the temporary
# directory, so nothing is written into examples/.
set -euo pipefail

if [ $# -ne 1 ]; then
	echo "usage: $0 CLI (for example: $0 bin/terraform-1.13.3)" >&2
	exit 2
fi
cli=$1
case $cli in /*) ;; *) cli=$PWD/$cli ;; esac
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

go build -o "$tmp/provider/terraform-provider-alisec" .

# "alisec/alisec" is the examples' source: Terraform reads it as
# registry.terraform.io/alisec/alisec, OpenTofu as registry.opentofu.org/
# alisec/alisec, so one override serves both. No installation method: any
# other provider would fail to install instead of being downloaded.
cat >"$tmp/cli.tfrc" <<HCL
provider_installation {
  dev_overrides {
    "alisec/alisec" = "$tmp/provider"
  }
}
HCL
export TF_CLI_CONFIG_FILE=$tmp/cli.tfrc TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
unset TF_CLI_ARGS TF_CLI_ARGS_get TF_CLI_ARGS_test TF_WORKSPACE

"$cli" version | sed -n 1p
failed=()
start=$SECONDS
for dir in examples/alerts/*/; do
	dir=${dir%/}
	compgen -G "$dir/tests/*.tftest.hcl" >/dev/null || continue
	export TF_DATA_DIR=$tmp/data/$(basename "$dir")
	began=$(date +%s%N)
	if "$cli" -chdir="$dir" get -no-color >"$tmp/get.log" 2>&1 &&
		"$cli" -chdir="$dir" test -no-color >"$tmp/test.log" 2>&1; then
		ms=$((($(date +%s%N) - began) / 1000000))
		printf '%-32s ok %6d ms  %s\n' "$dir" "$ms" "$(tail -n 1 "$tmp/test.log")"
	else
		printf '%-32s FAIL\n' "$dir"
		cat "$tmp/get.log" "$tmp/test.log" 2>/dev/null | sed 's/^/    /'
		failed+=("$dir")
	fi
done
echo "example tests: $((SECONDS - start))s with $cli"
if [ ${#failed[@]} -gt 0 ]; then
	echo "example tests failed: ${failed[*]}"
	exit 1
fi
