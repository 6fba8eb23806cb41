"""Checks a test can run on any chart widget: does it have a text alternative?

``chart_problems(widget)`` lists what a keyboard or screen-reader user would miss on one
chart (a Progress chart panel, or the canvas inside one); ``find_charts(root)`` finds the
chart widgets under a window, for a walk over every section. A chart passes when it has:

- a "Show as table" toggle: a checkable button with an accessible name and an Alt letter;
- a real table of its data: a QTableView over a QAbstractTableModel (through any proxies),
  with rows whenever the chart has data;
- an accessible description that carries data: a digit, or one of the sentences that say
  there is none ("No entries in this period."), and not the fixed text of the chart kind;
- a canvas that takes keyboard focus.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel, QAbstractTableModel, Qt
from PySide6.QtWidgets import QAbstractButton, QTableView, QWidget

from tkg_journal.charts.catalogue import CHART_CATALOGUE

PANEL_PREFIX = "chartPanel_"
#: How a sentence about a chart without data starts (charts/summaries.py's empty states).
NO_DATA = re.compile(r"^No \w")
FIXED_DESCRIPTIONS = frozenset(description for _name, _title, description in CHART_CATALOGUE)


def _is_canvas(widget: QWidget) -> bool:
    return any("FigureCanvas" in cls.__name__ for cls in type(widget).__mro__)


def chart_panel(widget: QWidget) -> QWidget | None:
    """The chart panel ``widget`` is or sits in (None if it is not part of a chart)."""
    current: QWidget | None = widget
    while current is not None:
        if current.objectName().startswith(PANEL_PREFIX):
            return current
        current = current.parentWidget()
    return None


def find_charts(root: QWidget) -> list[QWidget]:
    """Every chart panel under ``root``, and any canvas that is not in one."""
    found = [w for w in root.findChildren(QWidget) if w.objectName().startswith(PANEL_PREFIX)]
    found += [w for w in root.findChildren(QWidget) if _is_canvas(w) and chart_panel(w) is None]
    return found


def _source(model: QAbstractItemModel | None) -> QAbstractItemModel | None:
    while isinstance(model, QAbstractProxyModel):
        model = model.sourceModel()
    return model


def _has_data(description: str) -> bool:
    return bool(re.search(r"\d", description))


def chart_problems(widget: QWidget) -> list[str]:
    """What is missing on the chart ``widget`` (a panel or a canvas); [] if nothing."""
    panel = chart_panel(widget) or widget
    what = panel.objectName() or type(panel).__name__
    problems: list[str] = []

    description = panel.accessibleDescription().strip()
    if not description:
        problems.append(f"{what}: no accessible description")
    elif description in FIXED_DESCRIPTIONS:
        problems.append(f"{what}: the description names the kind of chart, not its data")
    elif not _has_data(description) and not NO_DATA.match(description):
        problems.append(f"{what}: the description carries no data ({description!r})")

    toggles = [
        b
        for b in panel.findChildren(QAbstractButton)
        if b.isCheckable() and b.accessibleName().strip()
    ]
    if not toggles:
        problems.append(f"{what}: no named 'Show as table' toggle")
    elif not any("&" in b.text().replace("&&", "") for b in toggles):
        problems.append(f"{what}: the table toggle has no Alt letter")

    tables = [
        t
        for t in panel.findChildren(QTableView)
        if isinstance(_source(t.model()), QAbstractTableModel)
    ]
    if not tables:
        problems.append(f"{what}: no table view over a table model of its data")
    elif _has_data(description) and not any(t.model().rowCount() for t in tables):
        problems.append(f"{what}: its table is empty while the chart shows data")

    canvases = [w for w in [panel, *panel.findChildren(QWidget)] if _is_canvas(w)]
    if canvases and all(c.focusPolicy() == Qt.FocusPolicy.NoFocus for c in canvases):
        problems.append(f"{what}: the chart cannot take keyboard focus")
    return problems
