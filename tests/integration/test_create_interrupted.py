"""Creating a journal cut short at any point: afterwards either ``init`` succeeds in the
same folder, or the journal opens whole; never do both refuse, and nothing is deleted.

Crashes are real ones: a child process kills itself (SIGKILL, so no clean-up runs) right
after a chosen step of :func:`journal_access.create`, and the installed command is killed
at random moments of ``init``. Release 0.1.0 created journal.db in place; what it left
when cut short is made the same way (its order of steps, killed) and must be recoverable.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.e2e.cli_runner import installed_command
from tests.fakes.keyrings import MemoryKeyring
from tests.helpers import snapshot
from tkg_journal.domain.friction import seed_catalogue
from tkg_journal.paths import JournalPaths
from tkg_journal.security.errors import KeyFileError
from tkg_journal.services import journal_access
from tkg_journal.storage import friction_repository
from tkg_journal.storage.database import holds_no_journal, open_database
from tkg_journal.storage.errors import (
    JournalExists,
    JournalNotFound,
    NotAJournal,
    StorageError,
    WriteFailed,
)

TRIALS = 20

_CRASH_AFTER = """
import importlib, os, signal, sys
from pathlib import Path
module_name, attribute, folder, passphrase = sys.argv[1:5]
module = importlib.import_module(module_name)
original = getattr(module, attribute)
def crash(*args, **kwargs):
    original(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
setattr(module, attribute, crash)
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
journal_access.create(JournalPaths(Path(folder)), passphrase=passphrase)
print("not killed")
"""

# Release 0.1.0's order: the key file, then journal.db created in place, then the catalogue.
_RELEASE_0_1_0_CUT_SHORT = """
import os, signal, sys, uuid
from pathlib import Path
from tkg_journal.security import key_file
from tkg_journal.security.database_key import new_database_key
from tkg_journal.security.key_file import KeyMode
from tkg_journal.security.recovery_key import new_recovery_key
from tkg_journal.storage import database, migrations
folder, passphrase, phase = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
key, journal_id = new_database_key(), str(uuid.uuid4())
folder.mkdir(mode=0o700)
keys = key_file.create(key=key, journal_id=journal_id, mode=KeyMode.PASSPHRASE,
                       recovery=new_recovery_key(), passphrase=passphrase)
key_file.write(folder / "journal.keys", keys)
def die(*_):
    os.kill(os.getpid(), signal.SIGKILL)
if phase == "key file only":
    die()
if phase == "empty database":
    connect = database._connect
    database._connect = lambda *args: (connect(*args), die())[0]
if phase == "tables not committed":
    last = migrations.MIGRATIONS[-1]
    def spill(conn):  # pages of the open transaction reach the log, uncommitted
        last(conn)
        conn.execute("PRAGMA cache_size = 2")
        conn.execute("CREATE TABLE filler (x)")
        for _ in range(40):
            conn.execute("INSERT INTO filler VALUES (randomblob(3000))")
        die()
    migrations.MIGRATIONS[-1] = spill
kept = database.create_database(folder / "journal.db", key, journal_id=journal_id)
die()  # "tables committed": the connection still open, the catalogue not seeded
"""


def _run_killed(script: str, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == -signal.SIGKILL, done.stdout + done.stderr


def _is_whole(journal_paths: JournalPaths) -> None:
    """The journal opens with all a new journal holds: its tables, its id, its catalogue."""
    with journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE) as journal:
        assert journal.integrity_problems() == []
        assert journal.count_entries() == 0
        names = {b.name for b in friction_repository.list_all(journal.db)}
        assert names == {b.name for b in seed_catalogue()}


def _recover(journal_paths: JournalPaths) -> str:
    """What a user can do after the crash: open the journal, else init. Returns which."""
    if journal_access.exists(journal_paths):
        _is_whole(journal_paths)
        with pytest.raises(JournalExists):
            journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
        return "opened"
    with pytest.raises((JournalNotFound, NotAJournal, KeyFileError)):
        journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE)
    journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE).journal.close()
    _is_whole(journal_paths)
    return "created again"


def _names(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()} if folder.exists() else set()


_MODULE = "tkg_journal.services.journal_access"


@pytest.mark.parametrize(
    ("module", "step", "outcome"),
    [
        (_MODULE, "_set_aside_unfinished", "created again"),
        (_MODULE, "create_database", "created again"),
        ("tkg_journal.storage.friction_repository", "insert_many", "created again"),
        (_MODULE, "_make_database", "created again"),
        ("tkg_journal.security.key_file", "write", "created again"),
        ("os", "link", "opened"),
        (_MODULE, "_publish", "opened"),
        (_MODULE, "open_database", "opened"),
    ],
)
def test_killed_after_each_step(
    journal_paths: JournalPaths, module: str, step: str, outcome: str
) -> None:
    # What an earlier interrupted set-up left, so that putting it aside is a step too.
    _run_killed(_RELEASE_0_1_0_CUT_SHORT, str(journal_paths.data_dir), "x" * 12, "key file only")
    _run_killed(_CRASH_AFTER, module, step, str(journal_paths.data_dir), TEST_PASSPHRASE)
    assert _recover(journal_paths) == outcome
    if outcome == "opened":
        assert not Path(f"{journal_paths.database}{journal_access.STAGED_SUFFIX}").exists()


@pytest.mark.parametrize("step", ["create_database", "_make_database", "_publish"])
def test_a_failed_step_leaves_no_journal_and_init_works(
    journal_paths: JournalPaths, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    def fail(*_: object, **__: object) -> None:
        raise WriteFailed("the disk is full: nothing was saved; free some space and retry")

    with monkeypatch.context() as patch:
        patch.setattr(journal_access, step, fail)
        with pytest.raises(WriteFailed):
            journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    assert _names(journal_paths.data_dir) == set()  # all it made was removed
    assert _recover(journal_paths) == "created again"


def test_a_failure_before_the_journal_appears_removes_the_keyring_entry(
    journal_paths: JournalPaths, monkeypatch: pytest.MonkeyPatch, memory_keyring: MemoryKeyring
) -> None:
    def fail(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal_access.key_file, "write", fail)
    with pytest.raises(OSError):
        journal_access.create(journal_paths)
    assert memory_keyring.entries == {}
    assert _names(journal_paths.data_dir) == set()


def test_a_file_system_without_hard_links_gets_the_journal_by_rename(
    journal_paths: JournalPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*_: object, **__: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE).journal.close()
    names = _names(journal_paths.data_dir)
    assert {"journal.db", "journal.keys"} <= names
    assert not any(name.startswith("journal.db.") for name in names)
    _is_whole(journal_paths)


def test_a_journal_that_appears_meanwhile_is_never_replaced(
    journal_paths: JournalPaths, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = JournalPaths(tmp_path / "other")
    journal_access.create(other, passphrase=TEST_PASSPHRASE).journal.close()
    make = journal_access._make_database

    def another_journal_arrives(*args: object) -> None:
        make(*args)  # type: ignore[arg-type]
        journal_paths.database.write_bytes(other.database.read_bytes())

    monkeypatch.setattr(journal_access, "_make_database", another_journal_arrives)
    with pytest.raises(JournalExists, match="appeared"):
        journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    assert journal_paths.database.read_bytes() == other.database.read_bytes()


# --- what release 0.1.0 left when cut short -------------------------------------------


@pytest.mark.parametrize("phase", ["key file only", "empty database", "tables not committed"])
def test_what_release_0_1_0_left_is_set_aside_by_init(
    journal_paths: JournalPaths, phase: str, caplog: pytest.LogCaptureFixture
) -> None:
    _run_killed(_RELEASE_0_1_0_CUT_SHORT, str(journal_paths.data_dir), TEST_PASSPHRASE, phase)
    files = ("journal.db", "journal.keys")
    before = snapshot(journal_paths.data_dir)
    # Provably no journal: not even the key file's own key finds one in it.
    assert not journal_access.exists(journal_paths)
    with pytest.raises(StorageError) as refused:
        journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE)
    assert "\n" not in str(refused.value)
    if phase == "key file only":
        assert "init" in str(refused.value)
    # Refusing changed neither file (SQLite, opening, drops a log that holds no commit).
    after = snapshot(journal_paths.data_dir)
    assert {n: after.get(n) for n in files} == {n: before.get(n) for n in files}

    left = snapshot(journal_paths.data_dir)
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    created.journal.close()
    # Moved aside, byte for byte, never deleted; and said so.
    assert created.set_aside is not None and created.set_aside.parent == journal_paths.data_dir
    assert snapshot(created.set_aside) == left
    assert str(created.set_aside) in caplog.text and "unfinished set-up" in caplog.text
    _is_whole(journal_paths)


def test_an_uncommitted_leftover_really_holds_no_journal(journal_paths: JournalPaths) -> None:
    """The other side of the rule: opened with its own key, that database has no tables."""
    _run_killed(
        _RELEASE_0_1_0_CUT_SHORT,
        str(journal_paths.data_dir),
        TEST_PASSPHRASE,
        "tables not committed",
    )
    wal = Path(f"{journal_paths.database}-wal")
    assert wal.stat().st_size > 2 * 4096  # pages were in the log: the frames were read
    assert holds_no_journal(journal_paths.database)
    key = journal_access.unlock_key(journal_paths, passphrase=TEST_PASSPHRASE)
    from tkg_journal.security import key_file

    journal_id = key_file.read(journal_paths.key_file).journal_id
    with pytest.raises(NotAJournal):
        open_database(journal_paths.database, key, journal_id=journal_id).close()


def test_a_release_0_1_0_journal_cut_short_after_its_tables_is_a_journal(
    journal_paths: JournalPaths,
) -> None:
    """One page in the file and the rest committed in the log: a real journal, which
    must open and never be taken for a leftover."""
    _run_killed(
        _RELEASE_0_1_0_CUT_SHORT,
        str(journal_paths.data_dir),
        TEST_PASSPHRASE,
        "tables committed",
    )
    assert journal_paths.database.stat().st_size <= 4096
    assert not holds_no_journal(journal_paths.database)
    assert journal_access.exists(journal_paths)
    with journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE) as journal:
        assert journal.integrity_problems() == []
    with pytest.raises(JournalExists):
        journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)


# --- the installed command, killed at random moments ----------------------------------


def _init(data_dir: Path, passphrase_file: Path) -> subprocess.Popen[bytes]:
    environment = dict(os.environ)
    environment.pop("TKG_JOURNAL_PASSPHRASE", None)
    return subprocess.Popen(
        [
            installed_command(),
            "--data-dir",
            str(data_dir),
            "--passphrase-file",
            str(passphrase_file),
            "init",
            "--passphrase",
        ],
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _started(process: subprocess.Popen[bytes], data_dir: Path) -> float:
    """When the folder appeared: set-up writes nothing before it (the KDF runs first)."""
    while not data_dir.exists() and process.poll() is None:
        time.sleep(0.0005)
    return time.monotonic()


@pytest.mark.e2e
def test_init_killed_at_random_moments_is_always_recoverable(tmp_path: Path) -> None:
    passphrase_file = tmp_path / "passphrase"
    passphrase_file.write_text(TEST_PASSPHRASE + "\n")
    calibration = tmp_path / "calibration"
    process = _init(calibration, passphrase_file)
    start = _started(process, calibration)
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 0, errors
    window = time.monotonic() - start  # from the first write to the end

    outcomes = []
    for trial in range(TRIALS):
        paths = JournalPaths(tmp_path / f"trial-{trial}")
        process = _init(paths.data_dir, passphrase_file)
        _started(process, paths.data_dir)
        time.sleep(random.Random(trial).uniform(0, window))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=120)
        if journal_access.exists(paths):
            outcomes.append(_recover(paths))
            continue
        # The command itself, as the user would run it again.
        left = _names(paths.data_dir)
        again = _init(paths.data_dir, passphrase_file)
        _, errors = again.communicate(timeout=120)
        assert again.returncode == 0, errors
        set_aside = [n for n in _names(paths.data_dir) if n.startswith("interrupted-setup-")]
        assert len(set_aside) == (1 if left else 0)
        assert (b"unfinished set-up" in errors) == bool(left)
        if left:  # every file it left, moved, none deleted
            assert _names(paths.data_dir / set_aside[0]) == left
        _is_whole(paths)
        outcomes.append("created again")
    print("outcomes:", {o: outcomes.count(o) for o in set(outcomes)})


def test_a_journal_db_cut_mid_page_is_damage_not_a_leftover(journal_paths: JournalPaths) -> None:
    """SQLite writes whole pages, so a set-up leaves none cut in the middle: such a file
    was damaged, and says so, and init leaves it for the user to restore."""
    journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE).journal.close()
    journal_paths.database.write_bytes(journal_paths.database.read_bytes()[:100])
    before = snapshot(journal_paths.data_dir)
    assert journal_access.exists(journal_paths)
    with pytest.raises(NotAJournal, match="truncated"):
        journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE)
    with pytest.raises(JournalExists):
        journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    assert snapshot(journal_paths.data_dir) == before
