"""One backup file: everything needed to open the journal again, and no plaintext.

A backup (``journal-<local time>-<reason>.tkgbackup``) is a ZIP archive, stored rather
than compressed (its content is ciphertext), of three members:

* ``manifest.json``: the format name and version, the journal's id, when and why the
  backup was taken, its schema version, how many entries it holds, the app's version,
  and the size and SHA-256 of the two other members;
* ``journal.db``: a copy of the encrypted database, made with SQLite's online backup
  (consistent while the app or a command writes) and written by SQLCipher with the
  journal's own key, so no plaintext and no key ever leave SQLite;
* ``journal.keys``: the key file (the database key wrapped by the passphrase and by the
  recovery key; no secret in it), so the backup opens with the passphrase or the
  recovery key it was taken with, on any machine.

The database copy is checked (it opens with the key, holds this journal, every page's
HMAC and structure pass the checks of ``tkg-journal check``) before the archive is
written; the archive is written under a temporary name, read back (every member against
its SHA-256) and only then renamed into place.

What a backup shows without its key: the journal id, the dates, the reason, the schema
version and the number of entries (for the list of backups). Nothing a user wrote.
Format changes get a new ``VERSION``; this version reads every earlier one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from tkg_journal import safe_write
from tkg_journal.storage.database import Database, check_journal_file
from tkg_journal.storage.errors import StorageError, WriteFailed

FORMAT = "tkg-journal-backup"
VERSION = 1
SUFFIX = ".tkgbackup"
MANIFEST = "manifest.json"
DATABASE = "journal.db"
KEYS = "journal.keys"
_PLAIN_SQLITE_MAGIC = b"SQLite format 3\x00"
_CHUNK = 1 << 20
# A manifest or key file is a few kilobytes; more is not one of ours.
_MAX_SMALL_MEMBER = 1 << 20

#: ``progress(done, total)``: how far a backup or restore has got, in pages or bytes.
Progress = Callable[[int, int], None]


class BackupUnusable(StorageError):
    """The file is not a TKG Journal backup, or it is damaged or truncated."""


@dataclass(frozen=True, slots=True)
class BackupManifest:
    journal_id: str
    created_at: datetime  # UTC
    reason: str
    schema_version: int
    entries: int
    app_version: str
    database_bytes: int
    database_sha256: str
    keys_sha256: str

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "journal_id": self.journal_id,
            "created_at": self.created_at.astimezone(UTC).isoformat(timespec="seconds"),
            "reason": self.reason,
            "schema_version": self.schema_version,
            "entries": self.entries,
            "app_version": self.app_version,
            "members": {
                DATABASE: {"bytes": self.database_bytes, "sha256": self.database_sha256},
                KEYS: {"sha256": self.keys_sha256},
            },
        }

    @classmethod
    def from_json(cls, data: Any, path: Path) -> BackupManifest:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BackupUnusable(f"{path} is not a TKG Journal backup")
        if not isinstance(data.get("version"), int) or data["version"] > VERSION:
            raise BackupUnusable(
                f"{path} was written by a newer TKG Journal (backup format "
                f"{data.get('version')!r}); update the app to restore it"
            )
        try:
            members = data["members"]
            created = datetime.fromisoformat(str(data["created_at"]))
            return cls(
                journal_id=str(data["journal_id"]),
                created_at=created if created.tzinfo else created.replace(tzinfo=UTC),
                reason=str(data["reason"]),
                schema_version=int(data["schema_version"]),
                entries=int(data["entries"]),
                app_version=str(data["app_version"]),
                database_bytes=int(members[DATABASE]["bytes"]),
                database_sha256=str(members[DATABASE]["sha256"]),
                keys_sha256=str(members[KEYS]["sha256"]),
            )
        except (KeyError, TypeError, ValueError):
            raise BackupUnusable(f"{path} is damaged: its manifest is incomplete") from None


def write_backup(
    db: Database,
    *,
    key_file: Path,
    folder: Path,
    reason: str,
    app_version: str,
    progress: Progress | None = None,
) -> tuple[Path, BackupManifest]:
    """Back the open journal up into a new file in ``folder``; returns its path.

    Runs on connections of its own (see :meth:`Database.copy_online`), so a worker thread
    may call it while the journal is in use.

    Raises:
        WriteFailed: the folder cannot be written, the disk is full, or the copy did not
            verify; nothing is left behind.
    """
    now = datetime.now(UTC)
    target = _free_name(folder, now, reason)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=safe_write.PRIVATE_FOLDER)
        _remove_leftovers(folder)
        keys = key_file.read_bytes()
        with _scratch_file(folder) as copy:
            db.copy_online(copy, progress=progress)
            _check_encrypted(copy)
            problems = db.check_copy(copy)
            if problems:
                raise WriteFailed(f"the backup did not verify ({problems[0]}); it was deleted")
            schema_version, entries = db.copy_facts(copy)
            manifest = BackupManifest(
                journal_id=db.journal_id,
                created_at=now,
                reason=reason,
                schema_version=schema_version,
                entries=entries,
                app_version=app_version,
                database_bytes=copy.stat().st_size,
                database_sha256=_sha256_of_file(copy),
                keys_sha256=hashlib.sha256(keys).hexdigest(),
            )
            with safe_write.staged_file(target) as partial:
                _write_archive(partial, manifest, copy, keys)
                verify(partial)  # read back before it takes its name
    except OSError as error:
        raise WriteFailed(
            f"could not back up the journal to {folder}: {error.strerror or error}; "
            "nothing was changed"
        ) from None
    return target, manifest


def read_manifest(path: Path) -> BackupManifest:
    """The manifest of the backup at ``path``, checked for shape only (see :func:`verify`).

    Raises:
        BackupUnusable: not a backup, or damaged or truncated so that its list of members
            or its manifest cannot be read.
    """
    with _open_archive(path) as archive:
        return _manifest_of(archive, path)


def verify(path: Path) -> BackupManifest:
    """Read every member of the backup back against the manifest's SHA-256.

    Raises:
        BackupUnusable: not a backup, or damaged or truncated anywhere.
    """
    with _open_archive(path) as archive:
        manifest = _manifest_of(archive, path)
        for name, expected in ((DATABASE, manifest.database_sha256), (KEYS, manifest.keys_sha256)):
            digest = hashlib.sha256()
            with _member(archive, name, path) as handle:
                for chunk in iter(lambda: handle.read(_CHUNK), b""):
                    digest.update(chunk)
            if digest.hexdigest() != expected:
                raise BackupUnusable(f"{path} is damaged: its {name} does not match its checksum")
    return manifest


def extract_database(path: Path, database: Path) -> BackupManifest:
    """:func:`extract` of the database alone (the key file is read with
    :func:`read_key_file`)."""
    return _extract(path, {DATABASE: database})


def extract(path: Path, *, database: Path, keys: Path) -> BackupManifest:
    """Write the backup's database and key file to the two given (new) paths, each
    checked against the manifest while it is written; 0600.

    Raises:
        BackupUnusable: the backup is damaged (nothing is left at the two paths).
        OSError: they cannot be written (nothing is left either).
    """
    return _extract(path, {DATABASE: database, KEYS: keys})


def _extract(path: Path, targets: dict[str, Path]) -> BackupManifest:
    written: list[Path] = []
    try:
        with _open_archive(path) as archive:
            manifest = _manifest_of(archive, path)
            expected = {DATABASE: manifest.database_sha256, KEYS: manifest.keys_sha256}
            for name, target in targets.items():
                digest = hashlib.sha256()
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, safe_write.PRIVATE_FILE)
                written.append(target)
                with _member(archive, name, path) as source, os.fdopen(fd, "wb") as out:
                    for chunk in iter(lambda: source.read(_CHUNK), b""):
                        digest.update(chunk)
                        out.write(chunk)
                    out.flush()
                    os.fsync(out.fileno())
                if digest.hexdigest() != expected[name]:
                    raise BackupUnusable(
                        f"{path} is damaged: its {name} does not match its checksum"
                    )
        return manifest
    except BaseException:
        for partial in written:
            with contextlib.suppress(OSError):
                partial.unlink()
        raise


def read_key_file(path: Path) -> bytes:
    """The key file held in the backup at ``path`` (checked against the manifest).

    Raises:
        BackupUnusable: not a backup, or damaged.
    """
    with _open_archive(path) as archive:
        manifest = _manifest_of(archive, path)
        keys = archive.read(KEYS)
    if hashlib.sha256(keys).hexdigest() != manifest.keys_sha256:
        raise BackupUnusable(f"{path} is damaged: its {KEYS} does not match its checksum")
    return keys


def check_database(path: Path, key: bytes, *, journal_id: str) -> list[str]:
    """Problems with an extracted database (``[]``: it opens with ``key``, is the journal
    ``journal_id`` and passes the checks of ``tkg-journal check``)."""
    return check_journal_file(path, key, journal_id=journal_id)


def is_backup_name(path: Path) -> bool:
    return path.suffix == SUFFIX and path.name.startswith("journal-") and path.is_file()


# --- the archive ---------------------------------------------------------------------


def _write_archive(target: Path, manifest: BackupManifest, database: Path, keys: bytes) -> None:
    manifest_bytes = (json.dumps(manifest.to_json(), indent=2) + "\n").encode("utf-8")
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as archive:
        # The manifest first: a truncated file still says what it was.
        archive.writestr(_member_info(MANIFEST), manifest_bytes)
        with archive.open(_member_info(DATABASE), "w", force_zip64=True) as out, database.open(
            "rb"
        ) as source:
            for chunk in iter(lambda: source.read(_CHUNK), b""):
                out.write(chunk)
        archive.writestr(_member_info(KEYS), keys)


def _member_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # no clock in the listing
    info.compress_type = zipfile.ZIP_STORED
    info.external_attr = (0o100000 | safe_write.PRIVATE_FILE) << 16
    return info


@contextlib.contextmanager
def _open_archive(path: Path) -> Iterator[zipfile.ZipFile]:
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BackupUnusable(f"there is no backup at {path}") from None
    except IsADirectoryError:
        raise BackupUnusable(f"{path} is a folder, not a backup file") from None
    except PermissionError:
        raise BackupUnusable(f"cannot read {path}: permission denied") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise BackupUnusable(
            f"{path} is not a TKG Journal backup, or it is damaged or truncated"
        ) from None
    try:
        yield archive
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile, ValueError, OSError) as error:
        if isinstance(error, BackupUnusable):
            raise
        raise BackupUnusable(f"{path} is damaged or truncated ({error})") from None
    finally:
        archive.close()


def _manifest_of(archive: zipfile.ZipFile, path: Path) -> BackupManifest:
    names = set(archive.namelist())
    if MANIFEST not in names:
        raise BackupUnusable(f"{path} is not a TKG Journal backup (it has no manifest)")
    info = archive.getinfo(MANIFEST)
    if info.file_size > _MAX_SMALL_MEMBER:
        raise BackupUnusable(f"{path} is not a TKG Journal backup")
    try:
        data = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BackupUnusable(f"{path} is damaged: its manifest cannot be read") from None
    manifest = BackupManifest.from_json(data, path)
    missing = {DATABASE, KEYS} - names
    if missing:
        lacking = ", ".join(sorted(missing))
        raise BackupUnusable(f"{path} is damaged or truncated: it lacks {lacking}")
    if archive.getinfo(DATABASE).file_size != manifest.database_bytes:
        raise BackupUnusable(f"{path} is damaged: its database has the wrong size")
    if archive.getinfo(KEYS).file_size > _MAX_SMALL_MEMBER:
        raise BackupUnusable(f"{path} is damaged: its key file is too large")
    return manifest


@contextlib.contextmanager
def _member(archive: zipfile.ZipFile, name: str, path: Path) -> Iterator[IO[bytes]]:
    try:
        with archive.open(name) as handle:
            yield handle
    except zipfile.BadZipFile as error:
        raise BackupUnusable(f"{path} is damaged: {error}") from None


# --- files ---------------------------------------------------------------------------


def _free_name(folder: Path, now: datetime, reason: str) -> Path:
    stamp = now.astimezone().strftime("%Y-%m-%d-%H%M%S")
    target = folder / f"journal-{stamp}-{reason}{SUFFIX}"
    number = 2
    while target.exists():  # two backups in one second (a restore right after a backup)
        target = folder / f"journal-{stamp}-{reason}-{number}{SUFFIX}"
        number += 1
    return target


@contextlib.contextmanager
def _scratch_file(folder: Path) -> Iterator[Path]:
    """A new path in ``folder`` for an encrypted working copy, removed afterwards (its
    name starts with a dot, so it never lists as a backup)."""
    handle, name = tempfile.mkstemp(prefix=".backup-", suffix=".db", dir=folder)
    os.close(handle)
    path = Path(name)
    path.unlink()  # SQLite creates it; an empty file is not a database to it
    try:
        yield path
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{path}{suffix}").unlink()


#: Working files older than this were left by a backup that was killed (a running one
#: takes seconds); younger ones may belong to a backup another process is taking.
_LEFTOVER_AGE_S = 3600


def _remove_leftovers(folder: Path) -> None:
    """Remove the working files of backups cut short (killed, power lost) in ``folder``:
    they are encrypted, but they take space and are no use to anyone."""
    safe_write.remove_stale(
        folder, [".backup-*", f".journal-*{SUFFIX}.*.tmp"], older_than_s=_LEFTOVER_AGE_S
    )


def _check_encrypted(copy: Path) -> None:
    with copy.open("rb") as handle:
        if handle.read(len(_PLAIN_SQLITE_MAGIC)) == _PLAIN_SQLITE_MAGIC:
            raise WriteFailed("the backup came out unencrypted; it was deleted")


def _sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def snapshot(db: Database, *, key_file: Path, folder: Path, reason: str) -> Path:
    """A backup taken before a risky step (an upgrade, a repair, a restore, a
    re-encryption): :func:`write_backup` with this app's version; returns its path."""
    from tkg_journal import __version__

    return write_backup(
        db, key_file=key_file, folder=folder, reason=reason, app_version=__version__
    )[0]
