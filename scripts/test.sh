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
# The console log is long; CI shows its tail, so the failures are repeated here, just above the closing line.
if [ "$failed" -gt 0 ]; then
  echo "failed tests:"
  for trx in "$results"/*.trx; do
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
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
