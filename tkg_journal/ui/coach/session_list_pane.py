"""The left side of the Coach sessions section: what happened since the last session,
"New session", "Export summary…" and the sessions, newest first, two lines a row."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QVBoxLayout, QWidget

from tkg_journal.ui.coach import session_texts as texts
from tkg_journal.ui.coach.session_list_model import SessionListModel
from tkg_journal.ui.coach.session_row_delegate import SessionRowDelegate
from tkg_journal.ui.common.master_detail import (
    LIST_PANE_MARGINS,
    EmptyTextListView,
    section_button,
)
from tkg_journal.ui.common.value_label import ValueLabel


class SessionListPane(QWidget):
    """Signals:
    new_requested(): "New session".
    export_requested(): "Export summary…".
    """

    new_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionListPane")
        self.header = ValueLabel(texts.HEADER_ACCESSIBLE_NAME)
        self.header.setObjectName("sessionHeader")
        self.header.setWordWrap(True)
        self.new_button = section_button(
            "sessionNew",
            texts.NEW_BUTTON,
            texts.NEW_TOOLTIP,
            self.new_requested.emit,
            "new-entry",
        )
        self.export_button = section_button(
            "sessionExport",
            texts.EXPORT_BUTTON,
            texts.EXPORT_TOOLTIP,
            self.export_requested.emit,
            "share",
        )
        self.model = SessionListModel(self)
        self.list = EmptyTextListView()
        self.list.setObjectName("sessionList")
        self.list.setAccessibleName(texts.LIST_ACCESSIBLE_NAME)
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setAlternatingRowColors(True)
        self.list.setItemDelegate(SessionRowDelegate(self.list))
        self.list.setUniformItemSizes(True)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*LIST_PANE_MARGINS)
        layout.addWidget(self.header)
        layout.addLayout(buttons)
        layout.addWidget(self.list, 1)

    def set_open(self, journal_open: bool) -> None:
        """The buttons work, and an empty list explains itself, only with a journal."""
        self.new_button.setEnabled(journal_open)
        self.export_button.setEnabled(journal_open)
        self.list.empty_text = texts.EMPTY_LIST if journal_open else ""
