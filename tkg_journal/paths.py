"""Where the journal lives: one data folder chosen by the platform's conventions.

Overrides, strongest first: an explicit ``--data-dir``, then ``TKG_JOURNAL_HOME``, then
the platform's user data folder (``~/.local/share/tkg-journal`` on Linux).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_DIR_NAME = "tkg-journal"
HOME_ENV = "TKG_JOURNAL_HOME"


@dataclass(frozen=True, slots=True)
class JournalPaths:
    """The files of one journal inside its data folder."""

    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "journal.db"

    @property
    def key_file(self) -> Path:
        """Key slots (wrapped database key); never the key itself."""
        return self.data_dir / "journal.keys"

    @property
    def key_file_copy(self) -> Path:
        """A second copy of the key file, written with it every time: a key file lost or
        damaged on its own is put back from it (a disk rarely loses two files at once)."""
        return self.data_dir / "journal.keys.copy"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / ".lock"

    @property
    def settings_file(self) -> Path:
        """Window layout and preferences (never anything the user wrote)."""
        return self.data_dir / "settings.ini"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"


def default_data_dir() -> Path:
    # platformdirs is imported here so that ``--data-dir`` runs never pay for it.
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_DIR_NAME, appauthor=False, roaming=True))


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> JournalPaths:
    if data_dir:
        folder = Path(data_dir)
    elif os.environ.get(HOME_ENV):
        folder = Path(os.environ[HOME_ENV])
    else:
        folder = default_data_dir()
    return JournalPaths(folder.expanduser().absolute())


def resource_dir() -> Path:
    """Icons and other bundled files: in ``_MEIPASS`` when frozen, inside the package when
    installed from a wheel, beside the package in a checkout (or an editable install)."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    package = Path(__file__).resolve().parent
    installed = package / "resources"
    return installed if installed.is_dir() else package.parent / "resources"
