#!/usr/bin/env bash
# make tofu: build OpenTofu from the Go module proxy into .tofu/tofu, once.
# The binary is also kept in a cache outside the work tree, so that fresh
# clones on the same machine (CI) reuse it instead of building again.
set -euo pipefail

version=${TOFU_VERSION:-v1.12.6}
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/.tofu/tofu"
cache="${DLI_TOFU_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-dli}/tofu-$version-$(go env GOOS)-$(go env GOARCH)"

# is_wanted BINARY: it runs and is this version (not a -dev build). A line
# of its own: OpenTofu 1.12 prints warnings about the CLI configuration (say,
# a TF_CLI_CONFIG_FILE that does not exist) to stdout before the version.
is_wanted() {
  local out
  out=$("$1" version 2>/dev/null || true)
  grep -qxF "OpenTofu $version" <<<"$out"
}

if [ -x "$dest" ] && is_wanted "$dest"; then
  exit 0
fi
mkdir -p "$(dirname "$dest")"
if [ -x "$cache" ] && is_wanted "$cache"; then
  cp "$cache" "$dest"
  echo "==> OpenTofu $version from the cache ($cache)"
  exit 0
fi

echo "==> building OpenTofu $version from the Go module proxy (about 8 minutes, once)"
info=$(go mod download -json "github.com/opentofu/opentofu@$version" 2>&1) || { echo "go mod download of OpenTofu $version failed:" >&2; echo "$info" >&2; exit 1; }
src=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' <<<"$info")
[ -d "$src" ] || { echo "go mod download of OpenTofu $version gave no directory:" >&2; echo "$info" >&2; exit 1; }
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cp -R "$src/." "$work/"
chmod -R u+w "$work"
(cd "$work" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$dest.tmp" ./cmd/tofu)
mv "$dest.tmp" "$dest"
mkdir -p "$(dirname "$cache")"
cp "$dest" "$cache.tmp.$$" && mv "$cache.tmp.$$" "$cache"
is_wanted "$dest" || { echo "the build does not say it is OpenTofu $version:" >&2; "$dest" version >&2; exit 1; }
echo "==> built OpenTofu $version into $dest"
