"""The buttons that move the chosen experiment through its lifecycle.

Edit, Start, Log attempt, Complete, Abandon and Reopen, each enabled only where the
lifecycle allows it (:meth:`ExperimentActions.enable_for`). What a button does is the
section's (:class:`ExperimentCommands`): this bar only offers the commands.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QPushButton, QWidget

from tkg_journal.domain.experiments import ExperimentStatus
from tkg_journal.ui.common.flow_layout import flow_row
from tkg_journal.ui.common.master_detail import section_button
from tkg_journal.ui.experiments import experiment_texts as texts

#: Object name, text and tooltip of each button, in the order they stand (and Tab goes).
_BUTTONS = (
    ("experimentEdit", texts.EDIT_BUTTON, texts.EDIT_TOOLTIP),
    ("experimentStart", texts.START_BUTTON, texts.START_TOOLTIP),
    ("experimentLogAttempt", texts.LOG_BUTTON, texts.LOG_TOOLTIP),
    ("experimentComplete", texts.COMPLETE_BUTTON, texts.COMPLETE_TOOLTIP),
    ("experimentAbandon", texts.ABANDON_BUTTON, texts.ABANDON_TOOLTIP),
    ("experimentReopen", texts.REOPEN_BUTTON, texts.REOPEN_TOOLTIP),
)


class ExperimentCommands(Protocol):
    """What the buttons run, on the experiment shown."""

    def edit_current(self) -> None: ...
    def start_current(self) -> None: ...
    def log_attempt_on_current(self) -> None: ...
    def complete_current(self) -> None: ...
    def abandon_current(self) -> None: ...
    def reopen_current(self) -> None: ...


class ExperimentActions(QWidget):
    """A row of the lifecycle's buttons (``buttons``, in Tab order), wrapping when the
    pane is narrow. Signals: none."""

    def __init__(self, commands: ExperimentCommands, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("experimentActions")
        self.setAccessibleName(texts.ACTIONS_ACCESSIBLE_NAME)
        slots = (
            commands.edit_current,
            commands.start_current,
            commands.log_attempt_on_current,
            commands.complete_current,
            commands.abandon_current,
            commands.reopen_current,
        )
        self.buttons: tuple[QPushButton, ...] = tuple(
            section_button(name, text, tooltip, slot)
            for (name, text, tooltip), slot in zip(_BUTTONS, slots, strict=True)
        )
        (
            self.edit_button,
            self.start_button,
            self.log_button,
            self.complete_button,
            self.abandon_button,
            self.reopen_button,
        ) = self.buttons
        # A narrow pane (a small screen, 200 %) shows them on two lines.
        flow_row(list(self.buttons), self)

    def enable_for(self, status: ExperimentStatus | None) -> None:
        """Enable what an experiment in ``status`` allows (``None``: nothing shown)."""
        self.edit_button.setEnabled(status is not None)
        self.start_button.setEnabled(status is ExperimentStatus.PLANNED)
        self.log_button.setEnabled(status is ExperimentStatus.ACTIVE)
        self.complete_button.setEnabled(status is ExperimentStatus.ACTIVE)
        self.abandon_button.setEnabled(status is not None and status.is_open)
        self.reopen_button.setEnabled(status is not None and not status.is_open)
