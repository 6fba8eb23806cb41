"""The Qt binding itself must be sound: a binding that loses references to None makes the
app abort after enough repaints (PySide6 6.12.0 on Python 3.11 did; pyproject caps it)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QModelIndex, QStringListModel
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem


def _none_references_lost(call, times: int = 500) -> int:
    before = sys.getrefcount(None)
    for _ in range(times):
        call()
    return before - sys.getrefcount(None)


def test_values_qt_returns_as_none_do_not_lose_references(qapp):
    model = QStringListModel(["a row"])
    combo = QComboBox()
    combo.addItem("Any level", None)
    calls = {
        "QModelIndex.data": lambda: QModelIndex().data(),
        "model data of an unset role": lambda: model.index(0).data(256),
        "QStyleOptionViewItem.widget": lambda: QStyleOptionViewItem().widget,
        "QComboBox.currentData": combo.currentData,
    }
    lost = {name: _none_references_lost(call) for name, call in calls.items()}
    assert all(count < 100 for count in lost.values()), lost
