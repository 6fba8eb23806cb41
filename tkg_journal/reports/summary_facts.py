"""The summary's facts in words: the at-a-glance table and totals, an experiment's status,
belief and attempts, an entry's guided answers, the feedback numbers and the rows of the
overdue table, the paragraphs of the questions. ``summary_document`` decides where each
goes."""

from __future__ import annotations

from collections.abc import Iterable

from tkg_journal.domain.accountability import DueItem
from tkg_journal.domain.entries import Entry, EntryKind
from tkg_journal.domain.experiments import DidIt, Experiment
from tkg_journal.domain.summary import AtAGlance, ExperimentReport, FeedbackDigest, LevelEntries
from tkg_journal.reports import summary_texts as texts
from tkg_journal.reports.document import Fields, Table
from tkg_journal.reports.summary_format import (
    day_text,
    nearest,
    percent_text,
    plural,
    sentiment_text,
    signed,
    signed_mean,
)


def glance_table(glance: AtAGlance) -> Table:
    rows = []
    for level in glance.levels:
        start, end = level.rating_at_start, level.rating_at_end
        if start is None and end is None:
            rating = texts.NOT_SET
        else:
            rating = f"{_or_dash(start)} {texts.ARROW} {_or_dash(end)}"
        change = level.rating_change
        rows.append(
            (
                level.level.label(),
                str(level.entries),
                str(level.attempts),
                rating,
                signed(change) if change is not None else texts.NOT_SET,
            )
        )
    return Table(texts.GLANCE_COLUMNS, tuple(rows), texts.GLANCE_ALIGN, texts.GLANCE_WIDTHS)


def glance_totals(glance: AtAGlance) -> Fields:
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
            (texts.TOTAL_ENTRIES, entries),
            (
                texts.TOTAL_EXPERIMENTS,
                f"{glance.experiments_active} active, {glance.experiments_completed} completed",
            ),
            (texts.TOTAL_ATTEMPTS, attempts),
            (
                texts.TOTAL_SUCCESS,
                texts.SUCCESS_TEXT.format(percent=percent_text(rate).rstrip("%"))
                if rate is not None
                else texts.NO_ATTEMPTS_RATE,
            ),
        )
    )


def _or_dash(value: int | None) -> str:
    return texts.NOT_SET if value is None else str(value)


def status_text(experiment: Experiment) -> str:
    words = texts.STATUS_WORDS[experiment.status]
    if experiment.ended_on is not None and not experiment.status.is_open:
        return texts.ENDED_ON.format(status=words, day=day_text(experiment.ended_on))
    return words


def belief_text(before: int | None, after: int | None) -> str:
    """``"40% before, 70% after"``, as the Experiments section shows it."""
    if before is None and after is None:
        return texts.BELIEF_NOT_RATED
    first = f"{before}%" if before is not None else texts.BELIEF_NOT_RATED
    if after is None:
        return f"{first} before"
    return f"{first} before, {after}% after"


def attempts_text(report: ExperimentReport) -> str:
    return (
        f"{len(report.attempts)} in this period ({report.attempts_all_time} in all): "
        f"{report.count(DidIt.YES)} yes, {report.count(DidIt.PARTIAL)} partly, "
        f"{report.count(DidIt.NO)} no"
    )


def group_title(group: LevelEntries) -> str:
    return group.level.label() if group.level is not None else texts.NO_LEVEL


def entry_fields(entry: Entry) -> tuple[tuple[str, str], ...]:
    """The guided answers that were filled in, in the template's order."""
    fields: list[tuple[str, str]] = []
    if entry.kind is EntryKind.CONVERSATION or not entry.conversation.is_empty():
        answers = entry.conversation
        feeling = answers.feeling
        if answers.intensity is not None:
            intensity = texts.INTENSITY.format(value=answers.intensity)
            feeling = f"{feeling} ({intensity})" if feeling else intensity
        for label, value in (
            (texts.FIELD_WHO, answers.who),
            (texts.FIELD_WHAT_HAPPENED, answers.what_happened),
            (texts.FIELD_FEELING, feeling),
            (texts.FIELD_MY_RESPONSE, answers.my_response),
            (texts.FIELD_IMPACT, answers.impact),
            (texts.FIELD_TRY_NEXT, answers.try_next),
        ):
            if value:
                fields.append((label, value))
    if entry.kind is EntryKind.FEEDBACK:
        if entry.feedback.source:
            fields.append((texts.FIELD_SOURCE, entry.feedback.source))
        if entry.feedback.sentiment is not None:
            fields.append((texts.FIELD_SENTIMENT, sentiment_text(entry.feedback.sentiment)))
    return tuple(fields)


def feedback_numbers(digest: FeedbackDigest) -> tuple[tuple[str, str], ...]:
    numbers = [
        (
            texts.FIELD_RECEIVED,
            texts.RECEIVED.format(
                count=plural(digest.count, "piece of feedback", "pieces of feedback"),
                positive=digest.positive,
                negative=digest.negative,
            ),
        )
    ]
    if digest.mean_sentiment is not None:
        mean = digest.mean_sentiment
        words = texts.SENTIMENT_WORDS[max(-2, min(2, nearest(mean)))]
        numbers.append((texts.FIELD_MEAN_SENTIMENT, f"{signed_mean(mean)} ({words})"))
    return tuple(numbers)


def due_row(item: DueItem) -> tuple[str, ...]:
    experiment = item.experiment
    one, many = texts.DUE_REASON_TEXTS[item.reason]
    return (
        experiment.title,
        experiment.level.label(),
        day_text(experiment.due_date) if experiment.due_date else texts.NOT_SET,
        one if item.days == 1 else many.format(days=item.days),
    )


def paragraphs_of(text: str) -> Iterable[str]:
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
