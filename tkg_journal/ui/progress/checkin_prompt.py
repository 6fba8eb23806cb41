"""The gentle weekly nudge to rate the levels.

When the journal unlocks, and then every hour while it stays open, the prompt asks the
service whether a check-in is due (``Progress.checkin_due``: none within the last
``every_days`` days) and the journal is past its first week of use
(``Progress.in_first_week``: an empty or brand-new journal has nothing to rate yet). If so
it emits ``prompt_requested`` with a line of text; the window shows it (a line of its
attention bar). It asks at most once a day per app
session: dismissing it means "not today", and locking and unlocking again does not bring it
back. An interval of 0 turns the prompt off. Nothing runs while the journal is locked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, QTimer, Signal

from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import Progress
from tkg_journal.ui.progress import progress_texts as texts

CHECK_INTERVAL_MS = 60 * 60 * 1000
DEFAULT_EVERY_DAYS = 7


class CheckinPrompt(QObject):
    """Decides when to suggest a self-rating check-in.

    Signals:
        prompt_requested(str): show this suggestion to the user (once a day at most).
    """

    prompt_requested = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        get_every_days: Callable[[], int] = lambda: DEFAULT_EVERY_DAYS,
        today: Callable[[], date] | None = None,
        interval_ms: int = CHECK_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkinPrompt")
        self._progress: Progress | None = None
        self._journal: Journal | None = None
        self._get_every_days = get_every_days
        self._today = today
        # Days this app session has prompted on: "once a day" holds across lock/unlock.
        self._prompted_on: set[date] = set()
        self.timer = QTimer(self)
        self.timer.setObjectName("checkinPromptTimer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def set_service(self, journal: Journal | None) -> None:
        """Unlocked: check now, then on the timer. ``None`` (locked): stop."""
        self._journal = journal
        self._progress = Progress(journal) if journal is not None else None
        if journal is None:
            self.timer.stop()
            return
        self.timer.start()
        self.check()

    def check(self) -> bool:
        """Emit the prompt if a check-in is due and today has not been prompted yet;
        True if it was emitted."""
        progress, journal = self._progress, self._journal
        if progress is None or journal is None:
            return False
        every_days = self._get_every_days()
        if every_days <= 0:
            return False
        today = self._today() if self._today is not None else journal.clock().date()
        if today in self._prompted_on:
            return False
        try:
            if progress.in_first_week(today=today):
                return False
            if not progress.checkin_due(every_days=every_days, today=today):
                return False
            last = progress.last_checkin()
        except USER_ERRORS:
            # A background check has nobody to answer a dialog; the next check tries again.
            return False
        self._prompted_on.add(today)
        days = (today - last.rated_on).days if last is not None else None
        self.prompt_requested.emit(texts.prompt_text(days))
        return True
