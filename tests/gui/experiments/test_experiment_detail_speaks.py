"""The experiment's detail pane is read back by a screen reader: each value label says
its caption and its value ("Title: Say it plainly"), never the caption alone."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget

from tkg_journal.domain.experiments import Experiment
from tkg_journal.domain.levels import Level
from tkg_journal.ui.experiments.experiment_detail import ExperimentDetail


def spoken(widget: QWidget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def test_the_detail_pane_speaks_its_values_and_falls_silent_when_cleared(qtbot):
    detail = ExperimentDetail(QWidget())
    qtbot.addWidget(detail)
    experiment = Experiment(
        id=4, title="Say it plainly", level=Level.GROWTH, trigger="a peer misses a deadline",
        old_behaviour="hinting", new_response="name the problem in one sentence",
        belief_before=40, learning="Plain words land better than I feared.",
    )
    detail.show_experiment(experiment, [], behaviour="")
    assert spoken(detail.title_label) == "Title: Say it plainly"
    assert spoken(detail.level_label).startswith("Level: 2 Growth")
    assert spoken(detail.status_label).startswith("Status: ")
    assert "40" in spoken(detail.belief_label)
    assert spoken(detail.learning_label) == "What I learned: Plain words land better than I feared."
    detail.clear()
    assert spoken(detail.title_label) == "Title"  # no user text stays in the tree
