"""The catalogue of friction behaviours."""

from __future__ import annotations

from collections.abc import Sequence

from tkg_journal.domain.friction import FrictionBehaviour
from tkg_journal.domain.levels import Level
from tkg_journal.storage import clock
from tkg_journal.storage.database import Database, Row
from tkg_journal.storage.errors import NotFound


def insert_many(db: Database, *, behaviours: Sequence[FrictionBehaviour]) -> None:
    now = clock.now_stored()
    db.execute_many(
        "INSERT OR IGNORE INTO friction_behaviours (name, level, description, archived, "
        "created_at) VALUES (?, ?, ?, ?, ?)",
        [(b.name, int(b.level), b.description, int(b.archived), now) for b in behaviours],
    )


def list_all(db: Database, *, include_archived: bool = False) -> list[FrictionBehaviour]:
    rows = db.query(
        "SELECT id, name, level, description, archived FROM friction_behaviours "
        "WHERE archived = 0 OR ? ORDER BY level, name",
        (int(include_archived),),
    )
    return [_from_row(r) for r in rows]


def _from_row(row: Row) -> FrictionBehaviour:
    return FrictionBehaviour(
        id=row[0], name=row[1], level=Level(row[2]), description=row[3], archived=bool(row[4])
    )


def get(db: Database, *, behaviour_id: int) -> FrictionBehaviour:
    row = db.query_one(
        "SELECT id, name, level, description, archived FROM friction_behaviours WHERE id = ?",
        (behaviour_id,),
    )
    if row is None:
        raise NotFound(f"there is no friction behaviour {behaviour_id}")
    return _from_row(row)


def id_named(db: Database, *, name: str) -> int | None:
    """The behaviour called ``name`` (case-insensitively, as the UNIQUE column compares)."""
    found = db.scalar("SELECT id FROM friction_behaviours WHERE name = ?", (name,))
    return int(found) if found is not None else None


def insert(db: Database, *, behaviour: FrictionBehaviour) -> int:
    return db.execute(
        "INSERT INTO friction_behaviours (name, level, description, archived, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (
            behaviour.name,
            int(behaviour.level),
            behaviour.description,
            int(behaviour.archived),
            clock.now_stored(),
        ),
    )


def update(db: Database, *, behaviour: FrictionBehaviour) -> None:
    if behaviour.id is None:
        raise NotFound("there is no such friction behaviour (it was never stored)")
    get(db, behaviour_id=behaviour.id)
    db.execute(
        "UPDATE friction_behaviours SET name = ?, level = ?, description = ?, archived = ? "
        "WHERE id = ?",
        (
            behaviour.name,
            int(behaviour.level),
            behaviour.description,
            int(behaviour.archived),
            behaviour.id,
        ),
    )
