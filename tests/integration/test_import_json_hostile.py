"""``import json`` refuses every document it cannot restore whole, with a message naming the
record, and a refusal leaves the journal exactly as it was."""

from __future__ import annotations

import contextlib
import copy
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import TEST_PASSPHRASE
from tkg_journal import safe_read
from tkg_journal.paths import JournalPaths
from tkg_journal.services import demo, journal_access
from tkg_journal.services.errors import ImportFailed
from tkg_journal.services.journal import Journal
from tkg_journal.services.journal_export import ExportAllFormat, export_all
from tkg_journal.services.journal_import import MAX_IMPORT_BYTES, import_json


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real export of a small demo journal, to spoil in each test."""
    folder = tmp_path_factory.mktemp("source")
    with journal_access.create(
        JournalPaths(folder / "journal"), passphrase=TEST_PASSPHRASE
    ).journal as journal:
        demo.fill(journal, entries=40, seed=3)
        export_all(journal, ExportAllFormat.JSON, folder / "all.json")
    loaded: dict[str, Any] = json.loads((folder / "all.json").read_text("utf-8"))
    return loaded


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    """One journal every refusal is tried on (Argon2id runs once)."""
    paths = JournalPaths(tmp_path_factory.mktemp("target"))
    with journal_access.create(paths, passphrase=TEST_PASSPHRASE).journal as journal:
        yield journal


def _state(journal: Journal) -> dict[str, int]:
    return journal.db.row_counts()


def _refused(journal: Journal, path: Path, message: str) -> None:
    before = _state(journal)
    with pytest.raises(ImportFailed, match=message):
        import_json(journal, path)
    assert _state(journal) == before


def _write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "spoiled.json"
    path.write_text(json.dumps(document), "utf-8")
    return path


def test_another_format_is_refused(target: Journal, tmp_path: Path) -> None:
    _refused(target, _write(tmp_path, {"entries": []}), "not a TKG Journal export")


def test_a_higher_version_is_refused(
    target: Journal, tmp_path: Path, document: dict[str, Any]
) -> None:
    _refused(target, _write(tmp_path, dict(document, version=2)), "version 2 export, newer")


@pytest.mark.parametrize(
    ("section", "key", "value", "message"),
    [
        ("entries", "occurred_at", None, r"entries\[12\]: occurred_at is missing"),
        ("entries", "occurred_at", "2026-01-01T09:00", r"entries\[12\]: .*no UTC offset"),
        ("entries", "tags", "work", r"entries\[12\]: tags must be a list of text"),
        ("entries", "level", 3, r"entries\[12\]: level must be one of"),
        ("entries", "shared", 1, r"entries\[12\]: shared must be true or false"),
        ("entries", "title", "x" * 10_000, r"entries\[12\]: title is too long"),
        ("experiments", "status", "won", r"experiments\[0\]: status 'won' is not one of"),
        ("attempts", "experiment_id", 99_999, r"attempts\[0\]: it links to experiments id"),
        ("rating_checkins", "scores", {"growth": 11}, r"rating_checkins\[0\]: .*Growth"),
        ("commitments", "session_id", None, r"commitments\[0\]: session_id is missing"),
    ],
)
def test_a_wrong_record_is_named(
    target: Journal,
    tmp_path: Path,
    document: dict[str, Any],
    section: str,
    key: str,
    value: Any,
    message: str,
) -> None:
    spoiled = copy.deepcopy(document)
    number = 12 if section == "entries" else 0
    if value is None:
        del spoiled[section][number][key]
    else:
        spoiled[section][number][key] = value
    _refused(target, _write(tmp_path, spoiled), message)


def test_a_truncated_file_is_refused(
    target: Journal, tmp_path: Path, document: dict[str, Any]
) -> None:
    path = tmp_path / "cut.json"
    path.write_bytes(json.dumps(document).encode()[:5000])
    _refused(target, path, "not valid JSON")


def test_bytes_that_are_not_utf8_are_refused(target: Journal, tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes(b'{"format": "tkg-journal-export", "title": "caf\xe9"}')
    _refused(target, path, "not valid UTF-8")


def test_a_file_over_64_mb_is_refused_unread(target: Journal, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)  # sparse: no disk used
    _refused(target, path, "too large to import")


def test_a_silent_fifo_and_a_device_are_refused(
    target: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safe_read, "FIFO_WAIT_SECONDS", 0.2)
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    _refused(target, fifo, "no program is writing to the FIFO")
    _refused(target, Path("/dev/zero"), "is a device")


def test_a_fifo_with_a_writer_is_read(
    target: Journal, tmp_path: Path, document: dict[str, Any]
) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    spoiled = dict(document, version=7)  # read through, then refused for its version

    def write() -> None:
        with fifo.open("w") as handle:
            json.dump(spoiled, handle)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        _refused(target, fifo, "version 7 export")
    finally:
        writer.join(timeout=10)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(
    section=st.sampled_from(
        [
            "entries",
            "experiments",
            "attempts",
            "friction_behaviours",
            "rating_checkins",
            "coach_sessions",
            "commitments",
        ]
    ),
    key=st.text(min_size=1, max_size=20),
    value=_json,
    number=st.integers(0, 3),
)
def test_any_spoiled_value_is_stored_whole_or_refused(
    target: Journal,
    tmp_path: Path,
    document: dict[str, Any],
    section: str,
    key: str,
    value: Any,
    number: int,
) -> None:
    spoiled = copy.deepcopy(document)
    records = spoiled[section]
    if records:
        record = records[min(number, len(records) - 1)]
        known = sorted(record)
        record[known[sum(map(ord, key)) % len(known)] if key[0].isalpha() else key] = value
    path = _write(tmp_path, spoiled)
    before = _state(target)
    try:
        import_json(target, path)
    except ImportFailed:
        assert _state(target) == before
    # An accepted document may add records; doing it again adds nothing.
    after = _state(target)
    with contextlib.suppress(ImportFailed):
        import_json(target, path)
    assert _state(target) == after


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(data=_json)
def test_any_json_document_is_refused_as_a_user_error(
    target: Journal, tmp_path: Path, data: Any
) -> None:
    if isinstance(data, dict):
        data["format"] = "tkg-journal-export"
        data.setdefault("version", 1)
    _refused(target, _write(tmp_path, data), 'the file|the export|"')
