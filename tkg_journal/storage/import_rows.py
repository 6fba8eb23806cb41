"""Rows of a whole-journal import (``import json``) written as they were exported, with
their own timestamps, and the stored rows an import compares with to skip what the
journal already holds.

The repositories stamp ``created_at``/``updated_at`` with the time of writing; a restore
keeps the exported ones, so it writes here. The callers validated every value (through
the domain's types) and run all of it in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tkg_journal.storage.database import Database, Row

_ENTRY_COLUMNS = (
    "kind, occurred_at, title, body, level, share_with_coach, who, what_happened, "
    "feeling, intensity, my_response, impact, try_next, feedback_source, sentiment, "
    "import_ref, created_at, updated_at"
)
_EXPERIMENT_COLUMNS = (
    "title, level, trigger_text, old_behaviour, new_response, prediction, "
    "success_criteria, behaviour_id, start_date, due_date, status, belief_before, "
    "belief_after, learning, abandon_reason, source_entry_id, created_at, updated_at, ended_on"
)
_CHUNK = 500  # SQLite's bound-variable limit is 999 on older builds


def _placeholders(columns: str) -> str:
    return ", ".join("?" * len(columns.split(", ")))


def insert_entry(db: Database, *, values: Sequence[Any], tags: Sequence[str]) -> int:
    """``values`` in the order of the entries' columns above."""
    entry_id = db.execute(
        f"INSERT INTO entries ({_ENTRY_COLUMNS}) VALUES ({_placeholders(_ENTRY_COLUMNS)})",
        values,
    )
    db.execute_many(
        "INSERT INTO entry_tags (entry_id, tag) VALUES (?, ?)", [(entry_id, t) for t in tags]
    )
    return entry_id


def insert_experiment(db: Database, *, values: Sequence[Any]) -> int:
    return db.execute(
        f"INSERT INTO experiments ({_EXPERIMENT_COLUMNS}) "
        f"VALUES ({_placeholders(_EXPERIMENT_COLUMNS)})",
        values,
    )


def insert_attempt(db: Database, *, values: Sequence[Any]) -> int:
    return db.execute(
        "INSERT INTO attempts (experiment_id, occurred_at, did_it, outcome, situation, note, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        values,
    )


def insert_friction_behaviour(db: Database, *, values: Sequence[Any]) -> int:
    return db.execute(
        "INSERT INTO friction_behaviours (name, level, description, archived, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        values,
    )


def insert_checkin(
    db: Database, *, values: Sequence[Any], scores: Sequence[tuple[int, int]]
) -> int:
    checkin_id = db.execute(
        "INSERT INTO rating_checkins (rated_on, note, created_at) VALUES (?, ?, ?)", values
    )
    db.execute_many(
        "INSERT INTO level_ratings (checkin_id, level, score) VALUES (?, ?, ?)",
        [(checkin_id, level, score) for level, score in scores],
    )
    return checkin_id


def insert_session(db: Database, *, values: Sequence[Any]) -> int:
    return db.execute(
        "INSERT INTO coach_sessions (held_on, topics, notes, created_at) VALUES (?, ?, ?, ?)",
        values,
    )


def insert_commitment(db: Database, *, values: Sequence[Any]) -> int:
    return db.execute(
        "INSERT INTO commitments (session_id, text, due_date, done, experiment_id) "
        "VALUES (?, ?, ?, ?, ?)",
        values,
    )


# --- what the journal holds already ---------------------------------------------------------


def entries_at(db: Database, *, moments: Sequence[str]) -> list[Row]:
    """``(id, occurred_at, created_at, kind, title, body, import_ref)`` of the entries
    stored at any of ``moments`` (stored text), by the time index."""
    unique = sorted(set(moments))
    rows: list[Row] = []
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        rows += db.query(
            "SELECT id, occurred_at, created_at, kind, title, body, import_ref FROM entries "
            f"WHERE occurred_at IN ({', '.join('?' * len(chunk))}) ORDER BY id",
            chunk,
        )
    return rows


def entries_with_refs(db: Database, *, refs: Sequence[str]) -> dict[str, int]:
    """The id of the entry holding each of ``refs`` (an earlier import's fingerprint)."""
    found: dict[str, int] = {}
    unique = sorted(set(refs))
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        for ref, entry_id in db.query(
            "SELECT import_ref, id FROM entries WHERE import_ref IN "
            f"({', '.join('?' * len(chunk))})",
            chunk,
        ):
            found[ref] = entry_id
    return found


def experiment_keys(db: Database) -> list[Row]:
    return db.query(
        "SELECT id, title, trigger_text, old_behaviour, new_response, created_at "
        "FROM experiments ORDER BY id"
    )


def attempt_keys(db: Database) -> list[Row]:
    return db.query(
        "SELECT id, experiment_id, occurred_at, did_it, situation, note FROM attempts ORDER BY id"
    )


def friction_names(db: Database) -> list[Row]:
    return db.query("SELECT id, name FROM friction_behaviours ORDER BY id")


def checkin_days(db: Database) -> list[Row]:
    return db.query("SELECT id, rated_on FROM rating_checkins ORDER BY id")


def session_keys(db: Database) -> list[Row]:
    return db.query("SELECT id, held_on, topics, notes, created_at FROM coach_sessions ORDER BY id")


def commitment_keys(db: Database) -> list[Row]:
    return db.query("SELECT id, session_id, text, due_date FROM commitments ORDER BY id")
