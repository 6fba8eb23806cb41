"""The right side of the Experiments section: the chosen experiment, read-only.

From the top: the level badge and the title, the status line with its dates, the
lifecycle's buttons (given by the section), the experiment in one sentence, its fields
(an empty field leaves no empty row), then the trend of its outcomes and its attempts
(:class:`ExperimentAttemptsPane`). The sentence and the fields take the height they need,
up to half the pane; the attempts take the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.experiments import Attempt, Experiment, ExperimentStatus
from tkg_journal.ui.common.level_badge import BADGE_SIZE, level_badge_icon
from tkg_journal.ui.common.value_label import ValueLabel
from tkg_journal.ui.experiments import experiment_texts as texts
from tkg_journal.ui.experiments.experiment_attempts_pane import ExperimentAttemptsPane


def _value_label(name: str, caption: str) -> ValueLabel:
    """A read-only value: the user's words, wrapped, selectable, never read as markup,
    announced as "caption: value"."""
    label = ValueLabel(caption)
    label.setObjectName(name)
    label.setWordWrap(True)
    # Mouse only: keyboard selection would make every value a Tab stop.
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _scaled_font(label: QLabel, factor: float, *, bold: bool = False) -> None:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    label.setFont(font)


class ExperimentDetail(QWidget):
    """One experiment, or nothing (:meth:`clear`). ``actions`` is the row of buttons
    shown under the status line. Signals: none."""

    def __init__(self, actions: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("experimentDetail")
        self.setAccessibleName(texts.DETAIL_ACCESSIBLE_NAME)
        self._shown = False
        self.badge = QLabel()
        self.badge.setObjectName("experimentBadge")
        self.title_label = _value_label("experimentTitleLabel", "Title")
        _scaled_font(self.title_label, 1.3, bold=True)
        self.status_label = _value_label("experimentStatusLine", "Status")
        self.statement_label = _value_label("experimentStatement", texts.STATEMENT_ACCESSIBLE_NAME)
        _scaled_font(self.statement_label, 1.1)
        self.level_label = _value_label("experimentLevel", "Level")
        self.behaviour_label = _value_label("experimentBehaviourLabel", texts.FIELD_BEHAVIOUR)
        self.success_label = _value_label("experimentSuccessLabel", texts.FIELD_SUCCESS)
        self.belief_label = _value_label("experimentBelief", texts.FIELD_BELIEF)
        self.learning_label = _value_label("experimentLearning", texts.FIELD_LEARNING)
        self.reason_label = _value_label("experimentAbandonReason", texts.FIELD_ABANDON_REASON)
        self.fields = self._build_fields()
        self.detail_scroll = self._build_scroll()
        self.attempts = ExperimentAttemptsPane()

        heading = QHBoxLayout()
        heading.setSpacing(8)
        heading.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        heading.addWidget(self.title_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(heading)
        layout.addWidget(self.status_label)
        layout.addWidget(actions)
        layout.addSpacing(4)
        layout.addWidget(self.detail_scroll)
        layout.addWidget(self.attempts, 1)

    def _build_fields(self) -> QFormLayout:
        fields = QFormLayout()
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        fields.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        fields.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for caption, label in (
            ("Level", self.level_label),
            (texts.FIELD_BEHAVIOUR, self.behaviour_label),
            (texts.FIELD_SUCCESS, self.success_label),
            (texts.FIELD_BELIEF, self.belief_label),
            (texts.FIELD_LEARNING, self.learning_label),
            (texts.FIELD_ABANDON_REASON, self.reason_label),
        ):
            fields.addRow(caption, label)
        return fields

    def _build_scroll(self) -> QScrollArea:
        """The sentence in its box and the fields, scrolling when they are long."""
        statement_box = QFrame()
        statement_box.setObjectName("experimentStatementBox")
        statement_box.setFrameShape(QFrame.Shape.StyledPanel)
        statement_layout = QVBoxLayout(statement_box)
        statement_layout.setContentsMargins(12, 10, 12, 10)
        statement_layout.addWidget(self.statement_label)
        text = QWidget()
        text.setObjectName("experimentDetailText")
        text_layout = QVBoxLayout(text)
        text_layout.setContentsMargins(0, 0, 4, 0)
        text_layout.setSpacing(8)
        text_layout.addWidget(statement_box)
        text_layout.addLayout(self.fields)
        text_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("experimentDetailScroll")
        scroll.setAccessibleName(texts.DETAIL_ACCESSIBLE_NAME)
        scroll.setWidget(text)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # As tall as what it shows (see fit); the attempts table takes the rest.
        scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        return scroll

    # --- what is shown -----------------------------------------------------------------
    def show_experiment(
        self, experiment: Experiment, attempts: Sequence[Attempt], behaviour: str
    ) -> None:
        """Show ``experiment`` with its ``attempts`` and the name of its ``behaviour``."""
        self._shown = True
        level = experiment.level
        self.badge.setPixmap(level_badge_icon(level).pixmap(BADGE_SIZE, self.devicePixelRatioF()))
        self.badge.setAccessibleName(f"Level {level.label()}")
        self.badge.setToolTip(f"{level.label()}: {level.focus}")
        self.title_label.setText(experiment.title)
        self.status_label.setText(
            texts.status_line(
                experiment.status, experiment.start_date, experiment.due_date, date.today()
            )
        )
        self.statement_label.setText(experiment.statement)
        self.level_label.setText(f"{level.label()} — {level.focus}")
        self._set_field(self.behaviour_label, behaviour)
        self._set_field(self.success_label, experiment.success_criteria)
        self._set_field(
            self.belief_label, texts.belief_text(experiment.belief_before, experiment.belief_after)
        )
        self._set_field(self.learning_label, experiment.learning)
        self._set_field(
            self.reason_label,
            experiment.abandon_reason if experiment.status is ExperimentStatus.ABANDONED else "",
        )
        self.attempts.set_attempts(attempts)
        self.fit()

    def clear(self) -> None:
        """Nothing shown: every label emptied (no user text stays in a widget)."""
        self._shown = False
        self.badge.clear()
        self.badge.setToolTip("")
        for label in (
            self.title_label,
            self.status_label,
            self.statement_label,
            self.level_label,
            self.behaviour_label,
            self.success_label,
            self.belief_label,
            self.learning_label,
            self.reason_label,
        ):
            label.clear()
        self.attempts.clear()

    def _set_field(self, label: QLabel, text: str) -> None:
        label.setText(text)
        self.fields.setRowVisible(label, bool(text))

    # --- height ------------------------------------------------------------------------
    def fit(self) -> None:
        """Let the sentence and fields take the height they need, up to half the pane."""
        content = self.detail_scroll.widget()
        if content is None:
            return
        width = max(self.detail_scroll.viewport().width(), 200)
        layout = content.layout()
        needed = (
            layout.heightForWidth(width)
            if layout is not None and layout.hasHeightForWidth()
            else content.sizeHint().height()
        )
        limit = max(self.height() // 2, 120)
        self.detail_scroll.setMaximumHeight(min(needed + 2, limit))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._shown:
            self.fit()
