"""The Progress section over real encrypted journals: charts drawn off the GUI thread for
the chosen range and level, empty states on an empty journal, PNG/SVG saved, the dark
palette followed, everything emptied on lock, and no matplotlib at start-up."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication

from tkg_journal.domain.errors import DomainError
from tkg_journal.domain.levels import Level
from tkg_journal.services import demo
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import Progress
from tkg_journal.services.progress_charts import CHARTS
from tkg_journal.ui.progress.progress_view import ProgressView, hover_text

ROOT = Path(__file__).resolve().parents[3]
WAIT_MS = 30_000  # two cores shared by many test runs: drawing six charts can take a while


@pytest.fixture
def demo_journal(journal: Journal) -> Journal:
    demo.fill(journal, entries=300, seed=1)
    return journal


def _view(qtbot, journal: Journal | None) -> ProgressView:
    view = ProgressView()
    qtbot.addWidget(view)
    view.resize(1180, 760)
    view.set_service(journal)
    view.show()
    qtbot.waitExposed(view)
    return view


def _drawn_counts(view: ProgressView) -> dict[str, int]:
    return {name: panel.rendered for name, panel in view.panels.items()}


def _wait_drawn(qtbot, view: ProgressView, before: dict[str, int] | None = None) -> None:
    """Until every chart shows a figure drawn after ``before``, and none is busy."""
    before = before or {}

    def done() -> bool:
        return (
            bool(view.panels)
            and not view.is_busy()
            and all(
                panel.rendered > before.get(name, 0) and panel.figure is not None
                for name, panel in view.panels.items()
            )
        )

    qtbot.waitUntil(done, timeout=WAIT_MS)


def _x_span(view: ProgressView, name: str) -> float:
    figure = view.panels[name].figure
    assert figure is not None
    low, high = figure.axes[0].get_xlim()
    return high - low


def _figure_text(figure) -> str:
    from matplotlib.text import Text

    return "\n".join(t.get_text() for t in figure.findobj(Text) if t.get_text())


def test_importing_the_view_leaves_matplotlib_out(tmp_path: Path):
    code = (
        "import sys, tkg_journal.ui.progress.progress_view, "
        "tkg_journal.ui.progress.checkin_prompt; "
        "sys.exit(3 if 'matplotlib' in sys.modules else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr or "matplotlib was imported"


def test_every_chart_is_drawn_and_follows_the_range(qtbot, demo_journal: Journal):
    view = _view(qtbot, demo_journal)
    _wait_drawn(qtbot, view)
    assert list(view.panels) == [info.name for info in CHARTS]
    for panel in view.panels.values():
        assert panel.canvas is not None and panel.canvas.isVisible()
        assert panel.message.text() == ""
    three_months = _x_span(view, "activity")

    before = _drawn_counts(view)
    view.range_combo.setCurrentIndex(view.range_combo.findText("All time"))
    _wait_drawn(qtbot, view, before)
    assert _x_span(view, "activity") > 3 * three_months  # two years of sample data

    # Custom: two dates, and the chart covers just those.
    before = _drawn_counts(view)
    view.range_combo.setCurrentIndex(view.range_combo.findText("Custom…"))
    assert view.since_edit.isVisible() and view.until_edit.isVisible()
    today = demo_journal.clock().date()
    view.since_edit.setDate(today.replace(day=1) if today.day > 1 else today)
    _wait_drawn(qtbot, view, before)
    assert view.period().since == (today.replace(day=1) if today.day > 1 else today)
    assert _x_span(view, "activity") < three_months


def test_the_level_filter_redraws_with_that_level_only(qtbot, demo_journal: Journal):
    view = _view(qtbot, demo_journal)
    _wait_drawn(qtbot, view)
    colours_before = _bar_colours(view)
    assert len(colours_before) >= 3  # several levels stacked
    before = _drawn_counts(view)
    view.level_combo.setCurrentIndex(view.level_combo.findData(Level.GROWTH))
    _wait_drawn(qtbot, view, before)
    assert view.levels() == (Level.GROWTH,)
    assert _bar_colours(view) == {QColor(Level.GROWTH.colour).name()}


def _bar_colours(view: ProgressView) -> set[str]:
    figure = view.panels["activity"].figure
    from matplotlib.collections import PolyCollection

    colours = set()
    for series in figure.axes[0].collections:
        if isinstance(series, PolyCollection) and len(series.get_paths()):
            for red, green, blue, _alpha in series.get_facecolor():
                colours.add(QColor.fromRgbF(red, green, blue).name())
    return colours


def test_stale_drawings_are_dropped(qtbot, demo_journal: Journal):
    view = _view(qtbot, demo_journal)
    _wait_drawn(qtbot, view)
    three_months = _x_span(view, "activity")
    before = _drawn_counts(view)
    # All time, then straight back to three months before "all time" could be drawn.
    view.range_combo.setCurrentIndex(view.range_combo.findText("All time"))
    view.refresh()
    view.range_combo.setCurrentIndex(0)
    view.refresh()
    _wait_drawn(qtbot, view, before)
    view._pool.waitForDone()
    qtbot.wait(50)  # let any late (stale) result arrive: it must not be shown
    assert _x_span(view, "activity") == pytest.approx(three_months)


def test_hovering_a_bar_says_its_level_and_value(qtbot, demo_journal: Journal):
    from matplotlib.backend_bases import MouseEvent
    from matplotlib.collections import PolyCollection

    from tkg_journal.charts.bars import bars_of

    view = _view(qtbot, demo_journal)
    _wait_drawn(qtbot, view)
    panel = view.panels["activity"]
    panel.canvas.draw()
    ax = panel.figure.axes[0]
    series = next(c for c in ax.collections if isinstance(c, PolyCollection) and bars_of(c))
    bar = max(bars_of(series), key=lambda b: b.height)
    x, y = ax.transData.transform((bar.centre, bar.bottom + bar.height / 2))
    event = MouseEvent("motion_notify_event", panel.canvas, x, y)
    text = hover_text(event, panel.bucket)
    assert series.get_label() in text
    assert "week of" in text  # three months are drawn week by week
    assert text.endswith(f": {bar.height:g}")
    panel._hover(event)  # what the canvas calls as the mouse moves
    assert panel.hover_text == text
    away = MouseEvent("motion_notify_event", panel.canvas, 1, 1)  # the figure's corner
    assert hover_text(away, panel.bucket) == ""


def test_an_empty_journal_shows_empty_states_not_errors(qtbot, journal: Journal):
    errors: list[object] = []
    view = ProgressView()
    qtbot.addWidget(view)
    view.error.connect(errors.append)
    view.resize(900, 700)  # narrow: one column
    view.set_service(journal)
    view.show()
    qtbot.waitExposed(view)
    _wait_drawn(qtbot, view)
    assert errors == []
    panels = list(view.panels.values())
    assert panels[1].y() > panels[0].y() and panels[1].x() == panels[0].x()
    for panel in panels:
        assert panel.message.text() == ""
        assert _figure_text(panel.figure).strip()  # a helpful line, not a blank axis


def test_saving_png_and_svg_writes_real_files(qtbot, demo_journal: Journal, tmp_path: Path):
    view = _view(qtbot, demo_journal)
    _wait_drawn(qtbot, view)
    target: list[Path] = []
    view.ask_save_path = lambda title, suggested: str(target[0])
    problems: list[BaseException] = []
    view.show_error = problems.append

    for name, suffix in (("activity", ".png"), ("hierarchy", ".svg")):
        target[:] = [tmp_path / f"{name}{suffix}"]
        with qtbot.waitSignal(view.status, timeout=WAIT_MS) as saved:
            view.save_menu.findChild(
                type(view.save_menu.actions()[0]), f"progressSave_{name}"
            ).trigger()
        assert str(target[0]) in saved.args[0]
    assert (tmp_path / "activity.png").read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in (tmp_path / "hierarchy.svg").read_bytes()[:2000]

    target[:] = [tmp_path / "chart.txt"]
    view.save_chart("activity")
    qtbot.waitUntil(lambda: bool(problems), timeout=WAIT_MS)
    assert isinstance(problems[0], DomainError)
    assert not (tmp_path / "chart.txt").exists()
    assert problems == problems[:1]


def test_cancelling_the_file_dialog_saves_nothing(qtbot, demo_journal: Journal, tmp_path: Path):
    view = _view(qtbot, demo_journal)
    _wait_drawn(qtbot, view)
    view.ask_save_path = lambda title, suggested: ""
    statuses: list[str] = []
    view.status.connect(statuses.append)
    view.save_chart("calendar")
    view._pool.waitForDone()
    qtbot.wait(20)
    assert statuses == []


def test_locking_clears_every_chart_even_one_being_drawn(qtbot, demo_journal: Journal):
    view = _view(qtbot, demo_journal)
    _wait_drawn(qtbot, view)
    view.level_combo.setCurrentIndex(2)
    view.refresh()  # drawing starts ...
    view.set_service(None)  # ... and the journal locks
    # Locking (and quitting, which locks) waits for the chart being drawn and drops the
    # rest: no worker is left running into the interpreter's shutdown.
    assert view._pool.activeThreadCount() == 0
    qtbot.wait(50)  # what the worker finished arrives now, and is dropped
    for panel in view.panels.values():
        assert panel.canvas is None and panel.figure is None
        assert panel.message.text() == ""
        assert not panel.is_busy()
    assert view.levels() == ()  # filters back to their defaults
    assert not view.save_button.isEnabled() and not view.rate_button.isEnabled()


@pytest.fixture
def dark_palette() -> Iterator[QPalette]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    previous = app.palette()
    palette = QPalette(QColor("#2b2b2b"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#f0f0f0"))
    yield palette
    app.setPalette(previous)


def _lightness(figure) -> float:
    red, green, blue, _alpha = figure.get_facecolor()
    return QColor.fromRgbF(red, green, blue).lightnessF()


def test_charts_follow_a_change_to_a_dark_palette(
    qtbot, demo_journal: Journal, dark_palette: QPalette
):
    view = _view(qtbot, demo_journal)
    _wait_drawn(qtbot, view)
    assert all(_lightness(p.figure) > 0.5 for p in view.panels.values())
    before = _drawn_counts(view)
    QApplication.instance().setPalette(dark_palette)
    _wait_drawn(qtbot, view, before)
    assert all(_lightness(p.figure) < 0.5 for p in view.panels.values())


def test_the_wheel_over_a_chart_scrolls_the_page(qtbot, demo_journal: Journal):
    view = _view(qtbot, demo_journal)
    _wait_drawn(qtbot, view)
    bar = view.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    canvas = next(iter(view.panels.values())).canvas
    assert canvas is not None
    centre = QPointF(canvas.rect().center())
    down = QWheelEvent(
        centre, QPointF(canvas.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas, down)
    assert bar.value() > 0


def test_rating_the_levels_from_the_section(qtbot, demo_journal: Journal):
    view = _view(qtbot, demo_journal)
    _wait_drawn(qtbot, view)
    statuses: list[str] = []
    view.status.connect(statuses.append)

    def rate(dialog) -> bool:
        dialog.set_score(Level.FOUNDATION, 3)
        return dialog.save() is not None

    view.run_dialog = rate
    before = _drawn_counts(view)
    with qtbot.waitSignal(view.checkin_saved) as saved:
        view.rate_button.click()
    today = demo_journal.clock().date()
    assert saved.args[0].rated_on == today
    assert Progress(demo_journal).checkin_for(today).scores[Level.FOUNDATION] == 3
    assert statuses and "rated" in statuses[-1].lower()
    _wait_drawn(qtbot, view, before)  # the new rating shows in the charts
