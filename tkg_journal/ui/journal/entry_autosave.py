"""Nothing typed is lost: drafts within a second, saves when typing stops.

Two clocks run after every edit:

* the **draft** clock (``DRAFT_DELAY_MS`` after the last keystroke, and at least every
  ``DRAFT_MAX_WAIT_MS`` while typing goes on) writes the editor's state into the journal's
  encrypted ``drafts`` table. A crash or kill then loses at most about a second of typing,
  and the draft is offered back on the next start.
* the **save** clock (``SAVE_DELAY_MS`` after typing stops) saves the entry itself and
  drops its draft in the same transaction.

Ctrl+S saves at once. Writing that is not yet a valid entry (say only tags) stays a draft.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from tkg_journal.domain.drafts import EntryDraft
from tkg_journal.domain.entries import Entry
from tkg_journal.domain.errors import ValidationError
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.journal import Journal

DRAFT_DELAY_MS = 600
DRAFT_MAX_WAIT_MS = 3000
SAVE_DELAY_MS = 2000


class AutosavedEditor(Protocol):
    """What autosave needs of an editor (:class:`EntryEditor` is one)."""

    @property
    def changed(self) -> SignalInstance:
        """Emitted on every edit."""

    def draft(self) -> EntryDraft: ...

    def is_modified(self) -> bool: ...

    def set_modified(self, modified: bool) -> None: ...

    def set_entry_id(self, entry_id: int | None) -> None: ...

    def show_error(self, error: ValidationError) -> None: ...


class EntryAutosave(QObject):
    """Keeps one editor's writing safe in one journal.

    Signals:
        saved(Entry): the entry was written (the list shows it).
        status_changed(str): a short line for the status bar ("Saved 10:42", ...).
        failed(Exception): a save or draft write failed (full disk, damaged file...);
            the writing stays in the editor.
    """

    saved = Signal(object)
    status_changed = Signal(str)
    failed = Signal(object)

    def __init__(self, editor: AutosavedEditor, journal: Callable[[], Journal | None],
                 parent: QObject | None = None, *, autosave: bool = True) -> None:
        super().__init__(parent)
        self._editor = editor
        self._journal = journal
        self._autosave = autosave
        self.draft_id: int | None = None
        self._first_unsaved_edit: float | None = None
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.write_draft)
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self._autosave_now)
        editor.changed.connect(self._on_changed)

    # --- clocks --------------------------------------------------------------------------
    def _on_changed(self) -> None:
        now = time.monotonic()
        if self._first_unsaved_edit is None:
            self._first_unsaved_edit = now
            self.status_changed.emit("Unsaved changes")
        # Restart the draft clock on each keystroke, but never let a long burst of typing
        # push the draft further out than DRAFT_MAX_WAIT_MS.
        waited_ms = (now - self._first_unsaved_edit) * 1000
        self._draft_timer.start(max(0, min(DRAFT_DELAY_MS, int(DRAFT_MAX_WAIT_MS - waited_ms))))
        if self._autosave:
            self._save_timer.start()

    def stop(self) -> None:
        self._draft_timer.stop()
        self._save_timer.stop()

    def has_pending_writing(self) -> bool:
        return self._editor.is_modified()

    # --- writing ---------------------------------------------------------------------------
    def write_draft(self) -> bool:
        """Keep the editor's state as an encrypted draft; False if that failed."""
        self._draft_timer.stop()
        journal = self._journal()
        draft = self._editor.draft()
        if journal is None or not self.has_pending_writing() or not draft.has_writing():
            return True
        try:
            self.draft_id = journal.save_draft(draft, draft_id=self.draft_id)
        except USER_ERRORS as error:
            self.failed.emit(error)
            return False
        self._first_unsaved_edit = time.monotonic()
        return True

    def _autosave_now(self) -> None:
        self.save(explicit=False)

    def save(self, *, explicit: bool = True) -> Entry | None:
        """Save the entry now. Returns it, or ``None`` when there was nothing to save or
        it is not a valid entry yet (then it is kept as a draft; an explicit save also
        shows why)."""
        self.stop()
        journal = self._journal()
        if journal is None or not self.has_pending_writing():
            return None
        draft = self._editor.draft()
        try:
            entry = draft.to_entry()
        except ValidationError as error:
            if explicit:
                self._editor.show_error(error)
            self.write_draft()
            if draft.has_writing():
                self.status_changed.emit("Kept as a draft: " + str(error))
            return None
        try:
            stored = journal.save_entry(entry, draft_id=self.draft_id)
        except USER_ERRORS as error:
            self.status_changed.emit("Not saved")
            self.failed.emit(error)
            return None
        self.draft_id = None
        self._first_unsaved_edit = None
        if draft.entry_id is None:
            self._editor.set_entry_id(stored.id)
        self._editor.set_modified(False)
        self.status_changed.emit(f"Saved at {datetime.now():%H:%M}")
        self.saved.emit(stored)
        return stored

    def discard(self) -> None:
        """Forget the unsaved writing (the user chose to): drop its draft too."""
        self.stop()
        journal = self._journal()
        if journal is not None and self.draft_id is not None:
            try:
                journal.discard_draft(self.draft_id)
            except USER_ERRORS as error:
                self.failed.emit(error)
        self.draft_id = None
        self._first_unsaved_edit = None
        self._editor.set_modified(False)

    def adopt_draft(self, draft_id: int) -> None:
        """The editor now shows recovered draft ``draft_id``: saving it replaces the draft."""
        self.draft_id = draft_id
        self._first_unsaved_edit = time.monotonic()

