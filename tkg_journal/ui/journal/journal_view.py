"""The Journal section: search and filters, the entry list, and the editor beside it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.drafts import EntryDraft
from tkg_journal.domain.entries import Entry, EntryKind
from tkg_journal.domain.search import EntryFilter
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.journal import Journal
from tkg_journal.ui.common.divider import name_divider
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.value_label import ValueLabel
from tkg_journal.ui.journal.entry_autosave import EntryAutosave
from tkg_journal.ui.journal.entry_editor import EntryEditor
from tkg_journal.ui.journal.entry_ids_banner import EntryIdsBanner
from tkg_journal.ui.journal.entry_list_model import EntryIdRole, EntryListModel
from tkg_journal.ui.journal.entry_row_delegate import EntryRowDelegate
from tkg_journal.ui.journal.journal_filter_bar import JournalFilterBar

EMPTY_JOURNAL = (
    "No entries yet.\nPress Ctrl+N to write your first,\nor Ctrl+Shift+N for a quick capture."
)
NO_MATCHES = "Nothing matches.\nTry fewer words, or clear the filters."
NEW_ENTRY_HEADING = "New entry"
RECOVERED_HEADING = "Recovered draft"
DELETE_QUESTION = "Delete this entry? This cannot be undone."


class EntryListView(QListView):
    """The list, with a friendly line instead of a blank area when there is nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = EMPTY_JOURNAL

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            colour = self.palette().color(self.foregroundRole())
            colour.setAlphaF(0.65)
            painter.setPen(colour)
            painter.drawText(self.viewport().rect().adjusted(16, 24, -16, -16),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                             | Qt.TextFlag.TextWordWrap, self.empty_text)


class JournalView(QWidget):
    """Signals:
        status(str): a line for the status bar (save state, counts).
        error(object): a storage error the window shows in a dialog.
        entry_saved(object): an Entry was saved here (other views may refresh).
    """

    status = Signal(str)
    error = Signal(object)
    entry_saved = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journalView")
        self._journal: Journal | None = None
        self._selecting = False  # the view moves the selection itself: do not open again
        self._switching = False  # keeping the old entry while another one opens
        self._only: tuple[int, ...] | None = None  # show_only's entries, until cleared

        self.filter_bar = JournalFilterBar()
        self.only_banner = EntryIdsBanner()
        self.only_banner.cleared.connect(self.show_every_entry)
        self.model = EntryListModel(self)
        self.list = EntryListView()
        self.list.setObjectName("entryList")
        self.list.setAccessibleName("Entries")
        self.list.setModel(self.model)
        self.list.setItemDelegate(EntryRowDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.count_label = named(ValueLabel("Entries shown"), "entryCount")

        left = named(QWidget(), "entryListPane")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.only_banner)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.count_label)

        self.heading = named(QLabel(NEW_ENTRY_HEADING), "editorHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.editor = EntryEditor()
        right = named(QWidget(), "editorPane")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 8, 8, 8)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.editor, 1)

        self.splitter = named(QSplitter(Qt.Orientation.Horizontal), "journalSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        name_divider(self.splitter, "the list and the entry")
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.autosave = EntryAutosave(self.editor, lambda: self._journal, self)
        self.autosave.saved.connect(self._on_saved)
        self.autosave.status_changed.connect(self.status)
        self.autosave.failed.connect(self.error)
        self.filter_bar.changed.connect(self._apply_filters)
        self.filter_bar.escape_pressed.connect(self.focus_list)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.model.modelReset.connect(self._after_reset)
        self.model.rowsInserted.connect(self._update_count)
        self.model.rowsRemoved.connect(self._update_count)
        self.setTabOrder(self.filter_bar.search, self.list)

    # --- the journal ------------------------------------------------------------------------
    @property
    def journal(self) -> Journal | None:
        return self._journal

    def set_journal(self, journal: Journal | None) -> None:
        """Show ``journal``; ``None`` (locking) empties every widget of the user's text."""
        self.autosave.stop()
        self._journal = journal
        self.autosave.draft_id = None
        self._only = None
        self.only_banner.dismiss()
        self.filter_bar.blockSignals(True)
        self.filter_bar.clear()
        self.filter_bar.blockSignals(False)
        self.editor.clear()
        self.model.set_journal(journal)
        if journal is None:
            self.filter_bar.set_tags([])
            return
        self._refresh_tags()
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))
        else:
            self.new_entry(EntryKind.CONVERSATION)

    def _refresh_tags(self) -> None:
        if self._journal is None:
            return
        tags = [tag for tag, _count in self._journal.tags()]
        self.filter_bar.set_tags(tags)
        self.editor.set_tag_suggestions(tags)

    # --- list -------------------------------------------------------------------------------
    def _apply_filters(self) -> None:
        if self._journal is None:
            return
        filters = replace(self.filter_bar.filters(), entry_ids=self._only)
        self.model.set_query(filters, self.filter_bar.search_text())

    def _is_filtering(self) -> bool:
        return self.model.filters != EntryFilter()

    def show_only(self, entry_ids: Sequence[int], what: str) -> None:
        """List only ``entry_ids`` (newest first, paged as ever) under a chip that says
        ``what`` they are ("42 conversations with Sam") and clears it; the search and the
        other filters start empty, so every one of them shows."""
        if self._journal is None:
            return
        self._only = tuple(entry_ids)
        self.only_banner.show_what(what)
        self.filter_bar.blockSignals(True)
        self.filter_bar.clear()
        self.filter_bar.blockSignals(False)
        self._apply_filters()
        self.focus_list()

    def shown_only(self) -> tuple[int, ...] | None:
        """The entries :meth:`show_only` narrowed the list to (None: no such chip)."""
        return self._only

    def show_every_entry(self) -> None:
        """Take the chip away: every entry within the other filters."""
        self._only = None
        self.only_banner.dismiss()
        self._apply_filters()

    def _after_reset(self) -> None:
        searching = self.model.is_searching() or self._is_filtering()
        self.list.empty_text = NO_MATCHES if searching else EMPTY_JOURNAL
        self._update_count()
        # Keep the open entry highlighted if it is still in the list.
        if self._journal is not None:
            self._select_entry(self.editor.draft().entry_id)

    def _select_entry(self, entry_id: int | None) -> None:
        """Highlight the entry's row (if loaded) without opening it again."""
        row = self.model.row_of(entry_id) if entry_id is not None else None
        selection = self.list.selectionModel()
        self._selecting = True
        try:
            if row is None:
                selection.clearSelection()
            else:
                selection.setCurrentIndex(self.model.index(row),
                                          QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._selecting = False

    def _update_count(self) -> None:
        if self._journal is None:
            self.count_label.clear()
            return
        total = self.model.total()
        noun = "entry" if total == 1 else "entries"
        if self.model.is_searching():
            more = "+" if total >= 500 else ""
            self.count_label.setText(f"{total}{more} {noun} found")
        elif self._is_filtering():
            self.count_label.setText(f"{total:,} {noun} match the filters")
        else:
            self.count_label.setText(f"{total:,} {noun}")

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self._journal is None or self._selecting:
            return
        entry_id = current.data(EntryIdRole)
        if entry_id == self.editor.draft().entry_id and not self._is_new_unsaved():
            return
        self.open_entry(entry_id)

    def _is_new_unsaved(self) -> bool:
        return self.editor.draft().entry_id is None and self.editor.is_modified()

    def open_entry(self, entry_id: int) -> None:
        """Show a stored entry in the editor (after keeping what was being written)."""
        if self._journal is None:
            return
        self._switching = True
        try:
            kept = self.flush()
        finally:
            self._switching = False
        if not kept:
            self._select_entry(self.editor.draft().entry_id)
            return
        try:
            entry = self._journal.get_entry(entry_id)
        except USER_ERRORS as error:
            self.error.emit(error)
            return
        self.editor.load(EntryDraft.from_entry(entry))
        self._set_heading(entry)
        self._select_entry(entry_id)

    def focus_list(self) -> None:
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.list.currentIndex().isValid() and self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0))

    def focus_search(self) -> None:
        self.filter_bar.focus_search()

    def clear_filters(self) -> None:
        self._only = None
        self.only_banner.dismiss()
        self.filter_bar.clear()

    # --- editing ----------------------------------------------------------------------------
    def new_entry(self, kind: EntryKind = EntryKind.CONVERSATION) -> None:
        if self._journal is None or not self.flush():
            return
        self._select_entry(None)
        self.editor.new_entry(kind, datetime.now().astimezone())
        self.heading.setText(NEW_ENTRY_HEADING)
        self.editor.focus_first_field()

    def save(self) -> Entry | None:
        """Ctrl+S: save now (an invalid entry says why and stays a draft)."""
        return self.autosave.save(explicit=True)

    def flush(self) -> bool:
        """Make sure nothing typed can be lost before the editor changes or the journal
        closes: save the entry, else keep it as a draft. False if that failed."""
        if not self.editor.is_modified():
            return True
        if self.autosave.save(explicit=False) is not None:
            return True
        return self.autosave.write_draft()

    def has_unsaved_writing(self) -> bool:
        return self.editor.is_modified() and self.editor.draft().has_writing()

    def discard_unsaved(self) -> None:
        self.autosave.discard()

    def restore_draft(self, draft_id: int, draft: EntryDraft) -> None:
        """Put a recovered draft back in the editor; saving it replaces the draft."""
        if self._take_draft(draft_id, draft, RECOVERED_HEADING):
            self.editor.focus_first_field()
            self.status.emit("Draft restored: it is saved as soon as you stop typing")

    def continue_capture(self, draft: EntryDraft, draft_id: int | None) -> None:
        """Quick capture's "More…": its writing (kept as draft ``draft_id``, or nothing
        written yet) as a new entry here, with the keyboard on the first open question."""
        if draft_id is None:
            self.new_entry(EntryKind.CONVERSATION)
        elif self._take_draft(draft_id, draft, NEW_ENTRY_HEADING):
            self.editor.focus_first_open_question()

    def _take_draft(self, draft_id: int, draft: EntryDraft, heading: str) -> bool:
        """Show stored draft ``draft_id`` in the editor (saving it replaces the draft);
        False if what the editor held could not be kept first."""
        if not self.flush():
            return False
        self.editor.load(draft)
        self.editor.set_modified(True)
        self.autosave.adopt_draft(draft_id)
        self.heading.setText(heading)
        self._select_entry(draft.entry_id)
        return True

    def delete_current(self) -> None:
        draft = self.editor.draft()
        if self._journal is None:
            return
        if draft.entry_id is None:  # a new entry not saved yet: just drop it
            self.autosave.discard()
            self.new_entry(draft.kind)
            return
        if not self.confirm_delete():
            return
        self.autosave.discard()
        try:
            self._journal.delete_entry(draft.entry_id)
        except USER_ERRORS as error:
            self.error.emit(error)
            return
        row = self.model.row_of(draft.entry_id)
        self._selecting = True  # the view moves its current row as the row goes
        try:
            self.model.entry_deleted(draft.entry_id)
        finally:
            self._selecting = False
        self._refresh_tags()
        self.status.emit("Entry deleted")
        if self.model.rowCount():
            next_row = min(row if row is not None else 0, self.model.rowCount() - 1)
            self.open_entry(self.model.summary(next_row).id)
        else:
            self.new_entry(EntryKind.CONVERSATION)

    def confirm_delete(self) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, "Delete entry", DELETE_QUESTION,
                          parent=self)
        delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        box.exec()
        return box.clickedButton() is delete

    def _on_saved(self, entry: Entry) -> None:
        assert entry.id is not None and self._journal is not None
        self.model.entry_saved(self._journal.entry_summary(entry.id))
        self._refresh_tags()
        if self._switching:  # another entry is opening; it takes the selection
            self.entry_saved.emit(entry)
            return
        self._select_entry(entry.id)
        self._set_heading(entry)
        self.entry_saved.emit(entry)

    def entries_imported(self) -> None:
        """Entries came in from an import: the list and the tags show them."""
        self._refresh_tags()
        self._apply_filters()

    def entry_saved_elsewhere(self, entry: Entry) -> None:
        """An entry saved by quick capture: show it in the list."""
        if self._journal is not None and entry.id is not None:
            self.model.entry_saved(self._journal.entry_summary(entry.id))
            self._refresh_tags()

    def _set_heading(self, entry: Entry) -> None:
        when = entry.occurred_at.astimezone()
        self.heading.setText(f"{entry.kind.label} · {when.day} {when:%B %Y, %H:%M}")
