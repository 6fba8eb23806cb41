"""The key file: the database key wrapped by each way of unlocking it ("slots").

Like LUKS key slots, the random database key is encrypted (AES-256-GCM) once per
unlock method: the passphrase (through Argon2id) and the recovery key (through HKDF).
Changing the passphrase re-wraps 32 bytes; the journal itself is never re-encrypted.
In keyring mode there is no passphrase slot: the keyring holds the key, and the file
keeps the recovery slot and a check value that recognises the right key.

The file holds no user writing and no usable key material; it is JSON so that a person
(or a support script) can see which journal and which unlock methods it describes.

Each slot also carries a ``check``: a SHA-256 of its stored fields (and of the journal id
and slot name), independent of any secret. When a secret fails to unwrap a slot, the
check tells a damaged slot (its fields changed since they were written) from a wrong
passphrase or recovery key. It guards against damage, not attack: a forged slot still
fails AES-GCM's authentication. Key files written before the check existed still open
(the field is optional, so the format version is unchanged); for their slots the two
cannot be told apart and the message says so.

A re-encryption gives the journal a new database key: the new key file's ``generation``
goes up by one and ``rekeyed_at`` says when (both optional: a key file without them is
generation 1, as every file written before re-encryption existed). Key files of earlier
generations are still this journal's (same id) but open only the older copies of it; the
generation tells the user which one to use. In keyring mode it also names the keyring
entry (:attr:`KeyFile.keyring_user`), so the entry a key file names always holds the key
of the database that key file describes.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from tkg_journal.safe_read import Problem, UnreadableFile, read_user_file
from tkg_journal.safe_write import write_atomically
from tkg_journal.security import kdf, recovery_key
from tkg_journal.security.database_key import key_check, matches
from tkg_journal.security.errors import (
    DamagedKeySlot,
    KeyFileError,
    KeyMismatch,
    MissingKeySlot,
    NewerKeyFile,
    WrongPassphrase,
    WrongRecoveryKey,
)

FORMAT = "tkg-journal-keys"
VERSION = 1
_NONCE_BYTES = 12
_WRAPPED_KEY_BYTES = 32 + 16  # the key and the GCM tag
_MAX_KEY_FILE_BYTES = 64 * 1024
_RESTORE = (
    "put back journal.keys from a backup of the journal folder, or rebuild it from the "
    "recovery sheet (tkg-journal recover --recovery-key-file FILE, the sheet's text in "
    "FILE); nothing was changed"
)


class KeyMode(StrEnum):
    KEYRING = "keyring"
    PASSPHRASE = "passphrase"


@dataclass(frozen=True, slots=True)
class KeySlot:
    salt: bytes
    nonce: bytes
    wrapped_key: bytes
    argon2: kdf.Argon2Params | None = None  # None: the recovery slot (HKDF)
    #: The integrity check as read from the file (None: written before checks existed,
    #: or made in memory). Written afresh by :meth:`KeyFile.to_bytes`.
    check: str | None = field(default=None, compare=False)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "salt": self.salt.hex(),
            "nonce": self.nonce.hex(),
            "wrapped_key": self.wrapped_key.hex(),
        }
        if self.argon2 is not None:
            data["kdf"] = "argon2id"
            data["argon2"] = self.argon2.to_json()
        else:
            data["kdf"] = "hkdf-sha256"
        return data

    @classmethod
    def from_json(cls, data: Any) -> KeySlot:
        try:
            argon2 = (
                kdf.Argon2Params.from_json(data["argon2"]) if data["kdf"] == "argon2id" else None
            )
            check = data.get("check")
            if check is not None and not isinstance(check, str):
                raise TypeError("the check is not text")
            slot = cls(
                bytes.fromhex(data["salt"]),
                bytes.fromhex(data["nonce"]),
                bytes.fromhex(data["wrapped_key"]),
                argon2,
                check,
            )
            if (len(slot.salt), len(slot.nonce), len(slot.wrapped_key)) != (
                kdf.SALT_BYTES,
                _NONCE_BYTES,
                _WRAPPED_KEY_BYTES,
            ):
                raise ValueError("wrong field length")
            return slot
        except (KeyError, TypeError, ValueError):
            raise KeyFileError("a field is missing or malformed") from None


@dataclass(frozen=True, slots=True)
class KeyFile:
    journal_id: str
    mode: KeyMode
    key_check: str
    slots: dict[str, KeySlot] = field(default_factory=dict)
    #: 1 until the journal is first re-encrypted, then one more each time.
    generation: int = 1
    #: When the journal was last re-encrypted (ISO 8601, UTC); None: never.
    rekeyed_at: str | None = None

    @property
    def keyring_user(self) -> str:
        """The keyring entry's user name: the journal's id, and after a re-encryption its
        generation too (each database key has an entry of its own; see the docstring)."""
        return self.journal_id if self.generation == 1 else f"{self.journal_id}#{self.generation}"

    def to_bytes(self) -> bytes:
        data: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "journal_id": self.journal_id,
            "mode": self.mode.value,
            "key_check": self.key_check,
            "slots": {
                name: {**slot.to_json(), "check": slot_check(self.journal_id, name, slot)}
                for name, slot in self.slots.items()
            },
        }
        if self.generation != 1:  # generation 1 files stay as earlier versions wrote them
            data["generation"] = self.generation
        if self.rekeyed_at is not None:
            data["rekeyed_at"] = self.rekeyed_at
        return (json.dumps(data, indent=2) + "\n").encode("utf-8")


def slot_check(journal_id: str, slot_name: str, slot: KeySlot) -> str:
    """The integrity check of a slot's stored fields (no secret goes into it)."""
    canonical = json.dumps(
        [FORMAT, journal_id, slot_name, slot.to_json()], sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


def slot_intact(key_file: KeyFile, slot_name: str) -> bool | None:
    """Whether the slot is as it was written; None if its file has no check for it."""
    slot = key_file.slots[slot_name]
    if slot.check is None:
        return None
    return hmac.compare_digest(slot.check, slot_check(key_file.journal_id, slot_name, slot))


def _aad(journal_id: str, slot_name: str) -> bytes:
    # Binding the slot to its journal and name stops slots being swapped between files.
    return f"{FORMAT}:{journal_id}:{slot_name}".encode()


def _wrap(kek: bytes, key: bytes, journal_id: str, slot_name: str) -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(_NONCE_BYTES)
    return nonce, AESGCM(kek).encrypt(nonce, key, _aad(journal_id, slot_name))


def unwrap_recovery_slot(slot: KeySlot, journal_id: str, recovery: str) -> bytes | None:
    """The database key a recovery slot wraps (None: not with this recovery key), for a
    slot read from somewhere other than a key file (the recovery sheet's block)."""
    return _unwrap(recovery_key.derive_key(recovery, slot.salt), slot, journal_id, "recovery")


def _unwrap(kek: bytes, slot: KeySlot, journal_id: str, slot_name: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(slot.nonce, slot.wrapped_key, _aad(journal_id, slot_name))
    except InvalidTag:
        return None


def passphrase_slot(key: bytes, journal_id: str, passphrase: str) -> KeySlot:
    salt, params = kdf.new_salt(), kdf.Argon2Params()
    nonce, wrapped = _wrap(kdf.derive_key(passphrase, salt, params), key, journal_id, "passphrase")
    return KeySlot(salt, nonce, wrapped, params)


def recovery_slot(key: bytes, journal_id: str, recovery: str) -> KeySlot:
    salt = kdf.new_salt()
    nonce, wrapped = _wrap(recovery_key.derive_key(recovery, salt), key, journal_id, "recovery")
    return KeySlot(salt, nonce, wrapped)


def create(
    *,
    key: bytes,
    journal_id: str,
    mode: KeyMode,
    recovery: str,
    passphrase: str | None = None,
    recovery_slot_made: KeySlot | None = None,
    generation: int = 1,
    rekeyed_at: str | None = None,
) -> KeyFile:
    """A key file for ``key``. ``recovery_slot_made``: the recovery slot, already made
    (and shown on a recovery sheet) for this key and recovery key."""
    slots = {"recovery": recovery_slot_made or recovery_slot(key, journal_id, recovery)}
    if mode is KeyMode.PASSPHRASE:
        if not passphrase:
            raise ValueError("passphrase mode needs a passphrase")
        slots["passphrase"] = passphrase_slot(key, journal_id, passphrase)
    return KeyFile(journal_id, mode, key_check(key), slots, generation, rekeyed_at)


def rebuilt(
    *,
    key: bytes,
    journal_id: str,
    generation: int,
    recovery: KeySlot,
    passphrase: str | None,
) -> KeyFile:
    """A key file made again from its recovery slot (kept as it was, so the sheet it was
    printed on keeps working) and a new passphrase, or keyring mode when None."""
    keyring_file = KeyFile(
        journal_id, KeyMode.KEYRING, key_check(key), {"recovery": recovery}, generation
    )
    return keyring_file if passphrase is None else with_passphrase(keyring_file, key, passphrase)


def unlock_with_passphrase(key_file: KeyFile, passphrase: str) -> bytes:
    """The database key from the passphrase slot.

    Raises:
        WrongPassphrase: the slot is intact, so the passphrase is wrong (``unsure`` for a
            slot without an integrity check).
        DamagedKeySlot: the slot fails its integrity check; the recovery key still works.
        MissingKeySlot: a passphrase journal whose key file lost its passphrase slot.
        KeyFileError: a keyring journal (it has no passphrase).
    """
    slot = key_file.slots.get("passphrase")
    if slot is None and key_file.mode is KeyMode.KEYRING:
        raise KeyFileError("this journal has no passphrase (its key is in the OS keyring)")
    if slot is None:
        raise MissingKeySlot(
            "the journal's key file is damaged: it says the journal uses a passphrase but "
            "holds no passphrase slot. Unlock with the recovery key (tkg-journal recover, "
            'or "Use my recovery key instead" in the app); it sets a new passphrase',
            slot="passphrase",
        )
    if slot.argon2 is None:
        raise _damaged_passphrase_slot()
    kek = kdf.derive_key(passphrase, slot.salt, slot.argon2)
    key = _unwrap(kek, slot, key_file.journal_id, "passphrase")
    if key is None:
        intact = slot_intact(key_file, "passphrase")
        if intact is False:
            raise _damaged_passphrase_slot()
        raise WrongPassphrase(unsure=intact is None)
    return key


def _damaged_passphrase_slot() -> DamagedKeySlot:
    return DamagedKeySlot(
        "the journal's key file is damaged: its passphrase slot has changed since it was "
        "written, so no passphrase can unlock it. Unlock with the recovery key "
        '(tkg-journal recover, or "Use my recovery key instead" in the app); it sets a '
        "new passphrase",
        slot="passphrase",
    )


def unlock_with_recovery_key(key_file: KeyFile, recovery: str) -> bytes:
    """The database key from the recovery slot.

    Raises:
        WrongRecoveryKey: not a recovery key, or the slot is intact and the key is wrong
            (``unsure`` for a slot without an integrity check).
        DamagedKeySlot: the slot fails its integrity check; the passphrase still works.
        MissingKeySlot: the key file has no recovery slot.
    """
    slot = key_file.slots.get("recovery")
    if slot is None:
        raise MissingKeySlot(
            "the journal's key file has no recovery-key slot, so no recovery key can unlock "
            f"this journal. {_OTHER_WAY_IN}",
            slot="recovery",
        )
    key = _unwrap(
        recovery_key.derive_key(recovery, slot.salt), slot, key_file.journal_id, "recovery"
    )
    if key is None:
        intact = slot_intact(key_file, "recovery")
        if intact is False:
            raise DamagedKeySlot(
                "the journal's key file is damaged: its recovery-key slot has changed since "
                f"it was written, so no recovery key can unlock it. {_OTHER_WAY_IN}",
                slot="recovery",
            )
        raise WrongRecoveryKey(unsure=intact is None)
    return key


_OTHER_WAY_IN = (
    "Unlock with the passphrase (or the OS keyring), then make a new recovery key "
    "(File > New recovery key\u2026 in the app)"
)


def verify(key_file: KeyFile, key: bytes) -> bytes:
    """Return ``key`` if it is this journal's key, else raise :class:`KeyMismatch`."""
    if not matches(key, key_file.key_check):
        raise KeyMismatch("the key found for this journal belongs to a different journal")
    return key


def with_passphrase(key_file: KeyFile, key: bytes, passphrase: str) -> KeyFile:
    """Passphrase mode with a new passphrase (also how a passphrase is changed)."""
    verify(key_file, key)
    slots = dict(key_file.slots, passphrase=passphrase_slot(key, key_file.journal_id, passphrase))
    return replace(key_file, mode=KeyMode.PASSPHRASE, slots=slots)


def with_keyring(key_file: KeyFile, key: bytes) -> KeyFile:
    """Keyring mode: the passphrase slot goes; the caller stores the key in the keyring."""
    verify(key_file, key)
    slots = {name: slot for name, slot in key_file.slots.items() if name != "passphrase"}
    return replace(key_file, mode=KeyMode.KEYRING, slots=slots)


def with_recovery_key(key_file: KeyFile, key: bytes, recovery: str) -> KeyFile:
    """A new recovery key replaces the old one (for a lost or exposed printout)."""
    return with_recovery_slot(key_file, key, recovery_slot(key, key_file.journal_id, recovery))


def with_recovery_slot(key_file: KeyFile, key: bytes, slot: KeySlot) -> KeyFile:
    """:func:`with_recovery_key` with the slot already made (and shown on a new sheet)."""
    verify(key_file, key)
    return replace(key_file, slots=dict(key_file.slots, recovery=slot))


def read(path: Path) -> KeyFile:
    """Load and validate a key file; every failure is a :class:`KeyFileError`
    (:class:`NewerKeyFile` for one a newer version wrote)."""
    try:
        raw = read_user_file(path, limit=_MAX_KEY_FILE_BYTES, what="the key file")
    except UnreadableFile as error:
        if error.problem is Problem.MISSING:
            raise KeyFileError(f"the journal's key file is missing ({path}): {_RESTORE}") from None
        if error.problem is Problem.TOO_LARGE:
            raise KeyFileError(
                f"the key file {path} is damaged or not a TKG Journal key file (it is larger "
                f"than a key file can be): {_RESTORE}"
            ) from None
        if error.problem is Problem.OS_ERROR:
            raise KeyFileError(f"cannot read the key file {path}: {error.detail}") from None
        raise KeyFileError(f"cannot read the key file {path}: it {error.detail}") from None
    return parse(raw, path)


def parse(raw: bytes, path: Path) -> KeyFile:
    """A key file from its bytes (``path``: where they came from, for messages)."""
    try:
        data = json.loads(raw.decode("utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError("not a key file")
        if data.get("version") != VERSION:
            raise NewerKeyFile(
                f"the key file is version {data.get('version')!r}; this "
                f"TKG Journal reads version {VERSION} (update the app)"
            )
        slots = {str(name): _slot(path, name, slot) for name, slot in data["slots"].items()}
        generation = data.get("generation", 1)
        rekeyed_at = data.get("rekeyed_at")
        if type(generation) is not int or generation < 1:
            raise ValueError("the generation is not a whole number from 1")
        if rekeyed_at is not None and not isinstance(rekeyed_at, str):
            raise ValueError("the re-encryption date is not text")
        return KeyFile(
            str(data["journal_id"]),
            KeyMode(data["mode"]),
            str(data["key_check"]),
            slots,
            generation,
            rekeyed_at,
        )
    except KeyFileError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError):
        raise KeyFileError(
            f"the key file {path} is damaged or not a TKG Journal key file: {_RESTORE}"
        ) from None


def _slot(path: Path, name: str, data: Any) -> KeySlot:
    try:
        return KeySlot.from_json(data)
    except KeyFileError as error:
        raise KeyFileError(
            f"the key file {path} is damaged: its {name} slot is unreadable ({error}); {_RESTORE}"
        ) from None


def write(path: Path, key_file: KeyFile, *, copy: Path | None = None) -> None:
    """Write the key file (atomically), then the same bytes to ``copy`` if given."""
    data = key_file.to_bytes()
    write_atomically(path, data)
    if copy is not None:
        write_atomically(copy, data)
