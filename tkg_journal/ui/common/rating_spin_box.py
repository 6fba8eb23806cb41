"""A number the user may leave unrated: a spin box with "Not rated" just below its range.

In a plain spin box "Not rated" is one step below the lowest value, so the first step up
from it lands on the lowest value (an intensity of 0, a belief of 0 % — or, with steps of
5, on 4 %). Here the first step up lands on ``first``, the value a rating most often
starts from (the faintest feeling; an undecided 50 %); the lowest value stays reachable
by stepping down from there, or by typing it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox, QSpinBox, QWidget

#: The value that stands for "Not rated": below every range the app uses.
NOT_RATED = -1


class RatingSpinBox(QSpinBox):
    """``lowest``..``highest`` in steps of ``step``, or ``not_rated`` (the text shown for
    :data:`NOT_RATED`); the first step up from it goes to ``first``. Signals: QSpinBox's.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        highest: int,
        first: int,
        not_rated: str,
        suffix: str = "",
        step: int = 1,
    ) -> None:
        super().__init__(parent)
        self._first = first
        self.setRange(NOT_RATED, highest)
        self.setSingleStep(step)
        self.setSpecialValueText(not_rated)
        self.setSuffix(suffix)
        self.setValue(NOT_RATED)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)

    def rating(self) -> int | None:
        """The value, or None when not rated."""
        value = self.value()
        return None if value == NOT_RATED else value

    def set_rating(self, rating: int | None) -> None:
        self.setValue(NOT_RATED if rating is None else rating)

    def stepBy(self, steps: int) -> None:
        if self.value() == NOT_RATED and steps > 0:
            # The first step is to ``first``; Page Up (ten steps) still goes further.
            value = self._first + (steps - 1) * self.singleStep()
            self.setValue(min(value, self.maximum()))
            self.selectAll()
            return
        super().stepBy(steps)
