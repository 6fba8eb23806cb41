"""The shared master-detail layout: the placeholder or the detail, the list's current row
moved by the user (reported) or by the section (quiet), and an empty list's line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from tkg_journal.ui.common.master_detail import EmptyTextListView, MasterDetail

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")


@pytest.fixture
def list_view() -> EmptyTextListView:
    view = EmptyTextListView()
    view.setModel(QStringListModel(["first", "second", "third"], view))
    return view


@pytest.fixture
def layout(qtbot: QtBot, list_view: EmptyTextListView) -> MasterDetail:
    widget = MasterDetail(
        QWidget(),
        list_view,
        QLabel("the detail"),
        placeholder="Choose something",
        names=("testSplitter", "testDetailPane", "testPlaceholder"),
        sizes=(200, 300),
    )
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_placeholder_and_the_detail_take_turns(layout: MasterDetail) -> None:
    assert layout.findChild(QWidget, "testSplitter") is layout.splitter
    assert layout.findChild(QWidget, "testPlaceholder") is layout.placeholder
    layout.show_placeholder()
    assert layout.placeholder.isVisible() and not layout.detail.isVisible()
    layout.show_detail()
    assert layout.detail.isVisible() and not layout.placeholder.isVisible()
    layout.show_placeholder(False)  # a locked section shows neither
    assert not layout.placeholder.isVisible() and not layout.detail.isVisible()


def test_only_the_users_moves_are_reported(
    qtbot: QtBot, layout: MasterDetail, list_view: EmptyTextListView
) -> None:
    rows: list[int] = []
    layout.current_changed.connect(lambda index: rows.append(index.row()))
    layout.select_row(1)
    assert rows == [1]
    assert list_view.currentIndex().row() == 1
    with layout.quietly():
        layout.select_row(2)
        with layout.quietly():
            pass
        layout.select_row(0)  # still quiet after a nested block ends
    assert rows == [1]
    assert list_view.selectionModel().selectedRows()[0].row() == 0
    layout.select_row(None)
    assert not list_view.selectionModel().hasSelection()
    assert rows == [1]  # no current row: nothing to show


def test_an_empty_list_says_so(qtbot: QtBot) -> None:
    view = EmptyTextListView()
    qtbot.addWidget(view)
    view.setModel(QStringListModel([], view))
    view.resize(300, 200)
    view.show()
    qtbot.waitExposed(view)

    def inked_pixels() -> int:
        image = view.viewport().grab().toImage()
        background = image.pixel(2, 2)
        return sum(
            image.pixel(x, y) != background
            for x in range(0, image.width(), 2)
            for y in range(0, image.height(), 2)
        )

    assert inked_pixels() == 0
    view.empty_text = "Nothing here yet"
    assert inked_pixels() > 0
