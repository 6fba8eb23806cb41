"""A folder of Markdown notes into a real encrypted journal: Obsidian notes, plain files,
this app's own Markdown export; nothing twice; anything hostile refused, nothing stored."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import TEST_PASSPHRASE
from tkg_journal import safe_read
from tkg_journal.domain.entries import ConversationFields, Entry, EntryKind
from tkg_journal.domain.levels import Level
from tkg_journal.paths import JournalPaths
from tkg_journal.services import entry_import, journal_access, markdown_import
from tkg_journal.services.errors import ImportFailed
from tkg_journal.services.journal import Journal
from tkg_journal.services.journal_export import ExportAllFormat, export_all

PARIS = ZoneInfo("Europe/Paris")


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


def write(folder: Path, relative: str, text: str | bytes) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    """An Obsidian vault: daily notes, nested folders, front matter in its several forms."""
    folder = tmp_path / "vault"
    write(folder, "Daily/2024-01-02.md", "Told Sam the budget is cut.\nHe went quiet.\n")
    write(
        folder,
        "Daily/2024-01-03 standup.md",
        "# Standup\n\nI listened first. [[Sam]] noticed.\n\n## Later\n\nStill calm.\n",
    )
    write(
        folder,
        "Work/People/Sam.md",
        "---\n"
        "created: 2024-02-01T08:30\n"
        "tags:\n  - people\n  - 2 Growth\n  - Team Work\n"
        "aliases: [Samuel]\n"
        "cssclasses:\n  wide: true\n"
        "---\n"
        "Notes about Sam: prefers written agendas.\n",
    )
    write(
        folder,
        "Work/Feedback from Kim.md",
        "---\n"
        "title: 'Kim''s feedback'\n"
        "date: 2024-03-05T17:00:00+09:00\n"
        "kind: feedback\n"
        "level: 3\n"
        "tags: work, feedback\n"
        "shared: true\n"
        "---\n"
        "# Kim's feedback\n\nClearer than last quarter. Ünïcödé and 🎉 kept.\n",
    )
    write(folder, ".obsidian/workspace.md", "not a note")
    write(folder, ".trash/old.md", "deleted")
    write(folder, "Attachments/photo.png", b"\x89PNG")
    os.utime(folder / "Work/People/Sam.md", (0, 0))
    return folder


def test_an_obsidian_vault_is_imported_note_by_note(journal: Journal, vault: Path) -> None:
    when = datetime(2024, 6, 1, 12, 0, tzinfo=PARIS).timestamp()
    os.utime(vault / "Work/Feedback from Kim.md", (when, when))
    result = markdown_import.import_markdown(journal, vault)
    assert (result.imported, result.already_present, result.notes) == (4, 0, ())
    rows = stored(journal)
    zone = journal.clock().tzinfo
    daily, standup, feedback, sam = (entry for entry, _ in rows)  # sorted by path

    assert daily.title == "2024-01-02"  # no heading: the file's name
    assert daily.body == "Told Sam the budget is cut.\nHe went quiet."
    assert daily.occurred_at == datetime(2024, 1, 2, tzinfo=zone)
    assert (daily.kind, daily.level, daily.tags, daily.share_with_coach) == (
        EntryKind.FREE, None, (), False
    )

    assert standup.title == "Standup"
    assert standup.body == "I listened first. [[Sam]] noticed.\n\n## Later\n\nStill calm."
    assert standup.occurred_at == datetime(2024, 1, 3, tzinfo=zone)

    assert feedback.title == "Kim's feedback"
    assert feedback.body == "Clearer than last quarter. Ünïcödé and 🎉 kept."
    assert feedback.occurred_at == datetime(2024, 3, 5, 8, 0, tzinfo=UTC)
    assert (feedback.kind, feedback.level, feedback.share_with_coach) == (
        EntryKind.FEEDBACK, Level.EMPOWERMENT, True
    )
    assert sorted(feedback.tags) == ["feedback", "work"]

    assert sam.title == "Sam"
    assert sam.occurred_at == datetime(2024, 2, 1, 8, 30, tzinfo=zone)
    assert sam.level is Level.GROWTH  # "2 Growth" is a level, not a tag
    assert sorted(sam.tags) == ["people", "team-work"]

    refs = [ref for _, ref in rows]
    assert refs[0].startswith("markdown:Daily/2024-01-02.md:")
    assert len(set(refs)) == 4


def test_a_note_without_any_date_takes_its_modification_time(
    journal: Journal, tmp_path: Path
) -> None:
    note = write(tmp_path / "notes", "idea.md", "An idea")
    when = datetime(2023, 7, 14, 10, 30, tzinfo=UTC)
    os.utime(note, (when.timestamp(), when.timestamp()))
    parsed = markdown_import.read(tmp_path / "notes", zone=PARIS)
    ((entry, _),) = parsed.entries
    assert entry.occurred_at == when
    assert entry.occurred_at.utcoffset() == timedelta(hours=2)  # shown on the writer's clock


def test_a_second_import_adds_nothing_and_an_edited_note_comes_in_again(
    journal: Journal, vault: Path
) -> None:
    markdown_import.import_markdown(journal, vault)
    before = contents(journal)
    preview = markdown_import.preview_markdown(journal, vault)
    assert (preview.new, preview.already_present) == (0, 4)
    again = markdown_import.import_markdown(journal, vault)
    assert (again.imported, again.already_present) == (0, 4)
    assert contents(journal) == before

    write(vault, "Daily/2024-01-02.md", "Told Sam the budget is cut.\nHe asked why.\n")
    write(vault, "Daily/2024-01-04.md", "New day")
    assert markdown_import.preview_markdown(journal, vault) == entry_import.ImportPreview(2, 3)
    assert contents(journal) == before  # a preview writes nothing
    assert markdown_import.import_markdown(journal, vault).imported == 2


def test_this_app_s_markdown_export_reads_back(journal: Journal, tmp_path: Path) -> None:
    moment = datetime(2024, 3, 31, 1, 30, tzinfo=timezone(timedelta(hours=1)))
    journal.add_entry(Entry(
        kind=EntryKind.CONVERSATION, occurred_at=moment, title='Budget talk: "Sam"',
        body="What I will do next time.", level=Level.GROWTH, tags=("work", "sam"),
        share_with_coach=True,
        conversation=ConversationFields(who="Sam", what_happened="He went quiet", intensity=6),
    ))
    journal.add_entry(Entry(kind=EntryKind.FREE, occurred_at=moment + timedelta(days=1),
                            body="Just a line\nand another"))
    out = tmp_path / "export"
    export_all(journal, ExportAllFormat.MARKDOWN, out, zone=PARIS)

    parsed = markdown_import.read(out, zone=UTC)
    assert [note for note in parsed.notes if "index" in note]  # the index is not an entry
    (talk, _), (line, _) = parsed.entries
    assert talk.title == 'Budget talk: "Sam"'
    assert talk.occurred_at == moment
    assert (talk.kind, talk.level, talk.share_with_coach) == (
        EntryKind.CONVERSATION, Level.GROWTH, True
    )
    assert sorted(talk.tags) == ["sam", "work"]
    # The guided answers come in as the export wrote them, ahead of the text.
    assert talk.body.startswith("## Who\n\nSam\n\n## What happened\n\nHe went quiet")
    assert "## How strongly (0-10)\n\n6" in talk.body
    assert talk.body.endswith("What I will do next time.")
    assert line.title == "Just a line"
    assert line.occurred_at == moment + timedelta(days=1)


def test_links_are_not_followed_out_of_the_folder(journal: Journal, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    write(folder, "inside.md", "Inside")
    secret = write(tmp_path / "elsewhere", "secret.md", "Outside the folder")
    (folder / "linked.md").symlink_to(secret)
    (folder / "also-inside.md").symlink_to(folder / "inside.md")
    (folder / "sub").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    result = markdown_import.import_markdown(journal, folder)
    assert result.imported == 2
    assert result.notes == (
        "1 link to files outside the folder was not followed",
        "2 linked folders were not followed",
    )
    assert "Outside the folder" not in {entry.body for entry, _ in stored(journal)}


# --- refusals: each leaves the journal as it was ---------------------------------------


@pytest.fixture
def filled(journal: Journal, vault: Path) -> Journal:
    markdown_import.import_markdown(journal, vault)
    return journal


def refused(journal: Journal, folder: Path) -> str:
    before = contents(journal)
    with pytest.raises(ImportFailed) as caught:
        markdown_import.import_markdown(journal, folder)
    assert contents(journal) == before
    message = str(caught.value)
    assert "\n" not in message and message.endswith("nothing was imported")
    return message


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (b"caf\xe9 au lait", "notes/2024-01-02.md: not UTF-8 text (bad byte at offset 3)"),
        (b"---\ndate: someday\n---\nx", "notes/2024-01-02.md: the front matter's date 'someday'"),
        (b"---\ndate: 1066-10-14\n---\nx", "notes/2024-01-02.md: the entry's date 1066-10-14"),
        (b"---\ntags: {a: 1}\n---\nx", "notes/2024-01-02.md: the front matter's 'tags' must"),
        (b"---\nlevel: Top\n---\nx", "notes/2024-01-02.md: unknown level 'Top'"),
        (b"---\nkind: diary\n---\nx", "notes/2024-01-02.md: unknown entry kind 'diary'"),
        (b"---\nshared: maybe\n---\nx", "notes/2024-01-02.md: the front matter's 'shared'"),
        (b"---\ntitle: [a]\n---\nx", "notes/2024-01-02.md: the front matter's 'title' must"),
        (b"---\njust words\n---\nx", "notes/2024-01-02.md: front matter line 2 is not"),
        (b"bell \x07", "notes/2024-01-02.md: text contains control characters"),
    ],
)
def test_a_bad_note_is_refused_by_its_path(
    filled: Journal, tmp_path: Path, text: bytes, problem: str
) -> None:
    folder = tmp_path / "import"
    write(folder, "a-first.md", "fine")
    write(folder, "notes/2024-01-02.md", text)
    assert refused(filled, folder).startswith(problem)


def test_a_file_or_a_missing_folder_is_refused(filled: Journal, tmp_path: Path) -> None:
    note = write(tmp_path, "single.md", "x")
    assert "is not a folder: give the folder that holds the .md notes" in refused(filled, note)
    assert "it does not exist" in refused(filled, tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    assert "holds no Markdown notes (.md files)" in refused(filled, tmp_path / "empty")


def test_too_many_bytes_in_all_are_refused(
    filled: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(entry_import, "MAX_IMPORT_BYTES", 1000)
    folder = tmp_path / "big"
    for number in range(3):
        write(folder, f"{number}.md", "x" * 400)  # each fits, together they do not
    message = refused(filled, folder)
    assert "holds more than 1000 bytes of notes (the limit for one import; 2.md is past it)" in (
        message
    )


def test_a_64_mb_note_is_refused_before_reading(filled: Journal, tmp_path: Path) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    with (folder / "huge.md").open("wb") as handle:  # sparse: large on paper only
        handle.truncate(65 * 2**20)
    assert "holds more than 64 MB of notes" in refused(filled, folder)


def test_too_many_notes_are_refused(
    filled: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(markdown_import, "MAX_MARKDOWN_FILES", 3)
    folder = tmp_path / "many"
    for number in range(4):
        write(folder, f"{number}.md", "x")
    assert "more than 3 Markdown notes" in refused(filled, folder)


def test_a_huge_tree_is_refused_without_walking_all_of_it(
    filled: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(markdown_import, "MAX_NAMES_SEEN", 10)
    folder = tmp_path / "tree"
    for number in range(11):
        write(folder, f"{number}.txt", "x")
    assert "more than 10 files and folders" in refused(filled, folder)


def test_a_fifo_or_a_device_among_the_notes_is_refused_not_waited_on(
    filled: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safe_read, "FIFO_WAIT_SECONDS", 0.2)
    folder = tmp_path / "odd"
    write(folder, "fine.md", "fine")
    os.mkfifo(folder / "pipe.md")
    assert refused(filled, folder).startswith("pipe.md: is a FIFO no program is writing to")
    (folder / "pipe.md").unlink()
    (folder / "zero.md").symlink_to("/dev/zero")  # outside the folder: not followed
    assert markdown_import.read(folder, zone=UTC).notes == (
        "1 link to files outside the folder was not followed",
    )


def test_a_name_with_a_newline_stays_one_line(filled: Journal, tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    write(folder, "two\nlines.md", b"\xff")
    assert refused(filled, folder).startswith("two?lines.md: not UTF-8 text")
