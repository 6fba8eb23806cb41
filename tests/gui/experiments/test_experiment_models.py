"""The experiment list and attempt table models (checked by Qt's own model tester) and the
outcome sparkline, over a real encrypted journal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QImage

from tkg_journal.domain.experiments import DidIt, Experiment, ExperimentStatus
from tkg_journal.domain.levels import Level
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.ui.experiments.attempt_table_model import (
    DID_IT,
    NOTE,
    OUTCOME,
    WHEN,
    AttemptRole,
    AttemptTableModel,
)
from tkg_journal.ui.experiments.experiment_attempts_pane import ExperimentAttemptsPane
from tkg_journal.ui.experiments.experiment_list_model import (
    ATTEMPTS,
    OPEN,
    STATUS,
    TITLE,
    ExperimentIdRole,
    ExperimentListModel,
    OutcomesRole,
    SummaryRole,
)
from tkg_journal.ui.experiments.outcome_trend import OutcomeTrend


def make(
    service: Experiments, title: str, level: Level = Level.GROWTH, *, active: bool = False
) -> Experiment:
    return service.create(
        Experiment(
            title=title,
            level=level,
            trigger="a peer pushes back",
            old_behaviour="defending",
            new_response="ask a question first",
            status=ExperimentStatus.ACTIVE if active else ExperimentStatus.PLANNED,
        )
    )


@pytest.fixture
def service(journal: Journal) -> Experiments:
    return Experiments(journal)


def titles(model: ExperimentListModel) -> list[str]:
    return [model.index(row, TITLE).data() for row in range(model.rowCount())]


def test_list_model_passes_the_model_tester_through_every_change(qapp, qtmodeltester, service):
    first = make(service, "Pause before answering", Level.FOUNDATION, active=True)
    second = make(service, "Delegate the report", Level.EMPOWERMENT)
    model = ExperimentListModel()
    model.set_service(service)
    qtmodeltester.check(model)  # stays connected: every later change is checked too
    service.log_attempt(first.id, did_it=DidIt.YES, outcome=2, note="went fine")
    model.experiment_changed(first.id)  # in place
    model.set_query(OPEN, None, "")
    service.abandon(second.id, reason="no longer relevant")
    model.experiment_changed(second.id)  # leaves the "open" list: a row removal
    assert titles(model) == ["Pause before answering"]
    model.set_query(None, Level.EMPOWERMENT, "")
    model.set_query(None, None, "fine")
    model.reload()
    model.set_service(None)
    assert model.rowCount() == 0


def test_rows_show_status_attempts_and_the_recent_outcomes(qtbot, service):
    experiment = make(service, "Pause before answering", Level.FOUNDATION, active=True)
    for outcome in (-1, None, 2):
        service.log_attempt(experiment.id, did_it=DidIt.YES, outcome=outcome)
    make(service, "Delegate the report", Level.EMPOWERMENT)
    model = ExperimentListModel()
    model.set_service(service)
    row = model.row_of(experiment.id)
    assert row is not None
    assert model.index(row, TITLE).data() == "Pause before answering"
    assert model.index(row, STATUS).data() == "Active"
    assert model.index(row, ATTEMPTS).data() == "3"
    assert model.index(row, TITLE).data(OutcomesRole) == (-1, None, 2)
    assert model.index(row, TITLE).data(ExperimentIdRole) == experiment.id
    assert model.index(row, TITLE).data(SummaryRole).experiment.level is Level.FOUNDATION
    assert not model.index(row, TITLE).data(Qt.ItemDataRole.DecorationRole).isNull()
    assert "Foundation" in model.index(row, TITLE).data(Qt.ItemDataRole.ToolTipRole)


def test_an_attempt_updates_its_row_in_place(qtbot, service):
    experiment = make(service, "Pause before answering", active=True)
    make(service, "Another", active=True)
    model = ExperimentListModel()
    model.set_service(service)
    before = titles(model)
    service.log_attempt(experiment.id, did_it=DidIt.PARTIAL, outcome=1)
    with qtbot.waitSignal(model.dataChanged), qtbot.assertNotEmitted(model.modelReset):
        model.experiment_changed(experiment.id)
    assert titles(model) == before
    row = model.row_of(experiment.id)
    assert model.index(row, ATTEMPTS).data() == "1"


def test_filters_by_status_level_and_words_in_an_attempt(qapp, service):
    active = make(service, "Pause before answering", Level.FOUNDATION, active=True)
    make(service, "Delegate the report", Level.EMPOWERMENT)
    service.log_attempt(active.id, did_it=DidIt.YES, note="Quarterly zeppelin review")
    model = ExperimentListModel()
    model.set_service(service)
    model.set_query(ExperimentStatus.PLANNED, None, "")
    assert titles(model) == ["Delegate the report"]
    model.set_query(None, Level.FOUNDATION, "")
    assert titles(model) == ["Pause before answering"]
    model.set_query(None, None, "zeppelin")
    assert titles(model) == ["Pause before answering"]
    assert model.is_filtering()


def test_attempt_table_passes_the_model_tester_and_shows_newest_first(
    qtmodeltester, service, journal
):
    experiment = make(service, "Pause before answering", active=True)
    now = journal.clock()
    service.log_attempt(
        experiment.id, did_it=DidIt.NO, outcome=-2, note="jumped in", when=now - timedelta(days=2)
    )
    service.log_attempt(
        experiment.id,
        did_it=DidIt.YES,
        outcome=None,
        note="first line\nsecond line",
        when=now - timedelta(days=1),
    )
    model = AttemptTableModel()
    qtmodeltester.check(model)
    model.set_attempts(service.attempts(experiment.id))
    assert model.rowCount() == 2
    assert model.index(0, DID_IT).data() == "Yes"
    assert model.index(0, OUTCOME).data() == "\u2013"  # no outcome given
    assert model.index(0, NOTE).data() == "first line second line"
    assert model.index(0, NOTE).data(Qt.ItemDataRole.ToolTipRole) == "first line\nsecond line"
    assert model.index(1, OUTCOME).data() == "\u22122  much worse"
    assert model.index(1, WHEN).data(AttemptRole).note == "jumped in"
    assert model.outcomes() == (-2, None)  # oldest first, for the trend
    model.clear()
    assert model.rowCount() == 0
    assert not model.index(0, 0).isValid()
    assert model.rowCount(QModelIndex()) == 0


def _colour_rows(image: QImage, colour_test) -> list[int]:
    rows = []
    for y in range(image.height()):
        for x in range(image.width()):
            if colour_test(QColor(image.pixel(QPoint(x, y)))):
                rows.append(y)
                break
    return rows


def _greenish(colour: QColor) -> bool:
    return colour.green() > 110 and colour.green() > colour.red() + 50


def _reddish(colour: QColor) -> bool:
    return colour.red() > 150 and colour.red() > colour.green() + 70


def test_trend_draws_good_outcomes_high_in_green_and_bad_ones_low_in_red(qtbot):
    trend = OutcomeTrend()
    qtbot.addWidget(trend)
    trend.resize(240, 60)
    trend.set_outcomes([2, None, -2])
    image = trend.grab().toImage()
    green, red = _colour_rows(image, _greenish), _colour_rows(image, _reddish)
    assert green and red
    assert max(green) < image.height() / 2 < min(red)
    assert "3 attempts" in trend.toolTip()
    assert "2 attempts" not in trend.accessibleDescription()
    trend.clear()
    image = trend.grab().toImage()
    assert not _colour_rows(image, _greenish)
    assert not _colour_rows(image, _reddish)


@pytest.mark.parametrize(("outcomes", "words"), [
    ((), "No attempts logged yet."), ((None, None), "No outcomes rated yet.")])
def test_an_empty_trend_says_why_once_with_no_line_through_the_words(
        qtbot, outcomes: tuple[None, ...], words: str):
    pane = ExperimentAttemptsPane()
    qtbot.addWidget(pane)
    pane.resize(600, 300)
    pane.show()
    qtbot.waitExposed(pane)
    pane.set_attempts([])
    # Said by the trend (painted, and to a screen reader), not again in the summary.
    assert pane.trend.accessibleDescription() == "No attempts logged yet."
    assert pane.summary.text() == ""
    trend = OutcomeTrend()
    qtbot.addWidget(trend)
    trend.resize(300, 60)
    trend.set_outcomes(outcomes)
    assert trend.minimumSizeHint().width() > trend.fontMetrics().horizontalAdvance(words)
    image = trend.grab().toImage()
    ratio = image.devicePixelRatio()
    text = trend.fontMetrics().boundingRect(
        trend.rect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), words)
    text = text.adjusted(-2, -2, 2, 2)
    background = image.pixel(image.width() - 1, 0)
    inked = [(x, y) for y in range(image.height()) for x in range(image.width())
             if image.pixel(x, y) != background]
    assert inked  # the words are there...
    # ...and nothing else: no scale, no zero line striking through them.
    stray = [(x, y) for x, y in inked if not text.contains(round(x / ratio), round(y / ratio))]
    assert stray == []


def test_trend_is_drawn_at_the_screen_resolution(qtbot):
    trend = OutcomeTrend()
    qtbot.addWidget(trend)
    trend.resize(200, 56)
    trend.set_outcomes([1, 2])
    pixmap = trend.grab()
    assert pixmap.devicePixelRatio() == trend.devicePixelRatioF()
