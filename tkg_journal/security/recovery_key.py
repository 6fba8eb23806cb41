"""The printable recovery key: 160 random bits as eight groups of Crockford base32.

It is high-entropy, so HKDF (not a slow KDF) turns it into a key-encryption key. Reading
it back forgives case, spaces, dashes and the usual look-alike letters.
"""

from __future__ import annotations

import secrets

from tkg_journal.security.errors import WrongRecoveryKey

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
#: What a person may type for a digit or letter the alphabet leaves out.
LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})
_ALPHABET, _LOOKALIKES = ALPHABET, LOOKALIKES
RECOVERY_BYTES = 20
_GROUP = 4


def new_recovery_key() -> str:
    """A new key like ``7K3Q-M0ZD-...`` (8 groups of 4), to be shown once and printed."""
    value = int.from_bytes(secrets.token_bytes(RECOVERY_BYTES), "big")
    chars = []
    for _ in range(RECOVERY_BYTES * 8 // 5):
        value, digit = divmod(value, 32)
        chars.append(_ALPHABET[digit])
    text = "".join(reversed(chars))
    return "-".join(text[i : i + _GROUP] for i in range(0, len(text), _GROUP))


def canonical(text: str) -> str:
    """The letters and digits of ``text``, upper case, look-alikes read as the alphabet's
    (``O`` as ``0``...): spaces, dashes and line breaks are dropped."""
    return "".join(ch for ch in text.upper() if ch.isalnum()).translate(LOOKALIKES)


def normalise(text: str) -> str:
    """Canonical form of a typed recovery key; raises if it cannot be one."""
    cleaned = canonical(text)
    if len(cleaned) != RECOVERY_BYTES * 8 // 5 or any(ch not in _ALPHABET for ch in cleaned):
        raise WrongRecoveryKey()
    return cleaned


def derive_key(recovery_key: str, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    hkdf = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=salt, info=b"tkg-journal recovery key v1"
    )
    return hkdf.derive(normalise(recovery_key).encode("ascii"))
