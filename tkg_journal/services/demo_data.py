"""A realistic, deterministic sample journal: how a new user tries the app, and how the
benchmarks get a journal of 10,000 entries.

:func:`generate` builds plain domain objects (no ids, nothing stored) covering the 910 days
that end at ``today``: entries of every kind and level, behaviour experiments with their
attempts, fortnightly self-ratings and four-weekly coach sessions. The data tells a story the
charts can show: a leader who starts at the bottom of the hierarchy (most entries at
Foundation and Growth, intense and reactive conversations, low self-ratings) and slowly gets
calmer, more constructive and more trusted, with experiments moving up the levels.

The words come from the data files in ``resources/sample/`` (:mod:`.demo_text`); the
entries are drawn in :mod:`.demo_entries`, the experiments, ratings and sessions in
:mod:`.demo_coaching`, the people in :mod:`.demo_cast`.

Sizes: ``entries`` sets the number of entries and, at about one per hundred, of experiments
(at least six from 50 entries up, fewer below; none at 0). Check-ins and coach sessions
depend on the time span only, so ``entries=0`` gives a journal with ratings and sessions but
no entries and no experiments.

The same arguments always give the same journal: everything is drawn from
``random.Random(seed)``; the ratings and sessions come from their own streams split off that
seed, so a 200-entry trial and a 10,000-entry benchmark share them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from tkg_journal.domain.coach_sessions import CoachSession
from tkg_journal.domain.entries import Entry
from tkg_journal.domain.ratings import RatingCheckin
from tkg_journal.services.demo_cast import SPAN_DAYS, make_cast
from tkg_journal.services.demo_coaching import (
    DemoExperiment,
    DemoLink,
    experiment_count,
    link_latest_session,
    make_checkins,
    make_experiments,
    make_sessions,
)
from tkg_journal.services.demo_entries import make_entries
from tkg_journal.services.demo_text import sample_text

__all__ = ["DemoExperiment", "DemoJournal", "DemoLink", "generate"]


@dataclass(frozen=True, slots=True)
class DemoJournal:
    entries: tuple[Entry, ...]
    experiments: tuple[DemoExperiment, ...]
    checkins: tuple[RatingCheckin, ...]
    sessions: tuple[CoachSession, ...]
    # Kept apart from ``sessions`` so that the sessions stay the same whatever the number
    # of entries (and so of experiments).
    links: tuple[DemoLink, ...] = ()


def generate(*, entries: int, seed: int, today: date, tz: tzinfo) -> DemoJournal:
    """A sample journal of ``entries`` entries over the 910 days ending at ``today``.

    Entry times are local working hours in ``tz``; nothing is dated after ``today`` except
    what is by nature in the future (the planned experiment, due dates of open work).

    Raises:
        ValueError: ``entries`` is negative.
        demo_text.SampleDataError: the installed sample data is missing or damaged.
    """
    if entries < 0:
        raise ValueError(f"entries must be 0 or more, not {entries}")
    text = sample_text()
    master = random.Random(seed)
    # Separate streams so that the number of entries does not change the ratings and sessions.
    cast_rng, entry_rng, experiment_rng, checkin_rng, session_rng = (
        random.Random(master.getrandbits(64)) for _ in range(5)
    )
    start = today - timedelta(days=SPAN_DAYS)
    cast = make_cast(cast_rng, text.people)
    made_entries = make_entries(entry_rng, text, cast, entries, start, tz)
    experiments = make_experiments(
        experiment_rng, text, cast, experiment_count(entries), (start, today), tz
    )
    sessions = make_sessions(session_rng, text, cast, start, today)
    return DemoJournal(
        entries=made_entries,
        experiments=experiments,
        checkins=make_checkins(checkin_rng, text.sessions, start, today),
        sessions=sessions,
        links=link_latest_session(sessions, experiments),
    )
