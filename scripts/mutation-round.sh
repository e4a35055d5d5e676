#!/usr/bin/env bash
# A round of deliberate bugs: for each line of a round file (default
# scripts/mutations.tsv), put that one bug into the code, run the tests
# that should notice it, and put the code back. A bug that no test
# notices survives: write the test that fails on it, then add the line.
#
#   scripts/mutation-round.sh [round-file] [name-substring]
#
# A round file has one bug a line, six tab-separated fields:
#   name  file  old  new  package  tests
# old must occur exactly once in file and is replaced by new, literally;
# tests is a go test -run pattern for package (TF_ACC=1 is set when it
# names acceptance tests). Blank lines and lines starting with # are
# skipped. The exit status is 1 if any bug survived, was caught only by a
# hang (go test's -timeout), broke the build, or no longer applies.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
round=${1:-scripts/mutations.tsv}
only=${2:-}
backup=$(mktemp)
mutated=""
# The file is put back however the round ends, Ctrl-C included.
trap '[ -z "$mutated" ] || cp "$backup" "$mutated"; rm -f "$backup"' EXIT
bad=0
report() { printf '%-9s %s\n' "$1" "$2"; }

while IFS=$'\t' read -r name file old new pkg tests; do
  case "$name" in '' | '#'*) continue ;; esac
  if [ -n "$only" ] && [[ "$name" != *"$only"* ]]; then continue; fi
  content=$(<"$file")
  rest=${content#*"$old"}
  if [ "$rest" = "$content" ] || [[ "$rest" == *"$old"* ]]; then
    report STALE "$name: the text to change is not in $file exactly once: $old"
    bad=1
    continue
  fi
  cp "$file" "$backup"
  mutated=$file
  printf '%s\n' "${content%%"$old"*}$new$rest" >"$file"
  acc=${TF_ACC:-}
  [[ "$tests" != *TestAcc* ]] || acc=1
  status=0
  out=$(TF_ACC=$acc go test -count=1 -timeout 5m -run "$tests" "./$pkg" 2>&1 </dev/null) || status=$?
  cp "$backup" "$file"
  mutated=""
  failed=$(grep -oE -- '^--- FAIL: [^ ]+' <<<"$out" | sed 's/--- FAIL: //' | paste -sd, - || true)
  if [ "$status" -eq 0 ]; then
    report SURVIVED "$name: go test -run '$tests' ./$pkg passes with it"
    bad=1
  elif grep -q 'panic: test timed out' <<<"$out"; then
    report HUNG "$name: caught only by go test's -timeout${failed:+ (failed first: $failed)}"
    bad=1
  elif grep -qE '\[(build|setup) failed\]' <<<"$out"; then
    report BROKEN "$name: does not compile; make it a bug, not a syntax error:"
    grep -E '\.go:[0-9]+' <<<"$out" | head -3
    bad=1
  else
    report caught "$name: $failed"
  fi
done <"$round"
exit "$bad"
