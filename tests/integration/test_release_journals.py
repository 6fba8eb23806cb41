"""Journals written by earlier versions open in this one with every word intact.

The fixtures in ``tests/fixtures/journals`` are data folders earlier code really wrote,
one for each schema version any commit ever wrote (see the README there); each test
works on a copy. Opening one migrates it, after an encrypted backup of the journal as it
was.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.fixtures.journals.journal_contents import SECTIONS, contents
from tests.helpers import entry
from tkg_journal.domain.search import EntryFilter
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.storage import backup, migrations
from tkg_journal.storage.errors import WriteFailed

FIXTURES = Path(__file__).parent.parent / "fixtures" / "journals"
# Every fixture has this entry, written through its version's `add` command.
REUNION = "Réunion budgétaire — équipe"


@dataclasses.dataclass(frozen=True, slots=True)
class Counts:
    """What a fixture holds, as the version that wrote it reported it (the demo's summary
    plus the additions its README lists). Counted again after the upgrade, so what an old
    version had no service to read back (experiments before schema 4, coach sessions
    before 5), and so no expected record of, is still proven to survive."""

    entries: int
    experiments: int
    attempts: int
    coach_sessions: int
    checkin_days: int
    drafts: int


@dataclasses.dataclass(frozen=True, slots=True)
class Release:
    commit: str  # the code that wrote the fixture (the README says how)
    passphrase: str
    recovery_key: str  # printed by that version's `demo` when it made the journal
    reads: frozenset[str]  # the sections of journal_contents.py that code could read
    counts: Counts


_ENTRIES = frozenset({"entries"})
_DRAFTS = _ENTRIES | {"drafts"}  # Journal.drafts: schema 3
_PROGRESS = _DRAFTS | {"experiments", "ratings"}  # Experiments, Progress: schema 4
_EVERYTHING = _PROGRESS | {"coach_sessions"}  # CoachSessions: schema 5 on

#: One row per fixture folder, by schema version; the same as the README's table. There is
#: no schema 1: the first commit with migrations (a1cf3d7) already had step 2, so no code
#: ever left a journal at schema 1.
RELEASES: dict[int, Release] = {
    2: Release(
        "3be42c8",
        "fixture passphrase schema 2",
        "0142-AHHW-FTCR-9DM5-PTAE-3YNQ-A8FA-E3WG",
        _ENTRIES,
        Counts(
            entries=35, experiments=3, attempts=18, coach_sessions=32, checkin_days=65, drafts=0
        ),
    ),
    3: Release(
        "08f89a1",
        "fixture passphrase schema 3",
        "D9G5-94T8-9DSR-HNW0-CZRJ-Y8TE-3AZE-TX2K",
        _DRAFTS,
        Counts(
            entries=35, experiments=3, attempts=15, coach_sessions=32, checkin_days=65, drafts=1
        ),
    ),
    4: Release(
        "b0fe0ca",
        "fixture passphrase schema 4",
        "MXMZ-D1P4-N2SW-K8TV-GGEB-ZQ1S-TWQP-DP1H",
        _PROGRESS,
        Counts(
            entries=35, experiments=5, attempts=23, coach_sessions=32, checkin_days=67, drafts=1
        ),
    ),
    5: Release(
        "dec4fd5",
        "fixture passphrase schema 5",
        "J9V5-74JZ-AWXW-CZ2T-Q5H9-DKSY-29DE-BFA7",
        _EVERYTHING,
        Counts(
            entries=35, experiments=5, attempts=12, coach_sessions=34, checkin_days=67, drafts=1
        ),
    ),
    6: Release(  # release 0.1.0
        "fc7e517",
        "fixture passphrase 0.1.0",
        "30JH-02WM-VM69-4R16-T059-25N5-89PC-ET7Y",
        _EVERYTHING,
        Counts(
            entries=43, experiments=5, attempts=25, coach_sessions=32, checkin_days=66, drafts=1
        ),
    ),
    7: Release(
        "495642d",
        "fixture passphrase schema 7",
        "RPJG-6400-QTWN-AQ39-X2RH-JWJF-7T91-29TY",
        _EVERYTHING,
        Counts(
            entries=35, experiments=5, attempts=21, coach_sessions=33, checkin_days=66, drafts=1
        ),
    ),
    8: Release(  # the last before the patterns index (schema 9)
        "34681f4",
        "fixture passphrase schema 8",
        "2K5F-2J6B-QSQN-3ZB7-7RF0-A3E6-7Q7X-445J",
        _EVERYTHING,
        Counts(
            entries=35, experiments=5, attempts=16, coach_sessions=33, checkin_days=66, drafts=1
        ),
    ),
}
RELEASE_PASSPHRASE = RELEASES[6].passphrase
RELEASE_RECOVERY_KEY = RELEASES[6].recovery_key


def _release_journal(tmp_path: Path, schema: int) -> JournalPaths:
    folder = tmp_path / f"schema-{schema}"
    shutil.copytree(FIXTURES / f"schema-{schema}", folder)
    return JournalPaths(folder)


def _expected(schema: int) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(
        (FIXTURES / f"schema-{schema}.expected.json").read_text(encoding="utf-8")
    )
    return loaded


def _assert_holds(actual: object, expected: object, where: str = "journal") -> None:
    """``actual`` has everything ``expected`` has (fields added since may be extra)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        for key, value in expected.items():
            assert key in actual, f"{where}.{key} is missing"
            _assert_holds(actual[key], value, f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for number, (got, wanted) in enumerate(zip(actual, expected, strict=True)):
            _assert_holds(got, wanted, f"{where}[{number}]")
    else:
        assert actual == expected, where


def _json_round_trip(journal: Journal) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(json.dumps(contents(journal), ensure_ascii=False))
    return loaded


def _counts(read: dict[str, object]) -> Counts:
    """The counts of a journal read by today's code (every section present)."""
    experiments: list[dict[str, list[object]]] = read["experiments"]  # type: ignore[assignment]
    ratings: list[dict[str, object]] = read["ratings"]  # type: ignore[assignment]
    return Counts(
        entries=len(read["entries"]),  # type: ignore[arg-type]
        experiments=len(experiments),
        attempts=sum(len(item["attempts"]) for item in experiments),
        coach_sessions=len(read["coach_sessions"]),  # type: ignore[arg-type]
        checkin_days=len({point["day"] for point in ratings}),
        drafts=len(read["drafts"]),  # type: ignore[arg-type]
    )


def _upgrade_backup(paths: JournalPaths, schema: int) -> Path:
    """The one backup the upgrade took."""
    [copy] = [
        path
        for path in paths.backups_dir.iterdir()
        if path.stem.endswith(f"-before-upgrade-from-schema-{schema}")
    ]
    return copy


def _restore(copy: Path, folder: Path) -> JournalPaths:
    """A new data folder with the journal and key file held by the backup ``copy``."""
    restored = JournalPaths(folder)
    restored.data_dir.mkdir()
    backup.extract(copy, database=restored.database, keys=restored.key_file)
    return restored


def _titles(journal: Journal, text: str) -> set[str]:
    return {hit.summary.title for hit in journal.search_entries(text, limit=1_000)}


def test_every_fixture_folder_is_in_the_table() -> None:
    folders = {
        int(folder.name.removeprefix("schema-"))
        for folder in FIXTURES.glob("schema-*")
        if folder.is_dir()
    }
    assert folders == set(RELEASES)


@pytest.mark.parametrize("schema", sorted(RELEASES), ids=lambda n: f"schema-{n}")
def test_the_readme_row_matches_the_table(schema: int) -> None:
    # The README is where a person looks for the passphrase; it must not drift from here.
    release = RELEASES[schema]
    readme = (FIXTURES / "README.md").read_text(encoding="utf-8")
    [row] = [line for line in readme.splitlines() if line.startswith(f"| `schema-{schema}/` |")]
    cells = [cell.strip(" `") for cell in row.strip("|").split("|")]
    assert cells[2:] == [str(schema), release.passphrase, release.recovery_key]
    assert release.commit in cells[1]


@pytest.mark.parametrize("schema", sorted(RELEASES), ids=lambda n: f"schema-{n}")
def test_a_release_journal_opens_upgraded_with_everything_in_it(
    tmp_path: Path, schema: int
) -> None:
    release = RELEASES[schema]
    paths = _release_journal(tmp_path, schema)
    expected = _expected(schema)
    # The writing code's own reading is what is compared: a section it could not read is
    # absent from its file, and one it could read must be there (or nothing is compared).
    assert set(expected) == release.reads
    with journal_access.unlock(paths, passphrase=release.passphrase) as journal:
        assert journal.db.schema_version == migrations.SCHEMA_VERSION
        read = _json_round_trip(journal)
        _assert_holds(read, expected)
        assert journal.integrity_problems() == []
        # Accents folded, Arabic and CJK words, in the index rebuilt by the upgrade.
        [hit] = journal.search_entries("reunion budg")
        assert hit.summary.title == REUNION
        assert REUNION in _titles(journal, "مرحبا")
        assert REUNION in _titles(journal, "信任")
        assert "Multi-line" in _titles(journal, "trust")
    assert set(read) == set(SECTIONS)  # today's code reads every section
    assert _counts(read) == release.counts
    # The journal as that version left it was backed up first, with its key file.
    restored = _restore(_upgrade_backup(paths, schema), tmp_path / "restored")
    keys = (FIXTURES / f"schema-{schema}" / "journal.keys").read_bytes()
    assert restored.key_file.read_bytes() == keys
    assert restored.database.stat().st_size > 0
    # The recovery key printed when the journal was made still opens it, upgraded.
    with journal_access.unlock(paths, recovery_key=release.recovery_key) as journal:
        assert journal.count_entries() == release.counts.entries


def test_an_experiment_closed_before_schema_5_gets_the_day_it_ended(tmp_path: Path) -> None:
    # Schema 5 added experiments.ended_on and set it, for experiments already closed, to
    # the local day of their last change. The schema-4 fixture has one such experiment,
    # completed through that version's command line, which knew no ended_on.
    [closed] = [
        item["experiment"]
        for item in _expected(4)["experiments"]  # type: ignore[attr-defined]
        if item["experiment"]["status"] == "COMPLETED"
    ]
    assert "ended_on" not in closed
    paths = _release_journal(tmp_path, 4)
    with journal_access.unlock(paths, passphrase=RELEASES[4].passphrase) as journal:
        changed = journal.db.scalar(
            "SELECT updated_at FROM experiments WHERE id = ?", (closed["id"],)
        )
        upgraded = Experiments(journal).get(closed["id"])
    # The migration's date(updated_at, 'localtime') and Python's local zone agree
    # (updated_at is stored in UTC, without a zone).
    stored_utc = datetime.fromisoformat(changed).replace(tzinfo=UTC)
    assert upgraded.ended_on == stored_utc.astimezone().date()


@pytest.fixture
def release_6(tmp_path: Path) -> JournalPaths:
    return _release_journal(tmp_path, 6)


def test_the_upgrade_backs_up_the_journal_as_it_was_first(
    release_6: JournalPaths, tmp_path: Path
) -> None:
    journal_access.unlock(release_6, passphrase=RELEASE_PASSPHRASE).close()
    # The copy is a whole journal of its own: put in a data folder, it opens (and is
    # upgraded in turn) with the release's passphrase and holds the same words.
    restored = _restore(_upgrade_backup(release_6, 6), tmp_path / "restored")
    assert restored.key_file.read_bytes() == (FIXTURES / "schema-6/journal.keys").read_bytes()
    with journal_access.unlock(restored, passphrase=RELEASE_PASSPHRASE) as journal:
        _assert_holds(_json_round_trip(journal), _expected(6))


def test_an_upgrade_that_cannot_back_up_leaves_the_journal_as_it_was(
    release_6: JournalPaths,
) -> None:
    release_6.backups_dir.write_text("a file where the backups folder should be")
    before = release_6.database.read_bytes()
    with pytest.raises(WriteFailed, match="could not back up"):
        journal_access.unlock(release_6, passphrase=RELEASE_PASSPHRASE)
    assert release_6.database.read_bytes() == before
    release_6.backups_dir.unlink()
    with journal_access.unlock(release_6, passphrase=RELEASE_PASSPHRASE) as journal:
        assert journal.db.schema_version == migrations.SCHEMA_VERSION


def test_the_release_recovery_key_still_opens_it(release_6: JournalPaths) -> None:
    with journal_access.unlock(release_6, recovery_key=RELEASE_RECOVERY_KEY) as journal:
        assert journal.count_entries() == 43


def test_search_after_the_upgrade_finds_old_and_new_writing(release_6: JournalPaths) -> None:
    with journal_access.unlock(release_6, passphrase=RELEASE_PASSPHRASE) as journal:
        # One letter (the new one-letter prefix index), accents folded, any script.
        titles = {hit.summary.title for hit in journal.search_entries("r", limit=1_000)}
        assert REUNION in titles
        [hit] = journal.search_entries("reunion budg")
        assert hit.summary.title == REUNION
        assert [h.summary.title for h in journal.search_entries("信任")] == [hit.summary.title]
        multi_line = journal.search_entries("trust", EntryFilter(), limit=1_000)
        assert "Multi-line" in {h.summary.title for h in multi_line}
        # The triggers kept working on the rebuilt index: new, changed, deleted entries.
        added = journal.add_entry(entry(title="After the upgrade", body="a zebra crossing"))
        assert added.id is not None
        assert [h.summary.id for h in journal.search_entries("zebr")] == [added.id]
        journal.update_entry(dataclasses.replace(added, body="a xylophone lesson"))
        assert journal.search_entries("zebra") == []
        assert [h.summary.id for h in journal.search_entries("xylophon")] == [added.id]
        journal.delete_entry(added.id)
        assert journal.search_entries("xylophon") == []


def test_the_upgrade_to_schema_9_indexes_what_patterns_read(tmp_path: Path) -> None:
    # Schema 9 added entries_for_patterns: built by the upgrade over the conversations and
    # feedback the last schema-8 version wrote, and giving the patterns they gave before.
    from tkg_journal.services.patterns import Patterns

    paths = _release_journal(tmp_path, 8)
    with journal_access.unlock(paths, passphrase=RELEASES[8].passphrase) as journal:
        [indexed] = journal.db.query(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'entries_for_patterns'"
        )
        assert "WHERE kind IN ('conversation', 'feedback')" in indexed[0]
        upgraded = Patterns(journal).report()
        # Written by that version's services (extra.py): found under its name, role dropped.
        zoe = upgraded.person("Zoë Ångström")
        assert zoe is not None and zoe.conversations == 1 and zoe.feelings
        assert upgraded.person("Ōkubo Haruki") is not None  # feedback's source
        assert journal.integrity_problems() == []
        with journal.db.transaction():
            journal.db.execute("DROP INDEX entries_for_patterns")
        assert Patterns(journal).report() == upgraded
