#!/usr/bin/env bash
# run-tests.sh — THE test command (README, CI): from a fresh Debian 12 machine to a full run.
#
# Usage:   bash tools/run-tests.sh [PYTEST ARGS...]
#   e.g.   bash tools/run-tests.sh                  # everything, as CI does
#          bash tools/run-tests.sh tests/unit -x    # extra args go to pytest
#
# Phases (each timed; a summary is printed at the end):
#   1. apt     tools/ci-desktop.sh --install-only: the headless desktop's packages and the -dev
#              packages pip needs to build PyGObject<3.51, pycairo and dbus-python (as root,
#              or with sudo; nothing to do when they are already installed)
#   2. venv    .venv from `python3` (or $PYTHON), `pip install -e '.[appindicator,dev,bundle]'`;
#              skipped when .venv/.run-tests-stamp matches pyproject.toml and the interpreter
#   3. ruff    ruff check .
#   4. mypy    mypy (configured in pyproject.toml)
#      actionlint  .github/workflows (when .venv has actionlint: the `actionlint` extra)
#      oracles tools/npm-oracles.sh: the pinned OpenCode 2 and ccusage from npm (cached per machine)
#   5. pytest  python -m pytest ARGS inside tools/ci-desktop.sh (Xvfb + trayer XEmbed tray +
#              D-Bus + dunst + gnome-keyring), so the `desktop` tests run for real
#   6. sni     the `desktop` tests again with a real StatusNotifierItem host
#              (CI_DESKTOP_SNI=1, PYSTRAY_BACKEND=appindicator): the path GNOME/KDE users take
#   7. bundle  PyInstaller builds packaging/pyinstaller/mystatus-tray.spec into a temp dir;
#              the built binary must answer `status --demo --json` (schema 1, 9 providers),
#              then tests/desktop/bundle runs it in the headless desktop (MYSTATUS_BUNDLE_EXE):
#              the frozen tray docks, stays single, autostart/keyring/token dialog work
# pytest's "no tests collected" (exit 5) counts as a failure.
#
# Knobs (env): PYTHON (default python3), RUN_TESTS_SNI=0 skips phase 6, RUN_TESTS_LINT=0
#   skips phases 3-4, RUN_TESTS_TIMEOUT seconds per pytest phase (default 1200),
#   RUN_TESTS_BUNDLE=0 skips phase 7 (default: run it when no pytest ARGS are given;
#   RUN_TESTS_BUNDLE=1 runs it with ARGS too).
# shellcheck disable=SC2317  # phase bodies are functions that `phase` calls indirectly
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
ROOT=$PWD
PY=${PYTHON:-python3}
SNI=${RUN_TESTS_SNI:-1}
BUNDLE=${RUN_TESTS_BUNDLE:-$([ $# -eq 0 ] && echo 1 || echo 0)}
LINT=${RUN_TESTS_LINT:-1}
TIMEOUT=${RUN_TESTS_TIMEOUT:-1200}
VENV=$ROOT/.venv
STAMP=$VENV/.run-tests-stamp
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

SUMMARY=()
FAILED=0
FIRST_RC=0
T_START=$(date +%s.%N)

say() { printf '\n==> [run-tests] %s\n' "$*" >&2; }
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# phase NAME CMD... : run CMD, time it, record the result (never aborts the script).
phase() {
  local name=$1; shift
  say "$name: $*"
  local t0 rc
  t0=$(date +%s.%N)
  "$@"
  rc=$?
  local secs
  secs=$(elapsed "$t0")
  if [ "$rc" = 0 ]; then
    SUMMARY+=("$(printf '%-7s ok      %7ss' "$name" "$secs")")
  else
    SUMMARY+=("$(printf '%-7s FAILED  %7ss  (exit %s)' "$name" "$secs" "$rc")")
    FAILED=1
    [ "$FIRST_RC" = 0 ] && FIRST_RC=$rc
  fi
  say "$name: exit $rc after ${secs}s"
  return "$rc"
}
skip() { SUMMARY+=("$(printf '%-7s skipped  (%s)' "$1" "$2")"); }

finish() {
  printf '\n==> [run-tests] summary (total %ss)\n' "$(elapsed "$T_START")" >&2
  printf '    %s\n' "${SUMMARY[@]}" >&2
  if [ "$FAILED" = 0 ]; then
    echo "==> [run-tests] PASSED" >&2
    exit 0
  fi
  echo "==> [run-tests] FAILED" >&2
  exit "$FIRST_RC"
}

# ---------------------------------------------------------------- 1. apt
command -v "$PY" >/dev/null || { echo "run-tests: no $PY on PATH (set PYTHON=...)" >&2; exit 2; }
# Debian's own python3 lacks venv/ensurepip and the C headers unless their packages are there
# (pyenv's python3 has both); add them to the same apt step when needed.
EXTRA=""
if ! "$PY" -c 'import ensurepip, os, sysconfig, sys
sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' 2>/dev/null
then
  EXTRA="python3-venv python3-dev"
fi
# PyInstaller needs binutils (objdump/strip) for the bundle phase.
[ "$BUNDLE" = 1 ] && EXTRA="$EXTRA binutils"
# actionlint runs shellcheck on the workflow's run: scripts (lint phase).
[ "$LINT" = 1 ] && EXTRA="$EXTRA shellcheck"
phase apt env CI_DESKTOP_SNI="$SNI" CI_DESKTOP_EXTRA_PKGS="$EXTRA" \
  bash tools/ci-desktop.sh --install-only || finish

# ---------------------------------------------------------------- 2. venv
want_stamp() {
  printf '%s\n' "$("$PY" -c 'import sys; print(sys.executable, sys.version)')"
  sha256sum pyproject.toml
}
make_venv() {
  if [ -x "$VENV/bin/python" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(want_stamp)" ]; then
    echo "reusing .venv (pyproject.toml and $PY unchanged)"
    return 0
  fi
  rm -f "$STAMP"
  # --clear: a .venv of another interpreter (or a broken one) is rebuilt, not patched.
  "$PY" -m venv --clear "$VENV" || return
  "$VENV/bin/python" -m pip install -q -e '.[appindicator,dev,bundle,actionlint]' || return
  want_stamp >"$STAMP"
}
phase venv make_venv || finish
"$VENV/bin/python" -c 'import sys; print("python", sys.version.split()[0])' >&2

# ---------------------------------------------------------------- 3-4. lint
if [ "$LINT" = 1 ]; then
  phase ruff "$VENV/bin/ruff" check .
  phase mypy "$VENV/bin/mypy"
  # .github/workflows/ci.yml cannot run here: actionlint checks it (with shellcheck for its
  # run: scripts), from the `actionlint` extra. Missing under CI is a failure, not a skip.
  if [ -x "$VENV/bin/actionlint" ]; then
    phase actionlint "$VENV/bin/actionlint" -verbose
  elif [ "${CI:-}" = true ]; then
    phase actionlint sh -c 'echo "actionlint is not in .venv (the actionlint extra)" >&2; exit 1'
  else
    skip actionlint "not installed: pip install -e '.[actionlint]' (Linux x86-64 wheels)"
  fi
else
  skip ruff "RUN_TESTS_LINT=0"; skip mypy "RUN_TESTS_LINT=0"; skip actionlint "RUN_TESTS_LINT=0"
fi

# ---------------------------------------------------------------- oracles
# The real programs some tests check us against (OpenCode 2 and ccusage, pinned, from npm),
# installed once per machine into a cache outside the checkout (tools/npm-oracles.sh; it
# installs node and npm with apt when the machine has none). Their paths reach the tests as
# MYSTATUS_OPENCODE_BIN and MYSTATUS_CCUSAGE_BIN; under CI a test that needs one fails without it.
load_oracles() {
  local out line
  out=$(bash tools/npm-oracles.sh) || return
  while IFS= read -r line; do
    case "$line" in
      OPENCODE_BIN=*) export MYSTATUS_OPENCODE_BIN="${line#OPENCODE_BIN=}" ;;
      CCUSAGE_BIN=*) export MYSTATUS_CCUSAGE_BIN="${line#CCUSAGE_BIN=}" ;;
    esac
  done <<<"$out"
  "$MYSTATUS_OPENCODE_BIN" --version && "$MYSTATUS_CCUSAGE_BIN" --version
}
phase oracles load_oracles

# ---------------------------------------------------------------- 5-6. pytest in the desktop
# pytest_in_desktop NO_TESTS_OK SNI ARGS... : exit 5 ("no tests collected") is a failure unless
# NO_TESTS_OK=1; timeout bounds a hung GUI test (the desktop script cleans up on TERM).
pytest_in_desktop() {
  local no_tests_ok=$1 sni=$2; shift 2
  local envs=(CI_DESKTOP_SNI="$sni")
  [ "$sni" = 1 ] && envs+=(PYSTRAY_BACKEND=appindicator)
  env "${envs[@]}" timeout -k 30 "$TIMEOUT" bash tools/ci-desktop.sh --no-install -- \
    "$VENV/bin/python" -m pytest "$@"
  local rc=$?
  if [ "$rc" = 5 ]; then
    if [ "$no_tests_ok" = 1 ]; then
      echo "run-tests: no desktop tests selected by these arguments" >&2
      return 0
    fi
    echo "run-tests: pytest collected no tests (exit 5): counted as a failure" >&2
  fi
  [ "$rc" = 124 ] && echo "run-tests: pytest timed out after ${TIMEOUT}s" >&2
  return "$rc"
}
phase pytest pytest_in_desktop 0 0 "$@"

if [ "$SNI" = 1 ]; then
  # With extra args the selection may hold no desktop test at all: that is fine there.
  phase sni pytest_in_desktop "$([ $# -gt 0 ] && echo 1 || echo 0)" 1 -m desktop "$@"
else
  skip sni "RUN_TESTS_SNI=0"
fi

# ---------------------------------------------------------------- 7. bundle
# build_bundle: PyInstaller into a temp dir (never the work tree's dist/), check the binary's
# `status --demo --json`, then the desktop tests of the frozen app; timings and size printed.
build_bundle() {
  local out rc t0 exe
  out=$(mktemp -d -t mystatus-bundle.XXXXXX)
  t0=$(date +%s.%N)
  "$VENV/bin/pyinstaller" --noconfirm --log-level WARN --distpath "$out/dist" \
    --workpath "$out/build" packaging/pyinstaller/mystatus-tray.spec >"$out/build.log" 2>&1
  rc=$?
  if [ "$rc" != 0 ]; then
    tail -n 40 "$out/build.log" >&2
    rm -rf "$out"
    return "$rc"
  fi
  exe="$out/dist/mystatus-tray/mystatus-tray"
  echo "bundle: built in $(elapsed "$t0")s, $(du -sh "$out/dist/mystatus-tray" | cut -f1)," \
    "$(find "$out/dist/mystatus-tray" -type f | wc -l) files" >&2
  t0=$(date +%s.%N)
  "$exe" status --demo --json >"$out/status.json"
  rc=$?
  echo "bundle: status --demo --json exit $rc in $(elapsed "$t0")s" >&2
  if [ "$rc" = 0 ]; then
    "$VENV/bin/python" - "$out/status.json" <<'PY'
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
ids = [p["id"] for p in data["providers"]]
assert data["schema"] == 1, data["schema"]
from tray_app.providers.names import PROVIDER_IDS
assert ids == list(PROVIDER_IDS), ids  # every provider, in display order
print("bundle: status JSON ok: schema 1,", len(ids), "providers", file=sys.stderr)
PY
    rc=$?
  fi
  if [ "$rc" = 0 ]; then
    t0=$(date +%s.%N)
    MYSTATUS_BUNDLE_EXE="$exe" pytest_in_desktop 0 0 tests/desktop/bundle -p no:cacheprovider
    rc=$?
    echo "bundle: desktop tests of the frozen app exit $rc in $(elapsed "$t0")s" >&2
  fi
  rm -rf "$out"
  return "$rc"
}
if [ "$BUNDLE" = 1 ]; then
  phase bundle build_bundle
else
  skip bundle "RUN_TESTS_BUNDLE=0 or pytest ARGS given"
fi

finish
