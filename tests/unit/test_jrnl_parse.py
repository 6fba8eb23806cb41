"""Reading a jrnl JSON export into entries, before anything touches the database."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tkg_journal.domain.entries import EntryKind
from tkg_journal.domain.levels import Level
from tkg_journal.domain.text_rules import MAX_TITLE_CHARS
from tkg_journal.services import jrnl_import
from tkg_journal.services.errors import ImportFailed
from tkg_journal.services.jrnl_import import parse, read_file

PARIS = ZoneInfo("Europe/Paris")


def jrnl_entry(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "title": "Told Sam the budget is cut.",
        "body": "He went quiet. I did not ask why.",
        "date": "2024-05-01",
        "time": "09:30",
        "tags": ["@work"],
        "starred": False,
    }
    item.update(changes)
    return item


def export(*items: Any, tags: dict[str, int] | None = None) -> bytes:
    return json.dumps({"tags": tags or {}, "entries": list(items)}).encode()


def test_a_valid_export_gives_free_entries() -> None:
    raw = export(
        jrnl_entry(tags=["@work", "@Growth"], starred=True),
        jrnl_entry(title="Second", body="", date="2024-05-02", time="18:05", tags=[]),
        tags={"@work": 1, "@Growth": 1},
    )
    (first, _), (second, _) = parse(raw, zone=PARIS)

    assert first.kind is EntryKind.FREE
    assert first.title == "Told Sam the budget is cut."
    assert first.body == "He went quiet. I did not ask why."
    assert first.occurred_at == datetime(2024, 5, 1, 9, 30, tzinfo=PARIS)
    assert first.occurred_at.utcoffset() == timedelta(hours=2)
    assert first.tags == ("work", "growth", "starred")
    assert first.level is Level.GROWTH
    assert first.share_with_coach is False

    assert second.occurred_at == datetime(2024, 5, 2, 18, 5, tzinfo=PARIS)
    assert second.tags == ()
    assert second.level is None


def test_the_zone_given_is_the_zone_of_the_times() -> None:
    ((entry, _),) = parse(export(jrnl_entry()), zone=UTC)
    assert entry.occurred_at == datetime(2024, 5, 1, 9, 30, tzinfo=UTC)


def test_a_missing_time_means_midnight() -> None:
    ((entry, _),) = parse(export(jrnl_entry(time=None)), zone=PARIS)
    assert entry.occurred_at == datetime(2024, 5, 1, 0, 0, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("tags", "level"),
    [
        (["@foundation"], Level.FOUNDATION),
        (["#Mastery"], Level.MASTERY),
        (["@work", "@guidance", "@growth"], Level.GUIDANCE),
        (["@growthmindset"], None),
    ],
)
def test_a_tag_naming_a_level_sets_the_level(tags: list[str], level: Level | None) -> None:
    ((entry, _),) = parse(export(jrnl_entry(tags=tags)), zone=PARIS)
    assert entry.level is level


@pytest.mark.parametrize("starred", [False, None, "yes", 1])
def test_only_a_true_star_adds_the_starred_tag(starred: object) -> None:
    ((entry, _),) = parse(export(jrnl_entry(starred=starred)), zone=PARIS)
    assert "starred" not in entry.tags


def test_an_entry_without_a_star_field_is_fine() -> None:
    item = jrnl_entry()
    del item["starred"], item["tags"]
    ((entry, _),) = parse(export(item), zone=PARIS)
    assert entry.tags == ()


def test_a_long_title_is_shortened_and_kept_whole_in_the_body() -> None:
    long_title = "We talked about the reorganisation " * 20
    ((entry, _),) = parse(export(jrnl_entry(title=long_title, body="Then I left.")), zone=PARIS)
    assert len(entry.title) <= MAX_TITLE_CHARS
    assert entry.title.endswith("…")
    assert long_title.strip().startswith(entry.title[:-1])
    assert entry.body == f"{long_title.strip()}\n\nThen I left."


def test_a_title_of_exactly_the_limit_is_kept() -> None:
    title = "t" * MAX_TITLE_CHARS
    ((entry, _),) = parse(export(jrnl_entry(title=title, body="")), zone=PARIS)
    assert (entry.title, entry.body) == (title, "")


def test_fingerprints_tell_entries_apart_and_recognise_the_same_one() -> None:
    raw = export(
        jrnl_entry(),
        jrnl_entry(),
        jrnl_entry(time="09:31"),
        jrnl_entry(date="2024-05-02"),
        jrnl_entry(title="Other title"),
        jrnl_entry(body="Other body"),
    )
    refs = [ref for _, ref in parse(raw, zone=PARIS)]
    assert refs[0] == refs[1]
    assert len(set(refs[1:])) == 5
    assert all(ref.startswith("jrnl:") for ref in refs)
    again = [ref for _, ref in parse(raw, zone=UTC)]
    assert again == refs  # the same file gives the same fingerprints


def test_a_utf8_bom_is_accepted() -> None:
    assert len(parse(b"\xef\xbb\xbf" + export(jrnl_entry()), zone=PARIS)) == 1


def test_an_empty_export_gives_nothing() -> None:
    assert parse(export(), zone=PARIS) == []


# --- refusals --------------------------------------------------------------------------


def refused(raw: bytes) -> str:
    with pytest.raises(ImportFailed) as caught:
        parse(raw, zone=PARIS)
    return str(caught.value)


def test_invalid_utf8_is_refused() -> None:
    message = refused(b'{"entries": ["\xff\xfe"]}')
    assert "UTF-8" in message
    assert "offset 14" in message  # the first byte after {"entries": ["


def test_malformed_json_names_the_line() -> None:
    message = refused(b'{\n  "entries": [\n    {"title": "x",}\n  ]\n}')
    assert "not valid JSON" in message
    assert "line 3" in message


@pytest.mark.parametrize(
    "raw",
    [b"[]", b'[{"title": "x"}]', b'{"tags": {}}', b'{"entries": {}}', b'"entries"', b"null"],
)
def test_json_that_is_not_a_jrnl_export_is_refused(raw: bytes) -> None:
    message = refused(raw)
    assert '"entries" list' in message
    assert "jrnl --format json" in message


def test_deeply_nested_json_is_refused() -> None:
    assert "nested too deeply" in refused(b"[" * 100_000 + b"]" * 100_000)


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ("a string", "must be a JSON object"),
        (["a", "list"], "must be a JSON object"),
        (None, "must be a JSON object"),
        (jrnl_entry(date="01/05/2024"), "is not a date and time"),
        (jrnl_entry(date="2024-02-30"), "is not a date and time"),
        (jrnl_entry(date=None), "is not a date and time"),
        (jrnl_entry(time="25:00"), "is not a date and time"),
        (jrnl_entry(date=20240501), "'date' must be text"),
        (jrnl_entry(tags="@work"), "'tags' must be a list of text"),
        (jrnl_entry(tags=["@work", 3]), "'tags' must be a list of text"),
        (jrnl_entry(tags=["two words"]), "must be one word"),
        (jrnl_entry(title="", body=""), "needs a title"),
        (jrnl_entry(body="bell\x07"), "control characters"),
        (jrnl_entry(title=["x"]), "'title' must be text"),
    ],
)
def test_a_bad_entry_is_refused_by_number(bad: Any, problem: str) -> None:
    message = refused(export(jrnl_entry(), jrnl_entry(), bad, jrnl_entry()))
    assert message.startswith("entry 3: ")
    assert problem in message
    assert "nothing was imported" in message


def test_too_many_entries_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jrnl_import, "MAX_IMPORT_ENTRIES", 3)
    assert len(parse(export(*[jrnl_entry()] * 3), zone=PARIS)) == 3
    message = refused(export(*[jrnl_entry()] * 4))
    assert "4 entries" in message
    assert "limit for one import is 3" in message


def test_too_large_raw_bytes_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = export(jrnl_entry())
    monkeypatch.setattr(jrnl_import, "MAX_IMPORT_BYTES", len(raw) - 1)
    assert "too large" in refused(raw)


# --- reading the file ------------------------------------------------------------------


def test_read_file_returns_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "journal.json"
    path.write_bytes(export(jrnl_entry()))
    assert parse(read_file(path), zone=PARIS)[0][0].title == "Told Sam the budget is cut."


def test_read_file_refuses_a_file_over_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jrnl_import, "MAX_IMPORT_BYTES", 2 * 2**20)
    path = tmp_path / "journal.json"
    path.write_bytes(b" " * (3 * 2**20))
    with pytest.raises(ImportFailed) as caught:
        read_file(path)
    message = str(caught.value)
    assert str(path) in message
    assert "too large to import (3 MB; the limit is 2 MB)" in message


def test_read_file_accepts_a_file_at_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jrnl_import, "MAX_IMPORT_BYTES", 100)
    path = tmp_path / "journal.json"
    path.write_bytes(b"x" * 100)
    assert read_file(path) == b"x" * 100


def test_read_file_of_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    with pytest.raises(ImportFailed, match="does not exist") as caught:
        read_file(path)
    assert str(path) in str(caught.value)


def test_read_file_of_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="is a folder, not a jrnl JSON file"):
        read_file(tmp_path)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_read_file_of_a_device_is_refused_at_once(device: str) -> None:
    with pytest.raises(ImportFailed) as caught:
        read_file(Path(device))
    assert str(caught.value) == (
        f"the import file {device} is a device, not a file; nothing was imported"
    )


def test_read_file_of_a_300_mb_sparse_file_is_refused_by_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(300 * 2**20)
    with pytest.raises(ImportFailed, match=r"too large to import \(300 MB; the limit is 64 MB\)"):
        read_file(path)


def test_read_file_of_a_fifo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import threading

    from tkg_journal import safe_read

    monkeypatch.setattr(safe_read, "FIFO_WAIT_SECONDS", 0.2)
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    with pytest.raises(ImportFailed, match="no program is writing to the FIFO") as caught:
        read_file(fifo)
    assert str(caught.value).endswith("nothing was imported")

    def writer() -> None:
        with open(fifo, "wb") as handle:
            handle.write(export(jrnl_entry()))

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    assert len(parse(read_file(fifo), zone=PARIS)) == 1
    thread.join(timeout=5)
