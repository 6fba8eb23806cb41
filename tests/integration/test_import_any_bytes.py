"""Whatever bytes an import file holds, the import stores them whole or refuses with a user
error, and a refusal leaves the journal as it was."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.conftest import TEST_PASSPHRASE
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.journal import Journal
from tkg_journal.services.jrnl_import import import_jrnl


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    """One journal for every example (Argon2id runs once)."""
    paths = JournalPaths(tmp_path_factory.mktemp("journal"))
    with journal_access.create(paths, passphrase=TEST_PASSPHRASE).journal as opened:
        yield opened


def _contents(journal: Journal) -> list[tuple[Any, ...]]:
    return journal.db.query("SELECT * FROM entries ORDER BY id")


_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=40),
    st.lists(st.text(max_size=10), max_size=3),
    st.dates().map(lambda day: day.isoformat()),
    st.times().map(lambda moment: moment.strftime("%H:%M")),
)
_valid_entry = st.fixed_dictionaries(
    {
        "date": st.dates(date(1990, 1, 1), date(2030, 12, 31)).map(lambda day: day.isoformat()),
        "time": st.times().map(lambda moment: moment.strftime("%H:%M")),
        "title": st.text(min_size=1, max_size=40),
        "body": st.text(max_size=200),
    },
    optional={"tags": st.lists(st.text(max_size=10), max_size=3), "starred": st.booleans()},
)
_entries = st.one_of(
    _valid_entry,
    st.dictionaries(
        st.sampled_from(["date", "time", "title", "body", "tags", "starred", "other"]), _values
    ),
)
_jrnl_like = st.builds(
    lambda entries, extra: json.dumps({"entries": entries, **extra}).encode(),
    st.lists(_entries, max_size=4),
    st.dictionaries(st.text(max_size=5), _values, max_size=2),
)
_any_bytes = st.one_of(
    st.binary(max_size=300),
    _jrnl_like,
    _jrnl_like.map(lambda raw: raw[: len(raw) // 2]),  # cut short
    _jrnl_like.map(lambda raw: b"\xef\xbb\xbf" + raw),  # with a BOM
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(raw=_any_bytes)
def test_any_bytes_are_imported_or_refused_with_nothing_changed(
    journal: Journal, tmp_path: Path, raw: bytes
) -> None:
    source = tmp_path / "export.json"
    source.write_bytes(raw)
    before = _contents(journal)
    try:
        result = import_jrnl(journal, source)
    except USER_ERRORS as error:
        assert str(error) and "\n" not in str(error)
        assert _contents(journal) == before
        event("refused")
        return
    event("imported some" if result.imported else "imported none")
    after = _contents(journal)
    assert len(after) == len(before) + result.imported
    assert after[: len(before)] == before
