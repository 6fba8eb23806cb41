"""Key errors, each with a message the user can act on."""


class KeyAccessError(Exception):
    """Base for every reason a journal's key could not be had; ``str()`` is user-facing."""


class WrongPassphrase(KeyAccessError):
    """The passphrase does not unlock the key file's passphrase slot.

    ``unsure``: the slot is from a key file written before slots carried an integrity
    check, so a damaged slot cannot be told from a wrong passphrase; the message says so.
    """

    def __init__(self, *, unsure: bool = False) -> None:
        message = "wrong passphrase: it does not unlock this journal"
        if unsure:
            message += (
                " (if you are sure it is right, the key file may be damaged: "
                "unlock with the recovery key instead)"
            )
        super().__init__(message)


class WrongRecoveryKey(KeyAccessError):
    """The recovery key does not unlock the key file's recovery slot (see ``unsure``)."""

    def __init__(self, *, unsure: bool = False) -> None:
        message = "wrong recovery key: it does not unlock this journal"
        if unsure:
            message += (
                " (if you are sure it is right, the key file may be damaged: unlock with "
                "the passphrase or the keyring instead)"
            )
        super().__init__(message)


class KeyringUnavailable(KeyAccessError):
    """No usable OS keyring on this machine (or it refused to answer)."""


class KeyringEntryMissing(KeyAccessError):
    """The keyring works but holds no key for this journal."""


class KeyFileError(KeyAccessError):
    """The key file is missing, unreadable, damaged or from an unknown version."""


class DamagedKeySlot(KeyFileError):
    """The key file reads, but one slot fails its integrity check: no secret can open it.

    ``slot`` is its name (``passphrase``, ``recovery``); the other slot may still work."""

    def __init__(self, message: str, *, slot: str) -> None:
        super().__init__(message)
        self.slot = slot


class MissingKeySlot(KeyFileError):
    """The key file has no slot for the way of unlocking that was tried."""

    def __init__(self, message: str, *, slot: str) -> None:
        super().__init__(message)
        self.slot = slot


class KeyMismatch(KeyAccessError):
    """A key was found but it belongs to another journal (the keyring's, or the key file's
    when the key file was copied from another journal)."""


class NewerKeyFile(KeyFileError):
    """The key file was written by a newer TKG Journal (a format this one cannot read): it
    is not damaged, so nothing may replace it."""


class OutdatedKey(KeyMismatch):
    """The key file (or recovery sheet) is this journal's, but from before the journal was
    re-encrypted: its key opens the older copies of the journal, not the one on disk."""


class RecoverySheetError(KeyAccessError):
    """The recovery sheet's text cannot be used: no recovery key in it, a recovery block
    mistyped or damaged, or a block of a format this version cannot read."""
