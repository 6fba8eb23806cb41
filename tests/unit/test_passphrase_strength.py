"""The passphrase strength hint: length and variety help, patterns and common words do not."""

from __future__ import annotations

import pytest

from tkg_journal.ui.common.passphrase_strength import (
    ADVICE_COMMON,
    ADVICE_EMPTY,
    ADVICE_REPEATED,
    ADVICE_SEQUENCE,
    ADVICE_TOO_SHORT,
    StrengthLevel,
    estimate,
    is_common,
)

WEAK, FAIR, STRONG = StrengthLevel.WEAK, StrengthLevel.FAIR, StrengthLevel.STRONG


def test_empty_is_weak_with_advice_on_how_to_choose() -> None:
    strength = estimate("")
    assert (strength.level, strength.score, strength.advice) == (WEAK, 0, ADVICE_EMPTY)


@pytest.mark.parametrize(
    ("passphrase", "level"),
    [
        ("abc", WEAK),
        ("kitten12", WEAK),
        ("Summer2024", FAIR),  # varied but short: never strong under 12 characters
        ("Tr0ub4dor&3", FAIR),
        ("horse battery", FAIR),
        ("xk7#pQ2!mZ9w", STRONG),
        ("correct horse battery staple", STRONG),
        ("Übermäßig große Blätter", STRONG),
    ],
)
def test_levels(passphrase: str, level: StrengthLevel) -> None:
    assert estimate(passphrase).level is level


@pytest.mark.parametrize(
    "passphrase", ["password", "PASSWORD", "P@ssw0rd", "Password123!", "qwerty", "letmein99"]
)
def test_very_common_passwords_are_weak_whatever_their_dressing(passphrase: str) -> None:
    assert is_common(passphrase)
    strength = estimate(passphrase)
    assert strength.level is WEAK and strength.advice == ADVICE_COMMON


def test_a_common_word_inside_a_longer_passphrase_is_not_flagged() -> None:
    assert not is_common("my password is long and odd")
    assert estimate("my password is long and odd").level is STRONG


def test_too_short_says_so() -> None:
    strength = estimate("Zq8#")
    assert strength.level is WEAK and strength.advice == ADVICE_TOO_SHORT


@pytest.mark.parametrize(
    "passphrase", ["aaaaaaaaaaaaaaaa", "abcabcabcabcabcabc", "xyzxyzxyzxyzxyz"]
)
def test_repetition_adds_little(passphrase: str) -> None:
    strength = estimate(passphrase)
    assert strength.level is WEAK
    assert strength.advice == ADVICE_REPEATED


@pytest.mark.parametrize("passphrase", ["abcdefghijklmn", "98765432109876", "asdfghjklzxcv"])
def test_runs_and_keyboard_rows_are_easy_to_guess(passphrase: str) -> None:
    strength = estimate(passphrase)
    assert strength.level is WEAK
    assert strength.advice == ADVICE_SEQUENCE


def test_same_length_varied_beats_patterned() -> None:
    assert estimate("k3v9x1q7m2z8").bits > estimate("abcdefghijkl").bits * 2


def test_score_grows_with_length_and_stays_in_range() -> None:
    scores = [estimate("correct horse battery staple"[:n]).score for n in range(1, 29)]
    assert all(0 <= score <= 100 for score in scores)
    assert scores[-1] == 100
    assert scores == sorted(scores)


def test_level_labels() -> None:
    assert [level.label for level in StrengthLevel] == ["Weak", "Fair", "Strong"]
