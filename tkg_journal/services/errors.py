"""The errors a user can cause, gathered so the CLI and UI catch them in one place."""

from tkg_journal.domain.errors import DomainError
from tkg_journal.security.errors import KeyAccessError
from tkg_journal.storage.errors import StorageError


class ImportFailed(DomainError):
    """An import file was refused as a whole; nothing from it was stored."""


class PassphraseRequired(KeyAccessError):
    """The journal is passphrase-protected and no passphrase was given."""


#: Catch these to show a message (not a traceback): they are the user's environment or
#: input, not bugs.
USER_ERRORS: tuple[type[Exception], ...] = (DomainError, KeyAccessError, StorageError)
