"""The rows at the top of the entry form, the same for every kind: the kind and the date
and time, "Share with my coach", and the title.

The kind and the date stand side by side, or one above the other when the pane is too
narrow for both (a squeezed date field would cut off the time); with the kind hidden
(quick capture) the date stands alone in the left half.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.entries import EntryKind
from tkg_journal.ui.common.journal_dates import limit_to_journal_range
from tkg_journal.ui.journal import entry_texts as texts
from tkg_journal.ui.journal.entry_form_fields import EntryFormFields


class EntryTopRows:
    """Makes the top rows inside ``content``, added to ``form``; the editor connects
    ``kind_combo`` and ``occurred`` (the share box and the title report their edits
    through ``fields``)."""

    def __init__(self, content: QWidget, form: QVBoxLayout, fields: EntryFormFields) -> None:
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(2)
        self.kind_label = QLabel(texts.KIND_LABEL, content)
        self.kind_combo = QComboBox(content)
        self.kind_combo.setObjectName("editorKind")
        self.kind_combo.setAccessibleName(texts.plain(texts.KIND_LABEL))
        for kind in EntryKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.kind_label.setBuddy(self.kind_combo)

        occurred_label = QLabel(texts.OCCURRED_AT_LABEL, content)
        self.occurred = QDateTimeEdit(content)
        self.occurred.setObjectName("editorOccurredAt")
        self.occurred.setAccessibleName(texts.plain(texts.OCCURRED_AT_LABEL))
        self.occurred.setToolTip(texts.OCCURRED_AT_TOOLTIP)
        self.occurred.setCalendarPopup(True)
        limit_to_journal_range(self.occurred)
        time_format = QLocale().timeFormat(QLocale.FormatType.ShortFormat)
        self.occurred.setDisplayFormat(f"d MMM yyyy  {time_format}")
        occurred_label.setBuddy(self.occurred)

        self.share = QCheckBox(texts.SHARE_LABEL, content)
        self.share.setObjectName("editorShare")
        self.share.setAccessibleName(texts.plain(texts.SHARE_LABEL))
        self.share.setToolTip(texts.SHARE_TOOLTIP)
        self.share.setAccessibleDescription(texts.SHARE_TOOLTIP)
        self.share.toggled.connect(fields.report_edit)

        kind_error = fields.new_error_label(content, "editorKindError")
        occurred_error = fields.new_error_label(content, "editorOccurredAtError")
        self._columns: tuple[tuple[QWidget, ...], tuple[QWidget, ...]] = (
            (self.kind_label, self.kind_combo, kind_error),
            (occurred_label, self.occurred, occurred_error),
        )
        self._arrangement: tuple[bool, bool] | None = None  # (kind shown, stacked)
        fields.register_error(("kind",), self.kind_combo, kind_error)
        fields.register_error(("occurred at", "date", "when"), self.occurred, occurred_error)
        form.addLayout(self.grid)
        form.addWidget(self.share)

        title_label = QLabel(texts.TITLE_LABEL, content)
        self.title = QLineEdit(content)
        self.title.setObjectName("editorTitle")
        self.title.setAccessibleName(texts.plain(texts.TITLE_LABEL))
        self.title.textEdited.connect(fields.report_edit)
        fields.add_field(form, title_label, self.title, ("title",))

    def show_kind(self, shown: bool) -> None:
        """Show or hide the kind picker (quick capture hides it for a conversation)."""
        self.kind_label.setVisible(shown)
        self.kind_combo.setVisible(shown)

    def arrange(self, available: int) -> None:
        """Kind and date side by side, or stacked when ``available`` (px) is too narrow."""
        kind_shown = not self.kind_combo.isHidden()
        needed = (
            self.kind_combo.sizeHint().width()
            + self.occurred.sizeHint().width()
            + self.grid.horizontalSpacing()
        )
        arrangement = (kind_shown, kind_shown and available < needed)
        if arrangement == self._arrangement:
            return
        self._arrangement = arrangement
        grid = self.grid
        kind_cells, date_cells = self._columns
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
