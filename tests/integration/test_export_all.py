"""The whole-journal export (issue 17): JSON (lossless, read back by ``import json``),
Markdown (a folder for Obsidian) and jrnl (read by jrnl's own import), private and written
whole or not at all, on real encrypted journals filled by the demo generator."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TEST_PASSPHRASE
from tkg_journal import safe_write
from tkg_journal.domain.entries import ConversationFields, Entry, EntryKind
from tkg_journal.domain.errors import DomainError
from tkg_journal.domain.levels import Level
from tkg_journal.paths import JournalPaths
from tkg_journal.reports.journal_json import SECTIONS
from tkg_journal.services import demo, journal_access
from tkg_journal.services.journal import Journal
from tkg_journal.services.journal_export import ExportAllFormat, Selection, export_all
from tkg_journal.services.journal_import import import_json, preview_json
from tkg_journal.storage.errors import WriteFailed

_LINKS = {
    "experiments": {"friction_behaviour_id": "friction_behaviours", "source_entry_id": "entries"},
    "attempts": {"experiment_id": "experiments"},
    "commitments": {"session_id": "coach_sessions", "experiment_id": "experiments"},
}


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Journal]:
    """One demo journal for the read-only tests (Argon2id and the demo run once)."""
    paths = JournalPaths(tmp_path_factory.mktemp("filled"))
    with journal_access.create(paths, passphrase=TEST_PASSPHRASE).journal as journal:
        demo.fill(journal, entries=250, seed=11)
        with journal.db.transaction():  # an entry whose text would break naive writers
            from tkg_journal.storage import entry_repository

            entry_repository.insert(
                journal.db,
                entry=Entry(
                    kind=EntryKind.CONVERSATION,
                    occurred_at=datetime(2025, 7, 1, 9, 30, tzinfo=UTC),
                    title='Sam: "no" \\ #1',
                    body="[2025-07-02 10:00] not a new entry\n---\nkey: value",
                    level=Level.GROWTH,
                    tags=("sam", "hard"),
                    share_with_coach=True,
                    conversation=ConversationFields(who="Sam", intensity=7),
                ),
            )
        yield journal


@pytest.fixture
def empty(journal_paths: JournalPaths) -> Iterator[Journal]:
    with journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE).journal as journal:
        yield journal


def _normalised(document: dict[str, Any]) -> dict[str, Any]:
    """The document with ``exported_at`` left out and every id (and link) replaced by the
    record's position in its section; friction behaviours' ``created_at`` too (a new
    journal has the catalogue already, and an import keeps what the journal has)."""
    positions = {
        name: {record["id"]: n for n, record in enumerate(document[name])} for name in SECTIONS
    }
    out: dict[str, Any] = {k: v for k, v in document.items() if k != "exported_at"}
    for name in SECTIONS:
        records = []
        for record in document[name]:
            record = dict(record, id=positions[name][record["id"]])
            for key, target in _LINKS.get(name, {}).items():
                if record[key] is not None:
                    record[key] = positions[target][record[key]]
            if name == "friction_behaviours":
                record.pop("created_at")
            records.append(record)
        out[name] = records
    return out


def _export_json(journal: Journal, path: Path, selection: Selection | None = None) -> Any:
    export_all(journal, ExportAllFormat.JSON, path, selection or Selection())
    return json.loads(path.read_text("utf-8"))


def test_json_holds_every_record_with_its_links(filled: Journal, tmp_path: Path) -> None:
    document = _export_json(filled, tmp_path / "all.json")
    assert document["format"] == "tkg-journal-export" and document["version"] == 1
    counts = {name: len(document[name]) for name in SECTIONS}
    stored = filled.db.row_counts()
    for name in SECTIONS:
        assert counts[name] == stored[name], name
    assert counts["experiments"] and counts["attempts"] and counts["commitments"]
    sam = next(e for e in document["entries"] if e["title"].startswith("Sam:"))
    assert sam["occurred_at"] == "2025-07-01T09:30:00+00:00"
    assert sam["level"] == "growth" and sam["shared"] is True
    assert sam["tags"] == ["hard", "sam"]
    assert sam["conversation"]["who"] == "Sam" and sam["conversation"]["intensity"] == 7
    assert set(sam) >= {"kind", "body", "feedback", "import_ref", "created_at", "updated_at"}
    entry_ids = {e["id"] for e in document["entries"]}
    linked = [x["source_entry_id"] for x in document["experiments"] if x["source_entry_id"]]
    assert set(linked) <= entry_ids
    experiment_ids = {x["id"] for x in document["experiments"]}
    assert {a["experiment_id"] for a in document["attempts"]} <= experiment_ids


def test_json_round_trip_gives_the_same_document(
    filled: Journal, empty: Journal, tmp_path: Path
) -> None:
    first = _export_json(filled, tmp_path / "first.json")
    result = import_json(empty, tmp_path / "first.json")
    assert result.imported["entries"] == len(first["entries"])
    second = _export_json(empty, tmp_path / "second.json")
    assert _normalised(second) == _normalised(first)
    # Again: nothing is added, and nothing changes.
    again = import_json(empty, tmp_path / "first.json")
    assert sum(again.imported.values()) == 0
    assert _normalised(_export_json(empty, tmp_path / "third.json")) == _normalised(first)


def test_the_preview_counts_what_the_import_stores_and_stores_nothing(
    filled: Journal, empty: Journal, tmp_path: Path
) -> None:
    _export_json(filled, tmp_path / "all.json")
    before = empty.db.row_counts()
    preview = preview_json(empty, tmp_path / "all.json")
    assert empty.db.row_counts() == before  # rolled back
    result = import_json(empty, tmp_path / "all.json")
    assert (preview.imported, preview.already_present) == (
        result.imported,
        result.already_present,
    )
    assert preview.imported["entries"] > 0


def test_reimporting_into_the_journal_it_came_from_adds_nothing(
    filled: Journal, tmp_path: Path
) -> None:
    _export_json(filled, tmp_path / "all.json")
    before = filled.db.row_counts()
    result = import_json(filled, tmp_path / "all.json")
    assert sum(result.imported.values()) == 0
    assert filled.db.row_counts() == before


def test_filters_select_entries_and_drop_links_to_the_rest(filled: Journal, tmp_path: Path) -> None:
    everything = _export_json(filled, tmp_path / "all.json")
    since = datetime(2025, 7, 1, tzinfo=UTC)
    until = since + timedelta(days=1)
    one_day = _export_json(filled, tmp_path / "day.json", Selection(since=since, until=until))
    assert 'Sam: "no" \\ #1' in [e["title"] for e in one_day["entries"]]
    assert all(
        since <= datetime.fromisoformat(e["occurred_at"]) < until for e in one_day["entries"]
    )
    assert one_day["filter"]["since"] == since.isoformat()
    growth = _export_json(filled, tmp_path / "g.json", Selection(levels=(Level.GROWTH,)))
    assert growth["entries"] and {e["level"] for e in growth["entries"]} == {"growth"}
    tagged = _export_json(filled, tmp_path / "t.json", Selection(tags=("sam", "hard")))
    assert [e["title"] for e in tagged["entries"]] == ['Sam: "no" \\ #1']
    # The other records stay whole; links to entries left out read as null.
    assert len(tagged["experiments"]) == len(everything["experiments"])
    assert all(x["source_entry_id"] is None for x in tagged["experiments"])


def test_markdown_is_a_folder_of_pages(filled: Journal, tmp_path: Path) -> None:
    out = tmp_path / "md"
    counts = export_all(filled, ExportAllFormat.MARKDOWN, out, zone=UTC)
    page = out / "2025" / "07" / "2025-07-01-sam-no-1.md"
    text = page.read_text("utf-8")
    front, _, rest = text.partition("\n---\n")
    assert front.splitlines()[1] == 'title: "Sam: \\"no\\" \\\\ #1"'
    assert "date: 2025-07-01T09:30:00+00:00" in front
    assert 'level: "Growth"' in front and 'tags: ["hard", "sam"]' in front
    assert "shared: true" in front
    assert "## Who\n\nSam\n" in rest and "## How strongly (0-10)\n\n7\n" in rest
    assert rest.rstrip().endswith("---\nkey: value")
    assert counts.entries == filled.count_entries()
    assert len(list(out.glob("*/*/*.md"))) == counts.entries  # unique names, none lost
    assert list((out / "experiments").glob("0*.md")) and list((out / "sessions").glob("*.md"))
    assert "## Commitments" in "".join(p.read_text() for p in (out / "sessions").iterdir())
    index = (out / "index.md").read_text("utf-8")
    assert "## Experiments" in index and "](experiments/" in index
    # A second export replaces the first; a folder of other files is refused.
    export_all(filled, ExportAllFormat.MARKDOWN, out, zone=UTC)
    other = tmp_path / "notes"
    other.mkdir()
    (other / "mine.txt").write_text("my own notes")
    with pytest.raises(DomainError, match="not empty and is not an earlier export"):
        export_all(filled, ExportAllFormat.MARKDOWN, other)
    assert [p.name for p in other.iterdir()] == ["mine.txt"]


def test_markdown_front_matter_is_yaml_that_reads_back(filled: Journal, tmp_path: Path) -> None:
    # ruamel.yaml: a YAML 1.2 reader that comes with the test tools (jrnl's own).
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    export_all(filled, ExportAllFormat.MARKDOWN, tmp_path / "md", zone=UTC)
    pages = list((tmp_path / "md").glob("*/*/*.md"))
    assert pages
    for page in pages:
        front = page.read_text("utf-8").split("---\n")[1]
        assert isinstance(yaml.load(front)["title"], str), page


def test_jrnl_text_has_dates_titles_and_tags(filled: Journal, tmp_path: Path) -> None:
    out = tmp_path / "journal.txt"
    export_all(filled, ExportAllFormat.JRNL, out, zone=UTC)
    text = out.read_text("utf-8")
    assert '[2025-07-01 09:30] Sam: "no" \\ #1\nWho: Sam\n' in text
    assert "\n [2025-07-02 10:00] not a new entry\n" in text  # not read as an entry
    assert "@growth @hard @sam\n\n" in text
    assert text.count("\n\n[") + 1 == filled.count_entries()


def _jrnl_command() -> str | None:
    beside = Path(sys.executable).parent / "jrnl"
    return str(beside) if beside.exists() else shutil.which("jrnl")


def test_real_jrnl_imports_the_jrnl_export(filled: Journal, tmp_path: Path) -> None:
    command = _jrnl_command()
    if command is None:
        pytest.skip("jrnl is not installed (pip install -e .[test])")
    out = tmp_path / "journal.txt"
    export_all(filled, ExportAllFormat.JRNL, out, zone=UTC)
    home = tmp_path / "jrnl-home"
    (home / ".config" / "jrnl").mkdir(parents=True)
    (home / ".config" / "jrnl" / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals: {{default: {{journal: {home / 'journal.txt'}}}}}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%F %r'\n"
        "version: v4.6\n"
    )
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), TZ="UTC")
    subprocess.run(
        [command, "--import", "--file", str(out)],
        env=env,
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    shown = subprocess.run(
        [command, "--format", "json", "-n", "100000"],
        env=env,
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    entries = json.loads(shown.stdout)["entries"]
    assert len(entries) == filled.count_entries()
    sam = next(e for e in entries if e["title"].startswith("Sam:"))
    assert (sam["date"], sam["time"]) == ("2025-07-01", "09:30")
    assert {"@growth", "@sam", "@hard"} <= set(sam["tags"])


@pytest.mark.parametrize("umask", [0, 0o022])
@pytest.mark.parametrize("fmt", list(ExportAllFormat))
def test_every_file_and_folder_is_private_whatever_the_umask(
    filled: Journal, tmp_path: Path, umask: int, fmt: ExportAllFormat
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / f"export-{fmt.value}"
    old = os.umask(umask)
    try:
        export_all(filled, fmt, out)
    finally:
        os.umask(old)
    paths = [out, *out.rglob("*")] if out.is_dir() else [out]
    for path in paths:
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path
    assert sorted(p.name for p in folder.iterdir()) == [out.name]


@pytest.mark.parametrize("fmt", list(ExportAllFormat))
def test_a_full_disk_leaves_no_partial_file(
    filled: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: ExportAllFormat
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "export"
    real_fsync, calls = os.fsync, []

    def failing_fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 1:  # the first file written in full, before it is renamed in
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(WriteFailed, match="No space left on device"):
        export_all(filled, fmt, out)
    assert list(folder.iterdir()) == []


def test_an_earlier_markdown_export_survives_a_failed_one(
    filled: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out" / "md"
    out.parent.mkdir()
    export_all(filled, ExportAllFormat.MARKDOWN, out)
    before = sorted(str(p.relative_to(out)) for p in out.rglob("*"))

    def full_disk(path: Path, data: bytes, *, mode: int = 0o600) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(safe_write, "write_new_file", full_disk)
    with pytest.raises(WriteFailed):
        export_all(filled, ExportAllFormat.MARKDOWN, out)
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == before
    assert [p.name for p in out.parent.iterdir()] == ["md"]


def test_an_unwritable_place_is_a_user_error(filled: Journal, tmp_path: Path) -> None:
    # A folder that is a file cannot be written even by root (who may write in any
    # folder, so a read-only folder proves nothing when the tests run as root).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(WriteFailed, match="Not a directory"):
        export_all(filled, ExportAllFormat.JSON, blocker / "all.json")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if not os.access(locked, os.W_OK):  # as an ordinary user, a read-only folder too
        with pytest.raises(WriteFailed, match="Permission denied"):
            export_all(filled, ExportAllFormat.JSON, locked / "all.json")
