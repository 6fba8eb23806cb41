"""Start at login, in the tray: the XDG autostart entry on Linux (and the other desktops
that follow the freedesktop.org specifications).

The entry is ``$XDG_CONFIG_HOME/autostart/tkg-journal.desktop`` (by default under
``~/.config``): the menu launcher's own text (``desktop_entry``), starting this installed
command by its absolute path with :data:`IN_TRAY_FLAG`, plus the key GNOME reads. Whether
the app starts at login is whether that file is there and not switched off by the
desktop's own "Startup Applications" tool (``Hidden=true`` or
``X-GNOME-Autostart-enabled=false``), never a copy of that fact in the settings: the file
is what the desktop obeys, and the person may remove it behind the app's back.

Windows and macOS are described in docs/start-at-login.md; :func:`supported` is False
there and the app offers no switch it cannot honour.
"""

from __future__ import annotations

import configparser
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from tkg_journal import safe_write
from tkg_journal.paths import default_data_dir
from tkg_journal.services.desktop_entry import APP_ID, DESKTOP_FILE_MODE, entry_text

#: What the autostart entry adds to the command: start with no window, in the tray.
IN_TRAY_FLAG = "--in-tray"
#: GNOME (and Cinnamon, MATE) read this key; the others ignore it.
_ENABLED_KEY = "X-GNOME-Autostart-enabled"
_SECTION = "Desktop Entry"


def supported(platform: str | None = None) -> bool:
    """Whether this platform starts programs from XDG autostart entries (not Windows,
    not macOS: they have their own ways, not implemented yet)."""
    name = sys.platform if platform is None else platform
    return not (name.startswith("win") or name == "darwin" or name == "cygwin")


@dataclass(frozen=True, slots=True)
class LoginStart:
    """The autostart entry of this user."""

    entry: Path

    @classmethod
    def for_user(cls, environ: dict[str, str] | None = None) -> LoginStart:
        env = os.environ if environ is None else environ
        config = Path(env.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        return cls(entry=config / "autostart" / f"{APP_ID}.desktop")

    def is_enabled(self) -> bool:
        """The file is there and the desktop has not been told to skip it."""
        if not self.entry.is_file():
            return False
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep case
        try:
            parser.read(self.entry, encoding="utf-8")
        except (configparser.Error, OSError, UnicodeDecodeError):
            return True  # there, though unreadable to us: the desktop may still start it
        if not parser.has_section(_SECTION):
            return True
        section = parser[_SECTION]
        return not (section.get("Hidden", "").strip().lower() == "true"
                    or section.get(_ENABLED_KEY, "").strip().lower() == "false")

    def enable(self, command: Path, data_dir: Path | None = None) -> None:
        """Write the entry (atomically: on failure any earlier one is unchanged).

        ``data_dir``: the journal to open, when it is not the platform's default (at
        login there is no ``--data-dir`` nor ``TKG_JOURNAL_HOME``).

        Raises:
            OSError: the autostart folder cannot be made or written.
        """
        text = entry_text(command, autostart_arguments(data_dir), {_ENABLED_KEY: "true"})
        self.entry.parent.mkdir(parents=True, exist_ok=True)
        safe_write.write_atomically(self.entry, text.encode("utf-8"), mode=DESKTOP_FILE_MODE)

    def disable(self) -> bool:
        """Remove the entry; True if there was one.

        Raises:
            OSError: it is there and cannot be removed.
        """
        try:
            self.entry.unlink()
        except FileNotFoundError:
            return False
        return True


def autostart_arguments(data_dir: Path | None) -> list[str]:
    """The arguments the login start gives the command."""
    arguments = [IN_TRAY_FLAG]
    if data_dir is not None and data_dir.absolute() != default_data_dir().absolute():
        arguments += ["--data-dir", str(data_dir.absolute())]
    return arguments
