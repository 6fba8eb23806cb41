"""The coach summary's Patterns section over a real encrypted journal: the root hint and
the people whose intensity moved most, in Markdown, HTML and PDF; computed from the shared
entries only, unless private ones are included for that export (then a person who appears
only in private entries shows up too); left out with the section, on the command line too.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.pdf_text import pdf_text
from tkg_journal.cli import build_parser
from tkg_journal.domain.entries import ConversationFields, Entry, EntryKind
from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import Period
from tkg_journal.domain.summary import ALL_SECTIONS, SummaryOptions, SummarySection
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.export import ExportFormat, export_summary
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import Progress
from tkg_journal.services.summary import build_summary

TODAY = date(2026, 3, 20)
PERIOD = Period(TODAY - timedelta(days=60), TODAY)
HINT = (
    "Most friction in the last 2 months shows at Growth (communication); your Foundation "
    "rating fell from 7 to 5: the root may be self-awareness."
)


def local(d: date, hour: int = 12) -> datetime:
    return datetime(d.year, d.month, d.day, hour).astimezone()


@pytest.fixture
def journal(monkeypatch: pytest.MonkeyPatch, journal_paths: JournalPaths) -> Iterator[Journal]:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    journal = created.journal
    now = local(TODAY, 18)
    journal.clock = lambda: now

    def talk(days_ago: int, who: str, intensity: int, *, shared: bool) -> None:
        journal.add_entry(Entry(
            kind=EntryKind.CONVERSATION, occurred_at=local(TODAY - timedelta(days=days_ago)),
            level=Level.GROWTH, share_with_coach=shared, title=f"Talk with {who}",
            conversation=ConversationFields(who=who, what_happened="it happened",
                                            feeling="frustrated", intensity=intensity)))

    # Sam, shared: 7.7 in the first half, 3.3 in the second: calmer. Priya, shared: steady.
    for days_ago, intensity in zip((50, 40, 30, 20, 10, 5), (8, 8, 7, 4, 3, 3), strict=True):
        talk(days_ago, "Sam (CFO)", intensity, shared=True)
    for days_ago, intensity in zip((45, 35, 25, 15), (6, 6, 7, 6), strict=True):
        talk(days_ago, "Priya", intensity, shared=True)
    # Zed, only ever in private entries: from 2 up to 9, the biggest change of all.
    for days_ago, intensity in zip((48, 38, 18, 8), (2, 2, 9, 9), strict=True):
        talk(days_ago, "Zed", intensity, shared=False)
    progress = Progress(journal)
    progress.record_checkin({Level.FOUNDATION: 7, Level.GROWTH: 6}, on=TODAY - timedelta(days=55))
    progress.record_checkin({Level.FOUNDATION: 5, Level.GROWTH: 6}, on=TODAY - timedelta(days=2))
    yield journal
    journal.close()
    monkeypatch.undo()
    time.tzset()


def options(**changes: object) -> SummaryOptions:
    return SummaryOptions(**{"period": PERIOD, "charts": False, **changes})  # type: ignore[arg-type]


def test_the_section_holds_the_hint_and_whose_intensity_moved(journal: Journal) -> None:
    summary = build_summary(journal, options())
    assert summary.patterns is not None
    assert summary.patterns.query.shared_only
    assert [h.text for h in summary.patterns.hints] == [HINT]
    assert [p.name for p in summary.patterns.moved_most(3)] == ["Sam", "Priya"]


@pytest.mark.parametrize("fmt", list(ExportFormat), ids=lambda fmt: fmt.value)
def test_every_format_prints_the_section_from_shared_entries_only(
    journal: Journal, tmp_path: Path, fmt: ExportFormat
) -> None:
    target = tmp_path / f"summary{fmt.suffix}"
    export_summary(journal, options(), fmt, target)
    raw = pdf_text(target) if fmt is ExportFormat.PDF else target.read_text(encoding="utf-8")
    text = " ".join(raw.split())
    for words in (
        "Patterns",
        "Where the root may be",
        HINT,
        "Whose conversations changed most",
        "calmer by 4.3",
        "7.7 \u2192 3.3",
        "steady",
        "Computed on my computer from the 10 difficult conversations and 0 pieces of "
        "feedback I shared with my coach in this period.",
    ):
        assert words in text, (fmt, words)
    # A name written only in private entries does not reach the coach through patterns.
    assert "Zed" not in text


def test_private_entries_included_bring_their_people_in(journal: Journal, tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    export_summary(journal, options(include_private=True), ExportFormat.MARKDOWN, target)
    text = target.read_text(encoding="utf-8")
    section = text.split("## Patterns", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    assert [row.split(" | ")[0].strip("| ") for row in rows[1:]] == ["Zed", "Sam", "Priya"]
    assert "| Zed | 4 | 2 Growth | 2.0 \u2192 9.0 | more intense by 7.0 |" in section
    assert "private entries included" in section


def test_the_section_can_be_left_out_in_the_dialog_and_on_the_command_line(
    journal: Journal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    without = frozenset(ALL_SECTIONS) - {SummarySection.PATTERNS}
    summary = build_summary(journal, options(sections=without))
    assert summary.patterns is None and not summary.shows(SummarySection.PATTERNS)
    target = tmp_path / "summary.md"
    export_summary(journal, options(sections=without), ExportFormat.MARKDOWN, target)
    text = target.read_text(encoding="utf-8")
    assert "## Patterns" not in text and "Sam" not in text.split("## Experiments")[0]
    # `export --without patterns` is accepted, and the help names every section.
    args = build_parser().parse_args(["export", "-f", "md", "-o", "s.md", "--without", "patterns"])
    assert args.without == ["patterns"]
    with pytest.raises(SystemExit):
        build_parser().parse_args(["export", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    for section in SummarySection:
        assert section.value in help_text, section
