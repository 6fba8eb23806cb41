"""What open windows held at a lock or quit (payloads are JSON from ``WindowDraft.to_json``)."""

from __future__ import annotations

from dataclasses import dataclass

from tkg_journal.storage import clock
from tkg_journal.storage.database import Database


@dataclass(frozen=True, slots=True)
class StoredWindowDraft:
    id: int
    window: str
    payload: str


def save(db: Database, *, draft_id: int | None, window: str, payload: str) -> int:
    """Insert a window draft, or replace draft ``draft_id``; returns its id."""
    now = clock.now_stored()
    if draft_id is not None and db.scalar("SELECT 1 FROM window_drafts WHERE id = ?",
                                          (draft_id,)):
        db.execute(
            "UPDATE window_drafts SET window = ?, payload = ?, saved_at = ? WHERE id = ?",
            (window, payload, now, draft_id),
        )
        return draft_id
    return db.execute(
        "INSERT INTO window_drafts (window, payload, saved_at) VALUES (?, ?, ?)",
        (window, payload, now),
    )


def list_all(db: Database) -> list[StoredWindowDraft]:
    """In the order they were kept (windows open again in the order they were opened)."""
    return [
        StoredWindowDraft(int(r[0]), r[1], r[2])
        for r in db.query("SELECT id, window, payload FROM window_drafts ORDER BY id")
    ]


def delete(db: Database, *, draft_id: int) -> None:
    db.execute("DELETE FROM window_drafts WHERE id = ?", (draft_id,))
