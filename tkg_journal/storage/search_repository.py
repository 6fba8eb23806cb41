"""Full-text search over everything the user writes (the FTS5 ``search_index``).

Typed text becomes a safe FTS5 query: every word is quoted (so ``AND``, ``-`` or ``"``
typed by a user are just words) and matches as a prefix, so ``delegat`` finds
"delegation", "delegating" and "delegated" while the user is still typing. (A stemmer
was tried and dropped: it cuts "delegation" to "deleg", so the prefix "delegat" found
nothing.) Results are ranked by BM25 with titles weighing more.
"""

from __future__ import annotations

import re
from datetime import datetime

from tkg_journal.domain.levels import Level
from tkg_journal.domain.search import (
    MATCH_END,
    MATCH_START,
    EntryFilter,
    EntryHit,
    HitType,
    SearchHit,
)
from tkg_journal.storage import clock, entry_repository
from tkg_journal.storage.database import Database

_WORD = re.compile(r"\w+", re.UNICODE)
_TYPES = (HitType.ENTRY, HitType.EXPERIMENT, HitType.ATTEMPT)
MAX_QUERY_WORDS = 16


def fts_query(text: str) -> str | None:
    """``'trust my tea'`` -> ``'"trust"* "my"* "tea"*'``; ``None`` when there is no word."""
    words = _WORD.findall(text)[:MAX_QUERY_WORDS]
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


_SEARCH = """
SELECT s.rowid, s.level, s.occurred_at,
       CASE s.rowid % 4 WHEN 2 THEN x.title ELSE s.title END,
       snippet(search_index, -1, :mark_start, :mark_end, '…', 14),
       CASE s.rowid % 4 WHEN 2 THEN a.experiment_id END,
       bm25(search_index, 0.0, 0.0, 8.0, 1.0) AS rank
  FROM search_index s
  LEFT JOIN attempts a ON s.rowid % 4 = 2 AND a.id = s.rowid / 4
  LEFT JOIN experiments x ON x.id = a.experiment_id
 WHERE search_index MATCH :query
   AND (:since IS NULL OR s.occurred_at >= :since)
   AND (:until IS NULL OR s.occurred_at < :until)
   AND (:level IS NULL OR s.level = :level)
   AND (:entries_only = 0 OR s.rowid % 4 = 0)
 ORDER BY rank
 LIMIT :limit
"""


def search(
    db: Database,
    *,
    text: str,
    since: datetime | None = None,
    until: datetime | None = None,
    level: Level | None = None,
    entries_only: bool = False,
    limit: int = 50,
) -> list[SearchHit]:
    query = fts_query(text)
    if query is None:
        return []
    rows = db.query(
        _SEARCH,
        {
            "query": query,
            "since": clock.to_stored(since) if since else None,
            "until": clock.to_stored(until) if until else None,
            "level": int(level) if level else None,
            "entries_only": int(entries_only),
            "limit": limit,
            "mark_start": MATCH_START,
            "mark_end": MATCH_END,
        },
    )
    hits = []
    for rowid, lvl, occurred_at, title, snippet, parent_id, rank in rows:
        stamp = occurred_at if " " in occurred_at else f"{occurred_at} 00:00:00"
        hits.append(
            SearchHit(
                type=_TYPES[rowid % 4],
                id=rowid // 4,
                parent_id=parent_id,
                occurred_at=clock.from_stored(stamp),
                level=Level(lvl) if lvl else None,
                title=title or "",
                snippet=snippet.replace("\n", " ").strip(),
                rank=rank,
            )
        )
    return hits


def search_entries(
    db: Database, *, text: str, filters: EntryFilter, limit: int = 200
) -> list[EntryHit]:
    """Entries only, narrowed by every entry filter (kind, tag, level, dates, shared);
    what the journal list shows while the user types in its search field."""
    query = fts_query(text)
    if query is None:
        return []
    where, params = entry_repository.where_clause(filters)
    sql = (
        f"SELECT {entry_repository.SUMMARY_COLUMNS}, "
        "snippet(search_index, -1, ?, ?, '…', 14), bm25(search_index, 0.0, 0.0, 8.0, 1.0) "
        "FROM search_index s JOIN entries e ON e.id = s.rowid / 4 "
        f"WHERE search_index MATCH ? AND s.rowid % 4 = 0 AND {where} "
        "ORDER BY 9 LIMIT ?"
    )
    rows = db.query(sql, [MATCH_START, MATCH_END, query, *params, limit])
    return [
        EntryHit(
            entry_repository.summary_from_row(row[:7]),
            row[7].replace("\n", " ").strip(),
            row[8],
        )
        for row in rows
    ]
