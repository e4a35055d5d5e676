#!/usr/bin/env bash
# A round of deliberate bugs: for each line of a round file (default
# scripts/mutations.tsv), put that one bug into the code, run the tests
# that should notice it, and put the code back. A bug that no test
# notices survives: write the test that fails on it, then add the line.
#
#   scripts/mutation-round.sh [round-file] [name-substring]
#
# A round file has one bug a line, six tab-separated fields:
#   name  file[:decl]  old  new  package  tests
# old is replaced by new, literally, and must occur exactly once in decl, a
# top-level declaration of file (a function, a method as Type.Name, a type,
# a const or a var), or in the whole file when there is no :decl. So a bug
# stays where it was meant to be when the code around it moves, and a
# refactor that takes its text away makes it STALE instead of dropping it.
# `go run ./internal/mutations/mutant -where FILE OLD` prints file:decl for
# an old that occurs once in FILE. tests is a go test -run pattern for
# package (TF_ACC=1 is set when it names acceptance tests). Runs of tabs
# separate fields (so old and new hold none); blank lines and lines
# starting with # are skipped. The exit status is 1 if any bug survived,
# was caught only by a hang (go test's -timeout), broke the build, or no
# longer applies (STALE); go test ./internal/mutations/... checks, in
# make test, that every bug of scripts/mutations.tsv still applies.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
round=${1:-scripts/mutations.tsv}
only=${2:-}
work=$(mktemp -d)
backup=$work/backup
mutated=""
# The file is put back however the round ends, Ctrl-C included.
trap '[ -z "$mutated" ] || cp "$backup" "$mutated"; rm -rf "$work"' EXIT
# mutant puts a bug in (internal/mutations/mutant: standard library only,
# so it builds whatever the bugs do to the rest of the code).
go build -o "$work/mutant" ./internal/mutations/mutant
bad=0
seen="" # each line's status, for the summary
report() {
  printf '%-9s %s\n' "$1" "$2"
  seen+=" $1"
}

while IFS=$'\t' read -r name file old new pkg tests; do
  case "$name" in '' | '#'*) continue ;; esac
  if [ -n "$only" ] && [[ "$name" != *"$only"* ]]; then continue; fi
  if ! "$work/mutant" "$file" "$old" "$new" >"$work/mutated" 2>"$work/why"; then
    report STALE "$name: no longer applies: $(<"$work/why")"
    bad=1
    continue
  fi
  file=${file%:*}
  cp "$file" "$backup"
  mutated=$file
  cp "$work/mutated" "$file"
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
summary=""
for status in caught SURVIVED HUNG BROKEN STALE; do
  n=0
  for s in $seen; do [ "$s" != "$status" ] || n=$((n + 1)); done
  [ "$n" = 0 ] || summary+="${summary:+, }$n $status"
done
if [ -z "$summary" ]; then
  echo "no mutant in $round is named like '$only'" >&2
  exit 1
fi
echo "$summary"
case "$seen" in *STALE*)
  echo "STALE mutants no longer apply: fix their lines (go run ./internal/mutations/mutant -where FILE OLD)" >&2 ;;
esac
exit "$bad"
