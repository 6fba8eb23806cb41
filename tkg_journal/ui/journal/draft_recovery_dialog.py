"""Offers back writing that was not saved when the app last stopped (crash, kill, power)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.drafts import EntryDraft
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.window_fit import fit_to_screen

HEADING = "Unsaved writing was found"
TEXT = (
    "TKG Journal stopped before this writing was saved. It was kept encrypted. "
    "Restore it to go on writing, or discard it."
)
DraftRole = Qt.ItemDataRole.UserRole + 1


def describe(draft: EntryDraft) -> str:
    first = next(
        (t for t in (draft.title, draft.who, draft.what_happened, draft.body, draft.feeling) if t),
        "",
    ).strip().splitlines()
    when = draft.occurred_at.astimezone()
    what = "Changes to an entry" if draft.entry_id is not None else draft.kind.label
    return f"{what}, {when.day} {when:%b %Y %H:%M}: {first[0][:80] if first else '(no text)'}"


class DraftRecoveryDialog(QDialog):
    """Lists drafts; ``chosen`` is set to ``(draft_id, draft)`` when one is restored, and
    ``discarded`` holds the ids the user chose to throw away."""

    def __init__(self, drafts: list[tuple[int, EntryDraft]], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("draftRecoveryDialog")
        self.setWindowTitle("Recover unsaved writing")
        self.chosen: tuple[int, EntryDraft] | None = None
        self.discarded: list[int] = []
        heading = QLabel(f"<b>{HEADING}</b>")
        text = QLabel(TEXT, wordWrap=True)
        self.model = QStandardItemModel(self)
        for draft_id, draft in drafts:
            item = QStandardItem(describe(draft))
            item.setData((draft_id, draft), DraftRole)
            item.setEditable(False)
            self.model.appendRow(item)
        self.view = named(QListView(), "draftList")
        self.view.setAccessibleName("Unsaved drafts")
        self.view.setModel(self.model)
        self.view.setCurrentIndex(self.model.index(0, 0))
        buttons = QDialogButtonBox()
        self.restore_button = named(QPushButton("&Restore"), "restoreDraft")
        self.discard_button = named(QPushButton("&Discard"), "discardDraft")
        self.later_button = named(QPushButton("&Later"), "laterDraft")
        self.restore_button.setDefault(True)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.restore_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.later_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(520, 300))

    def _selected(self) -> tuple[int, EntryDraft] | None:
        index = self.view.currentIndex()
        return index.data(DraftRole) if index.isValid() else None

    def restore_selected(self) -> None:
        self.chosen = self._selected()
        if self.chosen is not None:
            self.accept()

    def discard_selected(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        self.discarded.append(selected[0])
        self.model.removeRow(self.view.currentIndex().row())
        if self.model.rowCount() == 0:
            self.reject()
        else:
            self.view.setCurrentIndex(self.model.index(0, 0))
