"""Backups of the open journal: when they are taken, where they go, which are kept.

* A backup is one file (see :mod:`tkg_journal.storage.backup`).
* Where: the backup folder (``backups/`` in the data folder unless the user chose
  another) and, if the user chose one, a second folder (another disk, a synced folder):
  each backup is written to the first, verified, then copied to the second.
* When: once a day (the first command of the day, or while the app runs), before every
  schema upgrade, restore and re-encryption, and whenever the user asks.
* Which are kept: :mod:`tkg_journal.domain.retention` (7 daily, 4 weekly, 12 monthly and
  the 3 newest by default), applied in each folder after each backup, to this journal's
  backups only (a shared folder may hold other journals' backups).

The settings live in the journal itself (its encrypted ``meta`` table), so the app and
the command line read the same ones and a restored journal keeps its own.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from tkg_journal import __version__, safe_write
from tkg_journal.domain.retention import RetentionPolicy, to_keep
from tkg_journal.services.journal import Journal
from tkg_journal.storage import backup
from tkg_journal.storage.backup import BackupManifest, BackupUnusable, Progress

#: After this long without a backup the app shows a gentle banner.
STALE_AFTER = timedelta(days=14)

_FOLDER = "backup.folder"
_SECOND_FOLDER = "backup.second_folder"
_KEEP = ("last", "daily", "weekly", "monthly")


@dataclass(frozen=True, slots=True)
class BackupSettings:
    folder: Path | None = None  # None: backups/ in the data folder
    second_folder: Path | None = None
    policy: RetentionPolicy = field(default_factory=RetentionPolicy)


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    manifest: BackupManifest
    size: int
    #: None: not checked (listing without verifying); else whether every member matched.
    verified: bool | None = None
    problem: str = ""


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    manifest: BackupManifest
    #: The copy in the second folder, if there is one and it could be written.
    second_copy: Path | None = None
    #: Why the second copy could not be written ("" when it was, or none is wanted).
    second_problem: str = ""
    pruned: tuple[Path, ...] = ()


class Backups:
    """The backups of one open journal."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal

    # --- settings ------------------------------------------------------------------------
    def settings(self) -> BackupSettings:
        stored: dict[str, str] = {
            str(key): str(value)
            for key, value in self._journal.db.query(
                "SELECT key, value FROM meta WHERE key LIKE 'backup.%'"
            )
        }
        keep = {}
        for name in _KEEP:
            with contextlib.suppress(KeyError, ValueError):
                keep[name] = int(stored[f"backup.keep_{name}"])
        try:
            policy = RetentionPolicy(**keep)
        except ValueError:  # hand-edited values out of range: the defaults
            policy = RetentionPolicy()
        return BackupSettings(
            folder=Path(stored[_FOLDER]) if stored.get(_FOLDER) else None,
            second_folder=Path(stored[_SECOND_FOLDER]) if stored.get(_SECOND_FOLDER) else None,
            policy=policy,
        )

    def save_settings(self, settings: BackupSettings) -> None:
        values = {
            _FOLDER: str(settings.folder) if settings.folder else "",
            _SECOND_FOLDER: str(settings.second_folder) if settings.second_folder else "",
            **{f"backup.keep_{name}": str(getattr(settings.policy, name)) for name in _KEEP},
        }
        db = self._journal.db
        with db.transaction():
            for key, value in values.items():
                db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def folder(self, settings: BackupSettings | None = None) -> Path:
        settings = settings or self.settings()
        return settings.folder or self._journal.paths.backups_dir

    def folders(self, settings: BackupSettings | None = None) -> list[Path]:
        settings = settings or self.settings()
        first = settings.folder or self._journal.paths.backups_dir
        second = settings.second_folder
        return [first] if second is None or second == first else [first, second]

    # --- taking backups ------------------------------------------------------------------
    def back_up(
        self,
        *,
        reason: str = "manual",
        to: Path | None = None,
        progress: Progress | None = None,
        settings: BackupSettings | None = None,
    ) -> BackupResult:
        """A verified backup in ``to`` (default: the backup folder, then a copy in the
        second folder), then retention in each folder written to.

        ``settings``: read beforehand by the caller. The app passes them so that a backup on
        a worker thread never uses the journal's shared connection (the copy itself runs on
        connections of its own).

        Raises:
            WriteFailed: the backup (first) folder could not be written; nothing is left.
        """
        settings = settings or self.settings()
        first = to or settings.folder or self._journal.paths.backups_dir
        path, manifest = backup.write_backup(
            self._journal.db,
            key_file=self._journal.paths.key_file,
            folder=first,
            reason=reason,
            app_version=__version__,
            progress=progress,
        )
        pruned: list[Path] = self._prune(first, settings.policy) if to is None else []
        second_copy, second_problem = None, ""
        if to is None and settings.second_folder and settings.second_folder != first:
            try:
                second_copy = _copy_verified(path, settings.second_folder)
                pruned += self._prune(settings.second_folder, settings.policy)
            except (OSError, BackupUnusable) as error:
                second_problem = _reason_of(error)
        return BackupResult(path, manifest, second_copy, second_problem, tuple(pruned))

    def daily_if_due(
        self, *, now: datetime | None = None, settings: BackupSettings | None = None
    ) -> BackupResult | None:
        """The day's backup if the backup folder has none from today (local time).

        ``settings``: as for :meth:`back_up` (the app checks from a worker thread)."""
        settings = settings or self.settings()
        today = (now or datetime.now().astimezone()).astimezone().date()
        if any(
            info.manifest.created_at.astimezone().date() == today
            for info in self.find(folders=[self.folder(settings)], names_from=today)
        ):
            return None
        return self.back_up(reason="daily", settings=settings)

    # --- what there is -------------------------------------------------------------------
    def find(
        self,
        *,
        folders: list[Path] | None = None,
        verify: bool = False,
        names_from: date | None = None,
    ) -> list[BackupInfo]:
        """This journal's backups in ``folders`` (default: both), newest first.

        ``names_from`` (a date) reads only the files whose names carry that local date:
        the cheap check made by every command for the daily backup."""
        found: list[BackupInfo] = []
        for folder in folders or self.folders():
            for path in _backup_files(folder):
                if names_from is not None and f"journal-{names_from}" not in path.name:
                    continue
                info = _info(path, verify=verify)
                if info is not None and info.manifest.journal_id == self._journal.db.journal_id:
                    found.append(info)
        found.sort(key=lambda info: info.manifest.created_at, reverse=True)
        return found

    def last_backup(self, settings: BackupSettings | None = None) -> datetime | None:
        """When the newest backup in the backup folders was taken (None: never)."""
        newest = self.find(folders=self.folders(settings))
        return newest[0].manifest.created_at if newest else None

    def _prune(self, folder: Path, policy: RetentionPolicy) -> list[Path]:
        mine = self.find(folders=[folder])
        keep = to_keep([info.manifest.created_at.astimezone() for info in mine], policy)
        removed = []
        for index, info in enumerate(mine):
            if index not in keep:
                with contextlib.suppress(OSError):
                    info.path.unlink()
                    removed.append(info.path)
        return removed


def inspect(path: Path, *, verify: bool = False) -> BackupInfo:
    """One backup file, any journal's (one the user picked): its manifest and size; with
    ``verify``, read back whole against its checksums first.

    Raises:
        BackupUnusable: not a backup, or damaged or truncated (with ``verify``: anywhere).
    """
    manifest = backup.verify(path) if verify else backup.read_manifest(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise BackupUnusable(f"cannot read {path}: {_reason_of(error)}") from None
    return BackupInfo(path, manifest, size, True if verify else None)


def is_stale(last: datetime | None, *, now: datetime) -> bool:
    """No backup, or none for :data:`STALE_AFTER`: time for a gentle reminder."""
    return last is None or now - last > STALE_AFTER


def _backup_files(folder: Path) -> list[Path]:
    try:
        return [path for path in folder.iterdir() if backup.is_backup_name(path)]
    except OSError:  # a second folder on a drive that is not plugged in
        return []


def _info(path: Path, *, verify: bool) -> BackupInfo | None:
    try:
        size = path.stat().st_size
        manifest = backup.verify(path) if verify else backup.read_manifest(path)
    except OSError:
        return None
    except BackupUnusable as error:
        if not verify:
            return None
        try:
            manifest = backup.read_manifest(path)
        except BackupUnusable:
            return None
        return BackupInfo(path, manifest, size, False, str(error))
    return BackupInfo(path, manifest, size, True if verify else None)


def _copy_verified(path: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True, mode=safe_write.PRIVATE_FOLDER)
    target = folder / path.name
    with safe_write.staged_file(target) as partial, path.open("rb") as source:
        with partial.open("wb") as out:
            while chunk := source.read(1 << 20):
                out.write(chunk)
        backup.verify(partial)
    return target


def _reason_of(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)
