"""The Coach sessions section: the sessions on the left, the selected one on the right.

Left, :class:`SessionListPane`: what happened since the last session, "New session",
"Export summary…" and the sessions, newest first. Right, :class:`SessionEditor`: the
session's day, topics, notes and commitments. They meet in
:class:`~tkg_journal.ui.common.master_detail.MasterDetail`.

This module holds the section itself: the services, which session is in the editor, and
the commands that store. Edits stay in the widgets until Save (Ctrl+S) stores the whole
session in one transaction; leaving a session with edits saves them when they are valid,
and asks "Keep editing / Discard" when they are not, so typing is never lost silently.

Questions go through :meth:`CoachSessionsView.confirm` and
:meth:`CoachSessionsView.ask_keep_editing`, so tests (and the window) can answer them
without a modal loop. "Turn into experiment…" stores the commitment and emits
``experiment_requested``: the experiment dialog belongs to the Experiments section, so the
window (which sees both sections) opens it and then refreshes this view.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from tkg_journal.domain.coach_sessions import CoachSession
from tkg_journal.domain.progress import Bucket, Period
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import Progress
from tkg_journal.ui.coach import session_texts as texts
from tkg_journal.ui.coach.commitment_table_model import TEXT
from tkg_journal.ui.coach.session_editor import SessionEditor
from tkg_journal.ui.coach.session_list_model import SessionIdRole
from tkg_journal.ui.coach.session_list_pane import SessionListPane
from tkg_journal.ui.common import form_state
from tkg_journal.ui.common.master_detail import MasterDetail, confirm_action, set_tab_order
from tkg_journal.ui.common.messages import as_sentence
from tkg_journal.ui.common.unsaved_input import UnsavedInput


class CoachSessionsView(QWidget):
    """Signals:
    status(str): a line for the status bar.
    error(object): one of the user's errors (or a storage error) for the window to show.
    export_requested(): "Export summary…" (the window opens the export dialog).
    experiment_requested(int): "Turn into experiment…" on this commitment id (stored
        first); the window runs ``experiments.experiment_dialog.experiment_from_commitment``,
        then :meth:`refresh`.
    changed(): something stored changed here (the due view and others may refresh).
    """

    status = Signal(str)
    error = Signal(object)
    export_requested = Signal()
    experiment_requested = Signal(int)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coachSessionsView")
        self._journal: Journal | None = None
        self._service: CoachSessions | None = None
        self._experiments: Experiments | None = None

        self.list_pane = SessionListPane()
        self.editor = SessionEditor(self, self._today)
        self.master_detail = MasterDetail(
            self.list_pane,
            self.list_pane.list,
            self.editor,
            placeholder=texts.PLACEHOLDER,
            names=("sessionsSplitter", "sessionEditorPane", "sessionPlaceholder"),
            sizes=(420, 760),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.master_detail)
        self._expose_parts()
        set_tab_order(
            [
                self.new_button,
                self.export_button,
                self.list,
                self.date_edit,
                self.topics_edit,
                self.notes_edit,
                self.table,
                self.add_button,
                self.remove_button,
                self.experiment_button,
                self.delete_button,
                self.save_button,
            ]
        )

        self.list_pane.new_requested.connect(self.new_session)
        self.list_pane.export_requested.connect(self.export_requested)
        self.master_detail.current_changed.connect(self._on_current_changed)
        self._show_nothing()
        self.list_pane.set_open(False)

    def _expose_parts(self) -> None:
        """The parts the window and the tests reach through the view."""
        pane, editor = self.list_pane, self.editor
        self.header = pane.header
        self.new_button = pane.new_button
        self.export_button = pane.export_button
        self.model = pane.model
        self.list = pane.list
        self.splitter = self.master_detail.splitter
        self.placeholder = self.master_detail.placeholder
        self.title_label = editor.title_label
        self.date_edit = editor.date_edit
        self.topics_edit = editor.topics_edit
        self.notes_edit = editor.notes_edit
        self.commitments = editor.commitments
        self.table = editor.table
        self.add_button = editor.add_button
        self.remove_button = editor.remove_button
        self.experiment_button = editor.experiment_button
        self.delete_button = editor.delete_button
        self.save_button = editor.save_button

    # --- the service -------------------------------------------------------------------
    @property
    def service(self) -> CoachSessions | None:
        return self._service

    def set_service(self, journal: Journal | None) -> None:
        """Show ``journal``'s sessions; ``None`` (locking) empties every widget of the
        user's text. Call :meth:`flush` first: edits not saved by then are dropped."""
        self._journal = journal
        self._service = CoachSessions(journal) if journal is not None else None
        self._experiments = Experiments(journal) if journal is not None else None
        self._show_nothing()
        self.list_pane.set_open(journal is not None)
        try:
            self.model.set_service(self._service)
        except USER_ERRORS as error:
            self.model.set_service(None)
            self.error.emit(error)
        self._update_header()
        if journal is not None and self.model.rowCount():
            self.master_detail.select_row(0)

    def _today(self) -> date:
        return self._journal.clock().date() if self._journal is not None else date.today()

    def refresh(self) -> None:
        """Read the sessions again (after an experiment was made from a commitment, say),
        keeping the selected session and any edits in progress."""
        if self._service is None:
            return
        current = self.editor.session()
        current_id = current.id if current is not None else None
        try:
            self._reload_list(select=current_id)
            if current_id is not None and self.model.row_of(current_id) is None:
                self._show_nothing()  # deleted elsewhere (the command line, say)
            elif current_id is not None and not self.editor.is_modified():
                self._show(self._service.get(current_id))
        except USER_ERRORS as error:
            self.error.emit(error)
        self._update_header()

    def _reload_list(self, select: int | None) -> None:
        with self.master_detail.quietly():
            self.model.reload()
            self.master_detail.select_row(self.model.row_of(select))

    def _update_header(self) -> None:
        service, journal = self._service, self._journal
        if service is None or journal is None:
            self.header.clear()
            return
        try:
            last = service.last_session()
            if last is None:
                self.header.setText(texts.NO_SESSION_HEADER)
                return
            # One aggregate query: entries and attempts from the session's day on.
            bars = Progress(journal).activity(
                Period(last.held_on, self._today()), bucket=Bucket.MONTH
            )
        except USER_ERRORS as error:
            self.header.clear()
            self.error.emit(error)
            return
        self.header.setText(
            texts.header_text(
                last.held_on, sum(b.entries for b in bars), sum(b.attempts for b in bars)
            )
        )

    # --- moving between sessions -------------------------------------------------------
    def current_session(self) -> CoachSession | None:
        """The stored session in the editor (``None`` for a new one or nothing)."""
        return self.editor.session()

    def is_modified(self) -> bool:
        return self.editor.is_modified()

    def error_text(self) -> str:
        return self.editor.error_text()

    def select_session(self, session_id: int) -> bool:
        """Show ``session_id`` (saving or asking about edits first); False if it stayed."""
        row = self.model.row_of(session_id)
        if row is None or not self._leave_current():
            return False
        self._reload_list(select=session_id)
        self._load(session_id)
        return True

    def _on_current_changed(self, current: QModelIndex) -> None:
        target = current.data(SessionIdRole)
        shown = self.editor.session()
        if shown is not None and shown.id == target and self.editor.is_editing():
            return
        if not self._leave_current():
            # Keep editing: the list goes back to the session still in the editor.
            self._reload_list(select=shown.id if shown is not None else None)
            return
        self._reload_list(select=target)  # a save may have moved rows
        self._load(target)

    def _leave_current(self) -> bool:
        """Before showing something else: save valid edits, or ask about invalid ones.
        True when the editor may change."""
        if not self.editor.is_modified():
            return True
        reason = self._try_save()
        if reason is None:
            return True
        if self.ask_keep_editing(reason):
            return False
        self.editor.drop_edits()
        return True

    def flush(self) -> bool:
        """Save edits in progress if valid (before locking or closing). False when they
        cannot be saved: the editor keeps them and shows why."""
        if not self.editor.is_modified():
            return True
        return self._try_save() is None

    def _load(self, session_id: int | None) -> None:
        if self._service is None or session_id is None:
            self._show_nothing()
            return
        try:
            session = self._service.get(session_id)
        except USER_ERRORS as error:
            self.error.emit(error)
            return
        self._show(session)

    def _show(self, session: CoachSession | None) -> None:
        """The editor with a stored session, or an empty new one (``None``)."""
        labels = self._experiment_labels(session) if session is not None else {}
        self.editor.show_session(session, labels, self._today())
        self.master_detail.show_detail()

    def _experiment_labels(self, session: CoachSession) -> dict[int, str]:
        experiments = self._experiments
        labels: dict[int, str] = {}
        if experiments is None:
            return labels
        for commitment in session.commitments:
            experiment_id = commitment.experiment_id
            if experiment_id is None or experiment_id in labels:
                continue
            try:
                experiment = experiments.get(experiment_id)
            except USER_ERRORS:
                continue  # deleted since: the column stays empty
            labels[experiment_id] = texts.experiment_text(experiment.title, experiment.status)
        return labels

    def _show_nothing(self) -> None:
        """No session on the right: every field emptied, the placeholder shown."""
        self.editor.show_nothing(self._today())
        self.master_detail.show_placeholder(self._service is not None)

    # --- commands ----------------------------------------------------------------------
    def new_session(self) -> None:
        """An empty session dated today in the editor (after saving any edits)."""
        if self._service is None or not self._leave_current():
            return
        self._reload_list(select=None)
        self._show(None)
        self.topics_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> CoachSession | None:
        """Store the session in the editor (Ctrl+S); ``None`` if it was refused (the
        reason is shown and everything typed stays)."""
        if self._service is None or not self.editor.is_editing():
            return None
        if not self.editor.is_modified() and self.editor.session() is not None:
            return self.editor.session()
        if self._try_save() is not None:
            return None
        return self.editor.session()

    def _try_save(self) -> str | None:
        """Save; ``None`` on success, else the reason (shown in the editor)."""
        service = self._service
        if service is None:
            return None
        try:
            session = self.editor.edited_session()
            new = session.id is None
            stored = service.update(session) if not new else service.record(session)
        except USER_ERRORS as error:
            self.editor.show_error(str(error))
            self.editor.focus_field(getattr(error, "field", None))
            return as_sentence(str(error))
        self._reload_list(select=stored.id)
        self._show(stored)
        self._update_header()
        self.status.emit(texts.RECORDED if new else texts.SAVED)
        self.changed.emit()
        return None

    def delete_current(self) -> None:
        """Delete the session in the editor, after asking (a new one is just dropped)."""
        service = self._service
        if service is None or not self.editor.is_editing():
            return
        session = self.editor.session()
        if session is None or session.id is None:
            self._show_nothing()
            if self.model.rowCount():
                self.master_detail.select_row(0)
            return
        count = len(session.commitments)
        question = texts.DELETE_QUESTION.format(
            day=texts.day_text(session.held_on),
            count=f"{count} commitment" + ("" if count == 1 else "s"),
        )
        if not self.confirm(texts.DELETE_TITLE, question, texts.plain(texts.DELETE_CONFIRM)):
            return
        try:
            service.delete(session.id)
        except USER_ERRORS as error:
            self.error.emit(error)
            return
        self._show_nothing()
        self._reload_list(select=None)
        if self.model.rowCount():
            self.master_detail.select_row(0)
            self._load(self.model.session(0).id)
        self._update_header()
        self.status.emit(texts.DELETED)
        self.changed.emit()

    def turn_into_experiment(self) -> None:
        """Store the session if needed (the commitment needs an id), then ask the window
        for the experiment dialog."""
        row = self.editor.selected_commitment_row()
        if row is None:
            return
        chosen = self.commitments.row(row)
        if chosen.experiment_id is not None:
            return
        if chosen.is_blank():
            self.editor.edit_commitment(row)
            return
        if self.editor.is_modified() or chosen.id is None:
            # Rows keep their order when stored (new ones get the next ids), so the chosen
            # one is found again by its place among the rows that are saved.
            place = sum(1 for r in self.commitments.rows()[:row] if not r.is_blank())
            if self._try_save() is not None:
                return
            stored = self.editor.session()
            assert stored is not None
            commitment_id = stored.commitments[place].id
            self.table.setCurrentIndex(self.commitments.index(place, TEXT))
        else:
            commitment_id = chosen.id
        if commitment_id is not None:
            self.experiment_requested.emit(commitment_id)

    # --- questions (tests replace these) -----------------------------------------------
    # --- the lock (through the main window's UnsavedInput registry) -----------------------
    def keep_input_in(self, registry: UnsavedInput) -> None:
        """A session that cannot be saved yet (no topics, a commitment without text) is
        kept as a window draft when the journal locks, not lost, nor blocking the lock."""
        registry.add(self, "coach_session", self._draft_context, capture=self._held_input,
                     restore=self._give_back_input, has_input=self.editor.is_modified)

    def _draft_context(self) -> dict[str, Any]:
        session = self.editor.session()
        return {"session_id": session.id if session is not None else None}

    def _held_input(self) -> dict[str, Any]:
        fields = form_state.capture(self.editor)
        fields["commitments"] = self.editor.commitments.typed_rows()
        return fields

    def _give_back_input(self, fields: Mapping[str, Any]) -> None:
        form_state.restore(self.editor, fields)
        rows = fields.get("commitments")
        if isinstance(rows, list):
            self.editor.commitments.set_typed_rows([r for r in rows if isinstance(r, dict)])
        self.editor.mark_edited()

    def reopen(self, session_id: int | None) -> None:
        """After unlocking: the session a draft was for (a new one if it had no id)."""
        if session_id is None or not self.select_session(session_id):
            self.new_session()

    def confirm(self, title: str, question: str, action: str) -> bool:
        """Ask a yes/no question; True if the user chose ``action``."""
        return confirm_action(self, title, question, action, destructive=True)

    def ask_keep_editing(self, reason: str) -> bool:
        """The edits cannot be saved: True to keep editing, False to discard them."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            texts.UNSAVED_TITLE,
            texts.UNSAVED_QUESTION.format(reason=reason.rstrip(".")),
            parent=self,
        )
        keep = box.addButton(texts.plain(texts.KEEP_EDITING), QMessageBox.ButtonRole.RejectRole)
        box.addButton(texts.plain(texts.DISCARD), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is keep
