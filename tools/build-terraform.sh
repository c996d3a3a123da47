#!/usr/bin/env bash
# Builds a Terraform CLI from its Go module source into OUT, downloading
# nothing but Go modules (through GOPROXY):
#
#   tools/build-terraform.sh 1.13.3 bin/terraform-1.13.3
#
# Terraform >= 1.6 cannot be `go install`ed: its go.mod requires nine
# remote-state backends and internal/legacy as nested modules, replaced with
# local paths, and the module zip on the proxy does not contain them. So the
# downloaded source is copied to a temporary directory, the nine backends are
# taken out of internal/backend/init/init.go, their require and replace lines
# and internal/legacy's are taken out of go.mod, and the CLI is built there
# with the flags of Terraform's release builds. The result is Terraform
# without the azurerm, consul, cos, gcs, kubernetes, oci, oss, pg and s3
# backends, which the tests never use (local state only).
set -euo pipefail

if [ $# -ne 2 ]; then
	echo "usage: $0 VERSION OUT (for example: $0 1.13.3 bin/terraform-1.13.3)" >&2
	exit 2
fi
version=${1#v}
out=$2
case $out in /*) ;; *) out=$PWD/$out ;; esac

tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT

module=github.com/hashicorp/terraform@v$version
json=$(cd "$tmp" && GOWORK=off go mod download -json "$module") || json="$json failed"
dir=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
if [ -z "$dir" ] || [ ! -f "$dir/go.mod" ]; then
	printf '%s\n' "$json" >&2
	echo "$0: cannot download $module through the Go module proxy" >&2
	exit 1
fi
cp -R "$dir" "$tmp/src"
chmod -R u+w "$tmp/src"
cd "$tmp/src"

# The nested modules missing from the module zip.
backends='azure|consul|cos|gcs|kubernetes|oci|oss|pg|s3'
# Their imports (`backendS3 "github.com/...`) and registrations
# (`"s3": func() backend.Backend { return backendS3.New() },`).
sed -E -i '/backend(Azure|Consul|Cos|GCS|Kubernetes|OCI|OSS|Pg|S3)[ .]/d' internal/backend/init/init.go
# Their require and replace lines, and internal/legacy's.
sed -E -i "\#github.com/hashicorp/terraform/internal/(backend/remote-state/($backends)|legacy)( |\$)#d" go.mod
# Fail loudly if a later release moved things and an edit no longer applies.
if grep -Eq "remote-state/($backends)\"|internal/legacy" internal/backend/init/init.go go.mod; then
	echo "$0: the nested modules are still referenced in $module; update this script" >&2
	exit 1
fi

echo "building Terraform v$version from $dir"
mkdir -p "$(dirname "$out")"
GOWORK=off CGO_ENABLED=0 go build -mod=readonly -trimpath -buildvcs=false \
	-ldflags "-s -w -X github.com/hashicorp/terraform/version.dev=no" -o "$out.tmp" .
mv "$out.tmp" "$out"
"$out" version
