"""A secret on the clipboard: marked for clipboard managers to leave out of their history,
and taken off again after a while or when the widget that showed it goes; never what the
user copied since."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tkg_journal.ui.common import secret_clipboard
from tkg_journal.ui.common.secret_clipboard import SecretClipboard

SECRET = "7K3Q-M0ZD-AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"
WINDOWS_FORMAT = (
    'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"'
)


@pytest.fixture
def owner(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> int:
    """A short time on the clipboard, so a test can wait it out."""
    monkeypatch.setattr(secret_clipboard, "CLEAR_AFTER_MS", 100)
    return 100


def clipboard_text() -> str:
    return QGuiApplication.clipboard().text()


def test_the_copy_carries_the_hints_clipboard_managers_honour(owner: QWidget) -> None:
    SecretClipboard(owner).copy(SECRET)
    data = QGuiApplication.clipboard().mimeData()
    assert data is not None
    assert data.text() == SECRET
    assert set(data.formats()) >= {"text/plain", "x-kde-passwordManagerHint", WINDOWS_FORMAT}
    assert bytes(data.data("x-kde-passwordManagerHint").data()) == b"secret"
    assert len(bytes(data.data(WINDOWS_FORMAT).data())) == 4  # a DWORD


def test_it_is_taken_off_after_the_time_on_the_clipboard(
    qtbot: QtBot, owner: QWidget, quick: int
) -> None:
    holder = SecretClipboard(owner)
    with qtbot.waitSignal(holder.cleared, timeout=5_000) as cleared:
        holder.copy(SECRET)
        assert clipboard_text() == SECRET
    assert cleared.args == [True]
    assert clipboard_text() == "" and not holder.is_holding()


def test_the_time_is_45_seconds_by_default(owner: QWidget) -> None:
    holder = SecretClipboard(owner)
    holder.copy(SECRET)
    timer = holder.findChild(QTimer)
    assert timer is not None and timer.isActive() and timer.interval() == 45_000


def test_what_the_user_copied_since_is_left_alone(
    qtbot: QtBot, owner: QWidget, quick: int
) -> None:
    holder = SecretClipboard(owner)
    holder.copy(SECRET)
    QGuiApplication.clipboard().setText("the user's own words")
    with qtbot.waitSignal(holder.cleared, timeout=5_000) as cleared:
        pass
    assert cleared.args == [False]
    assert clipboard_text() == "the user's own words"
    owner.hide()
    assert clipboard_text() == "the user's own words"


def test_hiding_the_owner_takes_it_off(owner: QWidget) -> None:
    holder = SecretClipboard(owner)
    holder.copy(SECRET)
    owner.hide()
    assert clipboard_text() == ""
    assert not holder.is_holding()


def test_deleting_the_owner_takes_it_off(qtbot: QtBot) -> None:
    owner = QWidget()  # never shown: no hide event; only its deletion says it is gone
    # Kept, as the panel keeps it (PySide tells a Python slot of the deletion of an object
    # only while that object's Python side is alive).
    holder = SecretClipboard(owner)
    holder.copy(SECRET)
    assert clipboard_text() == SECRET
    shiboken6.delete(owner)
    assert clipboard_text() == ""
