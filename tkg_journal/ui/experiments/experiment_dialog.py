"""Create or edit a behaviour experiment, with its sentence previewed as it is written.

"When <trigger>, instead of <old behaviour> I will <new response>, and I expect
<prediction>." The dialog stores through the experiments service when accepted; a
:class:`ValidationError` (or any of the user's errors) shows inline and the dialog stays
open with everything typed. Ctrl+Return saves from any field.

:func:`experiment_from_commitment` opens it pre-filled from a coach session's commitment;
the window calls it when the Coach sessions view emits ``experiment_requested``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from itertools import pairwise
from typing import TypedDict

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.experiments import Experiment, ExperimentStatus
from tkg_journal.domain.friction import FrictionBehaviour
from tkg_journal.domain.levels import Level
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.experiments import ExperimentPrefill, Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.ui.common.journal_dates import from_qdate, limit_to_journal_range, to_qdate
from tkg_journal.ui.common.level_picker import LevelPicker
from tkg_journal.ui.common.messages import as_sentence, error_colour
from tkg_journal.ui.common.unsaved_input import keeps_input
from tkg_journal.ui.common.value_label import ValueLabel
from tkg_journal.ui.common.window_fit import fit_to_screen, scrolling, unscrolled_size_hint
from tkg_journal.ui.experiments import experiment_texts as texts
from tkg_journal.ui.experiments.belief_spin_box import belief_spin_box

PREFERRED_WIDTH = 820  # the two columns side by side with room to write


class _FormFields(TypedDict):
    """The fields of an :class:`Experiment` this dialog edits."""

    title: str
    level: Level
    trigger: str
    old_behaviour: str
    new_response: str
    prediction: str
    success_criteria: str
    behaviour_id: int | None
    start_date: date | None
    due_date: date | None
    belief_before: int | None
    source_entry_id: int | None


def text_box(
    name: str, label: str, placeholder: str, lines: int, parent: QWidget
) -> QPlainTextEdit:
    """A short multi-line field: Tab moves on (it never types a tab), ``lines`` tall."""
    edit = QPlainTextEdit(parent)
    edit.setObjectName(name)
    edit.setAccessibleName(texts.plain(label))
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    metrics = edit.fontMetrics()
    margins = edit.contentsMargins()
    height = round(
        metrics.lineSpacing() * lines
        + 2 * edit.document().documentMargin()
        + margins.top()
        + margins.bottom()
        + 2
    )
    edit.setFixedHeight(height)
    return edit


class ExperimentDialog(QDialog):
    """Create (``for_new``, ``from_prefill``) or edit (``for_edit``) one experiment.

    After ``exec()`` returns Accepted, :attr:`result_experiment` is the stored experiment.

    Signals: none beyond QDialog's (``accepted`` once stored, ``rejected`` on cancel).
    """

    def __init__(
        self,
        service: Experiments,
        *,
        experiment: Experiment | None = None,
        prefill: ExperimentPrefill | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("experimentDialog")
        self._service = service
        self._original = experiment
        self._source_entry_id = (
            prefill.source_entry_id
            if prefill
            else (experiment.source_entry_id if experiment else None)
        )
        # A commitment from a coach session that this experiment follows up (linked when
        # the experiment is stored, in the same transaction).
        self._commitment_id = prefill.commitment_id if prefill else None
        self.result_experiment: Experiment | None = None
        self._behaviours: dict[int | None, FrictionBehaviour] = {}
        editing = experiment is not None
        if editing:
            title = texts.EDIT_DIALOG_TITLE
        elif prefill is not None:
            title = texts.PREFILL_DIALOG_TITLE
        else:
            title = texts.NEW_DIALOG_TITLE
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._build(editing=editing, prefilled=prefill is not None)
        self._load_behaviours(experiment.behaviour_id if experiment else None)
        if experiment is not None:
            self._fill_from(experiment)
        elif prefill is not None:
            self._fill_from_prefill(prefill)
        self._update_preview()
        self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        # Kept if the journal locks while it is open; reopened the same way after unlocking.
        keeps_input(self, "experiment", {
            "experiment_id": experiment.id if experiment is not None else None,
            "entry_id": prefill.source_entry_id if prefill is not None else None,
            "commitment_id": self._commitment_id,
        })

    # --- the three ways in --------------------------------------------------------------
    @classmethod
    def for_new(cls, service: Experiments, parent: QWidget | None = None) -> ExperimentDialog:
        return cls(service, parent=parent)

    @classmethod
    def from_prefill(
        cls, service: Experiments, prefill: ExperimentPrefill, parent: QWidget | None = None
    ) -> ExperimentDialog:
        return cls(service, prefill=prefill, parent=parent)

    @classmethod
    def for_edit(
        cls, service: Experiments, experiment: Experiment, parent: QWidget | None = None
    ) -> ExperimentDialog:
        return cls(service, experiment=experiment, parent=parent)

    def is_editing(self) -> bool:
        return self._original is not None

    # --- building -----------------------------------------------------------------------
    def _build(self, *, editing: bool, prefilled: bool) -> None:
        intro = QLabel(texts.PREFILL_INTRO if prefilled else texts.DIALOG_INTRO, self)
        intro.setObjectName("experimentIntro")
        intro.setWordWrap(True)

        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("experimentTitle")
        self.title_edit.setAccessibleName(texts.plain(texts.TITLE_LABEL))
        self.title_edit.setPlaceholderText(texts.TITLE_PLACEHOLDER)

        self.behaviour_combo = QComboBox(self)
        self.behaviour_combo.setObjectName("experimentBehaviour")
        self.behaviour_combo.setAccessibleName(texts.plain(texts.BEHAVIOUR_LABEL))
        self.behaviour_combo.setToolTip(texts.BEHAVIOUR_TOOLTIP)
        self.behaviour_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.behaviour_root = QLabel(self)
        self.behaviour_root.setObjectName("experimentBehaviourRoot")
        self.behaviour_root.setWordWrap(True)
        self.behaviour_root.hide()

        self.level_picker = LevelPicker(self)

        self.trigger_edit = text_box(
            "experimentTrigger", texts.TRIGGER_LABEL, texts.TRIGGER_PLACEHOLDER, 2, self
        )
        self.old_edit = text_box(
            "experimentOldBehaviour", texts.OLD_LABEL, texts.OLD_PLACEHOLDER, 2, self
        )
        self.new_edit = text_box(
            "experimentNewResponse", texts.NEW_LABEL, texts.NEW_PLACEHOLDER, 2, self
        )
        self.prediction_edit = text_box(
            "experimentPrediction", texts.PREDICTION_LABEL, texts.PREDICTION_PLACEHOLDER, 2, self
        )
        self.success_edit = text_box(
            "experimentSuccess", texts.SUCCESS_LABEL, texts.SUCCESS_PLACEHOLDER, 2, self
        )

        self.start_check, self.start_date = self._date_pair("experimentStart", texts.START_LABEL)
        self.due_check, self.due_date = self._date_pair("experimentDue", texts.DUE_LABEL)

        self.belief_spin = belief_spin_box(self, "experimentBeliefBefore", texts.BELIEF_LABEL)

        self.start_now = QCheckBox(texts.START_NOW_LABEL, self)
        self.start_now.setObjectName("experimentStartNow")
        self.start_now.setAccessibleName(texts.plain(texts.START_NOW_LABEL))
        self.start_now.setToolTip(texts.START_NOW_TOOLTIP)
        self.start_now.setVisible(not editing)

        preview_title = QLabel(texts.PREVIEW_LABEL, self)
        font = preview_title.font()
        font.setBold(True)
        preview_title.setFont(font)
        self.preview = ValueLabel(texts.PREVIEW_ACCESSIBLE_NAME, parent=self)
        self.preview.setObjectName("experimentPreview")
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        preview_box = QFrame(self)
        preview_box.setObjectName("experimentPreviewBox")
        preview_box.setFrameShape(QFrame.Shape.StyledPanel)
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(10, 8, 10, 8)
        preview_layout.addWidget(preview_title)
        preview_layout.addWidget(self.preview)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("experimentError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("experimentButtons")
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("experimentSave")
        self.save_button.setText(texts.SAVE_BUTTON if editing else texts.CREATE_BUTTON)
        self.save_button.setToolTip(texts.ACCEPT_HINT)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("experimentCancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)

        # Left: what it is and where its root lies. Right: the sentence, then dates.
        left = QGridLayout()
        left.setVerticalSpacing(4)
        row = 0
        for label_text, widget in (
            (texts.TITLE_LABEL, self.title_edit),
            (texts.BEHAVIOUR_LABEL, self.behaviour_combo),
        ):
            left.addWidget(self._label(label_text, widget), row, 0)
            left.addWidget(widget, row + 1, 0)
            row += 2
        left.addWidget(self.behaviour_root, row, 0)
        left.addWidget(self._label(texts.LEVEL_LABEL, self.level_picker), row + 1, 0)
        left.addWidget(self.level_picker, row + 2, 0)
        left.setRowStretch(row + 3, 1)

        right = QGridLayout()
        right.setVerticalSpacing(4)
        row = 0
        for label_text, text_edit in (
            (texts.TRIGGER_LABEL, self.trigger_edit),
            (texts.OLD_LABEL, self.old_edit),
            (texts.NEW_LABEL, self.new_edit),
            (texts.PREDICTION_LABEL, self.prediction_edit),
            (texts.SUCCESS_LABEL, self.success_edit),
        ):
            right.addWidget(self._label(label_text, text_edit), row, 0, 1, 2)
            right.addWidget(text_edit, row + 1, 0, 1, 2)
            row += 2
        dates = QGridLayout()
        dates.setHorizontalSpacing(8)
        dates.addWidget(self.start_check, 0, 0)
        dates.addWidget(self.start_date, 0, 1)
        dates.addWidget(self.due_check, 1, 0)
        dates.addWidget(self.due_date, 1, 1)
        dates.addWidget(self._label(texts.BELIEF_LABEL, self.belief_spin), 2, 0)
        dates.addWidget(self.belief_spin, 2, 1)
        dates.addWidget(self.start_now, 3, 0, 1, 2)
        dates.setColumnStretch(2, 1)
        right.addLayout(dates, row, 0, 1, 2)
        right.setRowStretch(row + 1, 1)

        columns = QHBoxLayout()
        columns.setSpacing(20)
        columns.addLayout(left, 5)
        columns.addLayout(right, 6)

        # The form scrolls on a small screen (or at 200 %); the buttons stay below it.
        form = QWidget(self)
        form.setObjectName("experimentForm")
        form_layout = QVBoxLayout(form)
        form_layout.setContentsMargins(0, 0, 6, 0)  # clear of a scroll bar
        form_layout.setSpacing(10)
        form_layout.addWidget(intro)
        form_layout.addLayout(columns, 1)
        form_layout.addWidget(preview_box)
        self.form_scroll = scrolling(form, "experimentFormScroll")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(self.form_scroll, 1)
        layout.addWidget(self.error_label)  # a refusal is seen, however far it scrolled
        layout.addWidget(self.buttons)

        order: list[QWidget] = [
            self.title_edit,
            self.behaviour_combo,
            self.level_picker,
            self.trigger_edit,
            self.old_edit,
            self.new_edit,
            self.prediction_edit,
            self.success_edit,
            self.start_check,
            self.start_date,
            self.due_check,
            self.due_date,
            self.belief_spin,
            self.start_now,
            self.save_button,
            self.cancel_button,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

        self.behaviour_combo.currentIndexChanged.connect(self._on_behaviour_chosen)
        for edit in (self.trigger_edit, self.old_edit, self.new_edit, self.prediction_edit):
            edit.textChanged.connect(self._update_preview)
        self.title_edit.textChanged.connect(self._clear_error)
        self.behaviour_combo.setMinimumContentsLength(28)
        fit_to_screen(self, unscrolled_size_hint(self, self.form_scroll).expandedTo(
            QSize(PREFERRED_WIDTH, 0)))

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _date_pair(self, name: str, label: str) -> tuple[QCheckBox, QDateEdit]:
        """An optional date: a checkbox that says whether it is set, and the date."""
        check = QCheckBox(label, self)
        check.setObjectName(f"{name}Set")
        check.setAccessibleName(texts.plain(label))
        edit = QDateEdit(self)
        edit.setObjectName(f"{name}Date")
        edit.setAccessibleName(texts.plain(label))
        edit.setCalendarPopup(True)
        limit_to_journal_range(edit)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setDate(QDate.currentDate())
        edit.setEnabled(False)
        check.toggled.connect(edit.setEnabled)
        return check, edit

    # --- filling ------------------------------------------------------------------------
    def _load_behaviours(self, linked_id: int | None) -> None:
        self.behaviour_combo.blockSignals(True)
        self.behaviour_combo.clear()
        self._behaviours.clear()
        self.behaviour_combo.addItem(texts.BEHAVIOUR_NONE, None)
        try:
            behaviours = self._service.behaviours(include_archived=linked_id is not None)
        except USER_ERRORS as error:
            self.show_error(str(error))
            behaviours = []
        for behaviour in behaviours:
            # An archived behaviour only appears when this experiment is linked to it.
            if behaviour.archived and behaviour.id != linked_id:
                continue
            # The id as item data: a plain int compares (findData) where an object would not.
            self._behaviours[behaviour.id] = behaviour
            self.behaviour_combo.addItem(
                texts.behaviour_item(behaviour.name, behaviour.level), behaviour.id
            )
        self.behaviour_combo.blockSignals(False)

    def _select_behaviour(self, behaviour_id: int | None) -> None:
        index = self.behaviour_combo.findData(behaviour_id) if behaviour_id is not None else 0
        if index < 0:
            return
        self.behaviour_combo.blockSignals(True)
        self.behaviour_combo.setCurrentIndex(index)
        self.behaviour_combo.blockSignals(False)
        self._show_root(self.chosen_behaviour())

    def chosen_behaviour(self) -> FrictionBehaviour | None:
        behaviour_id = self.behaviour_combo.currentData()
        return self._behaviours.get(behaviour_id) if behaviour_id is not None else None

    def _fill_from(self, experiment: Experiment) -> None:
        self.title_edit.setText(experiment.title)
        self._select_behaviour(experiment.behaviour_id)
        self.level_picker.set_level(experiment.level)
        self.trigger_edit.setPlainText(experiment.trigger)
        self.old_edit.setPlainText(experiment.old_behaviour)
        self.new_edit.setPlainText(experiment.new_response)
        self.prediction_edit.setPlainText(experiment.prediction)
        self.success_edit.setPlainText(experiment.success_criteria)
        self._set_date(self.start_check, self.start_date, experiment.start_date)
        self._set_date(self.due_check, self.due_date, experiment.due_date)
        self.belief_spin.set_rating(experiment.belief_before)

    def _fill_from_prefill(self, prefill: ExperimentPrefill) -> None:
        self.title_edit.setText(prefill.title)
        self.level_picker.set_level(prefill.level)
        self.trigger_edit.setPlainText(prefill.trigger)
        self.old_edit.setPlainText(prefill.old_behaviour)
        self.new_edit.setPlainText(prefill.new_response)

    @staticmethod
    def _set_date(check: QCheckBox, edit: QDateEdit, day: date | None) -> None:
        check.setChecked(day is not None)
        if day is not None:
            edit.setDate(to_qdate(day))

    # --- behaviour and preview ----------------------------------------------------------
    def _on_behaviour_chosen(self, _index: int) -> None:
        behaviour = self.chosen_behaviour()
        self._show_root(behaviour)
        if behaviour is not None:
            # A suggestion: the picker moves to the behaviour's root; the user may change it.
            self.level_picker.set_level(behaviour.level)

    def _show_root(self, behaviour: FrictionBehaviour | None) -> None:
        if behaviour is None:
            self.behaviour_root.clear()
            self.behaviour_root.hide()
            return
        self.behaviour_root.setText(texts.root_level_text(behaviour.level))
        self.behaviour_root.show()

    def _update_preview(self) -> None:
        self.preview.setText(
            texts.statement_preview(
                self.trigger_edit.toPlainText(),
                self.old_edit.toPlainText(),
                self.new_edit.toPlainText(),
                self.prediction_edit.toPlainText(),
            )
        )
        self._clear_error()

    # --- saving -------------------------------------------------------------------------
    def experiment(self) -> Experiment:
        """The experiment as the form describes it (raises ValidationError if it is not
        one yet)."""
        required = {
            "title": self.title_edit.text(),
            "level": "",
            "trigger": self.trigger_edit.toPlainText(),
            "old_behaviour": self.old_edit.toPlainText(),
            "new_response": self.new_edit.toPlainText(),
        }
        level: Level | None = self.level_picker.level()
        for name, text in required.items():
            # Our own words for a missing part, asked in the form's order.
            if name == "level" and level is None:
                raise ValidationError("level", texts.NO_LEVEL_ERROR)
            if name != "level" and not text.strip():
                raise ValidationError(name, texts.REQUIRED_ERRORS[name])
        assert level is not None
        behaviour = self.chosen_behaviour()
        start = from_qdate(self.start_date.date()) if self.start_check.isChecked() else None
        due = from_qdate(self.due_date.date()) if self.due_check.isChecked() else None
        fields: _FormFields = {
            "title": self.title_edit.text(),
            "level": level,
            "trigger": self.trigger_edit.toPlainText(),
            "old_behaviour": self.old_edit.toPlainText(),
            "new_response": self.new_edit.toPlainText(),
            "prediction": self.prediction_edit.toPlainText(),
            "success_criteria": self.success_edit.toPlainText(),
            "behaviour_id": behaviour.id if behaviour else None,
            "start_date": start,
            "due_date": due,
            "belief_before": self.belief_spin.rating(),
            "source_entry_id": self._source_entry_id,
        }
        if self._original is not None:
            return replace(self._original, **fields)
        status = ExperimentStatus.ACTIVE if self.start_now.isChecked() else ExperimentStatus.PLANNED
        return Experiment(status=status, **fields)

    def accept(self) -> None:
        """Store the experiment; on the user's error, say why here and stay open."""
        if not self.save_button.isEnabled():
            return
        try:
            experiment = self.experiment()
            if self._original is None:
                stored = self._service.create(experiment, commitment_id=self._commitment_id)
            else:
                stored = self._service.update(experiment)
        except ValidationError as error:
            self.show_error(str(error), error.field)
            return
        except USER_ERRORS as error:
            self.show_error(str(error))
            return
        self.result_experiment = stored
        super().accept()

    def show_error(self, message: str, field: str | None = None) -> None:
        """Show ``message`` above the buttons and move to the field it is about."""
        self.error_label.setStyleSheet(f"color: {error_colour(self.palette())};")
        self.error_label.setText(texts.ERROR_PREFIX + as_sentence(message))
        self.error_label.show()
        widget = self._field_widget(field)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def _clear_error(self) -> None:
        if not self.error_label.isHidden():
            self.error_label.hide()
            self.error_label.clear()

    def _field_widget(self, field: str | None) -> QWidget | None:
        if field is None:
            return None
        key = field.casefold().replace("_", " ").strip()
        targets: dict[str, QWidget] = {
            "title": self.title_edit,
            "behaviour": self.behaviour_combo,
            "level": self.level_picker,
            "trigger": self.trigger_edit,
            "old behaviour": self.old_edit,
            "new response": self.new_edit,
            "prediction": self.prediction_edit,
            "success criteria": self.success_edit,
            "start": self.start_date,
            "due": self.due_date if self.due_check.isChecked() else self.due_check,
            "belief before": self.belief_spin,
        }
        return targets.get(key)


RunDialog = Callable[[QDialog], object]


def experiment_from_commitment(
    journal: Journal, commitment_id: int, run_dialog: RunDialog, parent: QWidget | None = None
) -> Experiment | None:
    """Open the experiment dialog pre-filled from a commitment; the experiment it stores
    is linked to the commitment. Returns it, or ``None`` if the user cancelled.

    Raises:
        one of USER_ERRORS: the commitment is unknown (the prefill could not be read).
    """
    prefill = CoachSessions(journal).experiment_prefill(commitment_id)
    dialog = ExperimentDialog.from_prefill(Experiments(journal), prefill, parent)
    try:
        if not run_dialog(dialog):
            return None
        return dialog.result_experiment
    finally:
        dialog.deleteLater()
