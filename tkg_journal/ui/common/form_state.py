"""What a form's fields hold, as JSON values by object name, and back.

A window closed by the lock is opened again with what the user had typed (see
``unsaved_input``). Rather than each dialog writing its own save and load of every field,
this reads the fields a form is made of: text boxes, choices, numbers, dates, toggles,
each under its ``objectName`` (the app names every field it builds; unnamed widgets and
Qt's own inner parts, named ``qt_*``, are left out). Restoring sets the choices and
toggles first, then numbers and dates, then text: choosing an item can fill other fields
(a friction behaviour fills the trigger), and the text the user typed must win.

Never read: password fields (a secret never goes into a draft) and read-only fields
(they show stored values, which are reloaded anyway).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

FieldValues = dict[str, Any]

# The order fields are restored in (see the module's docstring).
_CHOICES, _NUMBERS, _TEXTS = 0, 1, 2


def _named_fields(root: QWidget) -> list[QWidget]:
    seen: set[str] = set()
    found = []
    for widget in root.findChildren(QWidget):
        name = widget.objectName()
        if not name or name.startswith("qt_") or name in seen:
            continue  # a second widget of one name cannot be told apart: the first wins
        seen.add(name)
        found.append(widget)
    return found


def _is_inner_line_edit(widget: QLineEdit) -> bool:
    """The line edit inside a combo box or spin box: its owner's value is read instead."""
    parent = widget.parentWidget()
    return isinstance(parent, QComboBox | QSpinBox | QDoubleSpinBox | QDateTimeEdit)


def _value(widget: QWidget) -> tuple[int, Any] | None:
    """(restore order, JSON value) of one field, or None if it is not a field to keep."""
    if isinstance(widget, QLineEdit):
        # A "secret" property marks a password field whose Show toggle made it readable.
        if (widget.echoMode() != QLineEdit.EchoMode.Normal or widget.property("secret")
                or widget.isReadOnly() or _is_inner_line_edit(widget)):
            return None
        return _TEXTS, widget.text()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return None if widget.isReadOnly() else (_TEXTS, widget.toPlainText())
    if isinstance(widget, QComboBox):
        data = widget.currentData()
        kept = data if isinstance(data, str | int | float | bool) else None
        return _CHOICES, {"index": widget.currentIndex(), "text": widget.currentText(),
                          "data": kept}
    if isinstance(widget, QDateEdit):  # before QDateTimeEdit: it is one
        return _NUMBERS, widget.date().toString("yyyy-MM-dd")
    if isinstance(widget, QDateTimeEdit):
        return _NUMBERS, widget.dateTime().toString("yyyy-MM-ddTHH:mm:ss")
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return _NUMBERS, widget.value()
    if isinstance(widget, QAbstractSlider):
        return _NUMBERS, widget.value()
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return _CHOICES, widget.isChecked()
    return None


def capture(root: QWidget) -> FieldValues:
    """Every named field under ``root`` with its value."""
    values: FieldValues = {}
    for widget in _named_fields(root):
        found = _value(widget)
        if found is not None:
            values[widget.objectName()] = found[1]
    return values


def restore(root: QWidget, values: Mapping[str, Any]) -> None:
    """Put ``values`` (from :func:`capture`) back into the fields of the same names;
    fields that no longer exist, and values that no longer fit, are skipped."""
    fields = []
    for widget in _named_fields(root):
        if widget.objectName() in values and (found := _value(widget)) is not None:
            fields.append((found[0], widget))
    for _order, widget in sorted(fields, key=lambda pair: pair[0]):
        _set(widget, values[widget.objectName()])


def _set(widget: QWidget, value: Any) -> None:
    if isinstance(widget, QLineEdit) and isinstance(value, str):
        widget.setText(value)
    elif isinstance(widget, QPlainTextEdit | QTextEdit) and isinstance(value, str):
        widget.setPlainText(value)
    elif isinstance(widget, QComboBox) and isinstance(value, dict):
        _choose(widget, value)
    elif isinstance(widget, QDateTimeEdit) and isinstance(value, str):
        if isinstance(widget, QDateEdit) and len(value) == 10:
            day = QDate.fromString(value, "yyyy-MM-dd")
            if day.isValid():
                widget.setDate(day)
        else:
            moment = QDateTime.fromString(value, "yyyy-MM-ddTHH:mm:ss")
            if moment.isValid():
                widget.setDateTime(moment)
    elif isinstance(widget, QSpinBox | QAbstractSlider) and isinstance(value, int):
        widget.setValue(value)
    elif isinstance(widget, QDoubleSpinBox) and isinstance(value, int | float):
        widget.setValue(float(value))
    elif isinstance(widget, QAbstractButton) and isinstance(value, bool):
        widget.setChecked(value)


def _choose(combo: QComboBox, value: Mapping[str, Any]) -> None:
    """The item with the same data, else the same text, else the same place."""
    index = -1
    if value.get("data") is not None:
        index = combo.findData(value["data"])
    if index < 0 and isinstance(value.get("text"), str):
        index = combo.findText(value["text"])
    if index < 0 and combo.isEditable() and isinstance(value.get("text"), str):
        combo.setEditText(value["text"])
        return
    if index < 0 and isinstance(value.get("index"), int) and value["index"] < combo.count():
        index = value["index"]
    if index >= 0:
        combo.setCurrentIndex(index)
