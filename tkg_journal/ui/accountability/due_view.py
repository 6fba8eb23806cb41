""" "Due and overdue": the active experiments that need attention now, each with the reason
("Overdue by 4 days", "No attempt for 5 days") and the two things to do about it: log an
attempt, or open the experiment; below them the action items from coach sessions that are
overdue or due soon, each with a "Done" button.

The lists are short (open work only), so each row is made of real widgets: its buttons
are reachable with Tab and read out by screen readers with the experiment's title or the
commitment's words. The rows mirror a DueModel and a CommitmentDueModel, which are what
tests and other views can read.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.accountability import DueItem, DueReason
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.experiments import Experiments
from tkg_journal.ui.accountability import accountability_texts as texts
from tkg_journal.ui.accountability.accountability_paint import lay_out_card, paint_card
from tkg_journal.ui.accountability.commitment_due_model import CommitmentDueModel
from tkg_journal.ui.accountability.commitment_due_row import CommitmentDueRow
from tkg_journal.ui.accountability.due_model import DueModel
from tkg_journal.ui.common.level_badge import LevelBadge
from tkg_journal.ui.common.messages import error_colour
from tkg_journal.ui.common.object_name import named

MIN_QUIET_DAYS = 1
MAX_QUIET_DAYS = 30


class DueRow(QFrame):
    """One experiment that needs attention: badge, title, reason and its two buttons.

    Signals:
        log_attempt_requested(int): the experiment's id.
        open_requested(int): the experiment's id.
    """

    log_attempt_requested = Signal(int)
    open_requested = Signal(int)

    def __init__(self, item: DueItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        experiment = item.experiment
        assert experiment.id is not None  # listed experiments are stored ones
        self.experiment_id = experiment.id
        self.item = item
        self.setObjectName(f"dueRow_{experiment.id}")
        self.setAccessibleName(f"{experiment.title}: {texts.due_reason(item)}")
        self.setToolTip(experiment.statement)
        self.badge = LevelBadge(experiment.level)
        self.title_label = named(QLabel(experiment.title, wordWrap=True), "dueTitle")
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reason_label = named(QLabel(texts.due_reason(item)), "dueReason")
        self.log_button = named(
            QPushButton(texts.DUE_LOG.replace("&", "")), f"dueLog_{experiment.id}"
        )
        self.log_button.setAccessibleName(f"Log attempt: {experiment.title}")
        self.open_button = named(
            QPushButton(texts.DUE_OPEN.replace("&", "")), f"dueOpen_{experiment.id}"
        )
        self.open_button.setAccessibleName(f"Open: {experiment.title}")
        self.log_button.clicked.connect(lambda: self.log_attempt_requested.emit(self.experiment_id))
        self.open_button.clicked.connect(lambda: self.open_requested.emit(self.experiment_id))

        lay_out_card(
            self,
            self.badge,
            (self.title_label, self.reason_label),
            self.log_button,
            self.open_button,
        )
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._colour_reason()

    def _colour_reason(self) -> None:
        # Overdue in the error red; quiet in the muted text colour: both readable on the
        # window colour of light and dark themes.
        if self.item.reason is DueReason.OVERDUE:
            self.reason_label.setStyleSheet(f"color: {error_colour(self.palette())};")
        else:
            self.reason_label.setStyleSheet("color: palette(placeholder-text);")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour_reason()

    def paintEvent(self, event: QPaintEvent) -> None:
        paint_card(self)


class DueView(QWidget):
    """The "Due and overdue" section.

    Signals:
        log_attempt_requested(int): log an attempt on this experiment (its id).
        open_requested(int): show this experiment.
        commitment_done(int): this commitment was marked done here (its id; other views
            showing commitments refresh).
        count_changed(int): how many experiments and action items need attention now
            (for a badge).
        error(object): a storage error to show.
    """

    log_attempt_requested = Signal(int)
    open_requested = Signal(int)
    commitment_done = Signal(int)
    count_changed = Signal(int)
    error = Signal(object)

    def __init__(
        self,
        get_quiet_days: Callable[[], int],
        set_quiet_days: Callable[[int], None],
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dueView")
        self._get_quiet_days = get_quiet_days
        self._set_quiet_days = set_quiet_days
        self._today = today
        self._service: Experiments | None = None
        self._sessions: CoachSessions | None = None
        self.model = DueModel(self)
        self.commitment_model = CommitmentDueModel(self)
        self.rows: list[DueRow] = []
        self.commitment_rows: list[CommitmentDueRow] = []
        # While refresh() replaces both lists, the count is told once, at the end (not
        # an in-between number with one list new and the other old).
        self._replacing = False

        heading = named(QLabel(texts.DUE_HEADING), "dueHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        explainer = named(QLabel(texts.DUE_EXPLAINER, wordWrap=True), "dueExplainer")
        explainer.setStyleSheet("color: palette(placeholder-text);")

        self.quiet_spin = named(QSpinBox(), "dueQuietDays")
        self.quiet_spin.setAccessibleName("Quiet after, days")
        self.quiet_spin.setToolTip(texts.DUE_QUIET_TIP)
        self.quiet_spin.setRange(MIN_QUIET_DAYS, MAX_QUIET_DAYS)
        self.quiet_spin.setValue(min(max(get_quiet_days(), MIN_QUIET_DAYS), MAX_QUIET_DAYS))
        self.quiet_spin.setSuffix(texts.quiet_suffix(self.quiet_spin.value()))
        self.quiet_spin.valueChanged.connect(self._quiet_days_changed)
        quiet_label = QLabel(texts.DUE_QUIET_LABEL)
        quiet_label.setBuddy(self.quiet_spin)
        quiet_label.setToolTip(texts.DUE_QUIET_TIP)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(quiet_label)
        top.addWidget(self.quiet_spin)

        self.empty_label = named(QLabel(texts.DUE_EMPTY), "dueEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_font = self.empty_label.font()
        empty_font.setPointSizeF(empty_font.pointSizeF() * 1.2)
        self.empty_label.setFont(empty_font)
        self.empty_label.setStyleSheet("color: palette(placeholder-text);")

        # Two lists in one scrolling column: the experiments, then (under their heading)
        # the action items. Each list has its own layout so a rebuild of one leaves the
        # other's widgets alone.
        self._rows_widget = named(QWidget(), "dueRows")
        self._rows_widget.setAccessibleName(texts.DUE_LIST_NAME)
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(8)
        self.experiments_heading = _subheading(texts.EXPERIMENTS_HEADING, "dueExperimentsHeading")
        self.commitments_heading = _subheading(texts.COMMITMENTS_HEADING, "dueCommitmentsHeading")
        self._commitment_rows_layout = QVBoxLayout()
        self._commitment_rows_layout.setContentsMargins(0, 0, 0, 0)
        self._commitment_rows_layout.setSpacing(8)
        column = QVBoxLayout(self._rows_widget)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(self.experiments_heading)
        column.addLayout(self._rows_layout)
        column.addWidget(self.commitments_heading)
        column.addLayout(self._commitment_rows_layout)
        column.addStretch(1)
        self.scroll_area = named(QScrollArea(), "dueScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self._rows_widget)
        # The rows draw their own cards on the window colour, not on a white viewport.
        self.scroll_area.viewport().setAutoFillBackground(False)
        self._rows_widget.setAutoFillBackground(False)

        self.stack = named(QStackedWidget(), "dueStack")
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.scroll_area)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(explainer)
        layout.addSpacing(6)
        layout.addWidget(self.stack, 1)

        self.model.modelReset.connect(self._rebuild_rows)
        self.commitment_model.modelReset.connect(self._rebuild_commitment_rows)
        self._rebuild_rows()
        self._rebuild_commitment_rows()

    # --- service --------------------------------------------------------------------------
    def set_service(self, service: Experiments | None) -> None:
        """The open journal's experiments, or ``None`` when it locks: then both lists
        empty (the action items' service is dropped too; :meth:`set_sessions` gives it
        back with the next journal)."""
        self._service = service
        if service is None:
            self._sessions = None
        self.refresh()

    def set_sessions(self, sessions: CoachSessions | None) -> None:
        """The open journal's coach sessions (for the action items), or ``None``."""
        self._sessions = sessions
        self.refresh()

    def quiet_days(self) -> int:
        return self.quiet_spin.value()

    def refresh(self) -> None:
        """Ask the services again (after an attempt, an edit, a new day)."""
        today = self._today() if self._today else None
        try:
            items = (
                self._service.due(today=today, quiet_days=self.quiet_days())
                if self._service is not None
                else []
            )
            actions = (
                self._sessions.due_commitments(today=today) if self._sessions is not None else []
            )
        except USER_ERRORS as error:
            self.error.emit(error)
            return
        had_focus = self._rows_have_focus()
        self._replacing = True
        try:
            self.model.set_items(items)
            self.commitment_model.set_items(actions)
        finally:
            self._replacing = False
        self._rows_changed(had_focus)

    def mark_done(self, commitment_id: int) -> None:
        """ "Done" on an action item: store it, and the row leaves the list (the focus
        moves to the row that takes its place, so a keyboard user can go on)."""
        if self._sessions is None:
            return
        position = next(
            (i for i, row in enumerate(self.commitment_rows) if row.commitment_id == commitment_id),
            0,
        )
        try:
            self._sessions.set_commitment_done(commitment_id)
        except USER_ERRORS as error:
            self.error.emit(error)
            return
        self.refresh()
        self.commitment_done.emit(commitment_id)
        if self.commitment_rows:
            row = self.commitment_rows[min(position, len(self.commitment_rows) - 1)]
            row.done_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.focus_first()

    def _quiet_days_changed(self, days: int) -> None:
        self.quiet_spin.setSuffix(texts.quiet_suffix(days))
        self._set_quiet_days(days)
        self.refresh()

    # --- rows -----------------------------------------------------------------------------
    def _rebuild_rows(self) -> None:
        had_focus = self._rows_have_focus()
        for row in self.rows:
            self._rows_layout.removeWidget(row)
            row.setParent(None)  # out of the widget tree at once: it names an experiment
            row.deleteLater()
        self.rows = []
        for position, item in enumerate(self.model.items()):
            row = DueRow(item, self._rows_widget)
            row.log_attempt_requested.connect(self.log_attempt_requested)
            row.open_requested.connect(self.open_requested)
            self._rows_layout.insertWidget(position, row)
            self.rows.append(row)
        self._rows_changed(had_focus)

    def _rebuild_commitment_rows(self) -> None:
        had_focus = self._rows_have_focus()
        for old in self.commitment_rows:
            self._commitment_rows_layout.removeWidget(old)
            old.setParent(None)  # out of the widget tree at once: it shows the user's words
            old.deleteLater()
        self.commitment_rows = []
        for position, due in enumerate(self.commitment_model.items()):
            row = CommitmentDueRow(due, self._rows_widget)
            row.done_requested.connect(self.mark_done)
            self._commitment_rows_layout.insertWidget(position, row)
            self.commitment_rows.append(row)
        self._rows_changed(had_focus)

    def _rows_have_focus(self) -> bool:
        focused = self.focusWidget()
        return focused is not None and self._rows_widget.isAncestorOf(focused)

    def _rows_changed(self, had_focus: bool) -> None:
        if self._replacing:
            return
        # The headings only say something when both kinds of row are listed; the action
        # items keep theirs on their own (the explainer above is about experiments first).
        self.experiments_heading.setVisible(bool(self.rows and self.commitment_rows))
        self.commitments_heading.setVisible(bool(self.commitment_rows))
        # Air between the two lists, none above a list of action items alone.
        self.commitments_heading.setContentsMargins(0, 8 if self.rows else 0, 0, 0)
        listed = bool(self.rows or self.commitment_rows)
        self.stack.setCurrentWidget(self.scroll_area if listed else self.empty_label)
        if had_focus:
            self.focus_first()
        self.count_changed.emit(len(self.rows) + len(self.commitment_rows))

    def row_for(self, experiment_id: int) -> DueRow | None:
        return next((row for row in self.rows if row.experiment_id == experiment_id), None)

    def commitment_row_for(self, commitment_id: int) -> CommitmentDueRow | None:
        return next(
            (row for row in self.commitment_rows if row.commitment_id == commitment_id), None
        )

    def focus_first(self) -> None:
        """Keyboard entry point: the first row's "Log attempt", else the first action
        item's "Done", else the spin box."""
        if self.rows:
            self.rows[0].log_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.commitment_rows:
            self.commitment_rows[0].done_button.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.quiet_spin.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Days pass while the app stays open: what is due is read again on every visit.
        self.refresh()


def _subheading(text: str, name: str) -> QLabel:
    label = named(QLabel(text), name)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    label.hide()
    return label
