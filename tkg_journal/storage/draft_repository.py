"""Drafts of entries being written (payloads are JSON from ``EntryDraft.to_json``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tkg_journal.storage import clock
from tkg_journal.storage.database import Database


@dataclass(frozen=True, slots=True)
class StoredDraft:
    id: int
    entry_id: int | None
    payload: str
    saved_at: datetime


def save(db: Database, *, draft_id: int | None, entry_id: int | None, payload: str) -> int:
    """Insert a draft, or replace draft ``draft_id``; returns its id."""
    now = clock.now_stored()
    if draft_id is not None and db.scalar("SELECT 1 FROM drafts WHERE id = ?", (draft_id,)):
        db.execute(
            "UPDATE drafts SET entry_id = ?, payload = ?, saved_at = ? WHERE id = ?",
            (entry_id, payload, now, draft_id),
        )
        return draft_id
    return db.execute(
        "INSERT INTO drafts (entry_id, payload, saved_at) VALUES (?, ?, ?)",
        (entry_id, payload, now),
    )


def list_all(db: Database) -> list[StoredDraft]:
    """Newest first."""
    return [
        StoredDraft(int(r[0]), r[1], r[2], clock.from_stored(r[3]))
        for r in db.query(
            "SELECT id, entry_id, payload, saved_at FROM drafts ORDER BY saved_at DESC, id DESC"
        )
    ]


def delete(db: Database, *, draft_id: int) -> None:
    db.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
