"""The one audited place where a key reaches SQLCipher.

``PRAGMA key`` takes no bound parameters, so the statement has to be formatted. It is
formatted only from raw key bytes that this function turns into hex itself: never from a
passphrase or any other text. A raw hex key (``x'..'``) also makes SQLCipher skip its
own PBKDF2, because our key is already random (the passphrase went through Argon2id).
"""

from __future__ import annotations

import re

KEY_BYTES = 32
_HEX_KEY = re.compile(r"[0-9a-f]{64}")


def key_pragma(key: bytes) -> str:
    """``PRAGMA key = "x'<64 hex digits>'"`` for a 32-byte raw key."""
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise ValueError("a database key is exactly 32 bytes")
    hex_key = key.hex()
    if not _HEX_KEY.fullmatch(hex_key):  # cannot fail for bytes.hex(); kept as the audit line
        raise ValueError("key is not hex")
    return f"PRAGMA key = \"x'{hex_key}'\""
