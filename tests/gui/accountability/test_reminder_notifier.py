"""Reminders while the app runs: one summary at a time, each experiment at most once a
day, a tray message where there is a tray and a line of the window's attention bar
elsewhere (tests/gui/common/test_attention_banner.py), and nothing at
all while the journal is locked. Over a real encrypted journal; days come from a clock
the test moves."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from tkg_journal.domain.coach_sessions import CoachSession, Commitment
from tkg_journal.domain.experiments import DidIt, Experiment, ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.ui.accountability.reminder_notifier import CHECK_INTERVAL_MS, ReminderNotifier
from tkg_journal.ui.common.icons import app_icon

DAY = date.today()


class Clock:
    """Today, as the test says."""

    def __init__(self, today: date) -> None:
        self.today = today

    def __call__(self) -> date:
        return self.today


class RecordingTray(QSystemTrayIcon):
    """A real tray icon that keeps the messages it was asked to show (the offscreen
    platform has no tray to show them on)."""

    def __init__(self) -> None:
        super().__init__(QIcon(app_icon()))
        self.messages: list[tuple[str, str]] = []

    def showMessage(self, title: str, message: str, *_args: object) -> None:
        self.messages.append((title, message))


def _active(
    service: Experiments, title: str, *, started_days_ago: int, due_days_ago: int | None = None
) -> Experiment:
    return service.create(
        Experiment(
            title=title,
            level=Level.GROWTH,
            trigger="a peer pushes back",
            old_behaviour="defending my plan",
            new_response="ask one question first",
            start_date=DAY - timedelta(days=started_days_ago),
            due_date=DAY - timedelta(days=due_days_ago) if due_days_ago is not None else None,
            status=ExperimentStatus.ACTIVE,
        )
    )


@pytest.fixture
def service(journal: Journal) -> Experiments:
    return Experiments(journal)


@pytest.fixture
def due_two(service: Experiments) -> list[Experiment]:
    return [
        _active(service, "Ask before defending", started_days_ago=20, due_days_ago=4),
        _active(service, "Say the hard thing", started_days_ago=5),
    ]


@pytest.fixture
def clock() -> Clock:
    return Clock(DAY)


def _banner_notifier(clock: Clock) -> ReminderNotifier:
    return ReminderNotifier(tray_available=lambda: False, today=clock)


def test_banner_once_a_day_per_experiment_when_there_is_no_tray(
    qtbot, service: Experiments, due_two: list[Experiment], clock: Clock
):
    notifier = _banner_notifier(clock)
    banners: list[str] = []
    notifier.banner_requested.connect(banners.append)

    notifier.set_services(service, None)  # unlocking checks at once
    assert banners == [
        "Needs attention: “Ask before defending” (overdue by 4 days); "
        "“Say the hard thing” (no attempt for 5 days)."
    ]
    assert notifier.timer.isActive() and notifier.interval() == CHECK_INTERVAL_MS

    # The same day again (the half-hourly check, or a restart): nothing new to say.
    assert not notifier.check()
    restarted = _banner_notifier(clock)
    restarted.banner_requested.connect(banners.append)
    restarted.set_services(service, None)
    assert len(banners) == 1

    # A new experiment falls due the same day: only it is reminded.
    late = _active(service, "Delegate the review", started_days_ago=9, due_days_ago=1)
    assert [item.experiment.id for item in notifier.check().experiments] == [late.id]
    assert "Delegate the review" in banners[-1] and "Ask before" not in banners[-1]

    # Next day: all still due ones again, in one summary.
    clock.today = DAY + timedelta(days=1)
    shown = notifier.check()
    assert {item.experiment.id for item in shown.experiments} == {e.id for e in [*due_two, late]}
    assert len(banners) == 3
    notifier.set_services(None, None)
    restarted.set_services(None, None)


def test_the_timer_checks_again(
    qtbot, service: Experiments, due_two: list[Experiment], clock: Clock
):
    notifier = _banner_notifier(clock)
    notifier.set_interval(30)
    notifier.set_services(service, None)
    clock.today = DAY + timedelta(days=1)
    with qtbot.waitSignal(notifier.banner_requested, timeout=2000) as shown:
        pass
    assert "Say the hard thing" in shown.args[0]
    notifier.set_services(None, None)


def test_nothing_while_locked(qtbot, service: Experiments, due_two: list[Experiment], clock: Clock):
    notifier = _banner_notifier(clock)
    notifier.set_interval(20)
    banners: list[str] = []
    notifier.banner_requested.connect(banners.append)
    notifier.set_services(service, None)
    notifier.set_services(None, None)  # locked
    assert not notifier.timer.isActive()
    clock.today = DAY + timedelta(days=1)
    qtbot.wait(120)
    assert not notifier.check()
    assert len(banners) == 1
    # Nothing was marked while locked: unlocking on that day reminds again.
    notifier.set_services(service, None)
    assert len(banners) == 2
    notifier.set_services(None, None)


def test_nothing_due_nothing_shown(qtbot, service: Experiments, clock: Clock):
    fine = _active(service, "Fine", started_days_ago=0)
    notifier = _banner_notifier(clock)
    with qtbot.assertNotEmitted(notifier.banner_requested):
        notifier.set_services(service, None)
    service.log_attempt(fine.id, did_it=DidIt.YES)
    notifier.set_services(None, None)


def test_uses_the_quiet_days_setting(qtbot, service: Experiments, clock: Clock):
    _active(service, "Quiet five", started_days_ago=5)
    days = [7]
    notifier = ReminderNotifier(
        tray_available=lambda: False, today=clock, get_quiet_days=lambda: days[0]
    )
    with qtbot.assertNotEmitted(notifier.banner_requested):
        notifier.set_services(service, None)
    days[0] = 5
    assert len(notifier.check().experiments) == 1
    notifier.set_services(None, None)


# The offscreen platform has no tray: creating the icon makes Qt say so once.
@pytest.mark.qt_log_ignore(r"No such signal QPlatformNativeInterface::systemTrayWindowChanged")
def test_tray_message_counts_without_naming_and_click_opens_the_due_list(
    qtbot, service: Experiments, due_two: list[Experiment], clock: Clock
):
    tray = RecordingTray()
    notifier = ReminderNotifier(tray_available=lambda: True, tray=tray, today=clock)
    with qtbot.assertNotEmitted(notifier.banner_requested):
        notifier.set_services(service, None)
    assert tray.messages == [
        (
            "Experiments need attention",
            "2 experiments need attention: 1 overdue, 1 with no recent attempt.",
        )
    ]
    # Titles are the user's writing: they stay out of the desktop's notifications.
    assert not any(e.title in tray.messages[0][1] for e in due_two)
    assert not notifier.check() and len(tray.messages) == 1
    with qtbot.waitSignal(notifier.open_due_requested):
        tray.messageClicked.emit()
    notifier.set_services(None, None)


def _action_items(journal: Journal) -> CoachSessions:
    sessions = CoachSessions(journal)
    sessions.record(CoachSession(
        held_on=DAY - timedelta(days=14),
        topics="Delegation",
        commitments=(
            Commitment("Send Lee the board memo draft", due_date=DAY - timedelta(days=2)),
            Commitment("Book the skip-level lunches", due_date=DAY),
            Commitment("Ask Priya for feedback", due_date=DAY + timedelta(days=3)),
        ),
    ))
    return sessions


def test_action_items_due_are_reminded_with_the_experiments_once_a_day(
    qtbot, journal: Journal, service: Experiments, due_two: list[Experiment], clock: Clock
):
    sessions = _action_items(journal)
    notifier = _banner_notifier(clock)
    banners: list[str] = []
    notifier.banner_requested.connect(banners.append)
    notifier.set_services(service, sessions)  # unlocking reminds at once
    assert banners == [
        "Needs attention: “Ask before defending” (overdue by 4 days); "
        "“Say the hard thing” (no attempt for 5 days); "
        "“Send Lee the board memo draft” (overdue by 2 days) and 1 more."
    ]
    # Once a day, across restarts, for action items too.
    assert not notifier.check()
    restarted = _banner_notifier(clock)
    restarted.banner_requested.connect(banners.append)
    restarted.set_services(service, sessions)
    assert len(banners) == 1
    # Next day: the due-soon item is still not worth a notification.
    clock.today = DAY + timedelta(days=1)
    again = notifier.check()
    assert [d.item.commitment.text for d in again.action_items] == [
        "Send Lee the board memo draft", "Book the skip-level lunches"]
    notifier.set_services(None, None)
    restarted.set_services(None, None)


@pytest.mark.qt_log_ignore(r"No such signal QPlatformNativeInterface::systemTrayWindowChanged")
def test_tray_message_counts_action_items_without_their_words(
    qtbot, journal: Journal, service: Experiments, clock: Clock
):
    sessions = _action_items(journal)
    tray = RecordingTray()
    notifier = ReminderNotifier(tray_available=lambda: True, tray=tray, today=clock)
    notifier.set_services(service, sessions)
    assert tray.messages == [(
        "Action items need attention",
        "2 action items from coach sessions: 1 overdue, 1 due today.",
    )]
    _active(service, "Ask before defending", started_days_ago=20, due_days_ago=4)
    notifier.check()
    assert tray.messages[-1] == (
        "Experiments need attention", "1 experiment needs attention: 1 overdue.")
    assert not any(word in message for _title, message in tray.messages
                   for word in ("memo", "lunches", "Priya", "defending"))
    notifier.set_services(None, None)
