"""The pre-session summary over a real encrypted journal with known content
(tests/summary_journal.py): what it counts, what it shows and hides, and the three files.

The Markdown export must match ``tests/golden/summary_known_journal.md`` exactly; after a
deliberate change, regenerate it with ``UPDATE_GOLDEN=1`` and read the diff.
"""

from __future__ import annotations

import base64
import difflib
import os
import re
from collections.abc import Iterator
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests import summary_journal as known
from tests.conftest import TEST_PASSPHRASE
from tests.pdf_text import pdf_text
from tkg_journal.domain.progress import Period
from tkg_journal.domain.summary import ALL_SECTIONS, SummaryOptions, SummarySection
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.export import (
    EmptyPeriod,
    ExportFormat,
    export_summary,
    plan_export,
    write_export,
)
from tkg_journal.services.files import ReadOnlyFile
from tkg_journal.services.journal import Journal
from tkg_journal.services.summary import build_summary
from tkg_journal.storage.errors import WriteFailed

GOLDEN = Path(__file__).parent.parent / "golden" / "summary_known_journal.md"
PERIOD = Period(known.LAST_SESSION, known.TODAY)


@pytest.fixture
def journal(journal_paths: JournalPaths) -> Iterator[Journal]:
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    journal = created.journal
    ids = known.fill(journal)
    journal.clock = lambda: known.at(24, 10)
    journal.ids = ids  # type: ignore[attr-defined]
    yield journal
    journal.close()


def options(journal: Journal, **changes: object) -> SummaryOptions:
    values: dict[str, object] = {
        "period": PERIOD,
        "question_entry_ids": (journal.ids["question"],),  # type: ignore[attr-defined]
        "questions": "Where should I hold back next?\n\nAnd how do I know it worked?",
    }
    values.update(changes)
    return SummaryOptions(**values)  # type: ignore[arg-type]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def test_since_last_session_is_the_default_period(journal: Journal) -> None:
    assert CoachSessions(journal).since_last_session() == PERIOD


def test_the_counts_match_the_hand_computed_figures(journal: Journal) -> None:
    summary = build_summary(journal, options(journal))
    glance = summary.at_a_glance
    assert (glance.entries, glance.shared_entries, glance.entries_without_level) == (6, 4, 1)
    assert [lv.entries for lv in glance.levels] == [1, 1, 2, 1, 0]
    assert [lv.attempts for lv in glance.levels] == [2, 0, 1, 0, 0]
    assert [lv.rating_change for lv in glance.levels] == [2, 1, 1, 1, 1]
    assert (glance.attempts, glance.attempts_yes, glance.attempts_partial) == (3, 2, 1)
    assert (glance.experiments_active, glance.experiments_completed) == (2, 1)
    assert [r.experiment.title for r in summary.experiments] == [
        "Ask before defending",
        "Hand over decisions",
    ]
    assert [len(r.attempts) for r in summary.experiments] == [2, 1]  # the 4 Nov one is before
    assert [d.experiment.title for d in summary.overdue_experiments] == ["Say no to side projects"]
    assert (summary.feedback.count, summary.feedback.positive, summary.feedback.negative) == (
        2, 1, 1)
    assert summary.last_session is not None and summary.last_session.held_on == known.LAST_SESSION


def test_the_rating_chart_looks_back_further_and_shades_the_period(journal: Journal) -> None:
    charts = {chart.name: chart for chart in plan_export(journal, options(journal)).charts}
    # Two check-ins fall in the fortnight; the one from 3 Nov gives the trend its start.
    ratings = charts["ratings"]
    assert ratings.options["highlight"] == PERIOD
    assert ratings.options["period"] == Period(known.TODAY - timedelta(weeks=12), known.TODAY)
    assert sorted({point.day for point in ratings.data}) == [
        date(2026, 11, 3), date(2026, 11, 17), date(2026, 11, 24)]
    # The other charts keep to the period.
    assert {charts[name].options["period"] for name in ("activity", "attempts")} == {PERIOD}


def test_private_entries_stay_out_unless_included(journal: Journal) -> None:
    shared = build_summary(journal, options(journal))
    titles = [e.title for group in shared.shared_entries for e in group.entries]
    titles += [e.title for e in shared.feedback.entries]
    assert sorted(titles) == sorted(known.SHARED_TITLES)
    everything = build_summary(journal, options(journal, include_private=True))
    titles = [e.title for group in everything.shared_entries for e in group.entries]
    titles += [e.title for e in everything.feedback.entries]
    assert set(known.PRIVATE_TITLES) <= set(titles)


def test_markdown_matches_the_golden_file(journal: Journal, out: Path) -> None:
    target = out / "summary.md"
    result = export_summary(journal, options(journal), ExportFormat.MARKDOWN, target)
    text = target.read_text(encoding="utf-8")
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    diff = "\n".join(difflib.unified_diff(expected.splitlines(), text.splitlines(), lineterm=""))
    assert text == expected, f"the Markdown differs from {GOLDEN.name}:\n{diff}"
    # The charts are PNG files beside it, and the Markdown links to each one.
    assert result.charts_folder == out / "summary-charts"
    charts = sorted(p.name for p in result.charts_folder.iterdir())
    assert charts == ["activity.png", "attempts.png", "hierarchy.png", "ratings.png"]
    for name in charts:
        assert (result.charts_folder / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f"](summary-charts/{name})" in text


def test_pdf_has_every_section_and_only_the_shared_entries(journal: Journal, out: Path) -> None:
    target = out / "summary.pdf"
    export_summary(journal, options(journal), ExportFormat.PDF, target)
    text = " ".join(pdf_text(target).split())
    for section in ALL_SECTIONS:
        assert section.title in text
    for title in (*known.SHARED_TITLES, known.QUESTION_TITLE):
        assert title in text
    for title in known.PRIVATE_TITLES:
        assert title not in text
    assert "Page 2 of" in text
    assert "not encrypted" in text


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "src" and value:
                self.sources.append(value)
            if name == "href" and value:
                self.links.append(value)


def test_html_is_one_file_with_its_charts_inline(journal: Journal, out: Path) -> None:
    target = out / "summary.html"
    export_summary(journal, options(journal), ExportFormat.HTML, target)
    assert sorted(p.name for p in out.iterdir()) == ["summary.html"]
    page = target.read_text(encoding="utf-8")
    parser = _Html()
    parser.feed(page)
    assert len(parser.sources) == 4
    for source in parser.sources:
        assert source.startswith("data:image/png;base64,")
        assert base64.b64decode(source.split(",", 1)[1])[:4] == b"\x89PNG"
    assert all(link.startswith("#") for link in parser.links)
    assert "&lt;" in page and "< 1 week" not in page  # the user's "<" is escaped
    for title in known.PRIVATE_TITLES:
        assert title not in page


def test_sections_left_out_and_no_charts(journal: Journal, out: Path) -> None:
    target = out / "summary.md"
    chosen = frozenset(ALL_SECTIONS) - {SummarySection.SHARED_ENTRIES, SummarySection.CHARTS}
    result = export_summary(
        journal, options(journal, sections=chosen), ExportFormat.MARKDOWN, target
    )
    text = target.read_text(encoding="utf-8")
    assert result.charts_folder is None and not (out / "summary-charts").exists()
    assert SummarySection.SHARED_ENTRIES.title not in text
    assert known.SHARED_TITLES[0] not in text
    assert SummarySection.EXPERIMENTS.title in text


def test_an_empty_period_is_refused_and_writes_nothing(journal: Journal, out: Path) -> None:
    quiet = Period(known.TODAY.replace(year=2025), known.TODAY.replace(year=2025))
    with pytest.raises(EmptyPeriod, match="nothing was recorded"):
        export_summary(journal, SummaryOptions(period=quiet), ExportFormat.PDF, out / "s.pdf")
    assert list(out.iterdir()) == []


def test_an_unwritable_place_leaves_no_file(journal: Journal, out: Path) -> None:
    plan = plan_export(journal, options(journal))
    assert plan.summary.period == PERIOD
    blocker = out / "a-file"
    blocker.write_text("not a folder")
    for fmt in ExportFormat:
        with pytest.raises(WriteFailed):
            export_summary(journal, options(journal), fmt, blocker / f"summary{fmt.suffix}")
    with pytest.raises(WriteFailed):
        export_summary(journal, options(journal), ExportFormat.PDF, Path("/proc/summary.pdf"))
    assert sorted(p.name for p in out.iterdir()) == ["a-file"]


@pytest.mark.parametrize("fmt", list(ExportFormat), ids=lambda fmt: fmt.value)
def test_a_read_only_file_is_replaced_only_when_asked(
    journal: Journal, out: Path, fmt: ExportFormat
) -> None:
    target = out / f"summary{fmt.suffix}"
    target.write_bytes(b"kept on purpose")
    target.chmod(0o444)
    plan = plan_export(journal, options(journal, charts=False))
    with pytest.raises(ReadOnlyFile, match="is read-only; nothing was written") as caught:
        write_export(plan, fmt, target)
    assert str(target) in str(caught.value)
    assert target.read_bytes() == b"kept on purpose"
    assert sorted(p.name for p in out.iterdir()) == [target.name]
    write_export(plan, fmt, target, replace_read_only=True)
    assert target.read_bytes() != b"kept on purpose"


def test_a_folder_as_the_target_is_refused(journal: Journal, out: Path) -> None:
    plan = plan_export(journal, options(journal, charts=False))
    (out / "summary.pdf").mkdir()
    with pytest.raises(WriteFailed, match="it is a folder"):
        write_export(plan, ExportFormat.PDF, out / "summary.pdf")
    assert sorted(p.name for p in out.iterdir()) == ["summary.pdf"]


def test_no_temporary_file_is_left_beside_a_written_export(journal: Journal, out: Path) -> None:
    for fmt in ExportFormat:
        export_summary(journal, options(journal), fmt, out / f"summary{fmt.suffix}")
    names = sorted(p.name for p in out.iterdir())
    assert names == ["summary-charts", "summary.html", "summary.md", "summary.pdf"]
    assert not any(re.match(r"^\.", name) for name in os.listdir(out / "summary-charts"))
