"""The key file: the database key wrapped once per unlock method, and every way it can break.

Each Argon2id derivation takes about 0.1 s, so the passphrase-mode key file is made once
per module and every test derives at most once or twice.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tkg_journal.security import kdf, recovery_key
from tkg_journal.security import key_file as kf
from tkg_journal.security.database_key import KEY_BYTES, key_check, matches, new_database_key
from tkg_journal.security.errors import (
    DamagedKeySlot,
    KeyAccessError,
    KeyFileError,
    KeyMismatch,
    MissingKeySlot,
    WrongPassphrase,
    WrongRecoveryKey,
)

KEY = bytes(range(100, 132))
JOURNAL_ID = "journal-3f9a"
PASSPHRASE = "correct horse battery staple"
# A valid recovery key that holds every look-alike target (0, 1, V) on purpose.
RECOVERY = "0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ"
OTHER_RECOVERY = "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ"


@pytest.fixture(scope="module")
def passphrase_file() -> kf.KeyFile:
    return kf.create(
        key=KEY,
        journal_id=JOURNAL_ID,
        mode=kf.KeyMode.PASSPHRASE,
        recovery=RECOVERY,
        passphrase=PASSPHRASE,
    )


@pytest.fixture
def keyring_file() -> kf.KeyFile:
    return kf.create(key=KEY, journal_id=JOURNAL_ID, mode=kf.KeyMode.KEYRING, recovery=RECOVERY)


def written(tmp_path: Path, key_file: kf.KeyFile) -> Path:
    folder = tmp_path / "journal"
    folder.mkdir(exist_ok=True)
    path = folder / "keys.json"
    kf.write(path, key_file)
    return path


def edited(tmp_path: Path, key_file: kf.KeyFile, change: Any) -> Path:
    """Write the key file, let ``change`` edit its JSON in place, and write that back."""
    path = written(tmp_path, key_file)
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))
    return path


# --- the database key and recovery key -------------------------------------------------


def test_new_database_keys_are_random_32_bytes() -> None:
    first, second = new_database_key(), new_database_key()
    assert len(first) == len(second) == KEY_BYTES
    assert first != second


def test_key_check_recognises_only_its_key() -> None:
    check = key_check(KEY)
    assert matches(KEY, check)
    assert not matches(bytes(32), check)
    assert KEY.hex() not in check


def test_new_recovery_keys_are_eight_groups_of_crockford_base32() -> None:
    first, second = recovery_key.new_recovery_key(), recovery_key.new_recovery_key()
    assert first != second
    groups = first.split("-")
    assert [len(group) for group in groups] == [4] * 8
    assert not set("".join(groups)) - set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    assert recovery_key.normalise(first) == first.replace("-", "")


# --- create and unlock -----------------------------------------------------------------


def test_passphrase_mode_has_a_passphrase_and_a_recovery_slot(passphrase_file: kf.KeyFile) -> None:
    assert passphrase_file.mode is kf.KeyMode.PASSPHRASE
    assert set(passphrase_file.slots) == {"passphrase", "recovery"}
    assert passphrase_file.slots["passphrase"].argon2 == kdf.Argon2Params()
    assert passphrase_file.slots["passphrase"].argon2.memory_kib >= 64 * 1024


def test_unlock_with_the_passphrase(passphrase_file: kf.KeyFile) -> None:
    assert kf.unlock_with_passphrase(passphrase_file, PASSPHRASE) == KEY


def test_wrong_passphrase_is_refused(passphrase_file: kf.KeyFile) -> None:
    with pytest.raises(WrongPassphrase, match="wrong passphrase"):
        kf.unlock_with_passphrase(passphrase_file, PASSPHRASE + "!")


@pytest.mark.parametrize(
    "typed",
    [
        RECOVERY,
        RECOVERY.lower(),
        RECOVERY.replace("-", " "),
        RECOVERY.replace("-", ""),
        "  " + RECOVERY.lower().replace("-", "  ") + "\n",
        RECOVERY.replace("0", "O").replace("1", "I"),
        RECOVERY.replace("0", "o").replace("1", "l"),
        RECOVERY.replace("1", "L").replace("V", "U"),
    ],
)
def test_unlock_with_the_recovery_key_as_people_type_it(
    passphrase_file: kf.KeyFile, typed: str
) -> None:
    assert kf.unlock_with_recovery_key(passphrase_file, typed) == KEY


def test_wrong_recovery_key_is_refused(passphrase_file: kf.KeyFile) -> None:
    with pytest.raises(WrongRecoveryKey, match="wrong recovery key"):
        kf.unlock_with_recovery_key(passphrase_file, OTHER_RECOVERY)


@pytest.mark.parametrize(
    "typed",
    ["", "0123-4567", RECOVERY + "-0", RECOVERY[:-1], RECOVERY.replace("A", "É"), PASSPHRASE],
)
def test_malformed_recovery_key_is_refused(passphrase_file: kf.KeyFile, typed: str) -> None:
    with pytest.raises(WrongRecoveryKey):
        kf.unlock_with_recovery_key(passphrase_file, typed)


def test_keyring_mode_has_no_passphrase_slot(keyring_file: kf.KeyFile) -> None:
    assert keyring_file.mode is kf.KeyMode.KEYRING
    assert set(keyring_file.slots) == {"recovery"}
    with pytest.raises(KeyFileError, match="no passphrase"):
        kf.unlock_with_passphrase(keyring_file, PASSPHRASE)
    assert kf.unlock_with_recovery_key(keyring_file, RECOVERY) == KEY


def test_passphrase_mode_without_a_passphrase_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="needs a passphrase"):
        kf.create(key=KEY, journal_id=JOURNAL_ID, mode=kf.KeyMode.PASSPHRASE, recovery=RECOVERY)


def test_slots_are_bound_to_their_journal(passphrase_file: kf.KeyFile) -> None:
    moved = replace(passphrase_file, journal_id="another-journal")
    with pytest.raises(WrongPassphrase):
        kf.unlock_with_passphrase(moved, PASSPHRASE)
    with pytest.raises(WrongRecoveryKey):
        kf.unlock_with_recovery_key(moved, RECOVERY)


# --- changing how the journal is unlocked ----------------------------------------------


def test_changing_the_passphrase_keeps_the_key(passphrase_file: kf.KeyFile) -> None:
    changed = kf.with_passphrase(passphrase_file, KEY, "a new long passphrase")
    assert changed.mode is kf.KeyMode.PASSPHRASE
    assert kf.unlock_with_passphrase(changed, "a new long passphrase") == KEY
    # The database key is unchanged (nothing to re-encrypt) and so is the recovery slot.
    assert changed.key_check == passphrase_file.key_check
    assert changed.slots["recovery"] == passphrase_file.slots["recovery"]
    with pytest.raises(WrongPassphrase):
        kf.unlock_with_passphrase(changed, PASSPHRASE)


def test_with_passphrase_turns_a_keyring_journal_into_a_passphrase_one(
    keyring_file: kf.KeyFile,
) -> None:
    changed = kf.with_passphrase(keyring_file, KEY, PASSPHRASE)
    assert changed.mode is kf.KeyMode.PASSPHRASE
    assert set(changed.slots) == {"passphrase", "recovery"}
    assert kf.unlock_with_passphrase(changed, PASSPHRASE) == KEY


def test_with_keyring_removes_the_passphrase_slot(passphrase_file: kf.KeyFile) -> None:
    changed = kf.with_keyring(passphrase_file, KEY)
    assert changed.mode is kf.KeyMode.KEYRING
    assert "passphrase" not in changed.slots
    assert PASSPHRASE not in changed.to_bytes().decode()
    with pytest.raises(KeyFileError):
        kf.unlock_with_passphrase(changed, PASSPHRASE)
    assert kf.unlock_with_recovery_key(changed, RECOVERY) == KEY
    assert "passphrase" in passphrase_file.slots  # the original is untouched


def test_a_new_recovery_key_invalidates_the_old_one(passphrase_file: kf.KeyFile) -> None:
    changed = kf.with_recovery_key(passphrase_file, KEY, OTHER_RECOVERY)
    assert kf.unlock_with_recovery_key(changed, OTHER_RECOVERY) == KEY
    with pytest.raises(WrongRecoveryKey):
        kf.unlock_with_recovery_key(changed, RECOVERY)
    assert changed.slots["passphrase"] == passphrase_file.slots["passphrase"]


def test_verify_accepts_the_right_key(passphrase_file: kf.KeyFile) -> None:
    assert kf.verify(passphrase_file, KEY) == KEY


@pytest.mark.parametrize(
    "change",
    [
        lambda f: kf.verify(f, bytes(32)),
        lambda f: kf.with_passphrase(f, bytes(32), "x"),
        lambda f: kf.with_keyring(f, bytes(32)),
        lambda f: kf.with_recovery_key(f, bytes(32), OTHER_RECOVERY),
    ],
    ids=["verify", "with_passphrase", "with_keyring", "with_recovery_key"],
)
def test_another_journals_key_is_refused(passphrase_file: kf.KeyFile, change: Any) -> None:
    with pytest.raises(KeyMismatch, match="different journal"):
        change(passphrase_file)


# --- the file on disk ------------------------------------------------------------------


def test_write_then_read_round_trips(tmp_path: Path, passphrase_file: kf.KeyFile) -> None:
    path = written(tmp_path, passphrase_file)
    loaded = kf.read(path)
    assert loaded == passphrase_file
    assert kf.unlock_with_recovery_key(loaded, RECOVERY) == KEY
    assert path.stat().st_mode & 0o077 == 0  # readable by its owner only


def test_write_replaces_an_older_key_file(tmp_path: Path, passphrase_file: kf.KeyFile) -> None:
    path = written(tmp_path, passphrase_file)
    kf.write(path, kf.with_keyring(passphrase_file, KEY))
    assert kf.read(path).mode is kf.KeyMode.KEYRING
    assert [p.name for p in path.parent.iterdir()] == ["keys.json"]  # no temp file left


def test_the_file_describes_itself(passphrase_file: kf.KeyFile) -> None:
    data = json.loads(passphrase_file.to_bytes())
    assert data["format"] == "tkg-journal-keys"
    assert data["version"] == 1
    assert data["journal_id"] == JOURNAL_ID
    assert data["slots"]["passphrase"]["kdf"] == "argon2id"
    assert data["slots"]["recovery"]["kdf"] == "hkdf-sha256"


def test_the_file_holds_neither_the_key_nor_the_secrets(passphrase_file: kf.KeyFile) -> None:
    raw = passphrase_file.to_bytes()
    for secret in (KEY.hex(), KEY.hex().upper(), PASSPHRASE, RECOVERY, RECOVERY.replace("-", "")):
        assert secret.encode() not in raw
    assert KEY not in raw


def test_a_missing_key_file(tmp_path: Path) -> None:
    path = tmp_path / "keys.json"
    with pytest.raises(KeyFileError, match="key file is missing") as caught:
        kf.read(path)
    assert str(path) in str(caught.value)


def test_a_folder_instead_of_a_key_file(tmp_path: Path) -> None:
    with pytest.raises(KeyFileError, match=r"cannot read the key file .*: it is a folder"):
        kf.read(tmp_path)


def test_a_device_or_a_silent_fifo_instead_of_a_key_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tkg_journal import safe_read

    device = tmp_path / "keys.json"
    device.symlink_to("/dev/zero")
    with pytest.raises(KeyFileError, match="it is a device, not a file"):
        kf.read(device)
    monkeypatch.setattr(safe_read, "FIFO_WAIT_SECONDS", 0.2)
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    with pytest.raises(KeyFileError, match="it is a FIFO no program is writing to"):
        kf.read(fifo)


@pytest.mark.parametrize(
    "content",
    [b"", b"not json", b"\xff\xfe\x00", b"[1, 2]", b'"text"', b"{}", b"x" * (70 * 1024)],
    ids=["empty", "text", "binary", "list", "string", "empty-object", "too-large"],
)
def test_a_file_that_is_not_a_key_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "keys.json"
    path.write_bytes(content)
    with pytest.raises(KeyFileError, match="damaged or not a TKG Journal key file"):
        kf.read(path)


def test_another_format_is_refused(tmp_path: Path, passphrase_file: kf.KeyFile) -> None:
    path = edited(tmp_path, passphrase_file, lambda d: d.update(format="luks"))
    with pytest.raises(KeyFileError, match="not a TKG Journal key file"):
        kf.read(path)


@pytest.mark.parametrize("version", [2, 99, "1", None])
def test_another_version_asks_to_update_the_app(
    tmp_path: Path, passphrase_file: kf.KeyFile, version: object
) -> None:
    path = edited(tmp_path, passphrase_file, lambda d: d.update(version=version))
    with pytest.raises(KeyFileError, match="update the app") as caught:
        kf.read(path)
    assert f"version {version!r}" in str(caught.value)


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["slots"]["passphrase"].pop("wrapped_key"),
        lambda d: d["slots"]["recovery"].pop("salt"),
        lambda d: d["slots"]["passphrase"].update(wrapped_key="abc"),
        lambda d: d["slots"]["recovery"].update(nonce="zz" * 12),
        lambda d: d["slots"]["passphrase"].update(nonce=None),
        lambda d: d["slots"].update(recovery="truncated"),
        lambda d: d["slots"]["passphrase"].pop("kdf"),
        lambda d: d["slots"]["passphrase"]["argon2"].pop("memory_kib"),
    ],
    ids=[
        "no-wrapped-key",
        "no-salt",
        "odd-hex",
        "non-hex",
        "null-nonce",
        "slot-not-object",
        "no-kdf",
        "no-argon2-memory",
    ],
)
def test_a_truncated_slot_is_a_damaged_key_file(
    tmp_path: Path, passphrase_file: kf.KeyFile, damage: Any
) -> None:
    path = edited(tmp_path, passphrase_file, damage)
    with pytest.raises(KeyFileError, match="damaged"):
        kf.read(path)


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.pop("slots"),
        lambda d: d.update(slots=[]),
        lambda d: d.update(mode="usb-stick"),
        lambda d: d.pop("journal_id"),
    ],
    ids=["no-slots", "slots-list", "unknown-mode", "no-journal-id"],
)
def test_a_damaged_key_file_header(
    tmp_path: Path, passphrase_file: kf.KeyFile, damage: Any
) -> None:
    path = edited(tmp_path, passphrase_file, damage)
    with pytest.raises(KeyFileError, match="damaged or not a TKG Journal key file"):
        kf.read(path)


@pytest.mark.parametrize(
    "weaker",
    [{"memory_kib": 64 * 1024 - 1}, {"memory_kib": 8}, {"time_cost": 0}, {"parallelism": 0}],
)
def test_weakened_argon2_settings_are_refused(
    tmp_path: Path, passphrase_file: kf.KeyFile, weaker: dict[str, int]
) -> None:
    path = edited(
        tmp_path, passphrase_file, lambda d: d["slots"]["passphrase"]["argon2"].update(weaker)
    )
    with pytest.raises(KeyFileError, match="weaker passphrase hash than allowed"):
        kf.read(path)


def _flip(slot_name: str, field: str, *, last: bool = False) -> Any:
    """An edit that flips one bit of a slot's hex field, as bit rot would."""

    def change(data: dict[str, Any]) -> None:
        slot = data["slots"][slot_name]
        value = bytearray.fromhex(slot[field])
        value[-1 if last else 0] ^= 0x80 if last else 0x01
        slot[field] = value.hex()

    return change


@pytest.mark.parametrize("field", ["wrapped_key", "nonce", "salt"])
def test_a_damaged_passphrase_slot_is_not_called_a_wrong_passphrase(
    tmp_path: Path, passphrase_file: kf.KeyFile, field: str
) -> None:
    loaded = kf.read(edited(tmp_path, passphrase_file, _flip("passphrase", field)))
    assert kf.slot_intact(loaded, "passphrase") is False
    assert kf.slot_intact(loaded, "recovery") is True
    with pytest.raises(DamagedKeySlot, match="passphrase slot has changed") as caught:
        kf.unlock_with_passphrase(loaded, PASSPHRASE)
    assert caught.value.slot == "passphrase"
    assert "recovery key" in str(caught.value)  # what to do instead
    assert kf.unlock_with_recovery_key(loaded, RECOVERY) == KEY  # the other way still works


@pytest.mark.parametrize("field", ["wrapped_key", "nonce"])
def test_a_damaged_recovery_slot_is_not_called_a_wrong_recovery_key(
    tmp_path: Path, passphrase_file: kf.KeyFile, field: str
) -> None:
    loaded = kf.read(edited(tmp_path, passphrase_file, _flip("recovery", field, last=True)))
    with pytest.raises(DamagedKeySlot, match="recovery-key slot has changed") as caught:
        kf.unlock_with_recovery_key(loaded, RECOVERY)
    assert "New recovery key" in str(caught.value)
    assert kf.unlock_with_passphrase(loaded, PASSPHRASE) == KEY


def test_an_intact_slot_makes_a_wrong_passphrase_certain(
    tmp_path: Path, passphrase_file: kf.KeyFile
) -> None:
    loaded = kf.read(written(tmp_path, passphrase_file))
    with pytest.raises(WrongPassphrase) as caught:
        kf.unlock_with_passphrase(loaded, PASSPHRASE + "!")
    assert str(caught.value) == "wrong passphrase: it does not unlock this journal"
    with pytest.raises(WrongRecoveryKey) as wrong_key:
        kf.unlock_with_recovery_key(loaded, OTHER_RECOVERY)
    assert str(wrong_key.value) == "wrong recovery key: it does not unlock this journal"


def test_a_damaged_check_alone_does_not_lock_anyone_out(
    tmp_path: Path, passphrase_file: kf.KeyFile
) -> None:
    def damage(data: dict[str, Any]) -> None:
        data["slots"]["passphrase"]["check"] = "0" * 32

    loaded = kf.read(edited(tmp_path, passphrase_file, damage))
    assert kf.unlock_with_passphrase(loaded, PASSPHRASE) == KEY


def _without_checks(data: dict[str, Any]) -> None:
    """A key file as versions before the slot checks wrote it."""
    for slot in data["slots"].values():
        del slot["check"]


def test_a_key_file_without_checks_still_opens(tmp_path: Path, passphrase_file: kf.KeyFile) -> None:
    loaded = kf.read(edited(tmp_path, passphrase_file, _without_checks))
    assert kf.slot_intact(loaded, "passphrase") is None
    assert kf.unlock_with_passphrase(loaded, PASSPHRASE) == KEY
    assert kf.unlock_with_recovery_key(loaded, RECOVERY) == KEY
    # Written again (a new passphrase, say), it gains the checks.
    path = tmp_path / "journal" / "keys.json"
    kf.write(path, kf.with_passphrase(loaded, KEY, "another long passphrase"))
    assert all("check" in slot for slot in json.loads(path.read_text())["slots"].values())


@pytest.mark.parametrize("field", ["wrapped_key", "nonce", "salt"])
def test_without_checks_a_damaged_slot_cannot_be_told_from_a_wrong_passphrase(
    tmp_path: Path, passphrase_file: kf.KeyFile, field: str
) -> None:
    def damage(data: dict[str, Any]) -> None:
        _without_checks(data)
        _flip("passphrase", field)(data)

    loaded = kf.read(edited(tmp_path, passphrase_file, damage))
    with pytest.raises(WrongPassphrase, match="wrong passphrase") as caught:
        kf.unlock_with_passphrase(loaded, PASSPHRASE)
    assert "the key file may be damaged" in str(caught.value)


def test_without_checks_a_damaged_recovery_slot_says_it_may_be_damaged(
    tmp_path: Path, passphrase_file: kf.KeyFile
) -> None:
    def damage(data: dict[str, Any]) -> None:
        _without_checks(data)
        _flip("recovery", "nonce", last=True)(data)

    loaded = kf.read(edited(tmp_path, passphrase_file, damage))
    with pytest.raises(WrongRecoveryKey, match="the key file may be damaged"):
        kf.unlock_with_recovery_key(loaded, RECOVERY)


def test_a_missing_recovery_slot_says_what_to_do(
    tmp_path: Path, passphrase_file: kf.KeyFile
) -> None:
    loaded = kf.read(edited(tmp_path, passphrase_file, lambda d: d["slots"].pop("recovery")))
    with pytest.raises(MissingKeySlot, match="no recovery-key slot") as caught:
        kf.unlock_with_recovery_key(loaded, RECOVERY)
    assert caught.value.slot == "recovery"
    assert "New recovery key" in str(caught.value)


def test_a_passphrase_journal_without_its_passphrase_slot(
    tmp_path: Path, passphrase_file: kf.KeyFile
) -> None:
    loaded = kf.read(edited(tmp_path, passphrase_file, lambda d: d["slots"].pop("passphrase")))
    with pytest.raises(MissingKeySlot, match="no passphrase slot") as caught:
        kf.unlock_with_passphrase(loaded, PASSPHRASE)
    assert "recovery key" in str(caught.value)


def test_a_check_that_is_not_text_is_a_damaged_key_file(
    tmp_path: Path, passphrase_file: kf.KeyFile
) -> None:
    path = edited(tmp_path, passphrase_file, lambda d: d["slots"]["recovery"].update(check=7))
    with pytest.raises(KeyFileError, match="recovery slot is unreadable"):
        kf.read(path)


def test_a_shortened_wrapped_key_is_a_damaged_key_file(
    tmp_path: Path, passphrase_file: kf.KeyFile
) -> None:
    def shorten(data: dict[str, Any]) -> None:
        data["slots"]["passphrase"]["wrapped_key"] = data["slots"]["passphrase"]["wrapped_key"][:8]

    with pytest.raises(KeyFileError, match="damaged"):
        kf.read(edited(tmp_path, passphrase_file, shorten))


@pytest.mark.parametrize(
    ("slot", "field", "value"),
    [
        ("passphrase", "nonce", "0102"),
        ("recovery", "nonce", ""),
        ("passphrase", "salt", ""),
        ("passphrase", "salt", "0102"),
    ],
    ids=["passphrase-nonce", "recovery-nonce", "passphrase-salt-empty", "passphrase-salt-short"],
)
def test_a_truncated_nonce_or_salt_gives_a_clear_message(
    tmp_path: Path, passphrase_file: kf.KeyFile, slot: str, field: str, value: str
) -> None:
    path = edited(tmp_path, passphrase_file, lambda d: d["slots"][slot].update({field: value}))
    with pytest.raises(KeyAccessError):
        loaded = kf.read(path)
        if slot == "passphrase":
            kf.unlock_with_passphrase(loaded, PASSPHRASE)
        else:
            kf.unlock_with_recovery_key(loaded, RECOVERY)
