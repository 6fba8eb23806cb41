"""The one audited place where a key reaches SQLCipher.

``PRAGMA key`` takes no bound parameters, so the statement has to be formatted. It is
formatted only from raw key bytes that this function turns into hex itself: never from a
passphrase or any other text. A raw hex key (``x'..'``) also makes SQLCipher skip its
own PBKDF2, because our key is already random (the passphrase went through Argon2id).

The file format is pinned rather than left to the library (:func:`keying_statements`):
every journal is SQLCipher 4's format, and a later SQLCipher whose defaults differ must
still read the journals written today, and write new ones (and copies) the same way.

:func:`key_fits` tells, without SQLCipher, whether a key is a database file's key: it
checks the HMAC that SQLCipher 4 writes on every page. A key file copied from another
journal can then be named as such, instead of the database being reported as damaged.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from pathlib import Path

KEY_BYTES = 32
_HEX_KEY = re.compile(r"[0-9a-f]{64}")

# What ``cipher_compatibility = 4`` (pinned by keying_statements) means for a raw key:
# 4096-byte pages ending in a 16-byte IV and a 64-byte HMAC-SHA512 of the page's
# ciphertext, its IV and its page number (4 bytes, little-endian). The HMAC key is
# PBKDF2-HMAC-SHA512 (2 iterations) of the raw key with the file's salt (its first 16
# bytes) XOR 0x3a. Page 1's HMAC leaves out the salt. (kdf_iter, 256,000, applies only
# to passphrases: SQLCipher uses a raw key as it is.)
PAGE_BYTES = 4096
_SALT_BYTES = 16
_HMAC_BYTES = 64
_HMAC_SALT_MASK = 0x3A
_HMAC_KEY_ITERATIONS = 2
_PAGES_TRIED = 64
_PLAIN_SQLITE = b"SQLite format 3\x00"

# SQLCipher 4's format, named rather than left to the library's defaults: a SQLCipher
# that one day defaults to another format would otherwise fail to read every journal
# written before (and write new ones differently). For a raw key the settings that count
# are the page size, the HMAC and its algorithm, and the algorithm (not the iteration
# count) of the KDF that derives the HMAC key; compatibility 4 sets them all. It leaves
# out the plaintext header (0: the salt is the file's first 16 bytes), named as well.
_PIN_FORMAT = (
    "PRAGMA cipher_compatibility = 4",
    "PRAGMA cipher_plaintext_header_size = 0",
)
# The same format as the process's defaults too: SQLCipher keys some files itself, with
# those defaults and no pragma of ours in between (the copy ``VACUUM INTO`` writes, a
# database attached without KEY; an ATTACH reads the file before any pragma could name
# its format). Setting them again is harmless (the same values), so every connection
# sets them instead of trusting that another one did.
_PIN_DEFAULT_FORMAT = (
    "PRAGMA cipher_default_compatibility = 4",
    "PRAGMA cipher_default_plaintext_header_size = 0",
)
#: ``PRAGMA cipher_settings`` of a journal connection: what the pin above amounts to.
PINNED_SETTINGS = (
    "PRAGMA kdf_iter = 256000;",
    "PRAGMA cipher_page_size = 4096;",
    "PRAGMA cipher_use_hmac = 1;",
    "PRAGMA cipher_plaintext_header_size = 0;",
    "PRAGMA cipher_hmac_algorithm = HMAC_SHA512;",
    "PRAGMA cipher_kdf_algorithm = PBKDF2_HMAC_SHA512;",
)


def keying_statements(key: bytes) -> tuple[str, ...]:
    """What a new connection runs, in this order, before it reads or writes a journal file:
    the pinned defaults, the key, then the pinned format. The format comes after the key
    because SQLCipher applies it to the keyed database (and before the first read, which
    is when SQLCipher derives the page keys and checks page 1)."""
    return (*_PIN_DEFAULT_FORMAT, key_pragma(key), *_PIN_FORMAT)


def key_pragma(key: bytes) -> str:
    """``PRAGMA key = "x'<64 hex digits>'"`` for a 32-byte raw key."""
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise ValueError("a database key is exactly 32 bytes")
    hex_key = key.hex()
    if not _HEX_KEY.fullmatch(hex_key):  # cannot fail for bytes.hex(); kept as the audit line
        raise ValueError("key is not hex")
    return f"PRAGMA key = \"x'{hex_key}'\""


def key_fits(path: Path, key: bytes) -> bool | None:
    """Whether ``key`` is the key of the SQLCipher database at ``path``.

    True once one page authenticates with it (so a damaged page elsewhere does not
    matter); False if none of up to 64 pages spread over the file does; None if that
    cannot be told (the file holds no whole page, is plain SQLite, or cannot be read).
    Reads only.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(PAGE_BYTES)
            pages = path.stat().st_size // PAGE_BYTES
            if len(head) < PAGE_BYTES or pages == 0 or head.startswith(_PLAIN_SQLITE):
                return None  # not an encrypted database: opening it says what it is
            salt = head[:_SALT_BYTES]
            mask = bytes(byte ^ _HMAC_SALT_MASK for byte in salt)
            hmac_key = hashlib.pbkdf2_hmac("sha512", key, mask, _HMAC_KEY_ITERATIONS, 32)
            for number in _page_numbers(pages):
                if number == 1:
                    page = head
                else:
                    handle.seek((number - 1) * PAGE_BYTES)
                    page = handle.read(PAGE_BYTES)
                if len(page) == PAGE_BYTES and _page_authenticates(hmac_key, page, number):
                    return True
    except OSError:
        return None
    return False


def _page_numbers(pages: int) -> list[int]:
    """The first pages, then pages spread evenly to the end (1-based, no repeats)."""
    step = max(1, pages // (_PAGES_TRIED - 8))
    chosen = list(range(1, min(pages, 8) + 1)) + list(range(1, pages + 1, step))
    return sorted(set(chosen))[:_PAGES_TRIED]


def _page_authenticates(hmac_key: bytes, page: bytes, number: int) -> bool:
    start = _SALT_BYTES if number == 1 else 0
    signed = page[start : PAGE_BYTES - _HMAC_BYTES] + number.to_bytes(4, "little")
    expected = hmac.new(hmac_key, signed, hashlib.sha512).digest()
    return hmac.compare_digest(expected, page[PAGE_BYTES - _HMAC_BYTES :])
