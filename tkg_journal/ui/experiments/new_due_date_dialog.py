"""Ask for a new due date when an experiment is started after its due date has passed."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.ui.common.journal_dates import from_qdate, limit_to_journal_range, to_qdate
from tkg_journal.ui.experiments import experiment_texts as texts

#: The date offered first: two weeks is a common span for trying a new response.
DEFAULT_SPAN = timedelta(days=14)


class NewDueDateDialog(QDialog):
    """A date from ``today`` on, to start an experiment whose due date has passed.

    Signals: none beyond QDialog's; read :meth:`chosen_date` after it was accepted.
    """

    def __init__(self, old_due: date, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newDueDateDialog")
        self.setWindowTitle(texts.DUE_DIALOG_TITLE)
        self.setAccessibleName(texts.DUE_DIALOG_TITLE)
        message = QLabel(texts.DUE_DIALOG_TEXT.format(due=texts.day_text(old_due)), self)
        message.setObjectName("newDueDateMessage")
        message.setWordWrap(True)
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("newDueDate")
        self.date_edit.setAccessibleName(texts.plain(texts.DUE_DIALOG_LABEL))
        self.date_edit.setCalendarPopup(True)
        limit_to_journal_range(self.date_edit)
        self.date_edit.setDisplayFormat("d MMM yyyy")
        self.date_edit.setMinimumDate(to_qdate(today))
        self.date_edit.setDate(to_qdate(today + DEFAULT_SPAN))
        label = QLabel(texts.DUE_DIALOG_LABEL, self)
        label.setBuddy(self.date_edit)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.setObjectName("newDueDateButtons")
        start = buttons.addButton(
            texts.plain(texts.DUE_DIALOG_START), QDialogButtonBox.ButtonRole.AcceptRole
        )
        start.setObjectName("newDueDateStart")
        start.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)

        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.date_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.addWidget(message)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
        self.date_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen_date(self) -> date:
        return from_qdate(self.date_edit.date())
