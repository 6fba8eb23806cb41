"""The one bar of what needs attention: a line per kind, in a set order, each with its own
button; a line of a kind replaces the old one; a button takes its line away; Dismiss (or
Esc) takes them all; no line, no bar."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from tkg_journal.ui.common.attention_banner import AttentionBanner, AttentionLine

DUE = AttentionLine("due", "Needs attention: “Ask first” (overdue by 2 days).", "Show",
                    "Show what is due")
RATE = AttentionLine("checkin", "Rate your five levels once a week.", "Rate",
                     "Rate my levels now")
BACKUP = AttentionLine("backup", "This journal has no backup yet.", "Back up",
                       "Back up the journal now")


@pytest.fixture
def banner(qtbot) -> Iterator[AttentionBanner]:
    window = QWidget()
    layout = QVBoxLayout(window)
    banner = AttentionBanner(order=("due", "checkin", "backup"))
    layout.addWidget(banner)
    layout.addStretch(1)
    qtbot.addWidget(window)
    window.resize(700, 300)
    window.show()
    qtbot.waitExposed(window)
    yield banner  # the window (its parent) lives as long as the test


def test_lines_stack_in_one_bar_in_their_order_each_with_its_button(qtbot, banner: AttentionBanner):
    assert not banner.isVisible()
    banner.set_line(BACKUP)
    banner.set_line(DUE)
    banner.set_line(RATE)
    assert banner.isVisible()
    assert banner.kinds() == ["due", "checkin", "backup"]
    assert banner.text() == "\n".join(line.text for line in (DUE, RATE, BACKUP))
    assert banner.accessibleName() == "Reminders"
    assert banner.accessibleDescription() == banner.text()
    buttons = [banner.button(key) for key in banner.kinds()]
    assert [b.text() for b in buttons if b] == ["Show", "Rate", "Back up"]
    assert [b.accessibleName() for b in buttons if b] == [
        "Show what is due", "Rate my levels now", "Back up the journal now"]
    # Top to bottom, each button beside its own line, above the next one.
    def tops() -> list[int]:
        return [b.mapTo(banner, b.rect().topLeft()).y() for b in buttons if b]

    qtbot.waitUntil(lambda: len(set(tops())) == 3)  # once laid out
    assert tops() == sorted(tops())
    # One Dismiss for all, and only one icon.
    assert len([b for b in banner.findChildren(QPushButton) if b.text() == "Dismiss"]) == 1
    for button in [*buttons, banner.dismiss_button]:
        assert button is not None and button.objectName() and button.accessibleName()
        assert "&" not in button.text()  # no Alt letter: the sections own them


def test_a_new_line_of_a_kind_replaces_the_old(qtbot, banner: AttentionBanner):
    banner.set_line(DUE)
    banner.set_line(AttentionLine("due", "Needs attention: “Delegate”.", "Show", "Show"))
    assert banner.kinds() == ["due"]
    assert banner.line_text("due") == "Needs attention: “Delegate”."


def test_a_button_takes_its_line_away_and_says_which(qtbot, banner: AttentionBanner):
    banner.set_line(DUE)
    banner.set_line(RATE)
    button = banner.button("checkin")
    assert button is not None
    with qtbot.waitSignal(banner.action_requested) as asked:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked.args == ["checkin"]
    assert banner.kinds() == ["due"] and banner.isVisible()
    with qtbot.waitSignal(banner.action_requested) as asked:
        banner.button("due").click()  # type: ignore[union-attr]
    assert asked.args == ["due"]
    assert not banner.isVisible()  # nothing left to say


def test_dismiss_puts_every_line_away(qtbot, banner: AttentionBanner):
    for line in (DUE, RATE, BACKUP):
        banner.set_line(line)
    with qtbot.waitSignal(banner.dismissed):
        banner.dismiss_button.setFocus()
        qtbot.keyClick(banner.dismiss_button, " ")
    assert not banner.isVisible() and banner.text() == "" and banner.kinds() == []
    banner.set_line(DUE)
    with qtbot.waitSignal(banner.dismissed):
        qtbot.keyClick(banner, Qt.Key.Key_Escape)
    assert not banner.isVisible()


def test_clearing_for_the_lock_is_not_a_dismissal(qtbot, banner: AttentionBanner):
    banner.set_line(BACKUP)
    with qtbot.assertNotEmitted(banner.dismissed):
        banner.clear()
    assert not banner.isVisible()
