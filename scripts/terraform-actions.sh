#!/usr/bin/env bash
# make terraform-actions: build Terraform (1.14+, the first with actions) from
# the Go module proxy into .terraform-actions/terraform, once (cached outside
# the work tree: scripts/lib/proxy-build.sh).
#
# The proxy's zip of github.com/hashicorp/terraform lacks the repository's
# nested modules: nine remote-state backends (s3, gcs, azurerm...) and
# internal/legacy, which only tests import. go.mod replaces each with a
# directory the zip does not have, so the build drops those replacements and
# the nine backends' registrations. Nothing this provider's tests use is
# lost: they keep local state.
set -euo pipefail

version=${TF_ACTIONS_VERSION:-v1.15.9}
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib/proxy-build.sh"
dest="$root/.terraform-actions/terraform"
cache="${DLI_TF_CACHE:-$cache_dir}/terraform-$version-$(go env GOOS)-$(go env GOARCH)"
label="Terraform $version"

# is_wanted BINARY: it runs and is this version (not a -dev build).
is_wanted() {
  local out
  out=$(TF_CLI_CONFIG_FILE=/dev/null "$1" version 2>/dev/null || true)
  grep -qxF "Terraform $version" <<<"$out"
}

use_built "$label" "$dest" "$cache"
echo "==> building $label from the Go module proxy (about 10 minutes, once)"
module_source "$label" "github.com/hashicorp/terraform@$version"
nested='(backend/remote-state/(azure|consul|cos|gcs|kubernetes|oci|oss|pg|s3)|legacy)'
sed -i -E "\#hashicorp/terraform/internal/$nested[ =]#d" "$work/go.mod"
sed -i -E '/backend(Azure|Consul|Cos|GCS|Kubernetes|OCI|OSS|Pg|S3)[ .]/d' "$work/internal/backend/init/init.go"
if grep -qE "internal/$nested" "$work/go.mod" "$work/internal/backend/init/init.go"; then
  echo "$label's nested modules are not where this script expects them; update scripts/terraform-actions.sh" >&2
  exit 1
fi
(cd "$work" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/hashicorp/terraform/version.dev=no" -o "$dest.tmp" .)
keep_built "$label" "$dest" "$cache"
