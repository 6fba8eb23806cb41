"""The coach-sessions service over a real encrypted journal: recording, editing and deleting
sessions with their commitments, action items and what is due, "since the last session",
and commitments that become experiments. Every refusal is checked to leave the journal's
rows exactly as they were."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from tests.conftest import TEST_PASSPHRASE
from tkg_journal.domain.coach_sessions import (
    CoachSession,
    Commitment,
    CommitmentDueReason,
)
from tkg_journal.domain.errors import DomainError, ValidationError
from tkg_journal.domain.experiments import Experiment
from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import Period
from tkg_journal.domain.text_rules import MAX_TITLE_CHARS
from tkg_journal.paths import JournalPaths
from tkg_journal.services import demo, journal_access
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.storage.errors import NotFound

ZONE = timezone(timedelta(hours=2))
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=ZONE)
TODAY = NOW.date()
R = CommitmentDueReason


def day(offset: int) -> date:
    """TODAY plus ``offset`` days."""
    return TODAY + timedelta(days=offset)


@pytest.fixture
def journal(journal_paths: JournalPaths) -> Iterator[Journal]:
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    created.journal.clock = lambda: NOW
    yield created.journal
    created.journal.close()


@pytest.fixture
def service(journal: Journal) -> CoachSessions:
    return CoachSessions(journal)


def experiment(**changes: object) -> Experiment:
    values: dict[str, object] = {
        "title": "Ask before defending",
        "level": Level.FOUNDATION,
        "trigger": "someone questions my numbers",
        "old_behaviour": "I defend every figure at once",
        "new_response": "ask what worries them first",
    }
    values.update(changes)
    return Experiment(**values)  # type: ignore[arg-type]


def session(
    held_on: date | None = None, *commitments: Commitment, **changes: object
) -> CoachSession:
    values: dict[str, object] = {
        "held_on": held_on or day(-14),
        "topics": "Delegation; feedback from Priya",
        "notes": "Hand decisions back; share plans earlier.",
        "commitments": commitments,
    }
    values.update(changes)
    return CoachSession(**values)  # type: ignore[arg-type]


_TABLES = ("coach_sessions", "commitments", "experiments", "commitment_reminders")


def rows(journal: Journal) -> dict[str, list[tuple[object, ...]]]:
    return {table: journal.db.query(f"SELECT * FROM {table} ORDER BY 1") for table in _TABLES}


def refused(
    journal: Journal, call: Callable[[], object], error: type[Exception], words: str
) -> str:
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


# --- recording and reading -------------------------------------------------------------------


def test_record_returns_the_session_with_every_id(service: CoachSessions) -> None:
    stored = service.record(
        session(
            day(-14),
            Commitment("Share the Q1 plan draft", due_date=day(-7)),
            Commitment("Write down three decisions to hand over"),
            Commitment("Book the 1:1s", due_date=day(-10), done=True),
        )
    )
    assert stored.id is not None
    assert all(c.id is not None for c in stored.commitments)
    assert [(c.text, c.due_date, c.done) for c in stored.commitments] == [
        ("Share the Q1 plan draft", day(-7), False),
        ("Write down three decisions to hand over", None, False),
        ("Book the 1:1s", day(-10), True),
    ]
    assert service.get(stored.id) == stored
    assert stored.topics == "Delegation; feedback from Priya"


def test_sessions_are_listed_newest_first_with_their_commitments(
    service: CoachSessions,
) -> None:
    middle = service.record(session(day(-30), Commitment("b")))
    old = service.record(session(day(-60), Commitment("a1"), Commitment("a2")))
    new = service.record(session(day(-2), topics="Latest", notes=""))
    listed = service.sessions()
    assert [s.id for s in listed] == [new.id, middle.id, old.id]
    assert [len(s.commitments) for s in listed] == [0, 1, 2]
    assert [c.text for c in listed[2].commitments] == ["a1", "a2"]
    assert listed[1] == service.get(middle.id)  # type: ignore[arg-type]


def test_a_session_held_today_can_be_recorded(service: CoachSessions) -> None:
    assert service.record(session(TODAY)).held_on == TODAY


def test_record_refusals_change_nothing(journal: Journal, service: CoachSessions) -> None:
    kept = service.record(session(day(-30), Commitment("kept")))
    message = refused(
        journal,
        lambda: service.record(session(day(1))),
        ValidationError,
        "a day still ahead",
    )
    assert message == (
        f"a coach session cannot be recorded for a day still ahead ({day(1).isoformat()})"
    )
    refused(
        journal,
        lambda: service.record(session(day(-5), Commitment("too early", due_date=day(-6)))),
        ValidationError,
        "before its session",
    )
    refused(
        journal,
        lambda: service.record(session(day(-5), Commitment("linked", experiment_id=999))),
        NotFound,
        "experiment 999",
    )
    refused(journal, lambda: service.record(kept), DomainError, "already stored")
    refused(
        journal,
        lambda: service.record(session(day(-5), kept.commitments[0])),
        DomainError,
        "already stored",
    )


def test_get_an_unknown_session_is_a_clear_user_error(
    journal: Journal, service: CoachSessions
) -> None:
    assert refused(journal, lambda: service.get(42), NotFound, "42") == (
        "there is no coach session 42"
    )


# --- editing ---------------------------------------------------------------------------------


def test_update_replaces_fields_and_merges_commitments(service: CoachSessions) -> None:
    stored = service.record(
        session(
            day(-20),
            Commitment("keep and edit", due_date=day(-10)),
            Commitment("drop me"),
            Commitment("keep as is", due_date=day(5)),
        )
    )
    edit, drop, keep = stored.commitments
    changed = service.update(
        replace(
            stored,
            held_on=day(-21),
            topics="New topics",
            notes="",
            commitments=(
                replace(edit, text="edited", due_date=day(3), done=True),
                keep,
                Commitment("brand new", due_date=day(2)),
            ),
        )
    )
    assert (changed.id, changed.held_on, changed.topics, changed.notes) == (
        stored.id,
        day(-21),
        "New topics",
        "",
    )
    assert [(c.id, c.text, c.due_date, c.done) for c in changed.commitments] == [
        (edit.id, "edited", day(3), True),
        (keep.id, "keep as is", day(5), False),
        (changed.commitments[2].id, "brand new", day(2), False),
    ]
    assert drop.id not in {c.id for c in changed.commitments}
    assert changed.commitments[2].id not in {edit.id, drop.id, keep.id}
    assert service.get(stored.id) == changed  # type: ignore[arg-type]


def test_update_refusals_change_nothing(journal: Journal, service: CoachSessions) -> None:
    stored = service.record(session(day(-20), Commitment("mine", due_date=day(-15))))
    other = service.record(session(day(-40), Commitment("not yours")))
    mine = stored.commitments[0]
    refused(
        journal,
        lambda: service.update(replace(stored, commitments=(mine, other.commitments[0]))),
        NotFound,
        f"coach session {stored.id} has no commitment {other.commitments[0].id}",
    )
    # The date moves after a commitment's due date: refused before anything is written.
    refused(
        journal,
        lambda: service.update(replace(stored, held_on=day(-10))),
        ValidationError,
        "before its session",
    )
    refused(
        journal,
        lambda: service.update(replace(stored, held_on=day(2))),
        ValidationError,
        "a day still ahead",
    )
    refused(
        journal,
        lambda: service.update(replace(stored, commitments=(mine, mine))),
        ValidationError,
        "listed twice",
    )
    refused(
        journal,
        lambda: service.update(
            replace(stored, commitments=(mine, Commitment("x", experiment_id=77)))
        ),
        NotFound,
        "experiment 77",
    )
    refused(journal, lambda: service.update(replace(stored, id=999)), NotFound, "999")
    refused(journal, lambda: service.update(replace(stored, id=None)), NotFound, "never stored")


# --- deleting --------------------------------------------------------------------------------


def test_delete_takes_the_commitments_and_leaves_experiments(
    journal: Journal, service: CoachSessions
) -> None:
    stored = service.record(session(day(-20), Commitment("try it"), Commitment("other")))
    kept = service.record(session(day(-50), Commitment("older one")))
    made = Experiments(journal).create(experiment(), commitment_id=stored.commitments[0].id)
    service.delete(stored.id)  # type: ignore[arg-type]
    assert [s.id for s in service.sessions()] == [kept.id]
    assert journal.db.query("SELECT text FROM commitments") == [("older one",)]
    assert Experiments(journal).get(made.id) == made  # type: ignore[arg-type]
    refused(journal, lambda: service.delete(stored.id), NotFound, "no coach session")  # type: ignore[arg-type]


# --- the last session and the period since ---------------------------------------------------


def test_since_last_session_without_any_session(journal: Journal, service: CoachSessions) -> None:
    assert service.last_session() is None
    refused(journal, service.since_last_session, DomainError, "choose the period with --since")


def test_since_last_session_with_one_and_several(service: CoachSessions) -> None:
    first = service.record(session(day(-40)))
    assert service.last_session() == first
    assert service.since_last_session() == Period(day(-40), TODAY)
    service.record(session(day(-60)))  # older, recorded later: not the last one
    latest = service.record(session(day(-12)))
    service.record(session(day(-25)))
    assert service.last_session() == latest
    assert service.since_last_session() == Period(day(-12), TODAY)


def test_a_session_held_today_starts_the_period_today(service: CoachSessions) -> None:
    service.record(session(day(-30)))
    today = service.record(session(TODAY, topics="This morning"))
    assert service.last_session() == today
    assert service.since_last_session() == Period(TODAY, TODAY)


def test_right_after_todays_session_the_summary_period_is_the_one_before_it(
    service: CoachSessions,
) -> None:
    service.record(session(day(-60)))
    service.record(session(TODAY, topics="This morning"))
    assert service.summary_period().period == Period(day(-60), TODAY)
    service.record(session(day(-12)))
    assert service.summary_period().period == Period(day(-12), TODAY)


def test_right_after_the_first_session_the_summary_period_is_its_last_month(
    service: CoachSessions,
) -> None:
    service.record(session(TODAY, topics="The first one"))
    assert service.summary_period().period == Period(day(-30), TODAY)


def test_the_last_session_follows_the_journal_clock(
    journal: Journal, service: CoachSessions
) -> None:
    service.record(session(day(-30)))
    service.record(session(day(-3)))
    # Looked at as of a week ago, the later session had not happened yet.
    journal.clock = lambda: NOW - timedelta(days=7)
    assert service.since_last_session() == Period(day(-30), day(-7))


# --- commitments -----------------------------------------------------------------------------


def test_add_commitment_to_a_stored_session(journal: Journal, service: CoachSessions) -> None:
    stored = service.record(session(day(-10)))
    added = service.add_commitment(stored.id, Commitment(" Ask Sam first ", due_date=day(3)))  # type: ignore[arg-type]
    assert added.id is not None and added.text == "Ask Sam first"
    assert service.get(stored.id).commitments == (added,)  # type: ignore[arg-type]
    refused(
        journal,
        lambda: service.add_commitment(999, Commitment("x")),
        NotFound,
        "there is no coach session 999",
    )
    refused(
        journal,
        lambda: service.add_commitment(stored.id, Commitment("x", due_date=day(-11))),  # type: ignore[arg-type]
        ValidationError,
        "before its session",
    )
    refused(
        journal,
        lambda: service.add_commitment(stored.id, added),  # type: ignore[arg-type]
        DomainError,
        "already stored",
    )


def test_done_and_undo(journal: Journal, service: CoachSessions) -> None:
    stored = service.record(session(day(-10), Commitment("a", due_date=day(-2))))
    ident = stored.commitments[0].id
    assert ident is not None
    assert service.set_commitment_done(ident).done is True
    assert service.open_commitments() == []
    assert service.set_commitment_done(ident, done=False).done is False
    assert [o.commitment.id for o in service.open_commitments()] == [ident]
    refused(journal, lambda: service.set_commitment_done(4242), NotFound, "no commitment 4242")


def test_open_commitments_by_due_date_none_last_then_id(service: CoachSessions) -> None:
    older = service.record(
        session(
            day(-40),
            Commitment("no date, older"),
            Commitment("due in 10", due_date=day(10)),
            Commitment("done", due_date=day(-30), done=True),
        )
    )
    newer = service.record(
        session(
            day(-5),
            Commitment("due in 10 too", due_date=day(10)),
            Commitment("overdue", due_date=day(-1)),
            Commitment("no date, newer"),
        )
    )
    listed = service.open_commitments()
    assert [o.commitment.text for o in listed] == [
        "overdue",
        "due in 10",
        "due in 10 too",
        "no date, older",
        "no date, newer",
    ]
    assert (listed[0].session_id, listed[0].held_on) == (newer.id, day(-5))
    assert (listed[1].session_id, listed[1].held_on) == (older.id, day(-40))


def test_due_commitments_are_the_action_items_due_now(
    journal: Journal, service: CoachSessions
) -> None:
    stored = service.record(
        session(
            day(-20),
            Commitment("soon", due_date=day(3)),
            Commitment("today", due_date=TODAY),
            Commitment("overdue", due_date=day(-4)),
            Commitment("later", due_date=day(8)),
            Commitment("no date"),
            Commitment("done", due_date=day(-5), done=True),
            Commitment("an experiment", due_date=day(-6)),
        )
    )
    Experiments(journal).create(experiment(), commitment_id=stored.commitments[-1].id)
    assert [(d.item.commitment.text, d.reason, d.days) for d in service.due_commitments()] == [
        ("overdue", R.OVERDUE, 4),
        ("today", R.DUE_TODAY, 0),
        ("soon", R.DUE_SOON, 3),
    ]
    assert [d.item.commitment.text for d in service.due_commitments(soon_days=8)][-1] == "later"
    assert [d.item.commitment.text for d in service.due_commitments(today=day(-20))] == []
    refused(journal, lambda: service.due_commitments(soon_days=-1), ValidationError, "soon days")


def test_reminders_are_the_overdue_and_today_items_once_a_day(
    journal: Journal, service: CoachSessions
) -> None:
    stored = service.record(
        session(
            day(-20),
            Commitment("today", due_date=TODAY),
            Commitment("overdue", due_date=day(-4)),
            Commitment("soon", due_date=day(3)),  # in the list, not worth a notification
            Commitment("done", due_date=day(-5), done=True),
            Commitment("an experiment", due_date=day(-6)),  # reminded about as one
        )
    )
    Experiments(journal).create(experiment(), commitment_id=stored.commitments[-1].id)
    due = service.reminders_due()
    assert [(d.item.commitment.text, d.reason) for d in due] == [
        ("overdue", R.OVERDUE), ("today", R.DUE_TODAY)]
    service.mark_reminded([d.item.commitment.id for d in due if d.item.commitment.id])
    assert service.reminders_due() == []  # the same day, after a restart too
    # The next day both are due again (today's is now overdue by one day).
    assert [d.days for d in service.reminders_due(today=day(1))] == [5, 1]
    # An unknown action item is refused and nothing is marked.
    refused(journal, lambda: service.mark_reminded([999], on=day(1)), NotFound, "999")
    assert len(service.reminders_due(today=day(1))) == 2
    # Deleting the session takes its reminder rows with it (ON DELETE CASCADE).
    assert stored.id is not None
    service.delete(stored.id)
    assert journal.db.query("SELECT * FROM commitment_reminders") == []


# --- commitments that become experiments -----------------------------------------------------


def test_experiment_prefill_from_a_commitment(journal: Journal, service: CoachSessions) -> None:
    long_text = "Hand the roadmap to Lee " + "and agree on check-in points " * 20
    stored = service.record(session(day(-3), Commitment("Ask Sam first"), Commitment(long_text)))
    short, long = stored.commitments
    prefill = service.experiment_prefill(short.id)  # type: ignore[arg-type]
    assert (prefill.title, prefill.new_response, prefill.level) == (
        "Ask Sam first",
        "Ask Sam first",
        None,
    )
    assert (prefill.trigger, prefill.old_behaviour) == ("", "")
    assert (prefill.commitment_id, prefill.source_entry_id) == (short.id, None)
    clipped = service.experiment_prefill(long.id)  # type: ignore[arg-type]
    assert len(clipped.title) == MAX_TITLE_CHARS and clipped.title.endswith("…")
    assert clipped.new_response == long.text
    refused(journal, lambda: service.experiment_prefill(777), NotFound, "no commitment 777")


def test_create_experiment_links_the_commitment_in_the_same_transaction(
    journal: Journal, service: CoachSessions
) -> None:
    stored = service.record(session(day(-3), Commitment("Try asking first", due_date=day(-1))))
    ident = stored.commitments[0].id
    assert [d.item.commitment.id for d in service.due_commitments()] == [ident]
    experiments = Experiments(journal)
    made = experiments.create(experiment(), commitment_id=ident)
    assert service.get(stored.id).commitments[0].experiment_id == made.id  # type: ignore[arg-type]
    # Followed through the experiment now, not as an action item.
    assert service.due_commitments() == []
    refused(
        journal,
        lambda: experiments.create(experiment(title="Again"), commitment_id=ident),
        DomainError,
        f"commitment {ident} already became experiment {made.id}",
    )
    refused(
        journal,
        lambda: experiments.create(experiment(title="Nowhere"), commitment_id=9999),
        NotFound,
        "there is no commitment 9999",
    )
    # An experiment that fails its own checks stores nothing and links nothing.
    other = service.add_commitment(stored.id, Commitment("another"))  # type: ignore[arg-type]
    refused(
        journal,
        lambda: experiments.create(experiment(behaviour_id=31337), commitment_id=other.id),
        NotFound,
        "31337",
    )
    # Deleting the experiment makes the commitment an action item again (ON DELETE SET NULL).
    experiments.delete(made.id)  # type: ignore[arg-type]
    assert service.get(stored.id).commitments[0].experiment_id is None  # type: ignore[arg-type]
    assert [d.item.commitment.id for d in service.due_commitments()] == [ident]


# --- the demo journal ------------------------------------------------------------------------


def test_the_demo_shows_an_overdue_action_item_and_a_commitment_made_an_experiment(
    journal: Journal, service: CoachSessions
) -> None:
    demo.fill(journal, entries=200, seed=7)
    latest = service.last_session()
    assert latest is not None and latest == service.sessions()[0]
    overdue = [d for d in service.due_commitments() if d.reason is R.OVERDUE]
    assert any(d.item.session_id == latest.id for d in overdue)
    linked = [c for c in latest.commitments if c.experiment_id is not None]
    assert len(linked) == 1
    linked_experiment = Experiments(journal).get(linked[0].experiment_id)  # type: ignore[arg-type]
    assert linked_experiment.status.is_open
    # Nothing the leader forgot lingers for months.
    assert all(d.days <= 60 for d in overdue)
