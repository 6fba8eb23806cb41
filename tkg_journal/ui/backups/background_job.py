"""One piece of slow backup work (a backup, a verification, a restore) on a pool thread.

The work is a plain function of a progress callback; it must not touch a widget, nor the
journal's shared connection (``write_backup`` and ``restore`` open connections of their
own). Its news reaches the GUI thread through queued signals of a bridge that lives there,
as in ``ui/coach/export_runner``.
"""

from __future__ import annotations

import contextlib
import sys
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from tkg_journal.services.errors import USER_ERRORS

#: ``progress(done, total)``, callable from the worker thread.
Progress = Callable[[int, int], None]
Work = Callable[[Progress], object]

BUG_TEXT = "TKG Journal hit an unexpected problem ({name}); nothing was changed"


def error_text(error: BaseException) -> str:
    """What to show of an error, to embed in a line ("The backup failed: <this>"): the
    user's own errors say what happened; of our bugs only the type (a bug's message could
    quote the user's writing), with the lines of our code on standard error for a bug
    report, as the app's exception hook does."""
    if isinstance(error, USER_ERRORS):
        return str(error)
    print(f"tkg-journal: unexpected {type(error).__name__} in a backup", file=sys.stderr)
    traceback.print_tb(error.__traceback__, file=sys.stderr)
    return BUG_TEXT.format(name=type(error).__name__)


class _Bridge(QObject):
    """Carries the worker's news to the GUI thread (queued: it lives there). Each signal
    carries the number of the run it is about, so news of a run that was waited for and
    forgotten (the journal was locked meanwhile) is dropped."""

    progress = Signal(int, int, int)  # run, done, total
    finished = Signal(int, object)  # run, what the work returned
    failed = Signal(int, object)  # run, the exception


class _Task(QRunnable):
    def __init__(self, work: Work, run: int, bridge: _Bridge) -> None:
        super().__init__()
        self._work, self._run, self._bridge = work, run, bridge

    def run(self) -> None:
        bridge, run = self._bridge, self._run
        try:
            result = self._work(lambda done, total: bridge.progress.emit(run, done, total))
        except Exception as error:  # shown by whoever started it
            # RuntimeError: the bridge is gone (the app is closing); nobody is waiting.
            with contextlib.suppress(RuntimeError):
                bridge.failed.emit(run, error)
            return
        with contextlib.suppress(RuntimeError):
            bridge.finished.emit(run, result)


class BackgroundJob(QObject):
    """Runs one piece of work at a time off the GUI thread.

    Signals:
        progress(int, int): done, total, as the work reports it.
        finished(object): what the work returned.
        failed(object): the exception it raised.
    """

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._run = 0
        self._running = False
        # The pool before the bridge: children are destroyed in order, so the pool waits
        # for running work while the bridge it reports to still exists.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._bridge = _Bridge(self)
        self._bridge.progress.connect(self._on_progress)
        self._bridge.finished.connect(self._on_finished)
        self._bridge.failed.connect(self._on_failed)

    def start(self, work: Work) -> bool:
        """Start ``work``; False (and nothing started) while other work runs."""
        if self._running:
            return False
        self._running = True
        self._run += 1
        self._pool.start(_Task(work, self._run, self._bridge))
        return True

    def is_running(self) -> bool:
        return self._running

    def wait(self) -> None:
        """Block until running work ends, and forget it: its result is not reported (the
        caller waits because what the work was for is going away, e.g. the journal)."""
        self._pool.waitForDone()
        self._run += 1
        self._running = False

    def _on_progress(self, run: int, done: int, total: int) -> None:
        if run == self._run and self._running:
            self.progress.emit(done, total)

    def _on_finished(self, run: int, result: object) -> None:
        if run == self._run and self._running:
            self._running = False
            self.finished.emit(result)

    def _on_failed(self, run: int, error: BaseException) -> None:
        if run == self._run and self._running:
            self._running = False
            self.failed.emit(error)
