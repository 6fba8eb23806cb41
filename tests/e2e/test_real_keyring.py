"""Keyring mode against a real Secret Service (gnome-keyring on a private D-Bus bus).

The fakes in tests/fakes/keyrings.py stand for a keyring; these tests use the one Linux
desktops have, through keyring's SecretService backend and SecretStorage, as the
installed command does on a user's machine: the key is stored there, read back, found
missing, found locked, and put back by ``recover``. Every test has its own data folder
and its own keyring daemon (tests/real_keyring.py), stopped when it ends.
"""

from __future__ import annotations

import gc
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.SecretService
import pytest

from tests.e2e.cli_runner import PASSPHRASE, run
from tests.helpers import snapshot
from tests.real_keyring import SecretService, running_secret_service
from tkg_journal.paths import JournalPaths
from tkg_journal.security import key_file
from tkg_journal.security.errors import KeyringUnavailable
from tkg_journal.services import journal_access

pytestmark = pytest.mark.e2e

#: A locked keyring must fail at once; a prompt waited for would hit this instead.
COMMAND_TIMEOUT = 30
SERVICE = {"service": "tkg-journal"}


@pytest.fixture
def secret_service(tmp_path: Path) -> Iterator[SecretService]:
    with running_secret_service(tmp_path / "home/.local/share", tmp_path) as service:
        yield service


def tkg(service: SecretService, *args: str, data_dir: Path,
        env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """``tkg-journal`` with the real keyring and no passphrase anywhere."""
    result = run(*args, data_dir=data_dir, passphrase=None, env=service.env() | (env or {}),
                 timeout=COMMAND_TIMEOUT)
    return result.returncode, result.stdout, result.stderr


def init(service: SecretService, folder: Path) -> str:
    """A keyring-mode journal with one entry; returns the recovery key ``init`` printed."""
    code, out, err = tkg(service, "init", data_dir=folder)
    assert code == 0, err
    assert "key kept in the OS keyring" in out
    code, _, err = tkg(service, "add", "Spoke up in the planning meeting", data_dir=folder)
    assert code == 0, err
    return next(line.strip() for line in out.splitlines() if line.count("-") == 7)


def keyring_user(folder: Path) -> str:
    return key_file.read(JournalPaths(folder).key_file).keyring_user


def files_and_times(folder: Path) -> tuple[dict[str, str], dict[str, int]]:
    """Every file's bytes (hashed) and modification time: proof that nothing changed."""
    times = {str(p.relative_to(folder)): p.stat().st_mtime_ns
             for p in folder.rglob("*") if p.is_file()}
    return snapshot(folder), times


def assert_one_clear_line(err: str) -> None:
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err


def test_init_keeps_the_key_in_the_secret_service_and_needs_no_passphrase(
        secret_service: SecretService, tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    recovery_key = init(secret_service, folder)
    user = keyring_user(folder)

    [(attributes, secret)] = secret_service.items(SERVICE)
    assert attributes["username"] == user
    # The database key, hex-encoded (256 bits): not the recovery key, not a passphrase,
    # and written nowhere on disk in plain form.
    key_hex = secret.decode()
    assert len(key_hex) == 64 and int(key_hex, 16) >= 0
    assert key_hex not in (recovery_key, PASSPHRASE)
    key = bytes.fromhex(key_hex)
    for file in folder.rglob("*"):
        if file.is_file():
            content = file.read_bytes()
            assert key not in content and key_hex.encode() not in content, file
    # libsecret's own client finds the same item: it is a plain Secret Service entry.
    looked_up = secret_service.secret_tool("lookup", "service", "tkg-journal", "username", user)
    assert looked_up.returncode == 0, looked_up.stderr
    assert looked_up.stdout == key_hex

    code, out, err = tkg(secret_service, "list", data_dir=folder)
    assert code == 0, err
    assert "Spoke up in the planning meeting" in out
    # The keyring, not an environment leftover, opened it: without it the journal is shut.
    shut = run("list", data_dir=folder, passphrase=None, timeout=COMMAND_TIMEOUT)
    assert shut.returncode == 1
    assert "tkg-journal recover" in shut.stderr


def test_a_deleted_keyring_item_fails_naming_recover_and_changes_nothing(
        secret_service: SecretService, tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    init(secret_service, folder)
    cleared = secret_service.secret_tool("clear", "service", "tkg-journal",
                                         "username", keyring_user(folder))
    assert cleared.returncode == 0, cleared.stderr
    assert secret_service.items(SERVICE) == []
    before = files_and_times(folder)

    for command in (("list",), ("add", "not saved anywhere")):
        code, out, err = tkg(secret_service, *command, data_dir=folder)
        assert code == 1, (out, err)
        assert "no key for this journal" in err
        assert "tkg-journal recover" in err
        assert_one_clear_line(err)
    assert files_and_times(folder) == before


def test_recover_puts_the_key_back_in_the_secret_service(
        secret_service: SecretService, tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    recovery_key = init(secret_service, folder)
    [(_, secret)] = secret_service.items(SERVICE)
    secret_service.secret_tool("clear", "service", "tkg-journal")
    assert secret_service.items(SERVICE) == []

    code, out, err = tkg(secret_service, "recover", "--keyring", data_dir=folder,
                         env={"TKG_JOURNAL_RECOVERY_KEY": recovery_key})
    assert code == 0, err
    assert "back in the OS keyring" in out
    [(attributes, restored)] = secret_service.items(SERVICE)
    assert (attributes["username"], restored) == (keyring_user(folder), secret)
    code, out, err = tkg(secret_service, "list", data_dir=folder)
    assert code == 0, err
    assert "Spoke up in the planning meeting" in out


def test_a_locked_keyring_fails_at_once_with_what_to_do(
        secret_service: SecretService, tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    init(secret_service, folder)
    secret_service.lock()
    before = files_and_times(folder)

    started = time.monotonic()
    code, out, err = tkg(secret_service, "list", data_dir=folder)
    assert time.monotonic() - started < 10  # no wait for a password prompt
    assert code == 1, (out, err)
    assert "the OS keyring is locked" in err
    assert "unlock it" in err and "log in" in err
    assert "tkg-journal recover" in err
    assert_one_clear_line(err)
    assert files_and_times(folder) == before
    assert secret_service.is_locked()

    # A new keyring-mode journal cannot put its key there either: said, and none is made.
    other = tmp_path / "other"
    code, out, err = tkg(secret_service, "init", data_dir=other)
    assert code == 1, (out, err)
    assert "the OS keyring is locked" in err and "not stored" in err
    assert_one_clear_line(err)
    assert not JournalPaths(other).database.exists()
    assert not JournalPaths(other).key_file.exists()


def test_recover_with_a_locked_keyring_sets_the_passphrase_and_says_what_is_left(
        secret_service: SecretService, tmp_path: Path) -> None:
    """The route the locked message points to: the recovery key and a new passphrase.
    The change stands (exit 0); the keyring, still locked, keeps the old key, and the
    note says to remove it."""
    folder = tmp_path / "journal"
    recovery_key = init(secret_service, folder)
    secret_service.lock()
    code, out, err = tkg(secret_service, "recover", data_dir=folder,
                         env={"TKG_JOURNAL_RECOVERY_KEY": recovery_key,
                              "TKG_JOURNAL_NEW_PASSPHRASE": "a new passphrase for the journal"})
    assert code == 0, (out, err)
    assert "New passphrase set" in out
    assert "could not remove the journal's old key" in err
    assert "'tkg-journal' entry" in err
    assert_one_clear_line(err)
    code, out, err = tkg(secret_service, "list", data_dir=folder,
                         env={"TKG_JOURNAL_PASSPHRASE": "a new passphrase for the journal"})
    assert code == 0, err
    assert "Spoke up in the planning meeting" in out


def test_the_app_unlocks_through_the_real_keyring_in_process(
        secret_service: SecretService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The path the desktop app's unlock takes (services, not the command)."""
    for name, value in secret_service.env().items():
        monkeypatch.setenv(name, value)
    keyring.set_keyring(keyring.backends.SecretService.Keyring())  # conftest puts it back
    paths = JournalPaths(tmp_path / "journal")
    assert journal_access.keyring_available()
    journal_access.create(paths).journal.close()
    with journal_access.unlock(paths) as journal:
        assert journal.is_empty()
    assert [a["username"] for a, _ in secret_service.items(SERVICE)] == [
        key_file.read(paths.key_file).keyring_user]

    secret_service.lock()
    with pytest.raises(KeyringUnavailable, match="keyring is locked"):
        journal_access.unlock(paths)
    # keyring's SecretService backend (25.7) raises KeyringLocked before it closes the
    # D-Bus connection it opened; the garbage collector closes it. Collected here, so that
    # its ResourceWarning is not reported against whichever test runs next.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()
