"""Quitting with an entry that cannot be saved: keep it as an encrypted draft, discard it,
or stay (the main window asks this before it closes the journal).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from tkg_journal import APP_NAME
from tkg_journal.ui.journal.journal_view import JournalView

UNSAVED_QUESTION = (
    "This entry could not be saved yet ({reason}). Keep it as an encrypted draft to "
    "finish later, or discard it?"
)


def keep_writing_before_close(
    view: JournalView, parent: QWidget, run_dialog: Callable[[QDialog], int]
) -> bool:
    """Save the open entry, or ask what to do with it; True when closing may go on.

    ``run_dialog`` runs the question (the window's, which tests replace).
    """
    if not view.editor.is_modified():
        return True
    if view.save() is not None or not view.has_unsaved_writing():
        return True
    try:
        view.editor.draft().to_entry()
        reason = "it could not be written"
    except Exception as error:  # the validation message is the reason
        reason = str(error)
    box = QMessageBox(
        QMessageBox.Icon.Question, APP_NAME, UNSAVED_QUESTION.format(reason=reason), parent=parent
    )
    keep = box.addButton("Keep as draft", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    run_dialog(box)
    if box.clickedButton() is keep:
        return view.autosave.write_draft()
    if box.clickedButton() is discard:
        view.discard_unsaved()
        return True
    return False
