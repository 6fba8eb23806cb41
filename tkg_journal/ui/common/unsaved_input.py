"""The windows holding input the user may not have saved: the one list lock and quit use.

Like qutebrowser's save manager: windows register themselves here (:func:`keeps_input`)
instead of the lock and the quit each knowing every dialog. Locking (and quitting) asks
the registry to keep what each window holds as an encrypted window draft in the journal
(:meth:`UnsavedInput.keep_all`), then closes them. After unlocking the shell opens the
windows again (it knows how: an attempt dialog for experiment 3, ...) and each, as it
registers, gets its draft back (:meth:`UnsavedInput.expect`). A draft is deleted when
the window it was given to is closed by the user (saved or cancelled): until then a
second lock keeps it again under the same id.

What a window holds is read with ``form_state`` (its named fields) unless it brings its
own ``capture`` and ``restore`` (the quick capture keeps its entry draft).

One registry per main window, a child of it; dialogs find it through their parent chain,
so a dialog opened without the main window (in a test) simply is not registered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QDialog, QWidget

from tkg_journal.domain.window_drafts import WindowDraft
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.ui.common import form_state
from tkg_journal.ui.common.form_state import FieldValues

Capture = Callable[[], FieldValues]
Restore = Callable[[FieldValues], None]
Context = Mapping[str, Any] | Callable[[], Mapping[str, Any]]


class DraftStore(Protocol):
    """Where window drafts are kept: the open journal."""

    def keep_window_draft(self, draft: WindowDraft, *, draft_id: int | None = None) -> int: ...

    def discard_window_draft(self, draft_id: int) -> None: ...


@dataclass(eq=False)
class _Held:
    window: QWidget
    kind: str
    context_of: Callable[[], Mapping[str, Any]]
    capture: Capture
    restore: Restore
    # A section's editor stays (it is emptied, not closed, by the lock) and says itself
    # whether it holds unsaved edits; a dialog holds input when its fields changed.
    has_input: Callable[[], bool] | None = None
    baseline: FieldValues | None = None  # what it held when shown, before any typing
    draft_id: int | None = None  # the stored draft it holds, if any
    given: FieldValues | None = field(default=None)  # a draft's fields, put back on show

    @property
    def context(self) -> dict[str, Any]:
        return dict(self.context_of())

    @property
    def persistent(self) -> bool:
        return self.has_input is not None


class UnsavedInput(QObject):
    """The registry (see the module's docstring)."""

    OBJECT_NAME = "unsavedInput"

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(self.OBJECT_NAME)
        self._held: list[_Held] = []
        self._pending: list[tuple[int, WindowDraft]] = []
        self._store: DraftStore | None = None
        self._closing = False

    @staticmethod
    def of(widget: QWidget) -> UnsavedInput | None:
        """The registry of the main window ``widget`` belongs to, if any."""
        parent = widget.parentWidget()
        top = parent.window() if parent is not None else None
        if top is None:
            return None
        found = top.findChild(UnsavedInput, UnsavedInput.OBJECT_NAME,
                              Qt.FindChildOption.FindDirectChildrenOnly)
        return found if isinstance(found, UnsavedInput) else None

    # --- the journal ----------------------------------------------------------------------
    def set_store(self, store: DraftStore | None) -> None:
        """The open journal (``None`` once it is locked: drafts are then only kept)."""
        self._store = store
        if store is None:
            self._pending.clear()

    def expect(self, drafts: Iterable[tuple[int, WindowDraft]]) -> None:
        """Drafts whose windows are about to open again (each is given to the first window
        of its kind and context that registers)."""
        self._pending = list(drafts)

    def pending(self) -> list[tuple[int, WindowDraft]]:
        return list(self._pending)

    # --- windows ----------------------------------------------------------------------------
    def add(self, window: QWidget, kind: str, context: Context | None = None, *,
            capture: Capture | None = None, restore: Restore | None = None,
            has_input: Callable[[], bool] | None = None) -> None:
        """Register ``window`` (a ``kind`` of window, opened in ``context``).

        A window that stays when the journal locks (a section's editor) passes
        ``has_input`` and a ``context`` function (what it shows changes); it gets its draft
        back from :meth:`give_back`, and is emptied by its section rather than closed.
        """
        fixed = dict(context) if isinstance(context, Mapping) else {}
        held = _Held(
            window, kind, context if callable(context) else (lambda: fixed),
            capture or (lambda: form_state.capture(window)),
            restore or (lambda values: form_state.restore(window, values)),
            has_input,
        )
        self._held.append(held)
        window.destroyed.connect(lambda: self._finished(held))
        if held.persistent:
            return
        self._adopt(held)
        if window.isVisible():
            self._shown(held)
        else:
            window.installEventFilter(self)
        if isinstance(window, QDialog):
            window.finished.connect(lambda _result: self._finished(held))

    def _adopt(self, held: _Held) -> bool:
        """Give ``held`` the pending draft of its kind and context, if there is one."""
        context = held.context
        for number, (draft_id, draft) in enumerate(self._pending):
            if draft.window == held.kind and dict(draft.context) == context:
                del self._pending[number]
                held.draft_id, held.given = draft_id, dict(draft.fields)
                return True
        return False

    def give_back(self, window: QWidget) -> bool:
        """Put a section editor's draft back into it, now that it shows what the draft was
        for; the draft is then deleted (the editor holds the words, unsaved, as before
        the lock). True if there was one."""
        for held in self._held:
            if held.window is window and self._adopt(held) and held.given is not None:
                held.restore(held.given)
                held.given = None
                if held.draft_id is not None and self._store is not None:
                    self._store.discard_window_draft(held.draft_id)
                held.draft_id = None
                return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            for held in self._held:
                if held.window is watched and held.baseline is None:
                    watched.removeEventFilter(self)
                    self._shown(held)
        return False

    def _shown(self, held: _Held) -> None:
        held.baseline = held.capture()
        if held.given is not None:
            held.restore(held.given)
            held.given = None

    def windows(self) -> list[QWidget]:
        return [held.window for held in self._held]

    @staticmethod
    def _changed(held: _Held) -> bool:
        if held.has_input is not None:
            return held.has_input()
        if held.given is not None:  # given a draft but not shown yet: it still holds it
            return True
        return held.baseline is not None and held.capture() != held.baseline

    # --- lock and quit ------------------------------------------------------------------------
    def keep_all(self) -> bool:
        """Keep what every window holds as a window draft; False if one could not be
        written (the journal is then left open: closing would lose it)."""
        if self._store is None:
            return True
        for held in list(self._held):
            if not self._changed(held):
                continue
            fields = held.given if held.given is not None else held.capture()
            draft = WindowDraft(held.kind, held.context, fields)
            try:
                held.draft_id = self._store.keep_window_draft(draft, draft_id=held.draft_id)
            except USER_ERRORS:  # a full disk, a closed journal: do not close the window
                return False
        return True

    def close_all(self) -> None:
        """Close every registered window without asking (its input is kept already);
        section editors stay, for their sections to empty."""
        self._closing = True
        try:
            for held in list(self._held):
                if not held.persistent:
                    close_window(held.window)
                    self._held.remove(held)
        finally:
            self._closing = False

    def _finished(self, held: _Held) -> None:
        """The user closed a window (saved, or cancelled; or it was deleted): its draft
        has done its work."""
        if self._closing or held not in self._held:
            return
        self._held.remove(held)
        if held.draft_id is not None and self._store is not None:
            try:
                self._store.discard_window_draft(held.draft_id)
            except USER_ERRORS:  # kept: it is offered again at the next unlock
                return


def keeps_input(window: QWidget, kind: str, context: Mapping[str, Any] | None = None, *,
                capture: Capture | None = None, restore: Restore | None = None) -> None:
    """Register ``window`` with its main window's registry (see :class:`UnsavedInput`)."""
    registry = UnsavedInput.of(window)
    if registry is not None:
        registry.add(window, kind, context, capture=capture, restore=restore)


def close_window(window: QWidget) -> None:
    """Close ``window`` now, without the questions a user's close would ask: its own
    ``close_for_lock`` if it has one, else reject (dialogs) or close, else hide."""
    close_for_lock = getattr(window, "close_for_lock", None)
    if callable(close_for_lock):
        close_for_lock()
    elif isinstance(window, QDialog):
        window.reject()
        if window.isVisible():
            window.done(QDialog.DialogCode.Rejected)
    else:
        window.close()
    if window.isVisible():
        window.hide()
