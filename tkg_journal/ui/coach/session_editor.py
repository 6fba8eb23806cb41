"""The right side of the Coach sessions section: one session's fields and commitments.

The day, topics and notes in a form, then the commitments as an editable table with Add,
Remove and "Turn into experiment…", a line saying why a save was refused, and Delete and
Save. The editor keeps the edits in its widgets and knows whether there are any
(:meth:`SessionEditor.is_modified`); storing them, and the questions around it, are the
section's (:class:`SessionCommands`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.coach_sessions import CoachSession
from tkg_journal.ui.coach import session_texts as texts
from tkg_journal.ui.coach.commitment_table_model import TEXT, CommitmentTableModel
from tkg_journal.ui.coach.commitment_table_view import CommitmentTableView
from tkg_journal.ui.common.journal_dates import from_qdate, limit_to_journal_range, to_qdate
from tkg_journal.ui.common.master_detail import section_button
from tkg_journal.ui.common.messages import as_sentence, error_colour


class SessionCommands(Protocol):
    """What the editor's buttons run that stores or deletes something."""

    def save(self) -> object: ...
    def delete_current(self) -> None: ...
    def turn_into_experiment(self) -> None: ...


def _text_edit(name: str, accessible: str, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    return edit


class SessionEditor(QWidget):
    """A stored session, a new one, or nothing (hidden by the section). Signals: none."""

    def __init__(
        self,
        commands: SessionCommands,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionEditor")
        self.setAccessibleName(texts.EDITOR_ACCESSIBLE_NAME)
        self._current: CoachSession | None = None  # the stored session being edited
        self._editing = False  # a session (stored or new) is shown
        self._modified = False
        self._loading = False  # filling the widgets is not an edit

        self.title_label = QLabel()
        self.title_label.setObjectName("sessionTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        form = self._build_form()
        self.commitments = CommitmentTableModel(self)
        self.table = CommitmentTableView(self.commitments, today)
        self.add_button = section_button(
            "commitmentAdd", texts.ADD_BUTTON, texts.ADD_TOOLTIP, self.add_commitment
        )
        self.remove_button = section_button(
            "commitmentRemove", texts.REMOVE_BUTTON, texts.REMOVE_TOOLTIP, self.remove_commitment
        )
        self.experiment_button = section_button(
            "commitmentToExperiment",
            texts.EXPERIMENT_BUTTON,
            texts.EXPERIMENT_TOOLTIP,
            commands.turn_into_experiment,
            "experiments",
        )
        self.error_label = QLabel()
        self.error_label.setObjectName("sessionError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.hide()
        self.save_button = section_button(
            "sessionSave", texts.SAVE_BUTTON, texts.SAVE_TOOLTIP, commands.save, "save"
        )
        self.delete_button = section_button(
            "sessionDelete",
            texts.DELETE_BUTTON,
            texts.DELETE_TOOLTIP,
            commands.delete_current,
            "delete",
        )
        self._lay_out(form)

        self.date_edit.dateChanged.connect(self._edited)
        self.topics_edit.textChanged.connect(self._edited)
        self.notes_edit.textChanged.connect(self._edited)
        self.commitments.dataChanged.connect(self._edited)
        self.commitments.rowsInserted.connect(self._edited)
        self.commitments.rowsRemoved.connect(self._edited)
        self.table.selectionModel().selectionChanged.connect(self.enable_commitment_buttons)

    def _build_form(self) -> QFormLayout:
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("sessionDate")
        self.date_edit.setAccessibleName(texts.DATE_ACCESSIBLE_NAME)
        self.date_edit.setCalendarPopup(True)
        limit_to_journal_range(self.date_edit)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        lines = self.fontMetrics().lineSpacing()
        self.topics_edit = _text_edit(
            "sessionTopics", texts.TOPICS_ACCESSIBLE_NAME, texts.TOPICS_PLACEHOLDER
        )
        self.topics_edit.setFixedHeight(lines * 3 + 14)
        self.notes_edit = _text_edit(
            "sessionNotes", texts.NOTES_ACCESSIBLE_NAME, texts.NOTES_PLACEHOLDER
        )
        self.notes_edit.setMinimumHeight(lines * 4 + 14)
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
        return form

    def _lay_out(self, form: QFormLayout) -> None:
        commitments_label = QLabel(texts.COMMITMENTS_LABEL)
        commitments_label.setBuddy(self.table)
        bold = commitments_label.font()
        bold.setBold(True)
        commitments_label.setFont(bold)
        commitments_hint = QLabel(texts.COMMITMENTS_HINT)
        commitments_hint.setObjectName("sessionCommitmentsHint")
        commitments_hint.setWordWrap(True)
        commitments_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        table_buttons = QHBoxLayout()
        table_buttons.setContentsMargins(0, 0, 0, 0)
        table_buttons.addWidget(self.add_button)
        table_buttons.addWidget(self.remove_button)
        table_buttons.addStretch(1)
        table_buttons.addWidget(self.experiment_button)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.delete_button)
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.title_label)
        layout.addLayout(form, 3)
        layout.addSpacing(4)
        layout.addWidget(commitments_label)
        layout.addWidget(commitments_hint)
        layout.addWidget(self.table, 2)
        layout.addLayout(table_buttons)
        layout.addWidget(self.error_label)
        layout.addLayout(bottom)

    # --- what is shown -----------------------------------------------------------------
    def show_session(
        self, session: CoachSession | None, labels: dict[int, str], today: date
    ) -> None:
        """Fill the editor with a stored session, or an empty new one (``None``) dated
        ``today``; ``labels`` name the experiments made from its commitments."""
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
        self.show_error("")
        self.delete_button.setEnabled(True)
        self._enable_save()
        self.enable_commitment_buttons()

    @staticmethod
    def _set_text(edit: QPlainTextEdit, text: str) -> None:
        if edit.toPlainText() != text:
            edit.setPlainText(text)

    def show_nothing(self, today: date) -> None:
        """No session: every field emptied (no user text stays in a widget)."""
        self._loading = True
        try:
            self.date_edit.setDate(to_qdate(today))
            self.topics_edit.clear()
            self.notes_edit.clear()
            self.commitments.clear()
        finally:
            self._loading = False
        self._current = None
        self._editing = False
        self._modified = False
        self.title_label.clear()
        self.show_error("")
        self._enable_save()
        self.enable_commitment_buttons()

    def session(self) -> CoachSession | None:
        """The stored session shown (``None`` for a new one or nothing)."""
        return self._current

    def is_editing(self) -> bool:
        """A session, stored or new, is shown."""
        return self._editing

    def is_modified(self) -> bool:
        return self._modified

    def drop_edits(self) -> None:
        """Forget that there are edits (the user discarded them)."""
        self._modified = False
        self.show_error("")

    def mark_edited(self) -> None:
        """Fields were filled from a draft: they are unsaved edits, like typing."""
        self._edited()

    def edited_session(self) -> CoachSession:
        """The session as the editor describes it (raises ValidationError)."""
        return CoachSession(
            held_on=from_qdate(self.date_edit.date()),
            topics=self.topics_edit.toPlainText(),
            notes=self.notes_edit.toPlainText(),
            commitments=self.commitments.commitments(),
            id=self._current.id if self._current is not None else None,
        )

    def _edited(self) -> None:
        if self._loading or not self._editing:
            return
        self._modified = True
        self._enable_save()

    def _enable_save(self) -> None:
        self.save_button.setEnabled(self._editing and (self._modified or self._current is None))

    # --- errors ------------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        """Say why the session cannot be saved (``""``: nothing to say)."""
        if message:
            self.error_label.setStyleSheet(f"color: {error_colour(self.palette())};")
            self.error_label.setText(texts.ERROR_PREFIX + as_sentence(message))
        else:
            self.error_label.clear()
        self.error_label.setVisible(bool(message))

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def focus_field(self, field: str | None) -> None:
        """Focus the field a ValidationError's ``field`` is about."""
        widget = {
            "date": self.date_edit,
            "topics": self.topics_edit,
            "notes": self.notes_edit,
            "commitment": self.table,
            "due": self.table,
        }.get(field or "")
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- commitments -------------------------------------------------------------------
    def selected_commitment_row(self) -> int | None:
        """The commitment the buttons act on: the selected row (a current cell alone is
        not shown to the user, so it does not count)."""
        selected = self.table.selectionModel().selectedRows()
        if not self._editing or len(selected) != 1:
            return None
        row = selected[0].row()
        return row if 0 <= row < self.commitments.rowCount() else None

    def enable_commitment_buttons(self) -> None:
        row = self.selected_commitment_row()
        chosen = row is not None
        self.add_button.setEnabled(self._editing)
        self.remove_button.setEnabled(chosen)
        linked = row is not None and self.commitments.row(row).experiment_id is not None
        self.experiment_button.setEnabled(chosen and not linked)

    def add_commitment(self) -> None:
        """A new, empty commitment, its text cell open for typing."""
        if not self._editing:
            return
        row = self.commitments.add_row()
        self.edit_commitment(row, focus=True)

    def edit_commitment(self, row: int, *, focus: bool = False) -> None:
        index = self.commitments.index(row, TEXT)
        if focus:
            self.table.setCurrentIndex(index)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.edit(index)

    def remove_commitment(self) -> None:
        row = self.selected_commitment_row()
        if row is not None:
            self.commitments.remove_row(row)
            self.enable_commitment_buttons()
