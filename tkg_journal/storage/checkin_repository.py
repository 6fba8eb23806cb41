"""Level self-rating check-ins (one per day) and their scores."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tkg_journal.domain.levels import Level
from tkg_journal.domain.ratings import RatingCheckin
from tkg_journal.storage import clock
from tkg_journal.storage.database import Database


def upsert(db: Database, *, checkin: RatingCheckin) -> int:
    """Store a check-in; a second one on the same day replaces the first."""
    day = checkin.rated_on.isoformat()
    db.execute("DELETE FROM rating_checkins WHERE rated_on = ?", (day,))
    checkin_id = db.execute(
        "INSERT INTO rating_checkins (rated_on, note, created_at) VALUES (?, ?, ?)",
        (day, checkin.note, clock.now_stored()),
    )
    db.execute_many(
        "INSERT INTO level_ratings (checkin_id, level, score) VALUES (?, ?, ?)",
        [(checkin_id, int(level), score) for level, score in sorted(checkin.scores.items())],
    )
    return checkin_id


def insert_many(db: Database, *, checkins: Sequence[RatingCheckin]) -> None:
    for checkin in checkins:
        upsert(db, checkin=checkin)


def list_all(db: Database) -> list[RatingCheckin]:
    scores: dict[int, dict[Level, int]] = {}
    for checkin_id, level, score in db.query("SELECT checkin_id, level, score FROM level_ratings"):
        scores.setdefault(checkin_id, {})[Level(level)] = score
    return [
        RatingCheckin(
            id=r[0],
            rated_on=clock.day_from_stored(r[1]),
            note=r[2],
            scores=scores.get(r[0], {}),
        )
        for r in db.query("SELECT id, rated_on, note FROM rating_checkins ORDER BY rated_on")
    ]


_SELECT_CHECKIN = "SELECT id, rated_on, note FROM rating_checkins"


def _one(db: Database, where: str, params: Sequence[object]) -> RatingCheckin | None:
    row = db.query_one(f"{_SELECT_CHECKIN} {where}", params)
    if row is None:
        return None
    scores = {
        Level(level): score
        for level, score in db.query(
            "SELECT level, score FROM level_ratings WHERE checkin_id = ? ORDER BY level",
            (row[0],),
        )
    }
    return RatingCheckin(
        id=row[0], rated_on=clock.day_from_stored(row[1]), note=row[2], scores=scores
    )


def get_on(db: Database, *, day: date) -> RatingCheckin | None:
    """The check-in of ``day``, if any (``rated_on`` is unique: a b-tree lookup)."""
    return _one(db, "WHERE rated_on = ?", (day.isoformat(),))


def latest(db: Database, *, until: date | None = None) -> RatingCheckin | None:
    """The most recent check-in (on or before ``until`` when given)."""
    if until is None:
        return _one(db, "ORDER BY rated_on DESC LIMIT 1", ())
    return _one(db, "WHERE rated_on <= ? ORDER BY rated_on DESC LIMIT 1", (until.isoformat(),))


def any_between(db: Database, *, since: date, until: date) -> bool:
    """Whether some check-in was made on a day from ``since`` to ``until`` (both included)."""
    return bool(
        db.scalar(
            "SELECT EXISTS (SELECT 1 FROM rating_checkins WHERE rated_on BETWEEN ? AND ?)",
            (since.isoformat(), until.isoformat()),
        )
    )
