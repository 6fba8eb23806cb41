"""Every stored record, read for the whole-journal export with all its columns.

The export is lossless, so these queries read the tables as stored (timestamps the
domain objects do not carry, such as an experiment's ``updated_at`` or an entry's
``import_ref``, included) and hand out plain records keyed by the export's own names
(see ``docs/export-format.md``), with Python values: UTC datetimes, dates, bools, ints.

Entries are read in pages of :data:`PAGE_ENTRIES` by keyset (the last key seen, not an
``OFFSET``), so a journal of any size is exported with the memory of one page. The other
kinds are a person's handful (hundreds to a few thousand rows) and are read whole.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from tkg_journal.domain.levels import Level
from tkg_journal.domain.search import EntryFilter
from tkg_journal.storage import clock, entry_repository
from tkg_journal.storage.database import Database
from tkg_journal.storage.entry_repository import where_clause

#: One export record: the keys of ``docs/export-format.md`` with Python values.
Record = dict[str, Any]

#: Entries read per query: small enough to keep memory flat, large enough that the
#: per-query cost (a page of SQLCipher decryption) is spread thin.
PAGE_ENTRIES = 500

_ENTRY_COLUMNS = (
    "e.id, e.kind, e.occurred_at, e.title, e.body, e.level, e.share_with_coach, e.who, "
    "e.what_happened, e.feeling, e.intensity, e.my_response, e.impact, e.try_next, "
    "e.feedback_source, e.sentiment, e.import_ref, e.created_at, e.updated_at"
)


def _moment(text: object) -> datetime:
    return clock.from_stored(text)


def _optional_day(text: object) -> date | None:
    return clock.date_from_stored(text)


def _level(value: object) -> Level | None:
    return Level(int(value)) if value else None  # type: ignore[call-overload]


def _where(filters: EntryFilter, tags: Sequence[str]) -> tuple[str, list[Any]]:
    """``filters``' conditions on ``entries e``, and: carries any of ``tags``."""
    where, params = where_clause(filters)
    if tags:
        where += (
            " AND EXISTS (SELECT 1 FROM entry_tags t WHERE t.entry_id = e.id AND t.tag IN "
            f"({', '.join('?' * len(tags))}))"
        )
        params = [*params, *tags]
    return where, params


def entry_count(db: Database, *, filters: EntryFilter, tags: Sequence[str] = ()) -> int:
    """How many entries :func:`entry_pages` yields for the same arguments."""
    where, params = _where(filters, tags)
    return int(db.scalar(f"SELECT COUNT(*) FROM entries e WHERE {where}", params))


def entry_pages(
    db: Database, *, filters: EntryFilter, tags: Sequence[str] = (), by_time: bool = False
) -> Iterator[list[Record]]:
    """Pages of whole entries (tags included) matching ``filters``, by id (the JSON
    export: the order they were written in) or ``by_time`` (jrnl, Markdown)."""
    where, params = _where(filters, tags)
    last: tuple[Any, ...] | None = None
    while True:
        if by_time:
            after = "(e.occurred_at, e.id) > (?, ?)" if last else "1"
            sort = "e.occurred_at, e.id"
        else:
            after = "e.id > ?" if last else "1"
            sort = "e.id"
        rows = db.query(
            f"SELECT {_ENTRY_COLUMNS} FROM entries e WHERE {where} AND {after} "
            f"ORDER BY {sort} LIMIT ?",
            [*params, *(last or ()), PAGE_ENTRIES],
        )
        if not rows:
            return
        page_tags = entry_repository.tags_by_entry(db, entry_ids=[row[0] for row in rows])
        yield [_entry(row, list(page_tags.get(row[0], ()))) for row in rows]
        final = rows[-1]
        last = (final[2], final[0]) if by_time else (final[0],)


def _entry(row: Sequence[Any], tags: list[str]) -> Record:
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
        import_ref,
        created,
        updated,
    ) = row
    return {
        "id": entry_id,
        "kind": kind,
        "occurred_at": _moment(occurred_at),
        "title": title,
        "body": body,
        "level": _level(level),
        "tags": tags,
        "shared": bool(share),
        "conversation": {
            "who": who,
            "what_happened": what,
            "feeling": feeling,
            "intensity": intensity,
            "my_response": response,
            "impact": impact,
            "try_next": try_next,
        },
        "feedback": {"source": source, "sentiment": sentiment},
        "import_ref": import_ref,
        "created_at": _moment(created),
        "updated_at": _moment(updated),
    }


def friction_behaviours(db: Database) -> list[Record]:
    return [
        {
            "id": r[0],
            "name": r[1],
            "level": _level(r[2]),
            "description": r[3],
            "archived": bool(r[4]),
            "created_at": _moment(r[5]),
        }
        for r in db.query(
            "SELECT id, name, level, description, archived, created_at "
            "FROM friction_behaviours ORDER BY id"
        )
    ]


def experiments(db: Database, *, filters: EntryFilter, tags: Sequence[str] = ()) -> list[Record]:
    """Every experiment; a link to an entry the filter leaves out reads as ``None`` (the
    document holds no record it could point to)."""
    where, params = _where(filters, tags)
    rows = db.query(
        "SELECT x.id, x.title, x.level, x.trigger_text, x.old_behaviour, x.new_response, "
        "x.prediction, x.success_criteria, x.behaviour_id, x.start_date, x.due_date, "
        "x.status, x.belief_before, x.belief_after, x.learning, x.abandon_reason, "
        f"(SELECT e.id FROM entries e WHERE e.id = x.source_entry_id AND {where}), "
        "x.created_at, x.updated_at, x.ended_on FROM experiments x ORDER BY x.id",
        params,
    )
    return [
        {
            "id": r[0],
            "title": r[1],
            "level": _level(r[2]),
            "trigger": r[3],
            "old_behaviour": r[4],
            "new_response": r[5],
            "prediction": r[6],
            "success_criteria": r[7],
            "friction_behaviour_id": r[8],
            "start_date": _optional_day(r[9]),
            "due_date": _optional_day(r[10]),
            "status": r[11],
            "belief_before": r[12],
            "belief_after": r[13],
            "learning": r[14],
            "abandon_reason": r[15],
            "source_entry_id": r[16],
            "created_at": _moment(r[17]),
            "updated_at": _moment(r[18]),
            "ended_on": _optional_day(r[19]),
        }
        for r in rows
    ]


def attempts(db: Database) -> list[Record]:
    return [
        {
            "id": r[0],
            "experiment_id": r[1],
            "occurred_at": _moment(r[2]),
            "did_it": r[3],
            "outcome": r[4],
            "situation": r[5],
            "note": r[6],
            "created_at": _moment(r[7]),
        }
        for r in db.query(
            "SELECT id, experiment_id, occurred_at, did_it, outcome, situation, note, "
            "created_at FROM attempts ORDER BY id"
        )
    ]


def rating_checkins(db: Database) -> list[Record]:
    scores: dict[int, dict[Level, int]] = {}
    for checkin_id, level, score in db.query(
        "SELECT checkin_id, level, score FROM level_ratings ORDER BY checkin_id, level"
    ):
        scores.setdefault(checkin_id, {})[Level(level)] = score
    return [
        {
            "id": r[0],
            "rated_on": clock.day_from_stored(r[1]),
            "note": r[2],
            "scores": scores.get(r[0], {}),
            "created_at": _moment(r[3]),
        }
        for r in db.query("SELECT id, rated_on, note, created_at FROM rating_checkins ORDER BY id")
    ]


def coach_sessions(db: Database) -> list[Record]:
    return [
        {
            "id": r[0],
            "held_on": clock.day_from_stored(r[1]),
            "topics": r[2],
            "notes": r[3],
            "created_at": _moment(r[4]),
        }
        for r in db.query(
            "SELECT id, held_on, topics, notes, created_at FROM coach_sessions ORDER BY id"
        )
    ]


def commitments(db: Database) -> list[Record]:
    return [
        {
            "id": r[0],
            "session_id": r[1],
            "text": r[2],
            "due_date": _optional_day(r[3]),
            "done": bool(r[4]),
            "experiment_id": r[5],
        }
        for r in db.query(
            "SELECT id, session_id, text, due_date, done, experiment_id FROM commitments "
            "ORDER BY id"
        )
    ]
