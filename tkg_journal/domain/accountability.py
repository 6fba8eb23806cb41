"""Accountability: which active experiments need attention today, and why.

An open experiment "shows up until it is closed": it is *overdue* once its due date has
passed, and *quiet* once no attempt has been logged for ``quiet_days`` days (counted from
the last attempt, or from the start when there is none yet). Pure rules over dates, so
they are tested with fixed days rather than a clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.experiments import Experiment, ExperimentStatus

#: Days without an attempt after which an active experiment counts as quiet.
DEFAULT_QUIET_DAYS = 3
MAX_QUIET_DAYS = 365


class DueReason(StrEnum):
    OVERDUE = "overdue"  # active, due_date < today
    QUIET = "quiet"  # active, no attempt for >= quiet_days


@dataclass(frozen=True, slots=True)
class DueItem:
    """An experiment that needs attention. ``days``: days past due (overdue) or days
    since the last attempt, or since the start when there is none (quiet)."""

    experiment: Experiment
    reason: DueReason
    days: int


def check_quiet_days(quiet_days: int) -> None:
    if isinstance(quiet_days, bool) or not isinstance(quiet_days, int):
        raise ValidationError(
            "quiet days", f"quiet days must be a whole number, not {quiet_days!r}"
        )
    if not 1 <= quiet_days <= MAX_QUIET_DAYS:
        raise ValidationError(
            "quiet days", f"quiet days must be from 1 to {MAX_QUIET_DAYS}, not {quiet_days}"
        )


def _quiet_since(experiment: Experiment, last_attempt: date | None) -> date | None:
    """The day the silence started: the last attempt, else the start. An active
    experiment stored without a start date (made active by an older tool) counts from
    the day it was created."""
    if last_attempt is not None:
        return last_attempt
    if experiment.start_date is not None:
        return experiment.start_date
    return experiment.created_at.date() if experiment.created_at else None


def due_item(
    experiment: Experiment, last_attempt: date | None, *, today: date, quiet_days: int
) -> DueItem | None:
    """The one reason ``experiment`` needs attention today (overdue wins), or ``None``."""
    if experiment.status is not ExperimentStatus.ACTIVE:
        return None
    if experiment.due_date is not None and experiment.due_date < today:
        return DueItem(experiment, DueReason.OVERDUE, (today - experiment.due_date).days)
    since = _quiet_since(experiment, last_attempt)
    if since is not None and (today - since).days >= quiet_days:
        return DueItem(experiment, DueReason.QUIET, (today - since).days)
    return None


def _order(item: DueItem) -> tuple[int, int, int]:
    reason_rank = 0 if item.reason is DueReason.OVERDUE else 1
    return (reason_rank, -item.days, item.experiment.id or 0)


def due_items(
    experiments: Sequence[tuple[Experiment, date | None]],
    *,
    today: date,
    quiet_days: int = DEFAULT_QUIET_DAYS,
) -> list[DueItem]:
    """What needs attention: each (experiment, date of its last attempt or ``None``) at
    most once; overdue first (most overdue first), then quiet (longest quiet first)."""
    check_quiet_days(quiet_days)
    found = [
        item
        for experiment, last in experiments
        if (item := due_item(experiment, last, today=today, quiet_days=quiet_days)) is not None
    ]
    return sorted(found, key=_order)
