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
# count DIR FIELD: sums a trx counter over the result files in DIR.
count() {
  local total=0 trx n
  for trx in "$1"/*.trx; do
    [ -f "$trx" ] || continue
    n=$(grep -o '<Counters [^>]*>' "$trx" | head -1 | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*' || true)
    total=$((total + ${n:-0}))
  done
  echo "$total"
}
# failures DIR: one line per failed test, "name [duration]" and its message, for the tail of the log.
failures() {
  local trx
  for trx in "$1"/*.trx; do
    [ -f "$trx" ] || continue
    if ! command -v python3 >/dev/null; then
      grep -o '<UnitTestResult [^>]*outcome="Failed"' "$trx" | grep -o 'testName="[^"]*"' || true
      continue
    fi
    python3 - "$trx" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for r in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if r.get("outcome") != "Failed":
        continue
    message = (r.findtext("t:Output/t:ErrorInfo/t:Message", "", ns) or "").strip().replace("\n", " | ")
    print(f"  {r.get('testName')} [{r.get('duration')}]\n    {message[:600]}")
PY
  done
}
passed=$(count "$results" passed); failed=$(count "$results" failed); skipped=$(count "$results" notExecuted)
if [ "$failed" -gt 0 ]; then
  echo "failed tests:"
  failures "$results"
fi
# A few failures get one more run of just those tests: the real-time tests (barge-in and media timing on the wire)
# can miss their bound when the shared machine stalls the process. A test that fails twice fails the run; one that
# passes the second time is still named here, so a flaky test is visible rather than hidden. Not when a test host
# crashed or hung (tests left unexecuted): that is never timing.
if [ "$failed" -gt 0 ] && [ "$failed" -le 5 ] && [ "$(count "$results" total)" -eq "$(count "$results" executed)" ]; then
  filter=$(grep -ho '<UnitTestResult [^>]*outcome="Failed"' "$results"/*.trx | grep -o 'testName="[^"(]*' \
    | sed 's/^testName="/FullyQualifiedName=/' | sort -u | paste -sd '|')
  rerun="$results/rerun"
  mkdir -p "$rerun"
  echo "running the failed tests again: $filter"
  rerun_status=0
  dotnet test "$repo/PhoneAgent.sln" -c Release --no-build -nologo -m:1 --filter "$filter" \
    --logger "trx" --logger "console;verbosity=normal" --results-directory "$rerun" \
    --blame-hang-timeout 5m || rerun_status=$?
  if [ "$rerun_status" -eq 0 ] && [ "$(count "$rerun" failed)" -eq 0 ] && [ "$(count "$rerun" passed)" -gt 0 ]; then
    echo "the $failed failed test(s) above passed when run again (timing on a busy machine); the run counts as passed"
    passed=$((passed + failed)); failed=0; status=0
  else
    echo "failed again:"
    failures "$rerun"
  fi
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
