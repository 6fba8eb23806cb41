"""What needs attention today: overdue and quiet experiments, with fixed dates (no clock)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tkg_journal.domain.accountability import (
    DEFAULT_QUIET_DAYS,
    DueItem,
    DueReason,
    due_items,
)
from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.experiments import Experiment, ExperimentStatus
from tkg_journal.domain.levels import Level

S = ExperimentStatus
TODAY = date(2026, 3, 10)


def experiment(id: int = 1, *, status: ExperimentStatus = S.ACTIVE,
               start: date | None = date(2026, 3, 9), due: date | None = None,
               created: datetime | None = None) -> Experiment:
    return Experiment(
        id=id, title=f"Experiment {id}", level=Level.GROWTH, trigger="a hard talk",
        old_behaviour="hinting", new_response="saying it plainly", status=status,
        start_date=start, due_date=due, created_at=created,
        learning="x" if status is S.COMPLETED else "",
        abandon_reason="x" if status is S.ABANDONED else "")


def reasons(items: list[DueItem]) -> list[tuple[int | None, DueReason, int]]:
    return [(i.experiment.id, i.reason, i.days) for i in items]


def test_the_default_is_three_quiet_days() -> None:
    assert DEFAULT_QUIET_DAYS == 3


@pytest.mark.parametrize(("due", "expected"), [
    (date(2026, 3, 9), [(1, DueReason.OVERDUE, 1)]),   # due yesterday: 1 day overdue
    (date(2026, 3, 10), []),                            # due today is not overdue
    (date(2026, 3, 11), []),
    (date(2026, 2, 10), [(1, DueReason.OVERDUE, 28)]),
])
def test_overdue_means_the_due_date_has_passed(due: date, expected: list[object]) -> None:
    subject = experiment(start=date(2026, 2, 1), due=due)
    # A fresh attempt keeps it from being quiet, so only the due date counts here.
    assert reasons(due_items([(subject, TODAY)], today=TODAY)) == expected


@pytest.mark.parametrize(("last", "expected"), [
    (date(2026, 3, 8), []),                              # 2 days: not yet
    (date(2026, 3, 7), [(1, DueReason.QUIET, 3)]),       # exactly quiet_days: quiet
    (date(2026, 3, 1), [(1, DueReason.QUIET, 9)]),
    (TODAY, []),
])
def test_quiet_counts_from_the_last_attempt(last: date, expected: list[object]) -> None:
    subject = experiment(start=date(2026, 2, 1))
    assert reasons(due_items([(subject, last)], today=TODAY)) == expected


@pytest.mark.parametrize(("start", "expected"), [
    (date(2026, 3, 8), []),
    (date(2026, 3, 7), [(1, DueReason.QUIET, 3)]),
    (date(2026, 3, 12), []),                             # starts in the future
])
def test_without_attempts_quiet_counts_from_the_start(start: date, expected: list[object]) -> None:
    assert reasons(due_items([(experiment(start=start), None)], today=TODAY)) == expected


def test_without_a_start_date_quiet_counts_from_creation() -> None:
    made = experiment(start=None, created=datetime(2026, 3, 5, 12, tzinfo=UTC))
    assert reasons(due_items([(made, None)], today=TODAY)) == [(1, DueReason.QUIET, 5)]
    unknown = experiment(start=None)
    assert due_items([(unknown, None)], today=TODAY) == []


@pytest.mark.parametrize("quiet_days", [1, 5, 14])
def test_quiet_days_is_the_boundary(quiet_days: int) -> None:
    on_the_day = experiment(1, start=date(2026, 2, 1))
    day_before = experiment(2, start=date(2026, 2, 1))
    items = due_items(
        [(on_the_day, date.fromordinal(TODAY.toordinal() - quiet_days)),
         (day_before, date.fromordinal(TODAY.toordinal() - quiet_days + 1))],
        today=TODAY, quiet_days=quiet_days)
    assert reasons(items) == [(1, DueReason.QUIET, quiet_days)]


@pytest.mark.parametrize("status", [S.PLANNED, S.COMPLETED, S.ABANDONED])
def test_only_active_experiments_are_ever_due(status: ExperimentStatus) -> None:
    subject = experiment(status=status, start=date(2026, 1, 1), due=date(2026, 1, 2))
    assert due_items([(subject, None), (subject, date(2026, 1, 1))], today=TODAY) == []


def test_overdue_and_quiet_is_listed_once_as_overdue() -> None:
    both = experiment(start=date(2026, 2, 1), due=date(2026, 3, 8))
    assert reasons(due_items([(both, date(2026, 2, 2))], today=TODAY)) == [
        (1, DueReason.OVERDUE, 2)]


def test_overdue_first_most_overdue_first_then_longest_quiet_first() -> None:
    pairs = [
        (experiment(1, start=date(2026, 3, 1)), date(2026, 3, 6)),                  # quiet 4
        (experiment(2, start=date(2026, 1, 1), due=date(2026, 3, 9)), TODAY),      # overdue 1
        (experiment(3, start=date(2026, 3, 1)), None),                              # quiet 9
        (experiment(4, start=date(2026, 1, 1), due=date(2026, 3, 1)), TODAY),      # overdue 9
        (experiment(5, start=date(2026, 3, 9)), None),                              # fine
        (experiment(6, start=date(2026, 3, 1)), date(2026, 3, 6)),                  # quiet 4
    ]
    assert reasons(due_items(pairs, today=TODAY)) == [
        (4, DueReason.OVERDUE, 9), (2, DueReason.OVERDUE, 1),
        (3, DueReason.QUIET, 9), (1, DueReason.QUIET, 4), (6, DueReason.QUIET, 4)]


def test_nothing_due_in_an_empty_journal() -> None:
    assert due_items([], today=TODAY) == []


@pytest.mark.parametrize("quiet_days", [0, -3, 366, True])
def test_quiet_days_must_be_sensible(quiet_days: int) -> None:
    with pytest.raises(ValidationError, match="quiet days"):
        due_items([], today=TODAY, quiet_days=quiet_days)


def test_a_reason_reads_as_its_value() -> None:
    assert [r.value for r in DueReason] == ["overdue", "quiet"]
