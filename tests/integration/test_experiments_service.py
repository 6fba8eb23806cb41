"""The experiments service over a real encrypted journal: lifecycle, attempts, lists and
search, accountability and reminders, the friction catalogue. Every refusal is checked to
leave the journal's rows exactly as they were."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from tests.conftest import TEST_PASSPHRASE
from tests.helpers import entry
from tkg_journal.domain.accountability import DueReason
from tkg_journal.domain.entries import ConversationFields, EntryKind
from tkg_journal.domain.errors import TransitionError, ValidationError
from tkg_journal.domain.experiments import DidIt, Experiment, ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.storage.errors import NotFound

# A fixed "now" in a zone east of UTC, so local days and UTC days differ near midnight.
ZONE = timezone(timedelta(hours=2))
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=ZONE)
TODAY = NOW.date()
S = ExperimentStatus


@pytest.fixture
def journal(journal_paths: JournalPaths) -> Iterator[Journal]:
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    created.journal.clock = lambda: NOW
    yield created.journal
    created.journal.close()


@pytest.fixture
def service(journal: Journal) -> Experiments:
    return Experiments(journal)


def experiment(**changes: object) -> Experiment:
    values: dict[str, object] = {
        "title": "Pause before answering",
        "level": Level.FOUNDATION,
        "trigger": "a peer challenges my plan",
        "old_behaviour": "defending it at once",
        "new_response": "ask one question first",
    }
    values.update(changes)
    return Experiment(**values)  # type: ignore[arg-type]


_TABLES = ("experiments", "attempts", "experiment_reminders", "friction_behaviours", "entries")


def rows(journal: Journal) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables these use cases touch (to prove a refusal changed nothing)."""
    return {table: journal.db.query(f"SELECT * FROM {table} ORDER BY 1") for table in _TABLES}


def refused(journal: Journal, call: Callable[[], object], error: type[Exception],
            words: str) -> str:
    """``call`` raises ``error`` (a user error) naming ``words``, and nothing changed."""
    before = rows(journal)
    with pytest.raises(error) as raised:
        call()
    assert isinstance(raised.value, USER_ERRORS)
    message = str(raised.value)
    assert "\n" not in message
    assert words in message
    assert rows(journal) == before
    return message


def started(service: Experiments, **changes: object) -> Experiment:
    stored = service.create(experiment(**changes))
    assert stored.id is not None
    return service.start(stored.id)


# --- create and update ------------------------------------------------------------------


def test_create_stores_every_field_and_returns_the_stored_experiment(
        service: Experiments, journal: Journal) -> None:
    behaviour = service.add_behaviour("Answering too fast", Level.FOUNDATION)
    source = journal.add_entry(entry(title="Budget meeting"))
    stored = service.create(experiment(
        prediction="the room stays calm", success_criteria="three calm answers",
        behaviour_id=behaviour.id, start_date=date(2026, 3, 12), due_date=date(2026, 4, 1),
        belief_before=30, source_entry_id=source.id))
    assert stored.id is not None
    assert stored.created_at is not None
    assert service.get(stored.id) == stored
    assert stored.status is S.PLANNED
    assert (stored.prediction, stored.success_criteria, stored.belief_before) == (
        "the room stays calm", "three calm answers", 30)
    assert (stored.behaviour_id, stored.source_entry_id) == (behaviour.id, source.id)
    assert (stored.start_date, stored.due_date) == (date(2026, 3, 12), date(2026, 4, 1))


def test_an_experiment_created_active_starts_today(service: Experiments) -> None:
    stored = service.create(experiment(status=S.ACTIVE))
    assert stored.status is S.ACTIVE
    assert stored.start_date == TODAY


def test_create_refuses_closed_statuses_and_missing_links(
        service: Experiments, journal: Journal) -> None:
    refused(journal, lambda: service.create(experiment(status=S.COMPLETED, learning="x")),
            TransitionError, "planned or active")
    refused(journal, lambda: service.create(experiment(behaviour_id=9999)), NotFound,
            "friction behaviour 9999")
    refused(journal, lambda: service.create(experiment(source_entry_id=9999)), NotFound,
            "entry 9999")


def test_update_edits_fields_but_never_the_status(service: Experiments) -> None:
    stored = service.create(experiment())
    edited = service.update(replace(stored, title="Ask first", status=S.ACTIVE,
                                    due_date=date(2026, 5, 1)))
    assert edited.title == "Ask first"
    assert edited.due_date == date(2026, 5, 1)
    assert edited.status is S.PLANNED
    assert edited.created_at == stored.created_at


def test_update_refuses_an_unknown_experiment_and_emptying_a_learning(
        service: Experiments, journal: Journal) -> None:
    refused(journal, lambda: service.update(experiment(id=424242)), NotFound, "424242")
    active = started(service)
    assert active.id is not None
    done = service.complete(active.id, learning="asking first works", belief_after=80)
    refused(journal, lambda: service.update(replace(done, learning="")), ValidationError,
            "learned")


# --- the lifecycle ----------------------------------------------------------------------


def test_start_makes_a_planned_experiment_active_from_today(service: Experiments) -> None:
    stored = service.create(experiment(due_date=date(2026, 3, 20)))
    assert stored.id is not None
    active = service.start(stored.id)
    assert active.status is S.ACTIVE
    assert active.start_date == TODAY
    assert active.due_date == date(2026, 3, 20)
    assert service.get(stored.id) == active


def test_start_with_a_due_date_passed_is_refused_then_accepted_with_a_new_one(
        service: Experiments, journal: Journal) -> None:
    stored = service.create(experiment(start_date=date(2026, 3, 1), due_date=date(2026, 3, 5)))
    assert stored.id is not None
    message = refused(journal, lambda: service.start(stored.id), ValidationError,
                      "2026-03-05")
    assert "new due date" in message
    refused(journal, lambda: service.start(stored.id, due=date(2026, 3, 9)), ValidationError,
            "already passed")
    active = service.start(stored.id, due=date(2026, 3, 24))
    assert (active.status, active.due_date) == (S.ACTIVE, date(2026, 3, 24))
    assert active.start_date == date(2026, 3, 1)  # the planned start is kept


def test_start_without_a_planned_start_reports_the_passed_due_date(
        service: Experiments, journal: Journal) -> None:
    """Starting today would put the start after the old due date; the user is told the due
    date passed (and how to fix it), not that the due date is before the start."""
    stored = service.create(experiment(due_date=date(2026, 3, 1)))
    assert stored.id is not None
    refused(journal, lambda: service.start(stored.id), ValidationError, "new due date")
    refused(journal, lambda: service.start(stored.id, on=date(2026, 3, 12),
                                           due=date(2026, 3, 11)),
            ValidationError, "before the start date")
    active = service.start(stored.id, due=date(2026, 3, 11))
    assert (active.start_date, active.due_date) == (TODAY, date(2026, 3, 11))


def test_start_refuses_an_experiment_that_is_not_planned(
        service: Experiments, journal: Journal) -> None:
    active = started(service)
    assert active.id is not None
    refused(journal, lambda: service.start(active.id), TransitionError, "active")
    refused(journal, lambda: service.start(987), NotFound, "987")


def test_complete_requires_the_learning_and_records_the_belief(
        service: Experiments, journal: Journal) -> None:
    active = started(service)
    assert active.id is not None
    refused(journal, lambda: service.complete(active.id, learning="  ", belief_after=70),
            ValidationError, "learned")
    refused(journal, lambda: service.complete(active.id, learning="ok", belief_after=101),
            ValidationError, "belief after")
    done = service.complete(active.id, learning="questions calm the room", belief_after=70)
    assert (done.status, done.learning, done.belief_after) == (
        S.COMPLETED, "questions calm the room", 70)
    assert done.ended_on == TODAY  # a summary counts it as completed in today's period
    refused(journal, lambda: service.complete(active.id, learning="again", belief_after=None),
            TransitionError, "completed")


def test_a_planned_experiment_cannot_be_completed(
        service: Experiments, journal: Journal) -> None:
    stored = service.create(experiment())
    assert stored.id is not None
    refused(journal, lambda: service.complete(stored.id, learning="x", belief_after=None),
            TransitionError, "planned")


def test_abandon_requires_a_reason_from_planned_or_active(
        service: Experiments, journal: Journal) -> None:
    planned = service.create(experiment())
    active = started(service, title="Second")
    for stored in (planned, active):
        assert stored.id is not None
        refused(journal, lambda i=stored.id: service.abandon(i, reason=""),  # type: ignore[misc]
                ValidationError, "why")
        dropped = service.abandon(stored.id, reason="the meetings stopped")
        assert (dropped.status, dropped.abandon_reason) == (S.ABANDONED, "the meetings stopped")
        assert dropped.ended_on == TODAY
        refused(journal, lambda i=stored.id: service.abandon(i, reason="x"),  # type: ignore[misc]
                TransitionError, "abandoned")


def test_reopen_brings_a_closed_experiment_back_with_what_was_written(
        service: Experiments, journal: Journal) -> None:
    active = started(service)
    assert active.id is not None
    refused(journal, lambda: service.reopen(active.id), TransitionError, "already open")
    service.complete(active.id, learning="questions calm the room", belief_after=70)
    reopened = service.reopen(active.id)
    assert reopened.status is S.ACTIVE
    assert reopened.learning == "questions calm the room"
    assert reopened.ended_on is None  # open again: it has not ended


def test_delete_removes_the_experiment_its_attempts_and_their_search_rows(
        service: Experiments, journal: Journal) -> None:
    active = started(service)
    assert active.id is not None
    service.log_attempt(active.id, did_it=DidIt.YES, situation="quarterly zebra review")
    assert service.summaries(text="zebra")
    service.delete(active.id)
    refused(journal, lambda: service.get(active.id), NotFound, str(active.id))
    assert journal.db.scalar("SELECT count(*) FROM attempts") == 0
    assert service.summaries(text="zebra") == []
    assert journal.search("zebra") == []
    refused(journal, lambda: service.delete(active.id), NotFound, str(active.id))


# --- attempts ---------------------------------------------------------------------------


def test_attempts_are_logged_on_active_experiments_and_listed_oldest_first(
        service: Experiments) -> None:
    active = started(service)
    assert active.id is not None
    late = service.log_attempt(active.id, did_it=DidIt.YES, outcome=2, situation="board",
                               note="calm")
    early = service.log_attempt(active.id, did_it=DidIt.PARTIAL, outcome=-1,
                                when=NOW - timedelta(days=2))
    assert late.occurred_at == NOW
    assert late.id is not None and early.id is not None
    listed = service.attempts(active.id)
    assert [a.id for a in listed] == [early.id, late.id]
    assert (listed[1].did_it, listed[1].outcome, listed[1].situation, listed[1].note) == (
        DidIt.YES, 2, "board", "calm")
    assert listed[0].occurred_at == NOW - timedelta(days=2)


def test_attempts_are_refused_on_experiments_that_are_not_active(
        service: Experiments, journal: Journal) -> None:
    planned = service.create(experiment())
    assert planned.id is not None
    refused(journal, lambda: service.log_attempt(planned.id, did_it=DidIt.YES),
            TransitionError, "active")
    active = started(service, title="Second")
    assert active.id is not None
    service.complete(active.id, learning="done", belief_after=None)
    refused(journal, lambda: service.log_attempt(active.id, did_it=DidIt.NO),
            TransitionError, "completed")
    refused(journal, lambda: service.log_attempt(31337, did_it=DidIt.NO), NotFound, "31337")
    refused(journal, lambda: service.attempts(31337), NotFound, "31337")


def test_attempt_values_are_checked(service: Experiments, journal: Journal) -> None:
    active = started(service)
    assert active.id is not None
    refused(journal, lambda: service.log_attempt(active.id, did_it=DidIt.YES, outcome=3),
            ValidationError, "outcome")
    refused(journal, lambda: service.log_attempt(active.id, did_it="maybe"),  # type: ignore[arg-type]
            ValidationError, "yes, partial or no")
    refused(journal, lambda: service.log_attempt(active.id, did_it=DidIt.YES,
                                                 when=NOW + timedelta(days=1)),
            ValidationError, "future")
    refused(journal, lambda: service.log_attempt(active.id, did_it=DidIt.YES,
                                                 when=datetime(2026, 3, 9, 9, 0)),
            ValidationError, "time zone")


# --- lists and search -------------------------------------------------------------------


def test_summaries_put_open_ones_first_newest_first_and_aggregate_attempts(
        service: Experiments) -> None:
    old_active = started(service, title="Old active", start_date=date(2026, 2, 1))
    new_active = started(service, title="New active", start_date=date(2026, 3, 1))
    planned = service.create(experiment(title="Planned", start_date=date(2026, 3, 20)))
    closed = started(service, title="Closed", start_date=date(2026, 3, 5))
    assert closed.id is not None and old_active.id is not None
    service.complete(closed.id, learning="learned", belief_after=None)
    for days, outcome in enumerate([1, None, -1, 2]):
        service.log_attempt(old_active.id, did_it=DidIt.YES, outcome=outcome,
                            when=NOW - timedelta(days=10 - days))
    listed = service.summaries()
    assert [s.experiment.title for s in listed] == [
        "New active", "Old active", "Planned", "Closed"]
    row = listed[1]
    assert row.attempts == 4
    assert row.mean_outcome == pytest.approx(2 / 3)
    assert row.last_attempt_at == NOW - timedelta(days=7)
    assert row.recent_outcomes == (1, None, -1, 2)
    empty = listed[0]
    assert (empty.attempts, empty.last_attempt_at, empty.mean_outcome,
            empty.recent_outcomes) == (0, None, None, ())
    assert [s.experiment.id for s in service.summaries(status=S.PLANNED)] == [planned.id]
    assert [e.title for e in service.active()] == ["New active", "Old active"]
    assert new_active.id is not None


def test_recent_outcomes_keep_the_last_ten_oldest_first(service: Experiments) -> None:
    active = started(service, start_date=date(2026, 2, 1))
    assert active.id is not None
    outcomes = [-2, -1, 0, 1, 2, 2, 1, 0, -1, -2, 1, 2]
    for index, outcome in enumerate(outcomes):
        service.log_attempt(active.id, did_it=DidIt.YES, outcome=outcome,
                            when=NOW - timedelta(hours=len(outcomes) - index))
    (row,) = service.summaries()
    assert row.attempts == 12
    assert row.recent_outcomes == tuple(outcomes[-10:])


def test_summaries_filter_by_level_and_find_text_in_experiments_and_attempts(
        service: Experiments) -> None:
    first = started(service, title="Delegation drill", level=Level.EMPOWERMENT)
    second = started(service, title="Hard talks", level=Level.GROWTH,
                     prediction="fewer misunderstandings")
    assert first.id is not None and second.id is not None
    service.log_attempt(first.id, did_it=DidIt.PARTIAL, note="the budget meeting with Priya")
    assert [s.experiment.id for s in service.summaries(level=Level.GROWTH)] == [second.id]
    assert [s.experiment.id for s in service.summaries(text="priya")] == [first.id]
    assert [s.experiment.id for s in service.summaries(text="misunder")] == [second.id]
    assert [s.experiment.id for s in service.summaries(text="delegat")] == [first.id]
    assert service.summaries(text="priya", level=Level.GROWTH) == []
    assert service.summaries(text="nowhere") == []
    assert service.summaries(text="  ?! ") == []
    assert len(service.summaries(text="")) == 2


def test_prefill_from_a_conversation_reads_as_the_experiment_sentence(
        service: Experiments, journal: Journal) -> None:
    conversation = journal.add_entry(entry(
        kind=EntryKind.CONVERSATION, level=Level.GROWTH,
        conversation=ConversationFields(
            who="Sam", what_happened="Sam pushed back on the plan. The whole team was there.",
            my_response="I changed the topic.",
            try_next="Name the disagreement. Then ask what Sam needs.")))
    assert conversation.id is not None
    prefill = service.prefill_from_entry(conversation.id)
    assert prefill.title == "Experiment: Sam"
    assert prefill.level is Level.GROWTH
    # The event without its background; no guess at the old behaviour (the response may
    # be the good one); every step of the next try, as clauses that follow "I will".
    assert (prefill.trigger, prefill.old_behaviour, prefill.new_response) == (
        "Sam pushed back on the plan", "", "name the disagreement; then ask what Sam needs")
    assert prefill.source_entry_id == conversation.id
    created = service.create(experiment(
        title=prefill.title, level=prefill.level, trigger=prefill.trigger,
        old_behaviour="changing the topic", new_response=prefill.new_response,
        source_entry_id=prefill.source_entry_id))
    assert created.source_entry_id == conversation.id
    assert created.statement == (
        "When Sam pushed back on the plan, instead of changing the topic "
        "I will name the disagreement; then ask what Sam needs.")


def test_prefill_uses_the_title_when_there_is_no_story(
        service: Experiments, journal: Journal) -> None:
    titled = journal.add_entry(entry(kind=EntryKind.CONVERSATION, title="Budget talk",
                                     conversation=ConversationFields(who="Ana")))
    reflection = journal.add_entry(entry(kind=EntryKind.REFLECTION, body="I rush to fix\nmore"))
    assert titled.id is not None and reflection.id is not None
    first = service.prefill_from_entry(titled.id)
    assert (first.title, first.trigger, first.level) == ("Budget talk", "Budget talk", None)
    second = service.prefill_from_entry(reflection.id)
    assert (second.title, second.trigger) == ("Experiment: I rush to fix", "I rush to fix")
    with pytest.raises(NotFound):
        service.prefill_from_entry(5555)


# --- accountability ---------------------------------------------------------------------


def test_due_lists_overdue_then_quiet_and_follows_attempts(service: Experiments) -> None:
    overdue = service.create(experiment(title="Overdue", status=S.ACTIVE,
                                        start_date=date(2026, 2, 1), due_date=date(2026, 3, 7)))
    quiet = service.create(experiment(title="Quiet", status=S.ACTIVE,
                                      start_date=date(2026, 3, 1)))
    fresh = started(service, title="Fresh")
    service.create(experiment(title="Planned", due_date=date(2026, 3, 1),
                              start_date=date(2026, 2, 1)))
    assert overdue.id is not None and quiet.id is not None and fresh.id is not None
    due = service.due()
    assert [(d.experiment.id, d.reason, d.days) for d in due] == [
        (overdue.id, DueReason.OVERDUE, 3), (quiet.id, DueReason.QUIET, 9)]
    service.log_attempt(quiet.id, did_it=DidIt.YES, when=NOW - timedelta(days=2))
    assert [d.experiment.id for d in service.due()] == [overdue.id]
    assert [d.experiment.id for d in service.due(quiet_days=2)] == [overdue.id, quiet.id]
    # On 13 March: quiet 5 days since its attempt, fresh 3 days since its start.
    assert [(d.experiment.id, d.days) for d in service.due(today=date(2026, 3, 13))] == [
        (overdue.id, 6), (quiet.id, 5), (fresh.id, 3)]


def test_the_last_attempt_counts_on_the_local_day(service: Experiments) -> None:
    quiet = service.create(experiment(status=S.ACTIVE, start_date=date(2026, 3, 1)))
    assert quiet.id is not None
    # 00:30 local on 7 March is still 6 March in UTC; locally it is 3 days ago, not 4.
    service.log_attempt(quiet.id, did_it=DidIt.YES,
                        when=datetime(2026, 3, 7, 0, 30, tzinfo=ZONE))
    (item,) = service.due()
    assert (item.reason, item.days) == (DueReason.QUIET, 3)
    assert service.due(quiet_days=4) == []


def test_due_refuses_a_silly_quiet_days(service: Experiments) -> None:
    for value in (0, -1, 400):
        with pytest.raises(ValidationError, match="quiet days"):
            service.due(quiet_days=value)


def test_reminders_fire_at_most_once_a_day_per_experiment(
        service: Experiments, journal: Journal) -> None:
    first = service.create(experiment(title="A", status=S.ACTIVE, start_date=date(2026, 3, 1)))
    second = service.create(experiment(title="B", status=S.ACTIVE, start_date=date(2026, 3, 2)))
    assert first.id is not None and second.id is not None
    assert [d.experiment.id for d in service.reminders_due()] == [first.id, second.id]
    service.mark_reminded([first.id])
    assert [d.experiment.id for d in service.reminders_due()] == [second.id]
    service.mark_reminded([first.id, second.id])
    assert service.reminders_due() == []
    assert len(service.due()) == 2  # the due view still lists them
    tomorrow = TODAY + timedelta(days=1)
    assert len(service.reminders_due(today=tomorrow)) == 2
    service.mark_reminded([second.id], on=tomorrow)
    assert [d.experiment.id for d in service.reminders_due(today=tomorrow)] == [first.id]
    assert journal.db.scalar("SELECT count(*) FROM experiment_reminders") == 2
    refused(journal, lambda: service.mark_reminded([first.id, 777]), NotFound, "777")
    service.delete(first.id)
    assert journal.db.scalar("SELECT count(*) FROM experiment_reminders") == 1


# --- the friction catalogue -------------------------------------------------------------


def test_a_new_journal_has_the_seeded_catalogue_ordered_bottom_up(service: Experiments) -> None:
    catalogue = service.behaviours()
    assert catalogue
    assert [b.level for b in catalogue] == sorted(b.level for b in catalogue)
    assert {b.level for b in catalogue} == set(Level)
    assert any(b.name == "Defensiveness" and b.level is Level.FOUNDATION for b in catalogue)


def test_the_catalogue_can_be_added_to_renamed_remapped_and_archived(
        service: Experiments, journal: Journal) -> None:
    added = service.add_behaviour("Talking over people", Level.GROWTH, "in meetings")
    assert added.id is not None
    assert added in service.behaviours()
    renamed = service.rename_behaviour(added.id, "Interrupting")
    assert renamed.name == "Interrupting"
    remapped = service.remap_behaviour(added.id, Level.FOUNDATION)
    assert (remapped.name, remapped.level, remapped.description) == (
        "Interrupting", Level.FOUNDATION, "in meetings")
    linked = service.create(experiment(behaviour_id=added.id))
    archived = service.archive_behaviour(added.id)
    assert archived.archived
    assert archived not in service.behaviours()
    assert archived in service.behaviours(include_archived=True)
    assert linked.id is not None and service.get(linked.id).behaviour_id == added.id
    assert not service.archive_behaviour(added.id, archived=False).archived


def test_the_catalogue_refuses_duplicates_empty_names_and_unknown_ids(
        service: Experiments, journal: Journal) -> None:
    added = service.add_behaviour("Interrupting", Level.GROWTH)
    assert added.id is not None
    refused(journal, lambda: service.add_behaviour("interrupting", Level.FOUNDATION),
            ValidationError, "already")
    refused(journal, lambda: service.rename_behaviour(added.id, "DEFENSIVENESS"),
            ValidationError, "already")
    refused(journal, lambda: service.rename_behaviour(added.id, "  "), ValidationError, "name")
    refused(journal, lambda: service.remap_behaviour(99999, Level.GROWTH), NotFound, "99999")
    refused(journal, lambda: service.archive_behaviour(99999), NotFound, "99999")
    assert service.rename_behaviour(added.id, "INTERRUPTING").name == "INTERRUPTING"

