"""``--install-desktop-entry`` puts TKG Journal in the desktop's menu for a pip install:
a valid launcher that starts this installed command by its absolute path, and the icon;
``--uninstall-desktop-entry`` takes exactly those away."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.cli_runner import installed_command, run
from tkg_journal.services.desktop_entry import DesktopFiles, entry_text

pytestmark = pytest.mark.e2e


def _validate(entry: Path) -> None:
    validator = shutil.which("desktop-file-validate")
    assert validator, "desktop-file-validate is missing (Debian: apt install desktop-file-utils)"
    result = subprocess.run([validator, str(entry)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_install_writes_a_valid_launcher_for_this_command_and_uninstall_removes_it(
    tmp_path: Path,
) -> None:
    data = tmp_path / "share"
    env = {"XDG_DATA_HOME": str(data)}
    result = run("--install-desktop-entry", data_dir=tmp_path / "unused", passphrase=None,
                 env=env)
    assert result.returncode == 0, result.stderr
    files = DesktopFiles.for_user({"XDG_DATA_HOME": str(data)})
    _validate(files.entry)
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(files.entry, encoding="utf-8")
    section = entry["Desktop Entry"]
    command = Path(section["Exec"])
    assert command.is_absolute() and command == Path(installed_command()).absolute()
    assert section["Icon"] == "tkg-journal" and files.icon.read_bytes().startswith(b"<")
    assert (files.entry.stat().st_mode & 0o777) == 0o644
    # Again: the same files, replaced whole.
    assert run("--install-desktop-entry", data_dir=tmp_path, passphrase=None,
               env=env).returncode == 0
    removed = run("--uninstall-desktop-entry", data_dir=tmp_path, passphrase=None, env=env)
    assert removed.returncode == 0 and not files.entry.exists() and not files.icon.exists()
    assert (data / "applications").is_dir()  # the desktop's own folders stay
    again = run("--uninstall-desktop-entry", data_dir=tmp_path, passphrase=None, env=env)
    assert again.returncode == 0 and "no TKG Journal launcher" in again.stdout


def test_a_path_with_spaces_is_quoted_as_the_specification_says(tmp_path: Path) -> None:
    command = tmp_path / "My Apps" / "tkg-journal"
    text = entry_text(command)
    assert f'Exec="{command}"' in text
    entry = tmp_path / "tkg-journal.desktop"
    entry.write_text(text, encoding="utf-8")
    _validate(entry)


def test_an_unwritable_place_is_one_line_and_exit_1(tmp_path: Path) -> None:
    blocker = tmp_path / "share"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    result = run("--install-desktop-entry", data_dir=tmp_path, passphrase=None,
                 env={"XDG_DATA_HOME": str(blocker)})
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "nothing was changed" in result.stderr
