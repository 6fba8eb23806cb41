"""When each experiment was last reminded about (so a reminder fires at most once a day)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tkg_journal.storage.database import Database


def reminded_on(db: Database, *, day: date) -> set[int]:
    """The experiments already reminded about on ``day``."""
    return {
        int(row[0])
        for row in db.query(
            "SELECT experiment_id FROM experiment_reminders WHERE reminded_on = ?",
            (day.isoformat(),),
        )
    }


def mark(db: Database, *, experiment_ids: Sequence[int], day: date) -> None:
    """Record ``day`` as the last reminder of each experiment (one row per experiment)."""
    db.execute_many(
        "INSERT INTO experiment_reminders (experiment_id, reminded_on) VALUES (?, ?) "
        "ON CONFLICT (experiment_id) DO UPDATE SET reminded_on = excluded.reminded_on",
        [(experiment_id, day.isoformat()) for experiment_id in experiment_ids],
    )
