"""Workarounds for PySide6: its bugs, and the places where its stubs are wrong.

One place, so each is written once, says what it works around, and can go when PySide6 is
fixed (check each on an upgrade). Whatever is merely awkward about PySide6 but typed
correctly (e.g. :func:`tkg_journal.ui.common.object_name.named`) does not belong here.
"""

from __future__ import annotations

import ctypes

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)


def signal_overload(signal: SignalInstance, *types: type) -> SignalInstance:
    """``signal[types]``: one overload of an overloaded signal, e.g.
    ``signal_overload(completer.activated, str)`` for ``QCompleter.activated(QString)``
    rather than ``activated(QModelIndex)``.

    Stub problem: PySide6's stubs leave out ``SignalInstance.__getitem__``, the documented
    way to pick an overload, which every SignalInstance has at runtime.
    """
    key = types[0] if len(types) == 1 else types
    chosen: SignalInstance = signal[key]  # type: ignore[index]  # stubs lack __getitem__
    return chosen


def draw_item_background(
    delegate: QStyledItemDelegate, painter: QPainter, option: QStyleOptionViewItem
) -> None:
    """A delegate's row background, selection and focus, as the platform style draws them.

    PySide6 bug (seen in 6.12): reading ``option.widget`` leaks a reference to None per
    call, which crashes the app after enough repaints. A delegate here is made with its view
    as parent, so the widget (and its style) come from ``delegate.parent()`` instead.
    """
    view = delegate.parent()
    widget = view if isinstance(view, QWidget) else None
    style = widget.style() if widget is not None else QApplication.style()
    style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)


def hand_to_qt(obj: object) -> None:
    """Keep ``obj``'s Python wrapper alive for an object that C++ now owns and deletes.

    PySide6 bug (6.12 included): an object returned from a virtual that transfers
    ownership to Qt, e.g. ``QIconEngine.clone()``, is not handed to C++; once the last
    Python reference goes, the wrapper deletes the object under Qt and the app crashes.
    One extra reference keeps the wrapper alive; Qt's delete marks it invalid, so nothing
    is freed twice. The cost is a few bytes per object.
    """
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))
