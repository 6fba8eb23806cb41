"""File ▸ Export journal…: the whole journal (or a period of it) as JSON, Markdown or jrnl.

The same export as ``tkg-journal export-all`` (``services/journal_export``). It runs on a
worker thread, on a connection of its own to the journal (a connection belongs to the
thread that uses it), with a progress bar; the window stays responsive and says, before
and after, that the result is not encrypted.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.journal import Journal
from tkg_journal.services.journal_export import ExportAllFormat, ExportCounts, Selection
from tkg_journal.ui.common.background_job import BackgroundJob, Progress
from tkg_journal.ui.common.messages import as_sentence, error_style
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.value_label import ValueLabel
from tkg_journal.ui.common.window_fit import fit_to_screen
from tkg_journal.ui.portable import portable_texts as texts

_SUFFIX = {ExportAllFormat.JSON: ".json", ExportAllFormat.JRNL: ".txt"}
_PREFERRED = QSize(620, 430)


class ExportJournalDialog(QDialog):
    """Choose format, entries and place; Export writes them on a worker thread."""

    def __init__(self, journal: Journal, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportJournalDialog")
        self.setWindowTitle(texts.EXPORT_TITLE)
        self._journal = journal
        self._folder = folder
        self._today = journal.clock().date()
        self.counts: ExportCounts | None = None
        self._out = folder  # where the running export writes (set when it starts)
        self.job = BackgroundJob(self)
        self.job.progress.connect(self._on_progress)
        self.job.finished.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)

        intro = named(QLabel(texts.EXPORT_INTRO), "exportJournalIntro")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self._build_formats())
        layout.addWidget(self._build_entries())
        layout.addWidget(self._build_place())
        self.progress = named(QProgressBar(), "exportJournalProgress")
        self.progress.setAccessibleName(texts.PROGRESS_NAME)
        self.progress.hide()
        self.status = named(ValueLabel(texts.STATUS_NAME), "exportJournalStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = named(QLabel(), "exportJournalError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.note = named(QLabel(texts.NOT_ENCRYPTED), "exportJournalNotEncrypted")
        self.note.setWordWrap(True)
        self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.note)
        self.buttons = QDialogButtonBox()
        self.export_button = named(QPushButton(texts.EXPORT_BUTTON), "exportJournalExport")
        self.export_button.setDefault(True)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.setObjectName("exportJournalClose")
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self._format_chosen()
        fit_to_screen(self, _PREFERRED)
        self.format_buttons.buttons()[0].setFocus(Qt.FocusReason.OtherFocusReason)

    # --- the form ---------------------------------------------------------------------
    def _build_formats(self) -> QGroupBox:
        box = named(QGroupBox(texts.FORMAT_BOX), "exportJournalFormats")
        column = QVBoxLayout(box)
        self.format_buttons = QButtonGroup(self)
        for fmt in ExportAllFormat:
            button = named(QRadioButton(texts.FORMATS[fmt.value]), f"exportJournal_{fmt.value}")
            self.format_buttons.addButton(button)
            button.setProperty("format", fmt.value)
            column.addWidget(button)
        self.format_buttons.buttons()[0].setChecked(True)
        self.format_buttons.buttonToggled.connect(lambda *_: self._format_chosen())
        return box

    def _build_entries(self) -> QGroupBox:
        box = named(QGroupBox(texts.ENTRIES_BOX), "exportJournalEntries")
        row = QHBoxLayout(box)
        self.all_radio = named(QRadioButton(texts.ALL_ENTRIES), "exportJournalAll")
        self.period_radio = named(QRadioButton(texts.PERIOD), "exportJournalPeriod")
        self.all_radio.setChecked(True)
        today = QDate(self._today.year, self._today.month, self._today.day)
        a_year_ago = today.addYears(-1)
        self.since_edit = self._date_edit("exportJournalSince", texts.SINCE_NAME, a_year_ago)
        self.until_edit = self._date_edit("exportJournalUntil", texts.UNTIL_NAME, today)
        row.addWidget(self.all_radio)
        row.addSpacing(12)
        row.addWidget(self.period_radio)
        row.addWidget(self.since_edit)
        to_label = QLabel(texts.PERIOD_TO)
        to_label.setBuddy(self.until_edit)  # "to [date]": the last day's visible label
        row.addWidget(to_label)
        row.addWidget(self.until_edit)
        row.addStretch(1)
        self.period_radio.toggled.connect(self._enable_dates)
        self._enable_dates()
        return box

    def _date_edit(self, name: str, accessible: str, day: QDate) -> QDateEdit:
        edit = named(QDateEdit(day), name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        return edit

    def _build_place(self) -> QGroupBox:
        box = named(QGroupBox(texts.WHERE_BOX), "exportJournalPlace")
        row = QHBoxLayout(box)
        self.path_edit = named(QLineEdit(), "exportJournalPath")
        self.path_edit.setAccessibleName(texts.PATH_NAME)
        self.choose_button = named(QPushButton(texts.CHOOSE), "exportJournalChoose")
        self.choose_button.setAutoDefault(False)  # Enter exports, wherever the focus is
        self.choose_button.clicked.connect(self._choose)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)
        return box

    def _enable_dates(self) -> None:
        for edit in (self.since_edit, self.until_edit):
            edit.setEnabled(self.period_radio.isChecked())

    def chosen_format(self) -> ExportAllFormat:
        button = self.format_buttons.checkedButton()
        assert button is not None  # one of the group is always checked
        return ExportAllFormat(str(button.property("format")))

    def _default_path(self, fmt: ExportAllFormat) -> Path:
        name = f"tkg-journal-{self._today.isoformat()}"
        return self._folder / (name + _SUFFIX.get(fmt, ""))

    def _format_chosen(self) -> None:
        """A new format: the default place follows it (a file, or a folder for Markdown),
        unless the user typed a place of their own."""
        fmt = self.chosen_format()
        current = self.path_edit.text().strip()
        defaults = {str(self._default_path(f)) for f in ExportAllFormat}
        if not current or current in defaults:
            self.path_edit.setText(str(self._default_path(fmt)))

    def _choose(self) -> None:
        fmt = self.chosen_format()
        current = self.path_edit.text().strip() or str(self._default_path(fmt))
        if fmt is ExportAllFormat.MARKDOWN:
            parent = QFileDialog.getExistingDirectory(
                self, texts.CHOOSE_FOLDER_TITLE, str(Path(current).parent)
            )
            chosen = str(Path(parent) / Path(current).name) if parent else ""
        else:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, texts.CHOOSE_FILE_TITLE, current, texts.FILE_FILTERS[fmt.value]
            )
        if chosen:
            self.path_edit.setText(chosen)

    def selection(self) -> Selection:
        if not self.period_radio.isChecked():
            return Selection()
        zone = self._journal.clock().tzinfo
        first = self.since_edit.date().toPython()
        last = self.until_edit.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        return Selection(
            since=datetime.combine(first, time(), zone),
            until=datetime.combine(last + timedelta(days=1), time(), zone),
        )

    # --- the export -------------------------------------------------------------------
    def start_export(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self._show_error(texts.NO_PATH)
            return
        out = Path(text).expanduser()
        fmt, selection, journal = self.chosen_format(), self.selection(), self._journal

        def work(progress: Progress) -> ExportCounts:
            from tkg_journal.services.journal_export import export_all

            reader = journal.on_another_connection()
            try:
                return export_all(reader, fmt, out, selection, progress=progress)
            finally:
                reader.close()

        self.error.hide()
        self.status.clear()
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.progress.show()
        self._set_running(True)
        self._out = out
        self.job.start(work)

    def _set_running(self, running: bool) -> None:
        for widget in (self.export_button, self.choose_button, self.path_edit):
            widget.setEnabled(not running)
        for button in self.format_buttons.buttons():
            button.setEnabled(not running)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(texts.WRITING.format(done=done, total=total))

    def _on_finished(self, counts: object) -> None:
        assert isinstance(counts, ExportCounts)
        self.counts = counts
        self._set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.status.setText(texts.DONE.format(entries=counts.entries, path=self._out))
        self.close_button.setText(texts.CLOSE_BUTTON)
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_failed(self, error: object) -> None:
        self._set_running(False)
        self.progress.hide()
        self.status.clear()
        if isinstance(error, USER_ERRORS):
            self._show_error(as_sentence(str(error)))
        else:
            raise error if isinstance(error, BaseException) else RuntimeError(str(error))

    def _show_error(self, message: str) -> None:
        self.error.setStyleSheet(error_style(self.palette()))
        self.error.setText(message)
        self.error.show()

    def reject(self) -> None:
        # A running export finishes (its file appears whole or not at all) before the
        # window goes: the worker writes a file of the user's, not a draft.
        self.job.wait()
        super().reject()
