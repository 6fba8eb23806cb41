"""Behaviour experiments and the attempts that test them in real situations.

"When <trigger>, instead of <old behaviour> I will <new response>, and I expect
<prediction>." An experiment moves planned -> active -> completed | abandoned, and
nothing else: completing records what was learned, abandoning records why.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from tkg_journal.domain.dates import check_moment, check_optional_day
from tkg_journal.domain.errors import TransitionError, ValidationError
from tkg_journal.domain.experiment_sentence import (
    experiment_sentence as experiment_sentence,  # re-exported: callers import it from here
)
from tkg_journal.domain.levels import Level
from tkg_journal.domain.text_rules import MAX_TITLE_CHARS, check_range, clean_text


class ExperimentStatus(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    COMPLETED = "completed"
    ABANDONED = "abandoned"

    @property
    def is_open(self) -> bool:
        return self in (ExperimentStatus.PLANNED, ExperimentStatus.ACTIVE)


#: The only moves the lifecycle allows. Reopening a closed experiment is a separate,
#: explicit action (see :func:`reopen`), not a transition a status picker can make.
ALLOWED_TRANSITIONS: dict[ExperimentStatus, frozenset[ExperimentStatus]] = {
    ExperimentStatus.PLANNED: frozenset({ExperimentStatus.ACTIVE, ExperimentStatus.ABANDONED}),
    ExperimentStatus.ACTIVE: frozenset({ExperimentStatus.COMPLETED, ExperimentStatus.ABANDONED}),
    ExperimentStatus.COMPLETED: frozenset(),
    ExperimentStatus.ABANDONED: frozenset(),
}


def parse_status(text: str) -> ExperimentStatus:
    """A status by name, case-insensitively (``active``, ``Completed``)."""
    try:
        return ExperimentStatus(text.strip().lower())
    except ValueError:
        valid = ", ".join(s.value for s in ExperimentStatus)
        raise ValidationError("status", f"unknown status {text!r}; use one of: {valid}") from None


class DidIt(StrEnum):
    """Did I try the new response in this situation?"""

    YES = "yes"
    PARTIAL = "partial"
    NO = "no"


def parse_did_it(text: str) -> DidIt:
    try:
        return DidIt(text.strip().lower())
    except ValueError:
        raise ValidationError("did", f"'did it' must be yes, partial or no, not {text!r}") from None


@dataclass(frozen=True, slots=True)
class Experiment:
    """A behaviour experiment. ``id`` is ``None`` until stored."""

    title: str
    level: Level
    trigger: str
    old_behaviour: str
    new_response: str
    prediction: str = ""
    success_criteria: str = ""
    behaviour_id: int | None = None
    start_date: date | None = None
    due_date: date | None = None
    status: ExperimentStatus = ExperimentStatus.PLANNED
    belief_before: int | None = None
    belief_after: int | None = None
    learning: str = ""
    abandon_reason: str = ""
    source_entry_id: int | None = None
    id: int | None = None
    created_at: datetime | None = None
    ended_on: date | None = None  # the day it was completed or abandoned

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", clean_text("title", self.title, limit=MAX_TITLE_CHARS))
        for name in (
            "trigger",
            "old_behaviour",
            "new_response",
            "prediction",
            "success_criteria",
            "learning",
            "abandon_reason",
        ):
            object.__setattr__(self, name, clean_text(name.replace("_", " "), getattr(self, name)))
        for name in ("title", "trigger", "old_behaviour", "new_response"):
            if not getattr(self, name):
                raise ValidationError(name, f"an experiment needs a {name.replace('_', ' ')}")
        if not isinstance(self.level, Level):
            raise ValidationError("level", f"not a level: {self.level!r}")
        check_range("belief before", self.belief_before, 0, 100)
        check_range("belief after", self.belief_after, 0, 100)
        check_optional_day("start date", self.start_date)
        check_optional_day("due date", self.due_date)
        check_optional_day("end date", self.ended_on)
        if self.start_date and self.due_date and self.due_date < self.start_date:
            raise ValidationError("due", "the due date is before the start date")

    @property
    def statement(self) -> str:
        """The experiment in the coaching method's own sentence, one sentence however its
        parts were typed (see :mod:`tkg_journal.domain.experiment_sentence`)."""
        return experiment_sentence(
            self.trigger, self.old_behaviour, self.new_response, self.prediction
        )

    def is_overdue(self, today: date) -> bool:
        return (
            self.status is ExperimentStatus.ACTIVE
            and self.due_date is not None
            and self.due_date < today
        )


def _move(experiment: Experiment, target: ExperimentStatus) -> None:
    if target not in ALLOWED_TRANSITIONS[experiment.status]:
        raise TransitionError(
            f"experiment {experiment.id or ''} is {experiment.status.value}; "
            f"it cannot become {target.value}".replace("  ", " ")
        )


def start(experiment: Experiment, *, on: date) -> Experiment:
    """planned -> active. The start date becomes ``on`` unless one was planned."""
    _move(experiment, ExperimentStatus.ACTIVE)
    return replace(
        experiment, status=ExperimentStatus.ACTIVE, start_date=experiment.start_date or on
    )


def complete(
    experiment: Experiment, *, learning: str, belief_after: int | None, on: date | None = None
) -> Experiment:
    """active -> completed (on the day ``on``), with what was learned (required) and the
    belief re-rated."""
    _move(experiment, ExperimentStatus.COMPLETED)
    if not learning.strip():
        raise ValidationError("learning", "completing an experiment asks what you learned")
    return replace(
        experiment,
        status=ExperimentStatus.COMPLETED,
        learning=learning,
        belief_after=belief_after,
        ended_on=on,
    )


def abandon(experiment: Experiment, *, reason: str, on: date | None = None) -> Experiment:
    """planned | active -> abandoned (on the day ``on``), with the reason (required)."""
    _move(experiment, ExperimentStatus.ABANDONED)
    if not reason.strip():
        raise ValidationError("reason", "abandoning an experiment asks why")
    return replace(
        experiment, status=ExperimentStatus.ABANDONED, abandon_reason=reason, ended_on=on
    )


def reopen(experiment: Experiment) -> Experiment:
    """An explicit way back: a closed experiment becomes active again; its learning stays."""
    if experiment.status.is_open:
        raise TransitionError(f"experiment {experiment.id} is already open")
    return replace(experiment, status=ExperimentStatus.ACTIVE, ended_on=None)


@dataclass(frozen=True, slots=True)
class Attempt:
    """One real situation in which the new response was (or was not) tried."""

    experiment_id: int
    occurred_at: datetime
    did_it: DidIt
    outcome: int | None = None
    situation: str = ""
    note: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        if self.occurred_at.tzinfo is None:
            raise ValidationError("when", "an attempt's time must carry a time zone")
        check_moment("the attempt's date", self.occurred_at)
        check_range("outcome", self.outcome, -2, 2)
        object.__setattr__(self, "situation", clean_text("situation", self.situation))
        object.__setattr__(self, "note", clean_text("note", self.note))


def can_log_attempt(experiment: Experiment) -> None:
    """Attempts belong to an active experiment; a planned one must be started first."""
    if experiment.status is not ExperimentStatus.ACTIVE:
        raise TransitionError(
            f"experiment {experiment.id} is {experiment.status.value}; "
            "attempts can only be logged on an active experiment"
        )
