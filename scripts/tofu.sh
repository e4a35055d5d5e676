#!/usr/bin/env bash
# make tofu: build OpenTofu from the Go module proxy into .tofu/tofu, once
# (cached outside the work tree: scripts/lib/proxy-build.sh).
set -euo pipefail

version=${TOFU_VERSION:-v1.12.6}
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib/proxy-build.sh"
dest="$root/.tofu/tofu"
cache="${DLI_TOFU_CACHE:-$cache_dir}/tofu-$version-$(go env GOOS)-$(go env GOARCH)"
label="OpenTofu $version"

# is_wanted BINARY: it runs and is this version (not a -dev build). A line
# of its own: OpenTofu 1.12 prints warnings about the CLI configuration (say,
# a TF_CLI_CONFIG_FILE that does not exist) to stdout before the version.
is_wanted() {
  local out
  out=$("$1" version 2>/dev/null || true)
  grep -qxF "OpenTofu $version" <<<"$out"
}

use_built "$label" "$dest" "$cache"
echo "==> building $label from the Go module proxy (about 8 minutes, once)"
module_source "$label" "github.com/opentofu/opentofu@$version"
(cd "$work" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$dest.tmp" ./cmd/tofu)
keep_built "$label" "$dest" "$cache"
