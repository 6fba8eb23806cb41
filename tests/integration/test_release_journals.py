"""Journals written by earlier releases open in this one with every word intact.

The fixtures in ``tests/fixtures/journals`` are data folders a released version really
wrote (see the README there); each test works on a copy. Opening one migrates it, after
an encrypted backup of the journal as it was.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from tests.fixtures.journals.journal_contents import contents
from tests.helpers import entry
from tkg_journal.domain.search import EntryFilter
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.journal import Journal
from tkg_journal.storage import migrations
from tkg_journal.storage.errors import WriteFailed

FIXTURES = Path(__file__).parent.parent / "fixtures" / "journals"
RELEASE_PASSPHRASE = "fixture passphrase 0.1.0"
RELEASE_RECOVERY_KEY = "30JH-02WM-VM69-4R16-T059-25N5-89PC-ET7Y"


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


def _json_round_trip(journal: Journal) -> object:
    return json.loads(json.dumps(contents(journal), ensure_ascii=False))


@pytest.fixture
def release_6(tmp_path: Path) -> JournalPaths:
    return _release_journal(tmp_path, 6)


def test_a_release_6_journal_opens_upgraded_with_everything_in_it(
    release_6: JournalPaths,
) -> None:
    expected = _expected(6)
    with journal_access.unlock(release_6, passphrase=RELEASE_PASSPHRASE) as journal:
        assert journal.db.schema_version == migrations.SCHEMA_VERSION
        _assert_holds(_json_round_trip(journal), expected)
        assert journal.integrity_problems() == []
    # The counts the fixture's README promises, so an empty expectation cannot pass.
    assert len(expected["entries"]) == 43  # type: ignore[arg-type]
    assert len(expected["experiments"]) == 5  # type: ignore[arg-type]
    assert len(expected["drafts"]) == 1  # type: ignore[arg-type]


def test_the_upgrade_backs_up_the_journal_as_it_was_first(
    release_6: JournalPaths, tmp_path: Path
) -> None:
    journal_access.unlock(release_6, passphrase=RELEASE_PASSPHRASE).close()
    [copy] = sorted(release_6.backups_dir.glob("*.db"))
    assert copy.name.endswith("-before-upgrade-from-schema-6.db")
    assert (
        copy.with_suffix(".keys").read_bytes() == (FIXTURES / "schema-6/journal.keys").read_bytes()
    )
    # The copy is a whole journal of its own: put in a data folder, it opens (and is
    # upgraded in turn) with the release's passphrase and holds the same words.
    restored = JournalPaths(tmp_path / "restored")
    restored.data_dir.mkdir()
    shutil.copyfile(copy, restored.database)
    shutil.copyfile(copy.with_suffix(".keys"), restored.key_file)
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
        assert "Réunion budgétaire — équipe" in titles
        [hit] = journal.search_entries("reunion budg")
        assert hit.summary.title == "Réunion budgétaire — équipe"
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
