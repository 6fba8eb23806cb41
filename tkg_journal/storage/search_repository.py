"""Full-text search over everything the user writes (the FTS5 ``search_index``).

Typed text becomes a safe FTS5 query: every word is quoted (so ``AND``, ``-`` or ``"``
typed by a user are just words) and matches as a prefix, so ``delegat`` finds
"delegation", "delegating" and "delegated" while the user is still typing. (A stemmer
was tried and dropped: it cuts "delegation" to "deleg", so the prefix "delegat" found
nothing.) Results are ranked by BM25 with titles weighing more.

The snippets are not FTS5's ``snippet()``: its cost grows with the square of the hits in
one text, so one long entry of a repeated word made a search take minutes (106 s for
"trust" in a 500,000-character entry of it). The queries rank and LIMIT the matching rows
first, reading no text, and only then read the indexed text of those rows, from which
:func:`~tkg_journal.domain.snippets.best_snippet` takes the words around the first hits.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache

from tkg_journal.domain.levels import Level
from tkg_journal.domain.search import EntryFilter, EntryHit, HitType, SearchHit
from tkg_journal.domain.snippets import best_snippet, fold
from tkg_journal.storage import clock, entry_repository
from tkg_journal.storage.database import Database

_WORD = re.compile(r"\w+", re.UNICODE)
_TYPES = (HitType.ENTRY, HitType.EXPERIMENT, HitType.ATTEMPT)
MAX_QUERY_WORDS = 16


@lru_cache(maxsize=8)
def query_words(text: str) -> tuple[str, ...]:
    """The different words of typed search text, at most :data:`MAX_QUERY_WORDS` of them.

    A word FTS5 would read the same as an earlier one ("Trust trust TRÜST") is left out:
    bm25 walks every hit of every query word, so a pasted "trust trust ..." searched a
    long entry of "trust" 16 times over (0.1 s instead of 3 ms). A word met before as
    typed is skipped before folding, and the answer is kept for the next call with the
    same text: the list makes the snippet of each row it shows with this (folding the
    1,700 words of "trust" pasted took 4 ms a row).
    """
    words: dict[str, str] = {}
    seen: set[str] = set()
    for found in _WORD.finditer(text):
        word = found[0]
        if word in seen:
            continue
        seen.add(word)
        words.setdefault(fold(word), word)
        if len(words) == MAX_QUERY_WORDS:
            break
    return tuple(words.values())


def fts_query(text: str) -> str | None:
    """``'trust my tea'`` -> ``'"trust"* "my"* "tea"*'``; ``None`` when there is no word."""
    return _match(query_words(text))


def _match(words: Sequence[str]) -> str | None:
    return " ".join(f'"{word}"*' for word in words) or None


# The inner query ranks the matches and cuts them to the LIMIT without reading any text;
# the outer one reads the indexed text of just those rows (by rowid) for their snippets.
_SEARCH = """
SELECT r.rowid, s.level, s.occurred_at,
       CASE r.rowid % 4 WHEN 2 THEN x.title ELSE s.title END,
       s.body, s.title,
       CASE r.rowid % 4 WHEN 2 THEN a.experiment_id END,
       r.rank
  FROM (SELECT rowid, bm25(search_index, 0.0, 0.0, 8.0, 1.0) AS rank
          FROM search_index
         WHERE search_index MATCH :query
           AND (:since IS NULL OR occurred_at >= :since)
           AND (:until IS NULL OR occurred_at < :until)
           AND (:level IS NULL OR level = :level)
           AND (:entries_only = 0 OR rowid % 4 = 0)
         ORDER BY rank
         LIMIT :limit) AS r
  JOIN search_index s ON s.rowid = r.rowid
  LEFT JOIN attempts a ON r.rowid % 4 = 2 AND a.id = r.rowid / 4
  LEFT JOIN experiments x ON x.id = a.experiment_id
 ORDER BY r.rank
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
    words = query_words(text)
    query = _match(words)
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
        },
    )
    hits = []
    for rowid, lvl, occurred_at, title, body, indexed_title, parent_id, rank in rows:
        stamp = occurred_at if " " in occurred_at else f"{occurred_at} 00:00:00"
        hits.append(
            SearchHit(
                type=_TYPES[rowid % 4],
                id=rowid // 4,
                parent_id=parent_id,
                occurred_at=clock.from_stored(stamp),
                level=Level(lvl) if lvl else None,
                title=title or "",
                snippet=best_snippet((body or "", indexed_title or ""), words),
                rank=rank,
            )
        )
    return hits


def search_entries(
    db: Database,
    *,
    text: str,
    filters: EntryFilter,
    limit: int = 200,
    snippets: int | None = None,
) -> list[EntryHit]:
    """Entries only, narrowed by every entry filter (kind, tag, level, dates, shared);
    what the journal list shows while the user types in its search field. Best first;
    newest first while every word typed is one letter long (see _newest_entries_sql).

    Only the first ``snippets`` hits (default: all) get their snippet now; the others have
    ``None``, for :func:`entry_snippet` when their row is shown. A keystroke then pays for
    the snippets of a screenful, not of 500 hits (~30 us each in Python)."""
    words = query_words(text)
    query = _match(words)
    if query is None:
        return []
    where, params = entry_repository.where_clause(filters)
    if all(len(word) == 1 for word in words):
        rows = db.query(_newest_entries_sql(where), [*params, query, limit])
    else:
        rows = db.query(_ranked_entries_sql(where), [query, *params, limit])
    eager = len(rows) if snippets is None else snippets
    texts = _indexed_texts(db, [row[0] for row in rows[:eager]])
    return [
        EntryHit(
            entry_repository.summary_from_row(row[:7]),
            best_snippet(texts.get(row[0], ("", "")), words) if number < eager else None,
            row[7],
        )
        for number, row in enumerate(rows)
    ]


def _ranked_entries_sql(where: str) -> str:
    """The entries matching ``?`` within ``where``, best first, cut to the ``?`` LIMIT.

    The ranking reads no text, and the entries table is joined into it only when a filter
    needs its columns: for a first letter typed (10,000 matches) the join doubled the cost.
    """
    if where == entry_repository.NO_CONDITIONS:
        ranked = (
            "SELECT rowid, bm25(search_index, 0.0, 0.0, 8.0, 1.0) AS rank FROM search_index "
            "WHERE search_index MATCH ? AND rowid % 4 = 0"
        )
    else:
        ranked = (
            "SELECT s.rowid AS rowid, bm25(search_index, 0.0, 0.0, 8.0, 1.0) AS rank "
            "FROM search_index s JOIN entries e ON e.id = s.rowid / 4 "
            f"WHERE search_index MATCH ? AND s.rowid % 4 = 0 AND {where}"
        )
    return (
        f"SELECT {entry_repository.SUMMARY_COLUMNS}, r.rank "
        f"FROM ({ranked} ORDER BY rank LIMIT ?) AS r "
        "JOIN entries e ON e.id = r.rowid / 4 ORDER BY r.rank"
    )


def _newest_entries_sql(where: str) -> str:
    """The entries within ``where`` that match ``?``, newest first as the list browses
    them, cut to the ``?`` LIMIT; each ranked 0.

    For a query of one-letter words, the first key typed in the search field: it matches
    most of a journal, bm25 has little to tell those entries apart by, and ranking them
    all cost 25 ms of the 50 a keystroke may take on 10,000 entries. Walking the entries
    by date and keeping those the index matched costs 6 ms.
    """
    return (
        f"SELECT {entry_repository.SUMMARY_COLUMNS}, 0.0 FROM entries e "
        f"WHERE {where} AND e.id * 4 IN "
        "(SELECT rowid FROM search_index WHERE search_index MATCH ?) "
        "ORDER BY e.occurred_at DESC, e.id DESC LIMIT ?"
    )


def _indexed_texts(db: Database, entry_ids: list[int]) -> dict[int, tuple[str, str]]:
    """Entry id -> the (body, title) the index holds for it, which its snippet is made from.

    Read apart from the ranking, for the hits that get a snippet now: reading the text of
    all 500 hits cost a first letter typed more than ranking them did.
    """
    if not entry_ids:
        return {}
    # One JSON parameter rather than one per id: a caller may ask for more hits than
    # SQLite takes parameters.
    rows = db.query(
        "SELECT rowid, body, title FROM search_index "
        "WHERE rowid IN (SELECT value FROM json_each(?))",
        (json.dumps([entry_id * 4 for entry_id in entry_ids]),),
    )
    return {rowid // 4: (body or "", title or "") for rowid, body, title in rows}


def entry_snippet(db: Database, *, entry_id: int, text: str) -> str:
    """The snippet of one entry for search ``text`` (as :func:`search_entries` makes it);
    ``""`` if the entry is gone."""
    texts = _indexed_texts(db, [entry_id])
    if entry_id not in texts:
        return ""
    return best_snippet(texts[entry_id], query_words(text))
