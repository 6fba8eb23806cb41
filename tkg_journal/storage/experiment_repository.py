"""Behaviour experiments and their attempts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tkg_journal.domain.experiments import Attempt, DidIt, Experiment, ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.storage import clock
from tkg_journal.storage.database import Database, Row
from tkg_journal.storage.errors import NotFound

_COLUMNS = (
    "title, level, trigger_text, old_behaviour, new_response, prediction, "
    "success_criteria, behaviour_id, start_date, due_date, status, belief_before, "
    "belief_after, learning, abandon_reason, source_entry_id, created_at, updated_at"
)
_INSERT = f"INSERT INTO experiments ({_COLUMNS}) VALUES ({', '.join('?' * 18)})"
_UPDATE = "UPDATE experiments SET {} WHERE id = ?".format(
    ", ".join(f"{column} = ?" for column in _COLUMNS.split(", ") if column != "created_at")
)
_SELECT = f"SELECT id, {_COLUMNS} FROM experiments"

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
    ) = row
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
        start_date=clock.date_from_stored(start),
        due_date=clock.date_from_stored(due),
        status=ExperimentStatus(status),
        belief_before=before,
        belief_after=after,
        learning=learning,
        abandon_reason=reason,
        source_entry_id=source,
        created_at=clock.from_stored(created),
    )


def insert(db: Database, *, experiment: Experiment) -> int:
    return db.execute(_INSERT, _row(experiment, clock.now_stored()))


def update(db: Database, *, experiment: Experiment) -> None:
    if experiment.id is None or not db.scalar(
        "SELECT 1 FROM experiments WHERE id = ?", (experiment.id,)
    ):
        raise NotFound(f"there is no experiment {experiment.id}")
    row = _row(experiment, clock.now_stored())
    db.execute(_UPDATE, (*row[:16], row[17], experiment.id))


def get(db: Database, *, experiment_id: int) -> Experiment:
    row = db.query_one(f"{_SELECT} WHERE id = ?", (experiment_id,))
    if row is None:
        raise NotFound(f"there is no experiment {experiment_id}")
    return _from_row(row)


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


def attempts_for(db: Database, *, experiment_id: int) -> list[Attempt]:
    rows = db.query(
        "SELECT id, experiment_id, occurred_at, did_it, outcome, situation, note "
        "FROM attempts WHERE experiment_id = ? ORDER BY occurred_at, id",
        (experiment_id,),
    )
    return [
        Attempt(
            id=r[0],
            experiment_id=r[1],
            occurred_at=clock.from_stored(r[2]),
            did_it=DidIt(r[3]),
            outcome=r[4],
            situation=r[5],
            note=r[6],
        )
        for r in rows
    ]
