"""The database key: 32 random bytes, checked against a journal without touching its file."""

from __future__ import annotations

import hashlib
import hmac
import secrets

KEY_BYTES = 32
_CHECK_LABEL = b"tkg-journal key check v1"


def new_database_key() -> bytes:
    """A fresh random 256-bit key for SQLCipher (from the OS's CSPRNG)."""
    return secrets.token_bytes(KEY_BYTES)


def key_check(key: bytes) -> str:
    """A short fingerprint that tells whether ``key`` is this journal's key.

    It is an HMAC of a fixed label, so it reveals nothing usable about the key, and it
    lets a wrong key be refused before SQLCipher ever opens (or could touch) the file.
    """
    return hmac.new(key, _CHECK_LABEL, hashlib.sha256).hexdigest()[:32]


def matches(key: bytes, check: str) -> bool:
    return hmac.compare_digest(key_check(key), check)
