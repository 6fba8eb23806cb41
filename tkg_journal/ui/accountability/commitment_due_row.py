"""One action item from a coach session in "Due and overdue": the commitment's words, when
it is due ("Overdue by 3 days", "Due today", "Due in 2 days"), the session it comes from,
and a "Done" button. Drawn like the experiment rows above it (a card on the window colour,
an icon where they have the level badge) so the list reads as one."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from tkg_journal.domain.coach_sessions import CommitmentDue, CommitmentDueReason
from tkg_journal.ui.accountability import accountability_texts as texts
from tkg_journal.ui.accountability.accountability_paint import lay_out_card, paint_card
from tkg_journal.ui.common.icons import icon
from tkg_journal.ui.common.level_badge import BADGE_SIZE
from tkg_journal.ui.common.messages import error_colour
from tkg_journal.ui.common.object_name import named

ICON_PIXELS = 16


class CommitmentDueRow(QFrame):
    """An action item that needs attention.

    Signals:
        done_requested(int): the commitment's id (the user pressed "Done").
    """

    done_requested = Signal(int)

    def __init__(self, due: CommitmentDue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        commitment = due.item.commitment
        assert commitment.id is not None  # listed commitments are stored ones
        self.commitment_id = commitment.id
        self.due = due
        reason = texts.commitment_reason(due)
        self.setObjectName(f"commitmentRow_{commitment.id}")
        self.setAccessibleName(f"{commitment.text}: {reason}")
        self.setToolTip(texts.commitment_tip(due.item.held_on, commitment.due_date))

        # Where the experiment rows show the level badge: the coach-session icon, in a
        # box of the badge's width so that the texts of both kinds of row line up.
        self.icon_label = named(QLabel(), "commitmentIcon")
        self.icon_label.setFixedWidth(BADGE_SIZE.width())
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.icon_label.setAccessibleName(texts.COMMITMENTS_HEADING)
        self.text_label = named(QLabel(commitment.text, wordWrap=True), "commitmentText")
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.text_label.font()
        font.setBold(True)
        self.text_label.setFont(font)
        self.reason_text = reason
        self.session_text = texts.commitment_session(due.item.held_on)
        # One label for "Overdue by 3 days · from the session of 12 Nov 2026", so that it
        # wraps between words in a narrow window instead of cutting the date off.
        self.when_label = named(QLabel(wordWrap=True), "commitmentWhen")
        self.when_label.setTextFormat(Qt.TextFormat.RichText)
        self.done_button = named(
            QPushButton(texts.COMMITMENT_DONE), f"commitmentDone_{commitment.id}"
        )
        self.done_button.setAccessibleName(f"{texts.COMMITMENT_DONE}: {commitment.text}")
        self.done_button.setToolTip(texts.COMMITMENT_DONE_TIP)
        self.done_button.clicked.connect(lambda: self.done_requested.emit(self.commitment_id))

        lay_out_card(self, self.icon_label, (self.text_label, self.when_label), self.done_button)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._follow_palette()

    def _follow_palette(self) -> None:
        # Overdue in the error red; due today in the text colour and bold (it is today's
        # work); due soon muted, like the quiet experiments. Rich text and the pixmap do
        # not follow the palette by themselves: both are made again here.
        palette = self.palette()
        muted = _opaque(
            palette.color(QPalette.ColorRole.PlaceholderText),
            palette.color(QPalette.ColorRole.Base),
        )
        if self.due.reason is CommitmentDueReason.OVERDUE:
            style = f"color: {error_colour(palette)}"
        elif self.due.reason is CommitmentDueReason.DUE_TODAY:
            style = "font-weight: bold"
        else:
            style = f"color: {muted}"
        self.when_label.setText(
            f'<span style="{style}">{escape(self.reason_text)}</span>'
            f'<span style="color: {muted}">&nbsp;\u00b7 {_keep_date_together(self.session_text)}'
            "</span>"
        )
        self.icon_label.setPixmap(
            icon("coach-sessions").pixmap(
                QSize(ICON_PIXELS, ICON_PIXELS), self.devicePixelRatioF(), QIcon.Mode.Normal
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._follow_palette()

    def paintEvent(self, event: QPaintEvent) -> None:
        paint_card(self)


def _keep_date_together(text: str) -> str:
    """Escaped, with the last three words ("12 Nov 2026") joined by no-break spaces: a
    narrow row wraps before the date, not inside it."""
    return "&nbsp;".join(escape(part) for part in text.rsplit(" ", 2))


def _opaque(colour: QColor, background: QColor) -> str:
    """``colour`` as drawn on ``background``: rich text takes "#rrggbb" and would drop the
    alpha that makes Qt's placeholder colour grey."""
    alpha = colour.alphaF()
    mixed = QColor.fromRgbF(
        colour.redF() * alpha + background.redF() * (1 - alpha),
        colour.greenF() * alpha + background.greenF() * (1 - alpha),
        colour.blueF() * alpha + background.blueF() * (1 - alpha),
    )
    return mixed.name()
