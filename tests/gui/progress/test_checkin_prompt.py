"""The weekly check-in prompt: due when no rating within the interval, at most once a day
per app session, 0 turns it off, nothing while locked, nothing in a journal's first week."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from tests.helpers import entry
from tkg_journal.domain.levels import Level
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import Progress
from tkg_journal.storage import clock
from tkg_journal.ui.progress.checkin_prompt import CheckinPrompt

DAY = date(2026, 3, 2)


class _Calendar:
    """A settable "today" for the prompt."""

    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


def _prompt(qtbot, every_days: list[int], calendar: _Calendar) -> tuple[CheckinPrompt, list[str]]:
    prompt = CheckinPrompt(get_every_days=lambda: every_days[0], today=calendar)
    seen: list[str] = []
    prompt.prompt_requested.connect(seen.append)
    return prompt, seen


def _rate(journal: Journal, on: date) -> None:
    Progress(journal).record_checkin({level: 6 for level in Level}, on=on)


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def _created_on(journal: Journal, day: date) -> None:
    """Make the journal look created on ``day`` (its meta row; the app never changes it)."""
    with journal.db.transaction():
        journal.db.execute("UPDATE meta SET value = ? WHERE key = 'created_at'",
                           (clock.to_stored(_noon(day)),))


def _in_use(journal: Journal, since: date) -> Journal:
    """A journal created on ``since`` with its first entry that day."""
    _created_on(journal, since)
    journal.add_entry(entry(title="The first entry", occurred_at=_noon(since)))
    return journal


@pytest.fixture
def used(journal: Journal) -> Journal:
    """In use for a month before DAY."""
    return _in_use(journal, DAY - timedelta(days=30))


def test_a_journal_never_rated_is_prompted_once_a_day(qtbot, used: Journal):
    journal = used
    calendar = _Calendar(DAY)
    prompt, seen = _prompt(qtbot, [7], calendar)
    prompt.set_service(journal)  # unlocking checks at once
    assert len(seen) == 1
    assert "Rate your five levels" in seen[0]
    assert prompt.timer.isActive()
    assert not prompt.check()  # the hourly check, the same day
    prompt.set_service(None)  # locked ...
    assert not prompt.timer.isActive()
    prompt.set_service(journal)  # ... and unlocked again in the same session
    assert len(seen) == 1
    calendar.day = DAY + timedelta(days=1)
    assert prompt.check()
    assert len(seen) == 2


def test_a_recent_rating_keeps_it_quiet_until_the_interval_passes(qtbot, used: Journal):
    journal = used
    _rate(journal, DAY - timedelta(days=3))
    calendar = _Calendar(DAY)
    prompt, seen = _prompt(qtbot, [7], calendar)
    prompt.set_service(journal)
    assert seen == []
    calendar.day = DAY + timedelta(days=5)  # eight days after the rating
    assert prompt.check()
    assert "8 days ago" in seen[0]


def test_the_interval_is_read_at_each_check_and_zero_turns_it_off(qtbot, used: Journal):
    journal = used
    _rate(journal, DAY - timedelta(days=3))
    every_days = [0]
    calendar = _Calendar(DAY)
    prompt, seen = _prompt(qtbot, every_days, calendar)
    prompt.set_service(journal)
    calendar.day = DAY + timedelta(days=60)
    assert not prompt.check()
    assert seen == []
    every_days[0] = 2  # the user sets "every 2 days" in the preferences
    calendar.day = DAY
    assert prompt.check()
    assert len(seen) == 1


def test_nothing_is_checked_while_locked(qtbot, journal: Journal):
    prompt, seen = _prompt(qtbot, [7], _Calendar(DAY))
    assert not prompt.check()
    assert seen == []
    assert not prompt.timer.isActive()


def test_no_prompt_in_an_empty_journal(qtbot, journal: Journal):
    _created_on(journal, DAY - timedelta(days=90))  # opened long ago, never written in
    prompt, seen = _prompt(qtbot, [7], _Calendar(DAY))
    prompt.set_service(journal)
    assert seen == []


@pytest.mark.parametrize(("created_days_ago", "first_entry_days_ago"), [(3, 3), (3, 400), (60, 6)])
def test_no_prompt_in_the_first_week_of_use(
    qtbot, journal: Journal, created_days_ago: int, first_entry_days_ago: int
):
    """Made a few days ago (perhaps with sample or imported entries from long before), or
    written in for less than a week: too early to ask for a rating."""
    _created_on(journal, DAY - timedelta(days=created_days_ago))
    first = DAY - timedelta(days=first_entry_days_ago)
    journal.add_entry(entry(title="First", occurred_at=_noon(first)))
    calendar = _Calendar(DAY)
    prompt, seen = _prompt(qtbot, [7], calendar)
    prompt.set_service(journal)
    assert seen == []
    calendar.day = DAY + timedelta(days=7)  # a week later it asks
    assert prompt.check()
    assert len(seen) == 1
