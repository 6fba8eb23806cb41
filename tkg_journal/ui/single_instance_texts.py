"""What the app says when its journal folder is already open in another window. One
place, so the wording stays consistent and is easy to review."""

from __future__ import annotations

from tkg_journal import APP_NAME

# The holder could not be reached: a message box (the person may not see a terminal).
IN_USE_TITLE = "Journal already open"
IN_USE_TEXT = "This journal is open in another " + APP_NAME + " window (pid {pid} on {host})."
IN_USE_DETAIL = (
    "Switch to that window to keep writing. If it no longer responds, end that program; "
    "then start " + APP_NAME + " again and it opens the journal as usual."
)

# One line on standard error for whoever started the second app from a terminal or script.
BROUGHT_FORWARD_NOTE = (
    "tkg-journal: this journal is already open in another window (pid {pid}); "
    "brought that window to the front"
)
IN_USE_NOTE = "tkg-journal: " + IN_USE_TEXT
NOT_LOCKABLE_NOTE = (
    "tkg-journal: could not lock {folder} ({reason}); opening it anyway, but drafts left "
    "by a crash are only offered once the folder can be locked"
)
