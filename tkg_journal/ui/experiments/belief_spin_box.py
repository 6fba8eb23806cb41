"""How much the leader believes the new response will work, 0-100 %, or "Not rated"
(before an experiment and after it): the first step up from "Not rated" is an undecided
50 %, then steps of 5."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from tkg_journal.ui.common.rating_spin_box import RatingSpinBox
from tkg_journal.ui.experiments import experiment_texts as texts

FIRST_BELIEF = 50


def belief_spin_box(parent: QWidget, name: str, label: str) -> RatingSpinBox:
    """A belief spin box named ``name``, announced as ``label`` (its caption)."""
    spin = RatingSpinBox(
        parent,
        highest=100,
        first=FIRST_BELIEF,
        not_rated=texts.BELIEF_NOT_RATED,
        suffix=texts.PERCENT_SUFFIX,
        step=5,
    )
    spin.setObjectName(name)
    spin.setAccessibleName(texts.plain(label))
    spin.setToolTip(texts.BELIEF_TOOLTIP)
    spin.setAccessibleDescription(texts.BELIEF_TOOLTIP)
    return spin
