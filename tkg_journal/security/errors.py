"""Key errors, each with a message the user can act on."""


class KeyAccessError(Exception):
    """Base for every reason a journal's key could not be had; ``str()`` is user-facing."""


class WrongPassphrase(KeyAccessError):
    def __init__(self) -> None:
        super().__init__("wrong passphrase: it does not unlock this journal")


class WrongRecoveryKey(KeyAccessError):
    def __init__(self) -> None:
        super().__init__("wrong recovery key: it does not unlock this journal")


class KeyringUnavailable(KeyAccessError):
    """No usable OS keyring on this machine (or it refused to answer)."""


class KeyringEntryMissing(KeyAccessError):
    """The keyring works but holds no key for this journal."""


class KeyFileError(KeyAccessError):
    """The key file is missing, unreadable, damaged or from an unknown version."""


class KeyMismatch(KeyAccessError):
    """A key was found but it belongs to another journal."""
