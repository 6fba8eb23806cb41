"""Nothing typed is lost: drafts survive a crash, closing never drops writing, and a
failing disk keeps the text in the editor."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from tests.conftest import TEST_PASSPHRASE
from tkg_journal.app import build_main_window
from tkg_journal.domain.entries import EntryKind
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.journal import Journal
from tkg_journal.storage.errors import WriteFailed
from tkg_journal.ui.journal.draft_recovery_dialog import DraftRecoveryDialog

SECRET = "Quokka-draft-5521"


@pytest.fixture
def make_window(qtbot):
    """Build main windows; close them at the end without questions about leftovers.
    (Not qtbot.addWidget: pytest-qt closes those before fixtures are torn down.)"""
    made = []

    def make(paths: JournalPaths, journal: Journal):
        window = build_main_window(paths, journal)
        made.append(window)
        return window

    yield make
    for window in made:
        window.journal_view.autosave.stop()
        window.journal_view.editor.set_modified(False)
        window.close()
        window.deleteLater()


def type_into(qtbot, window: QWidget, name: str, text: str) -> None:
    widget = window.findChild(QWidget, name)
    widget.setFocus()
    qtbot.keyClicks(widget, text)  # new entries only: the fields are empty


def test_a_draft_written_before_a_crash_is_offered_back_and_saved(
        qtbot, make_window, journal_paths: JournalPaths, journal: Journal):
    window = make_window(journal_paths, journal)
    window.show()
    autosave = window.journal_view.autosave
    autosave._save_timer.setInterval(60_000)  # the crash comes before the entry is saved
    window.journal_view.new_entry(EntryKind.CONVERSATION)
    type_into(qtbot, window, "editorWho", "Dana")
    type_into(qtbot, window, "editorWhatHappened", SECRET)
    qtbot.waitUntil(lambda: autosave.draft_id is not None, timeout=3000)
    # The crash: no close, no save; the process would just be gone. Nothing of the
    # window's state survives except what is in the file.
    autosave.stop()
    window.hide()
    _assert_no_plaintext(journal_paths.data_dir.parent)  # data folder, HOME, XDG folders

    reopened = journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE)
    assert reopened.count_entries() == 0
    second = make_window(journal_paths, reopened)
    offered = []

    def restore_first(dialog: QWidget) -> int:
        assert isinstance(dialog, DraftRecoveryDialog)
        offered.append(dialog.model.index(0, 0).data())
        dialog.restore_selected()
        return 1

    second.run_dialog = restore_first
    second.offer_drafts()
    assert "Dana" in offered[0]
    editor = second.journal_view.editor
    assert editor.draft().what_happened == SECRET
    assert editor.is_modified()
    second.journal_view.save()
    [summary] = reopened.list_entries()
    assert reopened.get_entry(summary.id).conversation.what_happened == SECRET
    assert reopened.drafts() == []  # saved: the draft is gone in the same transaction
    second.close()
    reopened.close()


def _assert_no_plaintext(folder) -> None:
    """The draft is in the journal, so only encrypted bytes hold it (database, WAL...)."""
    marker = SECRET.encode()
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert marker not in data and SECRET.encode("utf-16-le") not in data, path


def test_a_discarded_draft_is_deleted(
        qtbot, make_window, journal_paths: JournalPaths, journal: Journal):
    from tkg_journal.domain.drafts import EntryDraft

    journal.save_draft(EntryDraft(kind=EntryKind.FREE, occurred_at=__import__(
        "datetime").datetime.now().astimezone(), body="half a thought"))
    window = make_window(journal_paths, journal)

    def discard(dialog: QWidget) -> int:
        dialog.discard_selected()
        return 0

    window.run_dialog = discard
    window.offer_drafts()
    assert journal.drafts() == []
    assert window.journal_view.editor.draft().body == ""


def test_closing_saves_a_valid_entry(
        qtbot, make_window, journal_paths: JournalPaths, journal: Journal):
    window = make_window(journal_paths, journal)
    window.show()
    window.journal_view.new_entry(EntryKind.REFLECTION)
    type_into(qtbot, window, "editorBody", "Closing thoughts")
    assert window.close()
    with journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE) as reopened:
        [summary] = reopened.list_entries()
        assert summary.first_line == "Closing thoughts"


@pytest.mark.parametrize(("choice", "drafts_left", "closed"), [
    ("Keep as draft", 1, True), ("Discard", 0, True), ("Cancel", None, False),
])
def test_closing_with_writing_that_cannot_be_saved_asks(
        qtbot, make_window, journal_paths: JournalPaths, journal: Journal, choice,
        drafts_left, closed):
    window = make_window(journal_paths, journal)
    window.show()
    window.journal_view.new_entry(EntryKind.REFLECTION)
    type_into(qtbot, window, "editorTags", "only-a-tag")  # not a valid entry yet

    def answer(box: QMessageBox) -> int:
        assert "could not be saved" in box.text()
        for button in box.buttons():
            if button.text().replace("&", "") == choice:
                button.click()
                return 0
        raise AssertionError(f"no {choice} button")

    window.run_dialog = answer
    assert window.close() is closed
    if closed:
        with journal_access.unlock(journal_paths, passphrase=TEST_PASSPHRASE) as reopened:
            assert len(reopened.drafts()) == drafts_left
            assert reopened.count_entries() == 0
    else:
        assert window.journal is not None
        window.journal_view.autosave.stop()


class FullDiskJournal(Journal):
    """The real journal, whose writes fail as on a full disk."""

    def save_entry(self, entry, *, draft_id=None):
        raise WriteFailed("the disk is full; nothing was written")

    def save_draft(self, draft, *, draft_id=None):
        raise WriteFailed("the disk is full; nothing was written")


def test_a_full_disk_shows_a_message_and_keeps_the_text(qtbot, make_window,
                                                        journal_paths: JournalPaths,
                                                        journal: Journal, monkeypatch):
    failing = FullDiskJournal(journal.db, journal_paths)
    window = make_window(journal_paths, failing)
    window.show()
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    window.journal_view.new_entry(EntryKind.CONVERSATION)
    type_into(qtbot, window, "editorWho", "Lee")
    window.journal_view.save()
    assert shown == ["the disk is full; nothing was written"]
    assert window.journal_view.editor.draft().who == "Lee"
    assert window.journal_view.editor.is_modified()
    assert window.save_status.text() == "Not saved"
    window.journal_view.autosave.stop()
