#!/usr/bin/env bash
# make bench-peers: build the peers this provider is measured against from
# their fetched sources, into a cache outside the work tree, then run the
# plan benchmark against this provider and each peer (internal/planbench).
#
#   scripts/bench-peers.sh [HUAWEICLOUD_SRC [HTTP_SRC]] [-- PLANBENCH_FLAGS...]
#
# A source is a git directory (bare, as the fetch tool leaves it: its HEAD
# is built) or a checked-out work tree (built as it is). By default the
# sources are looked for where the fetch tool puts them:
#   $DLI_PEER_MIRROR/huaweicloud+terraform-provider-huaweicloud/repo
#   $DLI_PEER_MIRROR/hashicorp+terraform-provider-http/repo
# with DLI_PEER_MIRROR=/work/.mirror. Binaries are cached by commit in
# $DLI_PEER_CACHE (default ~/.cache/terraform-provider-dli/peers); the
# official provider takes about 3 minutes and 140 MB to build, once.
# Never run in CI: it builds third-party code and takes many minutes.
set -euo pipefail

if [ -n "${CI:-}" ]; then
  echo "bench-peers is not for CI: it builds the peers from source and runs for many minutes" >&2
  exit 1
fi

root=$(cd "$(dirname "$0")/.." && pwd)
mirror=${DLI_PEER_MIRROR:-/work/.mirror}
cache=${DLI_PEER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-dli/peers}
huaweicloud_src="$mirror/huaweicloud+terraform-provider-huaweicloud/repo"
http_src="$mirror/hashicorp+terraform-provider-http/repo"
if [ $# -gt 0 ] && [ "$1" != "--" ]; then huaweicloud_src=$1; shift; fi
if [ $# -gt 0 ] && [ "$1" != "--" ]; then http_src=$1; shift; fi
if [ $# -gt 0 ] && [ "$1" = "--" ]; then shift; fi

# build NAME SRC: print the path of the peer's binary, building it if its
# source's commit is not in the cache yet.
build() {
  local name=$1 src=$2 rev work bin
  if git -C "$src" rev-parse --is-bare-repository 2>/dev/null | grep -q true; then
    rev=$(git -C "$src" rev-parse HEAD)
  elif [ -f "$src/go.mod" ]; then
    rev=worktree-$(cd "$src" && pwd | sha256sum | cut -c1-12)
    rm -f "$cache/$name-$rev/terraform-provider-$name" # a work tree may have changed
  else
    echo "no source for the $name peer at $src: fetch github:${3} or pass its path" >&2
    exit 1
  fi
  bin="$cache/$name-$rev/terraform-provider-$name"
  if [ ! -x "$bin" ]; then
    echo "==> building terraform-provider-$name ($rev) from $src" >&2
    work=$(mktemp -d)
    if [[ $rev == worktree-* ]]; then
      cp -R "$src/." "$work/"
    else
      git -C "$src" archive HEAD | tar -x -C "$work"
    fi
    mkdir -p "$(dirname "$bin")"
    (cd "$work" && CGO_ENABLED=0 go build -trimpath -o "$bin.tmp" .) || { rm -rf "$work"; exit 1; }
    mv "$bin.tmp" "$bin"
    rm -rf "$work"
  fi
  echo "$bin"
}

huaweicloud_bin=$(build huaweicloud "$huaweicloud_src" huaweicloud/terraform-provider-huaweicloud)
http_bin=$(build http "$http_src" hashicorp/terraform-provider-http)

cd "$root"
exec go run ./internal/planbench -tf "${TF:-terraform}" \
  -peer "huaweicloud=$huaweicloud_bin" -peer "http=$http_bin" "$@"
