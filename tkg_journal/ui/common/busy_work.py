"""One slow step of a dialog (a key derived from a passphrase with Argon2id, up to a second
or more) on a pool thread, while the dialog shows it is busy and goes on repainting.

While the step runs, the dialog's fields and buttons are disabled and a
:class:`BusyIndicator` shows what is happening; the GUI thread is free. The outcome reaches
the callbacks given to :meth:`BusyWork.run` on the GUI thread once the controls are
enabled again, and never after the dialog is gone: this object is the dialog's child and
goes with it (a result nobody takes then goes to ``discard``, see ``background_job``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from tkg_journal.ui.common.background_job import BackgroundJob, Progress
from tkg_journal.ui.common.busy_indicator import BusyIndicator

_Result = TypeVar("_Result")


class BusyWork(QObject):
    """Runs a dialog's slow step; ``controls`` are disabled and ``indicator`` shown meanwhile.

    Signals:
        done(): the outcome of a run was handed to its callback (and the callback
            returned): the dialog is idle again. Tests wait for it.
    """

    done = Signal()

    def __init__(
        self, dialog: QWidget, indicator: BusyIndicator, controls: Sequence[QWidget]
    ) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self.indicator = indicator
        self._controls = list(controls)
        self._enabled_before: list[bool] = []
        self._on_done: Callable[[Any], None] | None = None
        self._on_error: Callable[[BaseException], None] | None = None
        self._job = BackgroundJob(self)
        self._job.finished.connect(self._finished)
        self._job.failed.connect(self._failed)

    def run(
        self,
        text: str,
        work: Callable[[], _Result],
        on_done: Callable[[_Result], None],
        on_error: Callable[[BaseException], None],
        *,
        discard: Callable[[_Result], None] | None = None,
    ) -> bool:
        """Start ``work`` (no widget in it) with ``text`` shown; False while a run goes on.

        ``discard`` gets the result when the dialog gave up on it (:meth:`abandon`, or
        the dialog deleted first): e.g. close the journal an abandoned unlock opened.
        """
        if self._job.is_running():
            return False

        def call(_progress: Progress) -> object:
            return work()

        self._on_done, self._on_error = on_done, on_error
        self._set_busy(True, text)
        self._job.start(call, discard=discard)
        return True

    def is_busy(self) -> bool:
        return self._job.is_running()

    def abandon(self) -> None:
        """Wait for the running step (a key derivation: about a second) and drop its
        outcome, as the dialog is closing; ``discard`` gets its result."""
        if self._job.is_running():
            self._job.wait()
            self._set_busy(False)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        if busy:
            # Whether each was enabled by itself (not through a parent), to put it back.
            self._enabled_before = [
                not control.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)
                for control in self._controls
            ]
            for control in self._controls:
                control.setEnabled(False)
            self._dialog.setCursor(Qt.CursorShape.BusyCursor)  # busy, yet responsive
            self.indicator.start(text)
            return
        for control, enabled in zip(self._controls, self._enabled_before, strict=True):
            control.setEnabled(enabled)
        self._dialog.unsetCursor()
        self.indicator.stop()

    def _finished(self, result: object) -> None:
        callback, self._on_done = self._on_done, None
        self._set_busy(False)
        try:
            if callback is not None:
                callback(result)
        finally:
            self.done.emit()

    def _failed(self, error: BaseException) -> None:
        callback, self._on_error = self._on_error, None
        self._set_busy(False)
        try:
            if callback is not None:
                callback(error)
        finally:
            self.done.emit()
