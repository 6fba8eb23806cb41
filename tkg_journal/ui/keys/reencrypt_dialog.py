"""File > Re-encrypt journal: a new key for the journal, and a new recovery sheet to keep.

Three pages: what happens (and the passphrase, which stays the same), the progress while
the re-encryption runs on a worker thread (``services/rekey.py``: backup, copy under the
new key, check, swap), then the new recovery sheet, shown as the set-up wizard shows it,
until the user says it is kept.

The journal must be closed while its file is swapped: the caller's ``release`` closes the
app's own connection (it keeps the writing first, as locking does) and says whether it
could. Afterwards :meth:`ReencryptDialog.journal_key` is the key to open it again with:
the new one, or the old one when the re-encryption failed (nothing was changed then).

The passphrase is checked first (Argon2id: about a second), off the GUI thread too, with
the dialog saying so meanwhile; nothing is closed or written until it is right.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.paths import JournalPaths
from tkg_journal.security.key_file import KeyMode
from tkg_journal.services import journal_access, rekey
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.ui.common.busy_indicator import BusyIndicator
from tkg_journal.ui.common.busy_work import BusyWork
from tkg_journal.ui.common.messages import as_sentence, inline_error_label
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.keys.dialog_pages import DialogPages, show_page
from tkg_journal.ui.keys.recovery_key_panel import RecoveryKeyPanel

# --- user-facing text ---------------------------------------------------------------------

WINDOW_TITLE = "Re-encrypt journal"
INTRO = (
    "Re-encrypting gives your journal a new key. The journal is backed up first, then "
    "copied under the new key and checked before the copy replaces it: your writing does "
    "not change."
)
AFTERWARDS = (
    "Afterwards no earlier key file, key-file copy or recovery sheet opens the journal, and "
    "you get a new recovery sheet to keep. Backups made before today keep their own keys: "
    "each still opens with the passphrase and recovery sheet of its time."
)
PASSPHRASE_NOTE = "Your passphrase stays the same: type it to confirm it is you."
KEYRING_NOTE = "The new key goes into this computer's keyring, like the old one."
CLOSES_NOTE = (
    "The journal closes while this runs: a few seconds, a minute or more for a very large "
    "journal. Close other windows or commands that use it first."
)
PASSPHRASE_LABEL = "&Passphrase:"
EMPTY_PASSPHRASE = "Type your passphrase first."
NOT_RELEASED = "The journal could not be closed (your writing could not be saved first)."
REENCRYPT = "&Re-encrypt"
DONE = "&Done"
STARTING = "Starting\u2026"
CHECKING = "Checking the passphrase\u2026"
SHEET_EXPLANATION = (
    "Your journal was re-encrypted. Keep this new recovery sheet now: the one printed before "
    "no longer opens the journal, and this key is not stored anywhere it can be read."
)
BACKUP_NOTE = (
    "The journal as it was is backed up in {path}; that backup keeps the old key and "
    "opens with the passphrase and recovery sheet you had before."
)
DONE_MESSAGE = "Journal re-encrypted with a new key: keep the new recovery sheet."

MIN_WIDTH = 560
_EXPLAIN_PAGE, _PROGRESS_PAGE, _SHEET_PAGE = range(3)


class _Bridge(QObject):
    """Carries the worker's news to the GUI thread (queued: it lives there)."""

    progress = Signal(str, float)  # what is happening, how far the whole is (0 to 1)
    finished = Signal(object)  # rekey.Rekeyed
    failed = Signal(object)  # the exception


class _RekeyTask(QRunnable):
    """``rekey.rekey`` on a pool thread: its own connections, no widget, only the bridge."""

    def __init__(
        self, paths: JournalPaths, key: bytes, passphrase: str | None, bridge: _Bridge
    ) -> None:
        super().__init__()
        self._paths, self._key, self._passphrase, self._bridge = paths, key, passphrase, bridge

    def run(self) -> None:
        def report(stage: rekey.Stage, fraction: float) -> None:
            with contextlib.suppress(RuntimeError):  # the dialog is gone
                self._bridge.progress.emit(stage.value, fraction)

        try:
            done = rekey.rekey(
                self._paths, key=self._key, passphrase=self._passphrase, progress=report
            )
        except Exception as error:  # shown by the dialog: the user's as it is, a bug generic
            with contextlib.suppress(RuntimeError):
                self._bridge.failed.emit(error)
            return
        with contextlib.suppress(RuntimeError):
            self._bridge.finished.emit(done)


class ReencryptDialog(QDialog):
    """Re-encrypts the journal at ``paths`` (see the module's docstring).

    Signals: only QDialog's own (``accepted``, ``rejected``, ``finished``); ``work.done``
    says the passphrase check ended (the re-encryption started, or why not shown).
    """

    def __init__(
        self,
        paths: JournalPaths,
        parent: QWidget | None = None,
        *,
        release: Callable[[], bool],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reencryptDialog")
        self.setWindowTitle(WINDOW_TITLE)
        self._paths = paths
        self._release = release
        self._needs_passphrase = journal_access.key_mode(paths) is KeyMode.PASSPHRASE
        self._key: bytes | None = None  # the key the journal opens with now
        self._running = False
        self.result_backup: str | None = None
        self.panel: RecoveryKeyPanel | None = None
        # The pool before the bridge: children go in order, so the pool waits for a
        # running re-encryption while the bridge it reports to still exists.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._bridge = _Bridge(self)
        self._bridge.progress.connect(self._on_progress)
        self._bridge.finished.connect(self._on_finished)
        self._bridge.failed.connect(self._on_failed)

        self.pages = named(DialogPages(), "reencryptPages")
        self.pages.addWidget(self._explain_page())
        self.pages.addWidget(self._progress_page())
        self._sheet_page = named(QWidget(), "reencryptSheetPage")
        self._sheet_layout = QVBoxLayout(self._sheet_page)
        self._sheet_layout.setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(self._sheet_page)

        self.error_label = inline_error_label("reencryptError")
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(
            REENCRYPT, QDialogButtonBox.ButtonRole.ActionRole)
        self.start_button.setObjectName("reencryptStart")
        self.start_button.setAccessibleName(REENCRYPT.replace("&", ""))
        self.start_button.setDefault(True)
        self.done_button = self.buttons.addButton(DONE, QDialogButtonBox.ButtonRole.AcceptRole)
        self.done_button.setObjectName("reencryptDone")
        self.done_button.setAccessibleName(DONE.replace("&", ""))
        self.done_button.hide()
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("reencryptCancel")
        self.start_button.clicked.connect(self.start)
        self.done_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.pages)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(MIN_WIDTH)
        self.work = BusyWork(self, self.busy, [
            self.passphrase_edit, self.start_button, self.cancel_button])
        self.passphrase_edit.textChanged.connect(self._update_buttons)
        self._update_buttons()
        self._show_page(_EXPLAIN_PAGE)

    # --- pages --------------------------------------------------------------------------
    def _explain_page(self) -> QWidget:
        page = named(QWidget(), "reencryptExplainPage")
        texts = [INTRO, AFTERWARDS, PASSPHRASE_NOTE if self._needs_passphrase else KEYRING_NOTE,
                 CLOSES_NOTE]
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        for number, text in enumerate(texts):
            label = named(QLabel(text), f"reencryptText{number}")
            label.setWordWrap(True)
            layout.addWidget(label)
        self.passphrase_edit = named(QLineEdit(), "reencryptPassphrase")
        self.passphrase_edit.setAccessibleName("Passphrase")
        self.passphrase_edit.setAccessibleDescription(PASSPHRASE_NOTE)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        if self._needs_passphrase:
            form = QFormLayout()
            label = QLabel(PASSPHRASE_LABEL)
            label.setBuddy(self.passphrase_edit)
            form.addRow(label, self.passphrase_edit)
            layout.addLayout(form)
        else:
            self.passphrase_edit.hide()
        self.busy = BusyIndicator()
        layout.addWidget(self.busy)
        layout.addStretch(1)
        return page

    def _progress_page(self) -> QWidget:
        page = named(QWidget(), "reencryptProgressPage")
        self.progress_label = named(QLabel(STARTING), "reencryptStage")
        self.progress_bar = named(QProgressBar(), "reencryptProgress")
        self.progress_bar.setAccessibleName("Re-encryption progress")
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setTextVisible(False)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress_bar)
        layout.addStretch(1)
        return page

    def _show_page(self, index: int) -> None:
        show_page(self, self.pages, index)

    # --- running ------------------------------------------------------------------------
    def journal_key(self) -> bytes | None:
        """The key to open the journal with now (None: it was never closed)."""
        return self._key

    def is_running(self) -> bool:
        """Whether the passphrase is being checked or the journal re-encrypted."""
        return self._running or self.work.is_busy()

    def start(self) -> None:
        """Check the passphrase (or the keyring) off the GUI thread; then (in
        :meth:`_checked`) close the journal and start the worker."""
        if self.is_running():
            return
        passphrase = self.passphrase_edit.text() if self._needs_passphrase else None
        if self._needs_passphrase and not passphrase:
            self.error_label.setText(EMPTY_PASSPHRASE)
            return
        paths = self._paths

        def check() -> bytes:  # on a pool thread: no widget here
            return journal_access.unlock_key(paths, passphrase=passphrase)

        self.error_label.clear()
        self.work.run(
            CHECKING, check, lambda key: self._checked(key, passphrase), self._check_failed
        )

    def _check_failed(self, error: BaseException) -> None:
        if not isinstance(error, USER_ERRORS):
            raise error  # our bug: the app's exception hook reports it
        self.error_label.setText(as_sentence(str(error)))

    def _checked(self, key: bytes, passphrase: str | None) -> None:
        # On a retry after a failure the journal is closed already (the old key is kept).
        if self._key is None and not self._release():
            self.error_label.setText(NOT_RELEASED)
            return
        self._key = key
        self.passphrase_edit.clear()
        self.error_label.clear()
        self._running = True
        self._show_page(_PROGRESS_PAGE)
        self.progress_bar.setValue(0)
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self._pool.start(_RekeyTask(self._paths, key, passphrase, self._bridge))

    def wait(self) -> None:
        """Wait for a running re-encryption (tests, and the window closing)."""
        self._pool.waitForDone()

    def _on_progress(self, stage: str, fraction: float) -> None:
        self.progress_label.setText(f"{stage[:1].upper()}{stage[1:]}\u2026")
        self.progress_bar.setValue(round(fraction * 1000))

    def _on_finished(self, done: rekey.Rekeyed) -> None:
        self._running = False
        self._key = done.key
        self.result_backup = str(done.backup)
        explanation = SHEET_EXPLANATION + " " + BACKUP_NOTE.format(path=done.backup)
        if done.unfinished:
            explanation += " " + as_sentence(done.unfinished)
        self.panel = RecoveryKeyPanel(
            done.recovery_key, explanation, block_lines=done.block_lines
        )
        self.panel.kept_changed.connect(self._update_buttons)
        self._sheet_layout.addWidget(self.panel)
        self.start_button.hide()
        self.cancel_button.hide()
        self.done_button.show()
        self.done_button.setDefault(True)
        self._show_page(_SHEET_PAGE)
        self._update_buttons()

    def _on_failed(self, error: BaseException) -> None:
        self._running = False
        self._show_page(_EXPLAIN_PAGE)
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(True)
        if isinstance(error, USER_ERRORS):
            self.error_label.setText(as_sentence(str(error)))
        else:
            self.error_label.setText(
                "The journal could not be re-encrypted (an unexpected error); nothing "
                "was changed."
            )
        self._update_buttons()

    # --- closing ------------------------------------------------------------------------
    def reject(self) -> None:
        # Closed while the passphrase is checked: wait for it (a second); nothing was
        # closed or written yet.
        self.work.abandon()
        # Not while the worker runs (the journal is half way), nor before the new sheet
        # is kept (it is shown only this once).
        if self._running or (self.panel is not None and not self.panel.is_kept()):
            return
        self.passphrase_edit.clear()
        if self.panel is not None:
            super().accept()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._running or (self.panel is not None and not self.panel.is_kept()):
            event.ignore()
            return
        super().closeEvent(event)

    def _update_buttons(self) -> None:
        if self.panel is None:
            self.start_button.setEnabled(
                not self._running
                and (not self._needs_passphrase or bool(self.passphrase_edit.text()))
            )
        self.done_button.setEnabled(self.panel is not None and self.panel.is_kept())
