"""The tag field: what a user sees when typing tags and taking a completion."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tkg_journal.ui.journal import entry_texts
from tkg_journal.ui.journal.tag_edit import TagEdit

# The offscreen platform cannot raise or grab for the completion popup; it says so.
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")


@pytest.fixture
def tag_edit(qtbot: QtBot) -> Iterator[TagEdit]:
    """A tag field with a neighbour (so a Tab that leaves the field would be seen)."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    edit = TagEdit(window)
    edit.setObjectName("tags")
    layout.addWidget(edit)
    layout.addWidget(QLineEdit(window))
    edit.set_suggestions(["focus", "feedback", "team", "Sam"])
    window.show()
    qtbot.waitExposed(window)
    edit.setFocus()
    yield edit  # the window stays alive (and owns the field) until the test ends


def _completions(edit: TagEdit) -> list[str]:
    model = edit.tag_completer().completionModel()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_completion_replaces_only_the_last_tag(qtbot: QtBot, tag_edit: TagEdit) -> None:
    qtbot.keyClicks(tag_edit, "team, fo")
    popup = tag_edit.tag_completer().popup()
    assert popup.isVisible()
    assert _completions(tag_edit) == ["focus"]

    qtbot.keyClick(popup, Qt.Key.Key_Return)

    assert tag_edit.text() == "team, focus, "
    assert not popup.isVisible()
    assert tag_edit.tags() == ("team", "focus")


def test_tab_takes_the_completion_and_stays_in_the_field(qtbot: QtBot, tag_edit: TagEdit) -> None:
    qtbot.keyClicks(tag_edit, "fe")
    qtbot.keyClick(tag_edit.tag_completer().popup(), Qt.Key.Key_Tab)
    assert tag_edit.text() == "feedback, "
    assert tag_edit.hasFocus()


def test_completion_ignores_case_and_keeps_most_used_first(qtbot: QtBot, tag_edit: TagEdit) -> None:
    qtbot.keyClicks(tag_edit, "F")
    assert _completions(tag_edit) == ["focus", "feedback"]
    tag_edit.clear()
    qtbot.keyClicks(tag_edit, "s")
    assert _completions(tag_edit) == ["Sam"]


def test_tags_already_in_the_field_are_not_offered_again(qtbot: QtBot, tag_edit: TagEdit) -> None:
    qtbot.keyClicks(tag_edit, "Focus, f")
    assert _completions(tag_edit) == ["feedback"]


def test_accepting_a_completion_is_an_edit_that_can_be_undone(
    qtbot: QtBot, tag_edit: TagEdit
) -> None:
    qtbot.keyClicks(tag_edit, "team, fo")
    with qtbot.waitSignal(tag_edit.textEdited, timeout=1000):
        qtbot.keyClick(tag_edit.tag_completer().popup(), Qt.Key.Key_Return)
    tag_edit.undo()
    assert tag_edit.text() == "team, fo"


def test_no_popup_for_an_empty_token_or_without_suggestions(
    qtbot: QtBot, tag_edit: TagEdit
) -> None:
    qtbot.keyClicks(tag_edit, "team, ")
    assert not tag_edit.tag_completer().popup().isVisible()
    tag_edit.set_suggestions([])
    qtbot.keyClicks(tag_edit, "fo")
    assert not tag_edit.tag_completer().popup().isVisible()


def test_tags_are_trimmed_deduplicated_and_in_order(tag_edit: TagEdit) -> None:
    tag_edit.setText(" Team ,team, ,focus,, Sam ,FOCUS ")
    assert tag_edit.tags() == ("Team", "focus", "Sam")


def test_set_tags_shows_them_without_an_edit(qtbot: QtBot, tag_edit: TagEdit) -> None:
    with qtbot.assertNotEmitted(tag_edit.textEdited):
        tag_edit.set_tags(("budget", "sam"))
    assert tag_edit.text() == "budget, sam"
    assert tag_edit.tags() == ("budget", "sam")


def test_placeholder_explains_the_format(tag_edit: TagEdit) -> None:
    assert (
        tag_edit.placeholderText() == entry_texts.TAGS_PLACEHOLDER == ("Tags, separated by commas")
    )
