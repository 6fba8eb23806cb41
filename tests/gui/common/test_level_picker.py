"""The level pyramid: its shape, choosing and clearing a level, the root hint, keys, colours."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from tkg_journal.domain.levels import Level
from tkg_journal.ui.common.level_picker import LevelPicker

# The offscreen platform says it cannot pass size hints to a window; not our warning.
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")


@pytest.fixture
def picker(qtbot: QtBot) -> LevelPicker:
    widget = LevelPicker()
    qtbot.addWidget(widget)
    widget.resize(420, widget.sizeHint().height())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _top_left(picker: LevelPicker, level: Level) -> QPoint:
    return picker.row(level).mapTo(picker, QPoint(0, 0))


def _click(qtbot: QtBot, picker: LevelPicker, level: Level) -> None:
    qtbot.mouseClick(picker.row(level), Qt.MouseButton.LeftButton)


def _hint(picker: LevelPicker) -> QLabel:
    return picker.findChild(QLabel, "levelHint")


def _button(picker: LevelPicker, name: str) -> QPushButton:
    return picker.findChild(QPushButton, name)


def test_pyramid_has_mastery_on_top_and_foundation_widest_at_the_bottom(
    picker: LevelPicker,
) -> None:
    tops = [_top_left(picker, level).y() for level in Level]
    widths = [picker.row(level).width() for level in Level]
    assert tops == sorted(tops, reverse=True)  # Foundation (first) lowest on screen
    assert len(set(tops)) == len(Level)
    assert widths == sorted(widths, reverse=True)  # and widest
    assert widths[0] > widths[-1] * 1.4
    # Centred: each row sits inside the one below it.
    for level in (Level.GROWTH, Level.EMPOWERMENT, Level.GUIDANCE, Level.MASTERY):
        below = level.below
        assert below is not None
        assert _top_left(picker, level).x() > _top_left(picker, below).x()
    for level in Level:
        assert picker.row(level).text() == level.label()


def test_choosing_growth_shows_its_focus_and_the_root_hint(
    qtbot: QtBot, picker: LevelPicker
) -> None:
    assert picker.level() is None
    assert not _hint(picker).isVisible()
    with qtbot.waitSignal(picker.level_changed) as signal:
        _click(qtbot, picker, Level.GROWTH)
    assert signal.args == [Level.GROWTH]
    assert picker.level() is Level.GROWTH
    assert picker.row(Level.GROWTH).isChecked()
    assert not any(picker.row(level).isChecked() for level in Level if level != Level.GROWTH)
    focus = picker.findChild(QLabel, "levelFocus").text()
    assert "communication, collaboration" in focus
    hint = _hint(picker)
    assert hint.isVisible()
    assert hint.text().startswith("Root, not symptom")
    assert "Foundation (self-awareness, emotional intelligence)" in hint.text()
    assert _button(picker, "levelLookLower").isVisible()


def test_look_one_level_lower_selects_the_level_below(qtbot: QtBot, picker: LevelPicker) -> None:
    _click(qtbot, picker, Level.EMPOWERMENT)
    assert "Growth (communication, collaboration)" in _hint(picker).text()
    with qtbot.waitSignal(picker.level_changed) as signal:
        _button(picker, "levelLookLower").click()
    assert signal.args == [Level.GROWTH]
    _button(picker, "levelLookLower").click()
    assert picker.level() is Level.FOUNDATION
    assert picker.row(Level.FOUNDATION).isChecked()
    # Foundation is the bottom: no "one level lower" any more.
    assert not _hint(picker).isVisible()
    assert not _button(picker, "levelLookLower").isVisible()


def test_clicking_the_chosen_level_again_clears_it(qtbot: QtBot, picker: LevelPicker) -> None:
    _click(qtbot, picker, Level.GUIDANCE)
    with qtbot.waitSignal(picker.level_changed) as signal:
        _click(qtbot, picker, Level.GUIDANCE)
    assert signal.args == [None]
    assert picker.level() is None
    assert not any(picker.row(level).isChecked() for level in Level)
    assert not _hint(picker).isVisible()


def test_no_level_button_clears_the_choice(qtbot: QtBot, picker: LevelPicker) -> None:
    clear = _button(picker, "levelClear")
    assert not clear.isEnabled()  # nothing to clear yet
    _click(qtbot, picker, Level.MASTERY)
    assert clear.isEnabled()
    with qtbot.waitSignal(picker.level_changed) as signal:
        clear.click()
    assert signal.args == [None]
    assert picker.level() is None


def test_set_level_shows_without_a_signal(qtbot: QtBot, picker: LevelPicker) -> None:
    with qtbot.assertNotEmitted(picker.level_changed):
        picker.set_level(Level.GUIDANCE)
        assert picker.row(Level.GUIDANCE).isChecked()
        assert "Empowerment" in _hint(picker).text()
        picker.set_level(None)
    assert not picker.row(Level.GUIDANCE).isChecked()


def test_keyboard_up_down_move_and_space_enter_select(qtbot: QtBot, picker: LevelPicker) -> None:
    picker.activateWindow()
    picker.setFocus()  # Tab or the "Level" label's mnemonic land here
    assert picker.row(Level.FOUNDATION).hasFocus()  # no level yet: start at the root
    qtbot.keyClick(picker.row(Level.FOUNDATION), Qt.Key.Key_Up)
    assert picker.row(Level.GROWTH).hasFocus()
    assert picker.level() is None  # moving does not choose
    with qtbot.waitSignal(picker.level_changed) as signal:
        qtbot.keyClick(picker.row(Level.GROWTH), Qt.Key.Key_Space)
    assert signal.args == [Level.GROWTH]

    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    assert picker.row(Level.MASTERY).hasFocus()  # stops at the top
    qtbot.keyClick(picker.row(Level.MASTERY), Qt.Key.Key_Down)
    assert picker.row(Level.GUIDANCE).hasFocus()
    qtbot.keyClick(picker.row(Level.GUIDANCE), Qt.Key.Key_Return)
    assert picker.level() is Level.GUIDANCE
    qtbot.keyClick(picker.row(Level.GUIDANCE), Qt.Key.Key_Enter)
    assert picker.level() is None  # Enter on the chosen level clears it, like a click


def test_the_pyramid_is_one_tab_stop_at_the_chosen_level(picker: LevelPicker) -> None:
    def tab_stops() -> list[Level]:
        return [
            level for level in Level if picker.row(level).focusPolicy() & Qt.FocusPolicy.TabFocus
        ]

    assert tab_stops() == [Level.FOUNDATION]
    picker.set_level(Level.EMPOWERMENT)
    assert tab_stops() == [Level.EMPOWERMENT]
    assert picker.focusProxy() is picker.row(Level.EMPOWERMENT)


def test_accessible_names_and_descriptions(picker: LevelPicker) -> None:
    assert picker.accessibleName() == "Level"
    assert picker.objectName() == "levelPicker"
    growth = picker.row(Level.GROWTH)
    assert growth.accessibleName() == "2 Growth"
    assert "communication, collaboration" in growth.accessibleDescription()
    assert growth.toolTip() == growth.accessibleDescription()
    for name in ("levelLookLower", "levelClear"):
        assert _button(picker, name).accessibleName()


def _colours(image: QImage) -> set[tuple[int, int, int]]:
    return {
        QColor(image.pixel(x, y)).getRgb()[:3]
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    }


def _near(colours: set[tuple[int, int, int]], target: QColor, tolerance: int = 40) -> bool:
    want = target.getRgb()[:3]
    return any(all(abs(a - b) <= tolerance for a, b in zip(c, want, strict=True)) for c in colours)


@pytest.fixture
def dark_palette() -> Iterator[QPalette]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    previous = app.palette()
    palette = QPalette(QColor("#2b2b2b"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#f0f0f0"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
    app.setPalette(palette)
    yield palette
    app.setPalette(previous)


def test_rows_follow_a_dark_palette_and_the_chosen_one_wears_its_colour(
    qtbot: QtBot, dark_palette: QPalette
) -> None:
    picker = LevelPicker()
    qtbot.addWidget(picker)
    picker.resize(420, picker.sizeHint().height())
    picker.set_level(Level.GROWTH)
    picker.show()
    qtbot.waitExposed(picker)

    unchosen = _colours(picker.row(Level.EMPOWERMENT).grab().toImage())
    assert _near(unchosen, dark_palette.color(QPalette.ColorRole.Text))  # light text
    assert not _near(unchosen, QColor("#ffffff"), tolerance=10)  # on no light background

    chosen = picker.row(Level.GROWTH).grab().toImage()
    centre = QColor(chosen.pixel(chosen.width() // 6, chosen.height() // 2))
    assert centre.name() == QColor(Level.GROWTH.colour).name()


def test_rows_stay_sharp_at_device_pixel_ratio_two(qtbot: QtBot, picker: LevelPicker) -> None:
    picker.set_level(Level.MASTERY)
    row = picker.row(Level.MASTERY)
    image = QImage(row.size() * 2, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(2)
    image.fill(Qt.GlobalColor.transparent)
    row.render(image)
    # The fill covers the full-resolution image, not just its top-left quarter.
    far_corner = QColor(image.pixel(image.width() - 40, image.height() - 12))
    assert far_corner.name() == QColor(Level.MASTERY.colour).name()


def test_the_levels_are_one_radio_group_named_as_the_picker(
    qtbot: QtBot, picker: LevelPicker
) -> None:
    from PySide6.QtGui import QAccessible

    for level in Level:
        node = QAccessible.queryAccessibleInterface(picker.row(level))
        assert node.role() is QAccessible.Role.RadioButton
        assert node.text(QAccessible.Text.Name) == level.label()
        assert picker.isAncestorOf(picker.row(level))
    assert picker.accessibleName()  # the group's name, said on entering it
    _click(qtbot, picker, Level.GROWTH)
    assert node_checked(picker, Level.GROWTH)
    # Left and Right do not wander to a neighbour and choose it, as Qt's radios would.
    picker.row(Level.GROWTH).setFocus()
    qtbot.keyClick(picker.row(Level.GROWTH), Qt.Key.Key_Right)
    qtbot.keyClick(picker.row(Level.GROWTH), Qt.Key.Key_Left)
    assert picker.level() is Level.GROWTH


def node_checked(picker: LevelPicker, level: Level) -> bool:
    from PySide6.QtGui import QAccessible

    return bool(QAccessible.queryAccessibleInterface(picker.row(level)).state().checked)
