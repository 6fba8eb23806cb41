"""The outcome sparkline and the list's trend column read without sight: a focus stop
whose description counts the outcomes and names the direction."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.experiments.test_experiment_models import make
from tkg_journal.domain.experiments import DidIt
from tkg_journal.domain.levels import Level
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.ui.experiments.experiment_list_model import TREND, ExperimentListModel
from tkg_journal.ui.experiments.outcome_trend import OutcomeTrend, describe


@pytest.mark.parametrize(
    ("outcomes", "words"),
    [
        ((-1, 0, 1, 2, 2), "5 attempts: 3 better, 1 no change, 1 worse"),
        ((-1, 0, 1, 2, 2), "; improving"),
        ((2, 1, None, -1, -2), "1 not rated"),
        ((2, 1, None, -1, -2), "; getting worse"),
        ((1, 1), "; steady"),
        ((None,), "1 attempt, no outcome rated yet"),
    ],
)
def test_the_trend_in_words(outcomes: tuple[int | None, ...], words: str):
    assert words in describe(outcomes)


def test_the_sparkline_takes_focus_and_says_its_trend(qtbot):
    trend = OutcomeTrend()
    qtbot.addWidget(trend)
    trend.resize(240, 60)
    trend.show()
    qtbot.waitExposed(trend)
    assert trend.focusPolicy() == Qt.FocusPolicy.StrongFocus
    unfocused = trend.grab().toImage()
    trend.set_outcomes([-1, 0, 2])
    assert "3 attempts" in trend.accessibleDescription()
    assert "improving" in trend.accessibleDescription()
    trend.setFocus()
    qtbot.waitUntil(trend.hasFocus)
    trend.clear()
    assert trend.grab().toImage() != unfocused  # the focus frame shows


def test_the_list_trend_cell_describes_the_trend(journal: Journal):
    service = Experiments(journal)
    experiment = make(service, "Pause before answering", Level.FOUNDATION, active=True)
    for outcome in (-2, -1, 1, 2):
        service.log_attempt(experiment.id, did_it=DidIt.YES, outcome=outcome)
    model = ExperimentListModel()
    model.set_service(service)
    row = model.row_of(experiment.id)
    assert row is not None
    spoken = model.index(row, TREND).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Pause before answering")
    assert "4 attempts: 2 better, 0 no change, 2 worse" in spoken and "improving" in spoken
