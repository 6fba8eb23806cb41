"""Did an experiment change something? The intensity of the difficult conversations it is
about, before it started and since (no I/O).

A conversation is about an experiment when it was with a person the experiment names (in
its plan, its attempts' situations and notes, or the "Who" of the entry it was made from),
or when what happened shares the trigger's significant words (two of them, or the one a
one-word trigger has; see :mod:`.pattern_text`). Its intensity is compared over two
windows of :data:`WINDOW_DAYS` days: the one that ends when the experiment starts, and
the one that starts with it (up to today). A change of :data:`~.patterns.STEADY_BAND`
or more, each window holding :data:`MIN_WINDOW_CONVERSATIONS` rated conversations or
more, is a change.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import chain

from tkg_journal.domain.experiments import ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.domain.pattern_text import (
    StemFinder,
    mentioned,
    most_common_spelling,
    person_key,
    person_names,
    significant,
)

#: The length of the windows before and since an experiment's start (days).
WINDOW_DAYS = 90
#: Each window needs this many rated conversations for a change to count.
MIN_WINDOW_CONVERSATIONS = 3
#: A change of the mean intensity this large (either way) is a change (= patterns.STEADY_BAND).
CHANGE_BAND = 1.0

#: A difficult conversation as read for this: ``(entry id, day, who, intensity, what
#: happened)``; ``day`` a Julian day number (UTC), as :data:`.patterns.PatternRow` has it.
ConversationText = tuple[int, float, str, int | None, str]


@dataclass(frozen=True, slots=True)
class AttemptTally:
    """An experiment's attempts: how many were done, partly done or not, and their mean
    outcome (-2..2) where one was given."""

    yes: int = 0
    partial: int = 0
    no: int = 0
    mean_outcome: float | None = None

    @property
    def total(self) -> int:
        return self.yes + self.partial + self.no


@dataclass(frozen=True, slots=True)
class ExperimentFacts:
    """What the computation needs of one experiment (read by storage)."""

    experiment_id: int
    title: str
    level: Level
    status: ExperimentStatus
    start: date
    trigger: str
    #: The other texts that may name people: plan, attempts' situations and notes.
    texts: tuple[str, ...]
    #: The "Who" of the entry the experiment was made from ("" if none).
    source_who: str
    attempts: AttemptTally


@dataclass(frozen=True, slots=True)
class IntensityWindow:
    """The rated conversations about an experiment from ``first_day`` to ``last_day``."""

    first_day: date
    last_day: date
    conversations: int
    mean_intensity: float | None
    entry_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ExperimentEffect:
    experiment_id: int
    title: str
    level: Level
    status: ExperimentStatus
    start: date
    people: tuple[str, ...]
    trigger_words: tuple[str, ...]
    before: IntensityWindow
    since: IntensityWindow
    attempts: AttemptTally

    @property
    def change(self) -> float | None:
        """Mean intensity since minus before; negative is calmer. None when a window has
        too few conversations to compare."""
        if (
            self.before.conversations < MIN_WINDOW_CONVERSATIONS
            or self.since.conversations < MIN_WINDOW_CONVERSATIONS
            or self.before.mean_intensity is None
            or self.since.mean_intensity is None
        ):
            return None
        return self.since.mean_intensity - self.before.mean_intensity

    @property
    def changed_something(self) -> bool:
        change = self.change
        return change is not None and abs(change) >= CHANGE_BAND


def _window(
    positions: Sequence[int],
    ids: Sequence[int],
    intensities: Sequence[int | None],
    first: date,
    last: date,
) -> IntensityWindow:
    """The window of the conversations at ``positions`` (in time order)."""
    rated = [r for r in map(intensities.__getitem__, positions) if r is not None]
    return IntensityWindow(
        first_day=first,
        last_day=last,
        conversations=len(rated),
        mean_intensity=sum(rated) / len(rated) if rated else None,
        entry_ids=tuple(map(ids.__getitem__, positions)),
    )


def effects(
    experiments: Sequence[ExperimentFacts],
    conversations: Sequence[ConversationText],
    *,
    day_start: Callable[[date], float],
    today: date,
) -> tuple[ExperimentEffect, ...]:
    """The effect of each experiment that has started by ``today``: those that changed
    something first (the largest change first), then the others, latest start first.

    ``conversations`` are in time order; ``day_start(d)`` is the Julian day of the local
    midnight that starts ``d`` (the caller knows the time zone)."""
    started = [facts for facts in experiments if facts.start <= today]
    spellings: dict[str, dict[str, int]] = {}
    keys_of: dict[str, tuple[str, ...]] = {}
    for row in conversations:
        if row[2] not in keys_of:
            names = person_names(row[2])
            keys_of[row[2]] = tuple(person_key(n) for n in names)
            for name in names:
                counts = spellings.setdefault(person_key(name), {})
                counts[name] = counts.get(name, 0) + 1
    shown = {key: most_common_spelling(counts) for key, counts in spellings.items()}
    single_names = frozenset(key for key in shown if " " not in key)
    triggers = {
        facts.experiment_id: {
            s: w for clause in significant(facts.trigger, single_names) for s, w in clause
        }
        for facts in started
    }
    # Postings, as a search index has them: the conversations (by position, in time order)
    # of each person, and of each word some trigger holds. Each text is read once.
    wanted = frozenset(s for words in triggers.values() for s in words)
    find = StemFinder(wanted)
    by_person: dict[str, list[int]] = {}
    by_stem: dict[str, list[int]] = {}
    for i, row in enumerate(conversations):
        for key in keys_of[row[2]]:
            by_person.setdefault(key, []).append(i)
        if wanted and row[4]:
            for s in find(row[4]):
                by_stem.setdefault(s, []).append(i)
    # Columns, so that a window is gathered by position in C (map over a list's
    # __getitem__) and split by bisecting positions: the windows of a thousand experiments
    # over a large journal were most of this part's time.
    ids = [row[0] for row in conversations]
    days = [row[1] for row in conversations]
    intensities = [row[3] for row in conversations]
    mentionable = [key for key in shown if key.count(" ") <= 1]
    found: list[ExperimentEffect] = []
    for facts in started:
        people = mentioned(" ".join((facts.title, facts.trigger, *facts.texts)), mentionable)
        people |= {person_key(n) for n in person_names(facts.source_who)} & shown.keys()
        written = triggers[facts.experiment_id]
        need = min(2, len(written))
        before_first = facts.start - timedelta(days=WINDOW_DAYS)
        since_last = min(facts.start + timedelta(days=WINDOW_DAYS - 1), today)
        low = bisect_left(days, day_start(before_first))
        high = bisect_left(days, day_start(since_last + timedelta(days=1)))
        about: set[int] = set()
        for key in people:
            about.update(_between(by_person.get(key, []), low, high))
        if need:
            hits = Counter(
                chain.from_iterable(_between(by_stem.get(s, []), low, high) for s in written)
            )
            about.update(i for i, n in hits.items() if n >= need)
        positions = sorted(about)
        split = bisect_left(positions, bisect_left(days, day_start(facts.start)))
        found.append(
            ExperimentEffect(
                experiment_id=facts.experiment_id,
                title=facts.title,
                level=facts.level,
                status=facts.status,
                start=facts.start,
                people=tuple(sorted((shown[k] for k in people), key=str.casefold)),
                trigger_words=tuple(written.values()),
                before=_window(
                    positions[:split],
                    ids,
                    intensities,
                    before_first,
                    facts.start - timedelta(days=1),
                ),
                since=_window(positions[split:], ids, intensities, facts.start, since_last),
                attempts=facts.attempts,
            )
        )
    found.sort(
        key=lambda e: (
            not e.changed_something,
            -abs(e.change or 0.0) if e.changed_something else 0.0,
            -e.start.toordinal(),
            e.experiment_id,
        )
    )
    return tuple(found)


def _between(positions: list[int], low: int, high: int) -> list[int]:
    """The positions from ``low`` (included) to ``high`` (excluded) of a sorted list."""
    return positions[bisect_left(positions, low) : bisect_left(positions, high)]
