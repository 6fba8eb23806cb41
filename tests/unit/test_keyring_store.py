"""The OS keyring as a home for the database key, with hand-written keyring backends."""

from __future__ import annotations

import keyring
import keyring.backends.fail
import pytest
from keyring.backend import KeyringBackend

from tests.fakes.keyrings import FailingKeyring, MemoryKeyring
from tkg_journal.security import keyring_store
from tkg_journal.security.errors import KeyringEntryMissing, KeyringUnavailable

KEY = bytes(range(32))
JOURNAL_ID = "journal-3f9a"


class PlaintextFileKeyring(MemoryKeyring):
    """Stands for keyrings.alt's plaintext file: it works, but it is no secret store."""

    priority = 5  # type: ignore[assignment]


PlaintextFileKeyring.__module__ = "keyrings.alt.file"


class ChainKeyring(MemoryKeyring):
    """Like keyring's chainer: a front for the backends behind it."""

    def __init__(self, *backends: KeyringBackend) -> None:
        super().__init__()
        self.backends = list(backends)


class LowPriorityKeyring(MemoryKeyring):
    """A backend that says it is not suitable here (priority below 1)."""

    priority = 0.5  # type: ignore[assignment]


# --- availability ----------------------------------------------------------------------


def test_a_real_keyring_is_available(memory_keyring: MemoryKeyring) -> None:
    assert keyring_store.is_available()


def test_no_keyring_is_not_available() -> None:
    assert isinstance(keyring.get_keyring(), keyring.backends.fail.Keyring)
    assert not keyring_store.is_available()


def test_a_plaintext_keyrings_alt_backend_is_not_available() -> None:
    keyring.set_keyring(PlaintextFileKeyring())
    assert not keyring_store.is_available()
    with pytest.raises(KeyringUnavailable):
        keyring_store.store_key(JOURNAL_ID, KEY)


def test_a_low_priority_backend_is_not_available() -> None:
    keyring.set_keyring(LowPriorityKeyring())
    assert not keyring_store.is_available()


def test_a_chain_is_available_when_a_backend_behind_it_is() -> None:
    keyring.set_keyring(ChainKeyring(PlaintextFileKeyring(), MemoryKeyring()))
    assert keyring_store.is_available()


def test_a_chain_of_plaintext_or_failing_backends_is_not_available() -> None:
    keyring.set_keyring(ChainKeyring(PlaintextFileKeyring(), keyring.backends.fail.Keyring()))
    assert not keyring_store.is_available()


def test_backend_name_is_readable(memory_keyring: MemoryKeyring) -> None:
    assert keyring_store.backend_name()


# --- store and load --------------------------------------------------------------------


def test_store_then_load_round_trips(memory_keyring: MemoryKeyring) -> None:
    keyring_store.store_key(JOURNAL_ID, KEY)
    assert keyring_store.load_key(JOURNAL_ID) == KEY
    assert memory_keyring.entries == {("tkg-journal", JOURNAL_ID): KEY.hex()}


def test_two_journals_keep_separate_keys(memory_keyring: MemoryKeyring) -> None:
    other = bytes(reversed(KEY))
    keyring_store.store_key(JOURNAL_ID, KEY)
    keyring_store.store_key("journal-other", other)
    assert keyring_store.load_key(JOURNAL_ID) == KEY
    assert keyring_store.load_key("journal-other") == other


def test_storing_again_replaces_the_key(memory_keyring: MemoryKeyring) -> None:
    keyring_store.store_key(JOURNAL_ID, bytes(32))
    keyring_store.store_key(JOURNAL_ID, KEY)
    assert keyring_store.load_key(JOURNAL_ID) == KEY


def test_a_missing_entry_points_to_the_recovery_key(memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(KeyringEntryMissing, match="recovery key"):
        keyring_store.load_key(JOURNAL_ID)


@pytest.mark.parametrize("stored", ["not hex at all", "abc", "zz" * 32])
def test_a_damaged_entry_points_to_the_recovery_key(
    memory_keyring: MemoryKeyring, stored: str
) -> None:
    memory_keyring.entries[("tkg-journal", JOURNAL_ID)] = stored
    with pytest.raises(KeyringEntryMissing, match=r"damaged.*recovery key"):
        keyring_store.load_key(JOURNAL_ID)


def test_no_keyring_refuses_to_store_and_to_load() -> None:
    with pytest.raises(KeyringUnavailable, match="no OS keyring"):
        keyring_store.store_key(JOURNAL_ID, KEY)
    with pytest.raises(KeyringUnavailable, match="recovery key"):
        keyring_store.load_key(JOURNAL_ID)


def test_a_locked_keyring_refuses_to_store(failing_keyring: FailingKeyring) -> None:
    with pytest.raises(KeyringUnavailable, match=r"refused to store the key.*locked"):
        keyring_store.store_key(JOURNAL_ID, KEY)


def test_a_locked_keyring_refuses_to_load(failing_keyring: FailingKeyring) -> None:
    with pytest.raises(KeyringUnavailable, match=r"did not answer.*locked"):
        keyring_store.load_key(JOURNAL_ID)


def test_error_messages_never_show_the_key(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.entries[("tkg-journal", JOURNAL_ID)] = KEY.hex() + "g"
    with pytest.raises(KeyringEntryMissing) as caught:
        keyring_store.load_key(JOURNAL_ID)
    assert KEY.hex() not in str(caught.value)


# --- delete ----------------------------------------------------------------------------


def test_delete_removes_the_key(memory_keyring: MemoryKeyring) -> None:
    keyring_store.store_key(JOURNAL_ID, KEY)
    keyring_store.delete_key(JOURNAL_ID)
    assert memory_keyring.entries == {}
    with pytest.raises(KeyringEntryMissing):
        keyring_store.load_key(JOURNAL_ID)


def test_delete_of_a_missing_entry_is_silent(memory_keyring: MemoryKeyring) -> None:
    keyring_store.store_key("journal-other", KEY)
    keyring_store.delete_key(JOURNAL_ID)
    assert keyring_store.load_key("journal-other") == KEY


def test_delete_without_a_keyring_is_silent() -> None:
    keyring_store.delete_key(JOURNAL_ID)
