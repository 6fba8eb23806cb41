"""One piece of slow work (a backup, a restore, a key derived from a passphrase) on a pool
thread, its outcome delivered on the GUI thread.

The work is a plain function of a progress callback; it must not touch a widget, nor a
connection the GUI thread is using (backups open connections of their own; an unlock opens
the journal it returns). Its news reaches the GUI thread through queued signals of a
bridge that lives there.

A result nobody will take (the run was waited for and forgotten, or the job was deleted
with its window while the work ran) goes to the ``discard`` given to :meth:`start`, so an
unlock given up half way closes the journal it opened rather than leaving it open.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

#: ``progress(done, total)``, callable from the worker thread.
Progress = Callable[[int, int], None]
Work = Callable[[Progress], object]
Discard = Callable[[Any], None]


class _Handoff:
    """One run's result, passed from the worker to the GUI thread exactly once: taken
    there, or discarded when the GUI thread gave up on it first. Whichever thread comes
    second sees what the first did (under the lock), so no result is lost or doubled."""

    def __init__(self, discard: Discard | None) -> None:
        self._lock = threading.Lock()
        self._discard = discard
        self._abandoned = False
        self._holding = False
        self._result: object = None

    def put(self, result: object) -> None:
        """From the worker: keep ``result`` for the GUI thread, or discard it if abandoned."""
        with self._lock:
            if not self._abandoned:
                self._result, self._holding = result, True
                return
        self._drop(result)

    def take(self) -> tuple[bool, object]:
        """On the GUI thread: (True, the result), or (False, None) if there is none."""
        with self._lock:
            if not self._holding:
                return False, None
            result, self._result, self._holding = self._result, None, False
            return True, result

    def abandon(self) -> None:
        """Nobody will take the result: discard it now if it came, or when it comes."""
        with self._lock:
            self._abandoned = True
            result, holding = self._result, self._holding
            self._result, self._holding = None, False
        if holding:
            self._drop(result)

    def _drop(self, result: object) -> None:
        if self._discard is not None:
            # Nobody is waiting to hear that tidying up a forgotten result failed.
            with contextlib.suppress(Exception):
                self._discard(result)


class _Current:
    """The run the job waits for; a plain object, so that the job's ``destroyed`` signal
    can still reach it once the job itself can no longer run Python code."""

    def __init__(self) -> None:
        self.handoff: _Handoff | None = None

    def abandon(self, *_destroyed: object) -> None:
        handoff, self.handoff = self.handoff, None
        if handoff is not None:
            handoff.abandon()


class _Bridge(QObject):
    """Carries the worker's news to the GUI thread (queued: it lives there). Each signal
    carries the number of the run it is about, so news of a run that was waited for and
    forgotten (the journal was locked meanwhile) is dropped."""

    progress = Signal(int, int, int)  # run, done, total
    finished = Signal(int)  # run (its result waits in the run's handoff)
    failed = Signal(int, object)  # run, the exception


class _Task(QRunnable):
    def __init__(self, work: Work, run: int, bridge: _Bridge, handoff: _Handoff) -> None:
        super().__init__()
        self._work, self._run, self._bridge, self._handoff = work, run, bridge, handoff

    def run(self) -> None:
        bridge, run = self._bridge, self._run

        def progress(done: int, total: int) -> None:
            with contextlib.suppress(RuntimeError):  # the bridge is gone: nobody listens
                bridge.progress.emit(run, done, total)

        try:
            result = self._work(progress)
        except Exception as error:  # shown by whoever started it
            # RuntimeError: the bridge is gone (the app is closing); nobody is waiting.
            with contextlib.suppress(RuntimeError):
                bridge.failed.emit(run, error)
            return
        self._handoff.put(result)
        with contextlib.suppress(RuntimeError):
            bridge.finished.emit(run)


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
        self._current = _Current()
        # Deleted while work runs (its window went): the result is discarded, not leaked.
        self.destroyed.connect(self._current.abandon)
        # The pool before the bridge: children are destroyed in order, so the pool waits
        # for running work while the bridge it reports to still exists.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._bridge = _Bridge(self)
        self._bridge.progress.connect(self._on_progress)
        self._bridge.finished.connect(self._on_finished)
        self._bridge.failed.connect(self._on_failed)

    def start(self, work: Work, *, discard: Discard | None = None) -> bool:
        """Start ``work``; False (and nothing started) while other work runs.

        ``discard`` gets the work's result if nobody takes it (see the module's docstring).
        """
        if self._running:
            return False
        self._running = True
        self._run += 1
        handoff = _Handoff(discard)
        self._current.handoff = handoff
        self._pool.start(_Task(work, self._run, self._bridge, handoff))
        return True

    def is_running(self) -> bool:
        return self._running

    def wait(self) -> None:
        """Block until running work ends, and forget it: its result is not reported (the
        caller waits because what the work was for is going away, e.g. the journal) but
        given to the ``discard`` it was started with."""
        self._pool.waitForDone()
        self._current.abandon()
        self._run += 1
        self._running = False

    def _on_progress(self, run: int, done: int, total: int) -> None:
        if run == self._run and self._running:
            self.progress.emit(done, total)

    def _on_finished(self, run: int) -> None:
        if run != self._run or not self._running:
            return
        handoff = self._current.handoff
        self._current.handoff = None
        self._running = False
        taken, result = handoff.take() if handoff is not None else (False, None)
        if taken:
            self.finished.emit(result)

    def _on_failed(self, run: int, error: BaseException) -> None:
        if run == self._run and self._running:
            self._current.handoff = None
            self._running = False
            self.failed.emit(error)
