"""The Experiments section: find an experiment on the left, read and move it on the right.

Left (:class:`ExperimentListPane`): a search over experiments and their attempts, status
and level filters, and the list. Right (:class:`ExperimentDetail`): the selected
experiment (its sentence, fields, status with dates, beliefs, learning or why it was
dropped), the trend of its outcomes and its attempts, with the lifecycle's buttons
(:class:`ExperimentActions`) enabled only where the lifecycle allows them. Completed and
abandoned experiments stay readable; reopening one is explicit and asks first. The two
sides meet in :class:`~tkg_journal.ui.common.master_detail.MasterDetail`.

This module holds the section itself: the service, which experiment is shown, and the
lifecycle's commands. Dialogs run through :meth:`ExperimentsView.run_dialog` and questions
through :meth:`ExperimentsView.confirm`, so tests (and the lead's window) can drive them
without a modal loop.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.experiments import Experiment
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.experiments import ExperimentPrefill, Experiments
from tkg_journal.ui.common.master_detail import MasterDetail, confirm_action, set_tab_order
from tkg_journal.ui.experiments import experiment_texts as texts
from tkg_journal.ui.experiments.close_experiment_dialog import CloseExperimentDialog, CloseMode
from tkg_journal.ui.experiments.experiment_actions import ExperimentActions
from tkg_journal.ui.experiments.experiment_detail import ExperimentDetail
from tkg_journal.ui.experiments.experiment_dialog import ExperimentDialog
from tkg_journal.ui.experiments.experiment_list_model import TITLE, ExperimentIdRole
from tkg_journal.ui.experiments.experiment_list_pane import ExperimentListPane
from tkg_journal.ui.experiments.new_due_date_dialog import NewDueDateDialog


class ExperimentsView(QWidget):
    """Signals:
    status(str): a line for the status bar.
    error(object): one of the user's errors (or a storage error) for the window to show.
    log_attempt_requested(int): "Log attempt" on this experiment id (the window opens
        the attempt dialog, then calls :meth:`refresh`).
    changed(): something stored changed here (other views may refresh).
    """

    status = Signal(str)
    error = Signal(object)
    log_attempt_requested = Signal(int)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("experimentsView")
        self._service: Experiments | None = None
        self._current: Experiment | None = None

        self.list_pane = ExperimentListPane()
        self.action_bar = ExperimentActions(self)
        self.detail = ExperimentDetail(self.action_bar)
        self.master_detail = MasterDetail(
            self.list_pane,
            self.list_pane.list,
            self.detail,
            placeholder=texts.NOTHING_SELECTED,
            names=("experimentsSplitter", "experimentDetailPane", "experimentPlaceholder"),
            sizes=(480, 720),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.master_detail)
        self._expose_parts()
        set_tab_order(
            [
                self.search,
                self.list_pane.new_button,
                self.list_pane.status_filter,
                self.list_pane.level_filter,
                self.list,
                *self.action_bar.buttons,
                self.detail.detail_scroll,
                self.detail.attempts.table,
            ]
        )

        self.list_pane.query_changed.connect(self._apply_query)
        self.list_pane.new_requested.connect(self.new_experiment)
        self.master_detail.current_changed.connect(self._on_current_changed)
        self.model.modelReset.connect(self._after_reset)
        self.model.rowsRemoved.connect(self._after_reset)
        self._show_nothing()
        self.list_pane.show_state(locked=True)

    def _expose_parts(self) -> None:
        """The parts the window and the tests reach through the view."""
        self.search = self.list_pane.search
        self.model = self.list_pane.model
        self.list = self.list_pane.list
        self.splitter = self.master_detail.splitter
        self.placeholder = self.master_detail.placeholder
        self.title_label = self.detail.title_label
        self.status_label = self.detail.status_label
        self.statement_label = self.detail.statement_label
        self.success_label = self.detail.success_label
        self.belief_label = self.detail.belief_label
        self.learning_label = self.detail.learning_label
        self.reason_label = self.detail.reason_label
        self.trend = self.detail.attempts.trend
        self.attempts_summary = self.detail.attempts.summary
        self.attempts_model = self.detail.attempts.model

    # --- the service ---------------------------------------------------------------------
    @property
    def service(self) -> Experiments | None:
        return self._service

    def set_service(self, service: Experiments | None) -> None:
        """Show ``service``'s experiments; ``None`` (locking) empties every widget of the
        user's text."""
        self._service = service
        self.list_pane.reset_filters()
        self._current = None
        self._show_nothing()
        try:
            self.model.set_service(service)
        except USER_ERRORS as error:
            self.model.set_service(None)
            self.error.emit(error)
        self.list_pane.new_button.setEnabled(service is not None)
        if service is not None and self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0, TITLE))

    def refresh(self) -> None:
        """Read everything again (after an attempt was logged elsewhere, say), keeping the
        selected experiment."""
        if self._service is None:
            return
        try:
            self.model.reload()
        except USER_ERRORS as error:
            self.error.emit(error)

    def focus_search(self) -> None:
        self.list_pane.focus_search()

    def focus_list(self) -> None:
        self.list_pane.focus_list()

    def current_experiment(self) -> Experiment | None:
        return self._current

    def select_experiment(self, experiment_id: int) -> None:
        """Show ``experiment_id``, clearing the search and filters if they hide it."""
        if self._service is None:
            return
        if self.model.row_of(experiment_id) is None and self.model.is_filtering():
            self.list_pane.reset_filters()
            self._apply_query()
        row = self.model.row_of(experiment_id)
        if row is None:
            return
        self.master_detail.select_row(row, TITLE)
        self._show(experiment_id)

    # --- the list ------------------------------------------------------------------------
    def _apply_query(self) -> None:
        if self._service is None:
            return
        try:
            self.list_pane.apply_query()
        except USER_ERRORS as error:
            self.error.emit(error)

    def _after_reset(self) -> None:
        """The rows changed: keep the experiment shown selected, or show nothing."""
        self.list_pane.show_state(locked=self._service is None)
        if self._service is None:
            return
        current_id = self._current.id if self._current is not None else None
        row = self.model.row_of(current_id)
        with self.master_detail.quietly():
            self.master_detail.select_row(row, TITLE)
        if row is None:
            self._show_nothing()
        elif current_id is not None:
            self._show(current_id)  # read again: it may have changed

    def _on_current_changed(self, current: QModelIndex) -> None:
        experiment_id = current.data(ExperimentIdRole)
        if experiment_id is not None:
            self._show(experiment_id)

    # --- the detail ----------------------------------------------------------------------
    def _show(self, experiment_id: int) -> None:
        service = self._service
        if service is None:
            return
        try:
            experiment = service.get(experiment_id)
            attempts = service.attempts(experiment_id)
            behaviours = {b.id: b for b in service.behaviours(include_archived=True)}
        except USER_ERRORS as error:
            self.error.emit(error)
            return
        self._current = experiment
        self.master_detail.show_detail()
        behaviour = behaviours.get(experiment.behaviour_id)
        self.action_bar.enable_for(experiment.status)
        self.detail.show_experiment(experiment, attempts, behaviour.name if behaviour else "")

    def _show_nothing(self) -> None:
        """No experiment on the right: every label emptied, the placeholder shown."""
        self._current = None
        self.master_detail.show_placeholder(self._service is not None)
        self.detail.clear()
        self.action_bar.enable_for(None)

    # --- actions -------------------------------------------------------------------------
    def run_dialog(self, dialog: QDialog) -> bool:
        """Run ``dialog`` modally; True if accepted. Tests replace this to drive it."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def confirm(self, title: str, question: str, action: str) -> bool:
        """Ask a yes/no question; True if the user chose ``action``. Tests replace this."""
        return confirm_action(self, title, question, action, destructive=False)

    def new_experiment(self) -> None:
        if self._service is None:
            return
        self._run_editor(ExperimentDialog.for_new(self._service, self), texts.CREATED)

    def new_from_prefill(self, prefill: ExperimentPrefill) -> None:
        """ "Turn this entry into an experiment": the dialog starts from the entry's words."""
        if self._service is None:
            return
        self._run_editor(ExperimentDialog.from_prefill(self._service, prefill, self), texts.CREATED)

    def edit_current(self) -> None:
        if self._service is None or self._current is None:
            return
        self._run_editor(
            ExperimentDialog.for_edit(self._service, self._current, self), texts.UPDATED
        )

    def _run_editor(self, dialog: ExperimentDialog | CloseExperimentDialog, message: str) -> None:
        """Run a dialog that stores an experiment; show the stored one."""
        try:
            if not self.run_dialog(dialog) or dialog.result_experiment is None:
                return
            stored = dialog.result_experiment
        finally:
            dialog.deleteLater()
        self._stored(stored, message)

    def start_current(self) -> None:
        service, experiment = self._service, self._current
        if service is None or experiment is None or experiment.id is None:
            return
        try:
            try:
                stored = service.start(experiment.id)
            except ValidationError as error:
                if error.field != "due" or experiment.due_date is None:
                    raise
                due = self.ask_new_due_date(experiment.due_date)
                if due is None:
                    return
                stored = service.start(experiment.id, due=due)
        except USER_ERRORS as error:
            self.error.emit(error)
            return
        self._stored(stored, texts.STARTED)

    def ask_new_due_date(self, old_due: date) -> date | None:
        """The new due date for starting an experiment whose due date has passed."""
        dialog = NewDueDateDialog(old_due, date.today(), self)
        try:
            return dialog.chosen_date() if self.run_dialog(dialog) else None
        finally:
            dialog.deleteLater()

    def log_attempt_on_current(self) -> None:
        if self._current is not None and self._current.id is not None:
            self.log_attempt_requested.emit(self._current.id)

    def complete_current(self) -> None:
        self._close_current(CloseMode.COMPLETE, texts.COMPLETED)

    def abandon_current(self) -> None:
        self._close_current(CloseMode.ABANDON, texts.ABANDONED)

    def edit_experiment(self, experiment_id: int) -> None:
        """Select ``experiment_id`` and open its editor (a window draft reopening it)."""
        self.select_experiment(experiment_id)
        if self._current is not None and self._current.id == experiment_id:
            self.edit_current()

    def close_experiment(self, experiment_id: int, mode: str) -> None:
        """Select ``experiment_id`` and open its complete or abandon dialog."""
        self.select_experiment(experiment_id)
        if self._current is not None and self._current.id == experiment_id:
            closing = CloseMode(mode)
            done = texts.COMPLETED if closing is CloseMode.COMPLETE else texts.ABANDONED
            self._close_current(closing, done)

    def _close_current(self, mode: CloseMode, message: str) -> None:
        if self._service is None or self._current is None:
            return
        self._run_editor(CloseExperimentDialog(self._service, self._current, mode, self), message)

    def reopen_current(self) -> None:
        service, experiment = self._service, self._current
        if service is None or experiment is None or experiment.id is None:
            return
        if not self.confirm(texts.REOPEN_TITLE, texts.REOPEN_QUESTION, texts.REOPEN_CONFIRM):
            return
        try:
            stored = service.reopen(experiment.id)
        except USER_ERRORS as error:
            self.error.emit(error)
            return
        self._stored(stored, texts.REOPENED)

    def _stored(self, experiment: Experiment, message: str) -> None:
        """After a write: show the experiment as stored, tell the window."""
        assert experiment.id is not None
        self._current = experiment
        try:
            if self.model.row_of(experiment.id) is None:
                self.model.reload()
            else:
                self.model.experiment_changed(experiment.id)
        except USER_ERRORS as error:
            self.error.emit(error)
        self.select_experiment(experiment.id)
        self.status.emit(message)
        self.changed.emit()
