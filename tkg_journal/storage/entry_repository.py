"""Entries and their tags, in SQL with bound parameters (keyword-only functions)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from tkg_journal.domain.entries import ConversationFields, Entry, EntryKind, FeedbackFields
from tkg_journal.domain.levels import Level
from tkg_journal.domain.search import EntryFilter, EntrySummary
from tkg_journal.storage import clock
from tkg_journal.storage.database import Database, Row
from tkg_journal.storage.errors import NotFound

_COLUMNS = (
    "kind, occurred_at, title, body, level, share_with_coach, who, what_happened, "
    "feeling, intensity, my_response, impact, try_next, feedback_source, sentiment, "
    "import_ref, created_at, updated_at"
)
_INSERT = f"INSERT INTO entries ({_COLUMNS}) VALUES ({', '.join('?' * 18)})"
_UPDATE = "UPDATE entries SET {} WHERE id = ?".format(
    ", ".join(
        f"{column} = ?"
        for column in _COLUMNS.split(", ")
        if column not in ("import_ref", "created_at")
    )
)


def _row(entry: Entry, *, import_ref: str | None, now: str) -> tuple[Any, ...]:
    conv, fb = entry.conversation, entry.feedback
    return (
        entry.kind.value,
        clock.to_stored(entry.occurred_at),
        entry.title,
        entry.body,
        int(entry.level) if entry.level else None,
        int(entry.share_with_coach),
        conv.who,
        conv.what_happened,
        conv.feeling,
        conv.intensity,
        conv.my_response,
        conv.impact,
        conv.try_next,
        fb.source,
        fb.sentiment,
        import_ref,
        clock.to_stored(entry.created_at) if entry.created_at else now,
        now,
    )


def insert(db: Database, *, entry: Entry, import_ref: str | None = None) -> int:
    entry_id = db.execute(_INSERT, _row(entry, import_ref=import_ref, now=clock.now_stored()))
    _write_tags(db, entry_id=entry_id, tags=entry.tags)
    return entry_id


def insert_many(
    db: Database, *, entries: Sequence[Entry], import_refs: Sequence[str | None] | None = None
) -> list[int]:
    """Insert in bulk (import, demo); returns the new ids in order."""
    now = clock.now_stored()
    refs = import_refs or [None] * len(entries)
    ids = []
    for entry, ref in zip(entries, refs, strict=True):
        ids.append(db.execute(_INSERT, _row(entry, import_ref=ref, now=now)))
    db.execute_many(
        "INSERT INTO entry_tags (entry_id, tag) VALUES (?, ?)",
        [(i, tag) for i, e in zip(ids, entries, strict=True) for tag in e.tags],
    )
    return ids


def update(db: Database, *, entry: Entry) -> None:
    if entry.id is None:
        raise ValueError("update needs a stored entry")
    row = _row(entry, import_ref=None, now=clock.now_stored())
    values = row[:15] + row[17:]
    exists = db.scalar("SELECT 1 FROM entries WHERE id = ?", (entry.id,))
    if not exists:
        raise NotFound(f"there is no entry {entry.id}")
    db.execute(_UPDATE, (*values, entry.id))
    db.execute("DELETE FROM entry_tags WHERE entry_id = ?", (entry.id,))
    _write_tags(db, entry_id=entry.id, tags=entry.tags)


def delete(db: Database, *, entry_id: int) -> None:
    if not db.scalar("SELECT 1 FROM entries WHERE id = ?", (entry_id,)):
        raise NotFound(f"there is no entry {entry_id}")
    db.execute("DELETE FROM entries WHERE id = ?", (entry_id,))


def _write_tags(db: Database, *, entry_id: int, tags: Sequence[str]) -> None:
    db.execute_many(
        "INSERT INTO entry_tags (entry_id, tag) VALUES (?, ?)", [(entry_id, tag) for tag in tags]
    )


def get(db: Database, *, entry_id: int) -> Entry:
    row = db.query_one(f"SELECT id, {_COLUMNS} FROM entries WHERE id = ?", (entry_id,))
    if row is None:
        raise NotFound(f"there is no entry {entry_id}")
    tags = tuple(
        r[0]
        for r in db.query("SELECT tag FROM entry_tags WHERE entry_id = ? ORDER BY tag", (entry_id,))
    )
    return _entry_from_row(row, tags)


def load(db: Database, *, where: str, params: Sequence[Any], order: str) -> list[Entry]:
    """Whole entries (tags included, in two queries however many) matching ``where``, a
    condition on ``entries`` written by this package with bound ``params``."""
    rows = db.query(f"SELECT id, {_COLUMNS} FROM entries WHERE {where} ORDER BY {order}", params)
    tags: dict[int, list[str]] = {}
    for entry_id, tag in db.query(
        f"SELECT entry_id, tag FROM entry_tags WHERE entry_id IN "
        f"(SELECT id FROM entries WHERE {where}) ORDER BY tag",
        params,
    ):
        tags.setdefault(entry_id, []).append(tag)
    return [_entry_from_row(row, tuple(tags.get(row[0], ()))) for row in rows]


def _entry_from_row(row: Row, tags: tuple[str, ...]) -> Entry:
    (
        entry_id,
        kind,
        occurred_at,
        title,
        body,
        level,
        share,
        who,
        what,
        feeling,
        intensity,
        response,
        impact,
        try_next,
        source,
        sentiment,
        _ref,
        created,
        updated,
    ) = row
    return Entry(
        id=entry_id,
        kind=EntryKind(kind),
        occurred_at=clock.from_stored(occurred_at),
        title=title,
        body=body,
        level=Level(level) if level else None,
        tags=tags,
        share_with_coach=bool(share),
        conversation=ConversationFields(who, what, feeling, intensity, response, impact, try_next),
        feedback=FeedbackFields(source, sentiment),
        created_at=clock.from_stored(created),
        updated_at=clock.from_stored(updated),
    )


#: What :func:`where_clause` gives for no filter (every entry).
NO_CONDITIONS = "1"


def where_clause(filters: EntryFilter, *, alias: str = "e") -> tuple[str, list[Any]]:
    """``WHERE`` conditions for ``filters`` over the entries table (aliased ``alias``).

    Only fixed column names and placeholders are put in the SQL; values are bound.
    """
    conditions: list[str] = []
    params: list[Any] = []
    if filters.since:
        conditions.append(f"{alias}.occurred_at >= ?")
        params.append(clock.to_stored(filters.since))
    if filters.until:
        conditions.append(f"{alias}.occurred_at < ?")
        params.append(clock.to_stored(filters.until))
    if filters.levels:
        conditions.append(f"{alias}.level IN ({', '.join('?' * len(filters.levels))})")
        params.extend(int(level) for level in filters.levels)
    if filters.kinds:
        conditions.append(f"{alias}.kind IN ({', '.join('?' * len(filters.kinds))})")
        params.extend(kind.value for kind in filters.kinds)
    if filters.tag:
        conditions.append(
            f"EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = {alias}.id AND t.tag = ?)"
        )
        params.append(filters.tag)
    if filters.shared_only:
        conditions.append(f"{alias}.share_with_coach = 1")
    if filters.entry_ids is not None:
        # One bound JSON array, not a placeholder per id: a person may have thousands of
        # entries, past SQLite's limit on bound variables; SQLite builds one lookup table
        # from it per statement.
        conditions.append(f"{alias}.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(filters.entry_ids)))
    return (" AND ".join(conditions) or NO_CONDITIONS), params


# The first line shown in the list: the body's, else the first guided answer's.
_FIRST_TEXT = (
    "substr(CASE WHEN e.body <> '' THEN e.body WHEN e.what_happened <> '' "
    "THEN e.what_happened ELSE e.who END, 1, 200)"
)
#: What a list row needs, from ``entries e`` (search selects the same columns).
SUMMARY_COLUMNS = (
    f"e.id, e.occurred_at, e.kind, e.level, e.title, {_FIRST_TEXT}, e.share_with_coach"
)


def list_summaries(
    db: Database, *, filters: EntryFilter, limit: int | None = None, offset: int = 0
) -> list[EntrySummary]:
    """Newest first. Paged with ``limit``/``offset`` so a view can load lazily."""
    where, params = where_clause(filters)
    sql = (
        f"SELECT {SUMMARY_COLUMNS} FROM entries e WHERE {where} "
        "ORDER BY e.occurred_at DESC, e.id DESC LIMIT ? OFFSET ?"
    )
    rows = db.query(sql, [*params, -1 if limit is None else limit, offset])
    return [summary_from_row(row) for row in rows]


def get_summary(db: Database, *, entry_id: int) -> EntrySummary:
    row = db.query_one(f"SELECT {SUMMARY_COLUMNS} FROM entries e WHERE e.id = ?", (entry_id,))
    if row is None:
        raise NotFound(f"there is no entry {entry_id}")
    return summary_from_row(row)


def summary_from_row(row: Row) -> EntrySummary:
    """An :class:`EntrySummary` from the :data:`SUMMARY_COLUMNS` of a row."""
    entry_id, occurred_at, kind, level, title, first_text, share = row
    first_line = (first_text or "").strip().split("\n", 1)[0]
    return EntrySummary(
        entry_id,
        clock.from_stored(occurred_at),
        EntryKind(kind),
        Level(level) if level else None,
        title,
        first_line,
        bool(share),
        date_unreadable=not clock.is_readable(occurred_at),
    )


def count(db: Database, *, filters: EntryFilter) -> int:
    where, params = where_clause(filters)
    return int(db.scalar(f"SELECT count(*) FROM entries e WHERE {where}", params))


def existing_import_refs(db: Database, *, refs: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(refs), 500):  # stay under SQLite's bound-variable limit
        chunk = refs[start : start + 500]
        found.update(
            r[0]
            for r in db.query(
                f"SELECT import_ref FROM entries WHERE import_ref IN "
                f"({', '.join('?' * len(chunk))})",
                chunk,
            )
        )
    return found


def tags_by_entry(db: Database, *, entry_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """The tags of each of ``entry_ids`` that has any, each entry's in order."""
    found: dict[int, list[str]] = {}
    for start in range(0, len(entry_ids), 500):  # stay under SQLite's bound-variable limit
        chunk = entry_ids[start : start + 500]
        for entry_id, tag in db.query(
            f"SELECT entry_id, tag FROM entry_tags WHERE entry_id IN "
            f"({', '.join('?' * len(chunk))}) ORDER BY entry_id, tag",
            chunk,
        ):
            found.setdefault(entry_id, []).append(tag)
    return {entry_id: tuple(tags) for entry_id, tags in found.items()}


def all_tags(db: Database) -> list[tuple[str, int]]:
    """Every tag with how many entries carry it, most used first (for completion)."""
    return [
        (r[0], int(r[1]))
        for r in db.query(
            "SELECT tag, count(*) FROM entry_tags GROUP BY tag ORDER BY count(*) DESC, tag"
        )
    ]
