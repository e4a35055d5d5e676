#!/usr/bin/env bash
# make release-check: a signed snapshot release for this machine's platform
# with a throwaway GPG key, then the checks the registry makes: the
# signature of SHA256SUMS verifies, and every file it lists (archives and
# the registry manifest) matches its checksum. Needs gpg (Debian: gnupg).
set -euo pipefail
command -v gpg >/dev/null || { echo "release-check needs gpg (apt-get install gnupg)" >&2; exit 1; }
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d)
trap '(command -v gpgconf >/dev/null && gpgconf --kill all) >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
gpg --batch --passphrase '' --quick-gen-key "release check <release-check@example.invalid>" ed25519 sign 1d
GPG_FINGERPRINT=$(gpg --list-keys --with-colons | awk -F: '/^fpr/ {print $10; exit}')
export GPG_FINGERPRINT
sed "s/goos: \[.*\]/goos: [$(go env GOOS)]/; s/goarch: \[.*\]/goarch: [$(go env GOARCH)]/" .goreleaser.yml >"$work/goreleaser.yml"
go tool -modfile=tools/go.mod goreleaser release --snapshot --clean --config "$work/goreleaser.yml" >"$work/release.log" 2>&1 || { cat "$work/release.log"; exit 1; }
cd dist
sums=$(ls ./*_SHA256SUMS)
# The release publishes the manifest under this name beside the archives.
cp ../terraform-registry-manifest.json "${sums%_SHA256SUMS}_manifest.json"
gpg --verify "$sums.sig" "$sums"
sha256sum -c "$sums"
if grep -q '\.sig$' "$sums"; then echo "$sums lists a signature: it cannot match its own signature" >&2; exit 1; fi
echo "release check passed: signed checksums verify and list only archives and the manifest"
