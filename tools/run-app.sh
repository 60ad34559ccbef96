#!/usr/bin/env bash
# run-app.sh — install mystatus-tray into ./.venv (with what the Linux tray backends need) and
# run it. Arguments go to `mystatus-tray`, e.g.:
#   bash tools/run-app.sh              # the tray icon with your own accounts
#   bash tools/run-app.sh --demo       # the tray against the built-in simulator (no accounts needed)
#   bash tools/run-app.sh status       # the text report in the terminal
# On Debian/Ubuntu it first installs (apt, needs root or sudo) the AppIndicator/GTK typelibs and the
# headers PyGObject and dbus-python build against. Other systems: see README.md "Install".
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "[run-app] $*" >&2; }

if [ "$(uname -s)" = Linux ] && command -v apt-get >/dev/null 2>&1; then
  pkgs=(gir1.2-gtk-3.0 gir1.2-ayatanaappindicator3-0.1 libnotify-bin
        pkg-config libgirepository1.0-dev libcairo2-dev libdbus-1-dev libglib2.0-dev python3-venv
        fonts-wqy-microhei)  # the History chart in Chinese
  missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    log "installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

PY=${PYTHON:-python3}
extra=""; [ "$(uname -s)" = Linux ] && extra="[appindicator]"
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  log "creating .venv and installing mystatus-tray$extra"
  "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".$extra"
  rm -f .venv/.installed-*; touch "$stamp"
fi
exec .venv/bin/mystatus-tray "$@"
