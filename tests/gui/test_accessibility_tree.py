"""The accessibility walk (tests/gui/accessibility_tree.py) finds what a listener would
miss, so that its silence over every window (test_fits_any_screen) means something; and
the widgets made to be heard say what they show."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tests.gui.accessibility_tree import tree_problems
from tkg_journal.ui.common.clear_button import enable_clear_button
from tkg_journal.ui.common.value_label import ValueLabel


def shown(qtbot, *widgets: QWidget) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    for widget in widgets:
        layout.addWidget(widget)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_walk_finds_an_unnamed_button_a_mute_value_and_an_unlabelled_box(qtbot):
    mute = QLabel("Say it plainly")
    mute.setObjectName("title")
    mute.setAccessibleName("Title")  # names the caption, never the value
    combo = QComboBox()
    combo.setObjectName("status")
    combo.setAccessibleName("Status")
    combo.addItem("All")
    window = shown(qtbot, QPushButton(), mute, combo)
    problems = tree_problems(window)
    assert any("Button" in p and "has no name" in p for p in problems), problems
    assert any("'title' is announced as 'Title'" in p for p in problems), problems
    assert any("ComboBox status" in p and "has no label" in p for p in problems), problems


def test_the_walk_finds_one_of_n_toggles_exposed_as_check_boxes(qtbot):
    yes, no = QPushButton("Yes"), QPushButton("No")
    group = QButtonGroup()
    for button in (yes, no):
        button.setCheckable(True)
        group.addButton(button)
    window = shown(qtbot, yes, no)
    assert any("is one of N but not a radio" in p for p in tree_problems(window))


def test_labelled_named_and_speaking_widgets_pass(qtbot):
    caption = QLabel("&Status")
    combo = QComboBox()
    combo.setAccessibleName("Filter by status")
    combo.addItem("All")
    caption.setBuddy(combo)
    search = QLineEdit()
    search.setAccessibleName("Search")
    search.setPlaceholderText("Search experiments")
    enable_clear_button(search, "the search")
    value = ValueLabel("Title", "Say it plainly")
    window = shown(qtbot, caption, combo, search, value)
    search.setText("budget")  # the clear button shows
    qtbot.wait(10)
    assert tree_problems(window) == []


def test_a_value_label_speaks_its_caption_and_its_value_as_they_change(qtbot):
    label = ValueLabel("Belief")
    window = shown(qtbot, label)
    node = QAccessible.queryAccessibleInterface(label)
    assert node.text(QAccessible.Text.Name) == "Belief"
    label.setText("60 % before,\n80 % after")
    assert node.text(QAccessible.Text.Name) == "Belief: 60 % before, 80 % after"
    label.clear()
    assert node.text(QAccessible.Text.Name) == "Belief"
    assert tree_problems(window) == []
