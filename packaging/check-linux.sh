#!/usr/bin/env bash
# Tries the artefacts of packaging/build-linux.sh as a user would, and fails loudly:
#
#   bash packaging/check-linux.sh
#
#  1. sizes: the unpacked bundle must stay under 250 MB (printed with the .deb and tar.gz);
#  2. the bundle with nothing of this machine's Python: `env -i PATH=/usr/bin:/bin`, a new
#     HOME, under Xvfb: --self-test passes (with no D-Bus: no keyring, passphrase mode), and
#     with a real Secret Service (gnome-keyring on a private bus) it finds that keyring and
#     keeps a journal's key in it;
#  3. a 500-entry demo journal: --startup-time prints a time; a coach summary PDF is written;
#  4. the window paints on a real X server (Xvfb): Journal and Progress (charts) are
#     photographed into build/check/ and must not be blank; no Python outside the bundle is
#     mapped into the process; Ctrl+Q quits it with status 0;
#  5. the tar.gz: install.sh into a new HOME and XDG_DATA_HOME puts the launcher (valid),
#     the icons and ~/.local/bin/tkg-journal in place; uninstall.sh removes them all;
#  6. the .deb: dpkg -i, a valid launcher in /usr/share/applications, /usr/bin/tkg-journal
#     --self-test, then apt-get remove leaves no /opt/tkg-journal nor launcher behind.
#
# Needs root (or sudo) for the .deb, and xvfb, xauth, xdotool, imagemagick,
# desktop-file-utils, dbus and gnome-keyring (installed with apt-get when root/sudo).
set -euo pipefail
SELF=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$0")/.."
ROOT=$PWD
APP=tkg-journal
BUNDLE=$ROOT/dist/$APP
OUT=$ROOT/build/check
MAX_MB=250
PASSPHRASE="check-linux passphrase, not a user's"
CLEAN_PATH=/usr/bin:/bin

say() { printf '\n== [%3d s] %s\n' "$SECONDS" "$*"; }
ok() { printf '   ok  %s\n' "$*"; }
die() { printf '\ncheck-linux.sh: FAILED: %s\n' "$*" >&2; exit 1; }

# --- Inside Xvfb: the window (run by this script itself through xvfb-run, below) ---------
if [ "${1:-}" = --in-xvfb ]; then
  journal=$2 home=$3
  # The app sees only what a desktop session would give it, and no Python of this machine.
  env -i PATH=$CLEAN_PATH HOME="$home" DISPLAY="$DISPLAY" XAUTHORITY="${XAUTHORITY:-}" \
    LANG=C.UTF-8 TKG_JOURNAL_PASSPHRASE="$PASSPHRASE" QT_QPA_PLATFORM=xcb \
    "$BUNDLE/$APP" --data-dir "$journal" >"$OUT/gui.out" 2>"$OUT/gui.err" &
  pid=$!
  window=
  for _ in $(seq 1 150); do  # up to 30 s
    window=$(xdotool search --onlyvisible --name '^TKG Journal$' 2>/dev/null | head -n1 || true)
    [ -n "$window" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$OUT/gui.err" >&2; die "the app ended before its window showed"; }
    sleep 0.2
  done
  [ -n "$window" ] || { kill "$pid"; die "no window titled 'TKG Journal' appeared in 30 s"; }
  # No window manager here: give the window the keyboard directly, at a laptop's size.
  xdotool windowfocus --sync "$window"
  xdotool windowmove --sync "$window" 0 0
  xdotool windowsize --sync "$window" 1280 780
  sleep 1.5
  import -window root "$OUT/window-journal.png"
  xdotool key --clearmodifiers ctrl+3  # Progress: matplotlib inside the window
  sleep 4
  import -window root "$OUT/window-progress.png"
  # A frozen app must not reach for this machine's Python (libpython, the standard library).
  if grep -E 'python|site-packages' "/proc/$pid/maps" | grep -v " $BUNDLE/" >"$OUT/foreign-maps.txt"; then
    kill "$pid"; die "the bundle mapped files from outside itself: $(head -3 "$OUT/foreign-maps.txt")"
  fi
  xdotool key --clearmodifiers ctrl+q
  status=0
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && { kill "$pid"; die "Ctrl+Q did not quit the app in 20 s"; }
  wait "$pid" || status=$?
  [ "$status" = 0 ] || { cat "$OUT/gui.err" >&2; die "the app quit with status $status"; }
  ! grep -q Traceback "$OUT/gui.err" || { cat "$OUT/gui.err" >&2; die "the app printed a traceback"; }
  exit 0
fi

# --- Prerequisites --------------------------------------------------------------------
if [ "$(id -u)" = 0 ]; then sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo)
else die "run it as root or with password-less sudo: the .deb is installed with dpkg -i"
fi
declare -A tool_package=([xvfb-run]=xvfb [xauth]=xauth [xdotool]=xdotool [import]=imagemagick
  [desktop-file-validate]=desktop-file-utils [dbus-run-session]=dbus-daemon
  [gnome-keyring-daemon]=gnome-keyring [dpkg-deb]=dpkg)
missing=()
for tool in "${!tool_package[@]}"; do
  command -v "$tool" >/dev/null || missing+=("${tool_package[$tool]}")
done
if ((${#missing[@]})); then
  say "Installing ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" dbus-x11 >/dev/null
fi

[ -x "$BUNDLE/$APP" ] || die "no bundle in $BUNDLE: run packaging/build-linux.sh first"
VERSION=$(env -i PATH=$CLEAN_PATH "$BUNDLE/$APP" --version | cut -d' ' -f2)
TARBALL=$ROOT/dist/$APP-$VERSION-linux-x86_64.tar.gz
DEB=$ROOT/dist/${APP}_${VERSION}_amd64.deb
[ -f "$TARBALL" ] || die "$TARBALL is missing"
[ -f "$DEB" ] || die "$DEB is missing"
rm -rf "$OUT"
mkdir -p "$OUT"
TMP=$(mktemp -d /tmp/tkg-check.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

# A process with nothing of this shell: no PYTHON* variables, no venv on PATH, no D-Bus.
bare() { env -i PATH=$CLEAN_PATH HOME="$TMP/home" LANG=C.UTF-8 "$@"; }
mkdir -p "$TMP/home"

# --- 1. Sizes ---------------------------------------------------------------------------
say "Sizes"
bundle_mb=$(du -sm "$BUNDLE" | cut -f1)
printf '   bundle (unpacked)  %s MB   %s\n' "$bundle_mb" "$BUNDLE"
printf '   tar.gz             %s MB   %s\n' "$(du -m "$TARBALL" | cut -f1)" "$TARBALL"
printf '   .deb               %s MB   %s\n' "$(du -m "$DEB" | cut -f1)" "$DEB"
((bundle_mb <= MAX_MB)) || die "the unpacked bundle is $bundle_mb MB, over the $MAX_MB MB target"
ok "bundle under $MAX_MB MB"

say "Every library in the bundle finds what it links (bundle first, then this machine)"
# Qt plugins are loaded only when asked for (wayland, the GTK theme, printing): a missing
# library would show up only on a user's desktop, so ldd looks at all of them now.
unresolved=$(find "$BUNDLE" -type f \( -name '*.so' -o -name '*.so.*' \) -print0 \
  | xargs -0 -n 50 env LD_LIBRARY_PATH="$BUNDLE/_internal" ldd 2>/dev/null \
  | awk '/^\// {file=$1} /not found/ {print file, $1}' || true)
[ -z "$unresolved" ] || die "libraries not found: $unresolved"
ok "all $(find "$BUNDLE" -type f \( -name '*.so' -o -name '*.so.*' \) | wc -l) libraries resolve"

# --- 2. Self-test, without and with a keyring -------------------------------------------
say "--self-test with env -i PATH=$CLEAN_PATH under Xvfb (no D-Bus: no keyring)"
bare xvfb-run -a "$BUNDLE/$APP" --self-test | tee "$OUT/self-test.txt" \
  || die "--self-test failed (above)"
grep -q "^ok    Qt: platform plugin 'xcb'" "$OUT/self-test.txt" || die "Qt did not use the xcb plugin"
grep -q "^ok    Keyring: none usable" "$OUT/self-test.txt" \
  || die "with no D-Bus the keyring should be 'none usable' (passphrase mode)"

say "--self-test and a keyring journal with gnome-keyring on a private D-Bus"
# gnome-keyring --unlock makes (and unlocks) a login keyring with this password in the new
# HOME; the session bus is dbus-run-session's own and ends with it. No display here: Qt
# draws with its offscreen plugin (which the bundle carries for headless runs).
mkdir -p "$TMP/kr-home" "$TMP/kr-run" && chmod 700 "$TMP/kr-run"
env -i PATH=$CLEAN_PATH HOME="$TMP/kr-home" XDG_RUNTIME_DIR="$TMP/kr-run" LANG=C.UTF-8 \
  QT_QPA_PLATFORM=offscreen \
  dbus-run-session -- bash -euo pipefail -c '
    printf "login password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    "$1/tkg-journal" --self-test
    "$1/tkg-journal" --data-dir "$2" init
    "$1/tkg-journal" --data-dir "$2" add "A talk with Sam about the budget"
    "$1/tkg-journal" --data-dir "$2" search budget
  ' _ "$BUNDLE" "$TMP/kr-journal" >"$OUT/keyring.txt" 2>&1 \
  || { cat "$OUT/keyring.txt" >&2; die "the bundle with a Secret Service failed (above)"; }
grep "Keyring:" "$OUT/keyring.txt"
grep -q "^ok    Keyring: SecretService" "$OUT/keyring.txt" \
  || die "the bundle did not find keyring's SecretService backend"
grep -q "key kept in the OS keyring" "$OUT/keyring.txt" || die "init did not use the keyring"
grep -q "A talk with Sam about the" "$OUT/keyring.txt" || die "the entry was not read back"
ok "SecretService backend found; a journal's key kept in it and used"

# --- 3. A 500-entry journal: start-up time and a PDF -------------------------------------
say "A 500-entry demo journal"
JOURNAL=$TMP/journal
bare TKG_JOURNAL_PASSPHRASE="$PASSPHRASE" "$BUNDLE/$APP" --data-dir "$JOURNAL" \
  demo --entries 500 --passphrase >"$OUT/demo.txt" || die "demo failed"
startup=$(bare TKG_JOURNAL_PASSPHRASE="$PASSPHRASE" xvfb-run -a "$BUNDLE/$APP" \
  --data-dir "$JOURNAL" --startup-time) || die "--startup-time failed"
echo "   --startup-time (500 entries, bundle, Xvfb): $startup"
[[ $startup =~ [0-9] ]] || die "--startup-time printed no time: '$startup'"
printf '%s\n' "$startup" >"$OUT/startup-time.txt"

bare TKG_JOURNAL_PASSPHRASE="$PASSPHRASE" "$BUNDLE/$APP" --data-dir "$JOURNAL" \
  export --since 365d --format pdf --include-private --output "$OUT/summary.pdf" \
  || die "export as PDF failed"
[ "$(head -c 5 "$OUT/summary.pdf")" = "%PDF-" ] || die "the export is not a PDF"
pdf_kb=$(du -k "$OUT/summary.pdf" | cut -f1)
((pdf_kb > 20)) || die "the PDF is only $pdf_kb KB: charts missing?"
ok "a coach summary PDF with charts ($pdf_kb KB): $OUT/summary.pdf"

# --- 4. A real window -------------------------------------------------------------------
say "The window on Xvfb: Journal and Progress, screenshots in $OUT"
xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" \
  bash "$SELF" --in-xvfb "$JOURNAL" "$TMP/home" || die "the window check failed (above)"
for shot in "$OUT"/window-journal.png "$OUT"/window-progress.png; do
  colours=$(convert "$shot" -scale 25% -format '%k' info:)
  ((colours > 50)) || die "$shot looks blank ($colours colours)"
  ok "$(basename "$shot"): $colours colours"
done
ok "painted, no Python from outside the bundle, quit with Ctrl+Q (status 0)"

# --- 5. The tar.gz ----------------------------------------------------------------------
say "The tar.gz: install.sh and uninstall.sh in a new HOME"
U=$TMP/user
mkdir -p "$U/home" "$U/data"
tar -C "$U" -xzf "$TARBALL"
top=$U/$APP-$VERSION-linux-x86_64
# update-desktop-database, which the app runs after writing the launcher, is stood in for
# by a script that notes the library path it was given: a program the app starts (this,
# xdg-open, a PDF viewer) must get the machine's, not the bundle's (pyi_rth_host_env.py).
mkdir -p "$U/stubs"
printf '#!/bin/sh\nprintf "%%s" "${LD_LIBRARY_PATH:-}" > "%s"\n' "$U/child-ld-library-path" \
  >"$U/stubs/update-desktop-database"
chmod +x "$U/stubs/update-desktop-database"
user_env=(env -i PATH="$U/stubs:$CLEAN_PATH" HOME="$U/home" XDG_DATA_HOME="$U/data" LANG=C.UTF-8)
"${user_env[@]}" bash "$top/install.sh" | tee "$OUT/install.txt" || die "install.sh failed"
[ -f "$U/child-ld-library-path" ] || die "the app did not run update-desktop-database"
[ ! -s "$U/child-ld-library-path" ] \
  || die "a program the app started got LD_LIBRARY_PATH=$(cat "$U/child-ld-library-path")"
ok "programs the app starts get the machine's library path, not the bundle's"
launcher=$U/data/applications/$APP.desktop
[ -f "$launcher" ] || die "install.sh wrote no launcher at $launcher"
desktop-file-validate "$launcher" || die "the installed launcher is not valid"
grep -qx "Exec=$U/home/.local/opt/$APP/$APP" "$launcher" \
  || die "the launcher does not start the installed app: $(grep ^Exec= "$launcher")"
for size in 48x48 128x128 256x256; do
  [ -f "$U/data/icons/hicolor/$size/apps/$APP.png" ] || die "no $size icon"
done
[ -f "$U/data/icons/hicolor/scalable/apps/$APP.svg" ] || die "no scalable icon"
reported=$("${user_env[@]}" "$U/home/.local/bin/$APP" --version)
[ "$reported" = "$APP $VERSION" ] || die "~/.local/bin/$APP --version said '$reported'"
ok "launcher (valid), icons 48/128/256/scalable, ~/.local/bin/$APP --version: $reported"
"${user_env[@]}" bash "$U/home/.local/opt/$APP/uninstall.sh" || die "uninstall.sh failed"
left=$(find "$U/home" "$U/data" -name "$APP*" | grep -v "/$APP-$VERSION-linux" || true)
[ -z "$left" ] || die "uninstall.sh left: $left"
ok "uninstall.sh removed the app, the link, the launcher and the icons"

# --- 6. The .deb -----------------------------------------------------------------------
say "The .deb: dpkg -i, launcher, --self-test, apt-get remove"
dpkg-deb --info "$DEB" | sed -n '/Package:/,/^ Description/p'
if dpkg-query -W -f='${Status}' "$APP" 2>/dev/null | grep -q "install ok installed"; then
  die "$APP is already installed on this machine; remove it first (apt-get remove $APP)"
fi
# build-linux.sh installed every library the Depends name, so dpkg -i alone must do (a
# user on a fresh machine types `sudo apt install ./tkg-journal_*.deb` to get them too).
"${sudo[@]}" dpkg -i "$DEB" >"$OUT/dpkg-install.txt" 2>&1 \
  || { cat "$OUT/dpkg-install.txt" >&2; die "dpkg -i did not install the .deb"; }
removed=no
remove_deb() { [ "$removed" = yes ] || "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$APP" >/dev/null 2>&1 || true; }
trap 'remove_deb; rm -rf "$TMP"' EXIT
desktop-file-validate /usr/share/applications/$APP.desktop || die "the installed launcher is not valid"
[ "$(readlink -f /usr/bin/$APP)" = "/opt/$APP/$APP" ] || die "/usr/bin/$APP does not lead to /opt/$APP"
for size in 48x48 128x128 256x256; do
  [ -f /usr/share/icons/hicolor/$size/apps/$APP.png ] || die "no $size icon installed"
done
[ -f /usr/share/icons/hicolor/scalable/apps/$APP.svg ] || die "no scalable icon installed"
ls /usr/share/metainfo/*.metainfo.xml | grep -q TkgJournal || die "no AppStream metainfo installed"
bare xvfb-run -a /usr/bin/$APP --self-test >"$OUT/deb-self-test.txt" \
  || { cat "$OUT/deb-self-test.txt" >&2; die "/usr/bin/$APP --self-test failed"; }
ok "installed: launcher valid, icons, metainfo, /usr/bin/$APP --self-test passes"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$APP" >/dev/null 2>&1 \
  || die "apt-get remove $APP failed"
removed=yes
for path in /opt/$APP /usr/bin/$APP /usr/share/applications/$APP.desktop \
    /usr/share/icons/hicolor/256x256/apps/$APP.png; do
  [ ! -e "$path" ] && [ ! -L "$path" ] || die "apt-get remove left $path"
done
ok "apt-get remove took /opt/$APP, /usr/bin/$APP, the launcher and the icons away"

say "All checks passed (bundle $bundle_mb MB; start-up $startup)"
