#!/usr/bin/env bash
# Quick start: runs the whole test suite (unit + integration against real sipp/baresip on loopback).
# Prints one closing line "tests: N passed, N failed, N skipped".
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$repo/scripts/setup.sh" --with-test-peers
results="$repo/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
status=0
# One test assembly at a time (-m:1): the real-time tests (barge-in on the wire, media timing) measure the bot, not
# the other assemblies' speech decoding on the same two cores.
dotnet test "$repo/PhoneAgent.sln" -c Release --no-build -nologo -m:1 \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" \
  --blame-hang-timeout 5m \
  -- RunConfiguration.TestSessionTimeout=3000000 || status=$?
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get notExecuted)))
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
