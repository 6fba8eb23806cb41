"""A section read as master and detail: a list on the left, the chosen item on the right.

The experiments and the coach-sessions sections are both laid out this way, so they share
it here: :class:`MasterDetail` puts the section's list pane and its detail pane in a
splitter (``splitter``, whose state the shell may save), shows a placeholder instead of
the detail when nothing is chosen, and tells the chosen row moved by the user
(``current_changed``) from one the section moves itself (:meth:`MasterDetail.select_row`
inside :meth:`MasterDetail.quietly`). The lists say something when they are empty
(:class:`EmptyTextListView`, :class:`EmptyTextTableView`), and the sections make their
buttons and ask their yes/no questions the same way (:func:`section_button`,
:func:`confirm_action`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from itertools import pairwise

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.ui.common.divider import name_divider
from tkg_journal.ui.common.icons import icon
from tkg_journal.ui.common.window_fit import scrolling

#: The list pane's margins (left, top, right, bottom): the splitter handle is the gap.
LIST_PANE_MARGINS = (8, 8, 4, 8)


def _paint_empty_text(view: QAbstractItemView, text: str) -> None:
    """A friendly line where an empty list would show a blank area."""
    model = view.model()
    if model is None or model.rowCount() or not text:
        return
    painter = QPainter(view.viewport())
    colour = view.palette().color(view.foregroundRole())
    colour.setAlphaF(0.65)
    painter.setPen(colour)
    painter.drawText(
        view.viewport().rect().adjusted(16, 24, -16, -16),
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
        text,
    )


class EmptyTextListView(QListView):
    """A list that shows ``empty_text`` when it has no rows."""

    empty_text = ""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        _paint_empty_text(self, self.empty_text)


class EmptyTextTableView(QTableView):
    """A table that shows ``empty_text`` when it has no rows."""

    empty_text = ""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        _paint_empty_text(self, self.empty_text)


def as_row_table(table: QTableView, *, read_only: bool = True) -> None:
    """A table whose rows are its items: one row is selected at a time, Tab leaves the
    table, each row reads as one line (alternate rows shaded) and rows have no numbers.
    A ``read_only`` table is not edited in place and reads as a list (no grid)."""
    if read_only:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setShowGrid(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()


class MasterDetail(QWidget):
    """The list pane and the detail pane of a section, side by side in a splitter.

    ``list_view`` must have its model already. The detail pane (``detail_pane``) holds
    ``placeholder`` (shown when nothing is chosen) and ``detail``, one at a time.

    Signals:
        current_changed(QModelIndex): the user made another row of the list current
            (a valid one); not emitted for moves made inside :meth:`quietly`.
    """

    current_changed = Signal(QModelIndex)

    def __init__(
        self,
        list_pane: QWidget,
        list_view: QAbstractItemView,
        detail: QWidget,
        *,
        placeholder: str,
        names: tuple[str, str, str],
        sizes: tuple[int, int],
        parent: QWidget | None = None,
    ) -> None:
        """``names`` are the object names of the splitter, the detail pane and the
        placeholder; ``sizes`` the panes' first widths (they keep a 2:3 stretch)."""
        super().__init__(parent)
        splitter_name, pane_name, placeholder_name = names
        self._list = list_view
        self._quiet = False
        self.detail = detail
        self.placeholder = QLabel(placeholder)
        self.placeholder.setObjectName(placeholder_name)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)

        self.detail_pane = QWidget()
        self.detail_pane.setObjectName(pane_name)
        pane_layout = QVBoxLayout(self.detail_pane)
        pane_layout.setContentsMargins(8, 8, 8, 8)
        pane_layout.addWidget(self.placeholder, 1)
        pane_layout.addWidget(detail, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName(splitter_name)
        self.splitter.addWidget(list_pane)
        # On a small screen (or at 200 %) the detail scrolls rather than forcing the
        # window wider and taller than the screen.
        self.detail_scroll = scrolling(self.detail_pane, f"{pane_name}Scroll")
        self.splitter.addWidget(self.detail_scroll)
        name_divider(self.splitter, "the list and the details")
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes(list(sizes))
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        list_view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    # --- the detail pane ---------------------------------------------------------------
    def show_detail(self) -> None:
        """Something is chosen: its detail instead of the placeholder."""
        self.placeholder.hide()
        self.detail.show()

    def show_placeholder(self, visible: bool = True) -> None:
        """Nothing is chosen: the detail hidden, the placeholder shown if ``visible``
        (a locked section shows neither)."""
        self.detail.hide()
        self.placeholder.setVisible(visible)

    # --- the list's current row --------------------------------------------------------
    @contextlib.contextmanager
    def quietly(self) -> Iterator[None]:
        """Moves of the current row inside this block are the section's own (a reload,
        going back to the row still shown): ``current_changed`` is not emitted."""
        was_quiet, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = was_quiet

    def select_row(self, row: int | None, column: int = 0) -> None:
        """Make ``row`` the current, selected row and scroll to it (``None``: no row)."""
        selection = self._list.selectionModel()
        if row is None:
            selection.clear()
            return
        index = self._list.model().index(row, column)
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self._list.scrollTo(index)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet and current.isValid():
            self.current_changed.emit(current)


def set_tab_order(widgets: Sequence[QWidget]) -> None:
    """Tab goes through ``widgets`` in this order."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


def _spoken(text: str) -> str:
    """A button's text as a screen reader should say it: no ``&`` mnemonic, no "…"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")


def section_button(
    name: str,
    text: str,
    tooltip: str,
    slot: Callable[[], object],
    icon_name: str | None = None,
) -> QPushButton:
    """A push button named ``name`` that runs ``slot``, with its tooltip and a spoken
    name taken from ``text``."""
    button = QPushButton(text)
    button.setObjectName(name)
    if icon_name:
        button.setIcon(icon(icon_name))
    button.setAccessibleName(_spoken(text))
    button.setToolTip(tooltip)
    button.clicked.connect(slot)
    return button


def confirm_action(
    parent: QWidget, title: str, question: str, action: str, *, destructive: bool
) -> bool:
    """Ask a yes/no question; True if the user chose ``action`` (Cancel is the default)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
    role = (
        QMessageBox.ButtonRole.DestructiveRole if destructive else QMessageBox.ButtonRole.AcceptRole
    )
    yes = box.addButton(action, role)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    box.exec()
    return box.clickedButton() is yes
