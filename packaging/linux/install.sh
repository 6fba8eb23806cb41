#!/usr/bin/env bash
# Installs TKG Journal for this user only, from the unpacked tar.gz; no root needed:
#
#   ./install.sh
#
#   ~/.local/opt/tkg-journal/     the app (replaced whole by a newer version)
#   ~/.local/bin/tkg-journal      a link to it, for the terminal
#   $XDG_DATA_HOME/applications/tkg-journal.desktop and icons/hicolor/*/apps/tkg-journal.*
#                                 the menu launcher and its icon (XDG_DATA_HOME defaults to
#                                 ~/.local/share)
#
# TKG_JOURNAL_PREFIX=/some/folder ./install.sh puts the app there instead of ~/.local/opt.
# ./uninstall.sh (also kept as ~/.local/opt/tkg-journal/uninstall.sh) removes all of it;
# the journal itself (~/.local/share/tkg-journal) is never touched by either.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
APP=tkg-journal
DEST=${TKG_JOURNAL_PREFIX:-$HOME/.local/opt/$APP}
BIN=$HOME/.local/bin
DATA=${XDG_DATA_HOME:-$HOME/.local/share}

die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }
[ -x "$HERE/$APP/$APP" ] || die "run it from the unpacked tar.gz ($HERE/$APP/$APP is missing)"
[ "$(uname -m)" = x86_64 ] || die "this build is for x86_64 Linux, not $(uname -m)"
[ "$DEST" != / ] || die "TKG_JOURNAL_PREFIX must not be /"

# Copied beside the old version first and swapped in at the end: an interrupted install
# leaves the previous version working.
mkdir -p "$(dirname "$DEST")" "$BIN"
rm -rf "$DEST.new"
cp -a "$HERE/$APP" "$DEST.new"
rm -rf "$DEST"
mv "$DEST.new" "$DEST"
ln -sfn "$DEST/$APP" "$BIN/$APP"

# Icons at every size (menus, docks and the window list pick the closest), then the
# launcher: the app writes it itself, exactly as for a pip install, with Exec= the
# absolute path of this copy (the desktop's PATH may not hold ~/.local/bin), and it
# refreshes the menu and icon caches where their tools are installed.
for icon in "$HERE"/share/icons/hicolor/*/apps/$APP.*; do
  size=$(basename "$(dirname "$(dirname "$icon")")")
  install -D -m 0644 "$icon" "$DATA/icons/hicolor/$size/apps/$(basename "$icon")"
done
XDG_DATA_HOME=$DATA "$DEST/$APP" --install-desktop-entry

# The app runs on the machine's own desktop libraries (X11/xcb, fontconfig, GL, GTK); a
# missing one is named now rather than as a window that never opens. (Only a hint: ldd
# itself may be missing or refuse, which must not stop the install.)
missing=$({ ldd "$DEST"/_internal/PySide6/Qt/plugins/platforms/libqxcb.so \
  "$DEST"/_internal/PySide6/Qt/lib/libQt6Gui.so.6 2>/dev/null || true; } \
  | awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')
if [ -n "$missing" ]; then
  printf 'install.sh: warning: these libraries are missing, so the window cannot open: %s\n' \
    "$missing" >&2
  printf '  on Debian/Ubuntu: sudo apt-get install libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1\n' >&2
fi

echo "TKG Journal $("$DEST/$APP" --version | cut -d' ' -f2) is installed in $DEST."
echo "Start it from the menu (Office ▸ TKG Journal) or with: $BIN/$APP"
case ":$PATH:" in
  *":$BIN:"*) ;;
  *) echo "($BIN is not on your PATH: add it to type just '$APP' in a terminal.)" ;;
esac
