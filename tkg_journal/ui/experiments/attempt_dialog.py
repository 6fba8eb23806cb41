"""Log an attempt in seconds: which experiment, when, did I do it, how it went, a line on
the situation and an optional note.

Built for the keyboard: the dialog opens on the "did it" buttons (on the experiment picker
when several are active and none is chosen), Y / P / N answer them there too (Alt+Y /
Alt+P / Alt+N from any field), Tab walks the rest, Enter or Ctrl+Enter logs and Esc
cancels. A refusal by the service (a closed experiment, a bad time) shows inside the
dialog, which stays open with everything typed.
"""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise

from PySide6.QtCore import QDateTime, QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.experiments import Attempt, DidIt
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.experiments import Experiments
from tkg_journal.ui.common.journal_dates import from_qdatetime, limit_to_journal_range
from tkg_journal.ui.common.level_badge import level_badge_icon
from tkg_journal.ui.common.messages import error_colour
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.unsaved_input import keeps_input
from tkg_journal.ui.common.value_label import ValueLabel
from tkg_journal.ui.common.window_fit import keep_text_whole
from tkg_journal.ui.experiments import experiment_texts as texts

#: Plain keys that answer "did you try it?" while no text field has the focus.
DID_IT_KEYS: dict[int, DidIt] = {
    Qt.Key.Key_Y: DidIt.YES,
    Qt.Key.Key_P: DidIt.PARTIAL,
    Qt.Key.Key_N: DidIt.NO,
}
_OUTCOMES: tuple[int | None, ...] = (-2, -1, 0, 1, 2, None)
_NAME_OF_OUTCOME = {
    -2: "MuchWorse",
    -1: "Worse",
    0: "Same",
    1: "Better",
    2: "MuchBetter",
    None: "NotRated",
}
_DID_IT_NAME = {DidIt.YES: "Yes", DidIt.PARTIAL: "Partly", DidIt.NO: "No"}
# Big enough to hit without aiming (the dialog is used right after a hard conversation).
_DID_IT_MIN_HEIGHT = 40


class _WhenEdit(QDateTimeEdit):
    """A date-time field that Tab leaves at once (Qt's walks through its five sections
    first); Left and Right still move between day, month, year, hour and minute."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class AttemptDialog(QDialog):
    """Logs one attempt on an active experiment; ``logged`` is the stored Attempt after
    the dialog was accepted, else ``None``.

    No signals of its own (``accepted`` / ``rejected`` as any QDialog).
    """

    def __init__(
        self,
        service: Experiments,
        parent: QWidget | None = None,
        *,
        experiment_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attemptDialog")
        self.setWindowTitle(texts.ATTEMPT_TITLE)
        self.setAccessibleName(texts.ATTEMPT_TITLE)
        self._service = service
        self._logged: Attempt | None = None
        try:
            active = service.active()
        except USER_ERRORS as error:
            active = []
            load_error: str | None = str(error)
        else:
            load_error = None

        self.experiment_combo = named(QComboBox(), "attemptExperiment")
        self.experiment_combo.setAccessibleName("Experiment")
        self.experiment_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.experiment_combo.setMinimumContentsLength(36)
        for experiment in active:
            self.experiment_combo.addItem(
                level_badge_icon(experiment.level),
                texts.experiment_choice(experiment),
                experiment.id,
            )
            self.experiment_combo.setItemData(
                self.experiment_combo.count() - 1, experiment.statement, Qt.ItemDataRole.ToolTipRole
            )
        self.no_active_label = named(
            QLabel(texts.ATTEMPT_NO_ACTIVE, wordWrap=True), "attemptNoActive"
        )
        self.no_active_label.setVisible(not active)
        # The experiment's own sentence, so the new response is in front of the user.
        self.statement_label = named(QLabel(wordWrap=True), "attemptStatement")
        self.statement_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statement_label.setStyleSheet("color: palette(placeholder-text);")
        self._statements = {experiment.id: experiment.statement for experiment in active}
        self.experiment_combo.currentIndexChanged.connect(self._show_statement)
        # The dialog may open here (several active experiments, none chosen): Y / P / N
        # answer "did you try it?" even so, rather than jump to a title with that letter.
        self.experiment_combo.installEventFilter(self)

        self.when_edit = named(_WhenEdit(), "attemptWhen")
        self.when_edit.setAccessibleName("When")
        self.when_edit.setCalendarPopup(True)
        limit_to_journal_range(self.when_edit)
        self.when_edit.setDisplayFormat("d MMM yyyy  HH:mm")
        self.when_edit.setDateTime(QDateTime.currentDateTime())

        self.did_it_group = QButtonGroup(self)
        self.did_it_group.setExclusive(True)
        self.did_it_buttons: dict[DidIt, QPushButton] = {}
        did_it_row = QHBoxLayout()
        for did_it in DidIt:
            button = self._toggle(
                f"attemptDid{_DID_IT_NAME[did_it]}",
                texts.DID_IT_LABELS[did_it],
                f"Did it: {texts.DID_IT_NAMES[did_it]}",
            )
            button.setMinimumHeight(_DID_IT_MIN_HEIGHT)
            font = button.font()
            font.setPointSizeF(font.pointSizeF() * 1.15)
            font.setBold(True)
            button.setFont(font)
            self.did_it_group.addButton(button)
            self.did_it_buttons[did_it] = button
            did_it_row.addWidget(button)

        self.outcome_group = QButtonGroup(self)
        self.outcome_group.setExclusive(True)
        self.outcome_buttons: dict[int | None, QPushButton] = {}
        outcome_grid = QGridLayout()
        outcome_grid.setHorizontalSpacing(4)
        for column, outcome in enumerate(_OUTCOMES):
            sign, words = texts.OUTCOME_LABELS[outcome]
            text = f"{sign}\n{words}" if sign else words
            button = self._toggle(
                f"attemptOutcome{_NAME_OF_OUTCOME[outcome]}",
                text,
                f"Outcome: {sign} {words}".replace("  ", " "),
            )
            self.outcome_group.addButton(button)
            self.outcome_buttons[outcome] = button
            outcome_grid.addWidget(button, 0, column)
        self.outcome_buttons[None].setChecked(True)

        self.situation_edit = named(QLineEdit(), "attemptSituation")
        self.situation_edit.setAccessibleName("Situation")
        self.situation_edit.setPlaceholderText(texts.ATTEMPT_SITUATION_PLACEHOLDER)
        self.note_edit = named(QPlainTextEdit(), "attemptNote")
        self.note_edit.setAccessibleName("Note")
        self.note_edit.setPlaceholderText(texts.ATTEMPT_NOTE_PLACEHOLDER)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 4 + 14)

        self.error_label = named(ValueLabel("Problem"), "attemptError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        if load_error:
            self._show_error(load_error)

        buttons = QDialogButtonBox()
        self.log_button = named(QPushButton(texts.ATTEMPT_LOG), "attemptLog")
        self.log_button.setAccessibleName("Log attempt")
        self.log_button.setDefault(True)
        self.log_button.setEnabled(bool(active))
        buttons.addButton(self.log_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("attemptCancel")
        cancel.setAccessibleName("Cancel")
        cancel.setAutoDefault(False)
        self.log_button.clicked.connect(self.log)
        cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.log)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.log)

        # A grid, not a form: a form reports the wrapped statement taller than it is (as
        # if at a narrower width), and the dialog opened with gaps around it.
        form = QGridLayout()
        form.setColumnStretch(1, 1)
        experiment_label = QLabel(texts.ATTEMPT_EXPERIMENT)
        experiment_label.setBuddy(self.experiment_combo)
        form.addWidget(experiment_label, 0, 0)
        form.addWidget(self.experiment_combo, 0, 1)
        form.addWidget(self.statement_label, 1, 1)
        when_label = QLabel(texts.ATTEMPT_WHEN)
        when_label.setBuddy(self.when_edit)
        form.addWidget(when_label, 2, 0)
        form.addWidget(self.when_edit, 2, 1)
        situation_label = QLabel(texts.ATTEMPT_SITUATION)
        situation_label.setBuddy(self.situation_edit)
        note_label = QLabel(texts.ATTEMPT_NOTE)
        note_label.setBuddy(self.note_edit)

        layout = QVBoxLayout(self)
        layout.addWidget(self.no_active_label)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self._heading(texts.ATTEMPT_DID_IT))
        layout.addWidget(self._choice_group("attemptDidItGroup", texts.ATTEMPT_DID_IT, did_it_row))
        layout.addSpacing(6)
        layout.addWidget(self._heading(texts.ATTEMPT_OUTCOME))
        layout.addWidget(
            self._choice_group("attemptOutcomeGroup", texts.ATTEMPT_OUTCOME, outcome_grid)
        )
        layout.addSpacing(6)
        lower = QFormLayout()
        lower.addRow(situation_label, self.situation_edit)
        lower.addRow(note_label, self.note_edit)
        layout.addLayout(lower)
        layout.addWidget(self.error_label)
        hint = named(QLabel(texts.ATTEMPT_HINT, wordWrap=True), "attemptHint")
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(hint)
        layout.addWidget(buttons)

        # Tab order follows the eye: experiment, when, did it, outcome, situation, note.
        chain: list[QWidget] = [
            self.experiment_combo,
            self.when_edit,
            *self.did_it_buttons.values(),
            *self.outcome_buttons.values(),
            self.situation_edit,
            self.note_edit,
            self.log_button,
            cancel,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

        if experiment_id is not None:
            index = self.experiment_combo.findData(experiment_id)
            if index >= 0:
                self.experiment_combo.setCurrentIndex(index)
            elif active:
                self._show_error(texts.ATTEMPT_NOT_ACTIVE)
        self._first_focus: QWidget = (
            self.did_it_buttons[DidIt.YES]
            if active and (experiment_id is not None or len(active) == 1)
            else self.experiment_combo
        )
        self._show_statement()
        self.setMinimumWidth(540)
        # The statement and the hint wrap: the window grows to show them whole rather
        # than squeeze them into the When row and the Note box.
        keep_text_whole(self)
        keeps_input(self, "attempt", {"experiment_id": experiment_id})

    def _show_statement(self, *_args: object) -> None:
        statement = self._statements.get(self.experiment_id(), "")
        self.statement_label.setText(statement)
        self.statement_label.setVisible(bool(statement))

    def _toggle(self, name: str, text: str, accessible: str) -> QPushButton:
        button = named(QPushButton(text), name)
        button.setCheckable(True)
        # One of N: exposed to assistive technology as a radio button (the group keeps
        # them exclusive; this flag is what gives them the radio role).
        button.setAutoExclusive(True)
        button.setAccessibleName(accessible)
        # Enter on a focused toggle logs (the default button) rather than toggling it.
        button.setAutoDefault(False)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        button.installEventFilter(self)
        return button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.experiment_combo
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self._answer_did_it(event)
        ):
            return True
        # A group of toggles is one Tab stop, like radio buttons; arriving by Tab lands on
        # the chosen one (Qt would pick the first), and the arrows choose from there.
        if (
            event.type() == QEvent.Type.FocusIn
            and isinstance(watched, QPushButton)
            and isinstance(event, QFocusEvent)
            and event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        ):
            group = watched.group()
            checked = group.checkedButton() if group is not None else None
            if checked is not None and checked is not watched:
                checked.setFocus(event.reason())
                return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _choice_group(name: str, question: str, row: QLayout) -> QWidget:
        """The buttons of one question in a node named with the question: a screen reader
        says "Did it?" on entering the group, then each choice."""
        group = named(QWidget(), name)
        group.setAccessibleName(question.replace("&", ""))
        row.setContentsMargins(0, 0, 0, 0)
        group.setLayout(row)
        return group

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._first_focus.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- state ------------------------------------------------------------------------
    @property
    def logged(self) -> Attempt | None:
        return self._logged

    def experiment_id(self) -> int | None:
        data = self.experiment_combo.currentData()
        return int(data) if data is not None else None

    def did_it(self) -> DidIt | None:
        return next(
            (did for did, button in self.did_it_buttons.items() if button.isChecked()), None
        )

    def set_did_it(self, did_it: DidIt) -> None:
        button = self.did_it_buttons[did_it]
        button.setChecked(True)
        button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.error_label.hide()

    def outcome(self) -> int | None:
        return next(
            (value for value, button in self.outcome_buttons.items() if button.isChecked()), None
        )

    def when(self) -> datetime:
        """The chosen moment as an aware local time."""
        moment = from_qdatetime(self.when_edit.dateTime())
        # Whole seconds: what is stored, so ``logged`` equals the stored attempt.
        return moment.replace(microsecond=0).astimezone()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Reached only when the focused widget did not take the key (buttons don't take
        # letters; text fields do), so typing "no" in a note stays text.
        if not self._answer_did_it(event):
            super().keyPressEvent(event)

    def _answer_did_it(self, event: QKeyEvent) -> bool:
        """Y / P / N without modifiers: answer "did you try it?" (True: taken)."""
        choice = DID_IT_KEYS.get(event.key())
        if choice is None or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        self.set_did_it(choice)
        event.accept()
        return True

    # --- logging ------------------------------------------------------------------------
    def log(self) -> Attempt | None:
        """Log the attempt and close; on a problem say it here and stay open."""
        if not self.log_button.isEnabled():
            return None
        experiment_id = self.experiment_id()
        if experiment_id is None:
            self._show_error(texts.ATTEMPT_CHOOSE_EXPERIMENT)
            self.experiment_combo.setFocus()
            return None
        did_it = self.did_it()
        if did_it is None:
            self._show_error(texts.ATTEMPT_CHOOSE_DID_IT)
            self.did_it_buttons[DidIt.YES].setFocus()
            return None
        try:
            attempt = self._service.log_attempt(
                experiment_id,
                did_it=did_it,
                outcome=self.outcome(),
                situation=self.situation_edit.text(),
                note=self.note_edit.toPlainText(),
                when=self.when(),
            )
        except USER_ERRORS as error:
            self._show_error(str(error))
            return None
        self._logged = attempt
        self.accept()
        return attempt

    def _show_error(self, text: str) -> None:
        self.error_label.setStyleSheet(f"color: {error_colour(self.palette())};")
        self.error_label.setText(text[:1].upper() + text[1:])
        self.error_label.show()
