"""``named(widget, "name")``: a widget built in one expression, with its ``objectName``.

PySide6 accepts any Qt property as a constructor keyword (``QLabel(text, objectName=...)``),
but its stubs declare only the properties a class defines itself, so ``objectName`` (a
QObject property) and e.g. a tool button's ``text`` and ``checkable`` do not type-check.
Every interactive widget has an objectName (tests find widgets by it); this keeps naming
one expression without giving up the constructor's types.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

_Object = TypeVar("_Object", bound=QObject)


def named(obj: _Object, name: str) -> _Object:
    """Set ``obj``'s objectName to ``name`` and return ``obj`` (its own type)."""
    obj.setObjectName(name)
    return obj
