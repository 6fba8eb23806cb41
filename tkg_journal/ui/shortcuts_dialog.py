"""Help > Keyboard shortcuts (F1): the window's keys in groups (Writing, Navigation,
Experiments…) and the keys that work inside dialogs, with a field that filters as you type.

The window's keys are read from its actions, so the list cannot drift from what the keys
do; ``main_actions.SHORTCUT_GROUPS`` says which group each belongs to. The list is a tree
(a group, its shortcuts beneath) over a filter proxy; a screen reader hears each row as
"what it does, keys" and each group with how many it holds.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.ui import main_actions as acts
from tkg_journal.ui.common.clear_button import enable_clear_button
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.window_fit import fit_to_screen

TITLE = "Keyboard shortcuts"
FILTER_PLACEHOLDER = "Filter: type a word or a key, e.g. experiment or Ctrl+E"
FILTER_NAME = "Filter shortcuts"
LIST_NAME = "Keyboard shortcuts by group"
NOTHING_MATCHES = "No shortcut matches “{text}”."
HEADERS = ("What it does", "Keys")
OTHER_GROUP = "Other"
DIALOGS_GROUP = "In dialogs"
#: Keys that work inside dialogs (no window action carries them): (keys, what they do).
IN_DIALOGS: tuple[tuple[str, str], ...] = (
    ("Alt+underlined letter", "Go to that field, or press that button"),
    ("Tab / Shift+Tab", "Next field / previous field"),
    ("Esc", "Close without saving"),
    ("Ctrl+Enter", "Save from any field (experiment, attempt, rating)"),
    ("Y / P / N", "Log attempt: answer “Did you try it?” (yes, partly, no)"),
    ("Enter", "Log attempt: log it once “Did you try it?” is answered"),
    ("Left / Right", "Log attempt: choose within a row of buttons"),
    ("F2", "Friction behaviours: rename the selected behaviour"),
    ("Delete", "Friction behaviours: archive or unarchive the selected behaviour"),
)


def _plain(text: str) -> str:
    """Menu text as a sentence: no ``&`` mnemonic marker, no trailing dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…")


def _submenu_titles() -> dict[str, str]:
    """objectName -> the title of the submenu it sits in (for "New entry of kind: …")."""
    titles: dict[str, str] = {}
    for _title, items in acts.MENUS:
        for item in items:
            if isinstance(item, acts.Submenu):
                titles.update({spec.name: _plain(item.title) for spec in item.actions})
    return titles


class ShortcutsDialog(QDialog):
    """The shortcuts of ``actions`` (the window's) by group, then the keys of dialogs.

    No signals of its own.
    """

    def __init__(self, actions: Iterable[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.model = QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels(list(HEADERS))
        self._fill(list(actions))

        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)  # what it does, or its keys
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setRecursiveFilteringEnabled(True)  # a match keeps its group
        self.proxy.setAutoAcceptChildRows(True)  # a matching group keeps its shortcuts

        self.filter_edit = named(QLineEdit(), "shortcutsFilter")
        self.filter_edit.setPlaceholderText(FILTER_PLACEHOLDER)
        self.filter_edit.setAccessibleName(FILTER_NAME)
        enable_clear_button(self.filter_edit, "the filter")
        self.filter_edit.textChanged.connect(self._filter)
        self.filter_edit.installEventFilter(self)

        self.tree = named(QTreeView(), "shortcutsTree")
        self.tree.setModel(self.proxy)
        self.tree.setAccessibleName(LIST_NAME)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.expandAll()

        self.empty_label = named(QLabel(wordWrap=True), "shortcutsNothingMatches")
        self.empty_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)
        fit_to_screen(self, QSize(560, 500))  # less on a small screen; the list scrolls
        self.filter_edit.setFocus()

    # --- the model -----------------------------------------------------------------------
    def _fill(self, actions: list[QAction]) -> None:
        by_name = {action.objectName(): action for action in actions if _keys(action)}
        in_submenu = _submenu_titles()
        for group, specs in acts.SHORTCUT_GROUPS:
            rows = [by_name.pop(spec.name) for spec in specs if spec.name in by_name]
            self._add_group(group, [(_what(a, in_submenu), _keys(a)) for a in rows])
        # Keys no group names still show (and the test of the groups notices them).
        self._add_group(OTHER_GROUP, [(_what(a, in_submenu), _keys(a)) for a in by_name.values()])
        self._add_group(DIALOGS_GROUP, [(what, keys) for keys, what in IN_DIALOGS])

    def _add_group(self, title: str, rows: list[tuple[str, str]]) -> None:
        if not rows:
            return
        group = QStandardItem(title)
        font = group.font()
        font.setBold(True)
        group.setFont(font)
        count = "1 shortcut" if len(rows) == 1 else f"{len(rows)} shortcuts"
        group.setData(f"{title}, {count}", Qt.ItemDataRole.AccessibleTextRole)
        filler = QStandardItem()
        for item in (group, filler):
            item.setEditable(False)
            item.setSelectable(False)
        for what, keys in rows:
            row = [QStandardItem(what), QStandardItem(keys)]
            for item in row:
                item.setEditable(False)
                item.setData(f"{what}: {keys}", Qt.ItemDataRole.AccessibleTextRole)
                item.setToolTip(f"{what}: {keys}")  # the whole of it, in a narrow window
            group.appendRow(row)
        self.model.appendRow([group, filler])

    # --- filtering -----------------------------------------------------------------------
    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()  # rows the filter brings back come back open
        nothing = self.proxy.rowCount() == 0
        self.empty_label.setText(NOTHING_MATCHES.format(text=text.strip()) if nothing else "")
        self.empty_label.setVisible(nothing)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down (or Enter) from the filter goes to the first shortcut it left.
        if (
            watched is self.filter_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.proxy.rowCount()
        ):
            group = self.proxy.index(0, 0)
            first = self.proxy.index(0, 0, group) if self.proxy.rowCount(group) else group
            self.tree.setCurrentIndex(first)
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)


def _keys(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)


def _what(action: QAction, in_submenu: dict[str, str]) -> str:
    what = _plain(action.text())
    submenu = in_submenu.get(action.objectName())
    return f"{submenu}: {what}" if submenu else what
