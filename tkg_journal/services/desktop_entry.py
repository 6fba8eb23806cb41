"""The launcher for a ``pip install``: ``tkg-journal --install-desktop-entry`` writes the
app's menu entry and icon where the desktop looks for a user's own (the XDG base
directories: ``$XDG_DATA_HOME``, by default ``~/.local/share``), and
``--uninstall-desktop-entry`` removes exactly those files.

The entry starts the command by its absolute path: a venv's ``bin`` is not on the
desktop's PATH, so ``Exec=tkg-journal`` would start nothing from the menu.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tkg_journal import safe_write
from tkg_journal.paths import resource_dir

APP_ID = "tkg-journal"
_TEMPLATE = "tkg-journal.desktop"
_ICON = "tkg-journal.svg"
#: Characters a desktop entry's Exec key must quote (the Desktop Entry Specification).
_RESERVED = set(' \t\n"\'\\><~|&;$*?#()`')
#: How a string value writes a backslash and the characters that cannot stand in a line.
_STRING_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
#: A launcher and an icon hold nothing private; the desktop (and other tools) read them.
DESKTOP_FILE_MODE = 0o644


@dataclass(frozen=True, slots=True)
class DesktopFiles:
    """Where the entry and its icon go for this user."""

    entry: Path
    icon: Path

    @classmethod
    def for_user(cls, environ: dict[str, str] | None = None) -> DesktopFiles:
        env = os.environ if environ is None else environ
        data = Path(env.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
        return cls(
            entry=data / "applications" / f"{APP_ID}.desktop",
            icon=data / "icons" / "hicolor" / "scalable" / "apps" / _ICON,
        )


def installed_command() -> Path:
    """The absolute path of the running ``tkg-journal`` (a bundle's own executable, or
    the script beside this Python)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve()
    beside = Path(sys.executable).parent / APP_ID
    if beside.exists():
        return beside.absolute()
    found = shutil.which(APP_ID)
    if found is None:
        raise FileNotFoundError(
            f"the {APP_ID} command was not found beside {sys.executable} nor on PATH"
        )
    return Path(found).absolute()


def entry_text(command: Path, arguments: Sequence[str] = (),
               extra: Mapping[str, str] | None = None) -> str:
    """The desktop entry, from the one shipped in ``resources``, starting ``command`` with
    ``arguments``; ``extra`` keys (an autostart entry's) are added at the end."""
    template = (resource_dir() / _TEMPLATE).read_text(encoding="utf-8")
    exec_line = f"Exec={exec_value(command, *arguments)}"
    lines = [exec_line if line.startswith("Exec=") else line for line in template.splitlines()]
    lines += [f"{key}={value}" for key, value in (extra or {}).items()]
    return "\n".join(lines) + "\n"


def exec_value(command: Path, *arguments: str) -> str:
    """An ``Exec`` value that runs exactly ``command arguments...``: each argument quoted
    where the specification asks, then escaped as any string value is (the spec applies
    that escaping first when reading, so a backslash in a quoted argument is four)."""
    quoted = " ".join(_quoted(argument) for argument in (str(command), *arguments))
    return "".join(_STRING_ESCAPES.get(char, char) for char in quoted)


def _quoted(argument: str) -> str:
    # "%" starts a field code everywhere in Exec, quoted or not.
    argument = argument.replace("%", "%%")
    if not any(char in _RESERVED for char in argument):
        return argument
    escaped = "".join(f"\\{c}" if c in '"`$\\' else c for c in argument)
    return f'"{escaped}"'


def install(files: DesktopFiles, command: Path) -> list[Path]:
    """Write the entry and the icon (atomically; readable by the desktop, 0644) and tell
    the desktop's caches, where their tools are installed. Returns the files written."""
    for path, data in (
        (files.entry, entry_text(command).encode("utf-8")),
        (files.icon, (resource_dir() / _ICON).read_bytes()),
    ):
        # Shared folders of the desktop's, readable like the rest of ~/.local/share.
        path.parent.mkdir(parents=True, exist_ok=True)
        safe_write.write_atomically(path, data, mode=DESKTOP_FILE_MODE)
    _refresh_caches(files)
    return [files.entry, files.icon]


def uninstall(files: DesktopFiles) -> list[Path]:
    """Remove the entry and the icon if present. Returns the files removed."""
    removed = []
    for path in (files.entry, files.icon):
        if path.is_file():
            path.unlink()
            removed.append(path)
    if removed:
        _refresh_caches(files)
    return removed


def _refresh_caches(files: DesktopFiles) -> None:
    """Menus and icon themes cache what they found; their tools rebuild the caches (a
    desktop without them reads the folders directly, so their absence is no error)."""
    icons = files.icon.parents[2]  # .../icons/hicolor
    for tool, folder in (("update-desktop-database", files.entry.parent),
                         ("gtk-update-icon-cache", icons)):
        found = shutil.which(tool)
        if found and folder.is_dir():
            extra = ["--ignore-theme-index", "--quiet"] if tool.startswith("gtk") else []
            subprocess.run([found, *extra, str(folder)], check=False, capture_output=True,
                           timeout=30)
