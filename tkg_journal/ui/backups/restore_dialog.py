"""Restore from backup: pick a backup, see it verified, confirm what happens, restore.

Steps, so that nothing changes until the user has confirmed and every check has passed:

1. The list of this journal's backups (and "Choose another file…"). Continue reads the
   chosen backup back whole against its checksums (on a worker): a damaged file stops
   here with a clear message.
2. The confirmation: what is about to happen, and the passphrase (or recovery key) the
   backup opens with. Replace checks that secret against the backup while the journal is
   still open, so a mistyped passphrase costs nothing; only then is the journal closed
   (``close_journal``: the window locks it, saving what is being written) and
   ``restore`` run on the worker. It backs up the journal it replaces first.
3. Done: the dialog accepts; the window shows its unlock screen for the restored journal.
   Any error is shown here, and the files are as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.paths import JournalPaths
from tkg_journal.services import restore
from tkg_journal.services.backups import BackupInfo, Backups, inspect
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.journal import Journal
from tkg_journal.ui.backups import backup_texts as texts
from tkg_journal.ui.backups.background_job import BackgroundJob, Progress, error_text
from tkg_journal.ui.backups.backup_list_model import BackupListModel, BackupRow, InfoRole
from tkg_journal.ui.backups.restore_confirm_page import RestoreConfirmPage
from tkg_journal.ui.common.messages import as_sentence, inline_error_label
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.window_fit import fit_to_screen

#: ``ask(parent, title, start folder, filter) -> path or ""``: the system's file dialog.
AskFile = Callable[[QWidget, str, str, str], str]
#: Closes the open journal (the window locks it); False if it could not be closed.
# Closes the journal for the restore; given the dialog, which the lock leaves open.
CloseJournal = Callable[[QWidget], bool]

CHECK, SECRET, RESTORE = "check", "secret", "restore"


def _ask_file(parent: QWidget, title: str, start: str, filters: str) -> str:
    return QFileDialog.getOpenFileName(parent, title, start, filters)[0]


def _list_rows(journal: Journal) -> list[BackupRow]:
    """This journal's backups in its backup folders, plus the journal's own backups/
    folder (where backups before a restore, repair or upgrade always go), newest first."""
    backups = Backups(journal)
    settings = backups.settings()
    first = backups.folder(settings)
    where = {first: texts.WHERE_FOLDER}
    if settings.second_folder is not None:
        where.setdefault(settings.second_folder, texts.WHERE_SECOND)
    where.setdefault(journal.paths.backups_dir, texts.WHERE_DATA)
    found = backups.find(folders=list(where))
    return [BackupRow(info, where.get(info.path.parent, "")) for info in found]


class RestoreDialog(QDialog):
    """After ``exec()`` returns Accepted, :attr:`restored` holds the result and the
    journal was replaced (and is closed); otherwise the files are as they were (the
    journal may have been closed if the last step failed: :attr:`journal_closed`)."""

    def __init__(self, journal: Journal, close_journal: CloseJournal,
                 parent: QWidget | None = None, *, ask_file: AskFile = _ask_file) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(texts.RESTORE_TITLE)
        self._paths: JournalPaths = journal.paths
        self._journal_id = journal.db.journal_id
        self._close_journal = close_journal
        self.ask_file = ask_file
        self.journal_closed = False
        self.restored: restore.RestoreResult | None = None
        self._chosen: BackupInfo | None = None
        self._step = CHECK
        self.job = BackgroundJob(self)
        self.job.finished.connect(self._on_finished)
        self.job.failed.connect(self._on_failed)

        # Step 1: the list.
        intro = QLabel(texts.RESTORE_INTRO, wordWrap=True)
        self.model = BackupListModel(_list_rows(journal))
        self.table = named(QTableView(), "restoreBackupList")
        self.table.setAccessibleName(texts.LIST_NAME)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list, as in a form
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = named(self.table.horizontalHeader(), "restoreBackupListHeader")
        header.setAccessibleName(texts.LIST_HEADER_NAME)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.go_on())
        self.empty_label = named(QLabel(texts.NO_BACKUPS, wordWrap=True), "restoreNoBackups")
        self.choose_button = named(QPushButton(texts.CHOOSE_FILE), "restoreChooseFile")
        self.choose_button.setAccessibleName(texts.plain(texts.CHOOSE_FILE))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_file)
        choose_row = QHBoxLayout()
        choose_row.addWidget(self.empty_label, 1)
        choose_row.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignRight)
        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(intro)
        list_layout.addWidget(self.table, 1)
        list_layout.addLayout(choose_row)

        # Step 2: the confirmation.
        self.confirm_page = RestoreConfirmPage()
        self.pages = named(QStackedWidget(), "restorePages")
        self.pages.addWidget(list_page)
        self.pages.addWidget(self.confirm_page)

        # Below both: what is running, what went wrong, the buttons.
        self.busy_label = named(QLabel(), "restoreBusyText")
        self.busy_bar = named(QProgressBar(), "restoreBusy")
        self.busy_bar.setAccessibleName(texts.plain(texts.RESTORE_TITLE))
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_row = QWidget()
        busy_layout = QHBoxLayout(self.busy_row)
        busy_layout.setContentsMargins(0, 0, 0, 0)
        busy_layout.addWidget(self.busy_label)
        busy_layout.addWidget(self.busy_bar, 1)
        self.busy_row.hide()
        self.error = inline_error_label("restoreError")
        self.error.hide()
        self.back_button = self._button("restoreBack", texts.BACK, self.back)
        self.continue_button = self._button("restoreContinue", texts.CONTINUE, self.go_on)
        self.replace_button = self._button("restoreReplace", texts.REPLACE, self.replace)
        self.cancel_button = self._button("restoreCancel", texts.CANCEL, self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        for button in (self.continue_button, self.replace_button, self.cancel_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.busy_row)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        # Each step's fields, then its buttons (hidden ones are skipped).
        confirm = self.confirm_page
        order = [self.table, self.choose_button, confirm.passphrase, confirm.use_recovery_key,
                 confirm.recovery_key, self.back_button, self.continue_button,
                 self.replace_button, self.cancel_button]
        for first, second in pairwise(order):
            self.setTabOrder(first, second)
        fit_to_screen(self, QSize(740, 420))
        self._show_page(0)
        if self.model.rowCount():
            self.table.selectRow(0)

    def _button(self, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = named(QPushButton(text), name)
        button.setAccessibleName(texts.plain(text))
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # --- step 1: which backup -------------------------------------------------------------
    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        info = rows[0].data(InfoRole)
        return info if isinstance(info, BackupInfo) else None

    def choose_file(self) -> None:
        """A backup file from anywhere (another disk, another computer's folder)."""
        start = self._paths.backups_dir if self._paths.backups_dir.is_dir() else Path.home()
        chosen = self.ask_file(self, texts.CHOOSE_FILE_TITLE, str(start), texts.FILE_FILTER)
        if not chosen:
            return
        try:
            info = inspect(Path(chosen))
        except USER_ERRORS as error:
            self._show_error(texts.DAMAGED.format(reason=error_text(error)))
            return
        self.model.add_first(BackupRow(info, texts.WHERE_CHOSEN))
        self.table.selectRow(0)
        self.table.setFocus()
        self.error.hide()

    def go_on(self) -> None:
        """Continue: verify the selected backup (on the worker), then confirm."""
        if self.pages.currentIndex() != 0 or self.job.is_running():
            return
        info = self.selected()
        if info is None:
            self._show_error(texts.PICK_ONE)
            return
        path = info.path

        def check(_progress: Progress) -> tuple[BackupInfo, bool]:
            return inspect(path, verify=True), restore.backup_needs_passphrase(path)

        self._run(CHECK, texts.CHECKING, check)

    # --- step 2: confirm and restore ------------------------------------------------------
    def back(self) -> None:
        if not self.job.is_running():
            self.confirm_page.clear_secrets()
            self._show_page(0)
            self.table.setFocus()

    def replace(self) -> None:
        if self.pages.currentIndex() != 1 or self.job.is_running() or self._chosen is None:
            return
        missing = self.confirm_page.missing()
        if missing:
            self._show_error(missing)
            self.confirm_page.focus_first()
            return
        path = self._chosen.path
        passphrase, recovery_key = self.confirm_page.secrets()
        if self.journal_closed:  # an earlier try closed it: nothing to keep open any more
            self._start_restore()
            return

        def check_secret(_progress: Progress) -> None:
            restore.check_secret(path, passphrase=passphrase, recovery_key=recovery_key)

        self._run(SECRET, texts.CHECKING_SECRET, check_secret)

    def _start_restore(self) -> None:
        assert self._chosen is not None
        paths, path = self._paths, self._chosen.path
        passphrase, recovery_key = self.confirm_page.secrets()

        def run_restore(_progress: Progress) -> restore.RestoreResult:
            return restore.restore(paths, path, passphrase=passphrase, recovery_key=recovery_key)

        self._run(RESTORE, texts.RESTORING, run_restore)

    # --- the worker -----------------------------------------------------------------------
    def _run(self, step: str, text: str, work: Callable[[Progress], object]) -> None:
        self._step = step
        self.error.hide()
        self.busy_label.setText(text)
        self.busy_row.show()
        self._set_buttons_enabled(False)
        self.job.start(work)

    def _on_finished(self, result: object) -> None:
        self.busy_row.hide()
        self._set_buttons_enabled(True)
        if self._step == CHECK:
            assert isinstance(result, tuple)
            info, needs_passphrase = result
            self._chosen = info
            self.confirm_page.set_backup(
                info, needs_passphrase=needs_passphrase,
                other_journal=info.manifest.journal_id != self._journal_id,
            )
            self._show_page(1)
            self.confirm_page.focus_first()
        elif self._step == SECRET:
            if not self.journal_closed:
                self.journal_closed = self._close_journal(self)
            if not self.journal_closed:
                self._show_error(texts.CLOSE_REFUSED)
                return
            self._start_restore()
        else:
            assert isinstance(result, restore.RestoreResult)
            self.restored = result
            self.confirm_page.clear_secrets()
            self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.busy_row.hide()
        self._set_buttons_enabled(True)
        reason = as_sentence(error_text(error))
        if self._step == CHECK:
            self._show_error(texts.DAMAGED.format(reason=error_text(error)) + _unchanged(reason))
            return
        self._show_error(reason + _unchanged(reason))
        self.confirm_page.clear_secrets()
        self.confirm_page.focus_first()

    # --- what shows -----------------------------------------------------------------------
    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        listing = index == 0
        self.error.hide()
        self.back_button.setVisible(not listing)
        self.continue_button.setVisible(listing)
        self.replace_button.setVisible(not listing)
        self.empty_label.setVisible(listing and self.model.rowCount() == 0)
        (self.continue_button if listing else self.replace_button).setDefault(True)

    def _set_buttons_enabled(self, enabled: bool) -> None:
        for widget in (self.back_button, self.continue_button, self.replace_button,
                       self.cancel_button, self.choose_button, self.pages):
            widget.setEnabled(enabled)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def reject(self) -> None:
        if self.job.is_running():  # a restore cannot be stopped half way; it is quick
            return
        self.confirm_page.clear_secrets()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job.is_running():
            event.ignore()
            return
        super().closeEvent(event)

    def done_text(self) -> str:
        """What the window says once the backup is restored (its status and lock screen)."""
        if self.restored is None:
            return ""
        manifest = self.restored.manifest
        text = texts.RESTORED.format(
            date=texts.taken_words(manifest.created_at),
            entries=texts.entries_words(manifest.entries),
        )
        if self.restored.replaced_copy is not None:
            text += texts.REPLACED_KEPT.format(path=self.restored.replaced_copy)
        if self.restored.needs_recover:
            text += texts.NEEDS_RECOVER
        return text


def restore_from_backup(journal: Journal, close_journal: CloseJournal,
                        run_dialog: Callable[[QDialog], int], parent: QWidget) -> str:
    """Run the restore dialog (through the window's ``run_dialog``); what the window says
    afterwards, or "" if nothing was restored."""
    dialog = RestoreDialog(journal, close_journal, parent)
    try:
        return dialog.done_text() if run_dialog(dialog) else ""
    finally:
        dialog.deleteLater()


def _unchanged(message: str) -> str:
    """" Nothing was changed." unless the message says it, or says what was (a swap cut
    short is finished the next time the journal opens)."""
    lowered = message.lower()
    if "nothing was changed" in lowered or "next time" in lowered:
        return ""
    return texts.NOTHING_CHANGED
