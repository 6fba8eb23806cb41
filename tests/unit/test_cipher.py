"""The one statement that hands the database key to SQLCipher."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tkg_journal.storage.cipher import key_pragma

PRAGMA = re.compile(r"PRAGMA key = \"x'[0-9a-f]{64}'\"")


def test_key_pragma_is_a_raw_hex_key() -> None:
    key = bytes(range(32))
    assert key_pragma(key) == f"PRAGMA key = \"x'{key.hex()}'\""
    assert key_pragma(key) == (
        "PRAGMA key = \"x'000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'\""
    )


def test_key_pragma_uses_lowercase_hex() -> None:
    assert key_pragma(b"\xff" * 32) == "PRAGMA key = \"x'" + "ff" * 32 + "'\""


@pytest.mark.parametrize("size", [0, 16, 31, 33, 64])
def test_key_pragma_refuses_keys_that_are_not_32_bytes(size: int) -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        key_pragma(b"k" * size)


@pytest.mark.parametrize(
    "key", ["a" * 32, "0" * 64, "x'00'; DROP TABLE entries; --" + "a" * 2, bytearray(32)]
)
def test_key_pragma_refuses_text_and_other_types(key: object) -> None:
    with pytest.raises(ValueError):
        key_pragma(key)  # type: ignore[arg-type]


@given(st.binary(min_size=32, max_size=32))
def test_any_32_byte_key_gives_a_well_formed_pragma(key: bytes) -> None:
    pragma = key_pragma(key)
    assert PRAGMA.fullmatch(pragma)
    assert bytes.fromhex(pragma[len("PRAGMA key = \"x'") : -2]) == key
