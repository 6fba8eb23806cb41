"""The catalogue of friction behaviours."""

from __future__ import annotations

from collections.abc import Sequence

from tkg_journal.domain.friction import FrictionBehaviour
from tkg_journal.domain.levels import Level
from tkg_journal.storage import clock
from tkg_journal.storage.database import Database


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
    return [
        FrictionBehaviour(
            id=r[0], name=r[1], level=Level(r[2]), description=r[3], archived=bool(r[4])
        )
        for r in rows
    ]
