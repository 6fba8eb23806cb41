"""Numbers and check states from what Qt hands back untyped.

Qt passes item data, edits and settings through QVariant, so PySide6 types them ``object``
(or ``Any``): a check box's state comes to ``setData`` as a ``Qt.CheckState`` or a plain
int, depending on who set it, and ``QSettings`` reads an INI value back as a string.
These turn such a value into the Python type the code needs, as ``int()`` would.
"""

from __future__ import annotations

from PySide6.QtCore import Qt


def as_int(value: object) -> int:
    """``int(value)`` for a number or numeric string.

    Raises:
        TypeError: ``value`` is not a number or a string (e.g. ``None``).
        ValueError: ``value`` is a string that is not a whole number.
    """
    if isinstance(value, int | float | str):
        return int(value)
    raise TypeError(f"not a number: {value!r}")


def is_checked(value: object) -> bool:
    """Whether a check state (a ``Qt.CheckState`` or its int value) is ``Checked``."""
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return as_int(value) == Qt.CheckState.Checked.value
