"""The journal's entry list as a real Qt model that loads lazily.

Browsing pages through the journal ``PAGE_SIZE`` rows at a time (Qt asks with
``canFetchMore``/``fetchMore`` as the view scrolls), so 10,000 entries open as fast as 200.
While the user types a search, the model holds the ranked hits instead, each with its
snippet, matched words marked.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from tkg_journal.domain.search import (
    MATCH_END,
    MATCH_START,
    EntryFilter,
    EntryHit,
    EntrySummary,
)
from tkg_journal.services.journal import Journal
from tkg_journal.ui.journal.entry_texts import UNREADABLE_DATE_SPOKEN

PAGE_SIZE = 200
MAX_SEARCH_HITS = 500
#: Hits whose snippet is made with the search (more than a screen at any scaling).
EAGER_SNIPPETS = 60

SummaryRole = Qt.ItemDataRole.UserRole + 1  # the row's EntrySummary
SnippetRole = Qt.ItemDataRole.UserRole + 2  # marked snippet of a search hit, else None
EntryIdRole = Qt.ItemDataRole.UserRole + 3

AnyIndex = QModelIndex | QPersistentModelIndex


def row_title(summary: EntrySummary) -> str:
    """The title, else the first line written (untitled entries still read in a list)."""
    return summary.title or summary.first_line or "(untitled)"


def _sort_key(summary: EntrySummary) -> tuple[float, int]:
    # Newest first, as the journal lists them; negated so bisect works on ascending keys.
    return (-summary.occurred_at.timestamp(), -summary.id)


class EntryListModel(QAbstractListModel):
    """Rows are :class:`EntrySummary`; one column.

    Modes: *browse* (``search_text`` empty: every entry within the filters, newest first,
    paged) and *search* (ranked hits within the filters, up to ``MAX_SEARCH_HITS``).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._journal: Journal | None = None
        self._filters = EntryFilter()
        self._search_text = ""
        self._rows: list[EntrySummary] = []
        self._snippets: dict[int, str] = {}
        self._total = 0
        # While modelReset is being delivered, listeners (views, testers) must not make
        # the model insert rows from inside that signal: they fetch afterwards instead.
        self._resetting = False

    # --- what is shown ------------------------------------------------------------------
    def set_journal(self, journal: Journal | None) -> None:
        """Show ``journal`` (``None`` empties the model: used when the journal locks)."""
        self._journal = journal
        self._search_text = ""
        self._filters = EntryFilter()
        self.reload()

    def set_query(self, filters: EntryFilter, search_text: str = "") -> None:
        self._filters = filters
        self._search_text = search_text.strip()
        self.reload()

    @property
    def filters(self) -> EntryFilter:
        return self._filters

    @property
    def search_text(self) -> str:
        return self._search_text

    def is_searching(self) -> bool:
        return bool(self._search_text)

    def total(self) -> int:
        """How many entries match, loaded or not (search: the hits found)."""
        return self._total

    def reload(self) -> None:
        self._resetting = True
        self.beginResetModel()
        self._rows, self._snippets, self._total = [], {}, 0
        journal = self._journal
        if journal is not None:
            if self._search_text:
                self._load_hits(journal.search_entries(
                    self._search_text, self._filters, limit=MAX_SEARCH_HITS,
                    snippets=EAGER_SNIPPETS,
                ))
            else:
                self._total = journal.count_entries(self._filters)
                self._rows = journal.list_entries(self._filters, limit=PAGE_SIZE)
        try:
            self.endResetModel()
        finally:
            self._resetting = False

    def _load_hits(self, hits: list[EntryHit]) -> None:
        self._rows = [hit.summary for hit in hits]
        self._snippets = {
            hit.summary.id: hit.snippet for hit in hits if hit.snippet is not None
        }
        self._total = len(hits)

    # --- changes made elsewhere (editor saves, deletes) --------------------------------
    def entry_saved(self, summary: EntrySummary) -> None:
        """Show a saved entry without reloading the list (keeps scroll and selection)."""
        if self._search_text or self._filters.tag:
            # The ranking may change with the new text, and tags are not in a summary:
            # asking the journal again is simplest and takes milliseconds.
            self.reload()
            return
        self._remove_loaded(summary.id)
        if not self._matches(summary):
            return
        position = bisect_left([_sort_key(row) for row in self._rows], _sort_key(summary))
        unloaded_below = self.canFetchMore(QModelIndex())
        self._total += 1
        if position == len(self._rows) and unloaded_below:
            return  # it belongs to a page not loaded yet; paging will bring it
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, summary)
        self.endInsertRows()

    def entry_deleted(self, entry_id: int) -> None:
        self._remove_loaded(entry_id)

    def _remove_loaded(self, entry_id: int) -> None:
        row = self.row_of(entry_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._snippets.pop(entry_id, None)
        self._total -= 1
        self.endRemoveRows()

    def _matches(self, summary: EntrySummary) -> bool:
        f = self._filters
        return (
            (f.since is None or summary.occurred_at >= f.since)
            and (f.until is None or summary.occurred_at < f.until)
            and (not f.levels or summary.level in f.levels)
            and (not f.kinds or summary.kind in f.kinds)
            and (not f.shared_only or summary.share_with_coach)
            and (f.entry_ids is None or summary.id in f.entry_ids)
        )

    # --- lookup ---------------------------------------------------------------------------
    def row_of(self, entry_id: int) -> int | None:
        return next((i for i, row in enumerate(self._rows) if row.id == entry_id), None)

    def summary(self, row: int) -> EntrySummary:
        return self._rows[row]

    def find_or_fetch(self, entry_id: int, *, keep_going: Callable[[], bool] = lambda: True
                      ) -> int | None:
        """The row of ``entry_id``, fetching further pages until it is found."""
        row = self.row_of(entry_id)
        while row is None and self.canFetchMore(QModelIndex()) and keep_going():
            self.fetchMore(QModelIndex())
            row = self.row_of(entry_id)
        return row

    # --- QAbstractItemModel -----------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return (
            not parent.isValid()
            and not self._resetting
            and self._journal is not None
            and not self._search_text
            and len(self._rows) < self._total
        )

    def fetchMore(self, parent: AnyIndex) -> None:
        if not self.canFetchMore(parent) or self._journal is None:
            return
        page = self._journal.list_entries(
            self._filters, limit=PAGE_SIZE, offset=len(self._rows)
        )
        if not page:  # entries vanished meanwhile: stop asking
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | (
            Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column():
            return None
        summary = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row_title(summary)
        if role == SummaryRole:
            return summary
        if role == EntryIdRole:
            return summary.id
        if role == SnippetRole:
            return self._snippet(summary.id)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._spoken(summary)
        return None

    def _snippet(self, entry_id: int) -> str | None:
        """The search snippet of a row, made when the row is first shown (hits past the
        first screenful have none yet: a keystroke pays for a screen, not 500 hits)."""
        if not self._search_text or self._journal is None:
            return None
        snippet = self._snippets.get(entry_id)
        if snippet is None:
            snippet = self._journal.entry_snippet(entry_id, self._search_text)
            self._snippets[entry_id] = snippet
        return snippet

    def _spoken(self, summary: EntrySummary) -> str:
        """One sentence a screen reader can say (and a tooltip can show)."""
        parts = [
            UNREADABLE_DATE_SPOKEN
            if summary.date_unreadable
            else f"{summary.occurred_at.day} {summary.occurred_at:%B %Y, %H:%M}",
            summary.kind.label,
            f"level {summary.level.label()}" if summary.level else "no level",
        ]
        if summary.share_with_coach:
            parts.append("shared with coach")
        text = ", ".join(parts) + f": {row_title(summary)}"
        snippet = self._snippet(summary.id)
        if snippet:
            text += " — " + snippet.replace(MATCH_START, "").replace(MATCH_END, "")
        elif summary.title and summary.first_line:
            text += " — " + summary.first_line
        return text

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update(
            {
                SummaryRole: QByteArray(b"summary"),
                SnippetRole: QByteArray(b"snippet"),
                EntryIdRole: QByteArray(b"entryId"),
            }
        )
        return names

