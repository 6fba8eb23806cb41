"""Close an experiment: complete it with what was learned, or abandon it with the reason.

One small dialog with a mode, since both ask for a few words and store through the service;
completing also re-rates the belief and shows the rating from before, so the change is in
front of the person as they rate it. Ctrl+Return accepts; an empty answer is refused inline.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.experiments import Experiment
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.experiments import Experiments
from tkg_journal.ui.common.messages import as_sentence, error_colour
from tkg_journal.ui.common.unsaved_input import keeps_input
from tkg_journal.ui.experiments import experiment_texts as texts
from tkg_journal.ui.experiments.belief_spin_box import belief_spin_box
from tkg_journal.ui.experiments.experiment_dialog import text_box


class CloseMode(Enum):
    COMPLETE = "complete"
    ABANDON = "abandon"


class CloseExperimentDialog(QDialog):
    """Complete (learning required, belief after optional) or abandon (reason required).

    After ``exec()`` returns Accepted, :attr:`result_experiment` is the stored experiment.

    Signals: none beyond QDialog's.
    """

    def __init__(
        self,
        service: Experiments,
        experiment: Experiment,
        mode: CloseMode,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        assert experiment.id is not None, "only a stored experiment can be closed"
        self.setObjectName("closeExperimentDialog")
        self._service = service
        self._experiment = experiment
        self.mode = mode
        self.result_experiment: Experiment | None = None
        completing = mode is CloseMode.COMPLETE
        title = texts.COMPLETE_DIALOG_TITLE if completing else texts.ABANDON_DIALOG_TITLE
        self.setWindowTitle(title)
        self.setAccessibleName(title)

        heading = QLabel(experiment.title, self)
        heading.setObjectName("closeExperimentTitle")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(texts.COMPLETE_INTRO if completing else texts.ABANDON_INTRO, self)
        intro.setObjectName("closeExperimentIntro")
        intro.setWordWrap(True)

        label_text = texts.LEARNING_LABEL if completing else texts.REASON_LABEL
        self.text_edit = text_box(
            "closeExperimentLearning" if completing else "closeExperimentReason",
            label_text,
            texts.LEARNING_PLACEHOLDER if completing else texts.REASON_PLACEHOLDER,
            4,
            self,
        )
        text_label = QLabel(label_text, self)
        text_label.setBuddy(self.text_edit)

        self.belief_spin = belief_spin_box(
            self, "closeExperimentBeliefAfter", texts.BELIEF_AFTER_LABEL
        )
        belief_label = QLabel(texts.BELIEF_AFTER_LABEL, self)
        belief_label.setBuddy(self.belief_spin)
        before = experiment.belief_before
        self.belief_before_label = QLabel(
            texts.BELIEF_BEFORE_TEXT.format(
                before=f"{before}{texts.PERCENT_SUFFIX}"
                if before is not None
                else texts.BELIEF_NOT_RATED.lower()
            ),
            self,
        )
        self.belief_before_label.setObjectName("closeExperimentBeliefBefore")

        self.error_label = QLabel(self)
        self.error_label.setObjectName("closeExperimentError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("closeExperimentButtons")
        self.accept_button = self.buttons.addButton(
            texts.COMPLETE_ACCEPT if completing else texts.ABANDON_ACCEPT,
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.accept_button.setObjectName("closeExperimentAccept")
        self.accept_button.setToolTip(texts.ACCEPT_HINT.replace("saves", "accepts"))
        self.accept_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName(
            "closeExperimentCancel"
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)

        grid = QGridLayout()
        grid.setVerticalSpacing(4)
        grid.addWidget(text_label, 0, 0, 1, 3)
        grid.addWidget(self.text_edit, 1, 0, 1, 3)
        if completing:
            grid.addWidget(belief_label, 2, 0)
            grid.addWidget(self.belief_spin, 2, 1)
            grid.addWidget(self.belief_before_label, 2, 2)
            grid.setColumnStretch(2, 1)
        else:
            for widget in (belief_label, self.belief_spin, self.belief_before_label):
                widget.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.text_edit.textChanged.connect(self._clear_error)
        self.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setMinimumWidth(460)
        keeps_input(self, "close_experiment",
                    {"experiment_id": experiment.id, "mode": mode.value})

    def accept(self) -> None:
        text = self.text_edit.toPlainText()
        experiment_id = self._experiment.id
        assert experiment_id is not None
        try:
            if self.mode is CloseMode.COMPLETE:
                if not text.strip():
                    raise ValidationError("learning", texts.LEARNING_REQUIRED)
                stored = self._service.complete(
                    experiment_id, learning=text, belief_after=self.belief_spin.rating()
                )
            else:
                if not text.strip():
                    raise ValidationError("reason", texts.REASON_REQUIRED)
                stored = self._service.abandon(experiment_id, reason=text)
        except USER_ERRORS as error:
            self.show_error(str(error))
            return
        self.result_experiment = stored
        super().accept()

    def show_error(self, message: str) -> None:
        self.error_label.setStyleSheet(f"color: {error_colour(self.palette())};")
        self.error_label.setText(texts.ERROR_PREFIX + as_sentence(message))
        self.error_label.show()
        self.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def _clear_error(self) -> None:
        if not self.error_label.isHidden():
            self.error_label.hide()
            self.error_label.clear()
