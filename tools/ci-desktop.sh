#!/usr/bin/env bash
# ci-desktop.sh — run a command inside a throw-away, REAL headless Linux desktop:
#   Xvfb (X server) + trayer (XEmbed system-tray host) + private D-Bus session bus
#   + dunst (org.freedesktop.Notifications) + dbus-monitor (notification log)
#   + gnome-keyring-daemon (org.freedesktop.secrets, unlocked non-interactively)
#   + optionally a real StatusNotifierItem host (CI_DESKTOP_SNI=1).
#
# Usage:   tools/ci-desktop.sh [--no-install] [--] COMMAND [ARGS...]
#          tools/ci-desktop.sh --install-only
#   e.g.   tools/ci-desktop.sh .venv/bin/python -m pytest -m desktop
#          CI_DESKTOP_SNI=1 tools/ci-desktop.sh --no-install .venv/bin/python -m tray_app --demo
#
# Debian 12 (bookworm), as root (or with sudo for the apt step). --install-only installs
# the apt packages (runtime + the -dev packages pip needs to build PyGObject<3.51, pycairo
# and dbus-python) and exits: run it BEFORE `pip install`, as tools/run-tests.sh does.
# Exit status = COMMAND's exit status, or 90-95 if the desktop failed to start.
#
# Environment exported to COMMAND:
#   DISPLAY, DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR, XDG_DATA_HOME, XDG_CACHE_HOME,
#   XDG_CONFIG_HOME, GNOME_KEYRING_CONTROL, NO_AT_BRIDGE=1,
#   CI_DESKTOP_DIR          scratch dir of this run (screenshots can go here)
#   CI_DESKTOP_NOTIFY_LOG   dbus-monitor log of every org.freedesktop.Notifications call
#   CI_DESKTOP_TRAY_WINDOW  X window id (hex) of the trayer panel that hosts XEmbed tray icons
#   CI_DESKTOP_SNI_WINDOW   (only with CI_DESKTOP_SNI=1) X window id of the SNI tray bar
#
# Knobs (env): CI_DESKTOP_SCREEN (default 1024x768x24), CI_KEYRING_PASSWORD (default
#   ci-desktop), CI_DESKTOP_KEEP=1 keeps $CI_DESKTOP_DIR afterwards, CI_DESKTOP_DEV=0 skips
#   the -dev packages, CI_DESKTOP_SNI=1 also installs and runs gtk-sni-tray-standalone
#   (watcher + tray bar at the bottom; pystray's appindicator backend then registers over
#   SNI/dbusmenu instead of XEmbed), CI_DESKTOP_EXTRA_PKGS="a b" adds apt packages to the
#   same install step.
# shellcheck disable=SC2317  # cleanup/trap functions are called indirectly
set -euo pipefail

INSTALL=1
INSTALL_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --no-install) INSTALL=0; shift ;;
    --install-only) INSTALL_ONLY=1; shift ;;
    --) shift; break ;;
    -h|--help) sed -n '2,31p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
if [ "$INSTALL_ONLY" = 0 ] && [ $# -eq 0 ]; then
  echo "usage: $0 [--no-install] [--] COMMAND [ARGS...] | $0 --install-only" >&2
  exit 2
fi

log() { echo "[ci-desktop] $*" >&2; }

# ---------------------------------------------------------------- 1. packages
RUNTIME_PKGS=(
  xvfb x11-utils xdotool imagemagick fonts-dejavu-core         # X server + inspection/screenshots
  fonts-wqy-microhei                                           # CJK glyphs: the zh History chart, screenshots
  dbus dbus-bin libglib2.0-bin                                 # dbus-daemon, dbus-monitor, gdbus
  dunst libnotify-bin                                          # notification daemon + notify-send
  gnome-keyring libsecret-tools                                # Secret Service + secret-tool
  trayer                                                       # XEmbed tray host (no stalonetray in bookworm)
  polybar                                                      # a real status bar for `status --format polybar`
  gir1.2-gtk-3.0 gir1.2-ayatanaappindicator3-0.1               # typelibs for pystray's gtk/appindicator
)
DEV_PKGS=(
  pkg-config libgirepository1.0-dev libcairo2-dev              # pip build of PyGObject<3.51 + pycairo
  libdbus-1-dev libglib2.0-dev                                 # pip build of dbus-python (plyer's D-Bus path)
)
if [ "$INSTALL" = 1 ]; then
  want=("${RUNTIME_PKGS[@]}")
  [ "${CI_DESKTOP_DEV:-1}" = 1 ] && want+=("${DEV_PKGS[@]}")
  [ "${CI_DESKTOP_SNI:-0}" = 1 ] && want+=(haskell-gtk-sni-tray-utils)
  if [ -n "${CI_DESKTOP_EXTRA_PKGS:-}" ]; then
    read -r -a extra <<<"$CI_DESKTOP_EXTRA_PKGS"
    want+=("${extra[@]}")
  fi
  missing=()
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    SUDO=()
    [ "$(id -u)" = 0 ] || SUDO=(sudo)
    log "installing: ${missing[*]}"
    t0=$(date +%s)
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    log "apt done in $(( $(date +%s) - t0 ))s"
  else
    log "apt packages already installed"
  fi
fi
[ "$INSTALL_ONLY" = 1 ] && exit 0

# ---------------------------------------------------------------- 2. scratch dir + cleanup
CI_DESKTOP_DIR=$(mktemp -d -t ci-desktop.XXXXXX)
chmod 700 "$CI_DESKTOP_DIR"
PIDS=()          # every daemon we start, in start order; killed in reverse, by PID only
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for (( i=${#PIDS[@]}-1; i>=0; i-- )); do kill "${PIDS[$i]}" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "${CI_DESKTOP_KEEP:-0}" = 1 ]; then log "kept $CI_DESKTOP_DIR"; else rm -rf "$CI_DESKTOP_DIR"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A daemon that did not come up: show its log (CI has no other way to see it) and give up.
fail() {  # fail EXIT_CODE LOGFILE
  log "startup failed; last lines of $2:"
  tail -n 20 "$CI_DESKTOP_DIR/$2" >&2 2>/dev/null || true
  exit "$1"
}

wait_for() {  # wait_for SECONDS DESCRIPTION CMD...
  local secs=$1 what=$2; shift 2
  local n=$(( secs * 10 ))
  for _ in $(seq "$n"); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  log "timeout waiting for $what"; return 1
}

export XDG_RUNTIME_DIR="$CI_DESKTOP_DIR/run";    mkdir -m 700 "$XDG_RUNTIME_DIR"
export XDG_DATA_HOME="$CI_DESKTOP_DIR/data";     mkdir -p "$XDG_DATA_HOME"     # keyrings live here
export XDG_CACHE_HOME="$CI_DESKTOP_DIR/cache";   mkdir -p "$XDG_CACHE_HOME"
export XDG_CONFIG_HOME="$CI_DESKTOP_DIR/config"; mkdir -p "$XDG_CONFIG_HOME"
export NO_AT_BRIDGE=1            # don't spawn the at-spi accessibility bus from GTK apps
export CI_DESKTOP_DIR

# ---------------------------------------------------------------- 3. X server
# -displayfd lets Xvfb pick a free display number itself (no lock-file races).
Xvfb -displayfd 3 -screen 0 "${CI_DESKTOP_SCREEN:-1024x768x24}" -nolisten tcp -noreset \
  3>"$CI_DESKTOP_DIR/display" >"$CI_DESKTOP_DIR/xvfb.log" 2>&1 &
PIDS+=($!)
wait_for 15 "Xvfb" test -s "$CI_DESKTOP_DIR/display" || fail 90 xvfb.log
DISPLAY=":$(tr -dc 0-9 < "$CI_DESKTOP_DIR/display")"; export DISPLAY
wait_for 10 "X display $DISPLAY" xdpyinfo || fail 90 xvfb.log
log "Xvfb on $DISPLAY"

# ---------------------------------------------------------------- 4. D-Bus session bus
# A private bus, always set, so nothing falls back to dbus-x11 "autolaunch" (which
# leaks a stray dbus-daemon per X display) and nothing talks to another session's bus.
dbus-daemon --session --nofork --nopidfile --address="unix:path=$XDG_RUNTIME_DIR/bus" \
  --print-address=4 4>"$CI_DESKTOP_DIR/bus-address" >"$CI_DESKTOP_DIR/dbus.log" 2>&1 &
PIDS+=($!)
wait_for 10 "dbus-daemon" test -s "$CI_DESKTOP_DIR/bus-address" || fail 91 dbus.log
DBUS_SESSION_BUS_ADDRESS="$(head -n1 "$CI_DESKTOP_DIR/bus-address")"; export DBUS_SESSION_BUS_ADDRESS
bus_has() {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner "$1" 2>/dev/null | grep -q true
}

# ---------------------------------------------------------------- 5. notifications
export CI_DESKTOP_NOTIFY_LOG="$CI_DESKTOP_DIR/notifications.log"
dbus-monitor --session "interface='org.freedesktop.Notifications'" >"$CI_DESKTOP_NOTIFY_LOG" 2>&1 &
PIDS+=($!)
# Popups at dunst's default place (top right, below trayer), at most two on screen and none
# taller than 300 px: critical ones stay until dismissed (as the specification asks), and
# three stacked ones grew over the SNI bar at the bottom and hid the icon the tests look for
# (the desktop tests also close every popup before each test). What is sent is read from
# the D-Bus log above, not from the screen.
cat >"$CI_DESKTOP_DIR/dunstrc" <<'DUNSTRC'
[global]
    origin = top-right
    offset = 10x50
    notification_limit = 2
    height = 300
DUNSTRC
dunst -config "$CI_DESKTOP_DIR/dunstrc" >"$CI_DESKTOP_DIR/dunst.log" 2>&1 &
PIDS+=($!)
wait_for 10 "dunst on org.freedesktop.Notifications" bus_has org.freedesktop.Notifications \
  || fail 92 dunst.log

# ---------------------------------------------------------------- 6. keyring
# --unlock reads the password from stdin (to EOF: printf, no newline) and creates/unlocks
# the "login" keyring, which becomes the default collection -> no GUI prompt ever
# (a locked or missing collection would make keyring wait forever on a prompt).
printf %s "${CI_KEYRING_PASSWORD:-ci-desktop}" > "$CI_DESKTOP_DIR/keyring-pw"
gnome-keyring-daemon --foreground --unlock --components=secrets \
  <"$CI_DESKTOP_DIR/keyring-pw" >"$CI_DESKTOP_DIR/gnome-keyring.env" 2>"$CI_DESKTOP_DIR/gnome-keyring.log" &
PIDS+=($!)
wait_for 10 "gnome-keyring on org.freedesktop.secrets" bus_has org.freedesktop.secrets \
  || fail 93 gnome-keyring.log
rm -f "$CI_DESKTOP_DIR/keyring-pw"
set -a
# shellcheck disable=SC1091  # written at run time by gnome-keyring-daemon
. "$CI_DESKTOP_DIR/gnome-keyring.env" 2>/dev/null || true
set +a

# ---------------------------------------------------------------- 7. tray host
trayer --edge top --align right --widthtype request --height 32 --transparent false \
  --SetDockType true --SetPartialStrut false --expand true >"$CI_DESKTOP_DIR/trayer.log" 2>&1 &
PIDS+=($!)
tray_up() { xwininfo -root -tree | grep -q '("panel" "trayer")'; }
wait_for 10 "trayer panel" tray_up || fail 94 trayer.log
export CI_DESKTOP_TRAY_WINDOW
CI_DESKTOP_TRAY_WINDOW=$(xwininfo -root -tree | awk '/\("panel" "trayer"\)/ {print $1; exit}')

if [ "${CI_DESKTOP_SNI:-0}" = 1 ]; then
  # --watcher: it also owns org.kde.StatusNotifierWatcher, so appindicator uses SNI.
  # It sometimes dies at start (its host asks its own watcher before that is exported:
  # "UnknownObject ... Pattern match failure", ~1 start in 3 here): start it again then.
  sni_up() { xwininfo -root -tree | grep -E '\("gtk-sni-tray-standalone" ".*"\) +[0-9]{3,}x' ; }
  sni_ready() { kill -0 "$1" && bus_has org.kde.StatusNotifierWatcher && sni_up; }
  sni_dead() { ! kill -0 "$1"; }
  for attempt in 1 2 3 4 5 6 7 8; do
    gtk-sni-tray-standalone --bottom --end --watcher --size 32 --color '#3366cc' \
      >>"$CI_DESKTOP_DIR/sni-tray.log" 2>&1 &
    sni_pid=$!
    PIDS+=("$sni_pid")
    for _ in $(seq 150); do
      sni_ready "$sni_pid" >/dev/null 2>&1 && break
      sni_dead "$sni_pid" && break
      sleep 0.1
    done
    # settle: the crash comes right after the watcher appears; make sure it stayed up
    sleep 0.3
    sni_ready "$sni_pid" >/dev/null 2>&1 && break
    log "SNI tray host failed to start (attempt $attempt)"
    kill "$sni_pid" 2>/dev/null || true
    wait "$sni_pid" 2>/dev/null || true
    unset 'PIDS[${#PIDS[@]}-1]'
    [ "$attempt" = 8 ] && fail 95 sni-tray.log
  done
  export CI_DESKTOP_SNI_WINDOW
  CI_DESKTOP_SNI_WINDOW=$(sni_up | awk '{print $1; exit}')
fi

log "desktop ready: DISPLAY=$DISPLAY bus=$DBUS_SESSION_BUS_ADDRESS tray=$CI_DESKTOP_TRAY_WINDOW${CI_DESKTOP_SNI_WINDOW:+ sni=$CI_DESKTOP_SNI_WINDOW}"

# ---------------------------------------------------------------- 8. the command
# Run it as a child we can wait on, so a TERM/INT to this script cleans up at once
# (explicit <&0 keeps stdin; a plain '&' would give the command /dev/null).
set +e
"$@" <&0 &
CMD_PID=$!
PIDS+=("$CMD_PID")
wait "$CMD_PID"
rc=$?
unset 'PIDS[${#PIDS[@]}-1]'
set -e
log "command exited $rc"
exit "$rc"
