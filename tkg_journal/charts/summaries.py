"""Each chart as a sentence: what it shows, in numbers, for those who cannot see it.

One builder per chart, over the rows the chart draws (:mod:`charts.series`): the app sets
the sentence as the chart's accessible description and shows it under the chart; the
coach summary prints it as the chart's alt text and caption. Pure functions, no
matplotlib, so both can call them cheaply and the tests can check the words directly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from tkg_journal.charts import series
from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import (
    ActivityBar,
    AttemptStats,
    Bucket,
    DayCount,
    FeedbackPoint,
    LevelStrength,
    Period,
    RatingPoint,
    work_here_next,
)

MINUS = "\u2212"  # a real minus sign, as the charts write it
NO_LEVEL = "No level"
#: A change smaller than this share of the larger value reads as "steady".
STEADY_SHARE = 0.1
#: A sentiment or outcome change smaller than this (on a -2..2 scale) reads as "steady".
STEADY_SCORE = 0.25

# --- the words -----------------------------------------------------------------------
ACTIVITY_EMPTY = "No entries or attempts in this period."
ACTIVITY_TOTALS = "{entries} and {attempts}."
ACTIVITY_MOST = "Most entries at {level} ({count} of {total})"
ACTIVITY_TREND = "entries per {bucket} {direction} {start} to {end} (first half to second half)"
RATINGS_EMPTY = "No check-ins in this period."
RATINGS_COUNT = "{count}."
RATINGS_LATEST = "Latest ratings: {scores}"
RATINGS_ROSE = "{level} rose from {start} to {end}"
RATINGS_FELL = "{level} fell from {start} to {end}"
RATINGS_ALSO = "{level} from {start} to {end}"  # the second and later of a direction
RATINGS_SAME = "{levels} unchanged"
ATTEMPTS_EMPTY = "No experiment attempts in this period."
ATTEMPTS_TOTALS = "{attempts}: {yes} tried fully ({rate}), {partial} partly, {no} not tried."
ATTEMPTS_OUTCOME = "Latest mean outcome per level: {outcomes}."
FEEDBACK_EMPTY = "No feedback with a sentiment in this period."
FEEDBACK_TOTALS = (
    "{pieces}: {positive} positive, {neutral} neutral, {negative} critical; mean {mean}"
)
FEEDBACK_TREND = "; {direction} {start} to {end} (first half to second half)"
HIERARCHY_EMPTY = "No recent ratings, attempts or feedback yet."
HIERARCHY_WEAKEST = "Weakest level: {level} ({strength}); work here next: {target}."
HIERARCHY_NONE_WEAK = "no level is weak"
HIERARCHY_STRENGTHS = "Strength: {strengths}."
HIERARCHY_NO_DATA = "no data"
STRENGTH_POINT = "{level}: strength {strength}"
STRENGTH_SIGNALS = " (rating {rating}/10)"
CALENDAR_EMPTY = "No entries in this period."
CALENDAR_DAYS = (
    "Journaled on {active} of the {total} days in this period; longest run {run}; "
    "most in one day: {top}."
)
RISING, FALLING, STEADY = "rising from", "falling from", "steady from"
IMPROVING, WORSENING = "landing better, from", "landing worse, from"


# --- numbers in words -------------------------------------------------------------------
def plural(count: int, one: str, many: str | None = None) -> str:
    """ "1 entry", "3 entries"."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def number(value: float) -> str:
    """One decimal at most: 3, 3.5 (a mean need not claim more precision than that)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def signed(value: float) -> str:
    """ "+0.8", "-1.2" (with a real minus sign), "0"."""
    text = number(abs(value))
    if text == "0":
        return "0"
    return f"+{text}" if value > 0 else f"{MINUS}{text}"


def percent(share: float) -> str:
    return f"{share:.0%}"


def day_text(day: date) -> str:
    """ "Tue 3 Mar 2026": unambiguous in every locale's reading of numbers."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def level_name(level: Level | None) -> str:
    return level.title if level is not None else NO_LEVEL


def _direction(start: float, end: float, *, steady: float | None = None) -> str:
    threshold = steady if steady is not None else STEADY_SHARE * max(abs(start), abs(end))
    if abs(end - start) <= threshold:
        return STEADY
    return RISING if end > start else FALLING


def _halves(values: Sequence[float]) -> tuple[float, float] | None:
    """The mean of the first and of the second half (the middle value in neither)."""
    if len(values) < 2:
        return None
    half = len(values) // 2
    first, second = values[:half], values[len(values) - half :]
    return sum(first) / len(first), sum(second) / len(second)


# --- the six charts ---------------------------------------------------------------------
def next_bucket(start: date, bucket: Bucket) -> date:
    """The first day of the bucket after the one starting on ``start``."""
    if bucket is Bucket.WEEK:
        return start + timedelta(days=7)
    return date(start.year + start.month // 12, start.month % 12 + 1, 1)


def activity_summary(
    bars: Sequence[ActivityBar], *, bucket: Bucket, levels: Sequence[Level] = ()
) -> str:
    """Totals, the level with most entries, and entries per bucket first half to second."""
    rows = series.activity_rows(bars, levels)
    if not rows:
        return ACTIVITY_EMPTY
    entries = sum(b.entries for b in rows)
    attempts = sum(b.attempts for b in rows)
    text = ACTIVITY_TOTALS.format(
        entries=plural(entries, "entry", "entries"), attempts=plural(attempts, "attempt")
    )
    per_level: dict[Level | None, int] = defaultdict(int)
    per_bucket: dict[date, int] = defaultdict(int)
    for b in rows:
        per_level[b.level] += b.entries
        per_bucket[b.start] += b.entries
    parts: list[str] = []
    if entries:
        # Ties go to the lower level: the hierarchy's order decides, as everywhere.
        top = max(per_level.items(), key=lambda item: (item[1], -_rank(item[0])))
        parts.append(ACTIVITY_MOST.format(level=level_name(top[0]), count=top[1], total=entries))
        # Buckets with nothing in them are absent from the data but drawn as gaps: count
        # them as zero, from the first bucket shown to the last.
        starts = sorted(per_bucket)
        counts: list[float] = []
        day = starts[0]
        while day <= starts[-1]:
            counts.append(float(per_bucket.get(day, 0)))
            day = next_bucket(day, bucket)
        halves = _halves(counts)
        if halves is not None:
            direction = _direction(*halves)
            parts.append(
                ACTIVITY_TREND.format(
                    bucket=bucket.value,
                    direction=direction,
                    start=number(halves[0]),
                    end=number(halves[1]),
                )
            )
    if parts:
        text += " " + "; ".join(parts) + "."
    return text


def _rank(level: Level | None) -> int:
    return int(level) if level is not None else len(Level) + 1


def ratings_summary(points: Sequence[RatingPoint], *, levels: Sequence[Level] = ()) -> str:
    """How many check-ins, the latest score of each level, and what changed since the first."""
    rows = series.rating_rows(points, levels)
    if not rows:
        return RATINGS_EMPTY
    days = {p.day for p in rows}
    by_level: dict[Level, list[RatingPoint]] = defaultdict(list)
    for p in rows:  # by level, then day
        by_level[p.level].append(p)
    ordered = sorted(by_level)
    latest = ", ".join(f"{level.title} {by_level[level][-1].score}" for level in ordered)
    text = (
        RATINGS_COUNT.format(count=plural(len(days), "check-in"))
        + " "
        + RATINGS_LATEST.format(scores=latest)
    )
    fell: list[tuple[str, int, int]] = []
    rose: list[tuple[str, int, int]] = []
    same: list[str] = []
    for level in ordered:
        if len(by_level[level]) < 2:
            continue
        first, last = by_level[level][0].score, by_level[level][-1].score
        if last != first:
            (rose if last > first else fell).append((level.title, first, last))
        else:
            same.append(level.title)
    changes = [
        _changes(RATINGS_FELL, fell),
        _changes(RATINGS_ROSE, rose),
        RATINGS_SAME.format(levels=", ".join(same)) if same else "",
    ]
    if any(changes):
        text += "; " + "; ".join(change for change in changes if change)
    return text + "."


def _changes(first: str, changes: Sequence[tuple[str, int, int]]) -> str:
    """ "Foundation fell from 7 to 5, Growth from 6 to 5": the verb once per direction."""
    return ", ".join(
        (first if index == 0 else RATINGS_ALSO).format(level=level, start=start, end=end)
        for index, (level, start, end) in enumerate(changes)
    )


def attempts_summary(stats: Sequence[AttemptStats], *, levels: Sequence[Level] = ()) -> str:
    """How many attempts, how often tried fully (the success rate), and how they went."""
    rows = series.attempt_rows(stats, levels)
    if not rows:
        return ATTEMPTS_EMPTY
    yes = sum(s.yes for s in rows)
    partial = sum(s.partial for s in rows)
    no = sum(s.no for s in rows)
    total = yes + partial + no
    text = ATTEMPTS_TOTALS.format(
        attempts=plural(total, "attempt"),
        yes=yes,
        rate=percent(yes / total),
        partial=partial,
        no=no,
    )
    latest: dict[Level, float] = {}
    for s in sorted(rows, key=lambda s: s.start):  # the last point of each level's line
        if s.mean_outcome is not None:
            latest[s.level] = s.mean_outcome
    if latest:
        outcomes = ", ".join(f"{level.title} {signed(latest[level])}" for level in sorted(latest))
        text += " " + ATTEMPTS_OUTCOME.format(outcomes=outcomes)
    return text


def feedback_summary(points: Sequence[FeedbackPoint], *, levels: Sequence[Level] = ()) -> str:
    """How many pieces of feedback, how they landed, and the direction of the mean."""
    rows = series.feedback_rows(points, levels)
    if not rows:
        return FEEDBACK_EMPTY
    sentiments = [float(p.sentiment) for p in rows]
    text = FEEDBACK_TOTALS.format(
        pieces=plural(len(rows), "piece of feedback", "pieces of feedback"),
        positive=sum(1 for s in sentiments if s > 0),
        neutral=sum(1 for s in sentiments if s == 0),
        negative=sum(1 for s in sentiments if s < 0),
        mean=signed(sum(sentiments) / len(sentiments)),
    )
    halves = _halves(sentiments) if len(sentiments) >= 4 else None
    if halves is not None:
        direction = _direction(*halves, steady=STEADY_SCORE)
        words = {RISING: IMPROVING, FALLING: WORSENING}.get(direction, direction)
        text += FEEDBACK_TREND.format(
            direction=words, start=signed(halves[0]), end=signed(halves[1])
        )
    return text + "."


def strength_text(known: LevelStrength) -> str:
    """One level of the pyramid: "Foundation: strength 45% (rating 4.5/10)"."""
    strength = percent(known.strength) if known.strength is not None else HIERARCHY_NO_DATA
    text = STRENGTH_POINT.format(level=known.level.title, strength=strength)
    if known.rating is not None:
        text += STRENGTH_SIGNALS.format(rating=number(known.rating))
    return text


def hierarchy_summary(strengths: Sequence[LevelStrength]) -> str:
    """The weakest level, where to work next (the inside-out rule), each level's strength."""
    known = [s for s in strengths if s.strength is not None]
    if not known:
        return HIERARCHY_EMPTY
    weakest = min(known, key=lambda s: (s.strength, int(s.level)))
    target = work_here_next(strengths)
    assert weakest.strength is not None
    text = HIERARCHY_WEAKEST.format(
        level=weakest.level.title,
        strength=percent(weakest.strength),
        target=target.title if target is not None else HIERARCHY_NONE_WEAK,
    )
    by_level = {s.level: s for s in strengths}
    listed = ", ".join(
        f"{level.title} {percent(s.strength)}"
        if (s := by_level.get(level)) is not None and s.strength is not None
        else f"{level.title} {HIERARCHY_NO_DATA}"
        for level in Level
    )
    return f"{text} {HIERARCHY_STRENGTHS.format(strengths=listed)}"


def longest_run(days: Sequence[date]) -> int:
    """The most days in a row among ``days``."""
    best = run = 0
    previous: date | None = None
    for day in sorted(set(days)):
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        best = max(best, run)
        previous = day
    return best


def calendar_summary(days: Sequence[DayCount], *, period: Period) -> str:
    """On how many days of the period the user wrote, the longest run, the busiest day."""
    counts, first, last = series.calendar_span(days, period)
    if not counts:
        return CALENDAR_EMPTY
    return CALENDAR_DAYS.format(
        active=len(counts),
        total=(last - first).days + 1,
        run=plural(longest_run(list(counts)), "day"),
        top=plural(max(counts.values()), "entry", "entries"),
    )


# --- by chart name --------------------------------------------------------------------
_BUILDERS: dict[str, Callable[[Any, Mapping[str, Any]], str]] = {
    "activity": lambda data, o: activity_summary(
        data, bucket=o.get("bucket", Bucket.WEEK), levels=o.get("levels", ())
    ),
    "ratings": lambda data, o: ratings_summary(data, levels=o.get("levels", ())),
    "attempts": lambda data, o: attempts_summary(data, levels=o.get("levels", ())),
    "feedback": lambda data, o: feedback_summary(data, levels=o.get("levels", ())),
    "hierarchy": lambda data, _o: hierarchy_summary(data),
    "calendar": lambda data, o: calendar_summary(data, period=o.get("period", Period())),
}


def summarise(name: str, data: Any, options: Mapping[str, Any]) -> str:
    """The sentence of chart ``name`` over the data and options its builder gets
    (``services.progress_charts.ChartData``); options a sentence does not need are ignored."""
    return _BUILDERS[name](data, options)
