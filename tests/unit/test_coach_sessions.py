"""Coach-session rules over fixed days: what a session must say, which commitments are
action items due now and in which order, and the period "since the last session"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tkg_journal.domain.coach_sessions import (
    DEFAULT_SOON_DAYS,
    CoachSession,
    Commitment,
    CommitmentDueReason,
    OpenCommitment,
    SummaryBasis,
    check_commitment_due,
    check_held_on,
    commitment_due,
    due_commitments,
    since_last_session,
    summary_period,
)
from tkg_journal.domain.errors import DomainError, ValidationError
from tkg_journal.domain.progress import Period

TODAY = date(2026, 11, 24)
HELD = date(2026, 11, 10)
R = CommitmentDueReason


def item(
    ident: int,
    due_in: int | None,
    *,
    done: bool = False,
    experiment_id: int | None = None,
) -> OpenCommitment:
    """A commitment (id ``ident``) due ``due_in`` days from TODAY (negative: in the past)."""
    due = TODAY + timedelta(days=due_in) if due_in is not None else None
    return OpenCommitment(
        Commitment(
            f"Commitment {ident}", due_date=due, done=done, experiment_id=experiment_id, id=ident
        ),
        session_id=1,
        held_on=HELD,
    )


def shown(items: list[OpenCommitment], **kwargs: int) -> list[tuple[int | None, R, int]]:
    return [
        (d.item.commitment.id, d.reason, d.days)
        for d in due_commitments(items, today=TODAY, **kwargs)
    ]


# --- what a session and a commitment must be -----------------------------------------------


def test_a_session_says_something() -> None:
    with pytest.raises(ValidationError) as caught:
        CoachSession(held_on=HELD, topics="  ", notes="\n")
    assert caught.value.field == "topics"
    assert "topics, notes or at least one commitment" in str(caught.value)
    assert CoachSession(held_on=HELD, topics=" Delegation ").topics == "Delegation"
    assert CoachSession(held_on=HELD, notes="Notes only").notes == "Notes only"
    only = CoachSession(held_on=HELD, commitments=[Commitment("Ask Sam first")])  # type: ignore[arg-type]
    assert only.commitments == (Commitment("Ask Sam first"),)  # stored as a tuple


def test_session_text_is_checked_like_all_writing() -> None:
    with pytest.raises(ValidationError, match="control characters"):
        CoachSession(held_on=HELD, topics="bad\x1b[2J")
    with pytest.raises(ValidationError, match="a commitment cannot be empty"):
        Commitment("   ")


def test_open_commitments_counts_those_not_done() -> None:
    session = CoachSession(
        held_on=HELD,
        topics="t",
        commitments=(Commitment("a", done=True), Commitment("b"), Commitment("c")),
    )
    assert session.open_commitments == 2


def test_a_session_is_recorded_once_it_has_happened() -> None:
    check_held_on(TODAY, today=TODAY)
    check_held_on(TODAY - timedelta(days=400), today=TODAY)
    with pytest.raises(ValidationError) as caught:
        check_held_on(TODAY + timedelta(days=1), today=TODAY)
    assert str(caught.value) == (
        "a coach session cannot be recorded for a day still ahead (2026-11-25)"
    )


def test_a_commitment_is_not_due_before_its_session() -> None:
    check_commitment_due(Commitment("same day", due_date=HELD), held_on=HELD)
    check_commitment_due(Commitment("no date"), held_on=HELD)
    with pytest.raises(ValidationError) as caught:
        check_commitment_due(Commitment("x", due_date=HELD - timedelta(days=1)), held_on=HELD)
    assert caught.value.field == "due"
    assert "due on 2026-11-09, before its session on 2026-11-10" in str(caught.value)


# --- which action items are due --------------------------------------------------------------


@pytest.mark.parametrize(
    ("due_in", "expected"),
    [
        (-30, (R.OVERDUE, 30)),
        (-1, (R.OVERDUE, 1)),
        (0, (R.DUE_TODAY, 0)),
        (1, (R.DUE_SOON, 1)),
        (DEFAULT_SOON_DAYS, (R.DUE_SOON, DEFAULT_SOON_DAYS)),
        (DEFAULT_SOON_DAYS + 1, None),
    ],
)
def test_reason_and_days_at_the_boundaries(due_in: int, expected: tuple[R, int] | None) -> None:
    found = commitment_due(item(1, due_in), today=TODAY)
    assert (None if found is None else (found.reason, found.days)) == expected


def test_only_open_dated_action_items_are_listed() -> None:
    items = [
        item(1, -3, done=True),  # done
        item(2, None),  # no due date: open, but never "due"
        item(3, -3, experiment_id=9),  # followed through its experiment
        item(4, -3),
    ]
    assert shown(items) == [(4, R.OVERDUE, 3)]


def test_order_overdue_most_first_then_today_then_soonest_ties_by_id() -> None:
    items = [
        item(10, 5),
        item(11, 0),
        item(12, -1),
        item(13, 2),
        item(14, -9),
        item(15, 0),
        item(9, 2),
        item(16, 40),
    ]
    assert shown(items) == [
        (14, R.OVERDUE, 9),
        (12, R.OVERDUE, 1),
        (11, R.DUE_TODAY, 0),
        (15, R.DUE_TODAY, 0),
        (9, R.DUE_SOON, 2),
        (13, R.DUE_SOON, 2),
        (10, R.DUE_SOON, 5),
    ]


def test_soon_days_widens_or_narrows_the_window() -> None:
    items = [item(1, 0), item(2, 1), item(3, 30)]
    assert shown(items, soon_days=0) == [(1, R.DUE_TODAY, 0)]
    assert shown(items, soon_days=30) == [
        (1, R.DUE_TODAY, 0),
        (2, R.DUE_SOON, 1),
        (3, R.DUE_SOON, 30),
    ]


@pytest.mark.parametrize("bad", [-1, 366, True, 2.5])
def test_soon_days_out_of_range_is_refused(bad: object) -> None:
    with pytest.raises(ValidationError, match="soon days"):
        due_commitments([], today=TODAY, soon_days=bad)  # type: ignore[arg-type]


# --- since the last session ----------------------------------------------------------------------


def test_since_last_session_starts_on_the_latest_session_day() -> None:
    days = [date(2026, 9, 1), date(2026, 11, 10), date(2026, 10, 6)]
    assert since_last_session(days, today=TODAY) == Period(date(2026, 11, 10), TODAY)
    assert since_last_session(HELD, today=TODAY) == Period(HELD, TODAY)


def test_a_session_held_today_gives_a_one_day_period() -> None:
    period = since_last_session([HELD, TODAY], today=TODAY)
    assert period == Period(TODAY, TODAY)
    assert period.contains(TODAY)


def test_a_session_dated_ahead_is_not_the_last_one() -> None:
    ahead = TODAY + timedelta(days=3)
    assert since_last_session([HELD, ahead], today=TODAY) == Period(HELD, TODAY)


@pytest.mark.parametrize("none", [None, [], [TODAY + timedelta(days=1)]])
def test_without_a_session_the_period_must_be_chosen(none: list[date] | None) -> None:
    with pytest.raises(DomainError) as caught:
        since_last_session(none, today=TODAY)
    assert str(caught.value) == (
        "no coach session is recorded yet: record one, or choose the period with --since"
    )


# --- the summary's default period ----------------------------------------------------------


def test_the_summary_covers_the_time_since_the_last_session() -> None:
    chosen = summary_period([date(2026, 9, 1), HELD], today=TODAY)
    assert (chosen.period, chosen.basis, chosen.since_session) == (
        Period(HELD, TODAY), SummaryBasis.SINCE_LAST, HELD)


def test_right_after_todays_session_the_summary_covers_the_time_before_it() -> None:
    """Recorded today, the session is the one the summary is for: not a one-day period."""
    chosen = summary_period([date(2026, 9, 1), HELD, TODAY], today=TODAY)
    assert chosen.period == Period(HELD, TODAY)
    assert chosen.basis is SummaryBasis.BEFORE_TODAY_SINCE_PREVIOUS
    assert chosen.since_session == HELD
    twice_today = summary_period([HELD, TODAY, TODAY], today=TODAY)
    assert twice_today.period == Period(HELD, TODAY)


def test_right_after_the_first_session_the_summary_covers_the_month_before_it() -> None:
    chosen = summary_period([TODAY, TODAY + timedelta(days=14)], today=TODAY)
    assert chosen.period == Period(TODAY - timedelta(days=30), TODAY)
    assert chosen.basis is SummaryBasis.BEFORE_TODAY_FIRST
    assert chosen.since_session is None


def test_without_a_session_there_is_no_default_summary_period() -> None:
    with pytest.raises(DomainError):
        summary_period([TODAY + timedelta(days=1)], today=TODAY)
