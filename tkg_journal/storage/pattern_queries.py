"""The reads behind patterns (domain/patterns.py): only the columns each computation needs,
in one pass per table, with SQLite doing the date arithmetic and the counting.

Reading is the cost: the entries table holds everything a leader wrote, so a query that
reads it for conversations decrypts most of its pages whatever columns it returns (0.3 s
of CPU at 100,000 entries). The people, feelings and root hints therefore share one read
of the conversations and feedback (:func:`pattern_rows`), and it is answered from an
index that holds just its columns for just those rows (``entries_for_patterns``, schema
9; its WHERE and :data:`FOR_PATTERNS` must agree, see there): 1,400 pages at 100,000
entries instead of most of the table (0.09 s of CPU, mostly building the rows). Only the
experiments' effects read the table itself, for the conversations' "What happened", over
the windows around the experiments.

Rows come back as the plain tuples the domain documents (building an object per row
would cost as much as reading it). Times are stored as UTC text; SQLite turns them into
a Julian day number (``julianday``), which the domain compares with local midnights.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tkg_journal.domain.experiment_effects import AttemptTally, ConversationText, ExperimentFacts
from tkg_journal.domain.experiments import ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.domain.patterns import PatternRow
from tkg_journal.domain.triggers import SituationText
from tkg_journal.storage import clock
from tkg_journal.storage.database import Database
from tkg_journal.storage.progress_repository import TimeRange, conditions

_SHARED = " AND share_with_coach = 1"

#: The rows :func:`pattern_rows` reads, in the words of the WHERE of the index that holds
#: them (``entries_for_patterns``, schema 9): SQLite uses a partial index only for a query
#: whose WHERE says what the index's does, so this text and the index's must not drift
#: apart (tests/integration/test_pattern_queries.py checks the plan).
FOR_PATTERNS = "kind IN ('conversation', 'feedback')"


def pattern_rows(db: Database, *, span: TimeRange, shared_only: bool) -> list[PatternRow]:
    """Every difficult conversation and piece of feedback in ``span``, oldest first (see
    :data:`~tkg_journal.domain.patterns.PatternRow`). For feedback, "who" is its source."""
    where, params = conditions("occurred_at", span)
    # A damaged time reads as NULL in julianday(): such a row keeps its place, at day 0.
    return db.query(
        "SELECT id, kind, coalesce(julianday(occurred_at), 0.0), level, "
        "CASE WHEN who != '' THEN who ELSE feedback_source END, feeling, intensity, sentiment "
        f"FROM entries WHERE {FOR_PATTERNS} AND {where}{_SHARED if shared_only else ''} "
        "ORDER BY occurred_at, id",
        params,
    )


def names_written(db: Database) -> list[str]:
    """Every "Who" and feedback source the journal holds, each spelling once (from the
    patterns index: no entry text is read)."""
    return [
        who
        for (who,) in db.query(
            "SELECT DISTINCT CASE WHEN who != '' THEN who ELSE feedback_source END "
            f"FROM entries WHERE {FOR_PATTERNS}"
        )
        if who
    ]


def entries_per_level(db: Database, *, span: TimeRange, shared_only: bool) -> dict[Level, int]:
    """How many entries of any kind each level holds in ``span``."""
    where, params = conditions("occurred_at", span)
    rows = db.query(
        f"SELECT level, count(*) FROM entries WHERE level IS NOT NULL AND {where}"
        f"{_SHARED if shared_only else ''} GROUP BY level",
        params,
    )
    return {Level(level): int(n) for level, n in rows if level in _RANKS}


def ratings_by_level(db: Database, *, since: date, until: date) -> dict[Level, list[int]]:
    """Each level's self-ratings from ``since`` to ``until`` (both included), in day order."""
    rows = db.query(
        "SELECT r.level, r.score FROM rating_checkins c "
        "JOIN level_ratings r ON r.checkin_id = c.id "
        "WHERE c.rated_on BETWEEN ? AND ? ORDER BY c.rated_on, r.level",
        (since.isoformat(), until.isoformat()),
    )
    found: dict[Level, list[int]] = {}
    for level, score in rows:
        if level in _RANKS and score is not None:
            found.setdefault(Level(level), []).append(int(score))
    return found


_RANKS = frozenset(int(level) for level in Level)
_STATUSES = {status.value: status for status in ExperimentStatus}


def _experiment_filter(
    first: date | None, last: date, level: Level | None
) -> tuple[str, list[Any]]:
    """Experiments running at some time from ``first`` to ``last``: started by ``last``
    and not ended before ``first``."""
    where = ["x.start_date IS NOT NULL", "x.start_date <= ?"]
    params: list[Any] = [last.isoformat()]
    if first is not None:
        where.append("(x.ended_on IS NULL OR x.ended_on >= ?)")
        params.append(first.isoformat())
    if level is not None:
        where.append("x.level = ?")
        params.append(int(level))
    return " AND ".join(where), params


def experiments(
    db: Database, *, first: date | None, last: date, level: Level | None
) -> list[ExperimentFacts]:
    """The experiments running in the period, with their attempts' tally and texts."""
    where, params = _experiment_filter(first, last, level)
    plans = db.query(
        "SELECT x.id, x.title, x.level, x.status, x.start_date, x.trigger_text, "
        "x.old_behaviour, x.new_response, x.prediction, coalesce(e.who, '') "
        "FROM experiments x LEFT JOIN entries e ON e.id = x.source_entry_id "
        f"WHERE {where} ORDER BY x.start_date, x.id",
        params,
    )
    attempts: dict[int, list[tuple[str, int | None, str, str]]] = {}
    for experiment_id, did_it, outcome, situation, note in db.query(
        "SELECT a.experiment_id, a.did_it, a.outcome, a.situation, a.note "
        f"FROM attempts a JOIN experiments x ON x.id = a.experiment_id WHERE {where} "
        "ORDER BY a.occurred_at, a.id",
        params,
    ):
        attempts.setdefault(experiment_id, []).append((did_it, outcome, situation, note))
    found = []
    for x_id, title, level_rank, status, start, trigger, old, new, prediction, who in plans:
        if level_rank not in _RANKS or status not in _STATUSES:
            continue  # a hand-edited row the app cannot place: left out, not fatal
        tried = attempts.get(x_id, [])
        outcomes = [o for _d, o, _s, _n in tried if o is not None]
        found.append(
            ExperimentFacts(
                experiment_id=x_id,
                title=title or "",
                level=Level(level_rank),
                status=_STATUSES[status],
                start=clock.day_from_stored(start),
                trigger=trigger or "",
                texts=(
                    old or "",
                    new or "",
                    prediction or "",
                    *(text for _d, _o, s, n in tried for text in (s, n) if text),
                ),
                source_who=who,
                attempts=AttemptTally(
                    yes=sum(d == "yes" for d, *_ in tried),
                    partial=sum(d == "partial" for d, *_ in tried),
                    no=sum(d == "no" for d, *_ in tried),
                    mean_outcome=sum(outcomes) / len(outcomes) if outcomes else None,
                ),
            )
        )
    return found


def situations(
    db: Database, *, span: TimeRange, first: date | None, last: date, level: Level | None
) -> list[SituationText]:
    """The triggers of the experiments running in the period and the situations of the
    attempts made in ``span``."""
    where, params = _experiment_filter(first, last, level)
    found = [
        SituationText(x_id, text, attempt=False)
        for x_id, text in db.query(
            f"SELECT x.id, x.trigger_text FROM experiments x WHERE {where} "
            "AND x.trigger_text != '' ORDER BY x.id",
            params,
        )
    ]
    attempt_where, attempt_params = conditions("a.occurred_at", span)
    level_where = " AND x.level = ?" if level is not None else ""
    found += [
        SituationText(x_id, text, attempt=True)
        for x_id, text in db.query(
            "SELECT a.experiment_id, a.situation FROM attempts a "
            "JOIN experiments x ON x.id = a.experiment_id "
            f"WHERE a.situation != '' AND {attempt_where}{level_where} ORDER BY a.occurred_at",
            [*attempt_params, *([int(level)] if level is not None else [])],
        )
    ]
    return found


def conversation_texts(
    db: Database, *, span: TimeRange, shared_only: bool
) -> list[ConversationText]:
    """Difficult conversations in ``span`` with what happened, oldest first."""
    where, params = conditions("occurred_at", span)
    rows = db.query(
        "SELECT id, julianday(occurred_at), who, intensity, what_happened FROM entries "
        f"WHERE kind = 'conversation' AND {where}{_SHARED if shared_only else ''} "
        "ORDER BY occurred_at, id",
        params,
    )
    return [r if r[1] is not None else (r[0], 0.0, *r[2:]) for r in rows]
