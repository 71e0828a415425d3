#!/usr/bin/env bash
# Installs what the browser tests need from Debian when missing: chromium and a CJK font (without
# it Chinese renders as boxes). Fails loudly — tests are never silently skipped.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 || need+=(fonts-wqy-zenhei)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "Installing from Debian: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ERROR: need root (or sudo) to install ${need[*]} — install them and re-run." >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || { echo "ERROR: apt-get update failed" >&2; exit 1; }
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || { echo "ERROR: apt-get install ${need[*]} failed" >&2; exit 1; }
command -v chromium >/dev/null 2>&1 || { echo "ERROR: chromium still missing after install" >&2; exit 1; }
echo "Installed: ${need[*]}"
