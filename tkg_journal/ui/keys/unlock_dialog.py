"""Asks for what opens the journal: the passphrase, or the recovery key.

A wrong passphrase or key is shown inline and the dialog stays open; unlocking only reads
files, so nothing on disk changes until it succeeds. ``reason`` mode is for a keyring
journal whose key could not be had (no keyring here, or its entry is gone): only the
recovery key is asked for, and after it works the key is put back into the keyring when
there is one, so the next start needs nothing typed. A passphrase journal opened with the
recovery key offers to choose a new passphrase, for the same reason.

Before anything is read, the dialog settles what a crash may have left (an interrupted
re-encryption, a key file lost beside its copy: ``journal_access.prepare``) and shows one
line per thing done.

Unlocking runs off the GUI thread (Argon2id takes about a second): the dialog repaints
and says "Unlocking…" meanwhile, with its fields and buttons off. Closing it then waits
for the unlock to end and closes the journal it opened.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.journal import Journal
from tkg_journal.ui.common.busy_indicator import BusyIndicator
from tkg_journal.ui.common.busy_work import BusyWork
from tkg_journal.ui.common.icons import app_icon
from tkg_journal.ui.common.messages import as_sentence, inline_error_label, wait_cursor
from tkg_journal.ui.common.picture import Picture
from tkg_journal.ui.keys.change_passphrase_dialog import ChangePassphraseDialog

# --- user-facing text ---------------------------------------------------------------------

WINDOW_TITLE = "Unlock TKG Journal"
HEADING = "Unlock your journal"
PASSPHRASE_INTRO = "Your journal is protected by a passphrase. Type it to open the journal."
RECOVERY_INTRO = (
    "Type the recovery key you printed or wrote down when the journal was set up. "
    "Capital or small letters, spaces and dashes do not matter."
)
KEYRING_REASON = (
    "This journal keeps its key in this computer's keyring, but the key could not be read from it."
)
PASSPHRASE_LABEL = "&Passphrase:"
RECOVERY_KEY_LABEL = "&Recovery key:"
RECOVERY_KEY_PLACEHOLDER = "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
SHOW_PASSPHRASE = "S&how"
USE_RECOVERY_KEY = "Use my recovery key instead"
USE_PASSPHRASE = "Use my passphrase instead"
UNLOCK = "&Unlock"
UNLOCKING = "Unlocking\u2026"
QUIT = "&Quit"
EMPTY_PASSPHRASE = "Type your passphrase first."
EMPTY_RECOVERY_KEY = "Type your recovery key first."
KEYRING_NOT_RESTORED_TITLE = "Key not put back in the keyring"
KEYRING_NOT_RESTORED = (
    "The journal is open, but its key could not be put back into the keyring: {error} "
    "Until it is, the journal will ask for the recovery key when it starts."
)

ICON_SIZE = 40
MIN_WIDTH = 480
_PASSPHRASE_ROW, _RECOVERY_KEY_ROW = 0, 1






class UnlockDialog(QDialog):
    """Unlocks the journal at ``paths``; after it is accepted, ``journal`` is open.

    The caller owns the journal and closes it.

    Signals: only QDialog's own (``accepted``, ``rejected``, ``finished``); ``work.done``
    says an unlock attempt has ended (the dialog accepted, or why not shown).
    """

    def __init__(
        self,
        paths: JournalPaths,
        parent: QWidget | None = None,
        *,
        reason: str | None = None,
        notes: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setWindowTitle(WINDOW_TITLE)
        self.setWindowIcon(app_icon())
        self._paths = paths
        self._journal: Journal | None = None
        #: After a recovery-key unlock of a passphrase journal: the offer of a new one.
        self.passphrase_dialog: ChangePassphraseDialog | None = None
        prepared, prepare_error = self._prepare(paths)
        notes = [*notes, *prepared]  # ``notes``: what the caller settled before
        self._keyring_journal, mode_error = self._read_key_mode(paths)
        mode_error = prepare_error or mode_error
        # A keyring journal that reached this dialog could not get its key from the keyring:
        # the recovery key is the only thing that can open it.
        self._recovery_only = reason is not None or self._keyring_journal
        self._using_recovery_key = self._recovery_only

        self.intro_label = QLabel()
        self.intro_label.setObjectName("unlockIntro")
        self.intro_label.setWordWrap(True)
        self.reason_label = QLabel(as_sentence(reason or KEYRING_REASON))
        self.reason_label.setObjectName("unlockReason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet("font-weight: bold;")
        self.reason_label.setVisible(self._recovery_only)
        self.note_label = QLabel(" ".join(as_sentence(note) for note in notes))
        self.note_label.setObjectName("unlockNote")
        self.note_label.setWordWrap(True)
        self.note_label.setVisible(bool(notes))

        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setObjectName("unlockPassphrase")
        self.passphrase_edit.setAccessibleName("Passphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_passphrase = QCheckBox(SHOW_PASSPHRASE)
        self.show_passphrase.setObjectName("unlockShowPassphrase")
        self.show_passphrase.setAccessibleName("Show passphrase")
        self.show_passphrase.toggled.connect(self._on_show_toggled)

        self.recovery_key_edit = QLineEdit()
        self.recovery_key_edit.setObjectName("unlockRecoveryKey")
        self.recovery_key_edit.setAccessibleName("Recovery key")
        self.recovery_key_edit.setPlaceholderText(RECOVERY_KEY_PLACEHOLDER)
        self.recovery_key_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.recovery_key_edit.setMinimumWidth(
            self.recovery_key_edit.fontMetrics().horizontalAdvance(RECOVERY_KEY_PLACEHOLDER) + 16
        )

        self.switch_button = QPushButton(USE_RECOVERY_KEY)
        self.switch_button.setObjectName("unlockUseRecoveryKey")
        self.switch_button.setAccessibleName(USE_RECOVERY_KEY)
        self.switch_button.setFlat(True)
        self.switch_button.setAutoDefault(False)  # Enter must unlock, not switch
        self.switch_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.switch_button.setStyleSheet(
            "QPushButton { color: palette(link); text-decoration: underline; border: none;"
            " padding: 2px 0px; text-align: left; }"
        )
        self.switch_button.clicked.connect(self._on_switch)
        self.switch_button.setVisible(not self._recovery_only)

        self.error_label = inline_error_label("unlockError")

        self.buttons = QDialogButtonBox()
        self.unlock_button = self.buttons.addButton(UNLOCK, QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setAccessibleName("Unlock")
        self.unlock_button.setDefault(True)
        self.quit_button = self.buttons.addButton(QUIT, QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.setObjectName("unlockQuit")
        self.quit_button.setAccessibleName("Quit")
        self.unlock_button.clicked.connect(self.try_unlock)
        self.quit_button.clicked.connect(self.reject)

        icon = Picture()
        icon.setObjectName("unlockIcon")
        icon.setPixmap(app_icon().pixmap(QSize(ICON_SIZE, ICON_SIZE), self.devicePixelRatioF()))
        heading = QLabel(HEADING)
        heading.setObjectName("unlockHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        heading.setFont(font)
        header = QHBoxLayout()
        header.addWidget(icon)
        header.addSpacing(8)
        header.addWidget(heading, 1)

        self.passphrase_label = QLabel(PASSPHRASE_LABEL)
        self.passphrase_label.setBuddy(self.passphrase_edit)
        self.recovery_key_label = QLabel(RECOVERY_KEY_LABEL)
        self.recovery_key_label.setBuddy(self.recovery_key_edit)
        passphrase_row = QHBoxLayout()
        passphrase_row.addWidget(self.passphrase_edit, 1)
        passphrase_row.addWidget(self.show_passphrase)
        self.form = QFormLayout()
        self.form.addRow(self.passphrase_label, passphrase_row)
        self.form.addRow(self.recovery_key_label, self.recovery_key_edit)
        # Room for a two-line message, kept even when there is none: the dialog must not
        # jump (or squeeze its fields) when an error appears.
        self.error_label.setMinimumHeight(self.error_label.fontMetrics().lineSpacing() * 2 + 4)
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.form.addRow("", self.error_label)
        self.busy = BusyIndicator()
        self.work = BusyWork(self, self.busy, [
            self.passphrase_edit, self.show_passphrase, self.recovery_key_edit,
            self.switch_button, self.unlock_button, self.quit_button,
        ])

        layout = self._column = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addSpacing(4)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.intro_label)
        layout.addSpacing(6)
        layout.addLayout(self.form)
        layout.addWidget(self.switch_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(MIN_WIDTH)

        self._apply_mode()
        self._set_minimum_height()
        if mode_error:
            self._show_error(mode_error)

    @property
    def journal(self) -> Journal | None:
        """The unlocked journal once the dialog is accepted; None before."""
        return self._journal

    @property
    def using_recovery_key(self) -> bool:
        return self._using_recovery_key

    def try_unlock(self) -> None:
        """Unlock with what was typed, off the GUI thread; accept on success, show why not
        otherwise (``work.done`` follows either)."""
        if self.work.is_busy():
            return
        secret = self._active_field().text()
        using_key = self._using_recovery_key
        if not secret.strip():
            self._show_error(EMPTY_RECOVERY_KEY if using_key else EMPTY_PASSPHRASE)
            return
        paths = self._paths

        def unlock() -> Journal:  # on a pool thread: no widget here
            if using_key:
                return journal_access.unlock(paths, recovery_key=secret)
            return journal_access.unlock(paths, passphrase=secret)

        self._clear_error()
        self.work.run(
            UNLOCKING,
            unlock,
            lambda journal: self._unlocked(journal, secret, using_key),
            self._unlock_failed,
            discard=Journal.close,  # the dialog was closed meanwhile: nobody takes it
        )

    def reject(self) -> None:
        # Quit, Escape or the window's close while unlocking: wait for it (about a second)
        # and close the journal it opened; the user asked to leave.
        self.work.abandon()
        self.passphrase_edit.clear()
        self.recovery_key_edit.clear()
        super().reject()

    def _unlocked(self, journal: Journal, secret: str, using_key: bool) -> None:
        if using_key:
            try:
                if self._keyring_journal:
                    self._restore_keyring(secret)
                else:
                    self._offer_new_passphrase(secret)
            except BaseException:
                journal.close()  # a bug here must not leave the database open behind us
                raise
        self._journal = journal
        self.passphrase_edit.clear()
        self.recovery_key_edit.clear()
        self.accept()

    def _unlock_failed(self, error: BaseException) -> None:
        if not isinstance(error, USER_ERRORS):
            raise error  # our bug: the app's exception hook reports it
        self._show_error(as_sentence(str(error)))

    # -- internals -----------------------------------------------------------------------

    @staticmethod
    def _prepare(paths: JournalPaths) -> tuple[list[str], str]:
        """What was settled before unlocking (notes to show), or why it could not be."""
        try:
            return journal_access.prepare(paths), ""
        except USER_ERRORS as error:
            return [], as_sentence(str(error))

    @staticmethod
    def _read_key_mode(paths: JournalPaths) -> tuple[bool, str]:
        """Whether the journal keeps its key in the keyring; and an error to show, if any.

        A damaged key file is reported here and again by the unlock attempt; the dialog
        still opens so the user sees the message rather than nothing.
        """
        try:
            return journal_access.key_mode(paths) == "keyring", ""
        except USER_ERRORS as error:
            return False, as_sentence(str(error))

    def _restore_keyring(self, recovery_key: str) -> None:
        """Put the key back into the keyring, so the next start needs nothing typed."""
        if not journal_access.keyring_available():
            return  # nowhere to put it: the recovery key stays the way in on this computer
        try:
            key = journal_access.unlock_key(self._paths, recovery_key=recovery_key)
            journal_access.use_keyring(self._paths, key=key)
        except USER_ERRORS as error:
            # The journal is open; failing to restore the keyring must not lock the user out.
            QMessageBox.warning(
                self,
                KEYRING_NOT_RESTORED_TITLE,
                KEYRING_NOT_RESTORED.format(error=as_sentence(str(error))),
            )

    def _offer_new_passphrase(self, recovery_key: str) -> None:
        """The passphrase was forgotten (why else use the recovery key?): offer a new one,
        so the next start does not need the recovery key again. "Later" keeps the old."""
        try:
            with wait_cursor():
                key = journal_access.unlock_key(self._paths, recovery_key=recovery_key)
        except USER_ERRORS:
            return  # it unlocked a moment ago; if the key file changed since, skip the offer
        self.passphrase_dialog = ChangePassphraseDialog(self._paths, self, key=key)
        self.passphrase_dialog.exec()

    def _active_field(self) -> QLineEdit:
        return self.recovery_key_edit if self._using_recovery_key else self.passphrase_edit

    def _apply_mode(self) -> None:
        self._show_rows(self._using_recovery_key)
        self._clear_error()
        self._active_field().setFocus()

    def _show_rows(self, using_key: bool) -> None:
        self.intro_label.setText(RECOVERY_INTRO if using_key else PASSPHRASE_INTRO)
        self.form.setRowVisible(_PASSPHRASE_ROW, not using_key)
        self.form.setRowVisible(_RECOVERY_KEY_ROW, using_key)
        self.switch_button.setText(USE_PASSPHRASE if using_key else USE_RECOVERY_KEY)
        self.switch_button.setAccessibleName(self.switch_button.text())

    def _set_minimum_height(self) -> None:
        """One minimum height for both modes, measured up front.

        Left to the layout, the window's minimum would change whenever the mode switches
        or a message wraps differently; the window then jumps (and platforms that cannot
        pass size hints to the window warn).
        """
        layout = self._column
        heights = []
        for using_key in (True,) if self._recovery_only else (False, True):
            self._show_rows(using_key)
            layout.invalidate()
            heights.append(
                max(layout.totalHeightForWidth(MIN_WIDTH), layout.totalMinimumSize().height())
            )
        self._show_rows(self._using_recovery_key)
        self.setMinimumHeight(max(heights))

    def _fit_contents(self) -> None:
        """Grow (never shrink) to show a message longer than the room kept for it."""
        if not self.isVisible():
            return  # the first show sizes the dialog to its contents anyway
        needed = self._column.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _on_switch(self) -> None:
        self._using_recovery_key = not self._using_recovery_key
        self._apply_mode()

    def _on_show_toggled(self, shown: bool) -> None:
        self.passphrase_edit.setEchoMode(
            QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        )

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setAccessibleDescription(message)
        field = self._active_field()
        # Screen readers announce a field's description on focus: the error goes with it.
        field.setAccessibleDescription(message)
        field.selectAll()
        field.setFocus()
        self._fit_contents()

    def _clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.setAccessibleDescription("")
        self.passphrase_edit.setAccessibleDescription("")
        self.recovery_key_edit.setAccessibleDescription("")
