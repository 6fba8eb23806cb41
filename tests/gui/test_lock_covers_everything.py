"""Locking means locked: every window that shows the journal closes, nothing typed is lost.

Each dialog runs its real modal loop here (``exec``), as in the app: the test acts from
inside it (a timer finds the modal dialog), types, and locks, as the idle timer would.
After unlocking, the dialog opens again by itself with what was typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from tests.conftest import TEST_PASSPHRASE
from tests.helpers import entry
from tkg_journal.app import build_main_window
from tkg_journal.domain.coach_sessions import CoachSession, Commitment
from tkg_journal.domain.drafts import EntryDraft
from tkg_journal.domain.entries import EntryKind
from tkg_journal.domain.experiments import Experiment
from tkg_journal.domain.levels import Level
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.ui.journal.quick_capture_window import QuickCaptureWindow
from tkg_journal.ui.main_window import MainWindow

SECRET = "Told Dana her project is at risk — ŝecret 🙂"


@pytest.fixture(autouse=True)
def no_unexpected_message_boxes() -> None:
    """Message boxes run for real here: each test closes them by locking, from inside."""


@pytest.fixture
def journal_with_everything(journal: Journal) -> Journal:
    """One entry, one active experiment, one coach session with a commitment."""
    journal.add_entry(entry(kind=EntryKind.CONVERSATION, title="Budget talk", level=Level.GROWTH,
                            body="Raised my voice"))
    experiments = Experiments(journal)
    made = experiments.create(Experiment(
        title="Pause before answering", level=Level.FOUNDATION, trigger="a pointed question",
        old_behaviour="answer at once", new_response="breathe, then ask a question",
        start_date=date.today()))
    assert made.id is not None
    experiments.start(made.id)
    CoachSessions(journal).record(CoachSession(
        held_on=date.today(), topics="Delegation",
        commitments=(Commitment("Ask before telling"),)))
    return journal


@pytest.fixture
def desk(qtbot, journal_paths: JournalPaths, journal_with_everything: Journal
         ) -> Iterator[MainWindow]:
    main = build_main_window(journal_paths, journal_with_everything)
    main._unlocker = lambda parent: journal_access.unlock(journal_paths,
                                                          passphrase=TEST_PASSPHRASE)
    main.show()
    qtbot.waitExposed(main)
    yield main
    QTimer.singleShot(0, lambda: None)
    main.journal_view.autosave.stop()
    main.journal_view.editor.set_modified(False)
    if main.journal is not None:
        main.lock()  # closes whatever a failed test left open, keeping nothing important
    main.close()
    main.deleteLater()


def inside_next_dialog(act: Callable[[QDialog], None]) -> list[QDialog]:
    """Run ``act`` on the next modal dialog, from inside its modal loop."""
    seen: list[QDialog] = []

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, QDialog) or modal in seen:
            QTimer.singleShot(10, poll)
            return
        seen.append(modal)
        act(modal)

    QTimer.singleShot(0, poll)
    return seen


def journal_windows(main: MainWindow) -> list[QWidget]:
    """Top-level windows on screen besides the main window."""
    return [w for w in QApplication.topLevelWidgets()
            if w.isVisible() and w is not main and w.isWindow()]


def write(dialog: QWidget, name: str, text: str) -> None:
    field = dialog.findChild(QWidget, name)
    assert isinstance(field, QLineEdit | QPlainTextEdit), name
    if isinstance(field, QLineEdit):
        field.setText(text)
    else:
        field.setPlainText(text)


def read(dialog: QWidget, name: str) -> str:
    field = dialog.findChild(QWidget, name)
    assert isinstance(field, QLineEdit | QPlainTextEdit), name
    return field.text() if isinstance(field, QLineEdit) else field.toPlainText()


def unlock_and_see(qtbot, main: MainWindow, name: str) -> str:
    """Unlock; the dialog comes back by itself: what its field ``name`` holds."""
    found: list[str] = []

    def look(dialog: QDialog) -> None:
        found.append(read(dialog, name))
        dialog.reject()  # the user cancels: the draft is done with

    inside_next_dialog(look)
    with qtbot.waitSignal(main.unlocked):
        main.unlock()
    qtbot.waitUntil(lambda: bool(found), timeout=10_000)
    return found[0]


def ids(main: MainWindow) -> tuple[int, int, int]:
    journal = main.journal
    assert journal is not None
    [experiment] = Experiments(journal).active()
    [session] = CoachSessions(journal).sessions()
    [summary] = journal.list_entries()
    assert experiment.id is not None and session.id is not None
    return experiment.id, session.commitments[0].id or 0, summary.id


# Each dialog with input: how it opens, the field typed into.
DIALOGS: dict[str, tuple[Callable[[MainWindow], object], str]] = {
    "log attempt": (lambda m: m.log_attempt(ids(m)[0]), "attemptNote"),
    "new experiment": (lambda m: m.new_experiment(), "experimentTitle"),
    "edit experiment": (
        lambda m: (m.show_section(1), m.experiments_section.experiments.edit_experiment(
            ids(m)[0])), "experimentPrediction"),
    "experiment from an entry": (lambda m: m.experiment_from_entry(ids(m)[2]),
                                 "experimentSuccess"),
    "experiment from a commitment": (lambda m: m.commitment_to_experiment(ids(m)[1]),
                                     "experimentTrigger"),
    "complete experiment": (
        lambda m: (m.show_section(1), m.experiments_section.experiments.close_experiment(
            ids(m)[0], "complete")), "closeExperimentLearning"),
    "rate my levels": (lambda m: m.rate_levels(), "checkinNote"),
    "export summary": (lambda m: m.export_summary(), "exportQuestions"),
    "friction catalogue": (lambda m: m.friction_catalogue(), "frictionNewName"),
}


@pytest.mark.parametrize("which", list(DIALOGS))
def test_a_dialog_closes_on_lock_and_comes_back_with_its_text(qtbot, desk: MainWindow,
                                                               which: str):
    open_it, name = DIALOGS[which]
    hidden: list[list[QWidget]] = []

    def type_and_lock(dialog: QDialog) -> None:
        write(dialog, name, SECRET)
        desk.lock()  # as the idle timer does, while the dialog is open
        hidden.append(journal_windows(desk))

    seen = inside_next_dialog(type_and_lock)
    open_it(desk)  # returns once the lock has closed the dialog
    assert seen, "the dialog did not open"
    assert hidden == [[]], "a window with journal content stayed on screen"
    assert desk.journal is None
    assert unlock_and_see(qtbot, desk, name) == SECRET
    # Cancelled by the user after unlocking: its draft is gone, nothing comes back again.
    assert desk.journal is not None
    assert desk.journal.window_drafts() == []


def test_saving_a_dialog_reopened_after_the_lock_stores_what_was_typed(qtbot, desk: MainWindow):
    experiment_id = ids(desk)[0]

    def type_and_lock(dialog: QDialog) -> None:
        write(dialog, "attemptSituation", SECRET)
        desk.lock()

    inside_next_dialog(type_and_lock)
    desk.log_attempt(experiment_id)

    def save(dialog: QDialog) -> None:
        assert read(dialog, "attemptSituation") == SECRET
        dialog.findChild(QWidget, "attemptDidYes").click()
        dialog.findChild(QWidget, "attemptLog").click()

    inside_next_dialog(save)
    with qtbot.waitSignal(desk.unlocked):
        desk.unlock()
    journal = desk.journal
    assert journal is not None
    qtbot.waitUntil(lambda: bool(Experiments(journal).attempts(experiment_id)), timeout=10_000)
    [attempt] = Experiments(journal).attempts(experiment_id)
    assert attempt.situation == SECRET
    assert journal.window_drafts() == []


def test_the_text_of_a_locked_dialog_is_kept_encrypted_not_in_the_clear(
        qtbot, desk: MainWindow, journal_paths: JournalPaths):
    inside_next_dialog(lambda d: (write(d, "checkinNote", SECRET), desk.lock()))
    desk.rate_levels()
    with journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE) as reopened:
        [(_id, kept)] = reopened.window_drafts()
        assert kept.window == "checkin"
        assert kept.fields["checkinNote"] == SECRET
    needle = b"Told Dana"
    for path in journal_paths.data_dir.rglob("*"):
        if path.is_file():
            assert needle not in path.read_bytes(), path


def test_a_lock_while_a_message_box_is_open_over_a_dialog_closes_both(qtbot, desk: MainWindow):
    def type_then_ask(dialog: QDialog) -> None:
        write(dialog, "experimentTitle", SECRET)
        inside_next_dialog(lambda _box: desk.lock())
        QMessageBox(QMessageBox.Icon.Question, "Question", "Keep going?",
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    dialog).exec()

    inside_next_dialog(type_then_ask)
    desk.new_experiment()
    assert desk.journal is None
    assert journal_windows(desk) == []
    assert unlock_and_see(qtbot, desk, "experimentTitle") == SECRET


def test_a_lock_while_the_draft_offer_is_open_does_not_crash_and_offers_it_again(
        qtbot, desk: MainWindow):
    journal = desk.journal
    assert journal is not None
    journal.save_draft(EntryDraft(kind=EntryKind.CONVERSATION,
                                  occurred_at=entry().occurred_at, who=SECRET))
    inside_next_dialog(lambda _offer: desk.lock())
    desk.offer_drafts()
    assert desk.journal is None
    assert journal_windows(desk) == []
    offered: list[str] = []
    inside_next_dialog(lambda offer: (offered.append(offer.objectName()), offer.reject()))
    with qtbot.waitSignal(desk.unlocked):
        desk.unlock()
    qtbot.waitUntil(lambda: bool(offered), timeout=10_000)
    assert desk.journal is not None
    [(_id, draft)] = desk.journal.drafts()  # "Later": still there
    assert draft.who == SECRET


def test_a_quick_capture_closes_on_lock_and_reopens_with_its_writing(qtbot, desk: MainWindow):
    capture = desk.quick_capture()
    assert capture is not None
    write(capture, "editorWho", SECRET)
    desk.lock()
    assert journal_windows(desk) == []
    with qtbot.waitSignal(desk.unlocked):
        desk.unlock()

    def reopened() -> list[QuickCaptureWindow]:
        return [w for w in desk.unsaved.windows() if isinstance(w, QuickCaptureWindow)]

    qtbot.waitUntil(lambda: bool(reopened()), timeout=10_000)
    [again] = reopened()
    assert again.isVisible()
    assert read(again, "editorWho") == SECRET
    assert again.editor.is_modified()  # unsaved: closing it asks, as before the lock
    again.editor.set_modified(False)
    again.close()


def test_a_coach_session_that_cannot_be_saved_does_not_block_the_lock(qtbot, desk: MainWindow):
    desk.show_section(3)
    view = desk.coach_sessions_view
    view.new_session()
    write(view.editor, "sessionNotes", SECRET)
    # A commitment with a due date but no words yet: the session cannot be saved.
    view.editor.commitments.set_typed_rows([{"text": "", "due": "2030-01-15"}])
    assert view.is_modified()
    assert not view.flush()
    desk.lock()
    assert desk.journal is None  # locked, not refused
    assert read(view.editor, "sessionNotes") == ""  # nothing left in the emptied section
    with qtbot.waitSignal(desk.unlocked):
        desk.unlock()
    qtbot.waitUntil(lambda: read(view.editor, "sessionNotes") == SECRET, timeout=10_000)
    assert desk.sections.currentWidget() is view
    assert view.is_modified()
    [row] = view.editor.commitments.typed_rows()
    assert row["due"] == "2030-01-15"
    assert desk.journal is not None and desk.journal.window_drafts() == []
    view.editor.drop_edits()


def test_passphrases_typed_in_a_dialog_are_never_kept(qtbot, desk: MainWindow,
                                                      journal_paths: JournalPaths):
    def type_and_lock(dialog: QDialog) -> None:
        for field in dialog.findChildren(QLineEdit):
            field.setText(SECRET)
        desk.lock()

    inside_next_dialog(type_and_lock)
    desk.change_passphrase()
    assert journal_windows(desk) == []
    with journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE) as reopened:
        assert reopened.window_drafts() == []


OTHER_WINDOWS: dict[str, Callable[[MainWindow], object]] = {
    "preferences": lambda m: m.preferences(),
    "shortcuts": lambda m: m.show_shortcuts(),
    "about": lambda m: m.about(),
    "new recovery key": lambda m: m.new_recovery_key(),
    "re-encrypt": lambda m: m.reencrypt(),
    "restore": lambda m: m.restore_backup(),
    "an error": lambda m: m.show_error_text(SECRET),
}


@pytest.mark.parametrize("which", list(OTHER_WINDOWS))
def test_every_other_window_closes_on_lock(qtbot, desk: MainWindow, which: str):
    after: list[list[QWidget]] = []
    seen = inside_next_dialog(lambda _dialog: (desk.lock(), after.append(journal_windows(desk))))
    OTHER_WINDOWS[which](desk)
    assert seen
    assert after == [[]]
    assert desk.journal is None
    assert desk.stack.currentWidget() is desk.lock_view


def test_a_file_chooser_over_the_export_dialog_closes_with_it(qtbot, desk: MainWindow):
    """Two modal loops deep (the export dialog, then its Choose… file dialog): both end."""
    def choose(export: QDialog) -> None:
        write(export, "exportQuestions", SECRET)
        inside_next_dialog(lambda _chooser: desk.lock())
        export.findChild(QWidget, "exportChoose").click()

    seen = inside_next_dialog(choose)
    desk.export_summary()
    assert len(seen) == 1
    assert desk.journal is None
    assert journal_windows(desk) == []
    assert unlock_and_see(qtbot, desk, "exportQuestions") == SECRET


def test_the_delete_question_naming_an_entry_closes_and_the_entry_stays(
        qtbot, desk: MainWindow, journal_paths: JournalPaths):
    desk.show_section(0)
    desk.journal_view.open_entry(ids(desk)[2])
    inside_next_dialog(lambda _question: desk.lock())
    desk.delete_action.trigger()
    assert desk.journal is None
    assert journal_windows(desk) == []
    with journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE) as reopened:
        assert reopened.count_entries() == 1  # closing the question is not "Delete"



def test_a_tooltip_showing_journal_text_goes_with_the_lock(qtbot, desk: MainWindow):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QToolTip

    QToolTip.showText(desk.mapToGlobal(QPoint(40, 40)), SECRET, desk)
    qtbot.waitUntil(QToolTip.isVisible)
    desk.lock()
    assert not QToolTip.isVisible()


def test_quitting_keeps_a_quick_capture_for_the_next_start(qtbot, desk: MainWindow,
                                                           journal_paths: JournalPaths):
    """Quit goes through the same registry: the window closes without a question and
    opens again, with its writing, after the next start's unlock."""
    capture = desk.quick_capture()
    assert capture is not None
    write(capture, "editorWhatHappened", SECRET)
    assert desk.close()
    assert journal_windows(desk) == []
    again = build_main_window(journal_paths, journal_access.unlock(
        journal_paths, passphrase=TEST_PASSPHRASE))
    again.show()
    again.offer_drafts()
    [reopened] = [w for w in again.unsaved.windows() if isinstance(w, QuickCaptureWindow)]
    assert read(reopened, "editorWhatHappened") == SECRET
    reopened.editor.set_modified(False)
    reopened.close()
    again.journal_view.autosave.stop()
    again.close()
    again.deleteLater()
