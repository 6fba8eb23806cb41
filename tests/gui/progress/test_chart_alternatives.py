"""Every Progress chart without a mouse or without sight: a table of the same data points
("Show as table": sortable, Ctrl+C copies), a sentence of what it shows (the accessible
description and the caption, current with the data), and arrow keys through its points
with the mouse's read-out."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QTableView

from tests.gui.accessibility_checks import chart_problems, find_charts
from tests.gui.progress.test_progress_view import _drawn_counts, _view, _wait_drawn
from tkg_journal.charts import series
from tkg_journal.domain.levels import Level
from tkg_journal.services import demo
from tkg_journal.services.journal import Journal
from tkg_journal.ui.progress.chart_hover import hover_text
from tkg_journal.ui.progress.chart_panel import ChartPanel
from tkg_journal.ui.progress.progress_view import ProgressView


@pytest.fixture
def demo_journal(journal: Journal) -> Journal:
    demo.fill(journal, entries=300, seed=1)
    return journal


@pytest.fixture
def view(qtbot, demo_journal: Journal) -> ProgressView:
    shown = _view(qtbot, demo_journal)
    _wait_drawn(qtbot, shown)
    return shown


def _table(panel: ChartPanel) -> QTableView:
    panel.toggle.setChecked(True)
    assert panel.body.currentWidget() is panel.table
    return panel.table


def _column(table: QTableView, title: str) -> int:
    model = table.model()
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return titles.index(title)


def _values(table: QTableView, column: int) -> list[str]:
    model = table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


# --- the check the accessibility walk uses ----------------------------------------------
def test_every_chart_has_a_table_a_data_bearing_description_and_focus(view: ProgressView):
    charts = find_charts(view)
    assert [c.objectName() for c in charts] == [f"chartPanel_{n}" for n in view.panels]
    for panel in view.panels.values():
        assert chart_problems(panel) == []
        assert chart_problems(panel.canvas) == []  # the canvas is checked as its panel


def test_the_check_fails_a_chart_without_alternatives(qtbot):
    bare = QFrame()
    qtbot.addWidget(bare)
    bare.setObjectName("chartPanel_activity")
    bare.setAccessibleDescription("Entries and attempts per level, week by week or month by month")
    problems = chart_problems(bare)
    assert any("kind of chart" in p for p in problems)
    assert any("toggle" in p for p in problems)
    assert any("table" in p for p in problems)
    bare.setAccessibleDescription("Activity, by level")
    assert any("carries no data" in p for p in chart_problems(bare))


def test_the_check_fails_a_chart_whose_table_is_empty(view: ProgressView):
    panel = view.panels["activity"]
    panel.table_model.set_table(type(panel.table_model.table())((), (), ()))
    assert any("table is empty" in p for p in chart_problems(panel))


# --- Show as table -------------------------------------------------------------------------
def test_show_as_table_lists_the_points_the_chart_draws(view: ProgressView):
    panel = view.panels["activity"]
    assert panel.chart is not None
    table = _table(panel)
    assert table.isVisible() and not panel.canvas.isVisible()
    drawn = series.activity_rows(panel.chart.data, panel.chart.options["levels"])
    assert table.model().rowCount() == len(drawn) > 5
    entries = _column(table, "Entries")
    assert sorted(int(v) for v in _values(table, entries)) == sorted(b.entries for b in drawn)
    ratings = _table(view.panels["ratings"])
    assert ratings.model().rowCount() == len(view.panels["ratings"].chart.data)
    hierarchy = _table(view.panels["hierarchy"])
    assert hierarchy.model().rowCount() == len(Level)

    panel.toggle.setChecked(False)  # back to the picture
    assert panel.body.currentWidget() is panel.canvas


def test_the_table_sorts_numbers_as_numbers_and_days_by_date(view: ProgressView):
    table = _table(view.panels["calendar"])
    entries = _column(table, "Entries")
    table.sortByColumn(entries, Qt.SortOrder.DescendingOrder)
    counts = [int(v) for v in _values(table, entries)]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1
    day = _column(table, "Day")
    table.sortByColumn(day, Qt.SortOrder.AscendingOrder)
    # Day names would sort "Fri" before "Mon"; the proxy sorts by date.
    source = table.source.table()
    ordinals = sorted(row[0].sort for row in source.rows)
    first = next(row for row in source.rows if row[0].sort == ordinals[0])
    assert _values(table, day)[0] == first[0].text


def test_ctrl_c_copies_the_selected_cells_with_titles_for_whole_columns(
    qtbot, view: ProgressView
):
    table = _table(view.panels["ratings"])
    table.setFocus()
    model = table.model()
    table.selectionModel().clear()
    table.setCurrentIndex(model.index(0, 0))
    table.selectionModel().select(
        model.index(1, 2), table.selectionModel().SelectionFlag.Select
    )
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    first, second = copied.split("\n")
    assert first == f"{model.index(0, 0).data()}\t\t"
    assert second == f"\t\t{model.index(1, 2).data()}"

    table.selectionModel().clear()
    table.selectColumn(2)  # the rating: a whole column, with its title
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = QGuiApplication.clipboard().text().split("\n")
    assert lines[0] == "Rating (1-10)"
    assert len(lines) == model.rowCount() + 1 and all(line.isdigit() for line in lines[1:])


def test_the_toggle_is_remembered_while_the_charts_are_redrawn(qtbot, view: ProgressView):
    panel = view.panels["attempts"]
    panel.toggle.setChecked(True)
    before = _drawn_counts(view)
    view.range_combo.setCurrentIndex(view.range_combo.findText("All time"))
    _wait_drawn(qtbot, view, before)
    assert panel.toggle.isChecked() and panel.body.currentWidget() is panel.table
    assert not view.panels["activity"].toggle.isChecked()


def test_each_toggle_has_a_name_and_its_own_alt_letter(view: ProgressView):
    letters = []
    for panel in view.panels.values():
        assert panel.toggle.isCheckable()
        assert panel.title.lower() in panel.toggle.accessibleName().lower()
        letters.append(re.search(r"&(\w)", panel.toggle.text()).group(1).lower())
    taken = {"r", "l", "t", "s", "f", "e", "x", "p", "v", "h"}  # the section's, the menus'
    assert len(set(letters)) == len(letters) and not set(letters) & taken


# --- the sentence --------------------------------------------------------------------------
def test_the_description_carries_the_data_and_follows_the_range(qtbot, view: ProgressView):
    ratings = view.panels["ratings"]
    points = sorted(ratings.chart.data, key=lambda p: (p.day, p.level))
    latest = {p.level: p.score for p in points}
    description = ratings.accessibleDescription()
    for level, score in latest.items():
        assert f"{level.title} {score}" in description
    assert ratings.canvas.accessibleDescription() == description
    assert ratings.caption.text() == description and ratings.caption.isVisible()

    activity = view.panels["activity"].accessibleDescription()
    before = _drawn_counts(view)
    view.range_combo.setCurrentIndex(view.range_combo.findText("All time"))
    _wait_drawn(qtbot, view, before)
    assert view.panels["activity"].accessibleDescription() != activity
    assert view.panels["ratings"].accessibleDescription() != description

    before = _drawn_counts(view)
    view.level_combo.setCurrentIndex(view.level_combo.findData(Level.GROWTH))
    _wait_drawn(qtbot, view, before)
    assert "Most entries at Growth" in view.panels["activity"].accessibleDescription()


def test_an_empty_journal_says_so_in_every_description(qtbot, journal: Journal):
    view = _view(qtbot, journal)
    _wait_drawn(qtbot, view)
    for panel in view.panels.values():
        assert panel.accessibleDescription().startswith("No "), panel.name
        assert chart_problems(panel) == []


# --- the keys ---------------------------------------------------------------------------
def test_arrow_keys_walk_the_bars_with_the_mouse_read_out(qtbot, view: ProgressView):
    from matplotlib.backend_bases import MouseEvent

    panel = view.panels["activity"]
    canvas = panel.canvas
    assert canvas.focusPolicy() == Qt.FocusPolicy.StrongFocus
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    first = panel.point_text
    assert first and first in canvas.accessibleName()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert panel.point_text != first
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    assert panel.point_text == first
    qtbot.keyClick(canvas, Qt.Key.Key_Up)  # up the stack: another series
    assert panel.point_text != first
    qtbot.keyClick(canvas, Qt.Key.Key_End)
    last = panel.point_text
    assert last != first

    # The mouse over the same bar says the same.
    point = panel.keys.overlay.point
    assert point is not None and point.text == last
    canvas.draw()
    x, y = point.ax.transData.transform((point.x, point.y - 0.5))  # inside the bar
    assert hover_text(MouseEvent("motion_notify_event", canvas, x, y), panel.bucket) == last
    assert panel.keys.overlay.point_position() is not None


@pytest.mark.parametrize("name", ["ratings", "feedback", "hierarchy", "calendar", "attempts"])
def test_every_chart_answers_the_arrow_keys(qtbot, view: ProgressView, name: str):
    panel = view.panels[name]
    panel.canvas.setFocus()
    said = []
    for key in (Qt.Key.Key_Home, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_End):
        qtbot.keyClick(panel.canvas, key)
        said.append(panel.point_text)
    assert all(said) and len(set(said)) >= 3, said
    assert re.search(r"\d", said[-1])


def test_the_pyramid_goes_up_a_level_with_the_up_key(qtbot, view: ProgressView):
    panel = view.panels["hierarchy"]
    panel.canvas.setFocus()
    qtbot.keyClick(panel.canvas, Qt.Key.Key_Home)
    assert panel.point_text.startswith("Foundation")
    qtbot.keyClick(panel.canvas, Qt.Key.Key_Up)
    assert panel.point_text.startswith("Growth")
    qtbot.keyClick(panel.canvas, Qt.Key.Key_End)
    assert panel.point_text.startswith("Mastery")
