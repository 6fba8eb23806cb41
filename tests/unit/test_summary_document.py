"""The summary's content (``reports/summary_document.py``) and its Markdown form.

The Markdown of ``report_samples.sample_summary()`` is compared with the golden file
``tests/golden/summary_document.md`` byte for byte; on a difference the test prints a
unified diff. After an intended change of wording or layout, regenerate the file with

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_summary_document.py

and read the diff of the golden file before committing it: it is the spec of the export.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date
from pathlib import Path

import pytest

from tests.unit import report_samples as samples
from tkg_journal.domain.entries import Entry, EntryKind
from tkg_journal.domain.summary import FeedbackDigest, LevelEntries, Summary, SummarySection
from tkg_journal.reports import summary_texts as texts
from tkg_journal.reports.document import (
    Align,
    Block,
    BulletList,
    Document,
    Fields,
    Figure,
    Heading,
    Note,
    Paragraph,
    Quote,
    Section,
    Table,
)
from tkg_journal.reports.markdown import to_markdown
from tkg_journal.reports.summary_document import build_document, range_text, signed_mean

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "summary_document.md"
IMAGE_PATHS = {
    "hierarchy": "summary-charts/hierarchy.png",
    "activity": "summary-charts/activity.png",
    "ratings": "summary-charts/ratings.png",
    "attempts": "summary-charts/attempts.png",
}


def document(summary: Summary | None = None) -> Document:
    return build_document(summary or samples.sample_summary(), zone=UTC)


def markdown(summary: Summary | None = None, paths: Mapping[str, str] = IMAGE_PATHS) -> str:
    return to_markdown(document(summary), paths)


def section(doc: Document, key: SummarySection) -> Section:
    return next(s for s in doc.sections if s.key == key.value)


# --- the golden file ----------------------------------------------------------------------
def test_markdown_matches_the_golden_file() -> None:
    actual = markdown()
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(actual, encoding="utf-8", newline="\n")
    expected = GOLDEN.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=str(GOLDEN),
                tofile="to_markdown(sample_summary())",
            )
        )
        pytest.fail(
            f"the Markdown differs from the golden file (UPDATE_GOLDEN=1 rewrites it):\n{diff}"
        )


def test_markdown_is_deterministic() -> None:
    assert markdown() == markdown()


# --- content and order --------------------------------------------------------------------
def test_sections_come_in_the_issues_order_with_their_titles() -> None:
    doc = document()
    assert [s.title for s in doc.sections] == [
        "At a glance",
        "The hierarchy and progress",
        "Patterns",
        "Experiments",
        "Shared entries",
        "Feedback received",
        "Open commitments and what is overdue",
        "Questions for my coach",
    ]
    text = markdown()
    positions = [text.index(f"\n## {s.title}\n") for s in doc.sections]
    assert positions == sorted(positions)


def test_title_period_and_facts() -> None:
    doc = document()
    assert doc.title == "Before my coach session"
    assert doc.subtitle == "Since the coach session of 3 Nov 2026: 3 Nov \u2013 24 Nov 2026"
    assert ("Generated on", "24 Nov 2026") in doc.facts
    assert "not encrypted" in doc.notice

    no_session = replace(samples.sample_summary(), last_session=None)
    assert document(no_session).subtitle == "3 Nov \u2013 24 Nov 2026"


def test_private_entries_included_is_said_on_the_front() -> None:
    shared_only = document()
    private = document(replace(samples.sample_summary(), include_private=True))
    assert ("Entries", "Private entries included") in private.facts
    assert ("Entries", "Private entries included") not in shared_only.facts
    assert "Private entries included" in to_markdown(private, {})


@pytest.mark.parametrize(
    ("since", "until", "text"),
    [
        (date(2026, 11, 3), date(2026, 11, 24), "3 Nov \u2013 24 Nov 2026"),
        (date(2026, 12, 20), date(2027, 1, 14), "20 Dec 2026 \u2013 14 Jan 2027"),
        (date(2026, 11, 24), date(2026, 11, 24), "24 Nov 2026"),
    ],
)
def test_date_ranges_read_like_the_app(since: date, until: date, text: str) -> None:
    assert range_text(since, until) == text


def test_sections_left_out_are_absent() -> None:
    summary = replace(
        samples.sample_summary(),
        sections=(SummarySection.AT_A_GLANCE, SummarySection.QUESTIONS),
    )
    doc = document(summary)
    assert [s.key for s in doc.sections] == ["at-a-glance", "questions"]
    text = to_markdown(doc, IMAGE_PATHS)
    assert "## Experiments" not in text
    assert "Pause before answering" not in text
    assert "Pushback from Sam" not in text
    assert "![" not in text
    assert "## Questions for my coach" in text


def test_empty_sections_print_one_helpful_line_and_no_table() -> None:
    doc = document(samples.empty_summary())
    lines = {s.key: s.blocks for s in doc.sections}
    assert lines == {
        "at-a-glance": (Note("Nothing was written, tried or received in this period."),),
        "charts": (Note("No charts are included in this export."),),
        "patterns": (
            Note(
                "No difficult conversation or feedback I shared with my coach in this "
                "period: no patterns to show."
            ),
        ),
        "experiments": (Note("No experiments were touched in this period."),),
        "entries": (Note("No entries were marked to share with my coach in this period."),),
        "feedback": (Note("No feedback was recorded in this period."),),
        "commitments": (Note("No open commitments and nothing overdue."),),
        "questions": (Note("No questions were added for this session."),),
    }
    text = to_markdown(doc, {})
    assert "|" not in text
    assert "30 Dec 2026 \u2013 6 Jan 2027" in text


def test_patterns_give_the_root_hints_and_whose_intensity_moved_most() -> None:
    patterns = section(document(), SummarySection.PATTERNS)
    [hints_heading, hints, moved_heading, table, source] = patterns.blocks
    assert hints_heading == Heading("Where the root may be", 1)
    assert isinstance(hints, BulletList)
    assert [item.text for item in hints.items] == [samples.PATTERNS.hints[0].text]
    assert moved_heading == Heading("Whose conversations changed most", 1)
    assert isinstance(table, Table)
    # Most movement first, either way; "Lee" has too few conversations to have a direction.
    assert table.rows == (
        ("Sam", "6", "1 Foundation", "7.3 \u2192 4.0", "calmer by 3.3"),
        ("Omar <Finance>", "4", "2 Growth", "5.0 \u2192 6.5", "more intense by 1.5"),
        ("Priya", "4", "2 Growth", "5.0 \u2192 5.5", "steady"),
    )
    assert source == Note(
        "Computed on my computer from the 14 difficult conversations and 2 pieces of "
        "feedback I shared with my coach in this period."
    )
    private = replace(samples.sample_summary(), include_private=True)
    last = section(document(private), SummarySection.PATTERNS).blocks[-1]
    assert isinstance(last, Note) and "private entries included" in last.text


def test_patterns_without_hints_or_movement_say_so() -> None:
    quiet = replace(samples.PATTERNS, hints=(), people=samples.PATTERNS.people[3:])
    blocks = section(
        document(replace(samples.sample_summary(), patterns=quiet)), SummarySection.PATTERNS
    ).blocks
    assert Note(texts.NO_HINTS) in blocks
    assert Note(texts.NO_MOVEMENT) in blocks
    assert not any(isinstance(block, Table) for block in blocks)


def test_at_a_glance_has_every_level_in_hierarchy_order_with_signed_changes() -> None:
    glance = section(document(), SummarySection.AT_A_GLANCE)
    table = glance.blocks[0]
    assert isinstance(table, Table)
    assert [row[0] for row in table.rows] == [
        "1 Foundation",
        "2 Growth",
        "3 Empowerment",
        "4 Guidance",
        "5 Mastery",
    ]
    assert [row[3:] for row in table.rows] == [
        ("4 \u2192 6", "+2"),
        ("6 \u2192 5", "\u22121"),  # a real minus sign
        ("5 \u2192 5", "0"),
        ("\u2013", "\u2013"),
        ("3 \u2192 \u2013", "\u2013"),
    ]
    totals = glance.blocks[1]
    assert isinstance(totals, Fields)
    assert dict(totals.items) == {
        "Entries": "11 written, 6 shared with my coach, 2 without a level",
        "Experiments": "1 active, 1 completed",
        "Attempts": "4: 2 yes, 1 partly, 1 no",
        "Success rate": "50% of attempts tried the new response fully",
    }


def test_signed_means_use_a_real_minus_and_never_minus_zero() -> None:
    assert signed_mean(-1.26) == "\u22121.3"
    assert signed_mean(0.66) == "+0.7"
    assert signed_mean(-0.04) == "0.0"


def test_charts_come_hierarchy_first_with_title_and_caption() -> None:
    figures = section(document(), SummarySection.CHARTS).blocks
    assert [f.chart.name for f in figures if isinstance(f, Figure)] == [
        "hierarchy",
        "activity",
        "ratings",
        "attempts",
    ]
    first = figures[0]
    assert isinstance(first, Figure)
    assert first.title == "The hierarchy"
    # What the chart is, then what it shows in numbers (the app's sentence).
    assert first.caption == (
        "The five levels bottom-up, shaded by current strength. "
        "Weakest level: Foundation (38%); work here next: Foundation."
    )
    assert first.alt == (
        "The hierarchy: Weakest level: Foundation (38%); work here next: Foundation."
    )


def test_an_experiment_shows_its_sentence_facts_attempts_and_results() -> None:
    blocks = section(document(), SummarySection.EXPERIMENTS).blocks
    statement = blocks[1]
    assert isinstance(statement, Paragraph)
    assert statement.text == (
        "When Sam questions my plan in the weekly meeting, instead of defending it straight "
        "away I will take one breath and ask a question first, and I expect the conversation "
        "stays calm."
    )
    facts = blocks[2]
    assert isinstance(facts, Fields)
    assert ("Due", "20 Nov 2026 (overdue)") in facts.items
    attempts = blocks[3]
    assert isinstance(attempts, Table)
    assert attempts.columns == ("Date", "Situation", "Did it", "Outcome", "Note")
    assert attempts.rows[0] == (
        "4 Nov 2026",
        "Roadmap review | Q1 <draft>",
        "Yes",
        "+1 better",
        "Asked \u201cwhat worries you?\u201d",
    )
    assert attempts.rows[2][3] == "\u2013"  # no outcome rated
    results = blocks[4]
    assert isinstance(results, Fields)
    assert ("Mean outcome", "+0.5 (better)") in results.items


def test_entries_are_grouped_by_level_with_their_answers_and_words() -> None:
    text = markdown()
    entries = text[text.index("## Shared entries") : text.index("## Feedback received")]
    groups = [line for line in entries.splitlines() if line.startswith("### ")]
    assert groups == ["### 1 Foundation", "### 2 Growth", "### No level"]
    assert "- **What I felt:** defensive (intensity 7/10)" in entries
    assert "*5 Nov 2026 · Difficult conversation · Tags: roadmap, sam*" in entries
    assert "> I noticed my jaw clench.\\\n> Then I \\*still\\* interrupted.\n>\n> Next" in entries


def test_feedback_says_how_many_private_pieces_are_left_out() -> None:
    summary = samples.sample_summary()
    one_hidden = replace(summary, feedback=FeedbackDigest(2, 1.0, 1, 0, summary.feedback.entries))
    blocks = section(document(summary), SummarySection.FEEDBACK).blocks
    assert Note("2 more feedback entries are private and not included.") in blocks
    assert (
        Fields(
            (
                ("Received", "3 pieces of feedback (2 positive, 1 negative)"),
                ("Mean sentiment", "+0.3 (neutral)"),
            )
        )
        in blocks
    )
    assert Note("1 more feedback entry is private and not included.") in (
        section(document(one_hidden), SummarySection.FEEDBACK).blocks
    )
    assert "- **How it landed:** +1 (positive)" in markdown()


def test_commitments_mark_overdue_and_experiments() -> None:
    blocks = section(document(), SummarySection.COMMITMENTS).blocks
    commitments = blocks[1]
    assert isinstance(commitments, Table)
    assert [row[3] for row in commitments.rows] == ["OVERDUE", "now an experiment", "open"]
    assert commitments.rows[0][1:3] == ("3 Nov 2026", "10 Nov 2026")
    overdue = blocks[3]
    assert isinstance(overdue, Table)
    assert overdue.rows == (
        ("Pause before answering", "1 Foundation", "20 Nov 2026", "4 days overdue"),
    )


def test_questions_keep_their_paragraphs_and_picked_entries() -> None:
    blocks = section(document(), SummarySection.QUESTIONS).blocks
    assert blocks[0] == Paragraph.of(
        "How do I stay calm when I am surprised in public?\n(It happened twice this month.)"
    )
    assert blocks[1] == Paragraph.of("Is it time to move on to Growth, or stay with Foundation?")
    assert "#### Am I delegating or dumping?" in markdown()


def test_an_entry_without_a_title_is_headed_by_its_first_line() -> None:
    entry = Entry(
        kind=EntryKind.FREE,
        occurred_at=samples.at(9),
        body="First line\nsecond line",
        share_with_coach=True,
    )
    summary = replace(samples.sample_summary(), shared_entries=(LevelEntries(None, (entry,)),))
    blocks = section(document(summary), SummarySection.SHARED_ENTRIES).blocks
    assert blocks[1] == Heading("First line", 2)
    assert blocks[3] == Quote("First line\nsecond line")


# --- Markdown escaping --------------------------------------------------------------------
def _doc_with(*blocks: Block) -> Document:
    return Document("T", "S", (), "N", (Section("s", "Section", blocks),))


def test_markdown_table_cells_escape_pipes_markup_and_newlines() -> None:
    table = Table(
        ("A|B", "C"),
        (("x | y", "<b>bold</b> & *star* _u_\nsecond line"),),
        (Align.LEFT, Align.RIGHT),
        (1.0, 1.0),
    )
    text = to_markdown(_doc_with(table), {})
    assert "| A\\|B | C |\n| :--- | ---: |\n" in text
    assert "| x \\| y | \\<b\\>bold\\</b\\> & \\*star\\* \\_u\\_<br>second line |" in text


def test_markdown_text_cannot_become_headings_lists_html_or_entities() -> None:
    text = to_markdown(
        _doc_with(
            Paragraph.of("# not a heading\n- not a list\n1. not a list\n> not a quote"),
            Note("&amp; stays &amp; and R&D stays R&D"),
            Quote("<script>x</script>"),
        ),
        {},
    )
    assert "\\# not a heading\\\n\\- not a list\\\n1\\. not a list\\\n\\> not a quote" in text
    assert "*&amp;amp; stays &amp;amp; and R&D stays R&D*" in text
    assert "> \\<script\\>x\\</script\\>" in text


def test_markdown_leaves_out_a_chart_without_a_file() -> None:
    text = markdown(paths={"hierarchy": "charts/the hierarchy.png"})
    assert (
        "![The hierarchy: Weakest level: Foundation (38%); work here next: Foundation.]"
        "(charts/the%20hierarchy.png)"
    ) in text
    assert "**The hierarchy.** *The five levels bottom-up" in text
    assert "Activity per level" not in text
