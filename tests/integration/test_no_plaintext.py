"""Privacy: no plaintext of the user's writing in any file the app writes.

A unique marker is written through every path that stores text (entry fields, tags,
experiments, attempts, import, search), then every byte of every file under the data
folder is scanned for it in UTF-8 and UTF-16, while the journal is open (WAL and shared
memory files present) and after it is closed.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path

from tests.conftest import TEST_PASSPHRASE
from tests.helpers import FIXED_NOW, entry
from tkg_journal.domain.entries import ConversationFields, EntryKind
from tkg_journal.domain.experiments import Attempt, DidIt, Experiment
from tkg_journal.domain.levels import Level
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.jrnl_import import import_jrnl
from tkg_journal.storage import experiment_repository


def _encodings(marker: str) -> list[bytes]:
    return [marker.encode("utf-8"), marker.encode("utf-16-le"), marker.encode("utf-16-be")]


def _files_containing(folder: Path, marker: str) -> list[str]:
    needles = _encodings(marker)
    return [str(path) for path in folder.rglob("*") if path.is_file()
            and any(needle in path.read_bytes() for needle in needles)]


def test_marker_appears_in_no_file(journal_paths: JournalPaths, tmp_path: Path) -> None:
    marker = f"zqx{uuid.uuid4().hex}"
    outside = tmp_path / "jrnl.json"
    outside.write_text(json.dumps({"entries": [
        {"date": "2025-01-02", "time": "08:00", "title": f"imported {marker}i",
         "body": f"body {marker}j", "tags": [f"@{marker}k"]}]}))
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    with created.journal as journal:
        stored = journal.add_entry(entry(
            kind=EntryKind.CONVERSATION, title=f"title {marker}a", body=f"body {marker}b",
            tags=(f"{marker}c",), level=Level.GROWTH,
            conversation=ConversationFields(who=f"{marker}d", what_happened=f"{marker}e",
                                            feeling=f"{marker}f", my_response=f"{marker}g",
                                            impact=f"{marker}h", try_next=f"{marker}l")))
        journal.update_entry(replace(stored, body=f"edited {marker}m"))
        with journal.db.transaction():
            experiment_id = experiment_repository.insert(journal.db, experiment=Experiment(
                title=f"exp {marker}n", level=Level.FOUNDATION, trigger=f"{marker}o",
                old_behaviour=f"{marker}p", new_response=f"{marker}q",
                start_date=date(2026, 1, 1)))
            experiment_repository.insert_attempt(journal.db, attempt=Attempt(
                experiment_id=experiment_id, occurred_at=FIXED_NOW, did_it=DidIt.YES,
                situation=f"{marker}r", note=f"{marker}s"))
        import_jrnl(journal, outside)
        assert journal.search(marker)  # the index has it, and it is inside the database
        assert _files_containing(journal_paths.data_dir, marker) == []  # open, WAL present
        assert any(p.name.endswith("-wal") for p in journal_paths.data_dir.iterdir())
    assert _files_containing(journal_paths.data_dir, marker) == []
    # The scan itself works: the user's own export file outside the journal has it.
    assert _files_containing(tmp_path, marker) == [str(outside)]
