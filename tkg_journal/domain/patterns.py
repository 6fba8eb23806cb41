"""Patterns in a journal: the people, feelings and intensities that recur (no I/O).

The computations take the rows :mod:`tkg_journal.storage.pattern_queries` reads (plain
tuples, see :data:`PatternRow`: building an object per row would cost more than reading
it) and give frozen records that a table model, a chart and a report use as they are:

* :func:`people` -> :class:`PersonPattern` per person (names normalised by
  :mod:`.pattern_text`), most conversations first: how often, at which levels, the
  feelings named, the intensity per month (:class:`MonthPoint`, a sparkline) and its
  :class:`Trend` (first half against second half of their conversations, and the
  least-squares slope per month);
* :func:`feelings` -> every :class:`FeelingCount` and the six :class:`FeelingGroupCount`
  (the bars), each with the mean intensity of the conversations that named it;
* :func:`trend` on its own, for any series of (day, intensity).

The whole result of one query is a :class:`PatternReport` (built in services/patterns.py);
the triggers, experiments and root hints it holds are computed in :mod:`.triggers`,
:mod:`.experiment_effects` and :mod:`.root_hints`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from math import inf
from typing import Final

from tkg_journal.domain.experiment_effects import ExperimentEffect
from tkg_journal.domain.feelings import Feeling, FeelingGroup, parse_feelings
from tkg_journal.domain.levels import Level
from tkg_journal.domain.pattern_text import most_common_spelling, person_key, person_names
from tkg_journal.domain.progress import Period
from tkg_journal.domain.root_hints import RootHint
from tkg_journal.domain.triggers import TriggerPattern

#: One conversation or piece of feedback, as read for patterns:
#: ``(entry id, kind, day, level, who, feeling, intensity, sentiment)`` where ``kind`` is
#: ``"conversation"`` or ``"feedback"``, ``day`` the moment as a Julian day number (a
#: float, UTC: see :func:`julian_day`), ``level`` a rank or None, ``who`` the "Who" answer
#: (for feedback: its source) and ``sentiment`` feedback's -2..2.
PatternRow = tuple[int, str, float, int | None, str, str, int | None, int | None]
# The positions of a row's fields (Final, so that a type checker knows each field's type).
ID: Final = 0
KIND: Final = 1
DAY: Final = 2
LEVEL: Final = 3
WHO: Final = 4
FEELING: Final = 5
INTENSITY: Final = 6
SENTIMENT: Final = 7
CONVERSATION, FEEDBACK = "conversation", "feedback"

#: The Julian day number of 1970-01-01 00:00 UTC.
UNIX_EPOCH_JULIAN = 2440587.5
#: Days in an average month: the unit of a trend's slope.
DAYS_PER_MONTH = 365.2425 / 12
#: A trend needs this many rated conversations to have a direction.
MIN_TREND_POINTS = 4
#: A change of the mean intensity smaller than this (either way) is steady.
STEADY_BAND = 1.0
#: How many feelings a person's record names (most often named first).
PERSON_FEELINGS = 5


class PatternPart(StrEnum):
    """A part of a :class:`PatternReport`; ask only for the parts a view shows."""

    PEOPLE = "people"
    FEELINGS = "feelings"
    TRIGGERS = "triggers"
    EXPERIMENTS = "experiments"
    HINTS = "hints"


ALL_PARTS = frozenset(PatternPart)


class TrendDirection(StrEnum):
    """Which way the intensity moved; the value reads in a sentence ("calmer")."""

    CALMER = "calmer"
    STEADY = "steady"
    MORE_INTENSE = "more intense"


@dataclass(frozen=True, slots=True)
class Trend:
    """How intensity moved over a series: ``first_half`` and ``second_half`` are the mean
    intensity of the older and the newer half of it (the middle one left out of an odd
    number), ``slope_per_month`` the least-squares line's points per month. Each is None
    when the series is too short for it (two points, two different days)."""

    points: int
    first_half: float | None = None
    second_half: float | None = None
    slope_per_month: float | None = None

    @property
    def change(self) -> float | None:
        """``second_half - first_half``: negative is calmer."""
        if self.first_half is None or self.second_half is None:
            return None
        return self.second_half - self.first_half

    @property
    def direction(self) -> TrendDirection | None:
        """None below :data:`MIN_TREND_POINTS` points: too few to say."""
        change = self.change
        if change is None or self.points < MIN_TREND_POINTS:
            return None
        if change <= -STEADY_BAND:
            return TrendDirection.CALMER
        if change >= STEADY_BAND:
            return TrendDirection.MORE_INTENSE
        return TrendDirection.STEADY


@dataclass(frozen=True, slots=True)
class MonthPoint:
    """A person's conversations in one local month (``month`` is its first day)."""

    month: date
    conversations: int
    mean_intensity: float | None


@dataclass(frozen=True, slots=True)
class LevelCount:
    level: Level
    count: int


@dataclass(frozen=True, slots=True)
class FeelingCount:
    """A feeling word, how many entries named it and their mean intensity."""

    word: str
    group: FeelingGroup | None
    count: int
    mean_intensity: float | None


@dataclass(frozen=True, slots=True)
class FeelingGroupCount:
    """A group: the entries naming any of its words, their mean intensity, and its words
    by count."""

    group: FeelingGroup
    count: int
    mean_intensity: float | None
    words: tuple[FeelingCount, ...]


@dataclass(frozen=True, slots=True)
class PersonPattern:
    """One person across the difficult conversations and feedback of a period.

    ``key`` is what makes spellings one person (:func:`.pattern_text.person_key`), ``name``
    the spelling used most often; ``entry_ids`` are their conversations and feedback,
    oldest first (what a click on the person shows in the journal).
    """

    key: str
    name: str
    conversations: int
    feedback: int
    levels: tuple[LevelCount, ...]
    feelings: tuple[FeelingCount, ...]
    mean_intensity: float | None
    trend: Trend
    months: tuple[MonthPoint, ...]
    mean_sentiment: float | None
    entry_ids: tuple[int, ...]

    @property
    def main_level(self) -> Level | None:
        """The level most of their entries are at (the lower one on a tie)."""
        if not self.levels:
            return None
        return max(self.levels, key=lambda c: (c.count, -int(c.level))).level


@dataclass(frozen=True, slots=True)
class PatternQuery:
    """What to look at: a period of local days, one level or all, and whether only the
    entries shared with the coach count (the coach summary's rule)."""

    period: Period = field(default_factory=Period)
    level: Level | None = None
    shared_only: bool = False
    parts: frozenset[PatternPart] = ALL_PARTS


@dataclass(frozen=True, slots=True)
class PatternReport:
    """Everything :class:`~tkg_journal.services.patterns.Patterns` found for a query. Parts
    not asked for (``query.parts``) are empty. ``today`` is the journal clock's day."""

    query: PatternQuery
    today: date
    conversations: int
    feedback: int
    people: tuple[PersonPattern, ...] = ()
    feelings: tuple[FeelingCount, ...] = ()
    feeling_groups: tuple[FeelingGroupCount, ...] = ()
    triggers: tuple[TriggerPattern, ...] = ()
    experiments: tuple[ExperimentEffect, ...] = ()
    hints: tuple[RootHint, ...] = ()

    def moved_most(self, count: int = 3) -> tuple[PersonPattern, ...]:
        """The people whose intensity moved most (either way), with a direction."""
        moved = [p for p in self.people if p.trend.direction is not None]
        moved.sort(key=lambda p: (-abs(p.trend.change or 0.0), p.name.casefold()))
        return tuple(moved[:count])

    def person(self, key: str) -> PersonPattern | None:
        """The person of ``key`` (any spelling of their name, roles and all), if they appear."""
        names = person_names(key)
        wanted = person_key(names[0] if names else key)
        return next((p for p in self.people if p.key == wanted), None)


# --- computations ---------------------------------------------------------------------


def _mean(total: float, count: int) -> float | None:
    return total / count if count else None


def trend(points: Sequence[tuple[float, int]]) -> Trend:
    """The trend of ``(day, intensity)`` points in time order; ``day`` in days (any origin)."""
    n = len(points)
    if n < 2:
        return Trend(points=n)
    half = n // 2
    # Lists summed by the built-in sum, instead of a generator per sum: the same additions
    # in the same order (so the same floats), without a Python frame per point.
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    first = sum(ys[:half]) / half
    second = sum(ys[n - half :]) / half
    mean_x = sum(xs) / n
    mean_y = sum(ys) / n
    sxx = sum([(x - mean_x) ** 2 for x in xs])
    slope = None
    if sxx > 0:
        sxy = sum([(x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)])
        slope = sxy / sxx * DAYS_PER_MONTH
    return Trend(points=n, first_half=first, second_half=second, slope_per_month=slope)


FeelingParser = Callable[[str], tuple[Feeling, ...]]


def cached_parser() -> FeelingParser:
    """:func:`parse_feelings` remembering its answers, and the parts answers are made of,
    for one report (then forgotten with it: no feeling outlives the report in memory)."""
    cache: dict[str, tuple[Feeling, ...]] = {}
    parts: dict[str, tuple[Feeling, ...]] = {}

    def parse(text: str) -> tuple[Feeling, ...]:
        found = cache.get(text)
        if found is None:
            found = cache[text] = parse_feelings(text, parts)
        return found

    return parse


class _Tally:
    """Per feeling word: entries naming it, and the sum and number of their intensities."""

    def __init__(self) -> None:
        self.words: dict[str, list[int]] = {}
        self.groups: dict[str, FeelingGroup | None] = {}

    def add(self, named: Iterable[Feeling], times: int, total: int, rated: int) -> None:
        for feeling in named:
            counts = self.words.get(feeling.word)
            if counts is None:
                counts = self.words[feeling.word] = [0, 0, 0]
                self.groups[feeling.word] = feeling.group
            counts[0] += times
            counts[1] += total
            counts[2] += rated

    def counts(self) -> list[FeelingCount]:
        found = [
            FeelingCount(word, self.groups[word], n, _mean(total, rated))
            for word, (n, total, rated) in self.words.items()
        ]
        found.sort(key=lambda f: (-f.count, f.word))
        return found


def feelings(
    rows: Iterable[PatternRow], parse: FeelingParser | None = None
) -> tuple[tuple[FeelingCount, ...], tuple[FeelingGroupCount, ...]]:
    """Every feeling word named in the conversations of ``rows`` (most often first), and
    the six groups in their fixed order (a group nobody named has a count of 0).

    A group counts an entry once however many of its words the entry names.
    """
    parse = parse or cached_parser()
    texts: dict[str, list[int]] = {}  # per distinct answer: entries, intensity sum, rated
    for _id, kind, _day, _level, _who, text, intensity, _sentiment in rows:
        if not text or kind != CONVERSATION:
            continue
        tally = texts.get(text)
        if tally is None:
            tally = texts[text] = [0, 0, 0]
        tally[0] += 1
        if intensity is not None:
            tally[1] += intensity
            tally[2] += 1
    words_tally = _Tally()
    group_entries: dict[FeelingGroup, list[int]] = {g: [0, 0, 0] for g in FeelingGroup}
    for text, (n, total, rated) in texts.items():
        named = parse(text)
        words_tally.add(named, n, total, rated)
        for group in {f.group for f in named if f.group is not None}:
            counts = group_entries[group]
            counts[0] += n
            counts[1] += total
            counts[2] += rated
    words = words_tally.counts()
    groups = tuple(
        FeelingGroupCount(
            group=group,
            count=n,
            mean_intensity=_mean(total, rated),
            words=tuple(w for w in words if w.group is group),
        )
        for group, (n, total, rated) in group_entries.items()
    )
    return tuple(words), groups


class MonthIndex:
    """Which local month a Julian day falls in: the caller gives the Julian day of the
    local midnight starting each month (it knows the time zone), oldest first."""

    def __init__(self, starts: Sequence[tuple[float, date]]) -> None:
        self._days = [day for day, _month in starts]
        self._months = [month for _day, month in starts]

    def month_of(self, day: float) -> date | None:
        """The month holding ``day``; None before the first start."""
        return self.span_of(day)[0]

    def span_of(self, day: float) -> tuple[date | None, float, float]:
        """The month holding ``day`` (None before the first start) and the days it spans,
        from its start (included) to the next one's (excluded): a caller walking rows in
        time order looks a month up only when a row leaves the last one's span."""
        at = bisect_right(self._days, day) - 1
        start = self._days[at] if at >= 0 else -inf
        end = self._days[at + 1] if at + 1 < len(self._days) else inf
        return (self._months[at] if at >= 0 else None), start, end


def _person(
    key: str,
    spellings: dict[str, int],
    rows: list[PatternRow],
    parse: FeelingParser,
    months: MonthIndex,
) -> PersonPattern:
    # One pass over the rows (there may be tens of thousands a person, and this loop is
    # most of a Patterns page's time): a row is unpacked once instead of indexed field by
    # field, and the month is looked up again only when a row leaves the last one's span.
    rated: list[tuple[float, int]] = []
    rated_total = 0
    sentiments: list[int] = []
    levels: dict[int, int] = {}
    by_month: dict[date | None, list[int]] = {}
    felt: dict[str, list[int]] = {}
    talks = 0
    month_tally: list[int] = []
    start, end = inf, -inf  # an empty span: the first conversation looks its month up
    for _id, kind, day, level, _who, feeling, intensity, sentiment in rows:
        if level:
            levels[level] = levels.get(level, 0) + 1
        if kind != CONVERSATION:
            if sentiment is not None:
                sentiments.append(sentiment)
            continue
        talks += 1
        if not start <= day < end:
            month, start, end = months.span_of(day)
            found = by_month.get(month)
            if found is None:
                found = by_month[month] = [0, 0, 0]
            month_tally = found
        month_tally[0] += 1
        if intensity is not None:
            rated.append((day, intensity))
            rated_total += intensity
            month_tally[1] += intensity
            month_tally[2] += 1
        if feeling:
            named = felt.get(feeling)
            if named is None:
                named = felt[feeling] = [0, 0, 0]
            named[0] += 1
            if intensity is not None:
                named[1] += intensity
                named[2] += 1
    words = _Tally()
    for text, (n, total, count) in felt.items():
        words.add(parse(text), n, total, count)
    name = most_common_spelling(spellings)
    return PersonPattern(
        key=key,
        name=name,
        conversations=talks,
        feedback=len(rows) - talks,
        levels=tuple(
            LevelCount(Level(rank), n) for rank, n in sorted(levels.items()) if rank in _RANKS
        ),
        feelings=tuple(words.counts()[:PERSON_FEELINGS]),
        mean_intensity=_mean(rated_total, len(rated)),
        trend=trend(rated),
        months=tuple(
            MonthPoint(m, n, _mean(total, count))
            for m, (n, total, count) in sorted(
                ((m, t) for m, t in by_month.items() if m is not None), key=lambda mt: mt[0]
            )
        ),
        mean_sentiment=_mean(sum(sentiments), len(sentiments)),
        entry_ids=tuple([r[ID] for r in rows]),
    )


_RANKS = frozenset(int(level) for level in Level)


def people(
    rows: Iterable[PatternRow], months: MonthIndex, parse: FeelingParser | None = None
) -> tuple[PersonPattern, ...]:
    """Everybody named in ``rows`` (in time order), most conversations first, then most
    feedback, then by name. An entry naming two people counts for each of them; months
    before the first of ``months`` are left out of the sparkline, not of the counts."""
    parse = parse or cached_parser()
    by_who: dict[str, list[PatternRow]] = {}
    for row in rows:
        who = row[WHO]
        if who:
            found = by_who.get(who)
            if found is None:
                by_who[who] = [row]
            else:
                found.append(row)
    spellings: dict[str, dict[str, int]] = {}
    merged: dict[str, list[list[PatternRow]]] = {}
    for who, who_rows in by_who.items():
        for name in person_names(who):
            key = person_key(name)
            counts = spellings.setdefault(key, {})
            counts[name] = counts.get(name, 0) + len(who_rows)
            merged.setdefault(key, []).append(who_rows)
    found_people = []
    for key, parts in merged.items():
        if len(parts) == 1:
            person_rows = parts[0]
        else:  # several spellings: back into time order
            person_rows = sorted((r for part in parts for r in part), key=lambda r: (r[DAY], r[ID]))
        found_people.append(_person(key, spellings[key], person_rows, parse, months))
    found_people.sort(key=lambda p: (-p.conversations, -p.feedback, p.name.casefold()))
    return tuple(found_people)


def julian_day(moment: datetime) -> float:
    """``moment`` (aware) as a Julian day number, as SQLite's ``julianday`` gives it."""
    return moment.timestamp() / 86400.0 + UNIX_EPOCH_JULIAN
