#!/usr/bin/env bash
# Installs the Debian packages Mote needs, only when something is missing. Idempotent and quiet
# when there is nothing to do. Used by `make demo`, `make test` and CI on a fresh machine.
set -euo pipefail
packages=(libopenblas-dev libflatbuffers-dev flatbuffers-compiler pkg-config
          gcc-aarch64-linux-gnu gcc-arm-linux-gnueabihf qemu-user)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
