"""Day One's export into a real encrypted journal: every entry, date, zone and tag as Day
One wrote it, nothing twice, and anything hostile refused with the journal unchanged."""

from __future__ import annotations

import json
import os
import threading
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import TEST_PASSPHRASE
from tkg_journal import safe_read
from tkg_journal.domain.entries import Entry, EntryKind
from tkg_journal.domain.levels import Level
from tkg_journal.paths import JournalPaths
from tkg_journal.services import dayone_import, entry_import, journal_access
from tkg_journal.services.dayone_import import import_dayone, preview_dayone
from tkg_journal.services.errors import ImportFailed
from tkg_journal.services.journal import Journal

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "dayone"
EXPORT_ZIP = FIXTURES / "dayone-export.zip"
JOURNAL_JSON = FIXTURES / "Journal.json"


@pytest.fixture
def journal(journal_paths: JournalPaths) -> Iterator[Journal]:
    with journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE).journal as opened:
        yield opened


def stored(journal: Journal) -> list[tuple[Entry, str]]:
    rows = journal.db.query("SELECT id, import_ref FROM entries ORDER BY id")
    return [(journal.get_entry(entry_id), ref) for entry_id, ref in rows]


def contents(journal: Journal) -> list[tuple[Any, ...]]:
    return journal.db.query("SELECT * FROM entries ORDER BY id") + journal.db.query(
        "SELECT * FROM entry_tags ORDER BY entry_id, tag"
    )


def zone_offset(hours: float) -> timedelta:
    return timedelta(minutes=round(hours * 60))


# (title, body, moment in the zone Day One recorded, its UTC offset, level, tags)
EXPECTED = [
    (
        "Budget talk with Sam",
        "He went quiet when I said the budget is cut. I didn't ask why!\n\n"
        "Next time: ask first (then decide).",
        datetime(2024, 3, 2, 9, 15, tzinfo=ZoneInfo("Europe/Berlin")),
        zone_offset(1),
        Level.GROWTH,
        ("work",),
    ),
    (
        "Standup in Pune",
        "1. Listened first\n2. Asked (not told)\n- Noticed my impatience #again",
        datetime(2024, 6, 10, 9, 30, tzinfo=ZoneInfo("Asia/Kolkata")),
        zone_offset(5.5),  # a half-hour zone
        None,
        ("travel", "starred"),
    ),
    (
        "Late call with the board",
        "Still 1:30 before the clocks went back.",
        datetime(2024, 11, 3, 1, 30, tzinfo=ZoneInfo("America/New_York")),
        zone_offset(-4),  # summer time, the first 1:30 of the night
        None,
        ("board",),
    ),
    (
        "Could not sleep",
        "An hour later, and the clock said 1:30 again.",
        datetime(2024, 11, 3, 1, 30, fold=1, tzinfo=ZoneInfo("America/New_York")),
        zone_offset(-5),  # the second 1:30, after the change back
        None,
        ("board",),
    ),
    (
        "Feedback von Jürgen 🎉",
        "Überraschend positiv: „klarer als letztes Quartal“ — 素晴らしい 👏",
        datetime(2024, 1, 16, 8, 45, tzinfo=ZoneInfo("Asia/Tokyo")),  # the next day there
        zone_offset(9),
        None,
        ("feedback", "team-work"),
    ),
    (
        "Voice note after the 1:1",
        "I interrupted twice. Then I stopped.",
        datetime(2024, 5, 20, 10, 5, tzinfo=ZoneInfo("America/Los_Angeles")),
        zone_offset(-7),
        Level.FOUNDATION,
        (),
    ),
    (
        "Reflection on a leap day",
        "What I avoid:\n\n* the hard conversation with Kim\n* saying no",
        datetime(2024, 2, 29, 12, 0, tzinfo=UTC),  # "Mars/Olympus_Mons" is no zone: UTC
        zone_offset(0),
        None,
        (),
    ),
    (
        "Coach session prep",
        "Questions:\n- Why do I avoid Sam?\n- What would trust look like?",
        datetime(2024, 7, 1, 17, 0, tzinfo=ZoneInfo("Europe/London")),
        zone_offset(1),
        Level.MASTERY,
        ("coaching",),
    ),
]
UUIDS = [item["uuid"] for item in json.loads(JOURNAL_JSON.read_text("utf-8"))["entries"]]
NOTES = (
    "3 photos and 1 audio recording were not imported (the journal keeps text only)",
    "1 entry without a known time zone was dated in UTC",
)


def test_the_fixture_zip_holds_the_readable_journal_json() -> None:
    with zipfile.ZipFile(EXPORT_ZIP) as archive:
        assert archive.read("Journal.json") == JOURNAL_JSON.read_bytes()
        assert sorted(n.split("/")[0] for n in archive.namelist()) == [
            "Journal.json", "audios", "photos", "photos", "photos"
        ]


def test_the_export_is_read_with_the_zone_each_entry_was_written_in() -> None:
    parsed = dayone_import.read(EXPORT_ZIP)
    assert parsed.notes == NOTES
    assert len(parsed.entries) == len(EXPECTED)
    for (entry, ref), uuid, expected in zip(parsed.entries, UUIDS, EXPECTED, strict=True):
        title, body, moment, offset, level, tags = expected
        assert (entry.title, entry.body, entry.level, entry.tags) == (title, body, level, tags)
        # Compared in UTC: Python never calls a time in a repeated hour equal to one in
        # another zone, and within one zone it compares wall clocks (ignoring fold).
        assert entry.occurred_at.astimezone(UTC) == moment.astimezone(UTC)
        assert entry.occurred_at.utcoffset() == offset
        assert (entry.occurred_at.hour, entry.occurred_at.minute) == (moment.hour, moment.minute)
        assert entry.kind is EntryKind.FREE and entry.share_with_coach is False
        assert ref == f"dayone:{uuid}"


def test_the_zip_imports_every_entry_and_a_second_import_adds_nothing(journal: Journal) -> None:
    assert preview_dayone(journal, EXPORT_ZIP) == entry_import.ImportPreview(8, 0, NOTES)
    first = import_dayone(journal, EXPORT_ZIP)
    assert (first.imported, first.already_present, first.notes) == (8, 0, NOTES)

    rows = stored(journal)
    assert [ref for _, ref in rows] == [f"dayone:{uuid}" for uuid in UUIDS]
    for (entry, _), (title, body, moment, _, level, tags) in zip(rows, EXPECTED, strict=True):
        assert (entry.title, entry.body, entry.level) == (title, body, level)
        assert sorted(entry.tags) == sorted(tags)
        assert entry.occurred_at == moment.astimezone(UTC)  # the same instant, in UTC
    # The two 1:30s of the night the clocks went back stay an hour apart, in order.
    assert rows[3][0].occurred_at - rows[2][0].occurred_at == timedelta(hours=1)

    before = contents(journal)
    assert preview_dayone(journal, EXPORT_ZIP) == entry_import.ImportPreview(0, 8, NOTES)
    again = import_dayone(journal, EXPORT_ZIP)
    assert (again.imported, again.already_present) == (0, 8)
    assert contents(journal) == before
    # The bare Journal.json is the same export: nothing new either.
    assert import_dayone(journal, JOURNAL_JSON).imported == 0


def test_every_journal_in_the_zip_is_imported(journal: Journal, tmp_path: Path) -> None:
    work = {"metadata": {"version": "1.0"}, "entries": [day_one_entry(uuid="W1", text="Work")]}
    source = tmp_path / "Export.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("Journal.json", JOURNAL_JSON.read_bytes())
        archive.writestr("Work Journal.json", json.dumps(work))
        archive.writestr("__MACOSX/._Work Journal.json", b"\x00\x05\x16\x07")
        archive.writestr("photos/", b"")
    result = import_dayone(journal, source)
    assert (result.imported, result.already_present) == (9, 0)
    assert stored(journal)[-1][0].title == "Work"


def day_one_entry(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "uuid": "0123456789ABCDEF0123456789ABCDEF",
        "creationDate": "2024-03-02T08:15:00Z",
        "modifiedDate": "2024-03-02T08:20:00Z",
        "timeZone": "Europe/Berlin",
        "text": "Title\nBody",
        "tags": [],
        "starred": False,
    }
    item.update(changes)
    return item


def document(*entries: Any) -> bytes:
    return json.dumps({"metadata": {"version": "1.0"}, "entries": list(entries)}).encode()


def test_an_entry_of_only_photos_is_skipped_and_said(journal: Journal, tmp_path: Path) -> None:
    source = tmp_path / "Journal.json"
    source.write_bytes(document(
        day_one_entry(uuid="A", text="![](dayone-moment://P1)\n\n![](dayone-moment://P2)",
                      photos=[{"identifier": "P1"}, {"identifier": "P2"}]),
        day_one_entry(uuid="B", timeZone=None, videos=[{"identifier": "V"}]),
    ))
    result = import_dayone(journal, source)
    assert result.imported == 1
    assert result.notes == (
        "2 photos and 1 video were not imported (the journal keeps text only)",
        "1 entry without any text (only media) was skipped",
        "1 entry without a known time zone was dated in UTC",
    )


def test_a_repeated_uuid_in_the_file_is_stored_once(journal: Journal, tmp_path: Path) -> None:
    source = tmp_path / "Journal.json"
    source.write_bytes(document(day_one_entry(), day_one_entry(text="Edited later")))
    result = import_dayone(journal, source)
    assert (result.imported, result.already_present) == (1, 1)


# --- refusals: each leaves the journal as it was ---------------------------------------


@pytest.fixture
def filled(journal: Journal) -> Journal:
    import_dayone(journal, EXPORT_ZIP)
    return journal


def refused(journal: Journal, source: Path) -> str:
    before = contents(journal)
    with pytest.raises(ImportFailed) as caught:
        import_dayone(journal, source)
    assert contents(journal) == before
    message = str(caught.value)
    assert "\n" not in message and message.endswith("nothing was imported")
    return message


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ({"creationDate": None}, "creationDate is missing"),
        ({"creationDate": 1709367300}, "creationDate must be text, not int"),
        ({"creationDate": "yesterday"}, "'yesterday' is not a date and time"),
        ({"creationDate": "0001-01-01T00:00:00Z"}, "date"),
        ({"text": ["a"]}, "text must be a string, not list"),
        ({"tags": "work"}, "tags must be a list, not str"),
        ({"tags": ["work", 3]}, "tags must be a list of text"),
        ({"tags": ["x" * 80]}, "must be one word"),
        ({"starred": "yes"}, "starred must be true or false, not str"),
        ({"photos": {"identifier": "P"}}, "photos must be a list, not dict"),
        ({"timeZone": 60}, "timeZone must be a string, not int"),
        ({"text": "bell \x07"}, "control characters"),
    ],
)
def test_a_malformed_entry_is_refused_by_file_entry_and_uuid(
    filled: Journal, tmp_path: Path, bad: dict[str, Any], problem: str
) -> None:
    source = tmp_path / "Journal.json"
    entries = [day_one_entry(uuid=f"{n:032X}") for n in range(1, 17)]
    entries.append(day_one_entry(uuid="ABCDEF0123456789ABCDEF0123456789", **bad))
    source.write_bytes(document(*entries))
    message = refused(filled, source)
    assert message.startswith("Journal.json, entry 17 (uuid ABCDEF01…): ")
    assert problem in message


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"\xff\xfe{}", "Journal.json is not valid UTF-8 (bad byte at offset 0)"),
        (b'{"entries": [', "Journal.json is not valid JSON (line 1"),
        (b'{"metadata": {}}', 'Journal.json is not a Day One journal (no "entries" list)'),
        (b"[]", 'Journal.json is not a Day One journal (no "entries" list)'),
        (b"[" * 100_000, "Journal.json is not a Day One journal (nested too deeply)"),
        (document({"uuid": None}), "Journal.json, entry 1: uuid is missing"),
        (document("text"), "Journal.json, entry 1: an entry must be a JSON object"),
    ],
)
def test_a_document_that_is_not_day_one_s_is_refused(
    filled: Journal, tmp_path: Path, raw: bytes, problem: str
) -> None:
    source = tmp_path / "Journal.json"
    source.write_bytes(raw)
    assert refused(filled, source).startswith(problem)


def test_the_same_document_inside_a_zip_is_named_by_its_member(
    filled: Journal, tmp_path: Path
) -> None:
    source = tmp_path / "export.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("Travel.json", document(day_one_entry(creationDate=None)))
    assert refused(filled, source).startswith("Travel.json, entry 1 (uuid 01234567…): ")


def test_a_zip_without_a_journal_is_refused(filled: Journal, tmp_path: Path) -> None:
    source = tmp_path / "photos.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("photos/a.jpeg", b"jpeg")
        archive.writestr("notes.txt", b"hello")
    assert f"{source} contains no Day One journal (.json)" in refused(filled, source)


def test_a_zip_bomb_is_refused_before_it_is_decompressed(filled: Journal, tmp_path: Path) -> None:
    source = tmp_path / "bomb.zip"
    with (
        zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("Journal.json", "w", force_zip64=True) as member,
    ):
        block = b" " * 2**20
        for _ in range(80):  # 80 MB of spaces: about 80 KB on disk
            member.write(block)
    assert source.stat().st_size < 2**20
    message = refused(filled, source)
    assert "its journal JSON is too large to import (80 MB; the limit is 64 MB)" in message


def test_a_zip_that_understates_its_size_is_still_cut_at_the_cap(
    filled: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(entry_import, "MAX_IMPORT_BYTES", 1000)
    source = tmp_path / "export.zip"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.json", b" " * 600)
        archive.writestr("b.json", b" " * 600)  # each fits, together they do not
    assert "too large to import" in refused(filled, source)


def test_a_zip_with_too_many_members_is_refused(
    filled: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dayone_import, "MAX_ZIP_MEMBERS", 10)
    source = tmp_path / "export.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("Journal.json", JOURNAL_JSON.read_bytes())
        for number in range(10):
            archive.writestr(f"photos/{number}.jpeg", b"x")
    assert "holds 11 files" in refused(filled, source)

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the directory was read whole before its size was checked")

    monkeypatch.setattr(zipfile, "ZipFile", never)  # the count comes from the end record
    assert "holds 11 files" in refused(filled, source)


@pytest.mark.parametrize("name", ["../../etc/evil.json", "/etc/evil.json", "photos/../../x.json",
                                  "C:/evil.json", "..\\..\\evil.json"])
def test_a_member_outside_the_archive_is_refused(
    filled: Journal, tmp_path: Path, name: str
) -> None:
    source = tmp_path / "export.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("Journal.json", JOURNAL_JSON.read_bytes())
        archive.writestr(zipfile.ZipInfo(name), b"{}")
    assert "has a file outside the archive" in refused(filled, source)


def test_a_damaged_zip_is_refused(filled: Journal, tmp_path: Path) -> None:
    source = tmp_path / "export.zip"
    source.write_bytes(EXPORT_ZIP.read_bytes()[:200])
    assert "is not a readable .zip archive" in refused(filled, source)


def test_a_file_over_64_mb_is_refused_before_reading(filled: Journal, tmp_path: Path) -> None:
    source = tmp_path / "Journal.json"
    with source.open("wb") as handle:  # sparse: large on paper, cheap on disk
        handle.truncate(65 * 2**20)
    assert "too large to import (65 MB; the limit is 64 MB)" in refused(filled, source)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused_at_once(filled: Journal, device: str) -> None:
    assert refused(filled, Path(device)).startswith(f"the import file {device} is a device")


def test_a_folder_is_refused(filled: Journal, tmp_path: Path) -> None:
    message = refused(filled, tmp_path)
    assert "is a folder, not a Day One export (.zip or Journal.json)" in message


def test_a_missing_file_is_refused(filled: Journal, tmp_path: Path) -> None:
    assert "does not exist" in refused(filled, tmp_path / "nowhere.zip")


def test_a_fifo_without_a_writer_is_refused_and_one_with_a_writer_is_read(
    filled: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safe_read, "FIFO_WAIT_SECONDS", 0.2)
    fifo = tmp_path / "Journal.json"
    os.mkfifo(fifo)
    assert "no program is writing to the FIFO" in refused(filled, fifo)

    def writer() -> None:
        with open(fifo, "wb") as handle:
            handle.write(document(day_one_entry(uuid="FROM-A-PIPE")))

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    assert import_dayone(filled, fifo).imported == 1
    thread.join(timeout=5)
