#!/usr/bin/env bash
# Quick start: starts the bot on the embedded default configuration (sip-config/), SIP on UDP+TCP port 5060.
# Extra arguments go to the host, e.g. scripts/run.sh --Sip:Port=5080
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$repo/scripts/setup.sh"
exec dotnet "$repo/src/PhoneAgent.Host/bin/Release/net10.0/phoneagent.dll" --contentRoot "$repo/src/PhoneAgent.Host/bin/Release/net10.0" "$@"
