"""Behaviour experiments and their attempts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tkg_journal.domain.experiments import Attempt, DidIt, Experiment, ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.storage import clock
from tkg_journal.storage.database import Database, Row
from tkg_journal.storage.errors import NotFound

_COLUMNS = (
    "title, level, trigger_text, old_behaviour, new_response, prediction, "
    "success_criteria, behaviour_id, start_date, due_date, status, belief_before, "
    "belief_after, learning, abandon_reason, source_entry_id, created_at, updated_at, ended_on"
)
_INSERT = f"INSERT INTO experiments ({_COLUMNS}) VALUES ({', '.join('?' * 19)})"
_UPDATE = "UPDATE experiments SET {} WHERE id = ?".format(
    ", ".join(f"{column} = ?" for column in _COLUMNS.split(", ") if column != "created_at")
)
_SELECT = f"SELECT id, {_COLUMNS} FROM experiments"
_EXPERIMENT_WIDTH = 1 + len(_COLUMNS.split(", "))  # id and the columns: where joins add theirs

_ATTEMPT_COLUMNS = "experiment_id, occurred_at, did_it, outcome, situation, note, created_at"
_INSERT_ATTEMPT = f"INSERT INTO attempts ({_ATTEMPT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"


def _row(experiment: Experiment, now: str) -> tuple[Any, ...]:
    e = experiment
    return (
        e.title,
        int(e.level),
        e.trigger,
        e.old_behaviour,
        e.new_response,
        e.prediction,
        e.success_criteria,
        e.behaviour_id,
        clock.date_to_stored(e.start_date),
        clock.date_to_stored(e.due_date),
        e.status.value,
        e.belief_before,
        e.belief_after,
        e.learning,
        e.abandon_reason,
        e.source_entry_id,
        clock.to_stored(e.created_at) if e.created_at else now,
        now,
        clock.date_to_stored(e.ended_on),
    )


def _from_row(row: Row) -> Experiment:
    (
        exp_id,
        title,
        level,
        trigger,
        old,
        new,
        prediction,
        criteria,
        behaviour_id,
        start,
        due,
        status,
        before,
        after,
        learning,
        reason,
        source,
        created,
        _updated,
        ended,
    ) = row
    start_date, due_date = clock.date_from_stored(start), clock.date_from_stored(due)
    if start_date and due_date and due_date < start_date:
        # Only an unreadable stored due date (read as 1900-01-01) gets here: read it as
        # due on its start, so the experiment still opens and can be given a real one.
        due_date = start_date
    return Experiment(
        id=exp_id,
        title=title,
        level=Level(level),
        trigger=trigger,
        old_behaviour=old,
        new_response=new,
        prediction=prediction,
        success_criteria=criteria,
        behaviour_id=behaviour_id,
        start_date=start_date,
        due_date=due_date,
        status=ExperimentStatus(status),
        belief_before=before,
        belief_after=after,
        learning=learning,
        abandon_reason=reason,
        source_entry_id=source,
        created_at=clock.from_stored(created),
        ended_on=clock.date_from_stored(ended),
    )


def insert(db: Database, *, experiment: Experiment) -> int:
    return db.execute(_INSERT, _row(experiment, clock.now_stored()))


def update(db: Database, *, experiment: Experiment) -> None:
    if experiment.id is None or not db.scalar(
        "SELECT 1 FROM experiments WHERE id = ?", (experiment.id,)
    ):
        raise NotFound(f"there is no experiment {experiment.id}")
    row = _row(experiment, clock.now_stored())
    db.execute(_UPDATE, (*row[:16], *row[17:], experiment.id))  # all but created_at


def get(db: Database, *, experiment_id: int) -> Experiment:
    row = db.query_one(f"{_SELECT} WHERE id = ?", (experiment_id,))
    if row is None:
        raise NotFound(f"there is no experiment {experiment_id}")
    return _from_row(row)


def from_entry(db: Database, *, entry_id: int) -> list[Experiment]:
    """The experiments made from journal entry ``entry_id``, oldest first."""
    rows = db.query(f"{_SELECT} WHERE source_entry_id = ? ORDER BY id", (entry_id,))
    return [_from_row(row) for row in rows]


def list_all(
    db: Database, *, statuses: Sequence[ExperimentStatus] = (), level: Level | None = None
) -> list[Experiment]:
    conditions: list[str] = ["1"]
    params: list[object] = []
    if statuses:
        conditions.append(f"status IN ({', '.join('?' * len(statuses))})")
        params.extend(s.value for s in statuses)
    if level:
        conditions.append("level = ?")
        params.append(int(level))
    sql = (
        f"{_SELECT} WHERE {' AND '.join(conditions)} ORDER BY coalesce(start_date, "
        "created_at) DESC, id DESC"
    )
    return [_from_row(row) for row in db.query(sql, params)]


def insert_attempts(db: Database, *, attempts: Sequence[Attempt]) -> None:
    now = clock.now_stored()
    db.execute_many(
        _INSERT_ATTEMPT,
        [
            (
                a.experiment_id,
                clock.to_stored(a.occurred_at),
                a.did_it.value,
                a.outcome,
                a.situation,
                a.note,
                now,
            )
            for a in attempts
        ],
    )


def insert_attempt(db: Database, *, attempt: Attempt) -> int:
    return db.execute(
        _INSERT_ATTEMPT,
        (
            attempt.experiment_id,
            clock.to_stored(attempt.occurred_at),
            attempt.did_it.value,
            attempt.outcome,
            attempt.situation,
            attempt.note,
            clock.now_stored(),
        ),
    )


#: The columns ``attempt_from_row`` reads, in its order.
ATTEMPT_FIELDS = "id, experiment_id, occurred_at, did_it, outcome, situation, note"


def attempt_from_row(row: Row) -> Attempt:
    return Attempt(
        id=row[0],
        experiment_id=row[1],
        occurred_at=clock.from_stored(row[2]),
        did_it=DidIt(row[3]),
        outcome=row[4],
        situation=row[5],
        note=row[6],
    )


def attempts_for(db: Database, *, experiment_id: int) -> list[Attempt]:
    rows = db.query(
        f"SELECT {ATTEMPT_FIELDS} FROM attempts WHERE experiment_id = ? ORDER BY occurred_at, id",
        (experiment_id,),
    )
    return [attempt_from_row(row) for row in rows]


def delete(db: Database, *, experiment_id: int) -> None:
    """Delete an experiment; its attempts and reminder go with it (ON DELETE CASCADE)."""
    if not db.scalar("SELECT 1 FROM experiments WHERE id = ?", (experiment_id,)):
        raise NotFound(f"there is no experiment {experiment_id}")
    db.execute("DELETE FROM experiments WHERE id = ?", (experiment_id,))


def exists(db: Database, *, experiment_id: int) -> bool:
    return bool(db.scalar("SELECT 1 FROM experiments WHERE id = ?", (experiment_id,)))


@dataclass(frozen=True, slots=True)
class StoredSummary:
    """An experiment with its attempts aggregated in SQL (one list row)."""

    experiment: Experiment
    attempts: int
    last_attempt_at: datetime | None
    mean_outcome: float | None


_E_COLUMNS = ", ".join(f"e.{column}" for column in ("id", *_COLUMNS.split(", ")))

# A hit in an attempt (rowid % 4 = 2) lists the attempt's experiment; see migrations.py
# for how the index's rowids encode what a row points at.
_MATCHING_EXPERIMENTS = (
    "SELECT CASE s.rowid % 4 WHEN 1 THEN s.rowid / 4 "
    "ELSE (SELECT a2.experiment_id FROM attempts a2 WHERE a2.id = s.rowid / 4) END "
    "FROM search_index s WHERE search_index MATCH ? AND s.rowid % 4 IN (1, 2)"
)

# Open ones first (active, then planned), then the closed ones; newest first in each.
_SUMMARY_ORDER = (
    "CASE e.status WHEN 'active' THEN 0 WHEN 'planned' THEN 1 ELSE 2 END, "
    "coalesce(e.start_date, e.created_at) DESC, e.id DESC"
)


def summaries(
    db: Database,
    *,
    status: ExperimentStatus | None = None,
    level: Level | None = None,
    fts_query: str | None = None,
) -> list[StoredSummary]:
    """Experiments with attempt count, last attempt and mean outcome, in list order.
    ``fts_query`` (already a safe FTS5 query) keeps experiments that match it in their own
    text or in one of their attempts."""
    conditions: list[str] = ["1"]
    params: list[object] = []
    if status is not None:
        conditions.append("e.status = ?")
        params.append(status.value)
    if level is not None:
        conditions.append("e.level = ?")
        params.append(int(level))
    if fts_query is not None:
        conditions.append(f"e.id IN ({_MATCHING_EXPERIMENTS})")
        params.append(fts_query)
    sql = (
        f"SELECT {_E_COLUMNS}, count(a.id), max(a.occurred_at), avg(a.outcome) "
        "FROM experiments e LEFT JOIN attempts a ON a.experiment_id = e.id "
        f"WHERE {' AND '.join(conditions)} GROUP BY e.id ORDER BY {_SUMMARY_ORDER}"
    )
    return [
        StoredSummary(
            experiment=_from_row(row[:_EXPERIMENT_WIDTH]),
            attempts=int(row[_EXPERIMENT_WIDTH]),
            last_attempt_at=(
                clock.from_stored(row[_EXPERIMENT_WIDTH + 1])
                if row[_EXPERIMENT_WIDTH + 1]
                else None
            ),
            mean_outcome=(
                float(row[_EXPERIMENT_WIDTH + 2])
                if row[_EXPERIMENT_WIDTH + 2] is not None
                else None
            ),
        )
        for row in db.query(sql, params)
    ]


def recent_outcomes(
    db: Database, *, experiment_ids: Sequence[int], per_experiment: int = 10
) -> dict[int, tuple[int | None, ...]]:
    """The outcomes of each experiment's last ``per_experiment`` attempts, oldest first."""
    if not experiment_ids:
        return {}
    found: dict[int, list[int | None]] = {}
    # Chunked: SQLite allows a limited number of bound parameters per statement.
    for start_at in range(0, len(experiment_ids), 500):
        chunk = list(experiment_ids[start_at : start_at + 500])
        rows = db.query(
            "SELECT experiment_id, outcome FROM ("
            "  SELECT experiment_id, outcome, occurred_at, id, row_number() OVER ("
            "    PARTITION BY experiment_id ORDER BY occurred_at DESC, id DESC) AS recent"
            f"  FROM attempts WHERE experiment_id IN ({', '.join('?' * len(chunk))})"
            ") WHERE recent <= ? ORDER BY experiment_id, occurred_at, id",
            [*chunk, per_experiment],
        )
        for experiment_id, outcome in rows:
            found.setdefault(experiment_id, []).append(outcome)
    return {key: tuple(values) for key, values in found.items()}


def active_with_last_attempt(db: Database) -> list[tuple[Experiment, datetime | None]]:
    """Every active experiment with the time of its last attempt (for what is due)."""
    rows = db.query(
        f"SELECT {_E_COLUMNS}, (SELECT max(a.occurred_at) FROM attempts a "
        "WHERE a.experiment_id = e.id) FROM experiments e WHERE e.status = 'active' "
        "ORDER BY e.id"
    )
    width = _EXPERIMENT_WIDTH
    return [
        (_from_row(row[:width]), clock.from_stored(row[width]) if row[width] else None)
        for row in rows
    ]
