#!/usr/bin/env bash
# make terraform-actions: build Terraform (1.14+, the first with actions) from
# the Go module proxy into .terraform-actions/terraform, once. The binary is
# also kept in a cache outside the work tree, so that fresh clones on the
# same machine (CI) reuse it instead of building again.
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
dest="$root/.terraform-actions/terraform"
cache="${DLI_TF_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-dli}/terraform-$version-$(go env GOOS)-$(go env GOARCH)"

# is_wanted BINARY: it runs and is this version (not a -dev build).
is_wanted() {
  local out
  out=$(TF_CLI_CONFIG_FILE=/dev/null "$1" version 2>/dev/null || true)
  grep -qxF "Terraform $version" <<<"$out"
}

if [ -x "$dest" ] && is_wanted "$dest"; then
  exit 0
fi
mkdir -p "$(dirname "$dest")"
if [ -x "$cache" ] && is_wanted "$cache"; then
  cp "$cache" "$dest"
  echo "==> Terraform $version from the cache ($cache)"
  exit 0
fi

echo "==> building Terraform $version from the Go module proxy (about 10 minutes, once)"
info=$(go mod download -json "github.com/hashicorp/terraform@$version" 2>&1) || { echo "go mod download of Terraform $version failed:" >&2; echo "$info" >&2; exit 1; }
src=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' <<<"$info")
[ -d "$src" ] || { echo "go mod download of Terraform $version gave no directory:" >&2; echo "$info" >&2; exit 1; }
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cp -R "$src/." "$work/"
chmod -R u+w "$work"
nested='(backend/remote-state/(azure|consul|cos|gcs|kubernetes|oci|oss|pg|s3)|legacy)'
sed -i -E "\#hashicorp/terraform/internal/$nested[ =]#d" "$work/go.mod"
sed -i -E '/backend(Azure|Consul|Cos|GCS|Kubernetes|OCI|OSS|Pg|S3)[ .]/d' "$work/internal/backend/init/init.go"
if grep -qE "internal/$nested" "$work/go.mod" "$work/internal/backend/init/init.go"; then
  echo "Terraform $version's nested modules are not where this script expects them; update scripts/terraform-actions.sh" >&2
  exit 1
fi
(cd "$work" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/hashicorp/terraform/version.dev=no" -o "$dest.tmp" .)
mv "$dest.tmp" "$dest"
is_wanted "$dest" || { echo "the build does not say it is Terraform $version:" >&2; "$dest" version >&2; exit 1; }
mkdir -p "$(dirname "$cache")"
cp "$dest" "$cache.tmp.$$" && mv "$cache.tmp.$$" "$cache"
echo "==> built Terraform $version into $dest"
