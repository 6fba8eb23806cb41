"""Help > Keyboard shortcuts: every action of the window with its keys, from the actions
themselves (so the list cannot drift from what the keys do)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.ui.common.object_name import named


class ShortcutsDialog(QDialog):
    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.model = QStandardItemModel(0, 2, self)
        self.model.setHorizontalHeaderLabels(["Action", "Keys"])
        for action in actions:
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if not keys:
                continue
            row = [QStandardItem(action.text().replace("&", "").rstrip(".…")), QStandardItem(keys)]
            for item in row:
                item.setEditable(False)
            self.model.appendRow(row)
        view = named(QTableView(), "shortcutsTable")
        view.setModel(self.model)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)
        self.resize(420, 480)
