"""Coach sessions: when they were held, what was discussed, and what was committed to.

A commitment made in a session either becomes a behaviour experiment (then it is followed
through that experiment's own due rules) or stays a simple *action item*: open until it is
marked done, and listed in "Due and overdue" once its due date is near or past. The rules
here are pure functions over dates, tested with fixed days rather than a clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tkg_journal.domain.dates import check_day, check_optional_day
from tkg_journal.domain.errors import DomainError, ValidationError
from tkg_journal.domain.progress import Period
from tkg_journal.domain.text_rules import MAX_TITLE_CHARS, clean_text

#: An action item due within this many days (today excluded) is listed as "due soon".
DEFAULT_SOON_DAYS = 7
MAX_SOON_DAYS = 365

NO_SESSION_YET = "no coach session is recorded yet: record one, or choose the period with --since"
#: Right after the first session ever, a summary for it covers this many days before it.
BEFORE_FIRST_SESSION_DAYS = 30


@dataclass(frozen=True, slots=True)
class Commitment:
    """Something the leader committed to in a session; may become an experiment."""

    text: str
    due_date: date | None = None
    done: bool = False
    experiment_id: int | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "text", clean_text("commitment", self.text, limit=MAX_TITLE_CHARS * 3)
        )
        if not self.text:
            raise ValidationError("commitment", "a commitment cannot be empty")
        check_optional_day("due date", self.due_date)

    @property
    def is_action_item(self) -> bool:
        """Followed on its own (not through an experiment made from it)."""
        return self.experiment_id is None


@dataclass(frozen=True, slots=True)
class CoachSession:
    """One session with the coach. It says something: topics, notes or a commitment.

    Whether ``held_on`` lies ahead of today is checked where today is known (the service,
    with the journal's clock)."""

    held_on: date
    topics: str = ""
    notes: str = ""
    commitments: tuple[Commitment, ...] = ()
    id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "topics", clean_text("topics", self.topics))
        object.__setattr__(self, "notes", clean_text("notes", self.notes))
        object.__setattr__(self, "commitments", tuple(self.commitments))
        check_day("session date", self.held_on)
        if not (self.topics or self.notes or self.commitments):
            raise ValidationError(
                "topics", "a coach session needs its topics, notes or at least one commitment"
            )

    @property
    def open_commitments(self) -> int:
        return sum(1 for c in self.commitments if not c.done)


def check_held_on(held_on: date, *, today: date) -> None:
    """A session is recorded once it has happened (today counts)."""
    if held_on > today:
        raise ValidationError(
            "date",
            f"a coach session cannot be recorded for a day still ahead ({held_on.isoformat()})",
        )


def check_commitment_due(commitment: Commitment, *, held_on: date) -> None:
    """A commitment made in a session cannot fall due before that session."""
    if commitment.due_date is not None and commitment.due_date < held_on:
        raise ValidationError(
            "due",
            f"the commitment “{commitment.text}” is due on {commitment.due_date.isoformat()}, "
            f"before its session on {held_on.isoformat()}",
        )


@dataclass(frozen=True, slots=True)
class OpenCommitment:
    """A commitment not done yet, with the day of the session it was made in."""

    commitment: Commitment
    session_id: int
    held_on: date


class CommitmentDueReason(StrEnum):
    OVERDUE = "overdue"  # due_date < today
    DUE_TODAY = "due today"  # due_date == today
    DUE_SOON = "due soon"  # today < due_date <= today + soon_days


@dataclass(frozen=True, slots=True)
class CommitmentDue:
    """An action item that needs attention. ``days``: days past due (overdue), 0 (due
    today) or days until it is due (due soon)."""

    item: OpenCommitment
    reason: CommitmentDueReason
    days: int


def check_soon_days(soon_days: int) -> None:
    if isinstance(soon_days, bool) or not isinstance(soon_days, int):
        raise ValidationError("soon days", f"soon days must be a whole number, not {soon_days!r}")
    if not 0 <= soon_days <= MAX_SOON_DAYS:
        raise ValidationError(
            "soon days", f"soon days must be from 0 to {MAX_SOON_DAYS}, not {soon_days}"
        )


def commitment_due(
    item: OpenCommitment, *, today: date, soon_days: int = DEFAULT_SOON_DAYS
) -> CommitmentDue | None:
    """Why this open commitment needs attention today, or ``None``: done ones, those
    without a due date, those followed through an experiment and those due later than
    ``soon_days`` from today are not action items to show."""
    commitment = item.commitment
    due = commitment.due_date
    if commitment.done or due is None or not commitment.is_action_item:
        return None
    days = (due - today).days
    if days < 0:
        return CommitmentDue(item, CommitmentDueReason.OVERDUE, -days)
    if days == 0:
        return CommitmentDue(item, CommitmentDueReason.DUE_TODAY, 0)
    if days <= soon_days:
        return CommitmentDue(item, CommitmentDueReason.DUE_SOON, days)
    return None


_REASON_RANK = {
    CommitmentDueReason.OVERDUE: 0,
    CommitmentDueReason.DUE_TODAY: 1,
    CommitmentDueReason.DUE_SOON: 2,
}


def _order(due: CommitmentDue) -> tuple[int, int, int]:
    # Most overdue first; among those due soon, the soonest first.
    days = -due.days if due.reason is CommitmentDueReason.OVERDUE else due.days
    return (_REASON_RANK[due.reason], days, due.item.commitment.id or 0)


def due_commitments(
    items: Sequence[OpenCommitment], *, today: date, soon_days: int = DEFAULT_SOON_DAYS
) -> list[CommitmentDue]:
    """The action items to show: overdue (most overdue first), then due today, then due
    within ``soon_days`` (soonest first); ties by commitment id."""
    check_soon_days(soon_days)
    found = [
        due
        for item in items
        if (due := commitment_due(item, today=today, soon_days=soon_days)) is not None
    ]
    return sorted(found, key=_order)


def since_last_session(sessions_held_on: Sequence[date] | date | None, *, today: date) -> Period:
    """From the day of the latest session held on or before ``today`` (inclusive: notes
    written after the session that day count) up to ``today``.

    Raises:
        DomainError: no session was held on or before ``today``.
    """
    if sessions_held_on is None:
        days: Sequence[date] = ()
    elif isinstance(sessions_held_on, date):
        days = (sessions_held_on,)
    else:
        days = sessions_held_on
    held = [day for day in days if day <= today]
    if not held:
        raise DomainError(NO_SESSION_YET)
    return Period(since=max(held), until=today)


class SummaryBasis(StrEnum):
    """Which session a summary's default period is about."""

    #: The last session was before today: since it, up to today.
    SINCE_LAST = "since_last"
    #: A session today (just recorded, so the summary is for it): since the one before.
    BEFORE_TODAY_SINCE_PREVIOUS = "before_today_since_previous"
    #: A session today and none before it: the days leading up to it.
    BEFORE_TODAY_FIRST = "before_today_first"


@dataclass(frozen=True, slots=True)
class SummaryPeriod:
    """A summary's default period and why: ``since`` is the session day it starts on
    (``None`` when no earlier session bounds it)."""

    period: Period
    basis: SummaryBasis
    since_session: date | None


def summary_period(sessions_held_on: Sequence[date], *, today: date) -> SummaryPeriod:
    """The period a summary for the coach covers by default: since the last session; but
    with a session held today (recorded right after it, to bring or send its summary) the
    period before it, since the session before that, or its last
    :data:`BEFORE_FIRST_SESSION_DAYS` days when there is none. A one-day period of today
    would be empty.

    Raises:
        DomainError: no session was held on or before ``today``.
    """
    last = since_last_session(sessions_held_on, today=today)
    assert last.since is not None
    if last.since < today:
        return SummaryPeriod(last, SummaryBasis.SINCE_LAST, last.since)
    earlier = [day for day in sessions_held_on if day < today]
    if earlier:
        previous = max(earlier)
        return SummaryPeriod(Period(previous, today), SummaryBasis.BEFORE_TODAY_SINCE_PREVIOUS,
                             previous)
    start = today - timedelta(days=BEFORE_FIRST_SESSION_DAYS)
    return SummaryPeriod(Period(start, today), SummaryBasis.BEFORE_TODAY_FIRST, None)
