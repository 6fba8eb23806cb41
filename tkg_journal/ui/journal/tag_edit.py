"""The tag field: comma-separated tags, completing the one being typed from known tags."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QWidget

from tkg_journal.ui.common.qt_compat import signal_overload
from tkg_journal.ui.journal import entry_texts as texts

_SEPARATOR = ","


def _unique(tags: Iterable[str]) -> tuple[str, ...]:
    """Trimmed, non-empty tags in their order, duplicates dropped case-insensitively."""
    seen: set[str] = set()
    result: list[str] = []
    for raw in tags:
        tag = raw.strip()
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            result.append(tag)
    return tuple(result)


class TagEdit(QLineEdit):
    """A line of comma-separated tags with a completion popup for the current tag.

    The completer is attached with ``setWidget`` rather than ``setCompleter`` because
    ``setCompleter`` would complete the whole line; here only the tag under the cursor
    (the last one, while typing at the end) is completed and replaced. Accepting a
    completion is an ordinary, undoable edit and emits ``textEdited`` like typing does.

    Signals:
        (QLineEdit's own) textEdited(str): on typing and on accepting a completion.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(texts.TAGS_PLACEHOLDER)
        self._suggestions: tuple[str, ...] = ()
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setWidget(self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        # Keep the order we were given: most used tags first.
        self._completer.setModelSorting(QCompleter.ModelSorting.UnsortedModel)
        self._completer.setMaxVisibleItems(8)
        signal_overload(self._completer.activated, str).connect(self._insert_completion)
        self.textEdited.connect(self._update_completion)

    # public API ----------------------------------------------------------------------
    def tags(self) -> tuple[str, ...]:
        """The tags as typed: trimmed, empty ones dropped, duplicates removed
        case-insensitively (the first spelling wins), order kept."""
        return _unique(self.text().split(_SEPARATOR))

    def set_tags(self, tags: Sequence[str]) -> None:
        """Show ``tags`` (replaces the text; not an edit, so no ``textEdited``)."""
        self._popup().hide()
        self.setText(", ".join(_unique(tags)))

    def set_suggestions(self, tags: Sequence[str]) -> None:
        """The known tags to complete from, most used first."""
        self._suggestions = _unique(tags)
        if not self._suggestions:
            self._popup().hide()
            self._completer.setCompletionPrefix("")
            self._model.setStringList([])

    def tag_completer(self) -> QCompleter:
        """The completer of the current tag (``completer()`` stays empty, see above)."""
        return self._completer

    def _popup(self) -> QAbstractItemView:
        popup = self._completer.popup()
        # Qt makes the list on first request in PopupCompletion mode (only inline
        # completion has none).
        assert popup is not None
        return popup

    # Qt overrides --------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        # QCompleter takes Return from its popup but passes Tab on to us, where QWidget
        # would move the focus. In a tag field Tab should take the highlighted tag.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self._popup().isVisible()
        ):
            current = self._popup().currentIndex()
            self._popup().hide()
            if current.isValid():
                self._insert_completion(str(current.data()))
                event.accept()
                return True
        return super().event(event)

    # completion ----------------------------------------------------------------------
    def _token_bounds(self) -> tuple[int, int]:
        """Start and end of the tag under the cursor, between commas."""
        text, cursor = self.text(), self.cursorPosition()
        start = text.rfind(_SEPARATOR, 0, cursor) + 1
        end = text.find(_SEPARATOR, cursor)
        return start, len(text) if end == -1 else end

    def _update_completion(self, text: str) -> None:
        start, _end = self._token_bounds()
        prefix = text[start : self.cursorPosition()].strip()
        popup = self._popup()
        if not prefix or not self._suggestions:
            popup.hide()
            return
        # Offer only tags that are not in the field already (other than the one typed).
        others = {
            tag.casefold()
            for position, tag in self._tokens_with_index().items()
            if position != start
        }
        candidates = [tag for tag in self._suggestions if tag.casefold() not in others]
        if self._model.stringList() != candidates:
            self._model.setStringList(candidates)
        self._completer.setCompletionPrefix(prefix)
        model = self._completer.completionModel()
        count = model.rowCount()
        only = model.index(0, 0).data() if count == 1 else None
        if count == 0 or (isinstance(only, str) and only.casefold() == prefix.casefold()):
            popup.hide()
            return
        # Select the first match so Enter or Tab takes it straight away.
        popup.setCurrentIndex(model.index(0, 0))
        self._completer.complete()

    def _tokens_with_index(self) -> dict[int, str]:
        """Each tag in the text by the index where its token starts."""
        tokens: dict[int, str] = {}
        position = 0
        for token in self.text().split(_SEPARATOR):
            if token.strip():
                tokens[position] = token.strip()
            position += len(token) + len(_SEPARATOR)
        return tokens

    def _insert_completion(self, completion: str) -> None:
        start, end = self._token_bounds()
        text = self.text()
        replacement = (" " if start > 0 else "") + completion
        if not text[end:].strip():
            replacement += _SEPARATOR + " "  # ready for the next tag
        self.setSelection(start, end - start)
        self.insert(replacement)  # an undoable edit; emits textEdited
