"""Coach sessions and the commitments made in them.

Keyword-only functions over an open :class:`Database`; writes run inside the caller's
transaction. A list loads all commitments with one query, never one per session.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tkg_journal.domain.coach_sessions import CoachSession, Commitment, OpenCommitment
from tkg_journal.storage import clock
from tkg_journal.storage.database import Database, Row
from tkg_journal.storage.errors import NotFound

_SESSION_COLUMNS = "id, held_on, topics, notes"
_COMMITMENT_COLUMNS = "id, session_id, text, due_date, done, experiment_id"
_INSERT_COMMITMENT = (
    "INSERT INTO commitments (session_id, text, due_date, done, experiment_id) "
    "VALUES (?, ?, ?, ?, ?)"
)


def _commitment_values(session_id: int, c: Commitment) -> tuple[object, ...]:
    return (session_id, c.text, clock.date_to_stored(c.due_date), int(c.done), c.experiment_id)


def _commitment(row: Row) -> Commitment:
    return Commitment(
        id=row[0],
        text=row[2],
        due_date=clock.date_from_stored(row[3]),
        done=bool(row[4]),
        experiment_id=row[5],
    )


def _held_on(text: str) -> date:
    return clock.day_from_stored(text)


def _assemble(rows: Sequence[Row], commitment_rows: Sequence[Row]) -> list[CoachSession]:
    commitments: dict[int, list[Commitment]] = {}
    for row in commitment_rows:
        commitments.setdefault(row[1], []).append(_commitment(row))
    return [
        CoachSession(
            id=r[0],
            held_on=_held_on(r[1]),
            topics=r[2],
            notes=r[3],
            commitments=tuple(commitments.get(r[0], ())),
        )
        for r in rows
    ]


def _one(db: Database, row: Row) -> CoachSession:
    commitment_rows = db.query(
        f"SELECT {_COMMITMENT_COLUMNS} FROM commitments WHERE session_id = ? ORDER BY id",
        (row[0],),
    )
    return _assemble([row], commitment_rows)[0]


# --- sessions -----------------------------------------------------------------------------


def insert(db: Database, *, session: CoachSession) -> int:
    """Store a session with its commitments; returns the session's id."""
    session_id = db.execute(
        "INSERT INTO coach_sessions (held_on, topics, notes, created_at) VALUES (?, ?, ?, ?)",
        (session.held_on.isoformat(), session.topics, session.notes, clock.now_stored()),
    )
    db.execute_many(
        _INSERT_COMMITMENT, [_commitment_values(session_id, c) for c in session.commitments]
    )
    return session_id


def update(db: Database, *, session: CoachSession) -> None:
    """Replace the date, topics and notes (commitments are written one by one)."""
    if session.id is None or not exists(db, session_id=session.id):
        raise NotFound(f"there is no coach session {session.id}")
    db.execute(
        "UPDATE coach_sessions SET held_on = ?, topics = ?, notes = ? WHERE id = ?",
        (session.held_on.isoformat(), session.topics, session.notes, session.id),
    )


def delete(db: Database, *, session_id: int) -> None:
    """Delete a session; its commitments go with it (ON DELETE CASCADE). Experiments made
    from them stay: they do not point back at the commitment."""
    if not exists(db, session_id=session_id):
        raise NotFound(f"there is no coach session {session_id}")
    db.execute("DELETE FROM coach_sessions WHERE id = ?", (session_id,))


def exists(db: Database, *, session_id: int) -> bool:
    return bool(db.scalar("SELECT 1 FROM coach_sessions WHERE id = ?", (session_id,)))


def get(db: Database, *, session_id: int) -> CoachSession:
    row = db.query_one(f"SELECT {_SESSION_COLUMNS} FROM coach_sessions WHERE id = ?", (session_id,))
    if row is None:
        raise NotFound(f"there is no coach session {session_id}")
    return _one(db, row)


def list_all(db: Database, *, newest_first: bool = False) -> list[CoachSession]:
    """Every session with its commitments, by the day it was held (then by id)."""
    order = "DESC" if newest_first else "ASC"
    rows = db.query(
        f"SELECT {_SESSION_COLUMNS} FROM coach_sessions ORDER BY held_on {order}, id {order}"
    )
    if not rows:
        return []
    return _assemble(rows, db.query(f"SELECT {_COMMITMENT_COLUMNS} FROM commitments ORDER BY id"))


def latest_on_or_before(db: Database, *, day: date) -> CoachSession | None:
    """The session held last on or before ``day`` (the latest stored one on a tie)."""
    row = db.query_one(
        f"SELECT {_SESSION_COLUMNS} FROM coach_sessions WHERE held_on <= ? "
        "ORDER BY held_on DESC, id DESC LIMIT 1",
        (day.isoformat(),),
    )
    return _one(db, row) if row is not None else None


# --- commitments --------------------------------------------------------------------------


def insert_commitment(db: Database, *, session_id: int, commitment: Commitment) -> int:
    return db.execute(_INSERT_COMMITMENT, _commitment_values(session_id, commitment))


def update_commitment(db: Database, *, commitment: Commitment) -> None:
    """Replace a stored commitment's text, due date, done flag and experiment link."""
    if commitment.id is None or not commitment_exists(db, commitment_id=commitment.id):
        raise NotFound(f"there is no commitment {commitment.id}")
    db.execute(
        "UPDATE commitments SET text = ?, due_date = ?, done = ?, experiment_id = ? WHERE id = ?",
        (
            commitment.text,
            clock.date_to_stored(commitment.due_date),
            int(commitment.done),
            commitment.experiment_id,
            commitment.id,
        ),
    )


def delete_commitments(db: Database, *, commitment_ids: Sequence[int]) -> None:
    db.execute_many("DELETE FROM commitments WHERE id = ?", [(i,) for i in commitment_ids])


def commitment_exists(db: Database, *, commitment_id: int) -> bool:
    return bool(db.scalar("SELECT 1 FROM commitments WHERE id = ?", (commitment_id,)))


def get_commitment(db: Database, *, commitment_id: int) -> tuple[Commitment, int]:
    """A commitment and the id of its session."""
    row = db.query_one(
        f"SELECT {_COMMITMENT_COLUMNS} FROM commitments WHERE id = ?", (commitment_id,)
    )
    if row is None:
        raise NotFound(f"there is no commitment {commitment_id}")
    return _commitment(row), int(row[1])


def set_done(db: Database, *, commitment_id: int, done: bool) -> None:
    if not commitment_exists(db, commitment_id=commitment_id):
        raise NotFound(f"there is no commitment {commitment_id}")
    db.execute("UPDATE commitments SET done = ? WHERE id = ?", (int(done), commitment_id))


def link_experiment(db: Database, *, commitment_id: int, experiment_id: int) -> None:
    db.execute(
        "UPDATE commitments SET experiment_id = ? WHERE id = ?", (experiment_id, commitment_id)
    )


def open_commitments(db: Database) -> list[OpenCommitment]:
    """Every commitment not done, with its session's day: by due date (none last), then id."""
    rows = db.query(
        "SELECT c.id, c.session_id, c.text, c.due_date, c.done, c.experiment_id, s.held_on "
        "FROM commitments AS c JOIN coach_sessions AS s ON s.id = c.session_id "
        "WHERE c.done = 0 ORDER BY c.due_date IS NULL, c.due_date, c.id"
    )
    return [
        OpenCommitment(commitment=_commitment(r), session_id=int(r[1]), held_on=_held_on(r[6]))
        for r in rows
    ]
