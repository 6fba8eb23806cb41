"""Rate my levels: five rows in hierarchy order (Mastery on top), scores recorded, a second
check-in the same day replaces the first and the dialog says so; Ctrl+Return saves."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QSlider

from tkg_journal.domain.levels import Level
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import Progress
from tkg_journal.ui.progress.checkin_dialog import CheckinDialog

DAY = date(2026, 3, 2)


def _dialog(qtbot, journal: Journal, day: date = DAY) -> CheckinDialog:
    dialog = CheckinDialog(Progress(journal), today=day)
    qtbot.addWidget(dialog)
    return dialog


def test_rows_read_bottom_up_with_mastery_on_top(qtbot, journal: Journal):
    dialog = _dialog(qtbot, journal)
    dialog.show()
    qtbot.waitExposed(dialog)
    tops = [
        dialog.findChild(QSlider, f"checkinSlider{level.title}")
        .mapTo(dialog, dialog.rect().topLeft())
        .y()
        for level in Level
    ]
    assert tops == sorted(tops, reverse=True)  # Foundation lowest on screen, Mastery highest
    for level in Level:
        assert dialog.findChild(QLabel, f"checkinTitle{level.title}").text() == level.title
        assert dialog.findChild(QLabel, f"checkinFocus{level.title}").text() == level.focus
    assert not dialog.already_label.isVisibleTo(dialog)


def test_scores_and_note_are_recorded_with_ctrl_return(qtbot, journal: Journal):
    dialog = _dialog(qtbot, journal)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # offscreen windows do not activate on their own
    qtbot.waitUntil(dialog.isActiveWindow)
    slider = dialog.findChild(QSlider, f"checkinSlider{Level.FOUNDATION.title}")
    slider.setFocus()
    slider.setValue(1)
    qtbot.keyClick(slider, Qt.Key.Key_Right)  # the keyboard moves it: 2
    assert dialog.findChild(QLabel, f"checkinValue{Level.FOUNDATION.title}").text() == "2"
    dialog.set_score(Level.MASTERY, 9)
    note = dialog.findChild(QPlainTextEdit, "checkinNote")
    qtbot.keyClicks(note, "Calmer in the budget meeting")
    qtbot.keyClick(note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    stored = Progress(journal).checkin_for(DAY)
    assert stored is not None
    assert stored.scores[Level.FOUNDATION] == 2
    assert stored.scores[Level.MASTERY] == 9
    assert stored.scores[Level.GROWTH] == 5  # untouched rows keep their starting score
    assert stored.note == "Calmer in the budget meeting"
    assert dialog.saved == stored or dialog.saved.scores == stored.scores


def test_rating_again_the_same_day_replaces_it_and_says_so(qtbot, journal: Journal):
    progress = Progress(journal)
    progress.record_checkin({level: 4 for level in Level}, "first go", on=DAY)
    dialog = _dialog(qtbot, journal)
    assert dialog.already_label.isVisibleTo(dialog)
    assert "replaces" in dialog.already_label.text()
    assert dialog.scores() == {level: 4 for level in Level}  # starts from today's rating
    assert dialog.note.toPlainText() == "first go"
    dialog.set_score(Level.GROWTH, 8)
    assert dialog.save() is not None
    stored = progress.checkin_for(DAY)
    assert stored is not None
    assert stored.scores[Level.GROWTH] == 8
    assert progress.last_checkin().rated_on == DAY  # one check-in that day, not two


def test_a_new_day_starts_from_the_last_rating(qtbot, journal: Journal):
    Progress(journal).record_checkin(
        {level: 3 + int(level) for level in Level}, on=date(2026, 2, 20)
    )
    dialog = _dialog(qtbot, journal)
    assert not dialog.already_label.isVisibleTo(dialog)
    assert dialog.scores() == {level: 3 + int(level) for level in Level}
    last = dialog.findChild(QLabel, f"checkinLast{Level.MASTERY.title}")
    assert "8" in last.text()


def test_each_rating_is_announced_with_its_number_as_it_moves(qtbot, journal: Journal):
    from PySide6.QtGui import QAccessible

    dialog = _dialog(qtbot, journal)
    value = dialog.value_labels[Level.MASTERY]
    node = QAccessible.queryAccessibleInterface(value)
    dialog.set_score(Level.MASTERY, 7)
    assert node.text(QAccessible.Text.Name) == "Rating of Mastery: 7"
    dialog.set_score(Level.MASTERY, 3)
    assert node.text(QAccessible.Text.Name) == "Rating of Mastery: 3"
