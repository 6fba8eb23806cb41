"""The shared flat-list model: checked with pytest-qt's model tester through reloads, and
for what its subclasses rely on (lookup by id, one column by default, their role names)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from tkg_journal.ui.common.row_list_model import RowListModel

NameRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Item:
    id: int | None
    name: str


class ItemModel(RowListModel[Item]):
    """Rows from a list the test changes, as a service's rows change."""

    ROLE_NAMES: ClassVar[Mapping[int, bytes]] = {NameRole: b"name"}

    def __init__(self) -> None:
        super().__init__()
        self.source: list[Item] = []

    def _fetch(self) -> list[Item]:
        return list(self.source)

    def _row_id(self, row: Item) -> int | None:
        return row.id

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        item = self._row_at(index)
        if item is None or role not in (Qt.ItemDataRole.DisplayRole, NameRole):
            return None
        return item.name


def test_the_model_passes_the_model_tester_through_reloads(qtmodeltester) -> None:
    model = ItemModel()
    qtmodeltester.check(model)  # stays connected: every later change is checked too
    model.source = [Item(1, "one"), Item(2, "two"), Item(None, "not stored yet")]
    model.reload()
    assert model.rowCount() == 3
    assert model.columnCount() == 1
    assert model.index(1, 0).data() == "two"
    model.source = []
    model.reload()
    assert model.rowCount() == 0


def test_rows_are_found_by_id_and_an_index_of_no_row_reads_nothing() -> None:
    model = ItemModel()
    model.source = [Item(7, "seven"), Item(None, "new"), Item(9, "nine")]
    model.reload()
    assert model.row_of(9) == 2
    assert model.row_of(8) is None
    assert model.row_of(None) is None  # an unsaved row is not "the row of no id"
    assert model.index(5, 0).data() is None
    assert model.index(0, 0).data(NameRole) == "seven"
    flags = model.flags(model.index(0, 0))
    assert flags & Qt.ItemFlag.ItemIsSelectable and not flags & Qt.ItemFlag.ItemIsEditable


def test_subclass_roles_are_named_beside_qts() -> None:
    names = {role: bytes(name.data()) for role, name in ItemModel().roleNames().items()}
    assert names[NameRole] == b"name"
    assert names[Qt.ItemDataRole.DisplayRole] == b"display"
