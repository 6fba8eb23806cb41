"""When each experiment and each action item (commitment) was last reminded about, so a
reminder fires at most once a day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tkg_journal.storage.database import Database


def reminded_on(db: Database, *, day: date) -> set[int]:
    """The experiments already reminded about on ``day``."""
    return _reminded_on(db, "experiment_reminders", "experiment_id", day)


def mark(db: Database, *, experiment_ids: Sequence[int], day: date) -> None:
    """Record ``day`` as the last reminder of each experiment (one row per experiment)."""
    _mark(db, "experiment_reminders", "experiment_id", experiment_ids, day)


def commitments_reminded_on(db: Database, *, day: date) -> set[int]:
    """The commitments (action items) already reminded about on ``day``."""
    return _reminded_on(db, "commitment_reminders", "commitment_id", day)


def mark_commitments(db: Database, *, commitment_ids: Sequence[int], day: date) -> None:
    """Record ``day`` as the last reminder of each commitment (one row per commitment)."""
    _mark(db, "commitment_reminders", "commitment_id", commitment_ids, day)


# The table and column names below are these constants, never user input.
def _reminded_on(db: Database, table: str, column: str, day: date) -> set[int]:
    return {
        int(row[0])
        for row in db.query(f"SELECT {column} FROM {table} WHERE reminded_on = ?",
                            (day.isoformat(),))
    }


def _mark(db: Database, table: str, column: str, ids: Sequence[int], day: date) -> None:
    db.execute_many(
        f"INSERT INTO {table} ({column}, reminded_on) VALUES (?, ?) "
        f"ON CONFLICT ({column}) DO UPDATE SET reminded_on = excluded.reminded_on",
        [(row_id, day.isoformat()) for row_id in ids],
    )
