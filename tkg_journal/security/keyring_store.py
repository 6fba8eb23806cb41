"""The one place that talks to the OS keyring (the rest of the app imports nothing of it).

The database key is stored hex-encoded under service ``tkg-journal`` with the journal's
id as user name, so two journals on one machine never share an entry. After a
re-encryption the user name also carries the key's generation (``KeyFile.keyring_user``,
``<id>#2``): each database key has its own entry, and the callers pass that name. Backends that are
not real secret stores (keyring's "fail" and "null" backends, or the plaintext and
password-prompting files of keyrings.alt) count as "no keyring": the key is then kept
behind a passphrase instead.

A locked keyring (the desktop's Secret Service after a screen lock, or a login without
the keyring's password) is asked to unlock, which shows the desktop's password prompt;
when there is none to show (a terminal over SSH) or the user dismisses it, the keyring
says so at once (``KeyringLocked``) and the message says what to do.
"""

from __future__ import annotations

from typing import Any

from tkg_journal.security.errors import KeyringEntryMissing, KeyringUnavailable

SERVICE = "tkg-journal"
_UNLOCK_IT = "unlock it (log in to your desktop again, or unlock it in its keyring app)"
_RECOVER = "restore access with the recovery key (tkg-journal recover)"


def _backend() -> Any:
    import keyring

    return keyring.get_keyring()


def _is_real_store(backend: Any) -> bool:
    children = getattr(backend, "backends", None)
    if children is not None:  # the chainer: real if any backend behind it is
        return any(_is_real_store(child) for child in children)
    module = type(backend).__module__
    if module.startswith(("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")):
        return False
    try:
        return float(backend.priority) >= 1
    except Exception:  # a backend's priority property may itself probe and fail
        return False


def backend_name() -> str:
    """A human name of the active backend, for messages and ``tkg-journal doctor``."""
    backend = _backend()
    return str(getattr(backend, "name", type(backend).__name__))


def is_available() -> bool:
    """Whether the machine has a keyring that can hold the key safely."""
    try:
        return _is_real_store(_backend())
    except Exception:  # third-party backends raise whatever their transport raises
        return False


def store_key(journal_id: str, key: bytes) -> None:
    """Put the key in the keyring; raises :class:`KeyringUnavailable` if it refuses."""
    if not is_available():
        raise KeyringUnavailable("no OS keyring is available on this machine")
    try:
        _backend().set_password(SERVICE, journal_id, key.hex())
    except Exception as error:
        if _is_locked_error(error):
            raise KeyringUnavailable(
                f"the OS keyring is locked, so the key was not stored in it; {_UNLOCK_IT} "
                "and try again"
            ) from None
        raise KeyringUnavailable(f"the OS keyring refused to store the key ({error})") from None


def load_key(journal_id: str) -> bytes:
    """The stored key; raises if the keyring is unavailable, locked or has no entry."""
    if not is_available():
        raise KeyringUnavailable(
            "this journal keeps its key in the OS keyring, but no keyring is available "
            "here; unlock it with the recovery key (tkg-journal recover)"
        )
    try:
        stored = _backend().get_password(SERVICE, journal_id)
    except Exception as error:
        if _is_locked_error(error):
            raise KeyringUnavailable(
                f"the OS keyring is locked, so this journal's key cannot be read; "
                f"{_UNLOCK_IT} and try again, or {_RECOVER}"
            ) from None
        raise KeyringUnavailable(f"the OS keyring did not answer ({error})") from None
    if not stored:
        raise KeyringEntryMissing(f"the OS keyring has no key for this journal; {_RECOVER}")
    try:
        return bytes.fromhex(stored)
    except ValueError:
        raise KeyringEntryMissing(f"the key in the OS keyring is damaged; {_RECOVER}") from None


def delete_key(journal_id: str) -> None:
    """Remove the key (used when switching to passphrase mode); absent is fine."""
    from keyring.errors import PasswordDeleteError

    if not is_available():  # no keyring: nothing can be stored there to remove
        return
    try:
        _backend().delete_password(SERVICE, journal_id)
    except PasswordDeleteError:  # not there: the outcome the caller wanted
        return
    except Exception as error:
        if _is_locked_error(error):
            raise KeyringUnavailable(
                f"the OS keyring is locked, so the key was not removed from it; {_UNLOCK_IT} "
                "and try again"
            ) from None
        raise KeyringUnavailable(f"the OS keyring refused to remove the key ({error})") from None


def _is_locked_error(error: Exception) -> bool:
    """The keyring is locked and stayed so (no prompt could be shown, or it was dismissed)."""
    from keyring.errors import KeyringLocked

    if isinstance(error, KeyringLocked):
        return True
    # SecretStorage's own, for an item locked apart from its collection.
    kind = type(error)
    return kind.__name__ == "LockedException" and kind.__module__.startswith("secretstorage")
