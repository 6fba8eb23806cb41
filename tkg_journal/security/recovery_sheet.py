"""The recovery sheet's text: the recovery key and the recovery block, written and read.

The recovery key alone unlocks the key file's recovery slot, so it is no use once
``journal.keys`` is lost. The *recovery block* is that slot printed on the sheet: with it
the sheet alone (and ``journal.db``) opens the journal. The block is 100 bytes, written as
160 characters of Crockford base32 in 40 groups of 4 (5 lines of 8 groups)::

    version (1) | journal id (16, a UUID) | key generation (3) | salt (16) | nonce (12)
    | wrapped key (48: the database key and its GCM tag) | checksum (4)

The checksum is the first 4 bytes of SHA-256 over everything before it, in every format
version, so a mistyped block is caught (and a single wrong or swapped character located)
before any key is derived, and a block of a later format is named as such rather than as
mistyped. The generation has 3 bytes so the block comes to exactly 100 bytes (160
characters: no half-filled group).

The block opens nothing by itself: its key is wrapped (AES-256-GCM) under the recovery
key. Recovery key + block are the journal's key, so the sheet is kept like a key.

Reading forgives what ``recovery_key.normalise`` forgives (case, spaces, dashes, line
breaks, ``O`` for ``0``, ``I``/``L`` for ``1``, ``U`` for ``V``) and skips the sheet's
prose: a line is code when, after any plain label ending in ``:``, it holds only letters,
digits, spaces and dashes, in groups of 4 (a first reading; a second one takes any such
line, for a group typed with a character too few, and the checksum decides).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field

from tkg_journal.security import recovery_key
from tkg_journal.security.errors import RecoverySheetError
from tkg_journal.security.key_file import KeyFile, KeySlot, unwrap_recovery_slot
from tkg_journal.security.recovery_key import ALPHABET, RECOVERY_BYTES, canonical

VERSION = 1
_ID_BYTES = 16
_GENERATION_BYTES = 3
_SALT_BYTES = 16
_NONCE_BYTES = 12
_WRAPPED_BYTES = 48
_CHECKSUM_BYTES = 4
BLOCK_BYTES = (
    1 + _ID_BYTES + _GENERATION_BYTES + _SALT_BYTES + _NONCE_BYTES + _WRAPPED_BYTES
    + _CHECKSUM_BYTES
)
BLOCK_CHARS = BLOCK_BYTES * 8 // 5  # 160
KEY_CHARS = RECOVERY_BYTES * 8 // 5  # 32
_GROUP = 4
_GROUPS_PER_LINE = 8
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"  # what a word processor makes of "-"
_LOOK_AT_SHEET = "compare it with the sheet group by group"
# int(text, 32) reads the digits 0-9 and a-v: the same values in Crockford's alphabet.
_AS_PYTHON_BASE32 = str.maketrans(ALPHABET, "0123456789abcdefghijklmnopqrstuv")

# --- user-facing text ---------------------------------------------------------------------

KEY_LABEL = "Recovery key"
BLOCK_LABEL = "Recovery block"
WHAT_IT_IS = (
    "With journal.db, this recovery key and block open the journal even if journal.keys "
    "is lost: keep them as safe as a key."
)
NO_KEY = (
    "no recovery key found in the text (a recovery key is 8 groups of 4 letters and "
    "digits, like the one printed on the recovery sheet)"
)


@dataclass(frozen=True, slots=True)
class RecoveryBlock:
    """The recovery slot of one generation of a journal's key file."""

    journal_id: str
    generation: int
    #: With the recovery key, the journal's key: out of repr like the key (tracebacks, logs).
    slot: KeySlot = field(repr=False)

    def unwrap(self, recovery: str) -> bytes | None:
        """The database key, or None when ``recovery`` is not this block's recovery key."""
        return unwrap_recovery_slot(self.slot, self.journal_id, recovery)


@dataclass(frozen=True, slots=True)
class Sheet:
    """What a sheet's text holds: always a recovery key, and the block if it was there."""

    # The sheet is a key: neither part goes into a repr (tracebacks, logs, test reports).
    recovery_key: str = field(repr=False)
    block: RecoveryBlock | None = field(repr=False)


def block_of(keys: KeyFile) -> RecoveryBlock:
    """The recovery block of a key file (it must have a recovery slot)."""
    return RecoveryBlock(keys.journal_id, keys.generation, keys.slots["recovery"])


def block_lines(block: RecoveryBlock) -> list[str]:
    """The block as printed: 5 lines of 8 groups of 4 characters, spaced."""
    text = _encode(_block_bytes(block))
    groups = [text[i : i + _GROUP] for i in range(0, len(text), _GROUP)]
    return [
        " ".join(groups[i : i + _GROUPS_PER_LINE])
        for i in range(0, len(groups), _GROUPS_PER_LINE)
    ]


def sheet_text(recovery: str, block: RecoveryBlock) -> str:
    """The whole sheet as text (what ``init`` prints; what ``recover`` reads back)."""
    lines = [WHAT_IT_IS, "", f"{KEY_LABEL}:", f"    {recovery}", "", f"{BLOCK_LABEL}:"]
    lines += [f"    {line}" for line in block_lines(block)]
    return "\n".join(lines) + "\n"


def parse_sheet(text: str) -> Sheet:
    """The recovery key, and the block if the text holds one.

    Raises:
        RecoverySheetError: no recovery key in the text; a block that is mistyped or
            damaged (the message says where when one character is wrong); a block of
            another format version.
    """
    failures = []
    for strict in (True, False):
        lines = _code_lines(text, strict=strict)
        try:
            return _sheet_of(lines)
        except RecoverySheetError as error:
            failures.append((_off_by(lines), error))
    # The reading whose length is nearest a whole sheet says best what is wrong (the
    # strict one, that skips headings like "Recovery block", first when they tie).
    raise min(failures, key=lambda failure: failure[0])[1]


def _off_by(lines: list[str]) -> int:
    """How many characters the code found is from a key, or a key and a block."""
    found = sum(len(line) for line in lines)
    return min(abs(found - KEY_CHARS), abs(found - KEY_CHARS - BLOCK_CHARS))


def _sheet_of(lines: list[str]) -> Sheet:
    joined = "".join(lines)
    if len(joined) == KEY_CHARS:
        return Sheet(recovery_key.normalise(joined), None)
    if len(joined) == BLOCK_CHARS and _is_whole(joined):
        raise RecoverySheetError(
            "the text holds a recovery block but no recovery key: add the recovery key "
            "printed above the block on the sheet"
        )
    split = _split_key(lines)
    if split is None:
        raise RecoverySheetError(NO_KEY)
    key, rest = split
    return Sheet(recovery_key.normalise(key), parse_block(rest))


def find_recovery_key(text: str) -> str:
    """Only the recovery key of a sheet's text (a block, mistyped or not, is ignored):
    for unlocking with the key file, which has the slot the block would give.

    Raises:
        WrongRecoveryKey: no recovery key can be found in the text.
    """
    for strict in (True, False):
        lines = _code_lines(text, strict=strict)
        joined = "".join(lines)
        if len(joined) == KEY_CHARS:
            return recovery_key.normalise(joined)
        split = _split_key(lines)
        if split is not None:
            return recovery_key.normalise(split[0])
    return recovery_key.normalise(text)  # raises WrongRecoveryKey unless text is a key


def parse_block(chars: str) -> RecoveryBlock:
    """A block from its characters (already canonical: see :func:`recovery_key.canonical`).

    Raises:
        RecoverySheetError: as :func:`parse_sheet` says.
    """
    data = _decode(chars)
    if data is None or len(data) <= _CHECKSUM_BYTES or not _checksum_matches(data):
        raise RecoverySheetError(_mistyped(chars))
    if data[0] != VERSION:
        raise RecoverySheetError(
            f"the recovery block is of format version {data[0]}; this TKG Journal reads "
            f"version {VERSION} (update the app to use this sheet)"
        )
    if len(data) != BLOCK_BYTES:
        raise RecoverySheetError(_mistyped(chars))
    fields = _fields(data)
    return RecoveryBlock(
        str(uuid.UUID(bytes=fields[0])),
        int.from_bytes(fields[1], "big"),
        KeySlot(fields[2], fields[3], fields[4]),
    )


def _fields(data: bytes) -> list[bytes]:
    sizes = (_ID_BYTES, _GENERATION_BYTES, _SALT_BYTES, _NONCE_BYTES, _WRAPPED_BYTES)
    fields, offset = [], 1
    for size in sizes:
        fields.append(data[offset : offset + size])
        offset += size
    return fields


def _block_bytes(block: RecoveryBlock) -> bytes:
    slot = block.slot
    body = (
        bytes([VERSION])
        + uuid.UUID(block.journal_id).bytes
        + block.generation.to_bytes(_GENERATION_BYTES, "big")
        + slot.salt
        + slot.nonce
        + slot.wrapped_key
    )
    return body + _checksum(body)


def _checksum(body: bytes) -> bytes:
    return hashlib.sha256(body).digest()[:_CHECKSUM_BYTES]


def _checksum_matches(data: bytes) -> bool:
    return _checksum(data[:-_CHECKSUM_BYTES]) == data[-_CHECKSUM_BYTES:]


def _encode(data: bytes) -> str:
    """Crockford base32, most significant bits first, zero bits added to fill the last
    character (none for 100 bytes)."""
    bits = len(data) * 8
    chars = -(-bits // 5)
    value = int.from_bytes(data, "big") << (chars * 5 - bits)
    return "".join(ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(chars)))


def _decode(chars: str) -> bytes | None:
    """The bytes of :func:`_encode`'s text; None if it cannot be such a text."""
    if not chars or any(ch not in ALPHABET for ch in chars):
        return None
    value = int(chars.translate(_AS_PYTHON_BASE32), 32)
    spare = len(chars) * 5 % 8
    if value & ((1 << spare) - 1):
        return None  # the filling bits are always zero
    return (value >> spare).to_bytes(len(chars) * 5 // 8, "big")


def _mistyped(chars: str) -> str:
    if len(chars) != BLOCK_CHARS:
        return (
            f"the recovery block is mistyped: it has {len(chars)} letters and digits where "
            f"the sheet has {BLOCK_CHARS} (40 groups of 4); a group may be missing or "
            f"typed twice: {_LOOK_AT_SHEET}"
        )
    place = _locate_typo(chars)
    if place is not None:
        group = place // _GROUP
        return (
            f"the recovery block is mistyped: its checksum does not match, and group "
            f"{group + 1} of 40 (line {group // _GROUPS_PER_LINE + 1}, group "
            f"{group % _GROUPS_PER_LINE + 1}) looks wrong: {_LOOK_AT_SHEET}"
        )
    return (
        f"the recovery block is mistyped or damaged: its checksum does not match; "
        f"{_LOOK_AT_SHEET}"
    )


def _locate_typo(chars: str) -> int | None:
    """Where one wrong character or two swapped neighbours would explain the checksum,
    if exactly one place does (about 5,000 checksums: instant). Only a hint for the
    message: nothing is corrected behind the user's back."""
    places = set()
    for at in range(len(chars)):
        for ch in ALPHABET:
            if ch != chars[at] and _is_whole(chars[:at] + ch + chars[at + 1 :]):
                places.add(at)
        if at + 1 < len(chars) and chars[at] != chars[at + 1]:
            swapped = chars[:at] + chars[at + 1] + chars[at] + chars[at + 2 :]
            if _is_whole(swapped):
                places.add(at)
    return places.pop() if len(places) == 1 else None


def _is_whole(chars: str) -> bool:
    data = _decode(chars)
    return data is not None and len(data) > _CHECKSUM_BYTES and _checksum_matches(data)


def _code_lines(text: str, *, strict: bool) -> list[str]:
    """The canonical characters of each line of code in ``text`` (see the docstring).

    ``strict``: only lines whose groups are 4 characters long (or 8, 12...: spaces left
    out), which skips headings without punctuation ("Recovery block" in a PDF's text);
    otherwise any line of letters, digits, spaces and dashes (a group typed with a
    character too few)."""
    found = []
    for line in text.splitlines():
        label, _, code = line.rpartition(":")
        # A label is a few plain words ("Recovery key:"); a sentence with a colon in it
        # ("... away from the computer: with your") is prose.
        if not all(ch.isalnum() or ch.isspace() for ch in label):
            continue
        if not code.strip() or not all(_is_code_char(ch) for ch in code):
            continue
        groups = "".join(" " if ch in _DASHES else ch for ch in code).split()
        if strict and any(len(group) % _GROUP for group in groups):
            continue
        found.append(canonical(code))
    return found


def _is_code_char(ch: str) -> bool:
    return (ch.isascii() and ch.isalnum()) or ch.isspace() or ch in _DASHES


def _split_key(lines: list[str]) -> tuple[str, str] | None:
    """The recovery key and the rest (the block's characters), or None.

    As printed, the key comes first, on lines of its own: the first lines that make up
    exactly 32 characters. Typed or pasted otherwise, the key may come last, or share one
    line with the block; those readings count only when the rest is a whole block (a
    line of the block is 32 characters too, so it must not pass for a mistyped key).
    """
    joined = "".join(lines)
    key_first = (joined[:KEY_CHARS], joined[KEY_CHARS:])
    key_last = (joined[-KEY_CHARS:], joined[:-KEY_CHARS])
    printed = key_first if _leading_key(lines) else None
    readings = [printed, key_last if _leading_key(lines[::-1]) else None]
    if len(joined) == KEY_CHARS + BLOCK_CHARS:
        readings += [key_first, key_last]
    for reading in readings:
        if reading is not None and _is_whole(reading[1]):
            return reading
    return printed  # its block is not whole: parsing it says what is wrong


def _leading_key(lines: list[str]) -> bool:
    """Whether the first lines make up exactly one key's worth of characters."""
    total = 0
    for line in lines:
        total += len(line)
        if total >= KEY_CHARS:
            return total == KEY_CHARS
    return False
