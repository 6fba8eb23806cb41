"""The coaching side of a sample journal: behaviour experiments with their attempts,
fortnightly self-ratings and four-weekly coach sessions with their commitments.

Experiments move up the levels over time and end in every status (most completed, some
abandoned, two or three still active with the oldest overdue, one planned); two of them
belong to the story the patterns tell (demo_cast). Ratings climb from a generous start at
the top of the hierarchy and a low one at its foundation, which dips in the last months.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta, tzinfo

from tkg_journal.domain.coach_sessions import CoachSession, Commitment
from tkg_journal.domain.experiments import Attempt, DidIt, Experiment, ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.domain.ratings import RatingCheckin
from tkg_journal.services.demo_cast import (
    PEER_EXPERIMENT_START,
    SPAN_DAYS,
    STORY_START,
    Cast,
    capital,
    clamp,
    level_at,
    local_time,
)
from tkg_journal.services.demo_text import Experiments, People, SampleText, Sessions


@dataclass(frozen=True, slots=True)
class DemoExperiment:
    """An experiment (``id`` None) with its attempts, whose ``experiment_id`` is a placeholder
    0: the caller stores the experiment first and then sets the real id on each attempt."""

    experiment: Experiment
    attempts: tuple[Attempt, ...]


@dataclass(frozen=True, slots=True)
class DemoLink:
    """A commitment that became an experiment, by position (nothing has an id yet):
    ``sessions[session].commitments[commitment]`` is linked to ``experiments[experiment]``
    once both are stored."""

    session: int
    commitment: int
    experiment: int


_OUTCOMES: dict[DidIt, tuple[tuple[int, ...], tuple[int, ...]]] = {
    DidIt.YES: ((0, 1, 2), (1, 5, 8)),
    DidIt.PARTIAL: ((-1, 0, 1), (2, 5, 8)),
    DidIt.NO: ((-2, -1, 0), (3, 7, 10)),
}
# Self-ratings at the start and the end of the span: leaders tend to rate the top of the
# hierarchy generously at first, and the foundation grows most once the work starts.
_RATING_PATH: dict[Level, tuple[float, float]] = {
    Level.FOUNDATION: (3.5, 7.5),
    Level.GROWTH: (4.0, 7.2),
    Level.EMPOWERMENT: (4.6, 6.8),
    Level.GUIDANCE: (5.5, 6.7),
    Level.MASTERY: (5.0, 6.2),
}
#: Over the last days of the span the Foundation rating dips by up to this much (the
#: story: a hard quarter, and the root hint that goes with it), from about 7 to 5.
_FOUNDATION_DIP = (75, 2.5)
#: In the last months the Foundation ratings wobble less than the others, so that the
#: story reads the same whatever the seed.
_STEADY_DAYS, _STEADY_NOISE = 120, 0.25
#: The latest session lies at least this many days back, so that one of its commitments
#: can already be overdue (due after the session, before today).
_LAST_SESSION_MIN_AGE = 3
#: A commitment forgotten for longer than this was cleaned up (marked done) by now.
_FORGOTTEN_DAYS = 60


# --- experiments ----------------------------------------------------------------------


def experiment_count(entries: int) -> int:
    """About one per hundred entries: at least six from 50 entries up, fewer below."""
    if entries >= 50:
        return max(6, round(entries / 100))
    return min(6, entries // 8)


def _schedule(
    rng: random.Random, count: int, start: date, today: date
) -> list[tuple[ExperimentStatus, date, date]]:
    """(status, start, due) oldest first: closed ones spread over the span, then 2-3 active
    ones (the oldest of them overdue), then one planned."""
    if count == 0:
        return []
    active = min(3 if count >= 8 else 2, count - 1)
    closed = count - 1 - active
    plan: list[tuple[ExperimentStatus, date, date]] = []
    window = SPAN_DAYS - 110
    abandoned: set[int] = set()
    if closed >= 3:
        abandoned.update(rng.sample(range(closed), max(1, round(closed * 0.15))))
    for i in range(closed):
        begin = start + timedelta(days=i * window // closed + rng.randint(0, 10))
        status = ExperimentStatus.ABANDONED if i in abandoned else ExperimentStatus.COMPLETED
        plan.append((status, begin, begin + timedelta(days=rng.randint(14, 42))))
    recent = (((35, 50), (21, 28)), ((10, 25), (28, 42)), ((2, 8), (21, 35)))
    for (ago_lo, ago_hi), (len_lo, len_hi) in recent[:active]:
        begin = today - timedelta(days=rng.randint(ago_lo, ago_hi))
        plan.append(
            (ExperimentStatus.ACTIVE, begin, begin + timedelta(days=rng.randint(len_lo, len_hi)))
        )
    begin = today + timedelta(days=rng.randint(3, 10))
    plan.append((ExperimentStatus.PLANNED, begin, begin + timedelta(days=rng.randint(21, 35))))
    return plan


def _attempts(
    rng: random.Random,
    text: SampleText,
    cast: Cast,
    level: Level,
    dates: tuple[date, date],
    progress: float,
    many: int,
    tz: tzinfo,
    about: str | None = None,
) -> tuple[Attempt, ...]:
    """The attempts of one experiment; ``about`` names the person every attempt was with
    (the story's experiments), whose situations are then those that name someone."""
    people: People = text.people
    situations = text.experiments.situations[level]
    if about is not None:
        situations = tuple(s for s in situations if "{name}" in s) or situations
    first, last = dates
    span = (last - first).days
    count = min(many, max(3, span + 1))
    days = sorted(rng.randint(0, span) for _ in range(count))
    attempts = []
    for j, day in enumerate(days):
        along = j / max(1, count - 1)
        yes = 0.2 + 0.35 * along + 0.25 * progress
        no = max(0.05, 0.4 - 0.25 * along - 0.15 * progress)
        roll = rng.random()
        did = DidIt.YES if roll < yes else (DidIt.NO if roll > 1 - no else DidIt.PARTIAL)
        values, cum = _OUTCOMES[did]
        ctx = {
            "name": about or rng.choice(cast.team_at(progress)).name,
            "project": rng.choice(people.projects),
            "meeting": rng.choice(people.meetings),
        }
        notes = text.experiments.attempt_notes[did]
        attempts.append(
            Attempt(
                experiment_id=0,
                occurred_at=local_time(
                    first + timedelta(days=day), rng.randint(8, 19), rng.randrange(60), tz
                ),
                did_it=did,
                outcome=rng.choices(values, cum_weights=cum)[0],
                situation=rng.choice(situations).format_map(ctx),
                note=rng.choice(notes).format_map(ctx) if rng.random() < 0.8 else "",
            )
        )
    return tuple(sorted(attempts, key=lambda a: a.occurred_at))


def make_experiments(
    rng: random.Random,
    text: SampleText,
    cast: Cast,
    count: int,
    span: tuple[date, date],
    tz: tzinfo,
) -> tuple[DemoExperiment, ...]:
    """``count`` experiments over ``span`` (its first day and today), oldest first."""
    start, today = span
    words: Experiments = text.experiments
    used: dict[tuple[Level, int], int] = {}
    running: set[tuple[Level, int]] = set()
    result = []
    schedule = _schedule(rng, count, start, today)
    for status, begin, due in schedule:
        progress = min(1.0, max(0, (begin - start).days) / SPAN_DAYS)
        while True:
            level = level_at(rng, progress)
            index = rng.randrange(len(words.templates[level]))
            # A second round of an experiment only makes sense once the first is closed.
            if not (status.is_open and (level, index) in running):
                break
        if status.is_open:
            running.add((level, index))
        template = words.templates[level][index]
        used[level, index] = rounds = used.get((level, index), 0) + 1
        title = template.title
        if rounds > 1:
            title = words.round_title.format(title=title, round=rounds)
        plan = _Plan(status, begin, due, level, index, title)
        result.append(_experiment(rng, text, cast, plan, (start, today), tz))
    # The story's two replace the experiments nearest their dates, drawn from a stream of
    # their own: every other experiment stays as the seed has always made it.
    for position, (status, begin, due, index, about) in _story_plan(
        schedule, words, cast, start
    ).items():
        title = words.templates[Level.GROWTH][index].title
        plan = _Plan(status, begin, due, Level.GROWTH, index, title)
        story_rng = random.Random(rng.getrandbits(64))
        result[position] = _experiment(story_rng, text, cast, plan, (start, today), tz, about)
    return tuple(result)


@dataclass(frozen=True, slots=True)
class _Plan:
    status: ExperimentStatus
    begin: date
    due: date
    level: Level
    index: int
    title: str


def _experiment(
    rng: random.Random,
    text: SampleText,
    cast: Cast,
    plan: _Plan,
    span: tuple[date, date],
    tz: tzinfo,
    about: str | None = None,
) -> DemoExperiment:
    start, today = span
    words = text.experiments
    status, begin, due, level = plan.status, plan.begin, plan.due, plan.level
    template = words.templates[level][plan.index]
    progress = min(1.0, max(0, (begin - start).days) / SPAN_DAYS)
    belief_before = clamp(10 + rng.random() * 35 + 15 * progress, 10, 60)
    belief_after: int | None = None
    learning = abandon_reason = ""
    last = min(due, today)
    if status is ExperimentStatus.COMPLETED:
        gain = rng.randint(10, 35) if rng.random() < 0.85 else rng.randint(-10, 5)
        belief_after = clamp(belief_before + gain, 0, 100)
        learned = (rng.choice(words.learnings[level]), rng.choice(words.learning_tails))
        learning = " ".join(part for part in learned if part)
    elif status is ExperimentStatus.ABANDONED:
        abandon_reason = rng.choice(words.abandon_reasons)
        last = begin + timedelta(days=max(2, (due - begin).days * rng.randint(3, 7) // 10))
    experiment = Experiment(
        title=plan.title,
        level=level,
        trigger=template.trigger,
        old_behaviour=template.old_behaviour,
        new_response=template.new_response,
        prediction=template.prediction,
        success_criteria=template.success_criteria,
        start_date=begin,
        due_date=due,
        status=status,
        belief_before=belief_before,
        belief_after=belief_after,
        learning=learning,
        abandon_reason=abandon_reason,
        ended_on=None if status.is_open else last,
    )
    attempts: tuple[Attempt, ...] = ()
    if status is not ExperimentStatus.PLANNED:
        many = rng.randint(3, 5) if status is ExperimentStatus.ABANDONED else rng.randint(3, 12)
        attempts = _attempts(rng, text, cast, level, (begin, last), progress, many, tz, about)
    return DemoExperiment(experiment, attempts)


Story = tuple[ExperimentStatus, date, date, int, str]


def _template_index(words: Experiments, trigger_word: str) -> int:
    growth = words.templates[Level.GROWTH]
    return next((i for i, t in enumerate(growth) if trigger_word in t.trigger), 0)


def _story_plan(
    schedule: list[tuple[ExperimentStatus, date, date]],
    words: Experiments,
    cast: Cast,
    start: date,
) -> dict[int, Story]:
    """The two experiments of the story (demo_cast), by position in ``schedule``: the
    closed ones nearest the story's dates become "raise it after the first miss" with the
    direct report (completed: it worked) and "coffee before conflict" with the peer
    (abandoned: the friction stayed). Too few experiments: no story."""
    closed = [i for i, (status, _b, _d) in enumerate(schedule) if not status.is_open]
    plan: dict[int, Story] = {}
    for at, status, trigger_word, person in (
        (STORY_START, ExperimentStatus.COMPLETED, "direct report", cast.focus.name),
        (PEER_EXPERIMENT_START, ExperimentStatus.ABANDONED, "peer", cast.rival.name),
    ):
        day = start + timedelta(days=round(at * SPAN_DAYS))
        free = [i for i in closed if i not in plan]
        if not free:
            break
        position = min(free, key=lambda i: abs((schedule[i][1] - day).days))
        length = (schedule[position][2] - schedule[position][1]).days
        plan[position] = (
            status,
            day,
            day + timedelta(days=length),
            _template_index(words, trigger_word),
            person,
        )
    return plan


# --- ratings and sessions -------------------------------------------------------------


def make_checkins(
    rng: random.Random, words: Sessions, start: date, today: date
) -> tuple[RatingCheckin, ...]:
    """A rating of every level about every fortnight from ``start`` to ``today``."""
    checkins = []
    day = start + timedelta(days=rng.randint(0, 6))
    while day <= today:
        progress = (day - start).days / SPAN_DAYS
        dip_days, dip = _FOUNDATION_DIP
        into_dip = max(0.0, 1 - (today - day).days / dip_days)
        steady = (today - day).days < _STEADY_DAYS
        scores = {}
        for level, (low, high) in _RATING_PATH.items():
            noise = rng.gauss(0, 0.6)
            if level is Level.FOUNDATION:
                noise = noise * _STEADY_NOISE if steady else noise
                noise -= dip * into_dip
            scores[level] = clamp(low + (high - low) * progress + noise, 1, 10)
        note = rng.choice(words.rating_notes) if rng.random() < 0.45 else ""
        checkins.append(RatingCheckin(rated_on=day, scores=scores, note=note))
        day += timedelta(days=14 + rng.randint(-2, 2))
    return tuple(checkins)


def make_sessions(
    rng: random.Random, text: SampleText, cast: Cast, start: date, today: date
) -> tuple[CoachSession, ...]:
    """A coach session about every four weeks, on working days, with 1-3 commitments."""
    words: Sessions = text.sessions
    sessions = []
    day = start + timedelta(days=rng.randint(2, 10))
    while True:
        if day.weekday() >= 5:
            day += timedelta(days=7 - day.weekday())
        if day > today - timedelta(days=_LAST_SESSION_MIN_AGE):
            break
        progress = (day - start).days / SPAN_DAYS
        ctx = {
            "name": rng.choice(cast.team_at(progress)).name,
            "project": rng.choice(text.people.projects),
            "meeting": rng.choice(text.people.meetings),
            "func": rng.choice(cast.peers).role,
        }
        topics = "; ".join(rng.sample(words.topics, rng.randint(2, 3))).format_map(ctx)
        notes = " ".join(rng.sample(words.notes, rng.randint(2, 4))).format_map(ctx)
        commitments = []
        for commitment in rng.sample(words.commitments, rng.randint(1, 3)):
            due = day + timedelta(days=rng.randint(7, 14))
            # Most are done a week after they fall due; the few forgotten ones were
            # cleaned up later, so none lingers for months in "Due and overdue".
            done = due < today - timedelta(days=7) and (
                rng.random() < 0.92 or due < today - timedelta(days=_FORGOTTEN_DAYS)
            )
            commitments.append(Commitment(commitment.format_map(ctx), due_date=due, done=done))
        sessions.append(
            CoachSession(
                held_on=day, topics=capital(topics), notes=notes, commitments=tuple(commitments)
            )
        )
        day += timedelta(days=28 + rng.randint(-4, 4))
    if sessions:
        sessions[-1] = _follow_up(rng, words, sessions[-1], today)
    return tuple(sessions)


def _follow_up(
    rng: random.Random, words: Sessions, session: CoachSession, today: date
) -> CoachSession:
    """The latest session shows both ways a commitment is followed up: an action item
    already overdue (its first), and one that became an experiment (its last; linked when
    the journal is stored)."""
    first, *rest = session.commitments
    days_to_yesterday = (today - session.held_on).days - 1
    overdue = replace(
        first,
        due_date=session.held_on + timedelta(days=rng.randint(1, days_to_yesterday)),
        done=False,
    )
    experiment = Commitment(
        words.experiment_commitment, due_date=session.held_on + timedelta(days=14)
    )
    return replace(session, commitments=(overdue, *rest[:1], experiment))


def link_latest_session(
    sessions: tuple[CoachSession, ...], experiments: tuple[DemoExperiment, ...]
) -> tuple[DemoLink, ...]:
    """Link the latest session's experiment commitment to the open experiment that started
    first on or after that session (else the planned one, else the latest started)."""
    if not sessions or not experiments:
        return ()
    held_on = sessions[-1].held_on
    open_ones = [
        (item.experiment.start_date or held_on, position)
        for position, item in enumerate(experiments)
        if item.experiment.status.is_open
    ]
    if not open_ones:
        return ()
    after = [pair for pair in open_ones if pair[0] >= held_on]
    _start, position = min(after) if after else max(open_ones)
    return (DemoLink(len(sessions) - 1, len(sessions[-1].commitments) - 1, position),)
