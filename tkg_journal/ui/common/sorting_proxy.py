"""Tables whose columns sort by value: a model gives each cell a sort key under
:data:`SORT_ROLE` (a number, a day's ordinal, a level's rank), and :func:`sorting_proxy`
sorts by it, so 10 comes after 9 and "no value" sorts where the model says."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel, Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def sorting_proxy(model: QAbstractItemModel) -> QSortFilterProxyModel:
    """A proxy over ``model`` (and owned by it) that sorts by :data:`SORT_ROLE`."""
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    return proxy
