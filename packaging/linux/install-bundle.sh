#!/bin/sh
# install.sh — install this PyInstaller folder of mystatus-tray for the current user:
#   ~/.local/opt/mystatus-tray/        the folder (replaced on update)
#   ~/.local/bin/mystatus-tray         a symlink to the executable
#   ~/.local/share/applications/       the menu entry (Exec = the absolute path)
#   ~/.local/share/icons/hicolor/256x256/apps/mystatus-tray.png
# Then: `~/.local/bin/mystatus-tray autostart on` starts it at every login.
# Usage: ./install.sh [--uninstall]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
dest=$HOME/.local/opt/mystatus-tray
bin=$HOME/.local/bin/mystatus-tray
desktop=$data/applications/mystatus-tray.desktop
icon=$data/icons/hicolor/256x256/apps/mystatus-tray.png

if [ "${1:-}" = "--uninstall" ]; then
  "$bin" autostart off 2>/dev/null || true
  rm -rf "$dest"; rm -f "$bin" "$desktop" "$icon"
  echo "mystatus-tray removed"
  exit 0
fi
[ -x "$here/mystatus-tray" ] || { echo "install.sh: run it from the unpacked mystatus-tray folder" >&2; exit 2; }
if [ "$here" != "$dest" ]; then
  rm -rf "$dest.new"; mkdir -p "$(dirname "$dest")"
  cp -a "$here" "$dest.new"
  rm -rf "$dest"; mv "$dest.new" "$dest"
fi
mkdir -p "$(dirname "$bin")" "$(dirname "$desktop")" "$(dirname "$icon")"
ln -sf "$dest/mystatus-tray" "$bin"
cp "$dest/mystatus-tray.png" "$icon"
# Exec with the absolute path: a login session's PATH may not contain ~/.local/bin.
sed "s|^Exec=.*|Exec=\"$dest/mystatus-tray\"|" "$dest/mystatus-tray.desktop" > "$desktop"
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q "$data/applications" || true
fi
echo "installed: $bin -> $dest/mystatus-tray"
echo "start at login: $bin autostart on"
