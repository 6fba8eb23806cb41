"""How strongly something was felt, 0-10, or "Not rated": the first step up from "Not
rated" lands on 1, the faintest feeling there is (not on 0, a feeling rated as absent);
0 stays one step down from 1, or typed, since 0-10 is the range the journal keeps."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from tkg_journal.ui.common.rating_spin_box import NOT_RATED, RatingSpinBox
from tkg_journal.ui.journal import entry_texts as texts

__all__ = ["FIRST_STEP", "HIGHEST", "LOWEST", "NOT_RATED", "IntensitySpinBox"]

LOWEST, HIGHEST = 0, 10
#: Where the first step up from "Not rated" goes.
FIRST_STEP = 1


class IntensitySpinBox(RatingSpinBox):
    """A spin box of 0-10 with "Not rated" below it. Signals: QSpinBox's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            highest=HIGHEST,
            first=FIRST_STEP,
            not_rated=texts.INTENSITY_NOT_RATED,
            suffix=texts.INTENSITY_SUFFIX,
        )
