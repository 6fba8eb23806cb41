"""Every word the level picker shows: its rows' tooltips, the line under the pyramid,
"Look one level lower" and "No level". The picker is shared (the entry editor and the
experiment dialog both show it), so its words live beside it in ``ui/common``.
"""

from __future__ import annotations

from tkg_journal.domain.levels import Level

LEVEL_PICKER_ACCESSIBLE_NAME = "Level"
LEVEL_PICKER_DESCRIPTION = (
    "The five levels, Mastery at the top and Foundation at the bottom. Up and Down move "
    "between levels; Space or Enter selects."
)
NO_LEVEL_BUTTON = "No level"
NO_LEVEL_TOOLTIP = "Clear the level of this entry"
LOOK_LOWER_BUTTON = "Look one level lower"
NO_LEVEL_SHORT = "No level"
LEVEL_BUTTON_DESCRIPTION = (
    "1 to 5 choose a level, Foundation to Mastery; Up and Down step; 0 clears it; "
    "Enter opens the pyramid."
)
NO_LEVEL_CHOSEN = "No level chosen. Where does the root of this lie?"


def level_focus_text(level: Level) -> str:
    """The row's tooltip and accessible description: what the level is about."""
    return f"{level.label()}: {level.focus}. {level.info.description}"


def level_selected_text(level: Level) -> str:
    """The line under the pyramid naming the selected level's focus."""
    if level.below is None:
        return f"{level.title}: {level.focus}. The work starts here."
    return f"{level.title}: {level.focus}."


def root_hint_text(level: Level) -> str:
    """The "root, not symptom" prompt for a level above Foundation."""
    below = level.below
    assert below is not None, "Foundation has no level below it"
    return f"Root, not symptom: could this start one level lower, at {below.title} ({below.focus})?"


def look_lower_tooltip(level: Level) -> str:
    below = level.below
    assert below is not None, "Foundation has no level below it"
    return f"Select {below.label()} instead"


def level_button_name(level: Level | None) -> str:
    """What a screen reader says for the level button: the caption and the value."""
    return f"Level: {level.label() if level is not None else NO_LEVEL_SHORT}"


def level_button_tooltip(level: Level | None) -> str:
    """The level, what it is about and, above Foundation, the "root, not symptom" hint."""
    if level is None:
        return NO_LEVEL_CHOSEN
    if level.below is None:
        return level_selected_text(level)
    return f"{level_selected_text(level)}\n{root_hint_text(level)}"
