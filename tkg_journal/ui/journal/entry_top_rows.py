"""The top of the entry page: one compact row of what the entry *is* (kind, date, level,
tags, sharing) and the title, large, under it.

The row is a :class:`~tkg_journal.ui.common.flow_layout.FlowLayout`: on a wide page it
is one line, on a narrow pane (or at 200%) it wraps, never pushing the page sideways.
Each control has a small caption as its buddy (Alt+K, Alt+D, Alt+L, Alt+G). The level
is a :class:`~tkg_journal.ui.common.level_button.LevelButton`: a pyramid icon and the
level's name, the full pyramid in its popup. Errors about any of them show in one line
under the row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QLocale
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.entries import EntryKind
from tkg_journal.ui.common.flow_layout import flow_row
from tkg_journal.ui.common.journal_dates import limit_to_journal_range
from tkg_journal.ui.common.level_button import LevelButton
from tkg_journal.ui.journal import entry_texts as texts
from tkg_journal.ui.journal.entry_form_fields import EntryFormFields
from tkg_journal.ui.journal.entry_page_style import caption_font, prompt_font, title_font
from tkg_journal.ui.journal.tag_edit import TagEdit

W = TypeVar("W", bound=QWidget)

#: The tag field's width in average characters: a few tags, then it scrolls.
_TAG_CHARACTERS = 26


def _captioned(parent: QWidget, caption: str, make: Callable[[QWidget], W]) -> tuple[QWidget, W]:
    """A control made by ``make`` with a small caption before it, its buddy, as one item
    of the row (made inside the item, so the Tab chain follows the row)."""
    item = QWidget(parent)
    label = QLabel(caption, item)
    label.setFont(caption_font(label.font()))
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    control = make(item)
    item.setObjectName(f"{control.objectName()}Item")
    label.setBuddy(control)
    if not control.accessibleName():
        control.setAccessibleName(texts.plain(caption))
    layout = QHBoxLayout(item)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    layout.addWidget(label)
    layout.addWidget(control)
    return item, control


def _kind_combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName("editorKind")
    for kind in EntryKind:
        combo.addItem(kind.label, kind.value)
    return combo


def _occurred_edit(parent: QWidget) -> QDateTimeEdit:
    edit = QDateTimeEdit(parent)
    edit.setObjectName("editorOccurredAt")
    edit.setToolTip(texts.OCCURRED_AT_TOOLTIP)
    edit.setCalendarPopup(True)
    limit_to_journal_range(edit)
    time_format = QLocale().timeFormat(QLocale.FormatType.ShortFormat)
    edit.setDisplayFormat(f"d MMM yyyy  {time_format}")
    return edit


def _level_button(parent: QWidget) -> LevelButton:
    button = LevelButton(parent)
    button.setObjectName("editorLevel")
    return button


def _tag_edit(parent: QWidget) -> TagEdit:
    edit = TagEdit(parent)
    edit.setObjectName("editorTags")
    edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * _TAG_CHARACTERS)
    return edit


class EntryTopRows:
    """Makes the row and the title inside ``content``; the editor places ``row``,
    ``errors`` and ``title_group`` and connects the kind, the date and the level (the
    share box, the tags and the title report their edits through ``fields``)."""

    def __init__(self, content: QWidget, fields: EntryFormFields) -> None:
        # Made in the order of the Tab chain: kind, date, level, tags, share, title.
        self.row = QWidget(content)
        self.row.setObjectName("editorMetaRow")
        kind_item, self.kind_combo = _captioned(self.row, texts.KIND_LABEL, _kind_combo)
        occurred_item, self.occurred = _captioned(
            self.row, texts.OCCURRED_AT_LABEL, _occurred_edit
        )
        self.level_item, self.level = _captioned(self.row, texts.LEVEL_LABEL, _level_button)
        tags_item, self.tags = _captioned(self.row, texts.TAGS_LABEL, _tag_edit)

        self.share = QCheckBox(texts.SHARE_LABEL, self.row)
        self.share.setObjectName("editorShare")
        self.share.setAccessibleName(texts.plain(texts.SHARE_LABEL))
        self.share.setToolTip(texts.SHARE_TOOLTIP)
        self.share.setAccessibleDescription(texts.SHARE_TOOLTIP)
        self.share.toggled.connect(fields.report_edit)
        self._items = (kind_item, occurred_item, self.level_item, tags_item, self.share)
        flow = flow_row(list(self._items), self.row)
        flow.setSpacing(14)

        # The row's errors go under the whole row: under the control they name, they
        # would move the row's other controls as they come and go. (Hidden, they take no
        # room: the editor adds them to its layout one by one.)
        self.errors: list[QLabel] = []
        for name, field, keys in (
            ("editorKindError", self.kind_combo, ("kind",)),
            ("editorOccurredAtError", self.occurred, ("occurred at", "date", "when")),
            ("editorLevelError", self.level, ("level",)),
            ("editorTagsError", self.tags, ("tag", "tags")),
        ):
            label = fields.new_error_label(content, name)
            self.errors.append(label)
            fields.register_error(keys, field, label)

        self.title_group = QWidget(content)
        self.title_group.setObjectName("editorTitleGroup")
        title_label = QLabel(texts.TITLE_LABEL, self.title_group)
        title_label.setFont(caption_font(title_label.font()))
        title_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.title = QLineEdit(self.title_group)
        self.title.setObjectName("editorTitle")
        self.title.setAccessibleName(texts.plain(texts.TITLE_LABEL))
        self.title.setFont(title_font(self.title.font()))
        self.title.textEdited.connect(fields.report_edit)
        title_layout = QVBoxLayout(self.title_group)
        title_layout.setContentsMargins(0, 0, 0, 0)
        fields.add_field(title_layout, title_label, self.title, ("title",), prompt=False)

    def show_only_level(self) -> None:
        """Quick capture: of the row only the level, its caption a question like the
        others on that page (the rest is for the full entry)."""
        for item in self._items:
            item.setVisible(item is self.level_item)
        caption = self.level_item.findChild(QLabel)
        if caption is not None:
            caption.setFont(prompt_font(caption.font()))
            caption.setForegroundRole(QPalette.ColorRole.WindowText)
