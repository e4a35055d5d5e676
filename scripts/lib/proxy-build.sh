# What make tofu and make terraform-actions share: a CLI built once from its
# Go module's source on the Go module proxy into DEST, and kept in a cache
# outside the work tree, so that fresh clones on the same machine (CI) reuse
# it instead of building again. Sourced; the caller defines is_wanted BINARY
# (it runs and is the version wanted) and sets -euo pipefail.

# cache_dir is where built CLIs are kept across clones.
cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-dli"

# use_built LABEL DEST CACHE: exits the script when DEST is already the
# wanted build, or copies it from CACHE; returns when it must be built.
use_built() {
  local label=$1 dest=$2 cache=$3
  if [ -x "$dest" ] && is_wanted "$dest"; then
    exit 0
  fi
  mkdir -p "$(dirname "$dest")"
  if [ -x "$cache" ] && is_wanted "$cache"; then
    cp "$cache" "$dest"
    echo "==> $label from the cache ($cache)"
    exit 0
  fi
}

# module_source LABEL MODULE@VERSION: a writable copy of the module's source,
# in $work (removed when the script exits).
module_source() {
  local label=$1 module=$2 info src
  info=$(go mod download -json "$module" 2>&1) || { echo "go mod download of $label failed:" >&2; echo "$info" >&2; exit 1; }
  src=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' <<<"$info")
  [ -d "$src" ] || { echo "go mod download of $label gave no directory:" >&2; echo "$info" >&2; exit 1; }
  work=$(mktemp -d)
  trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
  cp -R "$src/." "$work/"
  chmod -R u+w "$work"
}

# keep_built LABEL DEST CACHE: DEST.tmp, just built, becomes DEST and is
# cached, once it says it is the version wanted.
keep_built() {
  local label=$1 dest=$2 cache=$3
  mv "$dest.tmp" "$dest"
  is_wanted "$dest" || { echo "the build does not say it is $label:" >&2; "$dest" version >&2; exit 1; }
  mkdir -p "$(dirname "$cache")"
  cp "$dest" "$cache.tmp.$$" && mv "$cache.tmp.$$" "$cache"
  echo "==> built $label into $dest"
}
