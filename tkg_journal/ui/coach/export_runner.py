"""Writing the export off the GUI thread, and what the dialog shows of it: a progress row
while the file is written, then "Saved to …" with Open and Show in folder.

``write_export`` (charts, layout, PDF) runs on a ``QThreadPool`` worker that touches
neither the journal nor any widget and reports back through queued signals. The file is
written all or nothing by the service, so an error leaves no partial file.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from tkg_journal.services.export import (
    ExportFormat,
    ExportPlan,
    ExportResult,
    PdfPassword,
    write_export,
)
from tkg_journal.ui.coach import export_texts as texts
from tkg_journal.ui.common.object_name import named


class _ExportBridge(QObject):
    """Carries the worker's news to the GUI thread (queued: it lives there)."""

    progress = Signal(int, int, str)  # step, of steps, what is happening
    finished = Signal(object)  # ExportResult
    failed = Signal(object)  # the exception


class _ExportTask(QRunnable):
    """``write_export`` on a pool thread: no journal, no widget, only the bridge."""

    def __init__(
        self,
        plan: ExportPlan,
        fmt: ExportFormat,
        path: Path,
        bridge: _ExportBridge,
        password: PdfPassword | None,
    ) -> None:
        super().__init__()
        self._plan, self._fmt, self._path, self._bridge = plan, fmt, path, bridge
        self._password = password

    def run(self) -> None:
        bridge = self._bridge
        try:
            # Replacing a file (read-only or not) was confirmed before the task started.
            result = write_export(
                self._plan,
                self._fmt,
                self._path,
                progress=bridge.progress.emit,
                replace_read_only=True,
                password=self._password,
            )
        except Exception as error:  # shown by the dialog: the user's as it is, a bug generic
            # RuntimeError: the dialog (and its bridge) are gone; nobody is waiting.
            with contextlib.suppress(RuntimeError):
                bridge.failed.emit(error)
            return
        with contextlib.suppress(RuntimeError):
            bridge.finished.emit(result)


class ExportRunner(QObject):
    """Runs one export at a time and owns the rows that show it (the dialog lays them out).

    Signals:
        finished(object): the :class:`ExportResult` once the file is written.
        failed(object): the exception that stopped the export (no file was left).
        open_requested(QUrl, str): Open or Show in folder was clicked (the URL, and the
            file or folder to name if the system cannot open it).
    """

    finished = Signal(object)
    failed = Signal(object)
    open_requested = Signal(QUrl, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running = False
        self._result: ExportResult | None = None
        # The pool before the bridge: children are destroyed in order, so the pool waits
        # for a running export while the bridge it reports to still exists.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._bridge = _ExportBridge(self)
        self._bridge.progress.connect(self._on_progress)
        self._bridge.finished.connect(self._on_finished)
        self._bridge.failed.connect(self._on_failed)

        self.progress_label = named(QLabel(), "exportProgressText")
        self.progress_bar = named(QProgressBar(), "exportProgress")
        self.progress_bar.setAccessibleName(texts.plain(texts.EXPORT_BUTTON))
        self.progress_bar.setTextVisible(False)
        self.progress_row = named(QWidget(), "exportProgressRow")
        progress_layout = QHBoxLayout(self.progress_row)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        progress_layout.addWidget(self.progress_label)
        progress_layout.addWidget(self.progress_bar, 1)
        self.progress_row.hide()

        self.result_label = named(QLabel(), "exportResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = self._button("exportOpen", texts.OPEN_BUTTON, texts.OPEN_TOOLTIP)
        self.open_button.clicked.connect(self.open_file)
        self.show_button = self._button("exportShowFolder", texts.SHOW_BUTTON, texts.SHOW_TOOLTIP)
        self.show_button.clicked.connect(self.show_folder)
        self.result_row = named(QWidget(), "exportResultRow")
        result_layout = QHBoxLayout(self.result_row)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_layout.addWidget(self.result_label, 1)
        result_layout.addWidget(self.open_button)
        result_layout.addWidget(self.show_button)
        self.result_row.hide()

    @staticmethod
    def _button(name: str, text: str, tooltip: str) -> QPushButton:
        button = named(QPushButton(text), name)
        button.setAccessibleName(texts.plain(text))
        button.setToolTip(tooltip)
        button.setAutoDefault(False)
        return button

    # --- running ------------------------------------------------------------------------
    def start(
        self,
        plan: ExportPlan,
        fmt: ExportFormat,
        path: Path,
        *,
        password: PdfPassword | None = None,
    ) -> None:
        """Write ``plan`` as ``fmt`` to ``path`` on the worker (a PDF locked with
        ``password`` if one is given); the progress row shows."""
        self._set_running(True)
        self._pool.start(_ExportTask(plan, fmt, path, self._bridge, password))

    def is_running(self) -> bool:
        return self._running

    def last_result(self) -> ExportResult | None:
        """The last file written (``None`` until an export succeeded)."""
        return self._result

    def wait(self) -> None:
        """Wait for a running write (it needs no journal) and stop counting it as running."""
        self._pool.waitForDone()
        self._running = False

    def _set_running(self, running: bool) -> None:
        self._running = running
        if running:
            self.result_row.hide()
            self.progress_bar.setRange(0, 0)  # busy until the first step is known
            self.progress_label.setText(texts.STARTING)
            self.progress_row.show()
        else:
            self.progress_row.hide()

    def _on_progress(self, step: int, of: int, what: str) -> None:
        self.progress_bar.setRange(0, max(of, 1))
        self.progress_bar.setValue(step)
        self.progress_label.setText(what)

    def _on_finished(self, result: ExportResult) -> None:
        self._set_running(False)
        self._result = result
        if result.charts_folder is not None:
            text = texts.SAVED_WITH_CHARTS.format(
                path=result.path, folder=result.charts_folder.name
            )
        elif result.protected:
            text = texts.SAVED_PROTECTED.format(path=result.path)
        else:
            text = texts.SAVED.format(path=result.path)
        self.result_label.setText(text)
        self.result_row.show()
        self.finished.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        self._set_running(False)
        self.failed.emit(error)

    # --- afterwards ---------------------------------------------------------------------
    def open_file(self) -> None:
        if self._result is not None:
            path = self._result.path
            self.open_requested.emit(QUrl.fromLocalFile(str(path)), path.name)

    def show_folder(self) -> None:
        if self._result is not None:
            folder = self._result.path.parent
            self.open_requested.emit(QUrl.fromLocalFile(str(folder)), str(folder))
