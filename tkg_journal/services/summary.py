"""Fill a pre-session ``Summary`` from an open journal.

Counting happens in SQL (``storage/summary_repository.py``); only what the summary prints
is loaded: the experiments touched in the period with their attempts, the entries it may
show, the open commitments. Privacy is decided here, once: entries not shared with the
coach are left out unless the user included private ones for this export, and the numbers
(counts, mean sentiment) never show an entry's words.
"""

from __future__ import annotations

from collections.abc import Sequence

from tkg_journal.domain.accountability import DueReason
from tkg_journal.domain.entries import Entry, EntryKind
from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.experiments import DidIt
from tkg_journal.domain.levels import Level
from tkg_journal.domain.patterns import PatternPart, PatternQuery, PatternReport
from tkg_journal.domain.progress import Period
from tkg_journal.domain.summary import (
    ALL_SECTIONS,
    AtAGlance,
    ChartImage,
    ExperimentReport,
    FeedbackDigest,
    LevelEntries,
    LevelGlance,
    Summary,
    SummaryOptions,
    SummarySection,
)
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.services.patterns import Patterns
from tkg_journal.services.progress import time_range
from tkg_journal.storage import experiment_repository, summary_repository
from tkg_journal.storage.progress_repository import TimeRange

TITLE = "Before my coach session"
#: What the summary's Patterns section prints: the root hints and whose intensity moved.
PATTERN_PARTS = frozenset({PatternPart.PEOPLE, PatternPart.HINTS})


def check_period(period: Period) -> Period:
    """A summary covers whole days with both ends set (the dialog and the CLI fill an
    open end before they get here)."""
    if period.since is None or period.until is None:
        raise ValidationError("period", "a summary needs a first and a last day")
    return period


def build_summary(
    journal: Journal, options: SummaryOptions, *, charts: Sequence[ChartImage] = ()
) -> Summary:
    """Everything the summary of ``options.period`` shows (charts are drawn by the caller,
    which may run without matplotlib: ``--no-charts``)."""
    period = check_period(options.period)
    assert period.since is not None and period.until is not None
    db = journal.db
    span = time_range(period)
    sessions = CoachSessions(journal)
    last = sessions.last_session()
    starts_at_session = last is not None and last.held_on == period.since
    question_ids = tuple(dict.fromkeys(options.question_entry_ids))
    private = options.include_private

    glance = _at_a_glance(journal, period, span)
    shown = [
        e
        for e in summary_repository.entries(db, span=span, shared_only=not private)
        if e.kind is not EntryKind.FEEDBACK and e.id not in question_ids
    ]
    count, mean, positive, negative = summary_repository.feedback_stats(db, span=span)
    feedback = FeedbackDigest(
        count=count,
        mean_sentiment=mean,
        positive=positive,
        negative=negative,
        entries=tuple(
            summary_repository.entries(
                db, span=span, shared_only=not private, kind=EntryKind.FEEDBACK
            )
        ),
    )
    today = journal.clock().date()
    open_commitments = tuple(sessions.open_commitments())
    overdue_ids = frozenset(
        c.commitment.id
        for c in open_commitments
        if c.commitment.id is not None
        and c.commitment.due_date is not None
        and c.commitment.due_date < today
    )
    overdue_experiments = tuple(
        item for item in Experiments(journal).due() if item.reason is DueReason.OVERDUE
    )
    return Summary(
        title=TITLE,
        period=period,
        generated_on=today,
        last_session=last if starts_at_session else None,
        sections=tuple(s for s in ALL_SECTIONS if options.wants(s)),
        include_private=private,
        at_a_glance=glance,
        charts=tuple(charts),
        patterns=_patterns(journal, period, private)
        if options.wants(SummarySection.PATTERNS)
        else None,
        experiments=_experiments(journal, period, span),
        shared_entries=_by_level(shown),
        feedback=feedback,
        open_commitments=open_commitments,
        overdue_commitment_ids=overdue_ids,
        overdue_experiments=overdue_experiments,
        questions=options.questions.strip(),
        question_entries=tuple(summary_repository.entries_by_id(db, entry_ids=question_ids)),
    )


def _at_a_glance(journal: Journal, period: Period, span: TimeRange) -> AtAGlance:
    assert period.since is not None and period.until is not None
    db = journal.db
    entries = summary_repository.entry_counts(db, span=span)
    attempts = summary_repository.attempt_counts(db, span=span)
    before = summary_repository.scores_on_or_before(db, day=period.since)
    first_inside = summary_repository.scores_between(
        db, since=period.since, until=period.until, first=True
    )
    last_inside = summary_repository.scores_between(
        db, since=period.since, until=period.until, first=False
    )
    levels = tuple(
        LevelGlance(
            level=level,
            entries=entries.get(level, (0, 0))[0],
            attempts=sum(attempts.get(level, {}).values()),
            rating_at_start=before.get(level, first_inside.get(level)),
            rating_at_end=last_inside.get(level),
        )
        for level in Level
    )
    active, completed = summary_repository.experiment_counts(
        db, since=period.since, until=period.until
    )

    def did(choice: DidIt) -> int:
        return sum(counts.get(choice, 0) for counts in attempts.values())

    yes, partial, no = did(DidIt.YES), did(DidIt.PARTIAL), did(DidIt.NO)
    return AtAGlance(
        levels=levels,
        entries=sum(n for n, _shared in entries.values()),
        entries_without_level=entries.get(None, (0, 0))[0],
        shared_entries=sum(shared for _n, shared in entries.values()),
        experiments_active=active,
        experiments_completed=completed,
        attempts=yes + partial + no,
        attempts_yes=yes,
        attempts_partial=partial,
        attempts_no=no,
    )


def _patterns(journal: Journal, period: Period, private: bool) -> PatternReport:
    """The patterns of the period, by the rule the entries follow: only those shared with
    the coach count unless private ones are included (a name written only in a private
    entry must not reach the coach through a table of people)."""
    query = PatternQuery(period=period, shared_only=not private, parts=PATTERN_PARTS)
    return Patterns(journal).report(query)


def _experiments(journal: Journal, period: Period, span: TimeRange) -> tuple[ExperimentReport, ...]:
    assert period.since is not None and period.until is not None
    db = journal.db
    ids = summary_repository.touched_experiment_ids(
        db, span=span, since=period.since, until=period.until
    )
    attempts = summary_repository.attempts(db, experiment_ids=ids, span=span)
    totals = summary_repository.attempt_totals(db, experiment_ids=ids)
    return tuple(
        ExperimentReport(
            experiment=experiment_repository.get(db, experiment_id=experiment_id),
            attempts=tuple(attempts.get(experiment_id, ())),
            attempts_all_time=totals.get(experiment_id, 0),
        )
        for experiment_id in ids
    )


def _by_level(entries: Sequence[Entry]) -> tuple[LevelEntries, ...]:
    """Foundation first, entries without a level last; levels without entries left out."""
    groups: dict[Level | None, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.level, []).append(entry)
    order: list[Level | None] = [*Level, None]
    return tuple(
        LevelEntries(level, tuple(sorted(groups[level], key=lambda e: e.occurred_at)))
        for level in order
        if level in groups
    )
