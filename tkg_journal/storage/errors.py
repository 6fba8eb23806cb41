"""Storage errors a user can meet, each with a message that says what happened and what to do.

These are the "known" errors of the user's environment (as in qutebrowser's
``misc/sql.py``): the UI and CLI show them as messages. Anything else is our bug.
"""


class StorageError(Exception):
    """Base class; ``str()`` is the user-facing message."""


class JournalNotFound(StorageError):
    pass


class JournalExists(StorageError):
    pass


class NotAJournal(StorageError):
    """The file is not an encrypted TKG journal (plain SQLite, another format, empty)."""


class JournalDamaged(StorageError):
    """The file is a journal but cannot be read: corrupted, truncated or tampered with."""


class JournalMismatch(StorageError):
    """The key unlocks a different journal than the one in this folder."""


class NewerJournal(StorageError):
    """The journal was written by a newer version of the app."""


class JournalBusy(StorageError):
    """Another program holds the journal locked for longer than we wait."""


class WriteFailed(StorageError):
    """The disk is full, the folder is read-only, or the OS refused the write."""


class NotFound(StorageError):
    """A record the user named (by id) does not exist."""
