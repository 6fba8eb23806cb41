"""A rough passphrase strength estimate for a hint beside a new secret (pure Python, no
Qt): the journal's passphrase (ui/keys) and a summary PDF's password (ui/coach). It lives
in ui/common because those feature packages may not import each other.

It is a hint, not a gate: the only rule the journal enforces is the service's minimum
length. The estimate counts bits the naive way (length x log2 of the character pool),
then takes away what guessers try first: repeated characters, runs like ``abc`` or
``4321``, keyboard rows and a short list of very common passwords (also with l33t
spelling and a number or symbol tacked on). Short strings never rate "strong", because
length is what makes a passphrase hard to guess.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import IntEnum

from tkg_journal.services.journal_access import MIN_PASSPHRASE_CHARS

# --- rules --------------------------------------------------------------------------------

#: The one rule: the service's minimum (the hints below say it, so they never disagree).
MIN_CHARS = MIN_PASSPHRASE_CHARS
#: Shorter never rates "strong" (the meter's view, not a rule: the hints do not ask for it).
STRONG_MIN_CHARS = 12

# --- user-facing text ---------------------------------------------------------------------

LEVEL_LABELS = {1: "Weak", 2: "Fair", 3: "Strong"}
ADVICE_EMPTY = (
    f"At least {MIN_CHARS} characters; a few unrelated words are easy to remember and hard "
    "to guess."
)
ADVICE_TOO_SHORT = (
    f"Too short: use at least {MIN_CHARS} characters; a few unrelated words work well."
)
ADVICE_COMMON = "This is one of the most common passwords; guessers try it first."
ADVICE_REPEATED = "Repeated characters (like “aaa”) add little; use more different words."
ADVICE_SEQUENCE = "Runs like “abc”, “123” or “qwerty” are easy to guess; avoid them."
ADVICE_WEAK = "Easy to guess: length matters most, so add a few more words."
ADVICE_FAIR = "Good start: another word or a few more characters make it much stronger."
ADVICE_STRONG = "Strong. Make sure you will remember it."

# --- the estimate -------------------------------------------------------------------------

FAIR_BITS = 45.0
STRONG_BITS = 70.0
#: Bits at which the meter is full.
FULL_BITS = 100.0
#: A character that only repeats or continues a run counts as this much of a character.
PATTERN_WEIGHT = 0.25

_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890", "qwertzuiop", "azertyuiop")
_COMMON = frozenset(
    {
        "password", "passwort", "123456", "1234567", "12345678", "123456789", "1234567890",
        "qwerty", "qwertyuiop", "azerty", "letmein", "iloveyou", "admin", "welcome", "monkey",
        "dragon", "football", "baseball", "abc123", "trustno1", "sunshine", "princess",
        "master", "shadow", "superman", "starwars", "whatever", "changeme", "secret",
        "michael", "jennifer", "computer", "internet", "freedom", "hello", "login",
        "qazwsx", "111111", "000000", "666666", "654321", "987654321", "passpass",
    }
)  # fmt: skip
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s", "!": "i"})  # fmt: skip


class StrengthLevel(IntEnum):
    WEAK = 1
    FAIR = 2
    STRONG = 3

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self.value]


@dataclass(frozen=True, slots=True)
class Strength:
    level: StrengthLevel
    #: 0..100, for a meter.
    score: int
    #: One line of advice for the user.
    advice: str
    bits: float


def estimate(passphrase: str) -> Strength:
    """How hard ``passphrase`` is to guess, with one line of advice."""
    if not passphrase:
        return Strength(StrengthLevel.WEAK, 0, ADVICE_EMPTY, 0.0)
    if is_common(passphrase):
        return Strength(StrengthLevel.WEAK, 5, ADVICE_COMMON, 0.0)
    weights, repeated, sequential = _pattern_weights(passphrase)
    effective = sum(weights)
    unit = _repeating_unit(passphrase)
    if unit is not None:  # "abcabcabc" is about as hard as "abc" plus a little
        effective = min(effective, len(unit) + PATTERN_WEIGHT * (len(passphrase) - len(unit)))
        repeated = True
    bits = effective * math.log2(_pool_size(passphrase))
    score = round(min(bits, FULL_BITS) / FULL_BITS * 100)
    if len(passphrase) < MIN_CHARS:
        return Strength(StrengthLevel.WEAK, min(score, 20), ADVICE_TOO_SHORT, bits)
    if bits < FAIR_BITS:
        level = StrengthLevel.WEAK
    elif bits < STRONG_BITS or len(passphrase) < STRONG_MIN_CHARS:
        level = StrengthLevel.FAIR
    else:
        level = StrengthLevel.STRONG
    if level is not StrengthLevel.STRONG and repeated:
        advice = ADVICE_REPEATED
    elif level is not StrengthLevel.STRONG and sequential:
        advice = ADVICE_SEQUENCE
    else:
        advice = {
            StrengthLevel.WEAK: ADVICE_WEAK,
            StrengthLevel.FAIR: ADVICE_FAIR,
            StrengthLevel.STRONG: ADVICE_STRONG,
        }[level]
    return Strength(level, score, advice, bits)


def is_common(passphrase: str) -> bool:
    """Whether it is a very common password, give or take case, l33t and a suffix."""
    lowered = passphrase.lower().strip()
    stripped = lowered.rstrip("0123456789!?.#*$@ ")
    candidates = {lowered, lowered.translate(_LEET), stripped, stripped.translate(_LEET)}
    return any(candidate in _COMMON for candidate in candidates if candidate)


def _pool_size(text: str) -> int:
    pool = 0
    if any(ch.islower() for ch in text):
        pool += 26
    if any(ch.isupper() for ch in text):
        pool += 26
    if any(ch.isdigit() for ch in text):
        pool += 10
    if " " in text:
        pool += 1  # a word separator adds length, hardly variety
    if any(not ch.isalnum() and ch != " " and ch.isascii() for ch in text):
        pool += 33
    if any(not ch.isascii() for ch in text):
        pool += 64
    return max(pool, 2)


def _pattern_weights(text: str) -> tuple[list[float], bool, bool]:
    """How much each character adds; and whether repeats or runs were seen."""
    lowered = text.lower()
    weights: list[float] = []
    repeated = sequential = False
    for i, ch in enumerate(lowered):
        if i >= 2 and ch == lowered[i - 1] == lowered[i - 2]:
            weights.append(PATTERN_WEIGHT)
            repeated = True
        elif i >= 2 and _continues_run(lowered[i - 2 : i + 1]):
            weights.append(PATTERN_WEIGHT)
            sequential = True
        else:
            weights.append(1.0)
    return weights, repeated, sequential


def _continues_run(three: str) -> bool:
    a, b, c = (ord(ch) for ch in three)
    if b - a == c - b and abs(b - a) == 1:
        return True
    return any(three in row or three in row[::-1] for row in _KEYBOARD_ROWS)


def _repeating_unit(text: str) -> str | None:
    """The shortest unit that ``text`` repeats (``"abab"`` -> ``"ab"``), if any."""
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            return text[:size]
    return None
