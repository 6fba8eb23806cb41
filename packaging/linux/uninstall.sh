#!/usr/bin/env bash
# Removes what install.sh installed for this user: the app folder, the ~/.local/bin link,
# the menu launcher and the icons. The journal (~/.local/share/tkg-journal, or wherever
# TKG_JOURNAL_HOME points) and its backups stay: delete them yourself if you mean to.
#
#   ./uninstall.sh        (from the unpacked tar.gz, or ~/.local/opt/tkg-journal/uninstall.sh)
set -euo pipefail
APP=tkg-journal
DEST=${TKG_JOURNAL_PREFIX:-$HOME/.local/opt/$APP}
BIN=$HOME/.local/bin
DATA=${XDG_DATA_HOME:-$HOME/.local/share}

# The launcher and the scalable icon go the way they came: the app removes what
# --install-desktop-entry wrote (and refreshes the menu's cache).
if [ -x "$DEST/$APP" ]; then
  XDG_DATA_HOME=$DATA "$DEST/$APP" --uninstall-desktop-entry >/dev/null
fi
rm -f "$DATA/applications/$APP.desktop"
for icon in "$DATA"/icons/hicolor/*/apps/$APP.png "$DATA"/icons/hicolor/scalable/apps/$APP.svg; do
  rm -f "$icon"
done
if command -v gtk-update-icon-cache >/dev/null && [ -d "$DATA/icons/hicolor" ]; then
  gtk-update-icon-cache --ignore-theme-index --quiet "$DATA/icons/hicolor" || true
fi

# The link only if it is ours (a pip install's tkg-journal may sit there instead).
if [ -L "$BIN/$APP" ] && [ "$(readlink "$BIN/$APP")" = "$DEST/$APP" ]; then
  rm -f "$BIN/$APP"
fi
# Only a folder that holds this app: a mistyped TKG_JOURNAL_PREFIX must not delete others.
if [ -d "$DEST" ]; then
  [ -x "$DEST/$APP" ] && [ -d "$DEST/_internal" ] \
    || { echo "uninstall.sh: $DEST does not look like TKG Journal; left alone" >&2; exit 1; }
  rm -rf "$DEST"
fi
echo "TKG Journal is removed. Your journal in ${TKG_JOURNAL_HOME:-$DATA/$APP} is kept."
