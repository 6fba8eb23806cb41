"""The Coach sessions section: the sessions on the left, the selected one on the right.

Left: how much happened since the last session (a line over the list), "New session",
"Export summary…" and the sessions, newest first. Right: the session's day, topics and
notes and its commitments as an editable table (done, text, due date, the experiment made
from it). Edits are kept in the widgets until Save (Ctrl+S) stores the whole session in
one transaction; leaving a session with edits saves them when they are valid, and asks
"Keep editing / Discard" when they are not, so typing is never lost silently.

Questions go through :meth:`CoachSessionsView.confirm` and
:meth:`CoachSessionsView.ask_keep_editing`, so tests (and the window) can answer them
without a modal loop. "Turn into experiment…" stores the commitment and emits
``experiment_requested``: the experiment dialog belongs to the Experiments section, so the
window (which sees both sections) opens it and then refreshes this view.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.coach_sessions import CoachSession
from tkg_journal.domain.progress import Bucket, Period
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import Progress
from tkg_journal.ui.coach import session_texts as texts
from tkg_journal.ui.coach.commitment_table_model import (
    DONE,
    DUE,
    EXPERIMENT,
    TEXT,
    CommitmentTableModel,
)
from tkg_journal.ui.coach.due_date_delegate import DueDateDelegate
from tkg_journal.ui.coach.session_list_model import SessionIdRole, SessionListModel
from tkg_journal.ui.coach.session_row_delegate import SessionRowDelegate
from tkg_journal.ui.common.icons import icon
from tkg_journal.ui.common.journal_dates import from_qdate, limit_to_journal_range, to_qdate
from tkg_journal.ui.common.messages import as_sentence, error_colour


class _SessionListView(QListView):
    """The list, with a friendly line instead of a blank area when there is nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = ""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0 and self.empty_text:
            painter = QPainter(self.viewport())
            colour = self.palette().color(self.foregroundRole())
            colour.setAlphaF(0.65)
            painter.setPen(colour)
            painter.drawText(
                self.viewport().rect().adjusted(16, 24, -16, -16),
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                self.empty_text,
            )


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
        self._current: CoachSession | None = None  # the stored session being edited
        self._editing = False  # the editor shows a session (stored or new)
        self._modified = False
        self._loading = False  # filling the widgets is not an edit
        self._switching = False  # the view moves the list's selection itself

        # --- left: header, buttons, list ----------------------------------------------
        self.header = QLabel(objectName="sessionHeader")
        self.header.setAccessibleName(texts.HEADER_ACCESSIBLE_NAME)
        self.header.setWordWrap(True)
        self.new_button = self._button(
            "sessionNew", texts.NEW_BUTTON, texts.NEW_TOOLTIP, self.new_session, "new-entry"
        )
        self.export_button = self._button(
            "sessionExport",
            texts.EXPORT_BUTTON,
            texts.EXPORT_TOOLTIP,
            self.export_requested.emit,
            "share",
        )
        self.model = SessionListModel(self)
        self.list = _SessionListView()
        self.list.setObjectName("sessionList")
        self.list.setAccessibleName(texts.LIST_ACCESSIBLE_NAME)
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setAlternatingRowColors(True)
        self.list.setItemDelegate(SessionRowDelegate(self.list))
        self.list.setUniformItemSizes(True)

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        left = QWidget(objectName="sessionListPane")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(self.header)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.list, 1)

        # --- right: the editor -----------------------------------------------------------
        self.placeholder = QLabel(texts.PLACEHOLDER, objectName="sessionPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)

        self.title_label = QLabel(objectName="sessionTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.date_edit = QDateEdit(objectName="sessionDate")
        self.date_edit.setAccessibleName(texts.DATE_ACCESSIBLE_NAME)
        self.date_edit.setCalendarPopup(True)
        limit_to_journal_range(self.date_edit)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.topics_edit = QPlainTextEdit(objectName="sessionTopics")
        self.topics_edit.setAccessibleName(texts.TOPICS_ACCESSIBLE_NAME)
        self.topics_edit.setPlaceholderText(texts.TOPICS_PLACEHOLDER)
        self.topics_edit.setTabChangesFocus(True)
        self.topics_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.notes_edit = QPlainTextEdit(objectName="sessionNotes")
        self.notes_edit.setAccessibleName(texts.NOTES_ACCESSIBLE_NAME)
        self.notes_edit.setPlaceholderText(texts.NOTES_PLACEHOLDER)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        date_row = QHBoxLayout()
        date_row.setContentsMargins(0, 0, 0, 0)
        date_row.addWidget(self.date_edit)
        date_row.addStretch(1)
        for caption, widget, field in (
            (texts.DATE_LABEL, self.date_edit, date_row),
            (texts.TOPICS_LABEL, self.topics_edit, self.topics_edit),
            (texts.NOTES_LABEL, self.notes_edit, self.notes_edit),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            form.addRow(label, field)

        self.commitments = CommitmentTableModel(self)
        self.table = QTableView(objectName="sessionCommitments")
        self.table.setAccessibleName(texts.COMMITMENTS_ACCESSIBLE_NAME)
        self.table.setModel(self.commitments)
        self.table.setItemDelegateForColumn(DUE, DueDateDelegate(self._today, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            max(self.table.fontMetrics().height() + 12, 26)
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DONE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        # Wide enough for the longest day ("30 Sep 2026") whether or not one is set yet.
        header.setSectionResizeMode(DUE, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(DUE, self.table.fontMetrics().horizontalAdvance("30 Sep 2026") + 28)
        header.setSectionResizeMode(EXPERIMENT, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(EXPERIMENT, 200)
        header.setHighlightSections(False)
        self.table.installEventFilter(self)
        commitments_label = QLabel(texts.COMMITMENTS_LABEL)
        commitments_label.setBuddy(self.table)
        bold = commitments_label.font()
        bold.setBold(True)
        commitments_label.setFont(bold)
        commitments_hint = QLabel(texts.COMMITMENTS_HINT, objectName="sessionCommitmentsHint")
        commitments_hint.setWordWrap(True)
        commitments_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.add_button = self._button(
            "commitmentAdd", texts.ADD_BUTTON, texts.ADD_TOOLTIP, self.add_commitment
        )
        self.remove_button = self._button(
            "commitmentRemove", texts.REMOVE_BUTTON, texts.REMOVE_TOOLTIP, self.remove_commitment
        )
        self.experiment_button = self._button(
            "commitmentToExperiment",
            texts.EXPERIMENT_BUTTON,
            texts.EXPERIMENT_TOOLTIP,
            self.turn_into_experiment,
            "experiments",
        )
        table_buttons = QHBoxLayout()
        table_buttons.setContentsMargins(0, 0, 0, 0)
        table_buttons.addWidget(self.add_button)
        table_buttons.addWidget(self.remove_button)
        table_buttons.addStretch(1)
        table_buttons.addWidget(self.experiment_button)

        self.error_label = QLabel(objectName="sessionError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.hide()
        self.save_button = self._button(
            "sessionSave", texts.SAVE_BUTTON, texts.SAVE_TOOLTIP, self.save, "save"
        )
        self.delete_button = self._button(
            "sessionDelete",
            texts.DELETE_BUTTON,
            texts.DELETE_TOOLTIP,
            self.delete_current,
            "delete",
        )
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.delete_button)
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)

        self.editor = QWidget(objectName="sessionEditor")
        self.editor.setAccessibleName(texts.EDITOR_ACCESSIBLE_NAME)
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.setSpacing(8)
        editor_layout.addWidget(self.title_label)
        editor_layout.addLayout(form, 3)
        editor_layout.addSpacing(4)
        editor_layout.addWidget(commitments_label)
        editor_layout.addWidget(commitments_hint)
        editor_layout.addWidget(self.table, 2)
        editor_layout.addLayout(table_buttons)
        editor_layout.addWidget(self.error_label)
        editor_layout.addLayout(bottom)

        right = QWidget(objectName="sessionEditorPane")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 8, 8, 8)
        right_layout.addWidget(self.placeholder, 1)
        right_layout.addWidget(self.editor, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="sessionsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([420, 760])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        order: list[QWidget] = [
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
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

        self.list.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.date_edit.dateChanged.connect(self._edited)
        self.topics_edit.textChanged.connect(self._edited)
        self.notes_edit.textChanged.connect(self._edited)
        self.commitments.dataChanged.connect(self._edited)
        self.commitments.rowsInserted.connect(self._edited)
        self.commitments.rowsRemoved.connect(self._edited)
        self.table.selectionModel().selectionChanged.connect(self._enable_commitment_buttons)
        self._show_nothing()
        self._enable(False)

    def _button(
        self, name: str, text: str, tooltip: str, slot: object, icon_name: str | None = None
    ) -> QPushButton:
        button = QPushButton(text, objectName=name)
        if icon_name:
            button.setIcon(icon(icon_name))
        button.setAccessibleName(texts.plain(text).rstrip("…"))
        button.setToolTip(tooltip)
        button.clicked.connect(slot)
        return button

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
        self._current = None
        self._show_nothing()
        self._enable(journal is not None)
        try:
            self.model.set_service(self._service)
        except USER_ERRORS as error:
            self.model.set_service(None)
            self.error.emit(error)
        self.list.empty_text = texts.EMPTY_LIST if journal is not None else ""
        self._update_header()
        if journal is not None and self.model.rowCount():
            self._select_row(0)

    def _enable(self, on: bool) -> None:
        self.new_button.setEnabled(on)
        self.export_button.setEnabled(on)

    def _today(self) -> date:
        return self._journal.clock().date() if self._journal is not None else date.today()

    def refresh(self) -> None:
        """Read the sessions again (after an experiment was made from a commitment, say),
        keeping the selected session and any edits in progress."""
        if self._service is None:
            return
        current_id = self._current.id if self._current is not None else None
        try:
            self._reload_list(select=current_id)
            if current_id is not None and self.model.row_of(current_id) is None:
                self._show_nothing()  # deleted elsewhere (the command line, say)
            elif current_id is not None and not self._modified:
                self._show(self._service.get(current_id))
        except USER_ERRORS as error:
            self.error.emit(error)
        self._update_header()

    def _reload_list(self, select: int | None) -> None:
        self._switching = True
        try:
            self.model.reload()
            row = self.model.row_of(select)
            if row is None:
                self.list.selectionModel().clear()
            else:
                self._select_row(row)
        finally:
            self._switching = False

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.list.scrollTo(index)

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

    # --- moving between sessions ---------------------------------------------------------
    def current_session(self) -> CoachSession | None:
        """The stored session in the editor (``None`` for a new one or nothing)."""
        return self._current

    def is_modified(self) -> bool:
        return self._modified

    def select_session(self, session_id: int) -> bool:
        """Show ``session_id`` (saving or asking about edits first); False if it stayed."""
        row = self.model.row_of(session_id)
        if row is None or not self._leave_current():
            return False
        self._reload_list(select=session_id)
        self._load(session_id)
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._switching or not current.isValid():
            return
        target = current.data(SessionIdRole)
        if self._current is not None and self._current.id == target and self._editing:
            return
        if not self._leave_current():
            # Keep editing: the list goes back to the session still in the editor.
            self._reload_list(select=self._current.id if self._current is not None else None)
            return
        self._reload_list(select=target)  # a save may have moved rows
        self._load(target)

    def _leave_current(self) -> bool:
        """Before showing something else: save valid edits, or ask about invalid ones.
        True when the editor may change."""
        if not self._modified:
            return True
        reason = self._try_save()
        if reason is None:
            return True
        if self.ask_keep_editing(reason):
            return False
        self._modified = False
        self._show_error("")
        return True

    def flush(self) -> bool:
        """Save edits in progress if valid (before locking or closing). False when they
        cannot be saved: the editor keeps them and shows why."""
        if not self._modified:
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

    # --- the editor ----------------------------------------------------------------------
    def _show(self, session: CoachSession | None) -> None:
        """Fill the editor with a stored session, or an empty new one (``None``)."""
        today = self._today()
        labels = self._experiment_labels(session) if session is not None else {}
        self._loading = True
        try:
            self.date_edit.setMaximumDate(
                to_qdate(max(today, session.held_on if session else today))
            )
            self.date_edit.setDate(to_qdate(session.held_on if session else today))
            self._set_text(self.topics_edit, session.topics if session else "")
            self._set_text(self.notes_edit, session.notes if session else "")
            self.commitments.set_commitments(session.commitments if session else (), labels)
        finally:
            self._loading = False
        self._current = session
        self._editing = True
        self._modified = False
        self.title_label.setText(
            texts.EDIT_TITLE.format(day=texts.day_text(session.held_on))
            if session is not None
            else texts.NEW_TITLE
        )
        self._show_error("")
        self.placeholder.hide()
        self.editor.show()
        self.delete_button.setEnabled(True)
        self._enable_save()
        self._enable_commitment_buttons()

    @staticmethod
    def _set_text(edit: QPlainTextEdit, text: str) -> None:
        if edit.toPlainText() != text:
            edit.setPlainText(text)

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
        self._loading = True
        try:
            self.date_edit.setDate(to_qdate(self._today()))
            self.topics_edit.clear()
            self.notes_edit.clear()
            self.commitments.clear()
        finally:
            self._loading = False
        self._current = None
        self._editing = False
        self._modified = False
        self.title_label.clear()
        self._show_error("")
        self.editor.hide()
        self.placeholder.setVisible(self._service is not None)
        self._enable_save()
        self._enable_commitment_buttons()

    def _edited(self) -> None:
        if self._loading or not self._editing:
            return
        self._modified = True
        self._enable_save()

    def _enable_save(self) -> None:
        self.save_button.setEnabled(self._editing and (self._modified or self._current is None))

    def selected_commitment_row(self) -> int | None:
        """The commitment the buttons act on: the selected row (a current cell alone is
        not shown to the user, so it does not count)."""
        selected = self.table.selectionModel().selectedRows()
        if not self._editing or len(selected) != 1:
            return None
        row = selected[0].row()
        return row if 0 <= row < self.commitments.rowCount() else None

    def _enable_commitment_buttons(self) -> None:
        row = self.selected_commitment_row()
        chosen = row is not None
        self.add_button.setEnabled(self._editing)
        self.remove_button.setEnabled(chosen)
        linked = row is not None and self.commitments.row(row).experiment_id is not None
        self.experiment_button.setEnabled(chosen and not linked)

    def _show_error(self, message: str) -> None:
        if message:
            self.error_label.setStyleSheet(f"color: {error_colour(self.palette())};")
            self.error_label.setText(texts.ERROR_PREFIX + as_sentence(message))
        else:
            self.error_label.clear()
        self.error_label.setVisible(bool(message))

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def edited_session(self) -> CoachSession:
        """The session as the editor describes it (raises ValidationError)."""
        return CoachSession(
            held_on=from_qdate(self.date_edit.date()),
            topics=self.topics_edit.toPlainText(),
            notes=self.notes_edit.toPlainText(),
            commitments=self.commitments.commitments(),
            id=self._current.id if self._current is not None else None,
        )

    # --- commands ------------------------------------------------------------------------
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
        if self._service is None or not self._editing:
            return None
        if not self._modified and self._current is not None:
            return self._current
        if self._try_save() is not None:
            return None
        return self._current

    def _try_save(self) -> str | None:
        """Save; ``None`` on success, else the reason (shown in the editor)."""
        service = self._service
        if service is None:
            return None
        try:
            session = self.edited_session()
            new = session.id is None
            stored = service.update(session) if not new else service.record(session)
        except USER_ERRORS as error:
            self._show_error(str(error))
            self._focus_field(getattr(error, "field", None))
            return as_sentence(str(error))
        self._reload_list(select=stored.id)
        self._show(stored)
        self._update_header()
        self.status.emit(texts.RECORDED if new else texts.SAVED)
        self.changed.emit()
        return None

    def _focus_field(self, field: str | None) -> None:
        widget = {
            "date": self.date_edit,
            "topics": self.topics_edit,
            "notes": self.notes_edit,
            "commitment": self.table,
            "due": self.table,
        }.get(field or "")
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def delete_current(self) -> None:
        """Delete the session in the editor, after asking (a new one is just dropped)."""
        service = self._service
        if service is None or not self._editing:
            return
        session = self._current
        if session is None or session.id is None:
            self._modified = False
            self._show_nothing()
            if self.model.rowCount():
                self._select_row(0)
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
        self._modified = False
        self._show_nothing()
        self._reload_list(select=None)
        if self.model.rowCount():
            self._select_row(0)
            self._load(self.model.session(0).id)
        self._update_header()
        self.status.emit(texts.DELETED)
        self.changed.emit()

    def add_commitment(self) -> None:
        if not self._editing:
            return
        row = self.commitments.add_row()
        index = self.commitments.index(row, TEXT)
        self.table.setCurrentIndex(index)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.edit(index)

    def remove_commitment(self) -> None:
        row = self.selected_commitment_row()
        if row is not None:
            self.commitments.remove_row(row)
            self._enable_commitment_buttons()

    def turn_into_experiment(self) -> None:
        """Store the session if needed (the commitment needs an id), then ask the window
        for the experiment dialog."""
        row = self.selected_commitment_row()
        if row is None:
            return
        chosen = self.commitments.row(row)
        if chosen.experiment_id is not None:
            return
        if chosen.is_blank():
            self.table.edit(self.commitments.index(row, TEXT))
            return
        if self._modified or chosen.id is None:
            # Rows keep their order when stored (new ones get the next ids), so the chosen
            # one is found again by its place among the rows that are saved.
            place = sum(1 for r in self.commitments.rows()[:row] if not r.is_blank())
            if self._try_save() is not None:
                return
            assert self._current is not None
            commitment_id = self._current.commitments[place].id
            self.table.setCurrentIndex(self.commitments.index(place, TEXT))
        else:
            commitment_id = chosen.id
        if commitment_id is not None:
            self.experiment_requested.emit(commitment_id)

    # --- questions (tests replace these) -------------------------------------------------
    def confirm(self, title: str, question: str, action: str) -> bool:
        """Ask a yes/no question; True if the user chose ``action``."""
        box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=self)
        yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        box.exec()
        return box.clickedButton() is yes

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

    # --- keys ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.table.state() != QAbstractItemView.State.EditingState
        ):
            index = self.table.currentIndex()
            if index.isValid() and index.column() == DUE:
                self.commitments.setData(index, None)
                return True
        return super().eventFilter(watched, event)
