"""The window's keys work from wherever the cursor is, and a dialog's advertised keys work
the moment it opens.

Offscreen, Qt uses the Windows key scheme, where a one-line field claims none of the
window's keys; on X11 desktops a QLineEdit claims Ctrl+E (end of line) for itself, which
is how "Turn entry into experiment" came to do nothing from the search field, Title, Who
or Tags. So each field here is also made to claim every key it is offered (``Claimer``),
the strictest a field can be: the window's keys must still win, and only those. Under a
real X server (``xvfb-run env QT_QPA_PLATFORM=xcb pytest …``) the fields claim Ctrl+E as
they do for the user, and the "as-is" cases check that too.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tests.gui.main_window_session import active_main_window
from tests.helpers import entry
from tkg_journal.domain.entries import EntryKind
from tkg_journal.domain.experiments import DidIt, Experiment
from tkg_journal.domain.levels import Level
from tkg_journal.paths import JournalPaths
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.ui.main_window import MainWindow

#: One field of each kind in the journal section, by objectName.
FIELDS = {
    "searchField": QLineEdit,
    "editorTitle": QLineEdit,
    "editorWho": QLineEdit,
    "editorTags": QLineEdit,
    "editorWhatHappened": QPlainTextEdit,
    "editorKind": QComboBox,
    "entryList": QAbstractItemView,
}
_MODIFIER_KEYS = {Qt.Key.Key_Control, Qt.Key.Key_Shift, Qt.Key.Key_Alt, Qt.Key.Key_Meta}


class Claimer(QObject):
    """Makes a widget claim every key offered to it before a shortcut (ShortcutOverride),
    and counts the key presses it then receives."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.presses: list[QKeySequence] = []
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            event.accept()
            return True
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() not in _MODIFIER_KEYS):
            self.presses.append(QKeySequence(event.keyCombination()))
        return False


def _experiment(service: Experiments, title: str) -> Experiment:
    made = service.create(Experiment(
        title=title, level=Level.FOUNDATION, trigger="a pointed question",
        old_behaviour="answer at once", new_response="ask a question first",
        start_date=date.today()))
    assert made.id is not None
    return service.start(made.id)


@pytest.fixture
def window(qtbot, journal_paths: JournalPaths, journal: Journal) -> Iterator[MainWindow]:
    journal.add_entry(entry(kind=EntryKind.CONVERSATION, title="Budget talk",
                            level=Level.GROWTH, body="Raised my voice"))
    with active_main_window(qtbot, journal_paths, journal) as main:
        yield main


def _keyed_actions(main: MainWindow) -> dict[str, QAction]:
    return {a.objectName(): a for a in main.actions() if not a.shortcut().isEmpty()}


def _record_triggers(actions: dict[str, QAction]) -> list[str]:
    """Each action only records that it ran (its real slot would open dialogs, lock,
    quit): what is tested is that the key reaches the action."""
    ran: list[str] = []
    for name, action in actions.items():
        action.triggered.disconnect()
        action.triggered.connect(lambda _checked=False, name=name: ran.append(name))
    return ran


def _press(qtbot, keys: QKeySequence) -> None:
    combination = keys[0]
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, combination.key(), combination.keyboardModifiers())


def _focus(qtbot, main: MainWindow, name: str) -> QWidget:
    widget = main.findChild(QWidget, name)
    assert isinstance(widget, FIELDS[name]), name
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    return widget


@pytest.mark.parametrize("claimed", [False, True], ids=["as-is", "field-claims-keys"])
@pytest.mark.parametrize("name", list(FIELDS))
def test_every_window_key_works_from_every_kind_of_field(
    qtbot, window: MainWindow, name: str, claimed: bool
):
    window.journal_view.new_entry(EntryKind.CONVERSATION)  # Who and What happened show
    actions = _keyed_actions(window)
    assert {"actionEntryToExperiment", "actionLogAttempt", "actionLock"} <= set(actions)
    ran = _record_triggers(actions)
    widget = _focus(qtbot, window, name)
    claimer = Claimer(widget) if claimed else None
    missed = []
    for action_name, action in actions.items():
        ran.clear()
        _press(qtbot, action.shortcut())
        if ran != [action_name]:
            missed.append(f"{action.shortcut().toString()} ({action_name}): ran {ran}")
        widget.setFocus(Qt.FocusReason.OtherFocusReason)  # "go to list" moves it, say
    assert not missed, f"from {name}: " + "; ".join(missed)
    if claimer is not None:
        assert claimer.presses == []  # none of the window's keys reached the field


def test_other_keys_stay_the_fields(qtbot, window: MainWindow):
    ran = _record_triggers(_keyed_actions(window))
    title = _focus(qtbot, window, "editorTitle")
    claimer = Claimer(title)
    _press(qtbot, QKeySequence("Ctrl+K"))  # not a window key: the field's to use
    assert claimer.presses == [QKeySequence("Ctrl+K")]
    assert ran == []


def test_a_modal_dialogs_fields_keep_their_keys(qtbot, window: MainWindow):
    ran = _record_triggers(_keyed_actions(window))
    dialog = QDialog(window)
    qtbot.addWidget(dialog)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    dialog.setModal(True)
    dialog.show()
    qtbot.waitExposed(dialog)
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    claimer = Claimer(field)
    _press(qtbot, QKeySequence("Ctrl+E"))
    assert claimer.presses == [QKeySequence("Ctrl+E")]
    assert ran == []
    dialog.reject()


def test_app_wide_keys_work_from_a_quick_capture_field(qtbot, window: MainWindow):
    actions = _keyed_actions(window)
    capture = window.quick_capture()
    assert capture is not None
    ran = _record_triggers(actions)
    qtbot.waitExposed(capture)
    capture.activateWindow()
    qtbot.waitUntil(capture.isActiveWindow)
    who = capture.findChild(QLineEdit, "editorWho")
    assert who is not None
    who.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is who)
    Claimer(who)
    _press(qtbot, QKeySequence("Ctrl+L"))
    _press(qtbot, QKeySequence("Ctrl+E"))  # the main window's own: not from here
    assert ran == ["actionLock"]
    capture.editor.set_modified(False)
    capture.close()


# --- Log attempt: Ctrl+Shift+A, Y, Enter ---------------------------------------------------


def test_logs_an_attempt_with_ctrl_shift_a_y_enter(qtbot, window: MainWindow):
    service = Experiments(window.journal)
    _experiment(service, "Pause before answering")
    newest = _experiment(service, "Ask before telling")  # the picker's first
    window.experiments_section.refresh()
    _focus(qtbot, window, "searchField")
    opened: list[QDialog] = []

    def run(dialog: QDialog) -> int:
        # The dialog's real modal loop, driven from inside it by key presses only.
        opened.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        _press(qtbot, QKeySequence("Y"))
        _press(qtbot, QKeySequence("Return"))
        qtbot.waitUntil(lambda: not dialog.isVisible())
        return dialog.result()

    window.run_dialog = run  # type: ignore[method-assign]
    _press(qtbot, QKeySequence("Ctrl+Shift+A"))
    assert len(opened) == 1
    [attempt] = service.attempts(newest.id or 0)
    assert attempt.did_it is DidIt.YES
    assert window.save_status.text() == "Attempt logged"


def test_ctrl_shift_a_over_a_chosen_experiment_waits_on_did_it(qtbot, window: MainWindow):
    service = Experiments(window.journal)
    _experiment(service, "Pause before answering")
    second = _experiment(service, "Ask before telling")
    assert second.id is not None
    window.show_section(1)
    window.experiments_section.refresh()
    window.experiments_section.experiments.select_experiment(second.id)
    seen: list[tuple[str, str]] = []

    def run(dialog: QDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        focused = dialog.focusWidget()
        seen.append((focused.objectName() if focused else "", dialog.experiment_combo
                     .currentText()))
        _press_in(qtbot, dialog, Qt.Key.Key_P)
        _press_in(qtbot, dialog, Qt.Key.Key_Return)
        return dialog.result()

    window.run_dialog = run  # type: ignore[method-assign]
    window.log_attempt_action.trigger()
    assert seen == [("attemptDidYes", "1 Foundation · Ask before telling")]
    [attempt] = service.attempts(second.id)
    assert attempt.did_it is DidIt.PARTIAL


def _press_in(qtbot, dialog: QWidget, key: Qt.Key) -> None:
    qtbot.keyClick(dialog.focusWidget() or dialog, key)
