"""The five levels of the coaching hierarchy: order, labels and how users name them."""

from __future__ import annotations

import pytest

from tkg_journal.domain.errors import DomainError, ValidationError
from tkg_journal.domain.levels import Level, parse_level

BOTTOM_UP = ["Foundation", "Growth", "Empowerment", "Guidance", "Mastery"]


def test_iteration_yields_the_levels_bottom_up() -> None:
    assert [level.title for level in Level] == BOTTOM_UP
    assert [int(level) for level in Level] == [1, 2, 3, 4, 5]


def test_levels_compare_by_rank_from_foundation_to_mastery() -> None:
    assert Level.FOUNDATION < Level.GROWTH < Level.EMPOWERMENT < Level.GUIDANCE < Level.MASTERY
    assert sorted([Level.MASTERY, Level.FOUNDATION, Level.GUIDANCE]) == [
        Level.FOUNDATION,
        Level.GUIDANCE,
        Level.MASTERY,
    ]
    assert min(Level) is Level.FOUNDATION
    assert max(Level) is Level.MASTERY


@pytest.mark.parametrize(
    ("level", "below"),
    [
        (Level.FOUNDATION, None),
        (Level.GROWTH, Level.FOUNDATION),
        (Level.EMPOWERMENT, Level.GROWTH),
        (Level.GUIDANCE, Level.EMPOWERMENT),
        (Level.MASTERY, Level.GUIDANCE),
    ],
)
def test_below_is_the_level_one_step_lower(level: Level, below: Level | None) -> None:
    assert level.below is below


@pytest.mark.parametrize(
    ("level", "label"),
    [
        (Level.FOUNDATION, "1 Foundation"),
        (Level.GROWTH, "2 Growth"),
        (Level.EMPOWERMENT, "3 Empowerment"),
        (Level.GUIDANCE, "4 Guidance"),
        (Level.MASTERY, "5 Mastery"),
    ],
)
def test_label_shows_rank_and_title(level: Level, label: str) -> None:
    assert level.label() == label


def test_every_level_describes_its_focus_and_gap_signs() -> None:
    assert Level.FOUNDATION.focus == "self-awareness, emotional intelligence"
    assert "avoiding difficult conversations" in Level.GROWTH.info.gap_signs
    for level in Level:
        assert level.info.description
        assert level.info.gap_signs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("foundation", Level.FOUNDATION),
        ("Growth", Level.GROWTH),
        ("EMPOWERMENT", Level.EMPOWERMENT),
        ("  guidance\t", Level.GUIDANCE),
        ("mAsTeRy\n", Level.MASTERY),
        ("1", Level.FOUNDATION),
        (" 3 ", Level.EMPOWERMENT),
        ("5", Level.MASTERY),
        (2, Level.GROWTH),
        (4, Level.GUIDANCE),
    ],
)
def test_parse_level_by_name_or_number(text: str | int, expected: Level) -> None:
    assert parse_level(text) is expected


@pytest.mark.parametrize("text", ["", "  ", "0", "6", "-1", 0, 6, "leadership", "grow", "1.0"])
def test_unknown_level_error_names_every_valid_level(text: str | int) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_level(text)
    message = str(caught.value)
    assert caught.value.field == "level"
    for title in BOTTOM_UP:
        assert title.lower() in message.lower()
    for rank in "12345":
        assert rank in message


def test_unknown_level_error_quotes_what_was_typed() -> None:
    with pytest.raises(ValidationError, match="leadership"):
        parse_level("leadership")


@pytest.mark.parametrize("text", ["²", "①"])
def test_digit_like_characters_are_a_validation_error(text: str) -> None:
    with pytest.raises(DomainError):
        parse_level(text)
