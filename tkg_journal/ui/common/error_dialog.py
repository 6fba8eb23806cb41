"""Errors shown as dialogs a person can act on; never a traceback on screen.

The user's errors (wrong passphrase, damaged file, full disk...) carry their own message.
Anything else is our bug: the dialog says so and that saved writing is safe; the details
go to standard error for a bug report (exception types and our code's lines, never the
user's text, which only reaches exception messages of the user's errors).
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from tkg_journal.services.errors import USER_ERRORS

BUG_TITLE = "Something went wrong"
BUG_TEXT = (
    "TKG Journal hit an unexpected problem ({name}). Everything saved so far is safe, and "
    "what you are typing is kept as an encrypted draft. If it happens again, please "
    "restart the app."
)


def show_error(parent: QWidget | None, error: BaseException, *, title: str = "TKG Journal"
               ) -> None:
    if isinstance(error, USER_ERRORS):
        QMessageBox.warning(parent, title, str(error))
    else:
        QMessageBox.critical(parent, BUG_TITLE, BUG_TEXT.format(name=type(error).__name__))


def install_exception_hook() -> None:
    """Route uncaught exceptions in Qt slots to a dialog instead of a dead app."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        # Type, file and line only: str(error) of a bug could quote the user's writing.
        print(f"tkg-journal: unexpected {kind.__name__}", file=sys.stderr)
        traceback.print_tb(tb, file=sys.stderr)
        show_error(QApplication.activeWindow(), error)

    sys.excepthook = hook
