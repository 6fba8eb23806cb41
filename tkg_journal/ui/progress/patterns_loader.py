"""Computing a pattern report off the GUI thread, on a connection of its own.

Over a year of a large journal the report takes a few hundred milliseconds, too long for
the GUI thread. The work runs on a :class:`BackgroundJob` worker, which opens the journal
again (``Journal.on_another_connection``: a SQLCipher connection belongs to the thread that
uses it), computes and closes it; only the frozen report crosses back. While one report is
being computed, a newer request waits and runs next: the range changed meanwhile, so only
the newest query's report is delivered.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from tkg_journal.domain.patterns import PatternQuery, PatternReport
from tkg_journal.services.journal import Journal
from tkg_journal.services.patterns import Patterns
from tkg_journal.ui.common.background_job import BackgroundJob, Progress


def _discard(_report: object) -> None:
    """A report nobody takes any more is plain data: nothing to close."""


class PatternsLoader(QObject):
    """Signals:
    loaded(object): the :class:`PatternReport` of the newest query asked for.
    failed(object): the error that stopped it (the user's, or a bug).
    """

    loaded = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._journal: Journal | None = None
        self._wanted: PatternQuery | None = None  # asked for, not delivered yet
        self._running: PatternQuery | None = None
        self.job = BackgroundJob(self)  # tests wait on it
        self.job.finished.connect(self._finished)
        self.job.failed.connect(self._failed)

    def set_journal(self, journal: Journal | None) -> None:
        """Compute from ``journal`` from now on; ``None`` (locking) waits for a running
        report (it holds a connection keyed with the journal's key) and forgets it."""
        self.job.wait()
        self._journal = journal
        self._wanted = self._running = None

    def load(self, query: PatternQuery) -> None:
        """Compute ``query``'s report (``loaded``), after the one running if any."""
        if self._journal is None:
            return
        self._wanted = query
        if not self.job.is_running():
            self._start(query)

    def is_busy(self) -> bool:
        """True from a request until its report is delivered (or failed)."""
        return self._wanted is not None

    def _start(self, query: PatternQuery) -> None:
        journal = self._journal
        assert journal is not None
        self._running = query

        def work(_progress: Progress) -> PatternReport:
            reader = journal.on_another_connection()
            try:
                return Patterns(reader).report(query)
            finally:
                reader.close()

        self.job.start(work, discard=_discard)

    def _finished(self, report: object) -> None:
        if self._wanted is None:
            return  # nobody waits for it any more
        if self._wanted != self._running:
            self._start(self._wanted)  # asked again meanwhile: this one is out of date
            return
        self._wanted = self._running = None
        self.loaded.emit(report)

    def _failed(self, error: object) -> None:
        self._wanted = self._running = None
        self.failed.emit(error)
