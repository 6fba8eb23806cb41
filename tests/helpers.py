"""Small builders shared by tests: entries with sensible defaults, file snapshots."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tkg_journal.domain.entries import Entry, EntryKind

FIXED_NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def entry(**overrides: Any) -> Entry:
    values: dict[str, Any] = {"kind": EntryKind.FREE, "occurred_at": FIXED_NOW,
                              "body": "A note"}
    values.update(overrides)
    return Entry(**values)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a hash of its bytes (to prove nothing changed)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}
