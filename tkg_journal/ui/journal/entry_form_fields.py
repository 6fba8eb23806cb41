"""How the entry editor's fields are made and how they show errors.

Every field of the form is made here: a line edit or a text box that reports the user's
edits, a text box that grows with what is written (between a least and a most number of
lines, then it scrolls itself), and under each field a hidden error line. A
:class:`~tkg_journal.domain.errors.ValidationError` names its field; :meth:`target` finds
the field and its error line by that name. Value widgets (combo and spin boxes, the date)
are kept from changing under a wheel turned to scroll the form.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.ui.common.messages import error_style
from tkg_journal.ui.journal import entry_texts as texts
from tkg_journal.ui.journal.entry_page_style import as_prompt, mark_writing

#: Lines a multi-line field shows when empty, and how far it grows before it scrolls.
Lines = tuple[int, int]


def plain_text(edit: QPlainTextEdit) -> str:
    """The text exactly as typed. ``toPlainText()`` would turn no-break spaces (common in
    French writing) into ordinary spaces; the raw text only needs its line breaks mapped."""
    raw = edit.document().toRawText()
    return raw.replace("\u2029", "\n").replace("\u2028", "\n")


class EntryFormFields(QObject):
    """Makes the form's fields and keeps their error lines; ``on_edit`` is called with
    every user edit of a field made here. Signals: none."""

    def __init__(
        self, scroll: QScrollArea, on_edit: Callable[[], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._scroll = scroll
        self._on_edit = on_edit
        # Field name of a ValidationError (normalised) -> the field and its error line.
        self._targets: dict[str, tuple[QWidget, QLabel]] = {}
        self._error_labels: list[QLabel] = []
        self._line_limits: dict[QPlainTextEdit, Lines] = {}
        self._labels: dict[QWidget, QLabel] = {}  # field -> the label above it
        self._described: tuple[QWidget, str] | None = None  # field showing an error

    # --- fields ------------------------------------------------------------------------
    def report_edit(self, *_args: object) -> None:
        """Connected to a field's "the user changed it" signal."""
        self._on_edit()

    def new_line(self, parent: QWidget, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(parent)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(self.report_edit)
        return edit

    def new_text(
        self, parent: QWidget, name: str, lines: Lines, placeholder: str = ""
    ) -> QPlainTextEdit:
        edit = QPlainTextEdit(parent)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)  # Tab moves on through the form, as in a line edit
        edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        edit.textChanged.connect(self.report_edit)
        self._line_limits[edit] = lines
        # The field grows with what is written, so a long answer stays readable in the
        # form's own scrolling instead of a tiny box; past the limit it scrolls itself.
        edit.textChanged.connect(lambda e=edit: self.fit_height(e))
        edit.installEventFilter(self)  # refits after a resize re-wraps the text
        self.fit_height(edit)
        return edit

    def set_lines(self, edit: QPlainTextEdit, lines: Lines) -> None:
        """New limits for a text box made by :meth:`new_text`."""
        self._line_limits[edit] = lines
        self.fit_height(edit)

    def fit_height(self, edit: QPlainTextEdit) -> None:
        """Make ``edit`` as tall as its text (wrapped at its width), within its limits."""
        low, high = self._line_limits[edit]
        line = edit.fontMetrics().lineSpacing()
        document = edit.document()
        layout = document.documentLayout()
        # blockBoundingRect() lays a block out at the current width if needed; stop
        # counting at the limit so a very long text costs no more than a short one.
        content = 0.0
        block = document.begin()
        while block.isValid() and content < high * line:
            content += layout.blockBoundingRect(block).height()
            block = block.next()
        content = max(low * line, min(high * line, content))
        margins = edit.contentsMargins()
        height = math.ceil(
            content
            + 2 * document.documentMargin()
            + 2 * edit.frameWidth()
            + margins.top()
            + margins.bottom()
        )
        if edit.minimumHeight() != height or edit.maximumHeight() != height:
            edit.setFixedHeight(height)

    def guard_wheel(self, widget: QWidget) -> None:
        """A wheel turned to scroll the form must not change a value it passes over."""
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(self)

    def add_field(
        self,
        layout: QVBoxLayout,
        label: QLabel,
        widget: QWidget,
        fields: Sequence[str],
        error_name: str = "",
        *,
        prompt: bool = True,
    ) -> None:
        """Label above field above its (hidden) error line, as one tight group; the label
        is a question heading (``prompt``) or a caption. The error line is named
        ``error_name``, by default the field's name and "Error"."""
        group = QVBoxLayout()
        group.setSpacing(4)
        label.setBuddy(widget)
        if prompt:
            as_prompt(label)
            if isinstance(widget, QLineEdit):
                mark_writing(widget)  # an answer: the page's rule, not a box
        if not widget.accessibleName():
            widget.setAccessibleName(texts.plain(label.text()))
        parent = label.parentWidget()
        assert parent is not None  # every label is made inside the form
        error = self.new_error_label(parent, error_name or widget.objectName() + "Error")
        group.addWidget(label)
        group.addWidget(widget)
        group.addWidget(error)
        layout.addLayout(group)
        self.register_error(fields, widget, error)
        self._labels[widget] = label

    def show_field(self, widget: QWidget, shown: bool) -> None:
        """Show or hide a field made by :meth:`add_field` with its label."""
        widget.setVisible(shown)
        self._labels[widget].setVisible(shown)

    # --- errors ------------------------------------------------------------------------
    def new_error_label(self, parent: QWidget, name: str) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.hide()
        self._error_labels.append(label)
        return label

    def register_error(self, fields: Sequence[str], widget: QWidget, label: QLabel) -> None:
        """Errors about any of ``fields`` show in ``label`` and focus ``widget``."""
        for name in fields:
            self._targets[name] = (widget, label)

    def target(self, field: str) -> tuple[QWidget, QLabel] | None:
        """The field an error about ``field`` (normalised) is shown at, and its line."""
        return self._targets.get(field)

    def show_error(self, label: QLabel, message: str, palette: QPalette) -> None:
        label.setStyleSheet(error_style(palette))
        label.setText(message)
        label.show()

    def describe(self, widget: QWidget, message: str) -> None:
        """Screen readers announce the description with the field when it takes focus."""
        self._described = (widget, widget.accessibleDescription())
        widget.setAccessibleDescription(message)

    def clear_errors(self) -> None:
        if self._described is not None:
            widget, description = self._described
            widget.setAccessibleDescription(description)
            self._described = None
        for label in self._error_labels:
            if not label.isHidden() or label.text():
                label.hide()
                label.clear()

    # --- events ------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange)
            and isinstance(watched, QPlainTextEdit)
            and watched in self._line_limits
        ):
            edit = watched
            # QPlainTextEdit re-wraps in its own resizeEvent, after this filter (and its
            # lines change height with the writing's size): refit then.
            QTimer.singleShot(0, edit, lambda: self.fit_height(edit))
            return False
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            # Scroll the form instead of changing the value under the pointer.
            QApplication.sendEvent(self._scroll.verticalScrollBar(), event)
            return True
        return super().eventFilter(watched, event)
