"""What a pre-session summary counts and lists over a period, in SQL.

The period arrives as a ``TimeRange`` of stored UTC times (the local midnights around its
days, see ``services.progress.time_range``) for timestamped rows, and as local ISO days for
the day columns (check-ins, experiment start and end days). Counting is GROUP BY over the
indexed ``occurred_at``; only the entries and attempts the summary prints are loaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from tkg_journal.domain.entries import Entry, EntryKind
from tkg_journal.domain.experiments import Attempt, DidIt
from tkg_journal.domain.levels import Level
from tkg_journal.storage import entry_repository, experiment_repository
from tkg_journal.storage.database import Database
from tkg_journal.storage.progress_repository import TimeRange, conditions


def entry_counts(db: Database, *, span: TimeRange) -> dict[Level | None, tuple[int, int]]:
    """(entries, shared entries) per level; ``None``: entries without a level."""
    where, params = conditions("occurred_at", span)
    rows = db.query(
        f"SELECT level, count(*), sum(share_with_coach) FROM entries WHERE {where} GROUP BY level",
        params,
    )
    return {
        (Level(level) if level else None): (int(n), int(shared or 0)) for level, n, shared in rows
    }


def attempt_counts(db: Database, *, span: TimeRange) -> dict[Level, dict[DidIt, int]]:
    """Attempts per level of their experiment and per "did it"."""
    where, params = conditions("a.occurred_at", span)
    rows = db.query(
        "SELECT x.level, a.did_it, count(*) FROM attempts a "
        f"JOIN experiments x ON x.id = a.experiment_id WHERE {where} GROUP BY x.level, a.did_it",
        params,
    )
    counts: dict[Level, dict[DidIt, int]] = {}
    for level, did_it, n in rows:
        counts.setdefault(Level(level), {})[DidIt(did_it)] = int(n)
    return counts


def scores_on_or_before(db: Database, *, day: date) -> dict[Level, int]:
    """Each level's score in its latest check-in on or before ``day``."""
    return _latest_scores(db, "c2.rated_on <= ?", [day.isoformat()])


def scores_between(db: Database, *, since: date, until: date, first: bool) -> dict[Level, int]:
    """Each level's score in its first (``first``) or last check-in from ``since`` to
    ``until``, both included."""
    return _latest_scores(
        db, "c2.rated_on BETWEEN ? AND ?", [since.isoformat(), until.isoformat()], first=first
    )


def _latest_scores(
    db: Database, where: str, params: list[Any], *, first: bool = False
) -> dict[Level, int]:
    """``where``: a condition on the check-ins ``c2`` to pick each level's first or last
    rated day from."""
    pick = "min" if first else "max"
    rows = db.query(
        "SELECT r.level, r.score FROM level_ratings r "
        "JOIN rating_checkins c ON c.id = r.checkin_id "
        f"JOIN (SELECT r2.level AS level, {pick}(c2.rated_on) AS day FROM level_ratings r2 "
        "JOIN rating_checkins c2 ON c2.id = r2.checkin_id "
        f"WHERE {where} GROUP BY r2.level) pick "
        "ON pick.level = r.level AND pick.day = c.rated_on",
        params,
    )
    return {Level(level): int(score) for level, score in rows}


def entries(
    db: Database, *, span: TimeRange, shared_only: bool, kind: EntryKind | None = None
) -> list[Entry]:
    """Whole entries in the span, by level (no level last), then time."""
    where, params = conditions("occurred_at", span)
    if shared_only:
        where += " AND share_with_coach = 1"
    if kind is not None:
        where += " AND kind = ?"
        params.append(kind.value)
    return entry_repository.load(
        db, where=where, params=params, order="level IS NULL, level, occurred_at, id"
    )


def entries_by_id(db: Database, *, entry_ids: Sequence[int]) -> list[Entry]:
    """The entries with these ids that exist, oldest first."""
    if not entry_ids:
        return []
    marks = ", ".join("?" * len(entry_ids))
    return entry_repository.load(
        db, where=f"id IN ({marks})", params=list(entry_ids), order="occurred_at, id"
    )


def feedback_stats(db: Database, *, span: TimeRange) -> tuple[int, float | None, int, int]:
    """Feedback entries in the span: (count, mean sentiment of those rated, positive,
    negative)."""
    where, params = conditions("occurred_at", span)
    row = db.query_one(
        "SELECT count(*), avg(sentiment), sum(sentiment > 0), sum(sentiment < 0) "
        f"FROM entries WHERE kind = 'feedback' AND {where}",
        params,
    )
    assert row is not None
    count, mean, positive, negative = row
    return int(count), None if mean is None else float(mean), int(positive or 0), int(negative or 0)


def touched_experiment_ids(db: Database, *, span: TimeRange, since: date, until: date) -> list[int]:
    """Experiments with an attempt in the span, or started or ended on a day of it; by
    level, then id."""
    where, params = conditions("a.occurred_at", span)
    rows = db.query(
        "SELECT id FROM experiments WHERE id IN ("
        f"SELECT a.experiment_id FROM attempts a WHERE {where}) "
        "OR start_date BETWEEN ? AND ? OR ended_on BETWEEN ? AND ? ORDER BY level, id",
        [*params, since.isoformat(), until.isoformat(), since.isoformat(), until.isoformat()],
    )
    return [int(r[0]) for r in rows]


def attempts(
    db: Database, *, experiment_ids: Sequence[int], span: TimeRange
) -> dict[int, list[Attempt]]:
    """The attempts in the span of each experiment, oldest first."""
    if not experiment_ids:
        return {}
    where, params = conditions("occurred_at", span)
    marks = ", ".join("?" * len(experiment_ids))
    rows = db.query(
        f"SELECT {experiment_repository.ATTEMPT_FIELDS} FROM attempts "
        f"WHERE experiment_id IN ({marks}) AND {where} ORDER BY occurred_at, id",
        [*experiment_ids, *params],
    )
    found: dict[int, list[Attempt]] = {}
    for row in rows:
        found.setdefault(row[1], []).append(experiment_repository.attempt_from_row(row))
    return found


def attempt_totals(db: Database, *, experiment_ids: Sequence[int]) -> dict[int, int]:
    if not experiment_ids:
        return {}
    marks = ", ".join("?" * len(experiment_ids))
    rows = db.query(
        f"SELECT experiment_id, count(*) FROM attempts WHERE experiment_id IN ({marks}) "
        "GROUP BY experiment_id",
        list(experiment_ids),
    )
    return {int(i): int(n) for i, n in rows}


def experiment_counts(db: Database, *, since: date, until: date) -> tuple[int, int]:
    """(active now, completed on a day of the period)."""
    row = db.query_one(
        "SELECT sum(status = 'active'), "
        "sum(status = 'completed' AND ended_on BETWEEN ? AND ?) FROM experiments",
        (since.isoformat(), until.isoformat()),
    )
    assert row is not None
    return int(row[0] or 0), int(row[1] or 0)
