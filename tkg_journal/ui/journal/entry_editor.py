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

This module holds the editor's logic (load, draft, clear, errors, the kind and the time);
the form is made of :class:`EntryTopRows` (kind, date, share, title), the templates of
``entry_templates`` and the fields of ``entry_form_fields``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.drafts import EntryDraft
from tkg_journal.domain.entries import EntryKind
from tkg_journal.domain.errors import ValidationError
from tkg_journal.ui.journal import entry_texts as texts
from tkg_journal.ui.journal.entry_form_fields import EntryFormFields, Lines, plain_text
from tkg_journal.ui.journal.entry_page_style import (
    SECTION_SPACING,
    apply_page_style,
    reading_width,
    title_font,
)
from tkg_journal.ui.journal.entry_templates import ConversationTemplate, FeedbackTemplate
from tkg_journal.ui.journal.entry_top_rows import EntryTopRows

#: Lines a multi-line field shows when empty, and how far it grows before it scrolls.
_GUIDED_LINES = (2, 12)
_WHAT_HAPPENED_LINES = (3, 12)
_BODY_LINES: dict[EntryKind, Lines] = {
    EntryKind.CONVERSATION: (3, 40),
    EntryKind.FEEDBACK: (5, 40),
    EntryKind.REFLECTION: (10, 40),
    EntryKind.COACH_NOTES: (10, 40),
    EntryKind.FREE: (10, 40),
}
_QUICK_LINES = (2, 8)
#: Space left and right of the page's text (px at 100%).
_PAGE_MARGIN = 24
_QUICK_MARGIN = 12


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

        self._scroll = QScrollArea(self)
        self._scroll.setObjectName("editorScroll")
        self._scroll.setAccessibleName(texts.SCROLL_ACCESSIBLE_NAME)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._content = QWidget()
        self._content.setObjectName("editorContent")
        self._scroll.setWidget(self._content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._scroll)
        self._fields = EntryFormFields(self._scroll, self._on_user_edit, self)
        self._build_form(self._content)

        self._top.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self._top.occurred.dateTimeChanged.connect(self._on_occurred_changed)
        self._level.level_changed.connect(self._on_user_edit)
        self._tags.textEdited.connect(self._on_user_edit)
        for widget in (
            self._top.kind_combo,
            self._top.occurred,
            self._conversation.intensity,
            self._feedback.sentiment,
        ):
            self._fields.guard_wheel(widget)
        self._apply_kind(self._kind)
        self._show_occurred_at()

    def _build_form(self, content: QWidget) -> None:
        """The page, top to bottom. Widgets are made with their final parent in this
        order, so the focus chain (the Tab order) follows the page."""
        fields, quick = self._fields, self._quick
        columns = QHBoxLayout(content)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addStretch(1)
        self._page = QWidget(content)
        self._page.setObjectName("editorPage")
        columns.addWidget(self._page, 100)
        columns.addStretch(1)
        form = QVBoxLayout(self._page)
        side = _QUICK_MARGIN if quick else _PAGE_MARGIN
        form.setContentsMargins(side, 12, side, 12)
        form.setSpacing(8 if quick else SECTION_SPACING)
        self._top_error = fields.new_error_label(self._page, "editorError")
        form.addWidget(self._top_error)
        self._top = EntryTopRows(self._page, fields)
        self._level = self._top.level
        self._tags = self._top.tags
        if not quick:
            form.addWidget(self._top.row)
            for error in self._top.errors:
                form.addWidget(error)
            form.addWidget(self._top.title_group)
        self._kind_hint = QLabel(self._page)
        self._kind_hint.setObjectName("editorKindHint")
        self._kind_hint.setWordWrap(True)
        self._kind_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        form.addWidget(self._kind_hint)
        self._conversation = ConversationTemplate(
            self._page,
            fields,
            spacing=form.spacing(),
            guided=_QUICK_LINES if quick else _GUIDED_LINES,
            happened=_QUICK_LINES if quick else _WHAT_HAPPENED_LINES,
        )
        form.addWidget(self._conversation)
        self._feedback = FeedbackTemplate(self._page, fields, spacing=form.spacing())
        form.addWidget(self._feedback)

        self._body_label = QLabel(self._page)
        self._body = fields.new_text(self._page, "editorBody", _BODY_LINES[EntryKind.FREE])
        fields.add_field(form, self._body_label, self._body, ("text", "body"))
        if quick:
            # A minute's capture: who, what happened, the feeling, then the level.
            self._top.show_only_level()
            self._top.title_group.hide()
            form.addWidget(self._top.row)
            for error in self._top.errors:
                form.addWidget(error)
            QWidget.setTabOrder(self._conversation.intensity, self._level)
        form.addStretch(1)
        apply_page_style(self)
        self._fit_reading_width()

    def _fit_reading_width(self) -> None:
        margins = self._page.contentsMargins()
        self._page.setMaximumWidth(reading_width(self._body.font(), margins.left()))

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
            self._fields.clear_errors()
            self._entry_id = draft.entry_id
            self._extra = dict(draft.extra)
            occurred = draft.occurred_at
            self._occurred_at = occurred if occurred.tzinfo else occurred.astimezone()
            self._show_occurred_at()
            self._set_kind(draft.kind)
            self._top.title.setText(draft.title)
            self._body.setPlainText(draft.body)
            self._conversation.load(draft)
            self._feedback.load(draft)
            self._level.set_level(draft.level)
            self._tags.set_tags(draft.tags)
            self._top.share.setChecked(draft.share_with_coach)
            for edit in self._line_edits():
                edit.setCursorPosition(0)  # show the start of a long line, not its end
            self._show_quick_fields()
            self._modified = False
        finally:
            self._loading -= 1
        self._scroll.verticalScrollBar().setValue(0)

    def draft(self) -> EntryDraft:
        """What the editor shows now, every field included (hidden ones too)."""
        draft = EntryDraft(
            kind=self._kind,
            occurred_at=self._occurred_at,
            entry_id=self._entry_id,
            title=self._top.title.text(),
            body=plain_text(self._body),
            level=self._level.level(),
            tags=self._tags.tags(),
            share_with_coach=self._top.share.isChecked(),
            extra=dict(self._extra),
        )
        return self._feedback.into(self._conversation.into(draft))

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
        self._fields.clear_errors()
        message = texts.ERROR_PREFIX + self._sentence(str(error))
        key = error.field.casefold().replace("_", " ").strip()
        target = self._fields.target(key)
        if key == texts.NOTHING_WRITTEN_FIELD and not plain_text(self._body).strip():
            # "Nothing written yet" is about the whole entry, not the notes field.
            target = None
        if target is None or not target[0].isVisibleTo(self):
            self._fields.show_error(self._top_error, message, self.palette())
            self.focus_first_field()
            self._scroll.verticalScrollBar().setValue(0)
            return
        widget, label = target
        self._fields.show_error(label, message, self.palette())
        self._fields.describe(widget, message)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self._scroll.ensureWidgetVisible(label)
        self._scroll.ensureWidgetVisible(widget)

    def clear(self) -> None:
        """Empty every field, the undo history and the tag suggestions (on lock)."""
        self._loading += 1
        try:
            self._fields.clear_errors()
            self._entry_id = None
            self._extra = {}
            # setText() and setPlainText() also drop the undo history, so Ctrl+Z cannot
            # bring the text back after the journal is locked (QLineEdit.clear() would).
            for line in self._line_edits():
                line.setText("")
            for text in self._text_edits():
                text.setPlainText("")
            self._conversation.intensity.set_rating(None)
            self._feedback.sentiment.setCurrentIndex(0)
            self._level.set_level(None)
            self._top.share.setChecked(False)
            self._tags.set_suggestions(())
            self._modified = False
        finally:
            self._loading -= 1

    def set_writing_points(self, points: int) -> None:
        """Show the writing (the fields, not their labels) in ``points``-sized text;
        0: the app's own size (Preferences ▸ Writing text size)."""
        font = QFont()  # only the size is set: the rest still comes from the app
        if points > 0:
            font.setPointSize(points)
        for field in (*self._line_edits(), *self._text_edits()):
            if field is not self._tags:  # a control of the row, not writing
                field.setFont(font)
        self._top.title.setFont(title_font(font))
        self._fit_reading_width()

    def focus_first_field(self) -> None:
        """Focus where writing starts: "who" for a conversation, else the title."""
        widget = self._conversation.who if self._kind is EntryKind.CONVERSATION else self._top.title
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self._scroll.ensureWidgetVisible(widget)

    def focus_first_open_question(self) -> None:
        """Focus the first answer still empty (after a quick capture: "My response"),
        else the title."""
        answers: tuple[QLineEdit | QPlainTextEdit, ...] = (self._top.title, self._body)
        if self._kind is EntryKind.CONVERSATION:
            talk = self._conversation
            answers = (talk.who, talk.what_happened, talk.feeling, talk.my_response,
                       talk.impact, talk.try_next, self._body)
        for answer in answers:
            text = answer.text() if isinstance(answer, QLineEdit) else plain_text(answer)
            if not text.strip() and answer.isVisibleTo(self):
                answer.setFocus(Qt.FocusReason.OtherFocusReason)
                self._scroll.ensureWidgetVisible(answer)
                return
        self._top.title.setFocus(Qt.FocusReason.OtherFocusReason)

    # behaviour -----------------------------------------------------------------------
    def _line_edits(self) -> tuple[QLineEdit, ...]:
        conversation = self._conversation
        return (
            self._top.title,
            conversation.who,
            conversation.feeling,
            self._feedback.source,
            self._tags,
        )

    def _text_edits(self) -> tuple[QPlainTextEdit, ...]:
        return (*self._conversation.text_edits(), self._body)

    def _on_user_edit(self, *_args: object) -> None:
        if self._loading:
            return
        self._modified = True
        self._fields.clear_errors()
        self.changed.emit()

    def _set_kind(self, kind: EntryKind) -> None:
        combo = self._top.kind_combo
        index = combo.findData(kind.value)
        if index == combo.currentIndex():
            self._apply_kind(kind)
        else:
            combo.setCurrentIndex(index)  # -> _on_kind_changed

    def _on_kind_changed(self, index: int) -> None:
        self._apply_kind(EntryKind(self._top.kind_combo.itemData(index)))
        self._on_user_edit()

    def _apply_kind(self, kind: EntryKind) -> None:
        """Show the template of ``kind``; the other fields keep their text, hidden."""
        self._kind = kind
        kind_texts = texts.KIND_TEXTS[kind]
        self._conversation.setVisible(kind is EntryKind.CONVERSATION)
        self._feedback.setVisible(kind is EntryKind.FEEDBACK)
        self._kind_hint.setText(kind_texts.hint)
        self._kind_hint.setVisible(bool(kind_texts.hint) and not self._quick)
        self._show_quick_fields()
        self._top.title.setPlaceholderText(kind_texts.title_placeholder)
        self._body_label.setText(kind_texts.body_label)
        self._body.setAccessibleName(texts.plain(kind_texts.body_label))
        self._body.setPlaceholderText(kind_texts.body_placeholder)
        self._fields.set_lines(self._body, _QUICK_LINES if self._quick else _BODY_LINES[kind])

    def _show_quick_fields(self) -> None:
        """Quick capture shows who, what happened, the feeling and the level; the other
        answers only when they hold text (a recovered draft), which is never hidden."""
        if not self._quick:
            return
        conversation = self._conversation
        for edit in (conversation.my_response, conversation.impact, conversation.try_next):
            self._fields.show_field(edit, bool(plain_text(edit)))
        self._fields.show_field(self._body, bool(plain_text(self._body)))

    def _show_occurred_at(self) -> None:
        self._loading += 1
        try:
            millis = round(self._occurred_at.timestamp() * 1000)
            self._top.occurred.setDateTime(QDateTime.fromMSecsSinceEpoch(millis))
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

