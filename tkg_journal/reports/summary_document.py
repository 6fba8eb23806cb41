"""The pre-session summary as a document: every word and the order of everything.

``build_document`` turns a filled :class:`~tkg_journal.domain.summary.Summary` into a
format-neutral :class:`~tkg_journal.reports.document.Document`; the Markdown, HTML and PDF
writers only lay it out. This module decides what each section holds and in what order;
the wording sits in ``summary_texts`` so it can be read and changed in one place, the
facts are put into words by ``summary_facts``, dates and numbers by ``summary_format``.

Sections the user left out are not printed; an empty section prints one helpful line,
never an empty table. Dates read like the app ("24 Nov 2026"), whatever the process's
locale; signed numbers carry "+" or a real minus sign (U+2212).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from tkg_journal.domain.entries import Entry
from tkg_journal.domain.experiments import Attempt
from tkg_journal.domain.summary import (
    SUMMARY_CHARTS,
    ChartImage,
    ExperimentReport,
    Summary,
    SummarySection,
)
from tkg_journal.reports import summary_texts as texts
from tkg_journal.reports.document import (
    Block,
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
from tkg_journal.reports.summary_facts import (
    attempts_text,
    belief_text,
    due_row,
    entry_fields,
    feedback_numbers,
    glance_table,
    glance_totals,
    group_title,
    paragraphs_of,
    status_text,
)
from tkg_journal.reports.summary_format import (
    as_sentence,
    day_text,
    nearest,
    outcome_text,
    period_text,
    range_text,
    signed_mean,
)
from tkg_journal.reports.summary_patterns import patterns_blocks

# range_text and signed_mean are part of this module's interface (tests, callers).
__all__ = ["build_document", "range_text", "signed_mean", "subtitle_text"]


def build_document(
    summary: Summary, *, zone: tzinfo | None = None, protected: bool = False
) -> Document:
    """The summary as a document, sections in print order.

    ``zone``: the time zone entries and attempts are dated in (the local one by default;
    tests pass a fixed one so the golden file does not depend on the machine).
    ``protected``: the file will open only with a password (the notice says so instead of
    warning that it is not encrypted).
    """
    builder = _Builder(summary, zone)
    sections = tuple(
        Section(section.value, section.title, builder.blocks(section))
        for section in SummarySection
        if summary.shows(section)
    )
    facts = (
        (texts.FACT_GENERATED, day_text(summary.generated_on)),
        (
            texts.FACT_ENTRIES,
            texts.ENTRIES_PRIVATE_INCLUDED
            if summary.include_private
            else texts.ENTRIES_SHARED_ONLY,
        ),
    )
    return Document(
        title=summary.title,
        subtitle=subtitle_text(summary),
        facts=facts,
        notice=(texts.NOTICE_PROTECTED if protected else texts.NOTICE)
        + (texts.NOTICE_PRIVATE if summary.include_private else ""),
        sections=sections,
        created=summary.generated_on,
    )


def _caption(chart: ChartImage) -> str:
    """What the chart is, then what it shows in numbers."""
    what = as_sentence(chart.description)
    return f"{what} {as_sentence(chart.summary)}" if chart.summary else what


def subtitle_text(summary: Summary) -> str:
    """``"Since the coach session of 3 Nov 2026: 3 Nov \u2013 24 Nov 2026"`` or the range."""
    period = period_text(summary.period)
    if summary.last_session is None:
        return period
    return texts.SINCE_SESSION.format(day=day_text(summary.last_session.held_on), range=period)


class _Builder:
    """One summary's blocks, section by section."""

    def __init__(self, summary: Summary, zone: tzinfo | None) -> None:
        self._summary = summary
        self._zone = zone

    def blocks(self, section: SummarySection) -> tuple[Block, ...]:
        makers: dict[SummarySection, Callable[[], list[Block]]] = {
            SummarySection.AT_A_GLANCE: self._at_a_glance,
            SummarySection.CHARTS: self._charts,
            SummarySection.PATTERNS: lambda: patterns_blocks(
                self._summary.patterns, include_private=self._summary.include_private
            ),
            SummarySection.EXPERIMENTS: self._experiments,
            SummarySection.SHARED_ENTRIES: self._shared_entries,
            SummarySection.FEEDBACK: self._feedback,
            SummarySection.COMMITMENTS: self._commitments,
            SummarySection.QUESTIONS: self._questions,
        }
        return tuple(makers[section]())

    def _day_of(self, entry_or_attempt: Entry | Attempt) -> str:
        return day_text(entry_or_attempt.occurred_at.astimezone(self._zone).date())

    # --- at a glance -------------------------------------------------------------------
    def _at_a_glance(self) -> list[Block]:
        glance = self._summary.at_a_glance
        rated = any(
            g.rating_at_start is not None or g.rating_at_end is not None for g in glance.levels
        )
        if self._summary.is_empty:
            return [Note(texts.GLANCE_NOTHING), *([glance_table(glance)] if rated else [])]
        return [glance_table(glance), glance_totals(glance)]

    # --- charts ------------------------------------------------------------------------
    def _charts(self) -> list[Block]:
        charts = self._summary.charts
        if not charts:
            return [Note(texts.NO_CHARTS)]

        def rank(index: int) -> tuple[int, int]:
            name = charts[index].name
            known = SUMMARY_CHARTS.index(name) if name in SUMMARY_CHARTS else len(SUMMARY_CHARTS)
            return (known, index)

        order = sorted(range(len(charts)), key=rank)
        # The caption says what the chart is, then what it shows (the same sentence as the
        # alt text and the app's caption): a reader of the PDF who cannot see it loses nothing.
        return [Figure(charts[i], charts[i].title, _caption(charts[i])) for i in order]

    # --- experiments -------------------------------------------------------------------
    def _experiments(self) -> list[Block]:
        if not self._summary.experiments:
            return [Note(texts.NO_EXPERIMENTS)]
        blocks: list[Block] = []
        for report in self._summary.experiments:
            blocks.extend(self._experiment(report))
        return blocks

    def _experiment(self, report: ExperimentReport) -> list[Block]:
        experiment = report.experiment
        about: list[tuple[str, str]] = [
            (texts.FIELD_LEVEL, experiment.level.label()),
            (texts.FIELD_STATUS, status_text(experiment)),
        ]
        if experiment.start_date is not None:
            about.append((texts.FIELD_STARTED, day_text(experiment.start_date)))
        if experiment.due_date is not None:
            overdue = experiment.is_overdue(self._summary.generated_on)
            about.append(
                (
                    texts.FIELD_DUE,
                    day_text(experiment.due_date) + (texts.OVERDUE_SUFFIX if overdue else ""),
                )
            )
        if experiment.success_criteria:
            about.append((texts.FIELD_SUCCESS, experiment.success_criteria))
        about.append(
            (texts.FIELD_BELIEF, belief_text(experiment.belief_before, experiment.belief_after))
        )

        blocks: list[Block] = [
            Heading(experiment.title, 1),
            Paragraph.of(experiment.statement, italic=True),
            Fields(tuple(about)),
        ]
        if report.attempts:
            blocks.append(
                Table(
                    texts.ATTEMPT_COLUMNS,
                    tuple(self._attempt_row(a) for a in report.attempts),
                    texts.ATTEMPT_ALIGN,
                    texts.ATTEMPT_WIDTHS,
                )
            )
            results: list[tuple[str, str]] = [(texts.FIELD_ATTEMPTS, attempts_text(report))]
        else:
            total = report.attempts_all_time
            blocks.append(
                Note(texts.NO_ATTEMPTS.format(total=total) if total else texts.NO_ATTEMPTS_YET)
            )
            results = []
        mean = report.mean_outcome
        if mean is not None:
            results.append(
                (
                    texts.FIELD_MEAN_OUTCOME,
                    f"{signed_mean(mean)} ({texts.OUTCOME_WORDS[nearest(mean)]})",
                )
            )
        if experiment.learning:
            results.append((texts.FIELD_LEARNING, experiment.learning))
        if experiment.abandon_reason:
            results.append((texts.FIELD_ABANDON_REASON, experiment.abandon_reason))
        if results:
            blocks.append(Fields(tuple(results)))
        return blocks

    def _attempt_row(self, attempt: Attempt) -> tuple[str, ...]:
        return (
            self._day_of(attempt),
            attempt.situation,
            texts.DID_IT_WORDS[attempt.did_it],
            outcome_text(attempt.outcome),
            attempt.note,
        )

    # --- entries -----------------------------------------------------------------------
    def _shared_entries(self) -> list[Block]:
        groups = [group for group in self._summary.shared_entries if group.entries]
        if not groups:
            empty = (
                texts.NO_ENTRIES_AT_ALL
                if self._summary.include_private
                else texts.NO_SHARED_ENTRIES
            )
            return [Note(empty)]
        blocks: list[Block] = []
        for group in groups:
            blocks.append(Heading(group_title(group), 1))
            for entry in group.entries:
                blocks.extend(self._entry(entry, heading_level=2))
        return blocks

    def _entry(self, entry: Entry, *, heading_level: int) -> list[Block]:
        meta = [self._day_of(entry), entry.kind.label]
        if entry.tags:
            meta.append(texts.TAGS.format(tags=", ".join(entry.tags)))
        if not entry.share_with_coach:
            meta.append(texts.PRIVATE_MARK)
        heading = entry.display_title
        blocks: list[Block] = [Heading(heading, heading_level), Note(texts.SEPARATOR.join(meta))]
        answers = entry_fields(entry)
        if answers:
            blocks.append(Fields(answers))
        # An untitled one-line entry is headed by its words: they are not repeated.
        if entry.body and entry.body != heading:
            blocks.append(Quote(entry.body))
        return blocks

    # --- feedback ----------------------------------------------------------------------
    def _feedback(self) -> list[Block]:
        digest = self._summary.feedback
        if digest.count == 0:
            return [Note(texts.NO_FEEDBACK)]
        blocks: list[Block] = [Fields(feedback_numbers(digest))]
        for entry in digest.entries:
            blocks.extend(self._entry(entry, heading_level=1))
        hidden = digest.count - len(digest.entries)
        if hidden > 0:
            blocks.append(
                Note(
                    texts.HIDDEN_FEEDBACK_ONE
                    if hidden == 1
                    else texts.HIDDEN_FEEDBACK_MANY.format(count=hidden)
                )
            )
        return blocks

    # --- commitments -------------------------------------------------------------------
    def _commitments(self) -> list[Block]:
        summary = self._summary
        if not summary.open_commitments and not summary.overdue_experiments:
            return [Note(texts.NOTHING_OPEN)]
        blocks: list[Block] = [Heading(texts.COMMITMENTS_HEADING, 1)]
        if summary.open_commitments:
            rows = []
            for open_commitment in summary.open_commitments:
                commitment = open_commitment.commitment
                status: list[str] = []
                if commitment.id is not None and commitment.id in summary.overdue_commitment_ids:
                    status.append(texts.COMMITMENT_OVERDUE)
                if commitment.experiment_id is not None:
                    status.append(texts.COMMITMENT_EXPERIMENT)
                rows.append(
                    (
                        commitment.text,
                        day_text(open_commitment.held_on),
                        day_text(commitment.due_date) if commitment.due_date else texts.NOT_SET,
                        texts.SEPARATOR.join(status) or texts.COMMITMENT_OPEN,
                    )
                )
            blocks.append(
                Table(
                    texts.COMMITMENT_COLUMNS,
                    tuple(rows),
                    texts.COMMITMENT_ALIGN,
                    texts.COMMITMENT_WIDTHS,
                )
            )
        else:
            blocks.append(Note(texts.NO_COMMITMENTS))
        blocks.append(Heading(texts.OVERDUE_HEADING, 1))
        if summary.overdue_experiments:
            blocks.append(
                Table(
                    texts.OVERDUE_COLUMNS,
                    tuple(due_row(item) for item in summary.overdue_experiments),
                    texts.OVERDUE_ALIGN,
                    texts.OVERDUE_WIDTHS,
                )
            )
        else:
            blocks.append(Note(texts.NO_OVERDUE))
        return blocks

    # --- questions ---------------------------------------------------------------------
    def _questions(self) -> list[Block]:
        summary = self._summary
        paragraphs = list(paragraphs_of(summary.questions))
        if not paragraphs and not summary.question_entries:
            return [Note(texts.NO_QUESTIONS)]
        blocks: list[Block] = [Paragraph.of(text) for text in paragraphs]
        if summary.question_entries:
            blocks.append(Heading(texts.QUESTION_ENTRIES_HEADING, 1))
            for entry in summary.question_entries:
                blocks.extend(self._entry(entry, heading_level=2))
        return blocks
