#!/usr/bin/env bash
# make bench-previous: is this tree slower than an earlier version? Builds
# REV (a commit or tag; default the last commit of 0.3) in a temporary
# worktree, then measures both in paired, alternating runs, so that a change
# in the machine's load touches them alike:
#   - the read path: internal/dli's benchmarks, old and new test binaries
#     taking turns, ROUNDS times each; benchstat compares them
#     (benchmarks/previous-read-path.txt);
#   - plans: internal/planbench with REV's provider as the peer "previous"
#     and the floor provider (benchmarks/previous-plan.txt).
#
#   scripts/bench-previous.sh [REV] [-- PLANBENCH_FLAGS...]
set -euo pipefail

if [ -n "${CI:-}" ]; then
  echo "bench-previous is not for CI: it builds another version and runs for many minutes" >&2
  exit 1
fi

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
rev=1d5c5b2
if [ $# -gt 0 ] && [ "$1" != "--" ]; then rev=$1; shift; fi
if [ $# -gt 0 ] && [ "$1" = "--" ]; then shift; fi
rounds=${ROUNDS:-6}
bench=${BENCH:-.}

work=$(mktemp -d)
trap 'git worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/src" "$rev" >/dev/null
echo "==> building $rev and this tree" >&2
(cd "$work/src" && go build -o "$work/terraform-provider-dli" . && go test -c -o "$work/old.test" ./internal/dli)
go test -c -o "$work/new.test" ./internal/dli

mkdir -p benchmarks
echo "==> read path: $rounds paired rounds of go test -bench '$bench'" >&2
for i in $(seq "$rounds"); do
  for side in old new; do
    dir=internal/dli
    [ "$side" = new ] || dir=$work/src/internal/dli
    (cd "$dir" && "$work/$side.test" -test.run '^$' -test.bench "$bench" -test.benchmem -test.count 1) |
      grep -E '^(Benchmark|goos|goarch|pkg|cpu)' >>"$work/$side.txt" ||
      echo "    a benchmark of $side failed; benchstat compares the others" >&2
  done
  echo "    round $i of $rounds, load average $(cut -d' ' -f1 /proc/loadavg)" >&2
done
go tool -modfile=tools/go.mod benchstat "$rev=$work/old.txt" "this=$work/new.txt" | tee benchmarks/previous-read-path.txt

echo "==> plans: this tree, $rev (previous) and the floor, in paired runs" >&2
go run ./internal/planbench -tf "${TF:-terraform}" -floor -peer "previous=$work/terraform-provider-dli" \
  -out benchmarks/previous-plan.txt "$@"
