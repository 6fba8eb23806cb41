"""The entry editor: one form for every kind of entry, with a guided template per kind.

A difficult conversation gets the coaching questions (who, what happened, what I felt and
how strongly, my response, the impact, what I would try next), feedback gets its source
and how it landed, the other kinds a prompt in an open text field. Switching the kind only
shows and hides parts of the form: nothing typed is lost, and :meth:`EntryEditor.draft`
always carries every field.

The editor neither saves nor validates: it turns what is on screen into an
:class:`~tkg_journal.domain.drafts.EntryDraft` and back, reports user edits with
``changed``, and shows a :class:`~tkg_journal.domain.errors.ValidationError` next to the
field it is about.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.drafts import EntryDraft
from tkg_journal.domain.entries import EntryKind
from tkg_journal.domain.errors import ValidationError
from tkg_journal.ui.common.journal_dates import limit_to_journal_range
from tkg_journal.ui.common.level_picker import LevelPicker
from tkg_journal.ui.common.messages import error_style
from tkg_journal.ui.journal import entry_texts as texts
from tkg_journal.ui.journal.tag_edit import TagEdit

_NOT_RATED = -1  # the intensity spin box's minimum, shown as "Not rated"

#: Lines a multi-line field shows when empty, and how far it grows before it scrolls.
_GUIDED_LINES = (2, 12)
_WHAT_HAPPENED_LINES = (3, 12)
_BODY_LINES = {
    EntryKind.CONVERSATION: (3, 40),
    EntryKind.FEEDBACK: (5, 40),
    EntryKind.REFLECTION: (10, 40),
    EntryKind.COACH_NOTES: (10, 40),
    EntryKind.FREE: (10, 40),
}
_QUICK_LINES = (2, 8)


def _plain_text(edit: QPlainTextEdit) -> str:
    """The text exactly as typed. ``toPlainText()`` would turn no-break spaces (common in
    French writing) into ordinary spaces; the raw text only needs its line breaks mapped."""
    raw = edit.document().toRawText()
    return raw.replace("\u2029", "\n").replace("\u2028", "\n")


def _local_tz() -> tzinfo:
    tz = datetime.now().astimezone().tzinfo
    assert tz is not None
    return tz


class EntryEditor(QWidget):
    """Edit one journal entry of any kind (see the module docstring).

    ``quick=True`` is the quick-capture layout: a difficult conversation only (the kind
    picker is hidden), with smaller fields.

    Signals:
        changed(): the user edited a field (text, kind, date, level, tags, share,
            intensity or sentiment). Not emitted by :meth:`load`, :meth:`new_entry` or
            :meth:`clear`.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, quick: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("entryEditor")
        self.setAccessibleName(texts.EDITOR_ACCESSIBLE_NAME)
        self._quick = quick
        self._loading = 0  # > 0 while the editor itself fills its fields
        self._modified = False
        self._entry_id: int | None = None
        self._extra: dict[str, Any] = {}
        self._occurred_at = datetime.now().astimezone()
        self._kind = EntryKind.CONVERSATION if quick else EntryKind.FREE
        # Field name of a ValidationError (normalised) -> the field and its error line.
        self._error_targets: dict[str, tuple[QWidget, QLabel]] = {}
        self._error_labels: list[QLabel] = []
        self._line_limits: dict[QPlainTextEdit, tuple[int, int]] = {}
        self._described: tuple[QWidget, str] | None = None  # field showing an error

        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("editorScroll")
        self._scroll.setAccessibleName(texts.SCROLL_ACCESSIBLE_NAME)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        content = QWidget()
        content.setObjectName("editorContent")
        self._scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._scroll)

        # Widgets are created with their final parent, top to bottom, so the focus chain
        # (the Tab order) follows the form.
        form = QVBoxLayout(content)
        margin = 8 if quick else 12
        form.setContentsMargins(margin, margin, margin, margin)
        form.setSpacing(6 if quick else 10)

        self._top_error = self._new_error_label(content, "editorError")
        form.addWidget(self._top_error)
        self._build_top_rows(content, form)
        self._kind_hint = QLabel(content)
        self._kind_hint.setObjectName("editorKindHint")
        self._kind_hint.setWordWrap(True)
        self._kind_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        form.addWidget(self._kind_hint)
        self._conversation_box = self._build_conversation(content)
        form.addWidget(self._conversation_box)
        self._feedback_box = self._build_feedback(content)
        form.addWidget(self._feedback_box)

        self._body_label = QLabel(content)
        self._body = self._new_text(content, "editorBody", _BODY_LINES[EntryKind.FREE])
        self._add_field(form, self._body_label, self._body, ("text", "body"), "editorBodyError")

        level_label = QLabel(texts.LEVEL_LABEL, content)
        self._level_picker = LevelPicker(content)
        self._level_picker.level_changed.connect(self._on_user_edit)
        self._add_field(form, level_label, self._level_picker, ("level",), "editorLevelError")

        tags_label = QLabel(texts.TAGS_LABEL, content)
        self._tags = TagEdit(content)
        self._tags.setObjectName("editorTags")
        self._tags.setAccessibleName(texts.plain(texts.TAGS_LABEL))
        self._tags.textEdited.connect(self._on_user_edit)
        self._add_field(form, tags_label, self._tags, ("tag", "tags"), "editorTagsError")
        form.addStretch(1)

        for widget in (self._kind_combo, self._occurred, self._intensity, self._sentiment):
            # A wheel turned to scroll the form must not change a value it passes over.
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            widget.installEventFilter(self)

        self._apply_kind(self._kind)
        self._show_occurred_at()

    # building the form ---------------------------------------------------------------
    def _build_top_rows(self, content: QWidget, form: QVBoxLayout) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        self._kind_label = QLabel(texts.KIND_LABEL, content)
        self._kind_combo = QComboBox(content)
        self._kind_combo.setObjectName("editorKind")
        self._kind_combo.setAccessibleName(texts.plain(texts.KIND_LABEL))
        for kind in EntryKind:
            self._kind_combo.addItem(kind.label, kind.value)
        self._kind_label.setBuddy(self._kind_combo)
        self._kind_combo.currentIndexChanged.connect(self._on_kind_changed)

        occurred_label = QLabel(texts.OCCURRED_AT_LABEL, content)
        self._occurred = QDateTimeEdit(content)
        self._occurred.setObjectName("editorOccurredAt")
        self._occurred.setAccessibleName(texts.plain(texts.OCCURRED_AT_LABEL))
        self._occurred.setToolTip(texts.OCCURRED_AT_TOOLTIP)
        self._occurred.setCalendarPopup(True)
        limit_to_journal_range(self._occurred)
        time_format = QLocale().timeFormat(QLocale.FormatType.ShortFormat)
        self._occurred.setDisplayFormat(f"d MMM yyyy  {time_format}")
        occurred_label.setBuddy(self._occurred)
        self._occurred.dateTimeChanged.connect(self._on_occurred_changed)

        self._share = QCheckBox(texts.SHARE_LABEL, content)
        self._share.setObjectName("editorShare")
        self._share.setAccessibleName(texts.plain(texts.SHARE_LABEL))
        self._share.setToolTip(texts.SHARE_TOOLTIP)
        self._share.setAccessibleDescription(texts.SHARE_TOOLTIP)
        self._share.toggled.connect(self._on_user_edit)

        kind_error = self._new_error_label(content, "editorKindError")
        occurred_error = self._new_error_label(content, "editorOccurredAtError")
        self._top_grid = grid
        self._top_columns = (
            (self._kind_label, self._kind_combo, kind_error),
            (occurred_label, self._occurred, occurred_error),
        )
        self._top_layout: tuple[bool, bool] | None = None  # (kind shown, stacked)
        self._arrange_top_rows()
        self._register_error(("kind",), self._kind_combo, kind_error)
        self._register_error(("occurred at", "date", "when"), self._occurred, occurred_error)
        form.addLayout(grid)
        form.addWidget(self._share)

        title_label = QLabel(texts.TITLE_LABEL, content)
        self._title = QLineEdit(content)
        self._title.setObjectName("editorTitle")
        self._title.setAccessibleName(texts.plain(texts.TITLE_LABEL))
        self._title.textEdited.connect(self._on_user_edit)
        self._add_field(form, title_label, self._title, ("title",), "editorTitleError")

    def _build_conversation(self, content: QWidget) -> QWidget:
        box = QWidget(content)
        box.setObjectName("editorConversationTemplate")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(self._form_spacing())
        guided = _QUICK_LINES if self._quick else _GUIDED_LINES
        happened = _QUICK_LINES if self._quick else _WHAT_HAPPENED_LINES

        self._who = self._new_line(box, "editorWho", texts.WHO_PLACEHOLDER)
        self._add_field(layout, QLabel(texts.WHO_LABEL, box), self._who, ("who",), "editorWhoError")
        self._what_happened = self._new_text(
            box, "editorWhatHappened", happened, texts.WHAT_HAPPENED_PLACEHOLDER
        )
        self._add_field(
            layout,
            QLabel(texts.WHAT_HAPPENED_LABEL, box),
            self._what_happened,
            ("what happened",),
            "editorWhatHappenedError",
        )

        # What I felt and how strongly, side by side: they are one question.
        feeling_label = QLabel(texts.FEELING_LABEL, box)
        self._feeling = self._new_line(box, "editorFeeling", texts.FEELING_PLACEHOLDER)
        feeling_label.setBuddy(self._feeling)
        self._feeling.setAccessibleName(texts.plain(texts.FEELING_LABEL))
        intensity_label = QLabel(texts.INTENSITY_LABEL, box)
        self._intensity = QSpinBox(box)
        self._intensity.setObjectName("editorIntensity")
        self._intensity.setAccessibleName(texts.plain(texts.INTENSITY_LABEL))
        self._intensity.setAccessibleDescription(texts.INTENSITY_TOOLTIP)
        self._intensity.setToolTip(texts.INTENSITY_TOOLTIP)
        self._intensity.setRange(_NOT_RATED, 10)
        self._intensity.setSpecialValueText(texts.INTENSITY_NOT_RATED)
        self._intensity.setSuffix(texts.INTENSITY_SUFFIX)
        self._intensity.setValue(_NOT_RATED)
        self._intensity.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self._intensity.valueChanged.connect(self._on_user_edit)
        intensity_label.setBuddy(self._intensity)
        feeling_error = self._new_error_label(box, "editorFeelingError")
        intensity_error = self._new_error_label(box, "editorIntensityError")
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.addWidget(feeling_label, 0, 0)
        grid.addWidget(intensity_label, 0, 1)
        grid.addWidget(self._feeling, 1, 0)
        grid.addWidget(self._intensity, 1, 1)
        grid.addWidget(feeling_error, 2, 0)
        grid.addWidget(intensity_error, 2, 1)
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        self._register_error(("feeling",), self._feeling, feeling_error)
        self._register_error(("intensity",), self._intensity, intensity_error)

        self._my_response = self._new_text(
            box, "editorMyResponse", guided, texts.MY_RESPONSE_PLACEHOLDER
        )
        self._add_field(
            layout,
            QLabel(texts.MY_RESPONSE_LABEL, box),
            self._my_response,
            ("my response",),
            "editorMyResponseError",
        )
        self._impact = self._new_text(box, "editorImpact", guided, texts.IMPACT_PLACEHOLDER)
        self._add_field(
            layout, QLabel(texts.IMPACT_LABEL, box), self._impact, ("impact",), "editorImpactError"
        )
        self._try_next = self._new_text(box, "editorTryNext", guided, texts.TRY_NEXT_PLACEHOLDER)
        self._add_field(
            layout,
            QLabel(texts.TRY_NEXT_LABEL, box),
            self._try_next,
            ("try next",),
            "editorTryNextError",
        )
        return box

    def _build_feedback(self, content: QWidget) -> QWidget:
        box = QWidget(content)
        box.setObjectName("editorFeedbackTemplate")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(self._form_spacing())
        self._feedback_source = self._new_line(
            box, "editorFeedbackSource", texts.FEEDBACK_SOURCE_PLACEHOLDER
        )
        self._add_field(
            layout,
            QLabel(texts.FEEDBACK_SOURCE_LABEL, box),
            self._feedback_source,
            ("feedback source", "source"),
            "editorFeedbackSourceError",
        )
        self._sentiment = QComboBox(box)
        self._sentiment.setObjectName("editorSentiment")
        self._sentiment.setToolTip(texts.SENTIMENT_TOOLTIP)
        self._sentiment.setAccessibleDescription(texts.SENTIMENT_TOOLTIP)
        self._sentiment.addItem(texts.SENTIMENT_NOT_RATED, None)
        for value, words in texts.SENTIMENT_CHOICES:
            self._sentiment.addItem(words, value)
        self._sentiment.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._sentiment.currentIndexChanged.connect(self._on_user_edit)
        self._add_field(
            layout,
            QLabel(texts.SENTIMENT_LABEL, box),
            self._sentiment,
            ("sentiment",),
            "editorSentimentError",
        )
        return box

    def _arrange_top_rows(self) -> None:
        """Kind and date side by side, or one above the other when the pane is too narrow
        for both (a squeezed date field would cut off the time)."""
        kind_shown = not self._kind_combo.isHidden()
        needed = (
            self._kind_combo.sizeHint().width()
            + self._occurred.sizeHint().width()
            + self._top_grid.horizontalSpacing()
        )
        margins = self._scroll.widget().contentsMargins()
        available = (
            self.width()
            - margins.left()
            - margins.right()
            - self._scroll.verticalScrollBar().sizeHint().width()
        )
        arrangement = (kind_shown, kind_shown and available < needed)
        if arrangement == self._top_layout:
            return
        self._top_layout = arrangement
        grid = self._top_grid
        kind_cells, date_cells = self._top_columns
        for widget in (*kind_cells, *date_cells):
            grid.removeWidget(widget)
        if not kind_shown:  # the date alone, in the left half
            cells = [(date_cells, 0, 0), (kind_cells, 0, 1)]
        elif arrangement[1]:
            cells = [(kind_cells, 0, 0), (date_cells, 3, 0)]
        else:
            cells = [(kind_cells, 0, 0), (date_cells, 0, 1)]
        for column_cells, first_row, column in cells:
            for offset, widget in enumerate(column_cells):
                grid.addWidget(widget, first_row + offset, column)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 0 if arrangement[1] else 1)

    def _form_spacing(self) -> int:
        return 6 if self._quick else 10

    def _new_line(self, parent: QWidget, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(parent)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(self._on_user_edit)
        return edit

    def _new_text(
        self, parent: QWidget, name: str, lines: tuple[int, int], placeholder: str = ""
    ) -> QPlainTextEdit:
        edit = QPlainTextEdit(parent)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)  # Tab moves on through the form, as in a line edit
        edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        edit.textChanged.connect(self._on_user_edit)
        self._line_limits[edit] = lines
        # The field grows with what is written, so a long answer stays readable in the
        # form's own scrolling instead of a tiny box; past the limit it scrolls itself.
        edit.textChanged.connect(lambda e=edit: self._fit_height(e))
        edit.installEventFilter(self)  # refits after a resize re-wraps the text
        self._fit_height(edit)
        return edit

    def _fit_height(self, edit: QPlainTextEdit) -> None:
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

    def _new_error_label(self, parent: QWidget, name: str) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.hide()
        self._error_labels.append(label)
        return label

    def _register_error(self, fields: Sequence[str], widget: QWidget, label: QLabel) -> None:
        for name in fields:
            self._error_targets[name] = (widget, label)

    def _add_field(
        self,
        layout: QVBoxLayout,
        label: QLabel,
        widget: QWidget,
        fields: Sequence[str],
        error_name: str,
    ) -> None:
        """Label above field above its (hidden) error line, as one tight group."""
        group = QVBoxLayout()
        group.setSpacing(2)
        label.setBuddy(widget)
        if not widget.accessibleName():
            widget.setAccessibleName(texts.plain(label.text()))
        error = self._new_error_label(label.parentWidget() or self, error_name)
        group.addWidget(label)
        group.addWidget(widget)
        group.addWidget(error)
        layout.addLayout(group)
        self._register_error(fields, widget, error)

    # public API ----------------------------------------------------------------------
    def new_entry(self, kind: EntryKind, occurred_at: datetime) -> None:
        """An empty editor for a new entry of ``kind`` (a conversation when quick)."""
        if self._quick:
            kind = EntryKind.CONVERSATION
        self.load(EntryDraft(kind=kind, occurred_at=occurred_at))

    def load(self, draft: EntryDraft) -> None:
        """Show ``draft``; its ``entry_id`` and ``extra`` come back from :meth:`draft`."""
        self._loading += 1
        try:
            self._clear_errors()
            self._entry_id = draft.entry_id
            self._extra = dict(draft.extra)
            occurred = draft.occurred_at
            self._occurred_at = occurred if occurred.tzinfo else occurred.astimezone()
            self._show_occurred_at()
            self._set_kind(draft.kind)
            self._title.setText(draft.title)
            self._body.setPlainText(draft.body)
            self._who.setText(draft.who)
            self._what_happened.setPlainText(draft.what_happened)
            self._feeling.setText(draft.feeling)
            self._intensity.setValue(_NOT_RATED if draft.intensity is None else draft.intensity)
            self._my_response.setPlainText(draft.my_response)
            self._impact.setPlainText(draft.impact)
            self._try_next.setPlainText(draft.try_next)
            self._feedback_source.setText(draft.feedback_source)
            index = self._sentiment.findData(draft.sentiment) if draft.sentiment is not None else 0
            self._sentiment.setCurrentIndex(max(index, 0))
            self._level_picker.set_level(draft.level)
            self._tags.set_tags(draft.tags)
            self._share.setChecked(draft.share_with_coach)
            for edit in (self._title, self._who, self._feeling, self._feedback_source, self._tags):
                edit.setCursorPosition(0)  # show the start of a long line, not its end
            self._modified = False
        finally:
            self._loading -= 1
        self._scroll.verticalScrollBar().setValue(0)

    def draft(self) -> EntryDraft:
        """What the editor shows now, every field included (hidden ones too)."""
        intensity = self._intensity.value()
        sentiment = self._sentiment.currentData()
        return EntryDraft(
            kind=self._kind,
            occurred_at=self._occurred_at,
            entry_id=self._entry_id,
            title=self._title.text(),
            body=_plain_text(self._body),
            level=self._level_picker.level(),
            tags=self._tags.tags(),
            share_with_coach=self._share.isChecked(),
            who=self._who.text(),
            what_happened=_plain_text(self._what_happened),
            feeling=self._feeling.text(),
            intensity=None if intensity == _NOT_RATED else intensity,
            my_response=_plain_text(self._my_response),
            impact=_plain_text(self._impact),
            try_next=_plain_text(self._try_next),
            feedback_source=self._feedback_source.text(),
            sentiment=sentiment if isinstance(sentiment, int) else None,
            extra=dict(self._extra),
        )

    def set_entry_id(self, entry_id: int | None) -> None:
        """The stored entry being edited (after the first save of a new entry)."""
        self._entry_id = entry_id

    def is_modified(self) -> bool:
        return self._modified

    def set_modified(self, modified: bool) -> None:
        self._modified = modified

    def set_tag_suggestions(self, tags: Sequence[str]) -> None:
        """Tags to complete from in the tag field, most used first."""
        self._tags.set_suggestions(tags)

    def show_error(self, error: ValidationError) -> None:
        """Show ``error`` under the field it is about (or at the top) and focus that field.

        The message goes away with the next edit.
        """
        self._clear_errors()
        message = texts.ERROR_PREFIX + self._sentence(str(error))
        key = error.field.casefold().replace("_", " ").strip()
        widget, label = self._error_targets.get(key, (None, None))
        if key == texts.NOTHING_WRITTEN_FIELD and not _plain_text(self._body).strip():
            # "Nothing written yet" is about the whole entry, not the notes field.
            widget, label = None, None
        if widget is None or label is None or not widget.isVisibleTo(self):
            self._show_error_label(self._top_error, message)
            self.focus_first_field()
            self._scroll.verticalScrollBar().setValue(0)
            return
        self._show_error_label(label, message)
        # Screen readers announce the description with the field when it takes focus.
        self._described = (widget, widget.accessibleDescription())
        widget.setAccessibleDescription(message)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self._scroll.ensureWidgetVisible(label)
        self._scroll.ensureWidgetVisible(widget)

    def clear(self) -> None:
        """Empty every field, the undo history and the tag suggestions (on lock)."""
        self._loading += 1
        try:
            self._clear_errors()
            self._entry_id = None
            self._extra = {}
            # setText() and setPlainText() also drop the undo history, so Ctrl+Z cannot
            # bring the text back after the journal is locked (QLineEdit.clear() would).
            for line in (self._title, self._who, self._feeling, self._feedback_source, self._tags):
                line.setText("")
            for text in self._text_edits():
                text.setPlainText("")
            self._intensity.setValue(_NOT_RATED)
            self._sentiment.setCurrentIndex(0)
            self._level_picker.set_level(None)
            self._share.setChecked(False)
            self._tags.set_suggestions(())
            self._modified = False
        finally:
            self._loading -= 1

    def focus_first_field(self) -> None:
        """Focus where writing starts: "who" for a conversation, else the title."""
        widget = self._who if self._kind is EntryKind.CONVERSATION else self._title
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self._scroll.ensureWidgetVisible(widget)

    # behaviour -----------------------------------------------------------------------
    def _text_edits(self) -> tuple[QPlainTextEdit, ...]:
        return (self._what_happened, self._my_response, self._impact, self._try_next, self._body)

    def _on_user_edit(self, *_args: object) -> None:
        if self._loading:
            return
        self._modified = True
        self._clear_errors()
        self.changed.emit()

    def _set_kind(self, kind: EntryKind) -> None:
        index = self._kind_combo.findData(kind.value)
        if index == self._kind_combo.currentIndex():
            self._apply_kind(kind)
        else:
            self._kind_combo.setCurrentIndex(index)  # -> _on_kind_changed

    def _on_kind_changed(self, index: int) -> None:
        self._apply_kind(EntryKind(self._kind_combo.itemData(index)))
        self._on_user_edit()

    def _apply_kind(self, kind: EntryKind) -> None:
        """Show the template of ``kind``; the other fields keep their text, hidden."""
        self._kind = kind
        kind_texts = texts.KIND_TEXTS[kind]
        self._conversation_box.setVisible(kind is EntryKind.CONVERSATION)
        self._feedback_box.setVisible(kind is EntryKind.FEEDBACK)
        if self._quick:
            # Quick capture is for conversations; a recovered draft of another kind still
            # shows what it is.
            shown = kind is not EntryKind.CONVERSATION
            self._kind_label.setVisible(shown)
            self._kind_combo.setVisible(shown)
            self._arrange_top_rows()
        self._kind_hint.setText(kind_texts.hint)
        self._kind_hint.setVisible(bool(kind_texts.hint) and not self._quick)
        self._title.setPlaceholderText(kind_texts.title_placeholder)
        self._body_label.setText(kind_texts.body_label)
        self._body.setAccessibleName(texts.plain(kind_texts.body_label))
        self._body.setPlaceholderText(kind_texts.body_placeholder)
        self._line_limits[self._body] = _QUICK_LINES if self._quick else _BODY_LINES[kind]
        self._fit_height(self._body)

    def _show_occurred_at(self) -> None:
        self._loading += 1
        try:
            millis = round(self._occurred_at.timestamp() * 1000)
            self._occurred.setDateTime(QDateTime.fromMSecsSinceEpoch(millis))
        finally:
            self._loading -= 1

    def _on_occurred_changed(self, value: QDateTime) -> None:
        if self._loading:
            return
        # The widget shows local time; the draft keeps the time zone it was loaded with.
        millis = value.toMSecsSinceEpoch()
        tz = self._occurred_at.tzinfo or _local_tz()
        self._occurred_at = datetime.fromtimestamp(millis // 1000, tz) + timedelta(
            milliseconds=millis % 1000
        )
        self._on_user_edit()

    @staticmethod
    def _sentence(message: str) -> str:
        return message[:1].upper() + message[1:] if message else message

    def _show_error_label(self, label: QLabel, message: str) -> None:
        label.setStyleSheet(error_style(self.palette()))
        label.setText(message)
        label.show()

    def _clear_errors(self) -> None:
        if self._described is not None:
            widget, description = self._described
            widget.setAccessibleDescription(description)
            self._described = None
        for label in self._error_labels:
            if not label.isHidden() or label.text():
                label.hide()
                label.clear()

    # Qt overrides --------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange_top_rows()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched in self._line_limits:
            edit = watched
            # QPlainTextEdit re-wraps in its own resizeEvent, after this filter: refit then.
            QTimer.singleShot(0, edit, lambda: self._fit_height(edit))
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
