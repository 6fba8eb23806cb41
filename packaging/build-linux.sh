#!/usr/bin/env bash
# Builds TKG Journal for Linux from a clean clone, in one command:
#
#   bash packaging/build-linux.sh
#
# and leaves in dist/:
#   tkg-journal/                            the PyInstaller bundle (the whole app; no Python needed)
#   tkg-journal-VERSION-linux-x86_64.tar.gz the bundle with install.sh/uninstall.sh (home folder)
#   tkg-journal_VERSION_amd64.deb           /opt/tkg-journal, /usr/bin link, launcher, icons, AppStream
#
# Prerequisites: Python 3.11+ (python3, or set PYTHON=/path/to/python3.x; it must be built
# with --enable-shared, as Debian's and pyenv's defaults are) and the OS packages below,
# which this script installs with apt-get when it runs as root or with sudo, or names and
# stops. The build venv is build/venv (made once, updated on every run). Then run
# packaging/check-linux.sh to try the three artefacts as a user would. docs/packaging.md
# says what is in them and why.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
umask 022  # everything staged is readable by all, as installed files must be

PYTHON=${PYTHON:-python3}
BUILD=$ROOT/build
DIST=$ROOT/dist
VENV=$BUILD/venv
APP=tkg-journal
# The desktop file id stays the short name the app itself announces (setDesktopFileName),
# the AppStream component id is reverse-DNS (resources/tkg-journal.metainfo.xml says why).
METAINFO_ID=io.github.tkg_journal.TkgJournal
MAINTAINER=${DEB_MAINTAINER:-"TKG Journal developers <tkg-journal@users.noreply.github.com>"}
PYINSTALLER_REQ=${PYINSTALLER_REQ:-"pyinstaller>=6.10,<7"}

say() { printf '\n== [%3d s] %s\n' "$SECONDS" "$*"; }
die() { printf 'build-linux.sh: %s\n' "$*" >&2; exit 1; }

# --- OS packages ------------------------------------------------------------------------
# Tools: dpkg-deb and dpkg-shlibdeps (the .deb and its Depends), desktop-file-validate,
# appstreamcli (the launcher and the metainfo must validate), binutils (PyInstaller reads
# libraries with objdump; strip and readelf drop debug info); python3-venv only where
# Debian's own Python is used (its venvs need it).
# Libraries: what Qt's xcb/wayland plugins, its GTK theme and printing link against. The
# build needs them present: PyInstaller follows them and dpkg-shlibdeps turns them into the
# .deb's Depends; Qt also runs here, offscreen, to draw the PNG icons.
TOOLS=(dpkg-dev desktop-file-utils appstream binutils)
LIBS=(libgl1 libegl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libxkbcommon0
      libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0
      libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0
      libxcb-xkb1 libwayland-client0 libwayland-cursor0 libwayland-egl1 libgtk-3-0 libcups2
      libgssapi-krb5-2)
command -v dpkg-query >/dev/null || die "this builds a .deb: run it on Debian or Ubuntu"
missing=()
# Debian's own Python makes venvs only with python3-venv (ensurepip) installed.
"$PYTHON" -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
installed() {  # Ubuntu 24.04 and Debian 13 renamed many libraries (libgtk-3-0t64...)
  { dpkg-query -W -f='${Status}\n' "$1" "$1t64" 2>/dev/null || true; } | grep "install ok installed" >/dev/null
}
for package in "${TOOLS[@]}" "${LIBS[@]}"; do
  installed "$package" || missing+=("$package")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo=(sudo)
  else
    die "these OS packages are missing: ${missing[*]}
  install them (sudo apt-get install --no-install-recommends ${missing[*]}) and run again"
  fi
  say "Installing OS packages: ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
fi

"$PYTHON" - <<'EOF' || die "Python 3.11+ with shared libpython is needed (set PYTHON=...)"
import sys, sysconfig
assert sys.version_info >= (3, 11), sys.version
# PyInstaller bundles libpython: a static-only Python cannot be frozen.
assert sysconfig.get_config_var("Py_ENABLE_SHARED"), "Python built without --enable-shared"
EOF

# --- The build venv ---------------------------------------------------------------------
mkdir -p "$BUILD"
if [ ! -x "$VENV/bin/python" ]; then
  say "Creating the build venv ($VENV)"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade pip
fi
say "Installing the app and PyInstaller into the build venv"
# The app's own dependencies exactly as pyproject.toml pins them (the app's code is frozen
# from this checkout: build.spec puts it first on the analysis path). Its chatter (the
# build backend's deprecation notes) goes to a log, shown if it fails.
"$VENV/bin/pip" install -q --upgrade . "$PYINSTALLER_REQ" >"$BUILD/pip.log" 2>&1 \
  || { cat "$BUILD/pip.log" >&2; die "pip install failed"; }

VERSION=$("$VENV/bin/python" - <<'EOF'
import tomllib
import tkg_journal
declared = tomllib.load(open("pyproject.toml", "rb"))["project"]["version"]
if declared != tkg_journal.__version__:
    raise SystemExit(f"pyproject.toml says {declared}, tkg_journal.__version__ {tkg_journal.__version__}")
print(declared)
EOF
) || die "the version in pyproject.toml and tkg_journal/__init__.py differ"
say "TKG Journal $VERSION"

# --- The bundle -------------------------------------------------------------------------
say "PyInstaller (build.spec)"
rm -rf "${DIST:?}/$APP"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$BUILD/pyinstaller" build.spec
BUNDLE=$DIST/$APP

# Some wheels (sqlcipher3) and Python builds (pyenv's libpython and lib-dynload) ship their
# libraries with debug information: some 70 MB a user never needs. Only the debug
# sections go (--strip-debug keeps the symbol tables), which is safe for libraries patched
# by auditwheel; libraries without any are left untouched.
say "Dropping debug information"
while IFS= read -r -d '' library; do
  # (grep without -q: it reads all, so readelf never dies of SIGPIPE under pipefail)
  if readelf -S "$library" 2>/dev/null | grep '\.debug_info' >/dev/null; then
    strip --strip-debug "$library"
  fi
done < <(find "$BUNDLE" -type f \( -name '*.so' -o -name '*.so.*' \) -print0)

reported=$("$BUNDLE/$APP" --version)
[ "$reported" = "$APP $VERSION" ] || die "the bundle says '$reported', not '$APP $VERSION'"

# --- What both packages share: icons, launcher, metainfo ---------------------------------
say "Icons, launcher and metainfo"
SHARE=$BUILD/share
rm -rf "$SHARE"
QT_QPA_PLATFORM=offscreen "$VENV/bin/python" packaging/make_icons.py "$SHARE/icons"
desktop-file-validate resources/$APP.desktop
appstreamcli validate --no-net --explain resources/$APP.metainfo.xml

# --- The tar.gz: a home-folder install --------------------------------------------------
say "The tar.gz"
TAR_NAME=$APP-$VERSION-linux-x86_64
TAR_ROOT=$BUILD/tar/$TAR_NAME
rm -rf "$BUILD/tar"
mkdir -p "$TAR_ROOT/share"
cp -a "$BUNDLE" "$TAR_ROOT/$APP"
cp -a "$SHARE/icons" "$TAR_ROOT/share/icons"
install -m 0755 packaging/linux/install.sh packaging/linux/uninstall.sh "$TAR_ROOT/"
# uninstall.sh also travels inside the app folder, so a user who deleted the download can
# still remove the app: ~/.local/opt/tkg-journal/uninstall.sh
install -m 0755 packaging/linux/uninstall.sh "$TAR_ROOT/$APP/uninstall.sh"
sed "s/@VERSION@/$VERSION/g" packaging/linux/README.txt > "$TAR_ROOT/README.txt"
rm -f "$DIST"/$APP-*-linux-x86_64.tar.gz
tar -C "$BUILD/tar" --owner=0 --group=0 --numeric-owner -czf "$DIST/$TAR_NAME.tar.gz" "$TAR_NAME"

# --- The .deb -----------------------------------------------------------------------------
say "The .deb"
# debian/<package>/ with a DEBIAN folder is the layout dpkg-shlibdeps expects: it then knows
# the bundle's own libraries from the machine's.
DEB_WORK=$BUILD/deb
PKG=$DEB_WORK/debian/$APP
rm -rf "$DEB_WORK"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/share/metainfo" "$PKG/usr/share/doc/$APP"
cp -a "$BUNDLE" "$PKG/opt/$APP"
ln -s "/opt/$APP/$APP" "$PKG/usr/bin/$APP"
# The same launcher the pip install writes (tkg-journal --install-desktop-entry), as
# shipped: Exec=tkg-journal finds /usr/bin/tkg-journal on every desktop's PATH.
install -m 0644 resources/$APP.desktop "$PKG/usr/share/applications/$APP.desktop"
cp -a "$SHARE/icons" "$PKG/usr/share/icons"
install -m 0644 resources/$APP.metainfo.xml "$PKG/usr/share/metainfo/$METAINFO_ID.metainfo.xml"
install -m 0644 packaging/linux/copyright "$PKG/usr/share/doc/$APP/copyright"
chmod -R u+rwX,go+rX,go-w "$PKG"

desktop-file-validate "$PKG/usr/share/applications/$APP.desktop"
appstreamcli validate-tree --no-net --explain "$PKG"

# Depends from what the bundle's binaries really link (the host libraries build.spec
# leaves out, e.g. libxcb*, libfontconfig1, libgtk-3-0, libegl1), with the lowest
# versions Debian's symbols files allow. Its warnings (Python's extension modules refer
# to symbols of the executable, libraries "could avoid" a dependency) are the wheels'
# business and are hidden; an error stops the build.
elfs=()
while IFS= read -r -d '' file; do
  [ "$(head -c 4 "$file" | od -An -c | tr -d ' ')" = '177ELF' ] && elfs+=("$file")
done < <(find "$PKG/opt" -type f \( -name '*.so' -o -name '*.so.*' -o -name "$APP" \) -print0)
mkdir -p "$DEB_WORK/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: amd64\n' "$APP" "$APP" > "$DEB_WORK/debian/control"
depends=$(cd "$DEB_WORK" && dpkg-shlibdeps -O --ignore-missing-info \
  "-l${PKG#"$DEB_WORK/"}/opt/$APP/_internal" "-l${PKG#"$DEB_WORK/"}/opt/$APP/_internal/PySide6/Qt/lib" \
  "${elfs[@]#"$DEB_WORK/"}" 2>"$DEB_WORK/shlibdeps.log") \
  || { cat "$DEB_WORK/shlibdeps.log" >&2; die "dpkg-shlibdeps failed"; }
depends=${depends#shlibs:Depends=}
[ -n "$depends" ] || die "dpkg-shlibdeps found no dependencies"

installed_kb=$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)
cat > "$PKG/DEBIAN/control" <<EOF
Package: $APP
Version: $VERSION
Architecture: amd64
Maintainer: $MAINTAINER
Installed-Size: $installed_kb
Depends: $depends
Recommends: xdg-utils, fonts-dejavu-core | fonts-freefont-ttf
Suggests: gnome-keyring
Section: utils
Priority: optional
Homepage: https://github.com/tkg-journal/tkg-journal
Description: encrypted journal for leaders in executive coaching
 A private desktop journal for a leader who works with an executive coach:
 difficult conversations, feedback and reflections tagged with their level
 in the coaching hierarchy, behaviour experiments, progress charts and a
 summary for every coach session.
 .
 The journal is one SQLCipher (AES-256) database whose key lives in the
 system keyring (Secret Service) or behind a passphrase. Includes the
 tkg-journal command line.
EOF
# No maintainer scripts: dpkg's triggers of desktop-file-utils and the hicolor icon theme
# refresh the menu and icon caches when files land in their folders.
DEB=$DIST/${APP}_${VERSION}_amd64.deb
rm -f "$DIST"/${APP}_*_amd64.deb
# zstd (dpkg >= 1.21.18: Debian 12, Ubuntu 21.10 and later, already the oldest systems
# the libc6 Depends allows) compresses in seconds; dpkg's default xz takes minutes here for
# 15 % less. DEB_COMPRESSION=xz for a release build that can wait.
case ${DEB_COMPRESSION:-zstd} in
  zstd) compression=(-Zzstd -z9) ;;
  xz) compression=(-Zxz) ;;
  *) die "DEB_COMPRESSION must be zstd or xz" ;;
esac
dpkg-deb --build --root-owner-group "${compression[@]}" "$PKG" "$DEB" >/dev/null

say "Done"
du -sh "$BUNDLE" "$DIST/$TAR_NAME.tar.gz" "$DEB"
