"""How strongly something was felt, 0-10, or "Not rated".

"Not rated" sits just below 0 in a plain spin box, so the first step up from it read
"0 / 10": a feeling rated as absent, one keystroke after choosing to rate it. Here the
first step up from "Not rated" lands on 1, the faintest feeling there is; 0 stays one
step down from 1 (or typed), since 0-10 is the range the journal keeps.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox, QSpinBox, QWidget

from tkg_journal.ui.journal import entry_texts as texts

NOT_RATED = -1  # the minimum, shown as "Not rated"
LOWEST, HIGHEST = 0, 10
#: Where the first step up from "Not rated" goes.
FIRST_STEP = 1


class IntensitySpinBox(QSpinBox):
    """A spin box of 0-10 with "Not rated" below it. Signals: QSpinBox's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(NOT_RATED, HIGHEST)
        self.setSpecialValueText(texts.INTENSITY_NOT_RATED)
        self.setSuffix(texts.INTENSITY_SUFFIX)
        self.setValue(NOT_RATED)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)

    def rating(self) -> int | None:
        """The intensity, or None when not rated."""
        value = self.value()
        return None if value == NOT_RATED else value

    def set_rating(self, rating: int | None) -> None:
        self.setValue(NOT_RATED if rating is None else rating)

    def stepBy(self, steps: int) -> None:
        if self.value() == NOT_RATED and steps > 0:
            # Up from "Not rated" skips 0: the first step is the faintest feeling, and
            # Page Up (ten steps) still reaches 10.
            self.setValue(min(FIRST_STEP + steps - 1, HIGHEST))
            self.selectAll()
            return
        super().stepBy(steps)
