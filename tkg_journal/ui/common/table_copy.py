"""Ctrl+C in a table: the selected cells as tab-separated text, ready to paste.

Spreadsheets and text editors both take tab-separated rows. The copy covers the smallest
rectangle around the selection (cells inside it that are not selected stay empty, so the
pasted grid keeps its shape), in the order the view shows, and starts with the column
titles when whole columns are selected: a copied column says what it holds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView


def _clean(text: object) -> str:
    # A tab or line break inside a cell would split it in the pasted grid.
    return " ".join(str(text).split()) if text is not None else ""


def selection_as_text(view: QAbstractItemView) -> str:
    """The selected cells of ``view`` as tab-separated rows ("" if nothing is selected)."""
    model = view.model()
    selection = view.selectionModel()
    if model is None or selection is None:
        return ""
    indexes = selection.selectedIndexes()
    if not indexes:
        return ""
    rows = sorted({index.row() for index in indexes})
    columns = sorted({index.column() for index in indexes})
    chosen = {(index.row(), index.column()) for index in indexes}
    lines: list[str] = []
    if all(selection.isColumnSelected(column) for column in columns):
        lines.append(
            "\t".join(_clean(model.headerData(c, Qt.Orientation.Horizontal)) for c in columns)
        )
    for row in range(rows[0], rows[-1] + 1):
        lines.append(
            "\t".join(
                _clean(model.index(row, c).data()) if (row, c) in chosen else ""
                for c in range(columns[0], columns[-1] + 1)
            )
        )
    return "\n".join(lines)


def copy_selection(view: QAbstractItemView) -> str:
    """Put the selection of ``view`` on the clipboard; returns what was copied."""
    text = selection_as_text(view)
    if text:
        QGuiApplication.clipboard().setText(text)
    return text
