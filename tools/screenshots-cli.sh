#!/usr/bin/env bash
# screenshots-cli.sh — the README's terminal screenshots, taken for real: `mystatus-tray status
# --demo` in a real terminal (xterm, 60 columns: the report wrapped at word boundaries and
# coloured by severity, as on a user's terminal) on the headless desktop of
# tools/ci-desktop.sh, in English and Traditional Chinese (`script` gives the command a
# terminal of its own, so that only its first screenful is shown). Each shot waits for the command to
# have finished (a marker file it writes), not on time.
#
# Usage:   bash tools/screenshots-cli.sh [OUTDIR]        (default: docs/screenshots)
# Writes:  OUTDIR/cli-60.png        status --demo at 60 columns, English
#          OUTDIR/cli-60-zh-TW.png  the same in Traditional Chinese
# Knobs:   PYTHON (default .venv/bin/python, else python3)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

OUT=${1:-docs/screenshots}
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=python3; fi
fi

if [ -z "${CI_DESKTOP_TRAY_WINDOW:-}" ]; then
  CI_DESKTOP_EXTRA_PKGS="${CI_DESKTOP_EXTRA_PKGS:-} xterm" \
    exec bash tools/ci-desktop.sh -- env PYTHON="$PY" bash "${BASH_SOURCE[0]}" "$OUT"
fi

command -v xterm >/dev/null || { echo "screenshots-cli: xterm is needed (apt install xterm)" >&2; exit 1; }
mkdir -p "$OUT"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

shoot() {  # LANG NAME ROWS
  local lang=$1 name=$2 rows=$3 done="$work/done-$1"
  xterm -class mystatus-cli-shot -geometry "60x$rows+0+0" -fa "DejaVu Sans Mono" -fs 10 \
    -fd "WenQuanYi Micro Hei Mono" -bg "#0d1117" -fg "#e6edf3" +sb -bw 0 \
    -e bash -c "export TERM=xterm-256color LANG=C.UTF-8; \
      script -qec \"'$PY' -m tray_app status --demo --lang $lang\" /dev/null | head -n $((rows - 1)); \
      touch '$done'; sleep 600" &
  local term=$!
  for _ in $(seq 600); do [ -e "$done" ] && break; sleep 0.1; done
  [ -e "$done" ] || { echo "screenshots-cli: status never finished" >&2; kill $term; exit 1; }
  local wid=""
  for _ in $(seq 100); do
    wid=$(xdotool search --onlyvisible --class mystatus-cli-shot | head -n 1) && [ -n "$wid" ] && break
    sleep 0.1
  done
  [ -n "$wid" ] || { echo "screenshots-cli: no terminal window" >&2; exit 1; }
  sleep 0.5  # xterm paints what it has read
  import -window "$wid" "$OUT/$name"
  kill $term 2>/dev/null || true
  wait $term 2>/dev/null || true
}

shoot en cli-60.png 40
shoot zh-TW cli-60-zh-TW.png 40
echo "screenshots: wrote $OUT/cli-60.png, cli-60-zh-TW.png"
