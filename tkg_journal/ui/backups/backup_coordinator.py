"""The app's backups of the open journal: Back up now, the daily backup while the app
runs, the status-bar line and the stale-backup reminder.

* Back up now runs ``Backups.back_up`` on a worker thread, with progress in the status
  bar; then the status line says where the backup went (and why the second copy failed).
* The daily backup: shortly after unlocking, then every hour, ``daily_if_due`` on the
  worker; it never blocks typing (the copy runs on connections of its own), and a failure
  is one line in the status bar, not a dialog.
* The backup settings are read on the GUI thread before each run and handed to the
  worker, so the worker never uses the journal's shared connection.
* The reminder (a line in the window's attention bar, ``reminder``) comes only after a
  backup was tried and there is still none for ``STALE_AFTER`` (14 days): while daily
  backups work it never appears; it is for a backup folder that has been failing (a disk
  unplugged, a folder gone).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from tkg_journal.services.backups import BackupInfo, BackupResult, Backups, is_stale
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.journal import Journal
from tkg_journal.ui.backups import backup_texts as texts
from tkg_journal.ui.backups.background_job import BackgroundJob, Progress, error_text
from tkg_journal.ui.backups.backup_preferences import BackupPreferences
from tkg_journal.ui.backups.backup_status import BackupStatus

#: How often the app checks whether the day's backup is due.
DAILY_EVERY_MS = 60 * 60 * 1000
#: After unlocking, the first check waits this long: start-up and the first paint come
#: first, and a journal locked again at once is not copied for nothing.
FIRST_CHECK_MS = 20_000

MANUAL, DAILY, LOOK = "manual", "daily", "look"


def local_now() -> datetime:
    return datetime.now().astimezone()


@dataclass(frozen=True, slots=True)
class _Outcome:
    result: BackupResult | None  # None: no backup was due, or only a look was taken
    newest: BackupInfo | None  # the newest backup of the journal in its folders
    error: Exception | None = None  # why the backup failed


class BackupCoordinator(QObject):
    """Owns ``status_widget`` (for the status bar); the window places it, shows the
    reminder and passes the open journal with :meth:`set_journal`.

    Signals:
        status(str): one line for the window's status bar (a backup written or failed).
        reminder(str): the journal has had no backup for too long; say this (with a way
            to back up now: :meth:`back_up_now`).
        reminder_cleared(): what ``reminder`` said is no longer true (or the journal closed).
    """

    status = Signal(str)
    reminder = Signal(str)
    reminder_cleared = Signal()

    def __init__(self, parent: QObject | None = None,
                 *, clock: Callable[[], datetime] = local_now) -> None:
        super().__init__(parent)
        #: What time it is (tests set another): "today" in the status line, staleness.
        self.clock = clock
        self.job = BackgroundJob(self)
        self.status_widget = BackupStatus()
        self.timer = QTimer(self)
        self.timer.setInterval(DAILY_EVERY_MS)
        self.timer.timeout.connect(lambda: self.check_daily())
        self.first_check = QTimer(self)
        self.first_check.setSingleShot(True)
        self.first_check.setInterval(FIRST_CHECK_MS)
        self.first_check.timeout.connect(lambda: self.check_daily())
        self._journal: Journal | None = None
        self._backups: Backups | None = None
        self._running: tuple[str, datetime] = (LOOK, local_now())
        #: Asked for while other work ran: started when it ends (a manual backup wins).
        self._pending: tuple[str, datetime | None] | None = None
        self._newest: BackupInfo | None = None
        self._last_problem = ""
        self._reminder_dismissed = False
        self.job.progress.connect(self.status_widget.set_progress)
        self.job.finished.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)

    # --- the journal ----------------------------------------------------------------------
    def set_journal(self, journal: Journal | None) -> None:
        """A newly unlocked journal, or None when it is locked or closed: a running backup
        is waited for first (it holds the key; the journal is about to close)."""
        self.job.wait()
        self.timer.stop()
        self.first_check.stop()
        self._pending = None
        self._journal = journal
        self._backups = Backups(journal) if journal is not None else None
        self._newest, self._last_problem = None, ""
        self.reminder_cleared.emit()
        if journal is None:
            self.status_widget.clear()
            return
        self.timer.start()
        self.first_check.start()
        self.refresh()

    def preferences_page(self) -> BackupPreferences | None:
        """Preferences ▸ Backups for the open journal (None while locked: the settings
        live inside the encrypted journal)."""
        return BackupPreferences(self._journal) if self._journal is not None else None

    # --- starting work --------------------------------------------------------------------
    def back_up_now(self) -> None:
        self._start(MANUAL)

    def check_daily(self, now: datetime | None = None) -> None:
        """The day's backup if none was taken today (``now``: what time it is; tests)."""
        self._start(DAILY, now)

    def refresh(self) -> None:
        """Find the newest backup again (the folders may have changed) for the status line."""
        self._start(LOOK)

    def _start(self, kind: str, now: datetime | None = None) -> None:
        backups = self._backups
        if backups is None:
            return
        if self.job.is_running():
            if kind == MANUAL and self._running[0] == MANUAL:
                self.status.emit(texts.ALREADY_RUNNING)
            elif kind != LOOK and (self._pending is None or kind == MANUAL):
                self._pending = (kind, now)  # a look is answered by the running work anyway
                if kind == MANUAL:
                    self.status_widget.show_running()
            return
        moment = now or self.clock()
        try:
            settings = backups.settings()  # on this thread: the shared connection
        except USER_ERRORS as error:
            self._running = (kind, moment)
            self._on_failed(error)
            return
        # Backups before a restore, repair or upgrade always go to the journal's own
        # backups/ folder: they count as backups too.
        folders = list(dict.fromkeys([*backups.folders(settings), self._data_backups()]))

        def work(progress: Progress) -> _Outcome:
            result, problem = None, None
            try:
                if kind == MANUAL:
                    # copy_online reports pages left; the bar shows pages done.
                    result = backups.back_up(
                        reason="manual", settings=settings,
                        progress=lambda left, total: progress(total - left, total),
                    )
                elif kind == DAILY:
                    result = backups.daily_if_due(now=moment, settings=settings)
            except Exception as error:  # said by the GUI thread; the newest is still wanted
                problem = error
            found = backups.find(folders=folders)
            return _Outcome(result, found[0] if found else None, problem)

        self._running = (kind, moment)
        self.job.start(work)
        if kind == MANUAL:
            self.status_widget.show_running()

    # --- news from the worker -------------------------------------------------------------
    def _on_finished(self, outcome: _Outcome) -> None:
        kind, moment = self._running
        self._newest = outcome.newest
        if outcome.error is not None:
            self._on_failed(outcome.error)
            return
        result = outcome.result
        if result is not None:
            self._last_problem = ""
            line = texts.BACKED_UP if kind == MANUAL else texts.DAILY_BACKED_UP
            text = line.format(path=result.path)
            if result.second_problem:
                text += texts.SECOND_COPY_FAILED.format(reason=result.second_problem)
            self.status.emit(text)
        self._show_last()
        self._update_reminder(moment, tried=kind != LOOK)
        self._start_pending()

    def _on_failed(self, error: BaseException) -> None:
        kind, moment = self._running
        reason = error_text(error)
        if kind != LOOK:
            self._last_problem = reason
            line = texts.BACKUP_FAILED if kind == MANUAL else texts.DAILY_FAILED
            self.status.emit(line.format(reason=reason))
        self._show_last()
        self._update_reminder(moment, tried=kind != LOOK)
        self._start_pending()

    def _start_pending(self) -> None:
        if self._pending is not None:
            (kind, now), self._pending = self._pending, None
            self._start(kind, now)

    def _data_backups(self) -> Path:
        assert self._journal is not None
        return self._journal.paths.backups_dir

    def _show_last(self) -> None:
        if self._backups is None:
            return
        newest = self._newest
        self.status_widget.show_last(
            newest.manifest.created_at if newest else None,
            newest.path if newest else None,
            now=self.clock(),
        )

    # --- the reminder ---------------------------------------------------------------------
    def dismiss_reminder(self) -> None:
        """The user put the reminder away: not again in this session (the next start
        asks again)."""
        self._reminder_dismissed = True

    def _update_reminder(self, now: datetime, *, tried: bool) -> None:
        last = self._newest.manifest.created_at if self._newest else None
        if self._backups is None or self._reminder_dismissed or not is_stale(last, now=now):
            self.reminder_cleared.emit()
            return
        if not tried:
            return  # the daily backup comes soon; say nothing before it was tried
        if last is None:
            text = texts.BANNER_NEVER
        else:
            text = texts.BANNER_STALE.format(days=(now - last).days, date=texts.day_words(last))
        text += texts.BANNER_WHY
        if self._last_problem:
            text += texts.BANNER_LAST_TRY.format(reason=self._last_problem)
        self.reminder.emit(text)
