"""The level button: the level one keystroke away, the full pyramid (with the "root, not
symptom" hint) one Enter away, and a name that says the value."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tkg_journal.domain.levels import Level
from tkg_journal.ui.common.level_button import LevelButton

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")


@pytest.fixture
def button(qtbot) -> LevelButton:
    widget = LevelButton()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    return widget


def test_digits_choose_a_level_and_zero_clears_it(qtbot, button: LevelButton) -> None:
    chosen: list[Level | None] = []
    button.level_changed.connect(chosen.append)
    qtbot.keyClick(button, Qt.Key.Key_2)
    assert button.level() is Level.GROWTH and button.text() == "Growth"
    qtbot.keyClick(button, Qt.Key.Key_2)  # the same again: no change, no signal
    qtbot.keyClick(button, Qt.Key.Key_Up)
    qtbot.keyClick(button, Qt.Key.Key_Up)
    assert button.level() is Level.GUIDANCE
    qtbot.keyClick(button, Qt.Key.Key_Up)
    qtbot.keyClick(button, Qt.Key.Key_Up)  # past the top: stays at Mastery
    qtbot.keyClick(button, Qt.Key.Key_0)
    assert chosen == [Level.GROWTH, Level.EMPOWERMENT, Level.GUIDANCE, Level.MASTERY, None]
    assert button.text() == "No level"
    qtbot.keyClick(button, Qt.Key.Key_Down)  # from no level, Down has nowhere to go
    qtbot.keyClick(button, Qt.Key.Key_Up)
    assert button.level() is Level.FOUNDATION


def test_set_level_shows_without_a_signal(qtbot, button: LevelButton) -> None:
    with qtbot.assertNotEmitted(button.level_changed):
        button.set_level(Level.EMPOWERMENT)
    assert button.text() == "Empowerment"
    assert button.picker.level() is Level.EMPOWERMENT


def test_the_name_and_tooltip_say_the_level_and_the_root_hint(button: LevelButton) -> None:
    assert button.accessibleName() == "Level: No level"
    button.set_level(Level.GUIDANCE)
    assert button.accessibleName() == "Level: 4 Guidance"
    assert "one level lower, at Empowerment" in button.toolTip()
    button.set_level(Level.FOUNDATION)
    assert "lower" not in button.toolTip()  # nothing below the foundation


def test_enter_opens_the_pyramid_and_a_click_there_chooses(qtbot, button: LevelButton) -> None:
    qtbot.keyClick(button, Qt.Key.Key_Return)
    qtbot.waitUntil(button.is_open)
    popup = button.picker.window()
    assert popup.isWindow() and popup is not button
    # The keyboard is in the pyramid, on Foundation (no level yet).
    assert QApplication.focusWidget() is button.picker.row(Level.FOUNDATION)
    assert popup.geometry().top() >= button.mapToGlobal(button.rect().bottomLeft()).y()
    with qtbot.waitSignal(button.level_changed) as changed:
        qtbot.mouseClick(button.picker.row(Level.EMPOWERMENT), Qt.MouseButton.LeftButton)
    assert changed.args == [Level.EMPOWERMENT]
    qtbot.waitUntil(lambda: not button.is_open())
    assert button.text() == "Empowerment"


def test_look_lower_in_the_pyramid_keeps_it_open(qtbot, button: LevelButton) -> None:
    button.set_level(Level.GROWTH)
    button.open_pyramid()
    qtbot.waitUntil(button.is_open)
    look_lower = button.picker.findChild(QWidget, "levelLookLower")
    assert look_lower is not None and look_lower.isVisible()
    qtbot.mouseClick(look_lower, Qt.MouseButton.LeftButton)
    assert button.level() is Level.FOUNDATION
    assert button.is_open()  # the user sees where that took them
    qtbot.keyClick(button.picker.window(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not button.is_open())
