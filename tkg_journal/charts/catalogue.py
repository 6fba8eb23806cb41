"""The charts there are, in the order they are shown: name, title and a short description.

Plain data (no matplotlib): ``tkg-journal chart --list`` and the Progress section read it
without paying for the matplotlib import.
"""

from __future__ import annotations

#: (name, title, description), in the order of the Progress section and ``chart --list``.
CHART_CATALOGUE: tuple[tuple[str, str, str], ...] = (
    (
        "activity",
        "Activity per level",
        "Entries and attempts per level, week by week or month by month",
    ),
    (
        "ratings",
        "Self-rating per level",
        "Your 1-10 self-rating of each level over time",
    ),
    (
        "attempts",
        "Experiment attempts",
        "How often you tried the new response, and how it went, per level",
    ),
    (
        "feedback",
        "Feedback received",
        "How the feedback others give you lands over time, with a rolling mean",
    ),
    (
        "hierarchy",
        "The hierarchy",
        "The five levels bottom-up, shaded by current strength; where to work next",
    ),
    (
        "calendar",
        "Journaling days",
        "A calendar of the days you wrote, deeper colour for more entries",
    ),
)
CHART_NAMES: tuple[str, ...] = tuple(name for name, _, _ in CHART_CATALOGUE)
