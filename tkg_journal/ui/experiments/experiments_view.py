"""The Experiments section: find an experiment on the left, read and move it on the right.

Left: a search over experiments and their attempts, status and level filters, and the list.
Right: the selected experiment (its sentence, fields, status with dates, beliefs, learning
or why it was dropped), the trend of its outcomes and its attempts, with the lifecycle's
buttons enabled only where the lifecycle allows them. Completed and abandoned experiments
stay readable; reopening one is explicit and asks first.

Dialogs run through :meth:`ExperimentsView.run_dialog` and questions through
:meth:`ExperimentsView.confirm`, so tests (and the lead's window) can drive them without a
modal loop.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.experiments import Experiment, ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.experiments import ExperimentPrefill, Experiments
from tkg_journal.ui.experiments import experiment_texts as texts
from tkg_journal.ui.experiments.attempt_table_model import DID_IT as ATTEMPT_DID_IT
from tkg_journal.ui.experiments.attempt_table_model import NOTE as ATTEMPT_NOTE
from tkg_journal.ui.experiments.attempt_table_model import OUTCOME as ATTEMPT_OUTCOME
from tkg_journal.ui.experiments.attempt_table_model import SITUATION as ATTEMPT_SITUATION
from tkg_journal.ui.experiments.attempt_table_model import WHEN as ATTEMPT_WHEN
from tkg_journal.ui.experiments.attempt_table_model import AttemptTableModel
from tkg_journal.ui.experiments.close_experiment_dialog import CloseExperimentDialog, CloseMode
from tkg_journal.ui.experiments.experiment_dialog import ExperimentDialog
from tkg_journal.ui.experiments.experiment_list_model import (
    ATTEMPTS,
    ICON_SIZE,
    LAST_ATTEMPT,
    LEVEL,
    OPEN,
    STATUS,
    TITLE,
    TREND,
    ExperimentIdRole,
    ExperimentListModel,
    OutcomesRole,
    StatusFilter,
    level_badge_icon,
)
from tkg_journal.ui.experiments.new_due_date_dialog import NewDueDateDialog
from tkg_journal.ui.experiments.outcome_trend import OutcomeTrend, OutcomeTrendDelegate

TREND_MAX_WIDTH = 420  # px: beyond this a sparkline of ten points only gets sparser

_STATUS_CHOICES: tuple[tuple[str, StatusFilter], ...] = (
    (texts.STATUS_FILTER_ALL, None),
    (texts.STATUS_FILTER_OPEN, OPEN),
    *((texts.STATUS_WORDS[status], status) for status in ExperimentStatus),
)


class ExperimentTableView(QTableView):
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


def _value_label(name: str, accessible: str, parent: QWidget) -> QLabel:
    """A read-only value: the user's words, wrapped, selectable, never read as markup."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setAccessibleName(accessible)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    # Mouse only: keyboard selection would make every value a Tab stop.
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


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
        self._showing = False  # the view moves the selection itself: do not load twice

        # --- left: search, filters, list ------------------------------------------------
        self.search = QLineEdit(
            objectName="experimentSearch", placeholderText=texts.SEARCH_PLACEHOLDER
        )
        self.search.setAccessibleName(texts.SEARCH_ACCESSIBLE_NAME)
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.status_filter = QComboBox(objectName="experimentStatusFilter")
        self.status_filter.setAccessibleName(texts.STATUS_FILTER_ACCESSIBLE_NAME)
        self.status_filter.setToolTip(texts.STATUS_FILTER_ACCESSIBLE_NAME)
        for text, value in _STATUS_CHOICES:
            self.status_filter.addItem(text, value)
        self.level_filter = QComboBox(objectName="experimentLevelFilter")
        self.level_filter.setAccessibleName(texts.LEVEL_FILTER_ACCESSIBLE_NAME)
        self.level_filter.setToolTip(texts.LEVEL_FILTER_ACCESSIBLE_NAME)
        self.level_filter.addItem(texts.LEVEL_FILTER_ALL, None)
        for level in reversed(Level):  # top to bottom, as the pyramid and the journal read
            self.level_filter.addItem(level_badge_icon(level), level.label(), level)
        self.new_button = self._button(
            "experimentNew", texts.NEW_BUTTON, texts.NEW_TOOLTIP, self.new_experiment
        )

        self.model = ExperimentListModel(self)
        self.list = ExperimentTableView()
        self.list.setObjectName("experimentList")
        self.list.setAccessibleName(texts.LIST_ACCESSIBLE_NAME)
        self.list.setModel(self.model)
        self.list.setItemDelegateForColumn(TREND, OutcomeTrendDelegate(self.list, OutcomesRole))
        self.list.setIconSize(ICON_SIZE)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setTabKeyNavigation(False)
        self.list.setWordWrap(False)
        self.list.setShowGrid(False)
        self.list.setAlternatingRowColors(True)
        self.list.verticalHeader().hide()
        self.list.verticalHeader().setDefaultSectionSize(
            max(self.list.fontMetrics().height() + 12, 26)
        )
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (STATUS, ATTEMPTS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TREND, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(TREND, 84)
        header.setHighlightSections(False)
        # The badge in the title column says the level, and the detail lists every attempt:
        # in a pane this narrow the title gets the room instead.
        self.list.setColumnHidden(LEVEL, True)
        self.list.setColumnHidden(LAST_ATTEMPT, True)
        self.count_label = QLabel(objectName="experimentCount")
        self.count_label.setAccessibleName(texts.LIST_ACCESSIBLE_NAME)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.level_filter, 1)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        left = QWidget(objectName="experimentListPane")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addLayout(top)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.count_label)

        # --- right: the selected experiment ---------------------------------------------
        self.placeholder = QLabel(texts.NOTHING_SELECTED, objectName="experimentPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)

        self.badge = QLabel(objectName="experimentBadge")
        self.title_label = _value_label("experimentTitleLabel", "Title", self)
        title_font = self.title_label.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.status_label = _value_label("experimentStatusLine", "Status", self)

        self.edit_button = self._button(
            "experimentEdit", texts.EDIT_BUTTON, texts.EDIT_TOOLTIP, self.edit_current
        )
        self.start_button = self._button(
            "experimentStart", texts.START_BUTTON, texts.START_TOOLTIP, self.start_current
        )
        self.log_button = self._button(
            "experimentLogAttempt", texts.LOG_BUTTON, texts.LOG_TOOLTIP, self.log_attempt_on_current
        )
        self.complete_button = self._button(
            "experimentComplete",
            texts.COMPLETE_BUTTON,
            texts.COMPLETE_TOOLTIP,
            self.complete_current,
        )
        self.abandon_button = self._button(
            "experimentAbandon", texts.ABANDON_BUTTON, texts.ABANDON_TOOLTIP, self.abandon_current
        )
        self.reopen_button = self._button(
            "experimentReopen", texts.REOPEN_BUTTON, texts.REOPEN_TOOLTIP, self.reopen_current
        )
        self.action_buttons = (
            self.edit_button,
            self.start_button,
            self.log_button,
            self.complete_button,
            self.abandon_button,
            self.reopen_button,
        )
        actions = QWidget(objectName="experimentActions")
        actions.setAccessibleName(texts.ACTIONS_ACCESSIBLE_NAME)
        actions_layout = QHBoxLayout(actions)
        actions_layout.setContentsMargins(0, 0, 0, 0)
        for button in self.action_buttons:
            actions_layout.addWidget(button)
        actions_layout.addStretch(1)

        self.statement_label = _value_label(
            "experimentStatement", texts.STATEMENT_ACCESSIBLE_NAME, self
        )
        statement_font = self.statement_label.font()
        statement_font.setPointSizeF(statement_font.pointSizeF() * 1.1)
        self.statement_label.setFont(statement_font)
        statement_box = QFrame(objectName="experimentStatementBox")
        statement_box.setFrameShape(QFrame.Shape.StyledPanel)
        statement_layout = QVBoxLayout(statement_box)
        statement_layout.setContentsMargins(12, 10, 12, 10)
        statement_layout.addWidget(self.statement_label)

        self.level_label = _value_label("experimentLevel", "Level", self)
        self.behaviour_label = _value_label("experimentBehaviourLabel", texts.FIELD_BEHAVIOUR, self)
        self.success_label = _value_label("experimentSuccessLabel", texts.FIELD_SUCCESS, self)
        self.belief_label = _value_label("experimentBelief", texts.FIELD_BELIEF, self)
        self.learning_label = _value_label("experimentLearning", texts.FIELD_LEARNING, self)
        self.reason_label = _value_label(
            "experimentAbandonReason", texts.FIELD_ABANDON_REASON, self
        )
        self.fields = QFormLayout()
        self.fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for caption, label in (
            ("Level", self.level_label),
            (texts.FIELD_BEHAVIOUR, self.behaviour_label),
            (texts.FIELD_SUCCESS, self.success_label),
            (texts.FIELD_BELIEF, self.belief_label),
            (texts.FIELD_LEARNING, self.learning_label),
            (texts.FIELD_ABANDON_REASON, self.reason_label),
        ):
            self.fields.addRow(caption, label)

        detail_text = QWidget(objectName="experimentDetailText")
        detail_layout = QVBoxLayout(detail_text)
        detail_layout.setContentsMargins(0, 0, 4, 0)
        detail_layout.setSpacing(8)
        detail_layout.addWidget(statement_box)
        detail_layout.addLayout(self.fields)
        detail_layout.addStretch(1)
        self.detail_scroll = QScrollArea(objectName="experimentDetailScroll")
        self.detail_scroll.setAccessibleName(texts.DETAIL_ACCESSIBLE_NAME)
        self.detail_scroll.setWidget(detail_text)
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # As tall as what it shows (see _fit_detail); the attempts table takes the rest.
        self.detail_scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        trend_caption = QLabel(texts.TREND_LABEL)
        self.trend = OutcomeTrend()
        self.trend.setMaximumWidth(TREND_MAX_WIDTH)
        trend_caption.setBuddy(self.trend)
        self.attempts_summary = QLabel(objectName="experimentAttemptSummary")
        self.attempts_model = AttemptTableModel(self)
        self.attempts_table = QTableView(objectName="experimentAttempts")
        self.attempts_table.setAccessibleName(texts.ATTEMPTS_ACCESSIBLE_NAME)
        self.attempts_table.setModel(self.attempts_model)
        self.attempts_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attempts_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.attempts_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.attempts_table.setTabKeyNavigation(False)
        self.attempts_table.setWordWrap(False)
        self.attempts_table.setShowGrid(False)
        self.attempts_table.setAlternatingRowColors(True)
        self.attempts_table.verticalHeader().hide()
        attempts_header = self.attempts_table.horizontalHeader()
        for column in (ATTEMPT_WHEN, ATTEMPT_DID_IT, ATTEMPT_OUTCOME):
            attempts_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        attempts_header.setSectionResizeMode(ATTEMPT_SITUATION, QHeaderView.ResizeMode.Stretch)
        attempts_header.setSectionResizeMode(ATTEMPT_NOTE, QHeaderView.ResizeMode.Stretch)
        attempts_header.setHighlightSections(False)
        attempts_caption = QLabel(texts.ATTEMPTS_LABEL)
        attempts_caption.setBuddy(self.attempts_table)
        for caption in (trend_caption, attempts_caption):
            font = caption.font()
            font.setBold(True)
            caption.setFont(font)

        attempts_part = QWidget(objectName="experimentAttemptsPane")
        attempts_layout = QVBoxLayout(attempts_part)
        attempts_layout.setContentsMargins(0, 4, 0, 0)
        attempts_layout.setSpacing(6)
        attempts_layout.addWidget(trend_caption)
        trend_row = QHBoxLayout()
        trend_row.setSpacing(16)
        trend_row.addWidget(self.trend, 1)
        trend_row.addWidget(self.attempts_summary, 0, Qt.AlignmentFlag.AlignVCenter)
        trend_row.addStretch(0)
        attempts_layout.addLayout(trend_row)
        attempts_layout.addWidget(attempts_caption)
        attempts_layout.addWidget(self.attempts_table, 1)

        heading = QHBoxLayout()
        heading.setSpacing(8)
        heading.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        heading.addWidget(self.title_label, 1)
        self.detail = QWidget(objectName="experimentDetail")
        self.detail.setAccessibleName(texts.DETAIL_ACCESSIBLE_NAME)
        detail = QVBoxLayout(self.detail)
        detail.setContentsMargins(0, 0, 0, 0)
        detail.setSpacing(6)
        detail.addLayout(heading)
        detail.addWidget(self.status_label)
        detail.addWidget(actions)
        detail.addSpacing(4)
        detail.addWidget(self.detail_scroll)
        detail.addWidget(attempts_part, 1)

        right = QWidget(objectName="experimentDetailPane")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 8, 8, 8)
        right_layout.addWidget(self.placeholder, 1)
        right_layout.addWidget(self.detail, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="experimentsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([480, 720])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        order: list[QWidget] = [
            self.search,
            self.new_button,
            self.status_filter,
            self.level_filter,
            self.list,
            *self.action_buttons,
            self.detail_scroll,
            self.attempts_table,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

        self.search.textChanged.connect(self._apply_query)
        self.status_filter.currentIndexChanged.connect(self._apply_query)
        self.level_filter.currentIndexChanged.connect(self._apply_query)
        self.list.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.modelReset.connect(self._after_reset)
        self.model.rowsRemoved.connect(self._after_reset)
        self._show_nothing()
        self._update_count()

    def _button(self, name: str, text: str, tooltip: str, slot: object) -> QPushButton:
        button = QPushButton(text, objectName=name)
        button.setAccessibleName(texts.plain(text).rstrip("…"))
        button.setToolTip(tooltip)
        button.clicked.connect(slot)
        return button

    # --- the service ---------------------------------------------------------------------
    @property
    def service(self) -> Experiments | None:
        return self._service

    def set_service(self, service: Experiments | None) -> None:
        """Show ``service``'s experiments; ``None`` (locking) empties every widget of the
        user's text."""
        self._service = service
        self._reset_filters()
        self._current = None
        self._show_nothing()
        try:
            self.model.set_service(service)
        except USER_ERRORS as error:
            self.model.set_service(None)
            self.error.emit(error)
        self.new_button.setEnabled(service is not None)
        if service is not None and self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0, TITLE))

    def _reset_filters(self) -> None:
        for widget in (self.search, self.status_filter, self.level_filter):
            widget.blockSignals(True)
        self.search.clear()
        self.status_filter.setCurrentIndex(0)
        self.level_filter.setCurrentIndex(0)
        for widget in (self.search, self.status_filter, self.level_filter):
            widget.blockSignals(False)

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
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_list(self) -> None:
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.list.currentIndex().isValid() and self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0, TITLE))

    def current_experiment(self) -> Experiment | None:
        return self._current

    def select_experiment(self, experiment_id: int) -> None:
        """Show ``experiment_id``, clearing the search and filters if they hide it."""
        if self._service is None:
            return
        if self.model.row_of(experiment_id) is None and self.model.is_filtering():
            self._reset_filters()
            self._apply_query()
        row = self.model.row_of(experiment_id)
        if row is None:
            return
        self.list.selectionModel().setCurrentIndex(
            self.model.index(row, TITLE),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.list.scrollTo(self.model.index(row, TITLE))
        self._show(experiment_id)

    # --- list ----------------------------------------------------------------------------
    def _apply_query(self) -> None:
        if self._service is None:
            return
        try:
            self.model.set_query(self.status_choice(), self.level_choice(), self.search.text())
        except USER_ERRORS as error:
            self.error.emit(error)

    def status_choice(self) -> StatusFilter:
        # Item data comes back from Qt as the enum's plain value (a str): turn it back.
        value = self.status_filter.currentData()
        if value is None or value == OPEN:
            return value
        return ExperimentStatus(value)

    def level_choice(self) -> Level | None:
        value = self.level_filter.currentData()
        return None if value is None else Level(int(value))

    def _after_reset(self) -> None:
        self.list.empty_text = (
            ""
            if self._service is None
            else texts.NO_MATCHES
            if self.model.is_filtering()
            else texts.EMPTY_LIST
        )
        self._update_count()
        if self._service is None:
            return
        current_id = self._current.id if self._current is not None else None
        row = self.model.row_of(current_id)
        self._showing = True
        try:
            if row is None:
                self.list.selectionModel().clear()
            else:
                self.list.selectionModel().setCurrentIndex(
                    self.model.index(row, TITLE),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        finally:
            self._showing = False
        if row is None:
            self._show_nothing()
        elif current_id is not None:
            self._show(current_id)  # read again: it may have changed

    def _update_count(self) -> None:
        if self._service is None:
            self.count_label.clear()
            return
        self.count_label.setText(
            texts.count_text(self.model.rowCount(), filtering=self.model.is_filtering())
        )

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._showing or not current.isValid():
            return
        experiment_id = current.data(ExperimentIdRole)
        if experiment_id is not None:
            self._show(experiment_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Down)
        ):
            # Esc or Down leaves the search for the list, keeping what was typed.
            self.focus_list()
            return True
        return super().eventFilter(watched, event)

    # --- detail --------------------------------------------------------------------------
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
        self.placeholder.hide()
        self.detail.show()
        pixmap = level_badge_icon(experiment.level).pixmap(ICON_SIZE, self.devicePixelRatioF())
        self.badge.setPixmap(pixmap)
        self.badge.setAccessibleName(f"Level {experiment.level.label()}")
        self.badge.setToolTip(f"{experiment.level.label()}: {experiment.level.focus}")
        self.title_label.setText(experiment.title)
        self.status_label.setText(
            texts.status_line(
                experiment.status, experiment.start_date, experiment.due_date, date.today()
            )
        )
        self.statement_label.setText(experiment.statement)
        self.level_label.setText(f"{experiment.level.label()} — {experiment.level.focus}")
        behaviour = behaviours.get(experiment.behaviour_id)
        self._set_field(self.behaviour_label, behaviour.name if behaviour else "")
        self._set_field(self.success_label, experiment.success_criteria)
        self._set_field(
            self.belief_label, texts.belief_text(experiment.belief_before, experiment.belief_after)
        )
        self._set_field(self.learning_label, experiment.learning)
        self._set_field(
            self.reason_label,
            experiment.abandon_reason if experiment.status is ExperimentStatus.ABANDONED else "",
        )
        self.attempts_model.set_attempts(attempts)
        outcomes = self.attempts_model.outcomes()
        self.trend.set_outcomes(outcomes)
        rated = [value for value in outcomes if value is not None]
        self.attempts_summary.setText(
            texts.attempts_summary(
                len(outcomes), len(rated), sum(rated) / len(rated) if rated else None
            )
        )
        self._enable_actions(experiment.status)
        self._fit_detail()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._current is not None:
            self._fit_detail()

    def _fit_detail(self) -> None:
        """Let the sentence and fields take the height they need, up to half the pane."""
        content = self.detail_scroll.widget()
        width = max(self.detail_scroll.viewport().width(), 200)
        layout = content.layout()
        needed = (
            layout.heightForWidth(width)
            if layout is not None and layout.hasHeightForWidth()
            else content.sizeHint().height()
        )
        limit = max(self.detail.height() // 2, 120)
        self.detail_scroll.setMaximumHeight(min(needed + 2, limit))

    def _set_field(self, label: QLabel, text: str) -> None:
        label.setText(text)
        self.fields.setRowVisible(label, bool(text))

    def _show_nothing(self) -> None:
        """No experiment on the right: every label emptied, the placeholder shown."""
        self._current = None
        self.detail.hide()
        self.placeholder.setVisible(self._service is not None)
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
            self.attempts_summary,
        ):
            label.clear()
        self.attempts_model.clear()
        self.trend.clear()
        self._enable_actions(None)

    def _enable_actions(self, status: ExperimentStatus | None) -> None:
        self.edit_button.setEnabled(status is not None)
        self.start_button.setEnabled(status is ExperimentStatus.PLANNED)
        self.log_button.setEnabled(status is ExperimentStatus.ACTIVE)
        self.complete_button.setEnabled(status is ExperimentStatus.ACTIVE)
        self.abandon_button.setEnabled(status is not None and status.is_open)
        self.reopen_button.setEnabled(status is not None and not status.is_open)

    # --- actions -------------------------------------------------------------------------
    def run_dialog(self, dialog: QDialog) -> bool:
        """Run ``dialog`` modally; True if accepted. Tests replace this to drive it."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def confirm(self, title: str, question: str, action: str) -> bool:
        """Ask a yes/no question; True if the user chose ``action``. Tests replace this."""
        box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=self)
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        box.exec()
        return box.clickedButton() is yes

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
