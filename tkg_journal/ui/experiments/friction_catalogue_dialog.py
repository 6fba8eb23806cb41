"""The catalogue of friction behaviours: add, rename, re-map to another root level,
archive and bring back.

Everything works from the keyboard: F2 (or "Rename") edits the name in place, "Change
level" opens the level column's combo, Space or Delete archives, and the "New behaviour"
field adds with Enter. A refused change (a name already in the catalogue) is explained
under the table and nothing is changed.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.friction import FrictionBehaviour
from tkg_journal.domain.levels import Level
from tkg_journal.services.experiments import Experiments
from tkg_journal.ui.common.level_badge import level_badge_icon
from tkg_journal.ui.common.messages import error_colour
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.unsaved_input import keeps_input
from tkg_journal.ui.common.window_fit import fit_to_screen
from tkg_journal.ui.experiments import experiment_texts as texts
from tkg_journal.ui.experiments.friction_model import (
    ARCHIVED_COLUMN,
    LEVEL_COLUMN,
    NAME_COLUMN,
    FrictionModel,
)

_Index = QModelIndex | QPersistentModelIndex


def fill_level_combo(combo: QComboBox) -> None:
    """The five levels, bottom-up, each with its badge; item data is the rank (int)."""
    for level in Level:
        combo.addItem(level_badge_icon(level), level.label(), int(level))
        combo.setItemData(combo.count() - 1, level.focus, Qt.ItemDataRole.ToolTipRole)


class _LevelEditor(QComboBox):
    """The level cell's editor; remembers whether its list was opened, because a choice
    from the list is final (commit at once) while arrow keys only browse (Enter commits)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.popup_used = False

    def showPopup(self) -> None:
        self.popup_used = True
        super().showPopup()


class LevelComboDelegate(QStyledItemDelegate):
    """Edits a level cell with a combo of the five levels: Enter (or leaving the cell)
    commits; a choice made in the open list commits at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        combo = _LevelEditor(parent)
        combo.setObjectName("frictionLevelEditor")
        combo.setAccessibleName("Root level")
        fill_level_combo(combo)
        combo.activated.connect(lambda _row: self._chosen(combo))
        return combo

    def _chosen(self, combo: _LevelEditor) -> None:
        if combo.popup_used:
            self.commitData.emit(combo)
            self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class FrictionCatalogueDialog(QDialog):
    """The catalogue editor; changes are stored as they are made (Close just closes).

    No signals of its own.
    """

    def __init__(self, service: Experiments, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("frictionCatalogueDialog")
        self.setWindowTitle(texts.FRICTION_TITLE)
        self.setAccessibleName(texts.FRICTION_TITLE)
        self.model = FrictionModel(service, self)
        self.model.error.connect(self._show_error)

        explainer = named(QLabel(texts.FRICTION_EXPLAINER, wordWrap=True), "frictionExplainer")
        self.show_archived = named(QCheckBox(texts.FRICTION_SHOW_ARCHIVED), "frictionShowArchived")
        self.show_archived.setAccessibleName("Show archived behaviours")
        self.show_archived.toggled.connect(self._set_show_archived)

        self.table = named(QTableView(), "frictionTable")
        self.table.setAccessibleName(texts.FRICTION_TABLE_NAME)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(LEVEL_COLUMN, LevelComboDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(LEVEL_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ARCHIVED_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setHighlightSections(False)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.model.dataChanged.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._update_buttons)
        QShortcut(
            QKeySequence(Qt.Key.Key_Delete),
            self.table,
            self.toggle_archived,
            context=Qt.ShortcutContext.WidgetShortcut,
        )

        self.rename_button = self._button(
            "frictionRename", texts.FRICTION_RENAME, "Rename behaviour", self.rename_current
        )
        self.remap_button = self._button(
            "frictionRemap", texts.FRICTION_REMAP, "Change root level", self.remap_current
        )
        self.archive_button = self._button(
            "frictionArchive", texts.FRICTION_ARCHIVE, "Archive behaviour", self.toggle_archived
        )
        side = QVBoxLayout()
        side.addWidget(self.rename_button)
        side.addWidget(self.remap_button)
        side.addWidget(self.archive_button)
        side.addStretch(1)
        side.addWidget(self.show_archived)

        self.new_name = named(QLineEdit(), "frictionNewName")
        self.new_name.setAccessibleName("New behaviour's name")
        self.new_name.setPlaceholderText(texts.FRICTION_NEW_PLACEHOLDER)
        self.new_name.returnPressed.connect(self.add)
        self.new_level = named(QComboBox(), "frictionNewLevel")
        self.new_level.setAccessibleName("New behaviour's root level")
        fill_level_combo(self.new_level)
        self.add_button = self._button("frictionAdd", texts.FRICTION_ADD, "Add behaviour", self.add)
        name_label = QLabel(texts.FRICTION_NEW_NAME)
        name_label.setBuddy(self.new_name)
        level_label = QLabel(texts.FRICTION_NEW_LEVEL)
        level_label.setBuddy(self.new_level)
        adder = QHBoxLayout()
        adder.addWidget(name_label)
        adder.addWidget(self.new_name, 1)
        adder.addWidget(level_label)
        adder.addWidget(self.new_level)
        adder.addWidget(self.add_button)

        self.message_label = named(QLabel(wordWrap=True), "frictionError")
        self.message_label.setAccessibleName("Problem")
        self.message_label.hide()

        buttons = QDialogButtonBox()
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("frictionClose")
        close.setAccessibleName("Close")
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)

        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(explainer)
        layout.addLayout(middle, 1)
        layout.addLayout(adder)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        keeps_input(self, "friction_catalogue")  # a behaviour's name being typed

        for first, second in pairwise(
            [
                self.table,
                self.rename_button,
                self.remap_button,
                self.archive_button,
                self.show_archived,
                self.new_name,
                self.new_level,
                self.add_button,
                close,
            ]
        ):
            QWidget.setTabOrder(first, second)

        fit_to_screen(self, QSize(640, 520))
        self._select_row(0)
        self._update_buttons()

    def _button(
        self, name: str, text: str, accessible: str, slot: Callable[[], object]
    ) -> QPushButton:
        button = named(QPushButton(text), name)
        button.setAccessibleName(accessible)
        # No default button: Enter in the table must not add or close anything.
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # --- selection -------------------------------------------------------------------------
    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    def current_behaviour(self) -> FrictionBehaviour | None:
        row = self.current_row()
        return self.model.behaviour(row) if 0 <= row < self.model.rowCount() else None

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, NAME_COLUMN))
            self.table.scrollTo(self.model.index(row, NAME_COLUMN))

    def _update_buttons(self, *_args: object) -> None:
        behaviour = self.current_behaviour()
        for button in (self.rename_button, self.remap_button, self.archive_button):
            button.setEnabled(behaviour is not None)
        archived = behaviour is not None and behaviour.archived
        self.archive_button.setText(
            texts.FRICTION_UNARCHIVE if archived else texts.FRICTION_ARCHIVE
        )
        self.archive_button.setAccessibleName(
            "Unarchive behaviour" if archived else "Archive behaviour"
        )

    # --- commands --------------------------------------------------------------------------
    def rename_current(self) -> None:
        row = self.current_row()
        if row >= 0:
            self._clear_message()
            self.table.setFocus()
            self.table.edit(self.model.index(row, NAME_COLUMN))

    def remap_current(self) -> None:
        row = self.current_row()
        if row >= 0:
            self._clear_message()
            index = self.model.index(row, LEVEL_COLUMN)
            self.table.setFocus()
            self.table.setCurrentIndex(index)
            self.table.edit(index)

    def toggle_archived(self) -> None:
        behaviour = self.current_behaviour()
        if behaviour is None:
            return
        self._clear_message()
        row = self.current_row()
        if self.model.set_archived(row, not behaviour.archived):
            self._select_row(min(row, self.model.rowCount() - 1))
            self._update_buttons()

    def add(self) -> FrictionBehaviour | None:
        name = self.new_name.text()
        if not name.strip():
            self._show_error(texts.FRICTION_EMPTY_NAME)
            self.new_name.setFocus()
            return None
        level = Level(int(self.new_level.currentData()))
        self._clear_message()
        added = self.model.add(name, level)
        if added is None or added.id is None:
            self.new_name.setFocus()
            self.new_name.selectAll()
            return None
        self.new_name.clear()
        self._select_row(self.model.row_of(added.id))
        self.new_name.setFocus()
        return added

    def _set_show_archived(self, show: bool) -> None:
        current = self.current_behaviour()
        self.model.set_show_archived(show)
        row = self.model.row_of(current.id) if current and current.id is not None else -1
        self._select_row(row if row >= 0 else 0)

    # --- messages --------------------------------------------------------------------------
    def message(self) -> str:
        return "" if self.message_label.isHidden() else self.message_label.text()

    def _show_error(self, text: str) -> None:
        self.message_label.setStyleSheet(f"color: {error_colour(self.palette())};")
        self.message_label.setText(text[:1].upper() + text[1:])
        self.message_label.show()

    def _clear_message(self) -> None:
        self.message_label.clear()
        self.message_label.hide()
