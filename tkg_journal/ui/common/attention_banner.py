"""The one bar over the sections that lists what needs attention: a line per kind of
reminder (what is due, the rating check-in, the backup), each with its own button, and
one Dismiss for all of them.

The bar knows no feature: the shell fills it (``ui/attention``) with an
:class:`AttentionLine` per kind and answers the buttons. One bar, not one per reminder:
three bars stacked at start-up pushed the writing down and looked alike. Tinted with
the palette's highlight, so it is noticed in light and dark themes without an alarm
colour. Its buttons have no Alt letters: it comes and goes over every section, whose
fields own the letters; Tab reaches them and Esc dismisses the bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from tkg_journal.ui.common.icons import icon
from tkg_journal.ui.common.object_name import named

ACCESSIBLE_NAME = "Reminders"
DISMISS = "Dismiss"
DISMISS_NAME = "Dismiss these reminders"
ICON = "about"
ICON_SIDE = 20
RADIUS = 6
TINT = 0.16


@dataclass(frozen=True, slots=True)
class AttentionLine:
    """One line of the bar. ``key``: its kind (a new line of a kind replaces the old);
    ``action``: the button's text, ``action_name``: what a screen reader calls it."""

    key: str
    text: str
    action: str
    action_name: str


def highlight_tint(palette: QPalette, amount: float = TINT) -> QColor:
    """The window colour with a touch of the highlight: a quiet, theme-following fill for
    a bar that should be noticed without shouting."""
    base = palette.color(QPalette.ColorRole.Window)
    tint = palette.color(QPalette.ColorRole.Highlight)
    return QColor(
        round(base.red() + (tint.red() - base.red()) * amount),
        round(base.green() + (tint.green() - base.green()) * amount),
        round(base.blue() + (tint.blue() - base.blue()) * amount),
    )


def _camel(key: str) -> str:
    return "".join(part.title() for part in key.split("_"))


class _Row:
    """The label and the button of one line."""

    def __init__(self, line: AttentionLine) -> None:
        name = _camel(line.key)
        self.label = named(QLabel(wordWrap=True), f"attention{name}Text")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.button = named(QPushButton(), f"attention{name}Action")
        self.button.setAutoDefault(False)
        self.line = line
        self.show(line)

    def show(self, line: AttentionLine) -> None:
        self.line = line
        self.label.setText(line.text)
        self.button.setText(line.action)
        self.button.setAccessibleName(line.action_name)
        # Tabbing to the button says what it is about, not only "Show".
        self.button.setAccessibleDescription(line.text)


class AttentionBanner(QFrame):
    """Hidden while it has no line. ``order``: the keys top to bottom (others go last).

    Signals:
        action_requested(str): the button of the line with this key was pressed (the
            line is gone already).
        dismissed(): the user put every line away with Dismiss (or Esc).
    """

    action_requested = Signal(str)
    dismissed = Signal()

    def __init__(self, order: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attentionBanner")
        self.setAccessibleName(ACCESSIBLE_NAME)
        self._order = tuple(order)
        self._rows: dict[str, _Row] = {}
        # Painted by the banner (paintEvent), not a label: a decorative picture would be a
        # nameless node that a screen reader stops on.
        self._icon = QPixmap()
        self.lines = QGridLayout()
        self.lines.setContentsMargins(0, 0, 0, 0)
        self.lines.setHorizontalSpacing(10)
        self.lines.setVerticalSpacing(6)
        self.lines.setColumnStretch(0, 1)
        self.dismiss_button = named(QPushButton(DISMISS), "attentionDismiss")
        self.dismiss_button.setAccessibleName(DISMISS_NAME)
        self.dismiss_button.setAutoDefault(False)
        self.dismiss_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.setSpacing(10)
        layout.addSpacing(ICON_SIDE)  # where the icon is painted
        layout.addLayout(self.lines, 1)
        layout.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._update_icon()
        self.hide()

    # --- the lines ------------------------------------------------------------------------
    def set_line(self, line: AttentionLine) -> None:
        """Show ``line`` (in place of the line of its kind, if there is one)."""
        row = self._rows.get(line.key)
        if row is None:
            row = _Row(line)
            row.button.clicked.connect(lambda _checked=False, key=line.key: self._act(key))
            self._rows[line.key] = row
            self._lay_out()
        else:
            row.show(line)
        self._update_description()
        self.show()

    def remove_line(self, key: str) -> None:
        """Take the line of ``key`` away (nothing if there is none); no line, no bar."""
        row = self._rows.pop(key, None)
        if row is None:
            return
        # Words first: a lock must leave no title behind, even until the deferred delete
        # (a button is deleted later because it may be the one being clicked).
        row.label.clear()
        row.button.setAccessibleDescription("")
        for widget in (row.label, row.button):
            self.lines.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self._lay_out()
        self._update_description()
        if not self._rows:
            self.hide()

    def kinds(self) -> list[str]:
        """The kinds shown, top to bottom."""
        return sorted(self._rows, key=self._rank)

    def has_line(self, key: str) -> bool:
        return key in self._rows

    def line_text(self, key: str) -> str:
        row = self._rows.get(key)
        return row.line.text if row is not None else ""

    def button(self, key: str) -> QPushButton | None:
        row = self._rows.get(key)
        return row.button if row is not None else None

    def text(self) -> str:
        """Every line, top to bottom (what a screen reader hears as the description)."""
        return "\n".join(self._rows[key].line.text for key in self.kinds())

    def clear(self) -> None:
        """Every line away, without ``dismissed`` (the journal is being locked)."""
        for key in list(self._rows):
            self.remove_line(key)

    def dismiss(self) -> None:
        self.clear()
        self.dismissed.emit()

    # --- inside ---------------------------------------------------------------------------
    def _rank(self, key: str) -> int:
        return self._order.index(key) if key in self._order else len(self._order)

    def _lay_out(self) -> None:
        for row in self._rows.values():  # out first: a widget is in a layout once
            self.lines.removeWidget(row.label)
            self.lines.removeWidget(row.button)
        for row_number, key in enumerate(self.kinds()):
            row = self._rows[key]
            self.lines.addWidget(row.label, row_number, 0)
            self.lines.addWidget(row.button, row_number, 1, Qt.AlignmentFlag.AlignTop)
        # Tab goes down the lines' buttons, then to Dismiss.
        buttons = [self._rows[key].button for key in self.kinds()] + [self.dismiss_button]
        for first, second in pairwise(buttons):
            QWidget.setTabOrder(first, second)

    def _act(self, key: str) -> None:
        self.remove_line(key)
        self.action_requested.emit(key)

    def _update_description(self) -> None:
        self.setAccessibleDescription(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return
        super().keyPressEvent(event)

    def _update_icon(self) -> None:
        self._icon = icon(ICON).pixmap(QSize(ICON_SIDE, ICON_SIDE), self.devicePixelRatioF())
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # A pixmap taken out of an icon keeps its colour: take a new one (see icons.py).
            self._update_icon()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.setPen(palette.color(QPalette.ColorRole.Highlight))
        painter.setBrush(highlight_tint(palette))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)
        inside, layout = self.contentsRect(), self.layout()
        margins = layout.contentsMargins() if layout is not None else self.contentsMargins()
        painter.drawPixmap(inside.left() + margins.left(), inside.top() + margins.top(),
                           self._icon)
        painter.end()
