"""File ▸ Import…: writing from another app (Day One, Markdown, jrnl) or from this app's
own JSON export, with what will be added shown before anything is written.

Choosing a file starts a preview on a worker thread (the import's own checks, and for
our JSON the import itself, rolled back); Import is offered only when there is something
new, and runs on the worker thread too, all or nothing, on a connection of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
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
from tkg_journal.services.imports import ImportCounts, ImportSource, wants_folder
from tkg_journal.services.journal import Journal
from tkg_journal.ui.common.background_job import BackgroundJob, Progress
from tkg_journal.ui.common.messages import as_sentence, error_style
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.value_label import ValueLabel
from tkg_journal.ui.common.window_fit import fit_to_screen
from tkg_journal.ui.portable import portable_texts as texts

_PREFERRED = QSize(600, 420)


class ImportDialog(QDialog):
    """Choose where from; see what would come in; import it.

    Signals:
        imported(ImportCounts): the import was stored.
    """

    imported = Signal(object)

    def __init__(self, journal: Journal, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(texts.IMPORT_TITLE)
        self._journal = journal
        self._folder = folder
        self._checked: tuple[ImportSource, Path] | None = None  # what the preview read
        self.counts: ImportCounts | None = None
        self.job = BackgroundJob(self)
        self.job.finished.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)
        self._then: Callable[[ImportCounts], None] = self._on_previewed

        intro = named(QLabel(texts.IMPORT_INTRO), "importIntro")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self._build_sources())
        layout.addWidget(self._build_path())
        self.progress = named(QProgressBar(), "importProgress")
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(texts.IMPORTING)
        self.progress.hide()
        self.status = named(ValueLabel(texts.STATUS_NAME), "importStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = named(QLabel(), "importError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox()
        self.import_button = named(QPushButton(texts.IMPORT_BUTTON), "importButton")
        self.import_button.setDefault(True)
        self.import_button.setEnabled(False)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.setObjectName("importClose")
        self.import_button.clicked.connect(self.start_import)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        fit_to_screen(self, _PREFERRED)
        self.source_buttons.buttons()[0].setFocus(Qt.FocusReason.OtherFocusReason)

    # --- the form ---------------------------------------------------------------------
    def _build_sources(self) -> QGroupBox:
        box = named(QGroupBox(texts.SOURCE_BOX), "importSources")
        column = QVBoxLayout(box)
        self.source_buttons = QButtonGroup(self)
        for source in ImportSource:
            button = named(QRadioButton(texts.SOURCES[source.value]), f"import_{source.value}")
            button.setProperty("source", source.value)
            self.source_buttons.addButton(button)
            column.addWidget(button)
        self.source_buttons.buttons()[0].setChecked(True)
        self.source_buttons.buttonToggled.connect(lambda *_: self._forget_preview())
        return box

    def _build_path(self) -> QGroupBox:
        box = named(QGroupBox(texts.IMPORT_PATH_BOX), "importPlace")
        row = QHBoxLayout(box)
        self.path_edit = named(QLineEdit(), "importPath")
        self.path_edit.setAccessibleName(texts.IMPORT_PATH_NAME)
        self.path_edit.editingFinished.connect(self.check)
        self.path_edit.textEdited.connect(lambda _text: self._forget_preview())
        self.choose_button = named(QPushButton(texts.CHOOSE), "importChoose")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self._choose)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)
        return box

    def chosen_source(self) -> ImportSource:
        button = self.source_buttons.checkedButton()
        assert button is not None  # one of the group is always checked
        return ImportSource(str(button.property("source")))

    def _choose(self) -> None:
        source = self.chosen_source()
        start = self.path_edit.text().strip() or str(self._folder)
        if wants_folder(source):
            chosen = QFileDialog.getExistingDirectory(self, texts.CHOOSE_IMPORT_TITLE, start)
        else:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, texts.CHOOSE_IMPORT_TITLE, start, texts.SOURCE_FILTERS[source.value]
            )
        if chosen:
            self.path_edit.setText(chosen)
            self.check()

    def _forget_preview(self) -> None:
        self._checked = None
        self.import_button.setEnabled(False)
        self.status.clear()
        self.error.hide()

    # --- preview and import -------------------------------------------------------------
    def check(self) -> None:
        """Read the chosen file and say what it would add (nothing is written)."""
        text = self.path_edit.text().strip()
        if not text or self.job.is_running():
            return
        source, path = self.chosen_source(), Path(text).expanduser()
        if self._checked == (source, path):
            return
        self._checked = (source, path)
        self.status.setText(texts.CHECKING)
        self._run(source, path, preview=True)

    def start_import(self) -> None:
        if self._checked is None:
            self._show_error(texts.NO_SOURCE_PATH)
            return
        source, path = self._checked
        self.status.setText(texts.IMPORTING)
        self._run(source, path, preview=False)

    def _run(self, source: ImportSource, path: Path, *, preview: bool) -> None:
        journal = self._journal

        def work(_progress: Progress) -> ImportCounts:
            from tkg_journal.services import imports

            reader = journal.on_another_connection()
            try:
                action = imports.preview if preview else imports.run
                return action(reader, source, path)
            finally:
                reader.close()

        self.error.hide()
        self.progress.show()
        self._set_running(True)
        self._then = self._on_previewed if preview else self._on_imported
        self.job.start(work)

    def _set_running(self, running: bool) -> None:
        for widget in (self.choose_button, self.path_edit, *self.source_buttons.buttons()):
            widget.setEnabled(not running)
        self.import_button.setEnabled(False)

    def _on_finished(self, counts: object) -> None:
        assert isinstance(counts, ImportCounts)
        self._set_running(False)
        self.progress.hide()
        self._then(counts)

    def _on_previewed(self, counts: ImportCounts) -> None:
        self.counts = counts
        lines = [texts.READY.format(summary=counts.summary) if counts.new else texts.NOTHING_NEW]
        if counts.new and counts.already_present:
            lines[0] += texts.ALREADY.format(count=counts.already_present)
        lines += counts.notes
        self.status.setText("\n".join(lines))
        self.import_button.setEnabled(counts.new > 0)
        if counts.new:
            self.import_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_imported(self, counts: ImportCounts) -> None:
        self.counts = counts
        self._checked = None
        self.status.setText("\n".join([texts.IMPORTED.format(summary=counts.summary),
                                       *counts.notes]))
        self.close_button.setText(texts.CLOSE_BUTTON)
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.imported.emit(counts)

    def _on_failed(self, error: object) -> None:
        self._set_running(False)
        self.progress.hide()
        self.status.clear()
        self._checked = None
        if isinstance(error, USER_ERRORS):
            self._show_error(as_sentence(str(error)))
        else:
            raise error if isinstance(error, BaseException) else RuntimeError(str(error))

    def _show_error(self, message: str) -> None:
        self.error.setStyleSheet(error_style(self.palette()))
        self.error.setText(message)
        self.error.show()

    def reject(self) -> None:
        self.job.wait()  # an import under way ends whole (or not at all) before the window
        super().reject()
