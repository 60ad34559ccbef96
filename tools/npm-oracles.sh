#!/usr/bin/env bash
# npm-oracles.sh — installs the real programs the tests use as oracles, pinned, into a cache
# outside the checkout (so a machine downloads each once), and prints `NAME=PATH` per binary.
#
#   @opencode/cli 2.1.2  (OpenCode 2: `auth export --standalone` says which credential it uses)
#   ccusage 20.0.24      (counts tokens and cost from the same Claude Code / Codex logs as `spend`)
#
# Usage:  bash tools/npm-oracles.sh            # install if missing, print OPENCODE_BIN=... CCUSAGE_BIN=...
# Cache:  $MYSTATUS_ORACLE_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/mystatus-tray-oracles
# Needs node and npm; installs them with apt when missing and running as root (CI is root).
set -euo pipefail

CACHE=${MYSTATUS_ORACLE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mystatus-tray-oracles}
OPENCODE_VERSION=2.1.2
CCUSAGE_VERSION=20.0.24

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "npm-oracles: installing nodejs and npm with apt" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm >&2 \
      || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm >&2; }
  else
    echo "npm-oracles: npm is missing (sudo apt install nodejs npm)" >&2
    exit 3
  fi
fi

# install PKG VERSION DIR : npm install into DIR unless DIR/.done names the same version.
install() {
  local pkg=$1 version=$2 dir=$3
  if [ -f "$dir/.done" ] && [ "$(cat "$dir/.done")" = "$pkg@$version" ]; then
    return 0
  fi
  mkdir -p "$dir"
  # a lock so two test runs on one machine do not install into the same folder at once
  (
    flock 9
    if [ -f "$dir/.done" ] && [ "$(cat "$dir/.done")" = "$pkg@$version" ]; then exit 0; fi
    echo "npm-oracles: npm install $pkg@$version into $dir" >&2
    [ -f "$dir/package.json" ] || echo '{"name": "mystatus-oracle", "private": true}' >"$dir/package.json"
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "$pkg@$version" >&2
    echo "$pkg@$version" >"$dir/.done"
  ) 9>"$dir/.lock"
}

install @opencode/cli "$OPENCODE_VERSION" "$CACHE/opencode-$OPENCODE_VERSION"
install ccusage "$CCUSAGE_VERSION" "$CACHE/ccusage-$CCUSAGE_VERSION"

echo "OPENCODE_BIN=$CACHE/opencode-$OPENCODE_VERSION/node_modules/.bin/opencode"
echo "CCUSAGE_BIN=$CACHE/ccusage-$CCUSAGE_VERSION/node_modules/.bin/ccusage"
