"""Re-encryption on real encrypted files: a new key, everything kept, every older way in
refused with the right message, backups still opening with their own keys, and each
state a crash can leave settled to one whole journal on the next open."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.fakes.keyrings import MemoryKeyring
from tests.helpers import snapshot
from tkg_journal.paths import JournalPaths
from tkg_journal.security import key_file, recovery_sheet
from tkg_journal.security.errors import KeyMismatch, OutdatedKey, WrongRecoveryKey
from tkg_journal.services import demo, journal_access, rekey, rekey_files, sheet_recovery
from tkg_journal.storage import backup
from tkg_journal.storage.cipher import key_fits
from tkg_journal.storage.errors import JournalBusy


@pytest.fixture
def filled(journal_paths: JournalPaths) -> tuple[JournalPaths, str]:
    """A passphrase journal with demo entries, experiments, check-ins and sessions, and
    its recovery sheet's text."""
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    with created.journal as journal:
        demo.fill(journal, entries=80, seed=3)
    return journal_paths, sheet_of(journal_paths, created.recovery_key)


def sheet_of(paths: JournalPaths, recovery: str) -> str:
    return recovery_sheet.sheet_text(
        recovery, recovery_sheet.block_of(key_file.read(paths.key_file)))


def contents(paths: JournalPaths, passphrase: str = TEST_PASSPHRASE) -> dict[str, object]:
    """Every table's row count and a few whole records."""
    with journal_access.unlock(paths, passphrase=passphrase) as journal:
        return {
            "rows": journal.db.row_counts(),
            "entries": [journal.get_entry(n) for n in (1, 40, 80)],
            "experiments": journal.db.query("SELECT * FROM experiments ORDER BY id"),
            "schema": journal.db.query("SELECT name, sql FROM sqlite_master ORDER BY name"),
        }


def do_rekey(paths: JournalPaths, passphrase: str | None = TEST_PASSPHRASE) -> rekey.Rekeyed:
    key = journal_access.unlock_key(paths, passphrase=passphrase)
    return rekey.rekey(paths, key=key, passphrase=passphrase)


def test_everything_is_kept_under_a_new_key(filled: tuple[JournalPaths, str]) -> None:
    paths, _ = filled
    before = contents(paths)
    old_key = journal_access.unlock_key(paths, passphrase=TEST_PASSPHRASE)
    stages: list[tuple[rekey.Stage, float]] = []
    done = rekey.rekey(paths, key=old_key, passphrase=TEST_PASSPHRASE,
                       progress=lambda stage, fraction: stages.append((stage, fraction)))

    assert done.key != old_key
    assert key_fits(paths.database, done.key) is True
    assert key_fits(paths.database, old_key) is False
    assert contents(paths) == before  # the same passphrase opens it
    keys = key_file.read(paths.key_file)
    assert keys.generation == 2 and keys.rekeyed_at is not None
    assert paths.key_file_copy.read_bytes() == paths.key_file.read_bytes()
    assert sorted(p.name for p in paths.data_dir.iterdir()) == [
        "backups", "journal.db", "journal.keys", "journal.keys.copy"]
    # Progress: every stage in order, never backwards, to the end.
    fractions = [fraction for _, fraction in stages]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert [s for s in dict.fromkeys(stage for stage, _ in stages)] == list(rekey.Stage)


def test_older_key_files_and_sheets_are_refused_with_the_right_message(
        filled: tuple[JournalPaths, str]) -> None:
    paths, old_sheet = filled
    old_keys = paths.key_file.read_bytes()
    done = do_rekey(paths)
    new_sheet = recovery_sheet.sheet_text(
        done.recovery_key, recovery_sheet.block_of(key_file.read(paths.key_file)))
    day = f"{done.rekeyed_at.astimezone().day} {done.rekeyed_at.astimezone():%B %Y}"

    # The old recovery key does not unlock the new key file.
    with pytest.raises(WrongRecoveryKey):
        journal_access.unlock(paths, recovery_key=old_sheet)
    journal_access.unlock(paths, recovery_key=new_sheet).close()

    # An old key file put back in place: from before the re-encryption, with its date.
    current = paths.key_file.read_bytes()
    paths.key_file.write_bytes(old_keys)
    before = snapshot(paths.data_dir)
    with pytest.raises(OutdatedKey) as caught:
        journal_access.unlock(paths, passphrase=TEST_PASSPHRASE)
    message = str(caught.value)
    assert f"is from before the journal was re-encrypted on {day}" in message
    assert "another journal" not in message and "nothing was changed" in message
    assert snapshot(paths.data_dir) == before
    paths.key_file.write_bytes(current)

    # The old sheet with every key file lost: its block opens no page of the new database.
    paths.key_file.unlink()
    paths.key_file_copy.unlink()
    before = snapshot(paths.data_dir)
    with pytest.raises(KeyMismatch, match="from before the journal was re-encrypted"):
        sheet_recovery.key_from_sheet(paths, sheet_recovery.read_sheet(paths, old_sheet))
    assert snapshot(paths.data_dir) == before
    # The new sheet rebuilds the key file.
    sheet = sheet_recovery.read_sheet(paths, new_sheet)
    key = sheet_recovery.key_from_sheet(paths, sheet)
    sheet_recovery.rebuild(paths, sheet, key, passphrase="chosen after the rekey")
    assert key_file.read(paths.key_file).generation == 2
    journal_access.unlock(paths, passphrase="chosen after the rekey").close()


def test_the_backup_taken_first_still_opens_with_its_own_key_file(
        filled: tuple[JournalPaths, str], tmp_path: Path) -> None:
    paths, old_sheet = filled
    before = contents(paths)
    done = do_rekey(paths)
    assert done.backup.parent == paths.backups_dir and "before-rekey" in done.backup.name
    elsewhere = JournalPaths(tmp_path / "from-backup")
    elsewhere.data_dir.mkdir()
    backup.extract(done.backup, database=elsewhere.database, keys=elsewhere.key_file)
    assert key_file.read(elsewhere.key_file).generation == 1
    assert contents(elsewhere) == before
    journal_access.unlock(elsewhere, recovery_key=old_sheet).close()
    # ...and its key file does not open the re-encrypted journal.
    paths.key_file.write_bytes(elsewhere.key_file.read_bytes())
    with pytest.raises(OutdatedKey):
        journal_access.unlock(paths, passphrase=TEST_PASSPHRASE)


def test_a_keyring_journal_gets_a_keyring_entry_of_its_own(
        journal_paths: JournalPaths, memory_keyring: MemoryKeyring) -> None:
    created = journal_access.create(journal_paths)
    created.journal.close()
    journal_id = key_file.read(journal_paths.key_file).journal_id
    old_entry = memory_keyring.entries[("tkg-journal", journal_id)]
    done = do_rekey(journal_paths, passphrase=None)
    assert memory_keyring.entries[("tkg-journal", f"{journal_id}#2")] == done.key.hex()
    # The old entry keeps the old key: backups taken before open as they did.
    assert memory_keyring.entries[("tkg-journal", journal_id)] == old_entry
    with journal_access.unlock(journal_paths) as journal:
        assert journal.is_empty()
    assert journal_access.key_mode(journal_paths) == "keyring"


def test_an_open_journal_elsewhere_is_not_re_encrypted(
        filled: tuple[JournalPaths, str]) -> None:
    paths, _ = filled
    key = journal_access.unlock_key(paths, passphrase=TEST_PASSPHRASE)
    kept = {name: (paths.data_dir / name).read_bytes()
            for name in ("journal.db", "journal.keys", "journal.keys.copy")}
    with (journal_access.unlock(paths, passphrase=TEST_PASSPHRASE),  # the app, say
          pytest.raises(JournalBusy, match="open in another window or command")):
        rekey.rekey(paths, key=key, passphrase=TEST_PASSPHRASE)
    assert {name: (paths.data_dir / name).read_bytes() for name in kept} == kept
    assert not rekey_files.in_flight(paths)
    journal_access.unlock(paths, passphrase=TEST_PASSPHRASE).close()


def test_two_re_encryptions_never_run_at_once(filled: tuple[JournalPaths, str]) -> None:
    paths, _ = filled
    key = journal_access.unlock_key(paths, passphrase=TEST_PASSPHRASE)
    with rekey_files.locked(paths):
        with pytest.raises(JournalBusy, match="being re-encrypted"):
            rekey.rekey(paths, key=key, passphrase=TEST_PASSPHRASE)
        (paths.data_dir / "journal.rekey").write_text("{}")  # as if half way
        with pytest.raises(JournalBusy, match="being re-encrypted"):
            journal_access.unlock(paths, passphrase=TEST_PASSPHRASE)
        (paths.data_dir / "journal.rekey").unlink()


# --- what a crash leaves ----------------------------------------------------------------------


class Crash(BaseException):
    """Stands for the process dying at that point (nothing after it runs)."""


def crash_at(monkeypatch: pytest.MonkeyPatch, target: object, name: str) -> None:
    def die(*_args: object, **_kwargs: object) -> None:
        raise Crash

    monkeypatch.setattr(target, name, die)


def test_a_crash_before_the_commit_record_leaves_the_old_journal(
        filled: tuple[JournalPaths, str], monkeypatch: pytest.MonkeyPatch) -> None:
    paths, old_sheet = filled
    before = contents(paths)
    old_keys = paths.key_file.read_bytes()
    # Dying with the new files written and no record: here roll_back must not run either.
    crash_at(monkeypatch, rekey_files, "commit")
    crash_at(monkeypatch, rekey_files, "roll_back")
    with pytest.raises(Crash):
        do_rekey(paths)
    monkeypatch.undo()
    assert rekey_files.new_database(paths).exists() and rekey_files.new_key_file(paths).exists()
    notes = journal_access.prepare(paths)
    assert notes and "was undone" in notes[0]
    assert not rekey_files.in_flight(paths)
    assert paths.key_file.read_bytes() == old_keys
    assert contents(paths) == before
    journal_access.unlock(paths, recovery_key=old_sheet).close()


@pytest.mark.parametrize("dies_at", ["before the swap", "after the database", "after both"])
def test_a_crash_after_the_commit_record_finishes_on_the_next_open(
        filled: tuple[JournalPaths, str], monkeypatch: pytest.MonkeyPatch, dies_at: str) -> None:
    paths, _ = filled
    before = contents(paths)
    real_replace = os.replace
    renames: list[str] = []

    def replace(source: object, target: object) -> None:
        name = Path(str(source)).name
        if name in ("journal.db.rekey", "journal.keys.rekey"):
            if dies_at == "before the swap" or (
                    dies_at == "after the database" and renames) or (
                    dies_at == "after both" and len(renames) == 2):
                raise Crash
            renames.append(name)
        real_replace(source, target)  # type: ignore[arg-type]

    def write_copy(*args: object, **kwargs: object) -> None:
        if dies_at == "after both":
            raise Crash
        real_write(*args, **kwargs)  # type: ignore[arg-type]

    from tkg_journal import safe_write
    real_write = safe_write.write_atomically
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(rekey_files.safe_write, "write_atomically",
                        lambda path, data: write_copy(path, data)
                        if Path(path).name == "journal.keys.copy" else real_write(path, data))
    with pytest.raises(Crash):
        do_rekey(paths)
    monkeypatch.undo()
    assert rekey_files.commit_record(paths).exists()
    # The old database's write-ahead log may be left beside the new database: it must go.
    notes = journal_access.prepare(paths)
    assert notes and "has been finished" in notes[0]
    assert not rekey_files.in_flight(paths)
    assert key_file.read(paths.key_file).generation == 2
    assert paths.key_file_copy.read_bytes() == paths.key_file.read_bytes()
    assert contents(paths) == before


def test_a_journal_opened_while_it_was_swapped_is_refused(
        filled: tuple[JournalPaths, str]) -> None:
    from tkg_journal.services import key_files

    paths, _ = filled
    identity = key_files.file_identity(paths.database)
    key_files.check_still_in_place(paths, identity)  # nothing happened
    swapped_in = paths.data_dir / "another.db"
    swapped_in.write_bytes(paths.database.read_bytes())
    os.replace(swapped_in, paths.database)  # another file now has the name
    with pytest.raises(JournalBusy, match="re-encrypted while it was opening"):
        key_files.check_still_in_place(paths, identity)
