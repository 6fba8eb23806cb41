"""Start at login: the XDG autostart entry is written where the session looks
(``$XDG_CONFIG_HOME/autostart``), valid for ``desktop-file-validate``, starting this
command by its absolute path with ``--in-tray``; it is removed again; whether login start
is on is read from the file itself; and a place that cannot be written leaves no file.

The ``Exec`` line is read back with the Desktop Entry Specification's own rules (string
escapes first, then quoting), so a path with spaces, quotes, ``$``, ``%`` or backslashes
starts exactly that file."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

from tkg_journal.paths import default_data_dir
from tkg_journal.services.autostart import IN_TRAY_FLAG, LoginStart, supported
from tkg_journal.services.desktop_entry import exec_value


def validate(entry: Path) -> None:
    validator = shutil.which("desktop-file-validate")
    assert validator, "desktop-file-validate is missing (Debian: apt install desktop-file-utils)"
    result = subprocess.run([validator, str(entry)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def read_entry(entry: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(entry, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def exec_arguments(value: str) -> list[str]:
    """The argument vector a desktop runs for an ``Exec`` value (the spec's reading)."""
    unescaped, index = [], 0
    singles = {"\\": "\\", "s": " ", "n": "\n", "t": "\t", "r": "\r"}
    while index < len(value):  # string escapes first
        char = value[index]
        if char == "\\" and index + 1 < len(value) and value[index + 1] in singles:
            unescaped.append(singles[value[index + 1]])
            index += 2
        else:
            unescaped.append(char)
            index += 1
    text = "".join(unescaped)
    arguments, current, quoted, started, index = [], [], False, False, 0
    while index < len(text):
        char = text[index]
        if quoted:
            if char == "\\" and index + 1 < len(text) and text[index + 1] in '"`$\\':
                current.append(text[index + 1])
                index += 1
            elif char == '"':
                quoted = False
            else:
                current.append(char)
        elif char == '"':
            quoted = started = True
        elif char == " ":
            if started:
                arguments.append("".join(current))
            current, started = [], False
        else:
            current.append(char)
            started = True
        index += 1
    if started:
        arguments.append("".join(current))
    return [argument.replace("%%", "%") for argument in arguments]


@pytest.fixture
def login(tmp_path: Path) -> LoginStart:
    return LoginStart.for_user({"XDG_CONFIG_HOME": str(tmp_path / "config")})


def test_the_entry_goes_where_the_session_looks(tmp_path: Path) -> None:
    assert LoginStart.for_user({"XDG_CONFIG_HOME": str(tmp_path)}).entry == (
        tmp_path / "autostart" / "tkg-journal.desktop")
    home = LoginStart.for_user({}).entry  # conftest points HOME at the test's folder
    assert home == Path.home() / ".config" / "autostart" / "tkg-journal.desktop"


def test_enable_writes_a_valid_entry_starting_this_command_in_the_tray(
        login: LoginStart, tmp_path: Path) -> None:
    command = tmp_path / "venv" / "bin" / "tkg-journal"
    assert not login.is_enabled()
    login.enable(command, default_data_dir())
    validate(login.entry)
    section = read_entry(login.entry)
    # The platform's own journal folder needs no --data-dir (none is given at login).
    assert exec_arguments(section["Exec"]) == [str(command), IN_TRAY_FLAG]
    assert section["X-GNOME-Autostart-enabled"] == "true"
    assert section["Type"] == "Application" and section["Icon"] == "tkg-journal"
    assert (login.entry.stat().st_mode & 0o777) == 0o644
    assert login.is_enabled()
    assert login.disable() and not login.entry.exists() and not login.is_enabled()
    assert not login.disable()  # nothing to remove is no error
    assert login.entry.parent.is_dir()  # the session's folder stays


def test_a_journal_elsewhere_is_named_so_the_login_start_opens_it(
        login: LoginStart, tmp_path: Path) -> None:
    journal = tmp_path / "My Journal $HOME"
    login.enable(Path("/opt/tkg-journal/tkg-journal"), journal)
    validate(login.entry)
    assert exec_arguments(read_entry(login.entry)["Exec"]) == [
        "/opt/tkg-journal/tkg-journal", IN_TRAY_FLAG, "--data-dir", str(journal)]


@pytest.mark.parametrize("name", ["My Apps", 'say "hi"', "cost $5 `x`", "100% sure",
                                  "back\\slash", "plain"])
def test_any_path_is_quoted_so_the_desktop_runs_exactly_it(
        tmp_path: Path, name: str) -> None:
    command = tmp_path / name / "tkg-journal"
    value = exec_value(command, IN_TRAY_FLAG)
    assert exec_arguments(value) == [str(command), IN_TRAY_FLAG]
    entry = tmp_path / "tkg-journal.desktop"
    entry.write_text(f"[Desktop Entry]\nType=Application\nName=TKG Journal\nExec={value}\n",
                     encoding="utf-8")
    validate(entry)


@pytest.mark.parametrize("switched_off", ["Hidden=true", "X-GNOME-Autostart-enabled=false"])
def test_an_entry_the_desktop_was_told_to_skip_is_not_on(
        login: LoginStart, tmp_path: Path, switched_off: str) -> None:
    login.enable(tmp_path / "tkg-journal", None)
    text = login.entry.read_text(encoding="utf-8").replace(
        "X-GNOME-Autostart-enabled=true\n", "")
    login.entry.write_text(text + switched_off + "\n", encoding="utf-8")
    assert not login.is_enabled()


def test_an_unwritable_place_raises_and_leaves_no_file(tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "autostart").write_text("a file where the folder should be", encoding="utf-8")
    login = LoginStart.for_user({"XDG_CONFIG_HOME": str(config)})
    with pytest.raises(OSError):
        login.enable(tmp_path / "tkg-journal", None)
    assert not login.is_enabled()
    assert (config / "autostart").read_text(encoding="utf-8").startswith("a file")


def test_only_where_xdg_autostart_exists() -> None:
    assert supported("linux") and supported("freebsd14")
    assert not supported("win32") and not supported("darwin")
