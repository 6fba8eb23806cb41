"""Whatever a Day One document holds (any field of any type, cut short, zipped or not),
the import stores it whole or refuses it in one line, and a refusal changes nothing."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.conftest import TEST_PASSPHRASE
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.dayone_import import import_dayone
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.journal import Journal


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    """One journal for every example (Argon2id runs once)."""
    paths = JournalPaths(tmp_path_factory.mktemp("journal"))
    with journal_access.create(paths, passphrase=TEST_PASSPHRASE).journal as opened:
        yield opened


def _contents(journal: Journal) -> list[tuple[Any, ...]]:
    return journal.db.query("SELECT * FROM entries ORDER BY id") + journal.db.query(
        "SELECT * FROM entry_tags ORDER BY entry_id, tag"
    )


_any_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.lists(st.one_of(st.text(max_size=10), st.integers()), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)
_zones = st.sampled_from(
    ["Europe/Berlin", "Asia/Kolkata", "America/St_Johns", "UTC", "Nowhere/Land", "../etc", ""]
)
_dates = st.one_of(
    st.datetimes(datetime(1990, 1, 1), datetime(2030, 12, 31)).map(
        lambda moment: moment.isoformat() + "Z"
    ),
    st.datetimes().map(lambda moment: moment.isoformat() + "Z"),
    st.sampled_from(["2024-03-31T01:30:00Z", "2024-02-30T00:00:00Z", "yesterday", ""]),
)
# Text as people write it (no control characters), with Day One's escapes and media.
_words = st.lists(
    st.one_of(
        st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=20),
        st.sampled_from(["\\.", "\\-", "\\!", "\\(", "# ", "\n", "![](dayone-moment://X)"]),
    ),
    max_size=8,
).map("".join)
_valid_entry = st.fixed_dictionaries(
    {
        "uuid": st.one_of(st.text("0123456789ABCDEF", min_size=1, max_size=32), st.text()),
        "creationDate": _dates,
        "timeZone": _zones,
        "text": st.one_of(_words, st.text(max_size=120)),
    },
    optional={
        "tags": st.lists(st.sampled_from(["work", "2 Growth", "Team Work", "a,b"]), max_size=3),
        "starred": st.booleans(),
        "photos": st.lists(st.dictionaries(st.text(max_size=3), st.text(max_size=3)), max_size=2),
        "audios": st.lists(st.just({"identifier": "A"}), max_size=1),
        "richText": st.text(max_size=10),
    },
)
_entries = st.one_of(
    _valid_entry,
    st.dictionaries(
        st.sampled_from(
            ["uuid", "creationDate", "timeZone", "text", "tags", "starred", "photos", "other"]
        ),
        _any_value,
    ),
    _any_value,
)
_documents = st.builds(
    lambda entries, extra: json.dumps({"entries": entries, **extra}).encode(),
    st.lists(_entries, max_size=3),
    st.dictionaries(st.sampled_from(["metadata", "x"]), _any_value, max_size=2),
)
_well_formed = st.builds(
    lambda entries: json.dumps({"metadata": {"version": "1.0"}, "entries": entries}).encode(),
    st.lists(_valid_entry, min_size=1, max_size=3),
)
_not_day_one = st.builds(
    lambda value: json.dumps({"metadata": {"version": "1.0"}, "entries": value}).encode(),
    _any_value,
)


def _zipped(raw: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Journal.json", raw)
        archive.writestr("photos/a.jpeg", b"x")
    return buffer.getvalue()


_any_source = st.one_of(
    _well_formed,
    _well_formed.map(_zipped),
    _documents,
    _not_day_one,
    _documents.map(lambda raw: raw[: len(raw) // 2]),  # cut short
    _documents.map(_zipped),
    _documents.map(_zipped).map(lambda raw: raw[: len(raw) - 30]),  # a damaged archive
    st.binary(max_size=200),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(raw=_any_source)
def test_any_document_is_imported_whole_or_refused_with_nothing_changed(
    journal: Journal, tmp_path: Path, raw: bytes
) -> None:
    source = tmp_path / "export.zip"
    source.write_bytes(raw)
    before = _contents(journal)
    try:
        result = import_dayone(journal, source)
    except USER_ERRORS as error:
        assert str(error) and "\n" not in str(error)
        assert _contents(journal) == before
        event("refused")
        return
    event("imported some" if result.imported else "imported none")
    entries_before = [row for row in before if len(row) > 2]  # entry_tags rows have two
    after = journal.db.query("SELECT * FROM entries ORDER BY id")
    assert len(after) == len(entries_before) + result.imported
    assert after[: len(entries_before)] == entries_before
