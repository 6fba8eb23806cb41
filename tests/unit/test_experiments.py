"""Behaviour experiments: the lifecycle, its required answers, and the attempts logged on them."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from tkg_journal.domain.errors import TransitionError, ValidationError
from tkg_journal.domain.experiments import (
    ALLOWED_TRANSITIONS,
    Attempt,
    DidIt,
    Experiment,
    ExperimentStatus,
    abandon,
    can_log_attempt,
    complete,
    parse_did_it,
    reopen,
    start,
)
from tkg_journal.domain.levels import Level

S = ExperimentStatus
WHEN = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def experiment(**changes: object) -> Experiment:
    values: dict[str, object] = {
        "title": "Pause before answering",
        "level": Level.FOUNDATION,
        "trigger": "a peer challenges my plan in a meeting",
        "old_behaviour": "defending it at once",
        "new_response": "ask one question first",
        "id": 7,
    }
    values.update(changes)
    return Experiment(**values)  # type: ignore[arg-type]


def in_status(status: ExperimentStatus) -> Experiment:
    extra: dict[str, object] = {}
    if status is S.COMPLETED:
        extra["learning"] = "questions calm the room"
    if status is S.ABANDONED:
        extra["abandon_reason"] = "the meetings stopped"
    return experiment(status=status, **extra)


MOVES: dict[ExperimentStatus, Callable[[Experiment], Experiment]] = {
    S.ACTIVE: lambda e: start(e, on=date(2026, 3, 2)),
    S.COMPLETED: lambda e: complete(e, learning="asking first works", belief_after=70),
    S.ABANDONED: lambda e: abandon(e, reason="no longer relevant"),
}


# --- the lifecycle --------------------------------------------------------------------


def test_the_lifecycle_is_planned_active_then_closed() -> None:
    expected = {
        S.PLANNED: {S.ACTIVE, S.ABANDONED},
        S.ACTIVE: {S.COMPLETED, S.ABANDONED},
        S.COMPLETED: set(),
        S.ABANDONED: set(),
    }
    assert expected == ALLOWED_TRANSITIONS


@pytest.mark.parametrize(
    ("source", "target"),
    [(s, t) for s, t in itertools.product(S, S) if t in MOVES],
    ids=lambda s: s.value,
)
def test_every_transition_is_allowed_exactly_when_the_table_says(
    source: ExperimentStatus, target: ExperimentStatus
) -> None:
    before = in_status(source)
    snapshot = replace(before)
    if target in ALLOWED_TRANSITIONS[source]:
        after = MOVES[target](before)
        assert after.status is target
    else:
        with pytest.raises(TransitionError) as caught:
            MOVES[target](before)
        assert f"is {source.value}" in str(caught.value)
        assert f"cannot become {target.value}" in str(caught.value)
    assert before == snapshot
    assert before.status is source


def test_planned_is_never_a_target() -> None:
    assert all(S.PLANNED not in targets for targets in ALLOWED_TRANSITIONS.values())


def test_refused_transition_message_has_no_placeholder_for_an_unsaved_experiment() -> None:
    with pytest.raises(TransitionError) as caught:
        complete(experiment(id=None), learning="x", belief_after=None)
    assert str(caught.value) == "experiment is planned; it cannot become completed"


def test_start_sets_the_start_date_unless_one_was_planned() -> None:
    assert start(experiment(), on=date(2026, 3, 2)).start_date == date(2026, 3, 2)
    planned = experiment(start_date=date(2026, 3, 5))
    assert start(planned, on=date(2026, 3, 2)).start_date == date(2026, 3, 5)


def test_complete_records_learning_and_belief() -> None:
    done = complete(in_status(S.ACTIVE), learning="  asking first works ", belief_after=80)
    assert done.status is S.COMPLETED
    assert done.learning == "asking first works"
    assert done.belief_after == 80


@pytest.mark.parametrize("learning", ["", "   ", "\n"])
def test_complete_requires_a_learning(learning: str) -> None:
    active = in_status(S.ACTIVE)
    with pytest.raises(ValidationError, match="what you learned") as caught:
        complete(active, learning=learning, belief_after=50)
    assert caught.value.field == "learning"
    assert active.status is S.ACTIVE


def test_complete_refuses_a_belief_over_100() -> None:
    with pytest.raises(ValidationError, match="belief after must be a whole number from 0 to 100"):
        complete(in_status(S.ACTIVE), learning="x", belief_after=101)


@pytest.mark.parametrize("reason", ["", "  "])
def test_abandon_requires_a_reason(reason: str) -> None:
    with pytest.raises(ValidationError, match="asks why") as caught:
        abandon(in_status(S.PLANNED), reason=reason)
    assert caught.value.field == "reason"


def test_abandon_records_the_reason() -> None:
    gone = abandon(in_status(S.ACTIVE), reason="changed team")
    assert (gone.status, gone.abandon_reason) == (S.ABANDONED, "changed team")


@pytest.mark.parametrize("status", [S.COMPLETED, S.ABANDONED])
def test_reopen_a_closed_experiment_keeps_what_was_written(status: ExperimentStatus) -> None:
    closed = in_status(status)
    again = reopen(closed)
    assert again.status is S.ACTIVE
    assert (again.learning, again.abandon_reason) == (closed.learning, closed.abandon_reason)


@pytest.mark.parametrize("status", [S.PLANNED, S.ACTIVE])
def test_reopen_refuses_an_open_experiment(status: ExperimentStatus) -> None:
    with pytest.raises(TransitionError, match="already open"):
        reopen(in_status(status))


def test_only_planned_and_active_are_open() -> None:
    assert [s for s in S if s.is_open] == [S.PLANNED, S.ACTIVE]


@pytest.mark.parametrize("status", list(S))
def test_attempts_can_only_be_logged_on_an_active_experiment(status: ExperimentStatus) -> None:
    subject = in_status(status)
    if status is S.ACTIVE:
        assert can_log_attempt(subject) is None
    else:
        with pytest.raises(TransitionError, match="only be logged on an active experiment"):
            can_log_attempt(subject)


# --- the experiment itself ------------------------------------------------------------


@pytest.mark.parametrize("name", ["title", "trigger", "old_behaviour", "new_response"])
def test_the_four_parts_of_an_experiment_are_required(name: str) -> None:
    with pytest.raises(ValidationError, match=f"needs a {name.replace('_', ' ')}") as caught:
        experiment(**{name: "  "})
    assert caught.value.field == name


@pytest.mark.parametrize("value", [0, 50, 100])
def test_belief_from_0_to_100(value: int) -> None:
    assert experiment(belief_before=value, belief_after=value).belief_before == value


@pytest.mark.parametrize("value", [-1, 101])
def test_belief_outside_0_to_100_is_refused(value: int) -> None:
    with pytest.raises(ValidationError, match="belief before must be a whole number from 0 to 100"):
        experiment(belief_before=value)
    with pytest.raises(ValidationError, match="belief after"):
        experiment(belief_after=value)


def test_due_date_before_start_is_refused() -> None:
    with pytest.raises(ValidationError, match="due date is before the start date") as caught:
        experiment(start_date=date(2026, 3, 10), due_date=date(2026, 3, 9))
    assert caught.value.field == "due"
    same_day = experiment(start_date=date(2026, 3, 10), due_date=date(2026, 3, 10))
    assert same_day.due_date == date(2026, 3, 10)


def test_level_must_be_a_level() -> None:
    with pytest.raises(ValidationError, match="not a level"):
        experiment(level=1)


def test_statement_in_the_coaching_sentence() -> None:
    assert experiment().statement == (
        "When a peer challenges my plan in a meeting, instead of defending it at once "
        "I will ask one question first."
    )
    assert experiment(prediction="the discussion stays calm").statement == (
        "When a peer challenges my plan in a meeting, instead of defending it at once "
        "I will ask one question first, and I expect the discussion stays calm."
    )


@pytest.mark.parametrize(
    ("status", "due", "today", "overdue"),
    [
        (S.ACTIVE, date(2026, 3, 9), date(2026, 3, 10), True),
        (S.ACTIVE, date(2026, 3, 10), date(2026, 3, 10), False),
        (S.ACTIVE, date(2026, 3, 11), date(2026, 3, 10), False),
        (S.ACTIVE, None, date(2026, 3, 10), False),
        (S.COMPLETED, date(2026, 3, 1), date(2026, 3, 10), False),
        (S.ABANDONED, date(2026, 3, 1), date(2026, 3, 10), False),
    ],
)
def test_is_overdue(status: ExperimentStatus, due: date | None, today: date, overdue: bool) -> None:
    subject = replace(in_status(status), due_date=due)
    assert subject.is_overdue(today) is overdue


# --- attempts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "did"),
    [("yes", DidIt.YES), ("YES", DidIt.YES), (" partial ", DidIt.PARTIAL), ("No", DidIt.NO)],
)
def test_parse_did_it(text: str, did: DidIt) -> None:
    assert parse_did_it(text) is did


@pytest.mark.parametrize("text", ["", "y", "maybe", "true"])
def test_parse_did_it_refuses_other_answers(text: str) -> None:
    with pytest.raises(ValidationError, match="must be yes, partial or no") as caught:
        parse_did_it(text)
    assert caught.value.field == "did"


@pytest.mark.parametrize("outcome", [-2, -1, 0, 1, 2, None])
def test_attempt_outcome_from_minus_2_to_2(outcome: int | None) -> None:
    attempt = Attempt(experiment_id=7, occurred_at=WHEN, did_it=DidIt.YES, outcome=outcome)
    assert attempt.outcome == outcome


@pytest.mark.parametrize("outcome", [-3, 3, True])
def test_attempt_outcome_outside_the_range_is_refused(outcome: int) -> None:
    with pytest.raises(ValidationError, match="outcome must be a whole number from -2 to 2"):
        Attempt(experiment_id=7, occurred_at=WHEN, did_it=DidIt.NO, outcome=outcome)


def test_attempt_needs_a_time_zone_and_clean_text() -> None:
    with pytest.raises(ValidationError, match="time zone"):
        Attempt(experiment_id=7, occurred_at=datetime(2026, 3, 1), did_it=DidIt.YES)
    with pytest.raises(ValidationError, match="note contains control characters"):
        Attempt(experiment_id=7, occurred_at=WHEN, did_it=DidIt.YES, note="a\x00b")
    trimmed = Attempt(experiment_id=7, occurred_at=WHEN, did_it=DidIt.YES, situation=" 1:1 ")
    assert trimmed.situation == "1:1"


# --- every action from every status, in one table ----------------------------------------

ACTIONS: dict[str, Callable[[Experiment], Experiment]] = {
    "start": MOVES[S.ACTIVE],
    "complete": MOVES[S.COMPLETED],
    "abandon": MOVES[S.ABANDONED],
    "reopen": reopen,
}
#: What each action does from each status (None: refused with a TransitionError).
OUTCOMES: dict[tuple[str, ExperimentStatus], ExperimentStatus | None] = {
    ("start", S.PLANNED): S.ACTIVE,
    ("start", S.ACTIVE): None,
    ("start", S.COMPLETED): None,
    ("start", S.ABANDONED): None,
    ("complete", S.PLANNED): None,
    ("complete", S.ACTIVE): S.COMPLETED,
    ("complete", S.COMPLETED): None,
    ("complete", S.ABANDONED): None,
    ("abandon", S.PLANNED): S.ABANDONED,
    ("abandon", S.ACTIVE): S.ABANDONED,
    ("abandon", S.COMPLETED): None,
    ("abandon", S.ABANDONED): None,
    ("reopen", S.PLANNED): None,
    ("reopen", S.ACTIVE): None,
    ("reopen", S.COMPLETED): S.ACTIVE,
    ("reopen", S.ABANDONED): S.ACTIVE,
}


@pytest.mark.parametrize(("action", "status"), list(OUTCOMES), ids=lambda v: str(v))
def test_every_action_from_every_status(action: str, status: ExperimentStatus) -> None:
    before = in_status(status)
    expected = OUTCOMES[(action, status)]
    if expected is None:
        with pytest.raises(TransitionError) as caught:
            ACTIONS[action](before)
        expected_words = "already open" if action == "reopen" else f"is {status.value}"
        assert expected_words in str(caught.value)
        assert "\n" not in str(caught.value)
    else:
        after = ACTIONS[action](before)
        assert after.status is expected
        # Only the lifecycle's own fields change; the experiment stays the same one.
        assert (after.id, after.title, after.trigger, after.new_response) == (
            before.id, before.title, before.trigger, before.new_response)
    assert before.status is status


def test_a_whole_life_planned_active_completed_reopened_abandoned() -> None:
    planned = experiment(due_date=date(2026, 3, 20), belief_before=30)
    active = start(planned, on=date(2026, 3, 2))
    assert (active.start_date, active.due_date) == (date(2026, 3, 2), date(2026, 3, 20))
    done = complete(active, learning="asking first works", belief_after=75)
    assert (done.belief_before, done.belief_after) == (30, 75)
    again = reopen(done)
    can_log_attempt(again)
    gone = abandon(again, reason="moved to another team")
    assert (gone.status, gone.learning, gone.abandon_reason) == (
        S.ABANDONED, "asking first works", "moved to another team")
    with pytest.raises(TransitionError):
        can_log_attempt(gone)


def test_statement_reads_as_one_sentence_from_parts_copied_from_an_entry() -> None:
    from tkg_journal.domain.experiments import experiment_sentence

    assert experiment_sentence(
        "Sam questioned my numbers in front of the team.", "I defended every number.",
        "Ask what worries him first.", "the talk stays open!",
    ) == ("When Sam questioned my numbers in front of the team, instead of I defended every "
          "number I will ask what worries him first, and I expect the talk stays open.")
    assert experiment_sentence("", "", "", "") == "When …, instead of … I will …"
