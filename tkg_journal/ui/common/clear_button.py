"""The clear button inside a one-line field, with a name a screen reader can say.

``QLineEdit.setClearButtonEnabled`` adds an unnamed tool button: announced as "button"
and nothing else. Here it is "Clear" followed by what the field holds.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QToolButton

CLEAR_NAME = "Clear {what}"


def enable_clear_button(edit: QLineEdit, what: str) -> None:
    """Show the clear button in ``edit`` and name it "Clear ``what``"."""
    edit.setClearButtonEnabled(True)
    for button in edit.findChildren(QToolButton):
        button.setAccessibleName(CLEAR_NAME.format(what=what))
        button.setToolTip(CLEAR_NAME.format(what=what))
