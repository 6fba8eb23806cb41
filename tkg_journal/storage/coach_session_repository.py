"""Coach sessions and the commitments made in them."""

from __future__ import annotations

from tkg_journal.domain.coach_sessions import CoachSession, Commitment
from tkg_journal.storage import clock
from tkg_journal.storage.database import Database


def insert(db: Database, *, session: CoachSession) -> int:
    session_id = db.execute(
        "INSERT INTO coach_sessions (held_on, topics, notes, created_at) VALUES (?, ?, ?, ?)",
        (session.held_on.isoformat(), session.topics, session.notes, clock.now_stored()),
    )
    db.execute_many(
        "INSERT INTO commitments (session_id, text, due_date, done, experiment_id) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (session_id, c.text, clock.date_to_stored(c.due_date), int(c.done), c.experiment_id)
            for c in session.commitments
        ],
    )
    return session_id


def list_all(db: Database) -> list[CoachSession]:
    commitments: dict[int, list[Commitment]] = {}
    for row in db.query(
        "SELECT id, session_id, text, due_date, done, experiment_id FROM commitments ORDER BY id"
    ):
        commitments.setdefault(row[1], []).append(
            Commitment(
                id=row[0],
                text=row[2],
                due_date=clock.date_from_stored(row[3]),
                done=bool(row[4]),
                experiment_id=row[5],
            )
        )
    return [
        CoachSession(
            id=r[0],
            held_on=clock.date_from_stored(r[1]) or r[1],
            topics=r[2],
            notes=r[3],
            commitments=tuple(commitments.get(r[0], ())),
        )
        for r in db.query("SELECT id, held_on, topics, notes FROM coach_sessions ORDER BY held_on")
    ]
