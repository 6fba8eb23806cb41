"""The Export summary dialog: choose the period, what goes in and the file; preview what
will be shared; write it off the GUI thread.

The dialog composes three parts and connects them: :class:`ExportForm` (the choices),
:class:`ExportPreview` (the summary as the file will say it) and :class:`ExportRunner`
(the worker that writes the file, with its progress and result rows). Reading the journal
(``plan_export``: SQL) happens here on the GUI thread, the only thread that uses the
connection. An error leaves no partial file and the dialog stays open with every choice
kept.

Questions to the user and the system's viewer go through :meth:`ExportDialog.choose_path`,
:meth:`ExportDialog.confirm_replace` and :meth:`ExportDialog.open_url`, which tests
replace.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.progress import Period
from tkg_journal.domain.summary import SummaryOptions
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.export import EmptyPeriod, ExportFormat, ExportResult, plan_export
from tkg_journal.services.files import is_read_only
from tkg_journal.services.journal import Journal
from tkg_journal.ui.coach import export_texts as texts
from tkg_journal.ui.coach.export_form import ExportForm
from tkg_journal.ui.coach.export_preview import ExportPreview, chart_sentences
from tkg_journal.ui.coach.export_runner import ExportRunner
from tkg_journal.ui.common.divider import name_divider
from tkg_journal.ui.common.error_dialog import BUG_TEXT
from tkg_journal.ui.common.icons import icon
from tkg_journal.ui.common.messages import as_sentence, error_colour
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.picture import Picture
from tkg_journal.ui.common.places import documents_folder
from tkg_journal.ui.common.unsaved_input import keeps_input
from tkg_journal.ui.common.window_fit import fit_to_screen

PREVIEW_DELAY_MS = 300  # typing a date or ticking boxes in a row reads the journal once


class ExportDialog(QDialog):
    """Export the pre-session summary as PDF, Markdown or HTML.

    The form's, the preview's and the runner's controls are attributes of the dialog too
    (``path_edit``, ``preview``, ``open_button``…), by the names tests use.

    Signals:
        exported(object): the :class:`ExportResult` once a file is written.
    """

    exported = Signal(object)

    def __init__(
        self, journal: Journal, parent: QWidget | None = None, *, folder: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(texts.DIALOG_TITLE)
        self.setAccessibleName(texts.DIALOG_TITLE)
        self._journal = journal
        self._folder = folder if folder is not None else documents_folder()
        self._planned_ok = False
        self.runner = ExportRunner(self)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.open_requested.connect(self._open)
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)

        self.form = ExportForm(journal, self._folder)
        self.form.changed.connect(self._schedule_preview)
        self.form.choose_button.clicked.connect(self._choose)
        self.form.protection_changed.connect(self._paint_notes)
        self.form.protection_changed.connect(self._schedule_preview)  # its notice says so
        self.preview_pane = ExportPreview()
        self._build()
        self._name_parts()
        self._paint_notes()
        fit_to_screen(self, QSize(1100, 780))  # the form scrolls on a smaller screen
        # The first preview right after the dialog shows (it reads the journal).
        self._preview_timer.start(0)
        keeps_input(self, "export")  # the period, the sections, the questions typed

    # --- building -----------------------------------------------------------------------
    def _build(self) -> None:
        intro = named(QLabel(texts.INTRO), "exportIntro")
        intro.setWordWrap(True)
        inputs_scroll = named(QScrollArea(), "exportInputsScroll")
        inputs_scroll.setWidget(self.form)
        inputs_scroll.setWidgetResizable(True)
        inputs_scroll.setFrameShape(QFrame.Shape.NoFrame)
        inputs_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inputs_scroll.setMinimumWidth(self.form.sizeHint().width() + 16)
        self.splitter = named(QSplitter(Qt.Orientation.Horizontal), "exportSplitter")
        self.splitter.addWidget(inputs_scroll)
        self.splitter.addWidget(self.preview_pane)
        name_divider(self.splitter, "the choices and the preview")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)

        self.error_label = named(QLabel(), "exportError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        # The note, always beside the button that makes the file.
        self.note_icon = named(Picture(), "exportNoteIcon")
        self.note = named(QLabel(texts.NOT_ENCRYPTED), "exportNotEncrypted")
        self.note.setWordWrap(True)
        self.export_button = named(QPushButton(icon("share"), texts.EXPORT_BUTTON), "exportButton")
        self.export_button.setAccessibleName(texts.plain(texts.EXPORT_BUTTON))
        self.export_button.setToolTip(texts.EXPORT_TOOLTIP)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.cancel_button = named(QPushButton(texts.CANCEL_BUTTON), "exportCancel")
        self.cancel_button.setAccessibleName(texts.CANCEL_BUTTON)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.setSpacing(8)
        bottom.addWidget(self.note_icon, 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.note, 1)
        bottom.addSpacing(12)
        bottom.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignBottom)
        bottom.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignBottom)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.runner.progress_row)
        layout.addWidget(self.runner.result_row)
        layout.addLayout(bottom)

        order: list[QWidget] = [
            *self.form.focus_order(),
            self.preview_pane.browser,
            self.runner.open_button,
            self.runner.show_button,
            self.export_button,
            self.cancel_button,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        # The first keystroke chooses the period (arrows between the two), not scrolls.
        since_session, a_range = self.form.since_session_radio, self.form.range_radio
        period = since_session if since_session.isChecked() else a_range
        period.setFocus(Qt.FocusReason.OtherFocusReason)

    def _name_parts(self) -> None:
        """The parts' controls by the names tests (and screen-reader checks) use."""
        form = self.form
        self.inputs = form
        self.since_session_radio, self.range_radio = form.since_session_radio, form.range_radio
        self.no_session_hint = form.no_session_hint
        self.since_edit, self.until_edit = form.since_edit, form.until_edit
        self.section_checks = form.section_checks
        self.charts_check, self.private_check = form.charts_check, form.private_check
        self.private_warning = form.private_warning
        self.questions_edit, self.question_list = form.questions_edit, form.question_list
        self.question_hint = form.question_hint
        self.format_combo, self.path_edit = form.format_combo, form.path_edit
        self.choose_button = form.choose_button
        self.preview, self.charts_line = self.preview_pane.browser, self.preview_pane.charts_line
        runner = self.runner
        self.progress_row, self.result_row = runner.progress_row, runner.result_row
        self.result_label = runner.result_label
        self.open_button, self.show_button = runner.open_button, runner.show_button

    def _paint_notes(self) -> None:
        """Colours and the icon that follow the palette (light or dark); the note and its
        icon say whether the file will open only with a password."""
        self.error_label.setStyleSheet(f"color: {error_colour(self.palette())};")
        protected = self.form.protected()
        self.note.setText(texts.PROTECTED if protected else texts.NOT_ENCRYPTED)
        side = self.fontMetrics().height()
        name = "lock" if protected else "unlock"
        self.note_icon.setPixmap(icon(name).pixmap(QSize(side, side), self.devicePixelRatioF()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_notes()

    # --- what the user chose (the form's) -----------------------------------------------
    def since_last_session(self) -> bool:
        return self.form.since_last_session()

    def period(self) -> Period:
        """The chosen days (raises ValidationError when the first is after the last)."""
        return self.form.period()

    def options(self) -> SummaryOptions:
        return self.form.options()

    def chosen_format(self) -> ExportFormat:
        return self.form.chosen_format()

    def chosen_path(self) -> Path | None:
        return self.form.chosen_path()

    def is_running(self) -> bool:
        return self.runner.is_running()

    def last_result(self) -> ExportResult | None:
        """The last file written (``None`` until an export succeeded)."""
        return self.runner.last_result()

    def _choose(self) -> None:
        form = self.form
        path = self.choose_path(form.chosen_format(), form.chosen_path() or self._folder)
        if path is not None:
            form.set_path(path)

    # --- the preview --------------------------------------------------------------------
    def _schedule_preview(self) -> None:
        self._preview_timer.start(PREVIEW_DELAY_MS)

    def refresh_preview(self) -> None:
        """Read the period's summary and show it as the export will say it."""
        self._preview_timer.stop()
        self.form.reload_questions()
        try:
            options = self.form.options()
            # The charts' numbers are read (SQL aggregates, a few milliseconds) but drawn
            # only when the file is written: the preview shows where each goes and the
            # sentence the file will say under it.
            plan = plan_export(self._journal, options)
        except USER_ERRORS as error:
            self._planned_ok = False
            self.preview_pane.show_error(error)
        else:
            self.preview_pane.show_summary(plan.summary, charts=options.charts,
                                           sentences=chart_sentences(plan.charts),
                                           protected=self.form.protected())
            self._planned_ok = True
        self._enable_export()

    def _enable_export(self) -> None:
        self.export_button.setEnabled(self._planned_ok and not self.is_running())

    # --- exporting ----------------------------------------------------------------------
    def export(self) -> None:
        """Plan with exactly what is chosen now, then write on a worker thread."""
        if self.is_running():
            return
        self._show_error("")
        path = self.form.chosen_path()
        if path is None:
            self._show_error(as_sentence(texts.NO_PATH))
            self.path_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if str(path) != self.path_edit.text().strip():
            self.path_edit.setText(str(path))
        if path.exists() and not self.confirm_replace(path):
            return
        self._preview_timer.stop()
        try:
            password = self.form.pdf_password()  # a password a PDF cannot use: before any work
            plan = plan_export(self._journal, self.form.options())
        except USER_ERRORS as error:
            self._show_error(as_sentence(str(error)))
            if isinstance(error, EmptyPeriod):
                self.refresh_preview()
            return
        self.runner.start(plan, self.form.chosen_format(), path, password=password)
        self._running_changed()

    def _running_changed(self) -> None:
        """While a file is written: every choice locked, no closing, a busy cursor."""
        running = self.is_running()
        self.form.setEnabled(not running)
        self.cancel_button.setEnabled(not running)
        self._enable_export()
        if running:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def _on_finished(self, result: ExportResult) -> None:
        self._running_changed()
        self.cancel_button.setText(texts.CLOSE_BUTTON)
        self.cancel_button.setAccessibleName(texts.CLOSE_BUTTON)
        self.open_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.exported.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        self._running_changed()
        if isinstance(error, USER_ERRORS):
            self._show_error(as_sentence(str(error)))
        else:
            self._show_error(BUG_TEXT.format(name=type(error).__name__))
        self.path_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(texts.ERROR_PREFIX + message if message else "")
        self.error_label.setVisible(bool(message))

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def _open(self, url: QUrl, target: str) -> None:
        if not self.open_url(url):
            self._show_error(texts.OPEN_FAILED.format(target=target))

    # --- hooks tests replace ------------------------------------------------------------
    def open_url(self, url: QUrl) -> bool:
        """Hand ``url`` to the system (a viewer, a file manager)."""
        return bool(QDesktopServices.openUrl(url))

    def choose_path(self, fmt: ExportFormat, current: Path) -> Path | None:
        """Ask where to save; ``None`` if the user cancelled."""
        filters = ";;".join(texts.FILE_FILTERS[f.value] for f in ExportFormat)
        name, _chosen = QFileDialog.getSaveFileName(
            self, texts.CHOOSE_TITLE, str(current), filters, texts.FILE_FILTERS[fmt.value]
        )
        return Path(name) if name else None

    def confirm_replace(self, path: Path) -> bool:
        """Ask before writing over an existing file typed by hand (saying so when the
        file is read-only: someone meant to keep it)."""
        question = (
            texts.REPLACE_READ_ONLY_QUESTION if is_read_only(path) else texts.REPLACE_QUESTION
        )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            texts.REPLACE_TITLE,
            question.format(name=path.name),
            parent=self,
        )
        yes = box.addButton(texts.REPLACE_CONFIRM, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        box.exec()
        return box.clickedButton() is yes

    # --- closing ------------------------------------------------------------------------
    def reject(self) -> None:
        """Esc and Cancel close only when no file is being written."""
        if self.is_running():
            return
        self._preview_timer.stop()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_running():
            event.ignore()
            return
        self._preview_timer.stop()
        super().closeEvent(event)

    def close_for_lock(self) -> None:
        """The journal is being locked: wait for a running write (it needs no journal),
        forget every word shown, and close."""
        self.runner.wait()
        self.preview.clear()
        self.form.forget()
        # After the clearing: emptying the questions schedules a preview, which would read
        # the journal once it is closed.
        self._preview_timer.stop()
        super().reject()

