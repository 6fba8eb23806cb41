"""The summary's Patterns section: where the root may be, and whose conversations changed.

What a coach needs from issue 19's patterns, in a page: the root hints (at most three
sentences in the coaching model's words) and the people whose intensity moved most, with
the two halves it moved between. The report was computed from the entries the summary may
show (``services/summary.py``), so nothing here decides what is private; the closing note
says which entries it came from and that it was computed on the leader's computer.
"""

from __future__ import annotations

from tkg_journal.domain.patterns import PatternReport, PersonPattern, TrendDirection
from tkg_journal.reports import summary_texts as texts
from tkg_journal.reports.document import Block, BulletList, Heading, Note, Paragraph, Table
from tkg_journal.reports.summary_format import plural


def patterns_blocks(report: PatternReport | None, *, include_private: bool) -> list[Block]:
    """The section's blocks for ``report`` (None: nothing was computed, as if empty)."""
    if report is None or (report.conversations == 0 and report.feedback == 0):
        return [Note(texts.NO_PATTERNS_AT_ALL if include_private else texts.NO_PATTERNS_SHARED)]
    blocks: list[Block] = [Heading(texts.HINTS_HEADING, 1)]
    if report.hints:
        blocks.append(BulletList(tuple(Paragraph.of(hint.text) for hint in report.hints)))
    else:
        blocks.append(Note(texts.NO_HINTS))
    blocks.append(Heading(texts.MOVED_HEADING, 1))
    moved = report.moved_most(texts.MOVED_PEOPLE)
    if moved:
        blocks.append(
            Table(
                texts.MOVED_COLUMNS,
                tuple(_person_row(person) for person in moved),
                texts.MOVED_ALIGN,
                texts.MOVED_WIDTHS,
            )
        )
    else:
        blocks.append(Note(texts.NO_MOVEMENT))
    source = texts.PATTERNS_FROM_ALL if include_private else texts.PATTERNS_FROM_SHARED
    blocks.append(
        Note(
            source.format(
                talks=plural(
                    report.conversations, "difficult conversation", "difficult conversations"
                ),
                feedback=plural(report.feedback, "piece of feedback", "pieces of feedback"),
            )
        )
    )
    return blocks


def _person_row(person: PersonPattern) -> tuple[str, ...]:
    trend = person.trend
    level = person.main_level
    halves = texts.NOT_SET
    if trend.first_half is not None and trend.second_half is not None:
        halves = f"{trend.first_half:.1f} {texts.ARROW} {trend.second_half:.1f}"
    change, direction = trend.change, trend.direction
    if direction is None or change is None or direction is TrendDirection.STEADY:
        moved = texts.MOVED_STEADY if direction is TrendDirection.STEADY else texts.NOT_SET
    else:
        moved = texts.MOVED_CHANGE.format(direction=direction.value, change=f"{abs(change):.1f}")
    return (
        person.name,
        f"{person.conversations:,}",
        level.label() if level is not None else texts.NOT_SET,
        halves,
        moved,
    )
