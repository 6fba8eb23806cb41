"""The weekly check-in prompt: due when no rating within the interval, at most once a day
per app session, 0 turns it off, nothing while locked."""

from __future__ import annotations

from datetime import date, timedelta

from tkg_journal.domain.levels import Level
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import Progress
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


def test_a_journal_never_rated_is_prompted_once_a_day(qtbot, journal: Journal):
    calendar = _Calendar(DAY)
    prompt, seen = _prompt(qtbot, [7], calendar)
    prompt.set_service(journal)  # unlocking checks at once
    assert len(seen) == 1
    assert "Rate my levels" in seen[0]
    assert prompt.timer.isActive()
    assert not prompt.check()  # the hourly check, the same day
    prompt.set_service(None)  # locked ...
    assert not prompt.timer.isActive()
    prompt.set_service(journal)  # ... and unlocked again in the same session
    assert len(seen) == 1
    calendar.day = DAY + timedelta(days=1)
    assert prompt.check()
    assert len(seen) == 2


def test_a_recent_rating_keeps_it_quiet_until_the_interval_passes(qtbot, journal: Journal):
    _rate(journal, DAY - timedelta(days=3))
    calendar = _Calendar(DAY)
    prompt, seen = _prompt(qtbot, [7], calendar)
    prompt.set_service(journal)
    assert seen == []
    calendar.day = DAY + timedelta(days=5)  # eight days after the rating
    assert prompt.check()
    assert "8 days ago" in seen[0]


def test_the_interval_is_read_at_each_check_and_zero_turns_it_off(qtbot, journal: Journal):
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
