"""Passphrase -> key-encryption key with Argon2id, a memory-hard KDF.

The parameters are RFC 9106's second recommended option (64 MiB, 3 passes, 4 lanes).
They are stored with each key slot, so stronger settings can come later without
breaking existing journals.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from typing import Any

from tkg_journal.security.errors import KeyFileError, WrongPassphrase

SALT_BYTES = 16
MIN_MEMORY_KIB = 64 * 1024
MAX_MEMORY_KIB = 4 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Argon2Params:
    time_cost: int = 3
    memory_kib: int = MIN_MEMORY_KIB
    parallelism: int = 4

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Argon2Params:
        try:
            params = cls(int(data["time_cost"]), int(data["memory_kib"]), int(data["parallelism"]))
        except (KeyError, TypeError, ValueError):
            raise KeyFileError("the key file's passphrase settings are damaged") from None
        # Refuse weakened settings: a tampered key file must not make guessing cheap.
        if params.memory_kib < MIN_MEMORY_KIB or params.time_cost < 1 or params.parallelism < 1:
            raise KeyFileError("the key file asks for a weaker passphrase hash than allowed")
        # ...and must not make unlocking hang or exhaust memory either.
        if params.memory_kib > MAX_MEMORY_KIB or params.time_cost > 64 or params.parallelism > 64:
            raise KeyFileError("the key file's passphrase settings are out of range (damaged?)")
        return params


def new_salt() -> bytes:
    return secrets.token_bytes(SALT_BYTES)


def derive_key(passphrase: str, salt: bytes, params: Argon2Params) -> bytes:
    """32-byte key-encryption key from the passphrase (NFC-normalised UTF-8).

    Raises:
        WrongPassphrase: ``passphrase`` is not text (it holds a lone surrogate), so it is
            no passphrase that could have been set (``check_new_passphrase`` refuses it).
    """
    import unicodedata

    from argon2.low_level import Type, hash_secret_raw

    secret: bytes | None
    try:
        secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    except UnicodeEncodeError:
        # Its message quotes a character of the passphrase and its ``object`` holds all of
        # it: raised here it would carry the secret into tracebacks and bug reports.
        secret = None
    if secret is None:
        raise WrongPassphrase()  # outside the handler: no __context__ holding the secret
    return hash_secret_raw(
        secret, salt, params.time_cost, params.memory_kib, params.parallelism, 32, Type.ID
    )
