"""Stored dates that do not read back, found and repaired.

Versions before 0.2 wrote ``strftime("%Y")`` years without padding (year 999 as ``999``)
and accepted any year, so an import of an entry dated 0999, or an entry dated 9999 seen
from Tokyo, left values that no reader took. Reading is tolerant now (``clock``), and the
domain refuses dates outside the journal's range; this module finds what older versions
left and rewrites each value to the one the app already shows for it: the range's edge
for a year outside it, the row's own creation time for text that holds no date, the
canonical form for a loosely written one. Every change is listed for the user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from tkg_journal.domain.dates import LATEST_DAY
from tkg_journal.storage import clock
from tkg_journal.storage.database import Database


@dataclass(frozen=True, slots=True)
class _DateColumn:
    table: str
    key: str  # the column that names the row to the user
    what: str  # "entry", "attempt"...
    column: str
    is_day: bool  # YYYY-MM-DD (else a stored moment)
    nullable: bool = False
    created: str | None = None  # the row's creation time, the fallback for no date at all
    unique: bool = False
    not_before: str | None = None  # a day column this one may not precede (due >= start)


_COLUMNS = (
    _DateColumn("entries", "id", "entry", "occurred_at", False, created="created_at"),
    _DateColumn("entries", "id", "entry", "created_at", False),
    _DateColumn("entries", "id", "entry", "updated_at", False, created="created_at"),
    _DateColumn("experiments", "id", "experiment", "start_date", True, nullable=True),
    _DateColumn(
        "experiments", "id", "experiment", "due_date", True, nullable=True, not_before="start_date"
    ),
    _DateColumn("experiments", "id", "experiment", "ended_on", True, nullable=True),
    _DateColumn("experiments", "id", "experiment", "created_at", False),
    _DateColumn("experiments", "id", "experiment", "updated_at", False, created="created_at"),
    _DateColumn("attempts", "id", "attempt", "occurred_at", False, created="created_at"),
    _DateColumn("attempts", "id", "attempt", "created_at", False),
    _DateColumn("rating_checkins", "id", "check-in", "rated_on", True, unique=True),
    _DateColumn("rating_checkins", "id", "check-in", "created_at", False),
    _DateColumn("coach_sessions", "id", "coach session", "held_on", True, created="created_at"),
    _DateColumn("coach_sessions", "id", "coach session", "created_at", False),
    _DateColumn("commitments", "id", "commitment", "due_date", True, nullable=True),
    _DateColumn("friction_behaviours", "id", "friction behaviour", "created_at", False),
    _DateColumn("drafts", "id", "draft", "saved_at", False),
    _DateColumn(
        "experiment_reminders", "experiment_id", "reminder of experiment", "reminded_on", True
    ),
    _DateColumn(
        "commitment_reminders", "commitment_id", "reminder of commitment", "reminded_on", True
    ),
)


@dataclass(frozen=True, slots=True)
class DateProblem:
    """One stored date that does not read back, and what the repair writes instead."""

    what: str
    row_id: int
    column: str
    stored: object
    repaired: str | None

    def describe(self) -> str:
        field = self.column.replace("_", " ")
        now = "empty" if self.repaired is None else self.repaired
        if len(now) == len("2026-03-01 08:30:00"):
            now += " UTC"
        return f"{self.what} {self.row_id}: {field} {self.stored!r} -> {now}"


def find(db: Database) -> list[DateProblem]:
    """Every stored date that does not read back (a scan of the date columns, read-only)."""
    problems: list[DateProblem] = []
    for spec in _COLUMNS:
        created, not_before = spec.created or "NULL", spec.not_before or "NULL"
        # Only fixed names from _COLUMNS are formatted in; there is no user value here.
        rows = db.query(
            f"SELECT {spec.key}, {spec.column}, {created}, {not_before} FROM {spec.table} "
            f"ORDER BY {spec.key}"
        )
        readable: Callable[[object], bool] = (
            clock.is_readable_day if spec.is_day else clock.is_readable
        )
        taken = _taken_days(db, spec) if spec.unique else set()
        for key, value, created_value, earliest in rows:
            if (value is None and spec.nullable) or readable(value):
                continue
            repaired = _repaired(spec, value, created_value, taken)
            if repaired is not None and clock.is_readable_day(earliest):
                repaired = max(repaired, earliest)  # as the experiment is read (due on start)
            problems.append(DateProblem(spec.what, int(key), spec.column, value, repaired))
    return problems


def repair(db: Database, problems: list[DateProblem]) -> None:
    """Write each problem's repaired value, in one transaction (all or nothing)."""
    by_what = {(spec.what, spec.column): spec for spec in _COLUMNS}
    with db.transaction():
        for problem in problems:
            spec = by_what[(problem.what, problem.column)]
            db.execute(
                f"UPDATE {spec.table} SET {spec.column} = ? WHERE {spec.key} = ?",
                (problem.repaired, problem.row_id),
            )


def _repaired(spec: _DateColumn, value: object, created: object, taken: set[str]) -> str | None:
    fallback = clock.from_stored(created) if clock.is_readable(created) else None
    moment = clock.from_stored(value, fallback=fallback)
    if not spec.is_day:
        return clock.to_stored(moment)
    if spec.nullable and (fallback is None and not _holds_a_date(value)):
        return None  # an optional day that says nothing: the row simply has none
    day = clock.date_from_stored(value) or moment.date()
    if spec.unique:  # one check-in a day: the nearest free day after it, else before it
        step = timedelta(days=1)
        start = day
        while day.isoformat() in taken and day < LATEST_DAY:
            day += step
        while day.isoformat() in taken:
            day = min(day, start) - step
        taken.add(day.isoformat())
    return day.isoformat()


def _holds_a_date(value: object) -> bool:
    return isinstance(value, str) and any(ch.isdigit() for ch in value)


def _taken_days(db: Database, spec: _DateColumn) -> set[str]:
    return {
        row[0]
        for row in db.query(f"SELECT {spec.column} FROM {spec.table}")
        if clock.is_readable_day(row[0])
    }
