"""What locking does to the windows around the main one, and what unlocking gives back.

Locking closes every window that could show the journal: the registered ones (dialogs
with input, quick captures) after their input is kept as window drafts, then everything
else still on screen (message boxes, the shortcuts list, a file chooser, a menu, a
tooltip), innermost modal first, so each modal loop ends before the one below it.
Unlocking opens the registered windows again, one after another, each with its draft.
How to open each kind of window again is the shell's: :func:`reopeners`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication, QToolTip, QWhatsThis, QWidget

from tkg_journal.domain.drafts import EntryDraft
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.journal import Journal
from tkg_journal.ui.common.unsaved_input import UnsavedInput, close_window
from tkg_journal.ui.journal.draft_recovery_dialog import DraftRecoveryDialog

if TYPE_CHECKING:
    from tkg_journal.ui.main_window import MainWindow

Reopen = Callable[[Mapping[str, Any]], object]

# More modal windows than anyone stacks: a window that will not close cannot loop forever.
_MOST_MODAL_WINDOWS = 50


def hide_journal_windows(main: QWidget, spare: QWidget | None = None) -> None:
    """Close every window but ``main`` (and ``spare``: the dialog that asked for the lock,
    e.g. a restore that needs the journal closed)."""
    QToolTip.hideText()
    QWhatsThis.hideText()
    for _ in range(_MOST_MODAL_WINDOWS):
        modal = QApplication.activeModalWidget()
        if modal is None or modal is spare or modal is main:
            break
        close_window(modal)
    for window in QApplication.topLevelWidgets():
        if window is main or window is spare or not window.isVisible():
            continue
        close_window(window)


def offer_back_after_unlock(window: MainWindow) -> None:
    """Offer back what was not saved: the editor's drafts (left by a crash, or by a lock
    of writing that could not be saved yet) first, then the windows the lock closed."""
    journal = window.journal
    if journal is None:
        return
    try:
        drafts = journal.drafts()
        if drafts:
            _offer_entry_drafts(window, drafts)
        journal = window.journal
        if journal is not None:
            offer_back(journal, window.unsaved, window.reopen,
                       lambda: window.journal is not None)
    except USER_ERRORS as error:
        window.show_error(error)


def _offer_entry_drafts(window: MainWindow, drafts: list[tuple[int, EntryDraft]]) -> None:
    dialog = DraftRecoveryDialog(drafts, window)
    window.run_dialog(dialog)
    journal = window.journal
    if journal is None:  # locked while the offer was open: offered again next time
        return
    for draft_id in dialog.discarded:
        journal.discard_draft(draft_id)
    if dialog.chosen is not None:
        window.show_section(0)
        window.journal_view.restore_draft(*dialog.chosen)


def offer_back(journal: Journal, unsaved: UnsavedInput, reopen: Mapping[str, Reopen],
               is_open: Callable[[], bool]) -> None:
    """Open again, in order, the windows the last lock (or quit) closed with input in
    them. Modal ones run one after the other; a lock in between stops the round (their
    drafts stay for the next unlock)."""
    drafts = journal.window_drafts()
    unsaved.expect(drafts)
    for draft_id, draft in drafts:
        if not is_open():
            return
        if all(pending_id != draft_id for pending_id, _draft in unsaved.pending()):
            continue  # already given to a window
        opener = reopen.get(draft.window)
        if opener is not None:  # else a newer version's window: its draft waits for it
            opener(draft.context)


def reopeners(window: MainWindow) -> dict[str, Reopen]:
    """How the shell opens each kind of registered window again, from its context."""

    def experiment(context: Mapping[str, Any]) -> None:
        experiments = window.experiments_section.experiments
        if isinstance(context.get("commitment_id"), int):
            window.commitment_to_experiment(context["commitment_id"])
        elif isinstance(context.get("entry_id"), int):
            window.experiment_from_entry(context["entry_id"])
        elif isinstance(context.get("experiment_id"), int):
            window.show_section(1)
            experiments.edit_experiment(context["experiment_id"])
        else:
            window.new_experiment()

    def close_experiment(context: Mapping[str, Any]) -> None:
        if isinstance(context.get("experiment_id"), int) and isinstance(context.get("mode"), str):
            window.show_section(1)
            window.experiments_section.experiments.close_experiment(
                context["experiment_id"], context["mode"])

    def coach_session(context: Mapping[str, Any]) -> None:
        session_id = context.get("session_id")
        window.show_section(3)
        window.coach_sessions_view.reopen(session_id if isinstance(session_id, int) else None)
        window.unsaved.give_back(window.coach_sessions_view)

    def attempt(context: Mapping[str, Any]) -> None:
        experiment_id = context.get("experiment_id")
        window.log_attempt(experiment_id if isinstance(experiment_id, int) else None)

    found: dict[str, Reopen] = {
        "attempt": attempt,
        "experiment": experiment,
        "close_experiment": close_experiment,
        "checkin": lambda _context: window.rate_levels(),
        "export": lambda _context: window.export_summary(),
        "friction_catalogue": lambda _context: window.friction_catalogue(),
        "quick_capture": lambda _context: window.quick_capture(),
        "coach_session": coach_session,
    }
    return {kind: report_errors(window, opener) for kind, opener in found.items()}


def report_errors(window: MainWindow, opener: Reopen) -> Reopen:
    """``opener`` with a user error (a draft's experiment since deleted) shown, not raised."""

    def guarded(context: Mapping[str, Any]) -> None:
        try:
            opener(context)
        except USER_ERRORS as error:
            window.show_error(error)

    return guarded
