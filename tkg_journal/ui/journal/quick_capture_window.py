"""Quick capture (Ctrl+Shift+N): a small window for a difficult conversation, in a minute.

Right after a hard conversation there is a minute, not ten: this window asks only who,
what happened, what I felt and how strongly, and the level. It opens on "Who", saves with
Ctrl+S or Ctrl+Enter, and keeps an encrypted draft while it is open like the main editor
does. "More…" carries the writing over to the full entry in the main window (the other
questions, the title, tags), as the same draft: nothing is written twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.drafts import EntryDraft
from tkg_journal.domain.entries import EntryKind
from tkg_journal.domain.errors import ValidationError
from tkg_journal.services.journal import Journal
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.window_fit import fit_to_screen
from tkg_journal.ui.journal.entry_autosave import EntryAutosave
from tkg_journal.ui.journal.entry_editor import EntryEditor

TITLE = "Quick capture"
HINT = "A difficult conversation, in a minute. Ctrl+S saves; More… opens the whole entry."
CLOSE_QUESTION = "Save this conversation before closing?"
MORE_BUTTON = "&More…"
MORE_TOOLTIP = "Continue in the full entry: my response, the impact, what I'd try next, tags"


class QuickCaptureWindow(QWidget):
    """Signals:
        saved(Entry): the conversation was saved into the journal.
        error(object): a storage error to show.
        more(object, object): "More…": continue in the full editor with this draft
            (``EntryDraft``) and its stored draft's id (``int``, or ``None`` when
            nothing was written yet). The window has closed.
    """

    saved = Signal(object)
    error = Signal(object)
    more = Signal(object, object)

    def __init__(self, journal: Callable[[], Journal | None], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("quickCaptureWindow")
        self.setWindowTitle(TITLE)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor = EntryEditor(quick=True)
        # Drafts keep the writing safe; the entry is saved when the user says so.
        self.autosave = EntryAutosave(self.editor, journal, self, autosave=False)
        self.autosave.failed.connect(self.error)
        hint = named(QLabel(HINT), "quickCaptureHint")
        buttons = QDialogButtonBox()
        self.more_button = named(QPushButton(MORE_BUTTON), "quickCaptureMore")
        self.more_button.setToolTip(MORE_TOOLTIP)
        self.more_button.setAutoDefault(False)
        self.more_button.clicked.connect(self.continue_in_editor)
        self.save_button = named(QPushButton("&Save"), "quickCaptureSave")
        self.save_button.setDefault(True)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("quickCaptureCancel")
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.close)
        for keys in (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return")):
            QShortcut(keys, self, self.save)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        # "More…" on the left, apart from the buttons that end the capture.
        bottom = QHBoxLayout()
        bottom.addWidget(self.more_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.editor, 1)
        layout.addLayout(bottom)
        fit_to_screen(self, QSize(480, 380))
        self.editor.new_entry(EntryKind.CONVERSATION, datetime.now().astimezone())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.editor.focus_first_field()

    def save(self) -> bool:
        """Save and close; on a problem the window stays open and says why."""
        if not self._save_entry():
            return False
        self.close()
        return True

    def continue_in_editor(self) -> None:
        """"More…": keep the writing as a draft, close, and hand it to the main window.
        If the draft cannot be written the window stays open (the error is shown)."""
        self.autosave.stop()
        draft = self.editor.draft()
        if not self.autosave.write_draft():
            return
        draft_id = self.autosave.draft_id
        self.editor.set_modified(False)  # it is the main window's writing now
        self.close()
        self.more.emit(draft, draft_id)

    def _save_entry(self) -> bool:
        entry = self.autosave.save(explicit=True)
        if entry is None:
            return False
        self.saved.emit(entry)
        return True

    # --- the lock (through the main window's UnsavedInput registry) -----------------------
    def held_input(self) -> dict[str, Any]:
        """What the window holds, for a window draft: the editor's draft."""
        return {"draft": self.editor.draft().to_json()}

    def give_back_input(self, fields: Mapping[str, Any]) -> None:
        """Reopened after unlocking: the writing as it was, still unsaved."""
        try:
            draft = EntryDraft.from_json(str(fields.get("draft", "")))
        except ValidationError:
            return  # a damaged draft: the window opens empty rather than not at all
        self.editor.load(draft)
        self.editor.set_modified(True)

    def close_for_lock(self) -> None:
        """Locking or quitting: the registry kept the writing; close without asking."""
        self.autosave.stop()
        self.editor.clear()
        self.editor.set_modified(False)
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.editor.is_modified() and self.editor.draft().has_writing():
            answer = QMessageBox.question(
                self, TITLE, CLOSE_QUESTION,
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel or (
                answer == QMessageBox.StandardButton.Save and not self._save_entry()
            ):
                event.ignore()
                return
            if answer == QMessageBox.StandardButton.Discard:
                self.autosave.discard()
        self.autosave.stop()
        event.accept()
