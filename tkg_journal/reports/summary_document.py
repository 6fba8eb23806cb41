"""The pre-session summary as a document: every word and the order of everything.

``build_document`` turns a filled :class:`~tkg_journal.domain.summary.Summary` into a
format-neutral :class:`~tkg_journal.reports.document.Document`; the Markdown, HTML and PDF
writers only lay it out. The wording sits in the texts block below so it can be read and
changed in one place (the words for statuses, outcomes and sentiments are the app's own,
as the Experiments section and the entry editor show them).

Sections the user left out are not printed; an empty section prints one helpful line,
never an empty table. Dates read like the app ("24 Nov 2026"), whatever the process's
locale; signed numbers carry "+" or a real minus sign (U+2212).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from datetime import date, tzinfo

from tkg_journal.domain.accountability import DueItem, DueReason
from tkg_journal.domain.entries import Entry, EntryKind
from tkg_journal.domain.experiments import Attempt, DidIt, Experiment, ExperimentStatus
from tkg_journal.domain.progress import Period
from tkg_journal.domain.summary import (
    SUMMARY_CHARTS,
    AtAGlance,
    ExperimentReport,
    FeedbackDigest,
    LevelEntries,
    Summary,
    SummarySection,
)
from tkg_journal.reports.document import (
    Align,
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

# --- texts ------------------------------------------------------------------------------
MINUS = "\u2212"  # a real minus sign: as wide as "+", unlike the hyphen
EN_DASH = "\u2013"
ARROW = "\u2192"
NOT_SET = EN_DASH  # a value nobody gave (an unrated outcome, no due date)
SEPARATOR = " \u00b7 "  # the middle dot between facts on one line
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

SINCE_SESSION = "Since the coach session of {day}: {range}"
ALL_TIME = "All time"
SINCE_DAY = "Since {day}"
UNTIL_DAY = "Up to {day}"
FACT_GENERATED = "Generated on"
FACT_ENTRIES = "Entries"
ENTRIES_SHARED_ONLY = "Only those I marked to share with my coach"
ENTRIES_PRIVATE_INCLUDED = "Private entries included"
NOTICE = (
    "This file is not encrypted. It holds what I chose to share from my private journal "
    "for my coach; please keep it private."
)
NOTICE_PRIVATE = " It also includes entries I usually keep private."

# At a glance
GLANCE_COLUMNS = ("Level", "Entries", "Attempts", f"Self-rating (start {ARROW} end)", "Change")
GLANCE_ALIGN = (Align.LEFT, Align.RIGHT, Align.RIGHT, Align.CENTER, Align.RIGHT)
GLANCE_WIDTHS = (2.2, 1.0, 1.0, 2.0, 1.0)
GLANCE_NOTHING = "Nothing was written, tried or received in this period."
TOTAL_ENTRIES = "Entries"
TOTAL_EXPERIMENTS = "Experiments"
TOTAL_ATTEMPTS = "Attempts"
TOTAL_SUCCESS = "Success rate"
SUCCESS_TEXT = "{percent}% of attempts tried the new response fully"
NO_ATTEMPTS_RATE = "no attempts in this period"

# Charts
NO_CHARTS = "No charts are included in this export."

# Experiments
NO_EXPERIMENTS = "No experiments were touched in this period."
FIELD_LEVEL = "Level"
FIELD_STATUS = "Status"
FIELD_STARTED = "Started"
FIELD_DUE = "Due"
FIELD_SUCCESS = "Success looks like"
FIELD_BELIEF = "Belief it works"
FIELD_ATTEMPTS = "Attempts"
FIELD_MEAN_OUTCOME = "Mean outcome"
FIELD_LEARNING = "What I learned"
FIELD_ABANDON_REASON = "Why I stopped"
OVERDUE_SUFFIX = " (overdue)"
ATTEMPT_COLUMNS = ("Date", "Situation", "Did it", "Outcome", "Note")
ATTEMPT_ALIGN = (Align.LEFT, Align.LEFT, Align.LEFT, Align.LEFT, Align.LEFT)
ATTEMPT_WIDTHS = (1.5, 3.0, 1.05, 1.65, 2.8)
NO_ATTEMPTS = "No attempts were logged in this period ({total} in all)."
NO_ATTEMPTS_YET = "No attempts were logged yet."
STATUS_WORDS: dict[ExperimentStatus, str] = {
    ExperimentStatus.PLANNED: "Planned",
    ExperimentStatus.ACTIVE: "Active",
    ExperimentStatus.COMPLETED: "Completed",
    ExperimentStatus.ABANDONED: "Abandoned",
}
ENDED_ON = "{status} on {day}"
DID_IT_WORDS: dict[DidIt, str] = {DidIt.YES: "Yes", DidIt.PARTIAL: "Partly", DidIt.NO: "No"}
#: How an attempt went, from -2 to +2 (the attempt dialog's words).
OUTCOME_WORDS: dict[int, str] = {
    -2: "much worse",
    -1: "worse",
    0: "no change",
    1: "better",
    2: "much better",
}
#: How feedback landed, from -2 to +2 (the entry editor's words).
SENTIMENT_WORDS: dict[int, str] = {
    -2: "harsh",
    -1: "critical",
    0: "neutral",
    1: "positive",
    2: "very positive",
}
BELIEF_NOT_RATED = "not rated"

# Entries (shared, feedback, questions)
NO_LEVEL = "No level"
NO_SHARED_ENTRIES = "No entries were marked to share with my coach in this period."
NO_ENTRIES_AT_ALL = "No entries were written in this period."
TAGS = "Tags: {tags}"
PRIVATE_MARK = "Private"
FIELD_WHO = "Who"
FIELD_WHAT_HAPPENED = "What happened"
FIELD_FEELING = "What I felt"
FIELD_MY_RESPONSE = "My response"
FIELD_IMPACT = "Impact"
FIELD_TRY_NEXT = "What I'd try next"
INTENSITY = "intensity {value}/10"
FIELD_SOURCE = "From"
FIELD_SENTIMENT = "How it landed"

# Feedback
NO_FEEDBACK = "No feedback was recorded in this period."
FIELD_RECEIVED = "Received"
FIELD_MEAN_SENTIMENT = "Mean sentiment"
RECEIVED = "{count} ({positive} positive, {negative} negative)"
HIDDEN_FEEDBACK_ONE = "1 more feedback entry is private and not included."
HIDDEN_FEEDBACK_MANY = "{count} more feedback entries are private and not included."

# Commitments and what is overdue
NOTHING_OPEN = "No open commitments and nothing overdue."
COMMITMENTS_HEADING = "Commitments from coach sessions"
NO_COMMITMENTS = "No open commitments from coach sessions."
COMMITMENT_COLUMNS = ("Commitment", "Session", "Due", "Status")
COMMITMENT_ALIGN = (Align.LEFT, Align.LEFT, Align.LEFT, Align.LEFT)
COMMITMENT_WIDTHS = (4.0, 1.35, 1.35, 2.1)
COMMITMENT_OPEN = "open"
COMMITMENT_OVERDUE = "OVERDUE"
COMMITMENT_EXPERIMENT = "now an experiment"
OVERDUE_HEADING = "Overdue experiments"
NO_OVERDUE = "No experiment is overdue."
OVERDUE_COLUMNS = ("Experiment", "Level", "Due", "Why it shows")
OVERDUE_ALIGN = (Align.LEFT, Align.LEFT, Align.LEFT, Align.LEFT)
OVERDUE_WIDTHS = (4.0, 1.6, 1.4, 1.6)
DUE_REASON_TEXTS: dict[DueReason, tuple[str, str]] = {
    DueReason.OVERDUE: ("1 day overdue", "{days} days overdue"),
    DueReason.QUIET: ("no attempt for 1 day", "no attempt for {days} days"),
}

# Questions
NO_QUESTIONS = "No questions were added for this session."
QUESTION_ENTRIES_HEADING = "Entries I want to talk about"


# --- small formatters -------------------------------------------------------------------
def day_text(day: date) -> str:
    """``"24 Nov 2026"`` with English month names, whatever the locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def range_text(since: date, until: date) -> str:
    """``"3 Nov \u2013 24 Nov 2026"``; the year twice only when it changes; one day alone."""
    if since == until:
        return day_text(since)
    if since.year == until.year:
        return f"{since.day} {MONTHS[since.month - 1]} {EN_DASH} {day_text(until)}"
    return f"{day_text(since)} {EN_DASH} {day_text(until)}"


def period_text(period: Period) -> str:
    if period.since is not None and period.until is not None:
        return range_text(period.since, period.until)
    if period.since is not None:
        return SINCE_DAY.format(day=day_text(period.since))
    if period.until is not None:
        return UNTIL_DAY.format(day=day_text(period.until))
    return ALL_TIME


def signed(value: int) -> str:
    """``+2``, ``0``, ``\u22121`` (a real minus sign)."""
    if value > 0:
        return f"+{value}"
    return f"{MINUS}{-value}" if value < 0 else "0"


def signed_mean(value: float) -> str:
    """``+0.7``, ``0.0``, ``\u22121.3``: one decimal, never a "\u22120.0"."""
    text = f"{value:+.1f}"
    if text in ("+0.0", "-0.0"):
        return "0.0"
    return text.replace("-", MINUS)


def _nearest(value: float) -> int:
    """Round half away from zero (Python's round() would make -0.5 and 0.5 both 0)."""
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def outcome_text(outcome: int | None) -> str:
    """``"+1 better"``, or an en dash for an attempt without an outcome."""
    if outcome is None:
        return NOT_SET
    return f"{signed(outcome)} {OUTCOME_WORDS[outcome]}"


def sentiment_text(sentiment: int) -> str:
    """``"+1 (positive)"``."""
    return f"{signed(sentiment)} ({SENTIMENT_WORDS[sentiment]})"


def percent_text(share: float) -> str:
    return f"{_nearest(share * 100)}%"


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else f"{text}."


# --- the document -----------------------------------------------------------------------
def build_document(summary: Summary, *, zone: tzinfo | None = None) -> Document:
    """The summary as a document, sections in print order.

    ``zone``: the time zone entries and attempts are dated in (the local one by default;
    tests pass a fixed one so the golden file does not depend on the machine).
    """
    builder = _Builder(summary, zone)
    sections = tuple(
        Section(section.value, section.title, builder.blocks(section))
        for section in SummarySection
        if summary.shows(section)
    )
    facts = (
        (FACT_GENERATED, day_text(summary.generated_on)),
        (
            FACT_ENTRIES,
            ENTRIES_PRIVATE_INCLUDED if summary.include_private else ENTRIES_SHARED_ONLY,
        ),
    )
    return Document(
        title=summary.title,
        subtitle=subtitle_text(summary),
        facts=facts,
        notice=NOTICE + (NOTICE_PRIVATE if summary.include_private else ""),
        sections=sections,
        created=summary.generated_on,
    )


def subtitle_text(summary: Summary) -> str:
    """``"Since the coach session of 3 Nov 2026: 3 Nov \u2013 24 Nov 2026"`` or the range."""
    period = period_text(summary.period)
    if summary.last_session is None:
        return period
    return SINCE_SESSION.format(day=day_text(summary.last_session.held_on), range=period)


class _Builder:
    """One summary's blocks, section by section."""

    def __init__(self, summary: Summary, zone: tzinfo | None) -> None:
        self._summary = summary
        self._zone = zone

    def blocks(self, section: SummarySection) -> tuple[Block, ...]:
        makers: dict[SummarySection, Callable[[], list[Block]]] = {
            SummarySection.AT_A_GLANCE: self._at_a_glance,
            SummarySection.CHARTS: self._charts,
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
            return [Note(GLANCE_NOTHING), *([_glance_table(glance)] if rated else [])]
        return [_glance_table(glance), _glance_totals(glance)]

    # --- charts ------------------------------------------------------------------------
    def _charts(self) -> list[Block]:
        charts = self._summary.charts
        if not charts:
            return [Note(NO_CHARTS)]

        def rank(index: int) -> tuple[int, int]:
            name = charts[index].name
            known = SUMMARY_CHARTS.index(name) if name in SUMMARY_CHARTS else len(SUMMARY_CHARTS)
            return (known, index)

        order = sorted(range(len(charts)), key=rank)
        return [Figure(charts[i], charts[i].title, _sentence(charts[i].description)) for i in order]

    # --- experiments -------------------------------------------------------------------
    def _experiments(self) -> list[Block]:
        if not self._summary.experiments:
            return [Note(NO_EXPERIMENTS)]
        blocks: list[Block] = []
        for report in self._summary.experiments:
            blocks.extend(self._experiment(report))
        return blocks

    def _experiment(self, report: ExperimentReport) -> list[Block]:
        experiment = report.experiment
        about: list[tuple[str, str]] = [
            (FIELD_LEVEL, experiment.level.label()),
            (FIELD_STATUS, _status_text(experiment)),
        ]
        if experiment.start_date is not None:
            about.append((FIELD_STARTED, day_text(experiment.start_date)))
        if experiment.due_date is not None:
            overdue = experiment.is_overdue(self._summary.generated_on)
            about.append(
                (FIELD_DUE, day_text(experiment.due_date) + (OVERDUE_SUFFIX if overdue else ""))
            )
        if experiment.success_criteria:
            about.append((FIELD_SUCCESS, experiment.success_criteria))
        about.append(
            (FIELD_BELIEF, _belief_text(experiment.belief_before, experiment.belief_after))
        )

        blocks: list[Block] = [
            Heading(experiment.title, 1),
            Paragraph.of(experiment.statement, italic=True),
            Fields(tuple(about)),
        ]
        if report.attempts:
            blocks.append(
                Table(
                    ATTEMPT_COLUMNS,
                    tuple(self._attempt_row(a) for a in report.attempts),
                    ATTEMPT_ALIGN,
                    ATTEMPT_WIDTHS,
                )
            )
            results: list[tuple[str, str]] = [(FIELD_ATTEMPTS, _attempts_text(report))]
        else:
            total = report.attempts_all_time
            blocks.append(Note(NO_ATTEMPTS.format(total=total) if total else NO_ATTEMPTS_YET))
            results = []
        mean = report.mean_outcome
        if mean is not None:
            results.append(
                (FIELD_MEAN_OUTCOME, f"{signed_mean(mean)} ({OUTCOME_WORDS[_nearest(mean)]})")
            )
        if experiment.learning:
            results.append((FIELD_LEARNING, experiment.learning))
        if experiment.abandon_reason:
            results.append((FIELD_ABANDON_REASON, experiment.abandon_reason))
        if results:
            blocks.append(Fields(tuple(results)))
        return blocks

    def _attempt_row(self, attempt: Attempt) -> tuple[str, ...]:
        return (
            self._day_of(attempt),
            attempt.situation,
            DID_IT_WORDS[attempt.did_it],
            outcome_text(attempt.outcome),
            attempt.note,
        )

    # --- entries -----------------------------------------------------------------------
    def _shared_entries(self) -> list[Block]:
        groups = [group for group in self._summary.shared_entries if group.entries]
        if not groups:
            empty = NO_ENTRIES_AT_ALL if self._summary.include_private else NO_SHARED_ENTRIES
            return [Note(empty)]
        blocks: list[Block] = []
        for group in groups:
            blocks.append(Heading(_group_title(group), 1))
            for entry in group.entries:
                blocks.extend(self._entry(entry, heading_level=2))
        return blocks

    def _entry(self, entry: Entry, *, heading_level: int) -> list[Block]:
        meta = [self._day_of(entry), entry.kind.label]
        if entry.tags:
            meta.append(TAGS.format(tags=", ".join(entry.tags)))
        if not entry.share_with_coach:
            meta.append(PRIVATE_MARK)
        heading = entry.display_title
        blocks: list[Block] = [Heading(heading, heading_level), Note(SEPARATOR.join(meta))]
        answers = _entry_fields(entry)
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
            return [Note(NO_FEEDBACK)]
        blocks: list[Block] = [Fields(_feedback_numbers(digest))]
        for entry in digest.entries:
            blocks.extend(self._entry(entry, heading_level=1))
        hidden = digest.count - len(digest.entries)
        if hidden > 0:
            blocks.append(
                Note(
                    HIDDEN_FEEDBACK_ONE
                    if hidden == 1
                    else HIDDEN_FEEDBACK_MANY.format(count=hidden)
                )
            )
        return blocks

    # --- commitments -------------------------------------------------------------------
    def _commitments(self) -> list[Block]:
        summary = self._summary
        if not summary.open_commitments and not summary.overdue_experiments:
            return [Note(NOTHING_OPEN)]
        blocks: list[Block] = [Heading(COMMITMENTS_HEADING, 1)]
        if summary.open_commitments:
            rows = []
            for open_commitment in summary.open_commitments:
                commitment = open_commitment.commitment
                status: list[str] = []
                if commitment.id is not None and commitment.id in summary.overdue_commitment_ids:
                    status.append(COMMITMENT_OVERDUE)
                if commitment.experiment_id is not None:
                    status.append(COMMITMENT_EXPERIMENT)
                rows.append(
                    (
                        commitment.text,
                        day_text(open_commitment.held_on),
                        day_text(commitment.due_date) if commitment.due_date else NOT_SET,
                        SEPARATOR.join(status) or COMMITMENT_OPEN,
                    )
                )
            blocks.append(
                Table(COMMITMENT_COLUMNS, tuple(rows), COMMITMENT_ALIGN, COMMITMENT_WIDTHS)
            )
        else:
            blocks.append(Note(NO_COMMITMENTS))
        blocks.append(Heading(OVERDUE_HEADING, 1))
        if summary.overdue_experiments:
            blocks.append(
                Table(
                    OVERDUE_COLUMNS,
                    tuple(_due_row(item) for item in summary.overdue_experiments),
                    OVERDUE_ALIGN,
                    OVERDUE_WIDTHS,
                )
            )
        else:
            blocks.append(Note(NO_OVERDUE))
        return blocks

    # --- questions ---------------------------------------------------------------------
    def _questions(self) -> list[Block]:
        summary = self._summary
        paragraphs = list(_paragraphs(summary.questions))
        if not paragraphs and not summary.question_entries:
            return [Note(NO_QUESTIONS)]
        blocks: list[Block] = [Paragraph.of(text) for text in paragraphs]
        if summary.question_entries:
            blocks.append(Heading(QUESTION_ENTRIES_HEADING, 1))
            for entry in summary.question_entries:
                blocks.extend(self._entry(entry, heading_level=2))
        return blocks


def _glance_table(glance: AtAGlance) -> Table:
    rows = []
    for level in glance.levels:
        start, end = level.rating_at_start, level.rating_at_end
        if start is None and end is None:
            rating = NOT_SET
        else:
            rating = f"{_or_dash(start)} {ARROW} {_or_dash(end)}"
        change = level.rating_change
        rows.append(
            (
                level.level.label(),
                str(level.entries),
                str(level.attempts),
                rating,
                signed(change) if change is not None else NOT_SET,
            )
        )
    return Table(GLANCE_COLUMNS, tuple(rows), GLANCE_ALIGN, GLANCE_WIDTHS)


def _glance_totals(glance: AtAGlance) -> Fields:
    entries = f"{glance.entries} written, {glance.shared_entries} shared with my coach"
    if glance.entries_without_level:
        entries += f", {glance.entries_without_level} without a level"
    attempts = str(glance.attempts)
    if glance.attempts:
        attempts += (
            f": {glance.attempts_yes} yes, {glance.attempts_partial} partly, "
            f"{glance.attempts_no} no"
        )
    rate = glance.success_rate
    return Fields(
        (
            (TOTAL_ENTRIES, entries),
            (
                TOTAL_EXPERIMENTS,
                f"{glance.experiments_active} active, {glance.experiments_completed} completed",
            ),
            (TOTAL_ATTEMPTS, attempts),
            (
                TOTAL_SUCCESS,
                SUCCESS_TEXT.format(percent=percent_text(rate).rstrip("%"))
                if rate is not None
                else NO_ATTEMPTS_RATE,
            ),
        )
    )


def _or_dash(value: int | None) -> str:
    return NOT_SET if value is None else str(value)


def _status_text(experiment: Experiment) -> str:
    words = STATUS_WORDS[experiment.status]
    if experiment.ended_on is not None and not experiment.status.is_open:
        return ENDED_ON.format(status=words, day=day_text(experiment.ended_on))
    return words


def _belief_text(before: int | None, after: int | None) -> str:
    """``"40% before, 70% after"``, as the Experiments section shows it."""
    if before is None and after is None:
        return BELIEF_NOT_RATED
    first = f"{before}%" if before is not None else BELIEF_NOT_RATED
    if after is None:
        return f"{first} before"
    return f"{first} before, {after}% after"


def _attempts_text(report: ExperimentReport) -> str:
    return (
        f"{len(report.attempts)} in this period ({report.attempts_all_time} in all): "
        f"{report.count(DidIt.YES)} yes, {report.count(DidIt.PARTIAL)} partly, "
        f"{report.count(DidIt.NO)} no"
    )


def _group_title(group: LevelEntries) -> str:
    return group.level.label() if group.level is not None else NO_LEVEL


def _entry_fields(entry: Entry) -> tuple[tuple[str, str], ...]:
    """The guided answers that were filled in, in the template's order."""
    fields: list[tuple[str, str]] = []
    if entry.kind is EntryKind.CONVERSATION or not entry.conversation.is_empty():
        answers = entry.conversation
        feeling = answers.feeling
        if answers.intensity is not None:
            intensity = INTENSITY.format(value=answers.intensity)
            feeling = f"{feeling} ({intensity})" if feeling else intensity
        for label, value in (
            (FIELD_WHO, answers.who),
            (FIELD_WHAT_HAPPENED, answers.what_happened),
            (FIELD_FEELING, feeling),
            (FIELD_MY_RESPONSE, answers.my_response),
            (FIELD_IMPACT, answers.impact),
            (FIELD_TRY_NEXT, answers.try_next),
        ):
            if value:
                fields.append((label, value))
    if entry.kind is EntryKind.FEEDBACK:
        if entry.feedback.source:
            fields.append((FIELD_SOURCE, entry.feedback.source))
        if entry.feedback.sentiment is not None:
            fields.append((FIELD_SENTIMENT, sentiment_text(entry.feedback.sentiment)))
    return tuple(fields)


def _feedback_numbers(digest: FeedbackDigest) -> tuple[tuple[str, str], ...]:
    numbers = [
        (
            FIELD_RECEIVED,
            RECEIVED.format(
                count=plural(digest.count, "piece of feedback", "pieces of feedback"),
                positive=digest.positive,
                negative=digest.negative,
            ),
        )
    ]
    if digest.mean_sentiment is not None:
        mean = digest.mean_sentiment
        words = SENTIMENT_WORDS[max(-2, min(2, _nearest(mean)))]
        numbers.append((FIELD_MEAN_SENTIMENT, f"{signed_mean(mean)} ({words})"))
    return tuple(numbers)


def _due_row(item: DueItem) -> tuple[str, ...]:
    experiment = item.experiment
    one, many = DUE_REASON_TEXTS[item.reason]
    return (
        experiment.title,
        experiment.level.label(),
        day_text(experiment.due_date) if experiment.due_date else NOT_SET,
        one if item.days == 1 else many.format(days=item.days),
    )


def _paragraphs(text: str) -> Iterable[str]:
    """Blank-line separated paragraphs; single newlines stay as line breaks."""
    chunk: list[str] = []
    for line in text.strip().splitlines():
        if line.strip():
            chunk.append(line.rstrip())
        elif chunk:
            yield "\n".join(chunk)
            chunk = []
    if chunk:
        yield "\n".join(chunk)
