"""Patterns: the people, feelings and situations that recur, whether an experiment changed
them, and which lower level may be the root, computed on the user's machine.

API::

    report = Patterns(journal).report(PatternQuery(period=Period(since, until),
                                                   level=None, shared_only=False))

:class:`~tkg_journal.domain.patterns.PatternQuery` says what to look at: a period of local
days (open ends allowed), one level or all, whether only the entries shared with the coach
count (the coach summary's default), and which parts to compute (``parts``; a page that
shows people, feelings and hints asks for those three and skips the rest).

:class:`~tkg_journal.domain.patterns.PatternReport` holds frozen records, ready for a table
model, a chart or a report section:

* ``people``: :class:`~tkg_journal.domain.patterns.PersonPattern` (name, counts, levels,
  feelings, ``months`` for a sparkline, ``trend``, ``entry_ids`` to filter the journal);
  ``report.moved_most(n)`` are those whose intensity moved most;
* ``feelings`` / ``feeling_groups``: words and the six groups, with mean intensity;
* ``triggers``: :class:`~tkg_journal.domain.triggers.TriggerPattern`;
* ``experiments``: :class:`~tkg_journal.domain.experiment_effects.ExperimentEffect`,
  those that changed something first;
* ``hints``: at most three :class:`~tkg_journal.domain.root_hints.RootHint`, each a
  sentence with its supporting entry ids; none when the evidence is thin.

One call reads the conversations and feedback once (storage/pattern_queries.py); nothing
is written and nothing leaves the machine.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from operator import itemgetter

from tkg_journal.domain.dates import EARLIEST_DAY, LATEST_DAY
from tkg_journal.domain.experiment_effects import WINDOW_DAYS, ExperimentEffect, effects
from tkg_journal.domain.levels import Level
from tkg_journal.domain.pattern_text import person_key, person_names
from tkg_journal.domain.patterns import (
    CONVERSATION,
    DAY,
    FEEDBACK,
    ID,
    INTENSITY,
    KIND,
    LEVEL,
    SENTIMENT,
    UNIX_EPOCH_JULIAN,
    MonthIndex,
    PatternPart,
    PatternQuery,
    PatternReport,
    PatternRow,
    cached_parser,
    feelings,
    julian_day,
    people,
)
from tkg_journal.domain.progress import Period
from tkg_journal.domain.root_hints import (
    FRICTION_INTENSITY,
    HINT_WINDOW_DAYS,
    HintEvidence,
    RootHint,
    root_hints,
)
from tkg_journal.domain.triggers import TriggerPattern, recurring_triggers
from tkg_journal.services.journal import Journal
from tkg_journal.storage import clock, pattern_queries
from tkg_journal.storage.progress_repository import TimeRange

__all__ = ["PatternPart", "PatternQuery", "PatternReport", "Patterns"]

_NEEDS_ROWS = frozenset({PatternPart.PEOPLE, PatternPart.FEELINGS, PatternPart.HINTS})


# As services/progress.py turns local days into stored bounds; not imported from there,
# since the command line keeps that module (and what it loads) off its paths.
def local_midnight(day: date) -> datetime:
    """The start of ``day`` in the computer's time zone."""
    return datetime.combine(day, time()).astimezone()


def time_range(period: Period) -> TimeRange:
    """The stored-UTC bounds of ``period``: its first midnight to the one after its last day."""
    return TimeRange(
        since=clock.to_stored(local_midnight(period.since)) if period.since else None,
        until=clock.to_stored(local_midnight(period.until + timedelta(days=1)))
        if period.until
        else None,
    )


def _day_start(day: date) -> float:
    return julian_day(local_midnight(day))


_FIRST_DAY, _LAST_DAY = _day_start(EARLIEST_DAY), _day_start(LATEST_DAY)


def _local_day(day: float) -> date:
    return datetime.fromtimestamp((day - UNIX_EPOCH_JULIAN) * 86400.0).date()


def _month_index(rows: Sequence[PatternRow]) -> MonthIndex:
    """The local months from the first row's to the last's (rows in time order; a
    damaged date, outside the journal's range, is left out)."""
    days = [r[DAY] for r in rows if _FIRST_DAY <= r[DAY] <= _LAST_DAY]
    if not days:
        return MonthIndex(())
    first, last = _local_day(min(days)), _local_day(max(days))
    starts = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        day = date(year, month, 1)
        starts.append((_day_start(day), day))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return MonthIndex(starts)


class Patterns:
    """The patterns of an open journal (reads ``journal.db``; "today" is ``journal.clock``)."""

    def __init__(self, journal: Journal) -> None:
        self._journal = journal
        self._db = journal.db

    def report(self, query: PatternQuery | None = None) -> PatternReport:
        """Everything ``query`` asks for (default: all parts, all time, every entry)."""
        query = query or PatternQuery()
        today = self._journal.clock().date()
        period = query.period
        last = period.until or today
        parts = query.parts
        rows: list[PatternRow] = []
        if parts & _NEEDS_ROWS:
            rows = pattern_queries.pattern_rows(
                self._db, span=time_range(period), shared_only=query.shared_only
            )
        level = query.level
        at_level = [r for r in rows if r[LEVEL] == level] if level is not None else rows
        # Counted in C: a generator over 50,000 rows costs more than the count is worth.
        kinds = Counter(map(itemgetter(KIND), at_level))
        parse = cached_parser()
        found_people = (
            people(at_level, _month_index(at_level), parse) if PatternPart.PEOPLE in parts else ()
        )
        words, groups = feelings(at_level, parse) if PatternPart.FEELINGS in parts else ((), ())
        return PatternReport(
            query=query,
            today=today,
            conversations=kinds[CONVERSATION],
            feedback=kinds[FEEDBACK],
            people=found_people,
            feelings=words,
            feeling_groups=groups,
            triggers=self._triggers(query, last) if PatternPart.TRIGGERS in parts else (),
            experiments=self._experiments(query, last, today)
            if PatternPart.EXPERIMENTS in parts
            else (),
            hints=self._hints(query, rows, last, today) if PatternPart.HINTS in parts else (),
        )

    def _hints(
        self, query: PatternQuery, rows: list[PatternRow], last: date, today: date
    ) -> tuple[RootHint, ...]:
        first = last - timedelta(days=HINT_WINDOW_DAYS - 1)
        if query.period.since is not None:
            first = max(first, query.period.since)
        low, high = _day_start(first), _day_start(last + timedelta(days=1))
        frictions = [
            (r[ID], Level(r[LEVEL]))
            for r in reversed(rows)
            if low <= r[DAY] < high and r[LEVEL] in _RANKS and _is_friction(r)
        ]
        window = Period(since=first, until=last)
        evidence = HintEvidence(
            since=first,
            until=last,
            today=today,
            frictions=frictions,
            entries=pattern_queries.entries_per_level(
                self._db, span=time_range(window), shared_only=query.shared_only
            ),
            ratings=pattern_queries.ratings_by_level(self._db, since=first, until=last),
        )
        return root_hints(evidence, level=query.level)

    def _triggers(self, query: PatternQuery, last: date) -> tuple[TriggerPattern, ...]:
        # A name is never a situation, whether or not its person appears in the period:
        # "Lena" in an attempt's situation is Lena, even in a month without her.
        names = frozenset(
            key
            for who in pattern_queries.names_written(self._db)
            for key in (person_key(n) for n in person_names(who))
            if " " not in key
        )
        texts = pattern_queries.situations(
            self._db,
            span=time_range(query.period),
            first=query.period.since,
            last=last,
            level=query.level,
        )
        return recurring_triggers(texts, exclude=names)

    def _experiments(
        self, query: PatternQuery, last: date, today: date
    ) -> tuple[ExperimentEffect, ...]:
        facts = pattern_queries.experiments(
            self._db, first=query.period.since, last=last, level=query.level
        )
        started = [f for f in facts if f.start <= today]
        if not started:
            return ()
        around = Period(
            since=min(f.start for f in started) - timedelta(days=WINDOW_DAYS),
            until=min(max(f.start for f in started) + timedelta(days=WINDOW_DAYS), today),
        )
        conversations = pattern_queries.conversation_texts(
            self._db, span=time_range(around), shared_only=query.shared_only
        )
        return effects(started, conversations, day_start=_day_start, today=today)


_RANKS = frozenset(int(level) for level in Level)


def _is_friction(row: PatternRow) -> bool:
    """A hard conversation, or feedback that landed badly."""
    if row[KIND] == CONVERSATION:
        intensity = row[INTENSITY]
        return intensity is not None and intensity >= FRICTION_INTENSITY
    sentiment = row[SENTIMENT]
    return sentiment is not None and sentiment < 0
