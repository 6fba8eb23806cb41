"""The recovery sheet's text: the block's encoding, and reading a sheet back however it
was typed or pasted (and saying exactly what is wrong when it cannot be read)."""

from __future__ import annotations

import hashlib
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tkg_journal.security import key_file, recovery_sheet
from tkg_journal.security.database_key import new_database_key
from tkg_journal.security.errors import RecoverySheetError
from tkg_journal.security.key_file import KeyMode, KeySlot
from tkg_journal.security.recovery_key import ALPHABET, new_recovery_key
from tkg_journal.security.recovery_sheet import (
    BLOCK_CHARS,
    RecoveryBlock,
    block_lines,
    find_recovery_key,
    parse_sheet,
    sheet_text,
)

KEY = new_database_key()
RECOVERY = new_recovery_key()
JOURNAL_ID = str(uuid.uuid4())
KEYS = key_file.create(key=KEY, journal_id=JOURNAL_ID, mode=KeyMode.KEYRING, recovery=RECOVERY)
BLOCK = recovery_sheet.block_of(KEYS)
LINES = block_lines(BLOCK)


def plain(key: str) -> str:
    return key.replace("-", "")


def test_the_block_is_five_lines_of_eight_groups_of_four() -> None:
    assert len(LINES) == 5
    for line in LINES:
        groups = line.split(" ")
        assert len(groups) == 8 and all(len(g) == 4 for g in groups)
        assert all(ch in ALPHABET for ch in line.replace(" ", ""))
    assert sum(len(line.replace(" ", "")) for line in LINES) == BLOCK_CHARS == 160


def test_the_whole_sheet_reads_back_and_its_block_unwraps_the_key() -> None:
    sheet = parse_sheet(sheet_text(RECOVERY, BLOCK))
    assert sheet.recovery_key == plain(RECOVERY)
    assert sheet.block == BLOCK
    assert sheet.block.journal_id == JOURNAL_ID and sheet.block.generation == 1
    assert sheet.block.unwrap(RECOVERY) == KEY
    assert sheet.block.unwrap(new_recovery_key()) is None


def test_what_init_prints_reads_back_whole() -> None:
    printed = "\n".join([
        "Created an encrypted journal in /home/me/journal (protected by your passphrase).",
        "",
        "Recovery key (print it or write it down, and keep it somewhere safe):",
        "",
        f"    {RECOVERY}",
        "",
        "Recovery block (with the key above, it opens journal.db even if journal.keys is",
        "lost: keep the key and the block together, as safe as a key):",
        "",
        *(f"    {line}" for line in LINES),
        "",
        "They unlock this journal if the passphrase is forgotten or the keyring is lost.",
        "The recovery key is shown only this once.",
    ])
    assert parse_sheet(printed).block == BLOCK


@pytest.mark.parametrize("typed", [
    pytest.param(lambda: f"{RECOVERY.lower()}\n" + "\n".join(LINES).lower(), id="lower case"),
    pytest.param(lambda: RECOVERY + "\n" + "\n".join(LINES).replace("0", "O").replace(
        "1", "l"), id="look-alikes"),
    pytest.param(lambda: RECOVERY + "\n" + "\n".join(line.replace(" ", "-") for line in LINES),
                 id="dashes"),
    pytest.param(lambda: RECOVERY + "\n" + " ".join(LINES).replace(" ", ""), id="one line"),
    pytest.param(lambda: "\n".join(LINES) + "\n" + RECOVERY, id="key last"),
    pytest.param(lambda: f"{RECOVERY} {' '.join(LINES)}", id="all on one line"),
    pytest.param(lambda: f"{' '.join(LINES)} {RECOVERY}", id="one line, key last"),
    pytest.param(lambda: "\n\n".join(f"  {line}\t" for line in [RECOVERY, *LINES]) + "\r\n",
                 id="blank lines and tabs"),
])
def test_typing_and_pasting_are_forgiven(typed) -> None:  # type: ignore[no-untyped-def]
    sheet = parse_sheet(typed())
    assert sheet.block == BLOCK and sheet.recovery_key == plain(RECOVERY)


def test_the_key_alone_is_a_sheet_without_a_block() -> None:
    assert parse_sheet(f"  {RECOVERY.lower()}\n").block is None
    assert parse_sheet(f"Recovery key: {RECOVERY}").recovery_key == plain(RECOVERY)


def mistype(lines: list[str], line: int, at: int) -> list[str]:
    changed = list(lines)
    old = changed[line][at]
    changed[line] = changed[line][:at] + ("Z" if old != "Z" else "Y") + changed[line][at + 1:]
    return changed


def test_one_wrong_character_is_named_by_its_group() -> None:
    # Line 3, character 6: the second group of that line, the 18th of 40.
    text = RECOVERY + "\n" + "\n".join(mistype(LINES, 2, 6))
    with pytest.raises(RecoverySheetError, match=r"mistyped.*group 18 of 40 \(line 3, group 2\)"):
        parse_sheet(text)


def test_two_swapped_characters_are_named_too() -> None:
    # The block is random, so swap the first two neighbours in one group of line 5 that
    # differ (a group of four equal characters is possible; a line of them is not).
    lines = list(LINES)
    groups = lines[4].split(" ")
    index, at = next((g, i) for g, group in enumerate(groups) for i in range(3)
                     if group[i] != group[i + 1])
    group = groups[index]
    groups[index] = group[:at] + group[at + 1] + group[at] + group[at + 2:]
    lines[4] = " ".join(groups)
    expected = rf"group {33 + index} of 40 \(line 5, group {index + 1}\)"
    with pytest.raises(RecoverySheetError, match=expected):
        parse_sheet(RECOVERY + "\n" + "\n".join(lines))


def test_a_missing_group_is_a_length_error() -> None:
    text = RECOVERY + "\n" + "\n".join(LINES)[5:]
    with pytest.raises(RecoverySheetError, match="156 letters and digits where the sheet has 160"):
        parse_sheet(text)


def test_many_mistakes_are_still_caught() -> None:
    lines = mistype(mistype(mistype(LINES, 0, 10), 2, 3), 4, 30)
    with pytest.raises(RecoverySheetError, match="mistyped or damaged: its checksum"):
        parse_sheet(RECOVERY + "\n" + "\n".join(lines))


def test_a_block_of_a_later_format_says_so() -> None:
    body = bytes([2]) + b"\x07" * 95
    data = body + hashlib.sha256(body).digest()[:4]
    text = recovery_sheet._encode(data)
    with pytest.raises(RecoverySheetError, match=r"format version 2; this TKG Journal reads "
                                                 r"version 1 \(update the app"):
        parse_sheet(f"{RECOVERY}\n{text}")


def test_no_key_in_the_text() -> None:
    for text in ("", "hello there.", "ABCD EFGH"):
        with pytest.raises(RecoverySheetError, match="no recovery key found"):
            parse_sheet(text)
    with pytest.raises(RecoverySheetError, match="a recovery block but no recovery key"):
        parse_sheet("\n".join(LINES))
    # A key with a character too many is not taken for a line of the block (32 too).
    with pytest.raises(RecoverySheetError, match="no recovery key found"):
        parse_sheet(f"{RECOVERY}X\n" + "\n".join(LINES))


def test_find_recovery_key_ignores_a_damaged_block() -> None:
    text = RECOVERY + "\n" + "\n".join(mistype(LINES, 1, 1))
    assert find_recovery_key(text) == plain(RECOVERY)
    assert find_recovery_key(sheet_text(RECOVERY, BLOCK)) == plain(RECOVERY)


@given(
    generation=st.integers(1, 2**24 - 1),
    salt=st.binary(min_size=16, max_size=16),
    nonce=st.binary(min_size=12, max_size=12),
    wrapped=st.binary(min_size=48, max_size=48),
    journal=st.uuids(),
)
def test_every_block_round_trips(
    generation: int, salt: bytes, nonce: bytes, wrapped: bytes, journal: uuid.UUID
) -> None:
    block = RecoveryBlock(str(journal), generation, KeySlot(salt, nonce, wrapped))
    assert parse_sheet(sheet_text(RECOVERY, block)).block == block


def test_headings_and_sentences_around_the_code_are_skipped() -> None:
    """As pdftotext gives a printed sheet back: headings without punctuation, sentences
    with a colon and words of four letters in them."""
    text = "\n".join([
        "TKG Journal recovery key",
        "Created on 2 March 2026",
        f"      {RECOVERY}",
        "What it unlocks",
        "Recovery block",
        *(f"        {line}" for line in LINES),
        "Keep this page somewhere safe and private, away from the computer: with your",
        "Where to keep it",
    ])
    sheet = parse_sheet(text)
    assert sheet.block == BLOCK and find_recovery_key(text) == plain(RECOVERY)


def test_a_group_typed_a_character_short_is_counted() -> None:
    lines = list(LINES)
    lines[1] = lines[1][:5] + lines[1][6:]  # "ABCD EFG HJKM ..."
    with pytest.raises(RecoverySheetError, match="159 letters and digits where the sheet "):
        parse_sheet(RECOVERY + "\n" + "\n".join(lines))
