"""Reminders while the app runs: when the journal unlocks and then every half hour, one
notification sums up the experiments and the action items from coach sessions that need
attention (overdue or due today), each at most once a day.

Where the desktop has a system tray the reminder is a tray message (clicking it asks for
the due list); elsewhere the window shows it as a line of its attention bar
(``banner_requested``; the shell places it: ``ui/attention``). The tray message names no
experiment or action item: notifications appear over whatever is on screen and some
desktops keep them in a history, outside the encrypted journal; it only counts. The bar
lives inside the unlocked window and may name them.

"At most once a day" is the services' (``reminders_due`` minus those marked with
``mark_reminded``), so it holds across restarts. Nothing runs while the journal is
locked: ``set_services(None, None)`` stops the timer.

The shell may give the notifier the app's own tray icon (``use_tray``: the one with a
menu, kept while the app runs in the tray); the notifier then only shows messages on it
and leaves the icon's visibility and clicks to its owner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from tkg_journal import APP_NAME
from tkg_journal.domain.accountability import DEFAULT_QUIET_DAYS, DueItem
from tkg_journal.domain.coach_sessions import CommitmentDue
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.experiments import Experiments
from tkg_journal.ui.accountability import accountability_texts as texts
from tkg_journal.ui.common.icons import app_icon

CHECK_INTERVAL_MS = 30 * 60 * 1000
#: How long a tray message stays up, where the desktop lets the app decide.
MESSAGE_MS = 15_000


@dataclass(frozen=True)
class Reminder:
    """What one check reminded about (empty: nothing was shown)."""

    experiments: list[DueItem] = field(default_factory=list)
    action_items: list[CommitmentDue] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.experiments or self.action_items)


class ReminderNotifier(QObject):
    """Checks what is due and reminds, once a day per experiment and action item.

    Signals:
        banner_requested(str): no tray here; show this text in an in-app banner.
        open_due_requested(): the user clicked the tray message (or the tray icon).
    """

    banner_requested = Signal(str)
    open_due_requested = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        get_quiet_days: Callable[[], int] = lambda: DEFAULT_QUIET_DAYS,
        tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
        tray: QSystemTrayIcon | None = None,
        today: Callable[[], date] | None = None,
        interval_ms: int = CHECK_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reminderNotifier")
        self._experiments: Experiments | None = None
        self._sessions: CoachSessions | None = None
        self._get_quiet_days = get_quiet_days
        self._tray_available = tray_available
        self._tray = tray
        self._owns_tray = True  # shown for messages, hidden when locked
        self._today = today
        self.timer = QTimer(self)
        self.timer.setObjectName("reminderTimer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        if tray is not None:
            self._connect_tray(tray)

    # --- configuration ------------------------------------------------------------------
    def set_interval(self, milliseconds: int) -> None:
        self.timer.setInterval(milliseconds)

    def interval(self) -> int:
        return self.timer.interval()

    @property
    def tray(self) -> QSystemTrayIcon | None:
        return self._tray

    def use_tray(self, tray: QSystemTrayIcon, available: Callable[[], bool]) -> None:
        """Show messages on ``tray`` (whose owner shows, hides and answers clicks on it),
        when ``available()`` says there is a tray; a clicked message still asks for the
        due list."""
        if self._tray is tray:
            return
        if self._tray is not None and self._owns_tray:
            self._tray.hide()
            self._tray.deleteLater()
        self._tray, self._owns_tray = tray, False
        self._tray_available = available
        tray.messageClicked.connect(self.open_due_requested)

    def set_services(
        self, experiments: Experiments | None, sessions: CoachSessions | None
    ) -> None:
        """Unlocked: check now, then on the timer. ``None`` (locked): stop everything."""
        self._experiments, self._sessions = experiments, sessions
        if experiments is None:
            self.timer.stop()
            if self._tray is not None and self._owns_tray:
                self._tray.hide()
            return
        self.timer.start()
        self.check()

    # --- checking -----------------------------------------------------------------------
    def check(self) -> Reminder:
        """Remind about what is due and not yet reminded today; returns what was shown."""
        experiments, sessions = self._experiments, self._sessions
        if experiments is None:
            return Reminder()
        today = self._today() if self._today is not None else None
        try:
            shown = Reminder(
                experiments.reminders_due(today=today, quiet_days=self._get_quiet_days()),
                sessions.reminders_due(today=today) if sessions is not None else [],
            )
            if not shown:
                return shown
            self._notify(shown)
            experiments.mark_reminded(
                [i.experiment.id for i in shown.experiments if i.experiment.id is not None],
                on=today,
            )
            if sessions is not None:
                sessions.mark_reminded(
                    [d.item.commitment.id for d in shown.action_items
                     if d.item.commitment.id is not None],
                    on=today,
                )
        except USER_ERRORS:
            # A background check has nobody to answer a dialog; the next check (or the
            # due list, which shows its own errors) tries again.
            return Reminder()
        return shown

    def _notify(self, shown: Reminder) -> None:
        items, actions = shown.experiments, shown.action_items
        if self._tray_available():
            tray = self._ensure_tray()
            tray.showMessage(
                texts.reminder_title(items, actions),
                texts.reminder_counts(items, actions),
                QSystemTrayIcon.MessageIcon.Information,
                MESSAGE_MS,
            )
        else:
            self.banner_requested.emit(texts.reminder_banner(items, actions))

    def _ensure_tray(self) -> QSystemTrayIcon:
        if self._tray is None:
            self._tray = QSystemTrayIcon(app_icon(), self)
            self._tray.setToolTip(APP_NAME)
            self._connect_tray(self._tray)
        # Most desktops show a message only from a visible tray icon.
        self._tray.show()
        return self._tray

    def _connect_tray(self, tray: QSystemTrayIcon) -> None:
        tray.messageClicked.connect(self.open_due_requested)
        tray.activated.connect(self._tray_activated)

    def _tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_due_requested.emit()
