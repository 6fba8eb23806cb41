"""Rate my levels: a 1-10 score for each of the five levels, plus a note.

The rows read as the hierarchy does on screen, Mastery at the top and Foundation at the
bottom, each with its badge in the level's colour and its focus under the title. The scores
start from the last check-in (the question is "has it changed?", not "start from nothing"), or from
today's when the user rated today already: saving again replaces that one, and the
dialog says so. Ctrl+Return saves from anywhere in the dialog.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.levels import Level
from tkg_journal.domain.ratings import RatingCheckin
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.progress import Progress
from tkg_journal.ui.common.error_dialog import show_error
from tkg_journal.ui.common.level_badge import LevelBadge
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.unsaved_input import keeps_input
from tkg_journal.ui.common.value_label import ValueLabel
from tkg_journal.ui.common.window_fit import keep_text_whole
from tkg_journal.ui.progress import progress_texts as texts

DEFAULT_SCORE = 5
NOTE_HEIGHT_LINES = 3


def quiet(label: QLabel) -> None:
    """Secondary text in the palette's quieter colour (readable, unlike disabled text)."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)


class CheckinDialog(QDialog):
    """The self-rating check-in. After ``save`` succeeds, ``saved`` holds the stored
    check-in and the dialog is accepted.

    Signals: none of its own (``accepted``/``rejected`` as any QDialog).
    """

    def __init__(
        self, progress: Progress, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkinDialog")
        self.setWindowTitle(texts.CHECKIN_TITLE)
        self.setAccessibleName(texts.CHECKIN_TITLE)
        self._progress = progress
        self._today = today
        self.saved: RatingCheckin | None = None
        self.sliders: dict[Level, QSlider] = {}
        self.value_labels: dict[Level, QLabel] = {}

        today_checkin, last = self._load()

        intro = named(QLabel(texts.CHECKIN_INTRO, wordWrap=True), "checkinIntro")
        self.already_label = named(
            QLabel(texts.CHECKIN_ALREADY_TODAY, wordWrap=True), "checkinAlreadyToday"
        )
        bold = QFont(self.already_label.font())
        bold.setBold(True)
        self.already_label.setFont(bold)
        self.already_label.setVisible(today_checkin is not None)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(3, 1)  # the sliders take what width there is
        start = today_checkin or last
        grid.addWidget(self._scale_header(), 0, 3)
        for row, level in enumerate(reversed(Level), start=1):  # Mastery on top
            self._add_row(grid, row, level, start, last if today_checkin is None else None)
        rows = named(QFrame(), "checkinRows")
        rows.setLayout(grid)

        note_label = QLabel(texts.CHECKIN_NOTE_LABEL)
        self.note = named(QPlainTextEdit(), "checkinNote")
        self.note.setAccessibleName(texts.CHECKIN_NOTE_ACCESSIBLE_NAME)
        self.note.setPlaceholderText(texts.CHECKIN_NOTE_PLACEHOLDER)
        self.note.setTabChangesFocus(True)
        line = self.note.fontMetrics().lineSpacing()
        self.note.setFixedHeight(line * NOTE_HEIGHT_LINES + 2 * self.note.frameWidth() + 12)
        note_label.setBuddy(self.note)
        if today_checkin is not None:
            self.note.setPlainText(today_checkin.note)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(texts.CHECKIN_SAVE)
        self.save_button.setObjectName("checkinSave")
        self.save_button.setAccessibleName(texts.CHECKIN_SAVE.replace("&", ""))
        self.save_button.setToolTip(texts.CHECKIN_SAVE_TOOLTIP)
        self.save_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("checkinCancel")
        cancel.setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.save)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(self.already_label)
        layout.addWidget(rows)
        layout.addWidget(note_label)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)
        keep_text_whole(self)  # the intro wraps: its lines must not squeeze the rows
        # Keyboard: top row first, as the eye reads; then the note and the buttons.
        self.sliders[Level.MASTERY].setFocus()
        keeps_input(self, "checkin")

    # --- building ------------------------------------------------------------------------
    def _load(self) -> tuple[RatingCheckin | None, RatingCheckin | None]:
        try:
            day = self._day()
            return self._progress.checkin_for(day), self._progress.last_checkin()
        except USER_ERRORS as error:
            self.show_error(error)
            return None, None

    def _scale_header(self) -> QWidget:
        """What the ends of the sliders mean, once above them all."""
        header = named(QWidget(), "checkinScale")
        low = QLabel(texts.CHECKIN_SCALE_LOW)
        high = QLabel(texts.CHECKIN_SCALE_HIGH)
        for label in (low, high):
            quiet(label)
        layout = QHBoxLayout(header)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(low)
        layout.addStretch(1)
        layout.addWidget(high)
        return header

    def _add_row(
        self,
        grid: QGridLayout,
        row: int,
        level: Level,
        start: RatingCheckin | None,
        previous: RatingCheckin | None,
    ) -> None:
        badge = LevelBadge(level)
        title = named(QLabel(level.title), f"checkinTitle{level.title}")
        title_font = QFont(title.font())
        title_font.setBold(True)
        title.setFont(title_font)
        focus = named(QLabel(level.focus), f"checkinFocus{level.title}")
        focus_font = QFont(focus.font())
        focus_font.setPointSizeF(focus_font.pointSizeF() * 0.9)
        focus.setFont(focus_font)
        quiet(focus)
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(title)
        names.addWidget(focus)
        slider = named(QSlider(Qt.Orientation.Horizontal), f"checkinSlider{level.title}")
        slider.setRange(1, 10)
        slider.setPageStep(1)
        slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        slider.setTickInterval(1)
        slider.setMinimumWidth(180)
        slider.setAccessibleName(texts.CHECKIN_SLIDER_ACCESSIBLE_NAME.format(level=level.title))
        score = start.scores.get(level, DEFAULT_SCORE) if start is not None else DEFAULT_SCORE
        slider.setValue(score)
        value = named(
            ValueLabel(texts.CHECKIN_VALUE_ACCESSIBLE_NAME.format(level=level.title), str(score)),
            f"checkinValue{level.title}",
        )
        value_font = QFont(value.font())
        value_font.setBold(True)
        value_font.setPointSizeF(value_font.pointSizeF() * 1.25)
        value.setFont(value_font)
        value.setMinimumWidth(value.fontMetrics().horizontalAdvance("10") + 6)
        value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        slider.valueChanged.connect(lambda number, label=value: label.setText(str(number)))
        title.setBuddy(slider)
        grid.addWidget(badge, row, 1, Qt.AlignmentFlag.AlignVCenter)
        grid.addLayout(names, row, 2)
        grid.addWidget(slider, row, 3)
        grid.addWidget(value, row, 4)
        last_score = previous.scores.get(level) if previous is not None else None
        last_text = "" if last_score is None else texts.CHECKIN_LAST_TIME.format(score=last_score)
        hint = named(QLabel(last_text), f"checkinLast{level.title}")
        quiet(hint)
        grid.addWidget(hint, row, 5)
        self.sliders[level] = slider
        self.value_labels[level] = value

    def _day(self) -> date:
        # The caller passes the journal's own "today"; standing alone, the local date.
        return self._today if self._today is not None else date.today()

    # --- reading and saving --------------------------------------------------------------
    def scores(self) -> dict[Level, int]:
        return {level: slider.value() for level, slider in self.sliders.items()}

    def set_score(self, level: Level, score: int) -> None:
        self.sliders[level].setValue(score)

    def save(self) -> RatingCheckin | None:
        """Store the check-in (replacing today's, if any) and accept; None on an error."""
        try:
            self.saved = self._progress.record_checkin(
                self.scores(), self.note.toPlainText(), on=self._day()
            )
        except USER_ERRORS as error:
            self.show_error(error)
            return None
        self.accept()
        return self.saved

    def show_error(self, error: BaseException) -> None:
        """The user's errors as a dialog (tests replace this)."""
        if isinstance(error, USER_ERRORS):
            QMessageBox.warning(self, texts.CHECKIN_TITLE, str(error))
        else:
            show_error(self, error)
