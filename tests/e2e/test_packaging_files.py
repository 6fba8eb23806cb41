"""The packaging files, checked without building a bundle (packaging/check-linux.sh tries
the built artefacts; that takes minutes and runs after packaging/build-linux.sh in CI).

The AppStream metainfo validates and describes this version; the scripts parse; build.spec
is Python; the icons render; and the tar.gz's install.sh / uninstall.sh, run on a stand-in
bundle that starts this checkout's app, put the launcher, icons and command under a temp
HOME and XDG_DATA_HOME and take them all away again, leaving the journal.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tkg_journal import __version__

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
METAINFO = ROOT / "resources" / "tkg-journal.metainfo.xml"
SCRIPTS = [
    PACKAGING / "build-linux.sh",
    PACKAGING / "check-linux.sh",
    PACKAGING / "linux" / "install.sh",
    PACKAGING / "linux" / "uninstall.sh",
]


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:  # CI installs it: failing says what to install
        pytest.fail(f"{name} is missing: apt-get install --no-install-recommends {package}")
    return found


def test_the_metainfo_validates_offline() -> None:
    done = subprocess.run(
        [_tool("appstreamcli", "appstream"), "validate", "--no-net", "--explain", str(METAINFO)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_metainfo_names_the_launcher_this_version_and_real_screenshots() -> None:
    component = ET.parse(METAINFO).getroot()
    launchable = component.findtext("launchable")
    assert launchable is not None
    assert (ROOT / "resources" / launchable).is_file(), "launchable must be the shipped .desktop"
    # build-linux.sh installs the file under the component id: both must agree.
    component_id = component.findtext("id")
    assert f"METAINFO_ID={component_id}\n" in (PACKAGING / "build-linux.sh").read_text()
    # A new version needs its release notes before it is packaged.
    releases = component.findall("releases/release")
    assert releases[0].get("version") == __version__
    assert releases[0].find("description") is not None
    for image in component.iterfind("screenshots/screenshot/image"):
        name = (image.text or "").rsplit("/docs/screenshots/", 1)[-1]
        assert (ROOT / "docs" / "screenshots" / name).is_file(), image.text


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.name)
def test_the_packaging_scripts_parse_and_stop_on_errors(script: Path) -> None:
    done = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True,
                          timeout=30, check=False)
    assert done.returncode == 0, done.stderr
    assert "set -euo pipefail" in script.read_text(encoding="utf-8")
    assert os.access(script, os.X_OK), f"{script} is not executable"


def test_build_spec_is_python() -> None:
    compile((ROOT / "build.spec").read_text(encoding="utf-8"), "build.spec", "exec")


def test_the_icons_render_at_every_hicolor_size(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, str(PACKAGING / "make_icons.py"), str(tmp_path)],
                          env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    for size in (48, 128, 256):
        png = tmp_path / "hicolor" / f"{size}x{size}" / "apps" / "tkg-journal.png"
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")
        assert (width, height) == (size, size)
    assert (tmp_path / "hicolor" / "scalable" / "apps" / "tkg-journal.svg").is_file()


def _unpacked_tarball(folder: Path) -> Path:
    """The tar.gz's layout, with a stand-in bundle whose ``tkg-journal`` runs this
    checkout's app (so ``--install-desktop-entry`` is the real one)."""
    top = folder / f"tkg-journal-{__version__}-linux-x86_64"
    bundle = top / "tkg-journal"
    (bundle / "_internal").mkdir(parents=True)
    command = bundle / "tkg-journal"
    command.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m tkg_journal "$@"\n')
    command.chmod(0o755)
    for name in ("install.sh", "uninstall.sh"):
        shutil.copy2(PACKAGING / "linux" / name, top / name)
    shutil.copy2(PACKAGING / "linux" / "uninstall.sh", bundle / "uninstall.sh")
    icons = top / "share" / "icons" / "hicolor"
    for size in ("48x48", "128x128", "256x256"):
        (icons / size / "apps").mkdir(parents=True)
        (icons / size / "apps" / "tkg-journal.png").write_bytes(b"\x89PNG stand-in")
    (icons / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "tkg-journal.svg", icons / "scalable" / "apps")
    return top


def test_install_sh_and_uninstall_sh_in_a_new_home(tmp_path: Path) -> None:
    top = _unpacked_tarball(tmp_path / "download")
    home, data = tmp_path / "home", tmp_path / "data"
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "XDG_DATA_HOME": str(data),
           "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}
    done = subprocess.run(["bash", str(top / "install.sh")], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert re.search(rf"TKG Journal {re.escape(__version__)} is installed", done.stdout)

    app = home / ".local" / "opt" / "tkg-journal"
    link = home / ".local" / "bin" / "tkg-journal"
    launcher = data / "applications" / "tkg-journal.desktop"
    icons = [data / "icons" / "hicolor" / size / "apps" / "tkg-journal.png"
             for size in ("48x48", "128x128", "256x256")]
    icons.append(data / "icons" / "hicolor" / "scalable" / "apps" / "tkg-journal.svg")
    assert (app / "tkg-journal").is_file() and (app / "uninstall.sh").is_file()
    assert link.is_symlink() and link.resolve() == (app / "tkg-journal").resolve()
    assert "Exec=" in launcher.read_text() and "Icon=tkg-journal" in launcher.read_text()
    assert all(icon.is_file() for icon in icons)

    journal = data / "tkg-journal"  # the user's journal, which uninstalling must keep
    journal.mkdir()
    (journal / "journal.db").write_bytes(b"not ours to delete")
    done = subprocess.run(["bash", str(app / "uninstall.sh")], env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert not app.exists() and not link.is_symlink() and not launcher.exists()
    assert not any(icon.exists() for icon in icons)
    assert (journal / "journal.db").read_bytes() == b"not ours to delete"
    assert "is kept" in done.stdout


def test_uninstall_sh_leaves_a_folder_that_is_not_the_app(tmp_path: Path) -> None:
    elsewhere = tmp_path / "Documents"
    elsewhere.mkdir()
    (elsewhere / "letter.txt").write_text("mine")
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path / "home"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "TKG_JOURNAL_PREFIX": str(elsewhere)}
    done = subprocess.run(["bash", str(PACKAGING / "linux" / "uninstall.sh")], env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert "does not look like TKG Journal" in done.stderr
    assert (elsewhere / "letter.txt").read_text() == "mine"
