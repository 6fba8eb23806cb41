"""Slow backup work (a backup, a verification, a restore) on a pool thread: the generic
job is ``ui/common/background_job`` (the key dialogs use it too); what is the backups'
own is how a failure is put into words.

The work must not touch a widget, nor the journal's shared connection (``write_backup``
and ``restore`` open connections of their own).
"""

from __future__ import annotations

import sys
import traceback

from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.ui.common.background_job import BackgroundJob, Progress, Work

__all__ = ["BUG_TEXT", "BackgroundJob", "Progress", "Work", "error_text"]

BUG_TEXT = "TKG Journal hit an unexpected problem ({name}); nothing was changed"


def error_text(error: BaseException) -> str:
    """What to show of an error, to embed in a line ("The backup failed: <this>"): the
    user's own errors say what happened; of our bugs only the type (a bug's message could
    quote the user's writing), with the lines of our code on standard error for a bug
    report, as the app's exception hook does."""
    if isinstance(error, USER_ERRORS):
        return str(error)
    print(f"tkg-journal: unexpected {type(error).__name__} in a backup", file=sys.stderr)
    traceback.print_tb(error.__traceback__, file=sys.stderr)
    return BUG_TEXT.format(name=type(error).__name__)
