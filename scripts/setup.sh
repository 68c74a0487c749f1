#!/usr/bin/env bash
# Installs what PhoneAgent needs on a Debian 12 machine with the .NET 10 SDK, idempotently:
# Debian packages (via sudo when not root), then a Release build of the solution.
# Sourced or run by scripts/run.sh and scripts/test.sh; safe to run any number of times.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Peers and tools the tests drive for real (sipp, baresip), plus sox for audio checks (the G.711 tests use it as
# their reference). libopus0 is the only native library the product loads (libopus.so.0); its headers are not
# needed because the interop declarations are written in C#. tshark reads back the RTP captures the tests make.
apt_packages=(sip-tester baresip sox libopus0 tshark)

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK (dotnet) is not on PATH" >&2; exit 1; }
echo "setup: building PhoneAgent (Release)"
dotnet build "$repo/PhoneAgent.sln" -c Release -nologo -v quiet -clp:ErrorsOnly
