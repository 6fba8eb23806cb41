"""Chart 5: the hierarchy as a pyramid, bottom-up, each level shaded by its current strength.

Foundation is the widest band at the bottom, Mastery the narrowest at the top. The stronger
a level looks from recent ratings, attempt outcomes and feedback, the deeper its colour; a
level without recent signals is hatched and says "no data". The lowest weak level is
outlined and marked "Work here next": the inside-out rule of the method.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from tkg_journal.charts import style
from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import WEAK_THRESHOLD, LevelStrength, Period, work_here_next

TITLE = "The hierarchy, bottom-up"
EMPTY = (
    "No recent ratings, attempts or feedback yet. Rate each level weekly to see where "
    "the foundation is weak."
)
WORK_HERE_NEXT = "Work here next"
NO_DATA = "no data"
ALL_STRONG = "No level is weak:\nkeep the foundation strong\nas you work higher up."
BOTTOM_HALF_WIDTH = 1.0
TOP_HALF_WIDTH = 0.22
BAND_GAP = 0.08
MIN_SHADE = 0.12  # a strength of 0 still shows a tint of the level's colour
LEFT = -1.7  # where the notes left of the pyramid start
SIGNALS_X = 1.08  # where the per-level signal notes start (right of the widest band)


def half_width(y: float) -> float:
    """Half the pyramid's width at height ``y`` (0 at the bottom, 5 at the top)."""
    return BOTTOM_HALF_WIDTH - (BOTTOM_HALF_WIDTH - TOP_HALF_WIDTH) * y / len(Level)


def build_hierarchy(
    strengths: list[LevelStrength],
    *,
    period: Period,
    levels: Sequence[Level] = (),
    dark: bool = False,
) -> Figure:
    """Five trapezoid bands, Foundation at the bottom, shaded by strength (0..1)."""
    del levels  # the pyramid always shows the whole hierarchy: its point is the order
    figure = style.new_figure(dark)
    by_level = {s.level: s for s in strengths}
    if all(s.strength is None for s in strengths):
        return style.empty_state(figure, EMPTY, title=TITLE, dark=dark)

    colours = style.theme(dark)
    target = work_here_next(strengths)
    ax = style.plot_area(figure).add_subplot()
    ax.set_facecolor(colours.background)
    ax.set_axis_off()
    for level in Level:  # bottom-up
        known = by_level.get(level)
        strength = known.strength if known is not None else None
        y0 = int(level) - 1 + BAND_GAP / 2
        y1 = int(level) - BAND_GAP / 2
        corners = [
            (-half_width(y0), y0),
            (half_width(y0), y0),
            (half_width(y1), y1),
            (-half_width(y1), y1),
        ]
        if strength is None:
            fill = style.mix(level.colour, colours.background, 0.06)
            band = Polygon(
                corners,
                closed=True,
                facecolor=fill,
                edgecolor=level.colour,
                hatch="///",
                linewidth=1.2,
                gid=f"band-{level.name.lower()}",
                label=f"{level.title} (no data)",
            )
            text = f"{level.label()}\n{NO_DATA}"
            text_colour = colours.text
        else:
            shade = MIN_SHADE + (1 - MIN_SHADE) * strength
            fill = style.mix(level.colour, colours.background, shade)
            band = Polygon(
                corners,
                closed=True,
                facecolor=fill,
                edgecolor=level.colour,
                linewidth=1.2,
                gid=f"band-{level.name.lower()}",
                label=level.title,
            )
            text = f"{level.label()}\n{strength:.0%}"
            text_colour = style.readable_on(_hex(fill))
        if level == target:
            band.set_edgecolor(colours.text)
            band.set_linewidth(2.6)
        ax.add_patch(band)
        middle = (y0 + y1) / 2
        label = ax.text(
            0,
            middle,
            text,
            ha="center",
            va="center",
            fontsize=style.EMPHASIS_SIZE,
            fontweight="bold",
            linespacing=1.15,
            color=text_colour,
            zorder=4,
        )
        if strength is None:
            label.set_bbox(
                {"boxstyle": "round,pad=0.25", "facecolor": colours.background, "edgecolor": "none"}
            )
        ax.text(
            SIGNALS_X,
            middle,
            _signals(known),
            ha="left",
            va="center",
            fontsize=style.NOTE_SIZE,
            color=colours.muted,
        )
        if level == target:
            ax.annotate(
                WORK_HERE_NEXT,
                xy=(-half_width(middle) - 0.03, middle),
                xytext=(LEFT, middle),
                ha="left",
                va="center",
                fontsize=style.EMPHASIS_SIZE,
                fontweight="bold",
                color=colours.text,
                arrowprops={"arrowstyle": "-|>", "color": colours.text, "linewidth": 1.6},
                gid=f"work-here-next-{level.name.lower()}",
                zorder=5,
            )
    ax.set_xlim(LEFT - 0.05, 2.05)
    ax.set_ylim(-0.05, len(Level) + 0.05)
    if target is None:
        ax.text(
            LEFT,
            len(Level) - 0.5,
            ALL_STRONG,
            ha="left",
            va="center",
            fontsize=style.NOTE_SIZE,
            color=colours.muted,
        )
    style.titles(
        figure,
        TITLE,
        f"Shade = strength from recent ratings, attempt outcomes and feedback \u00b7 "
        f"below {WEAK_THRESHOLD:.0%} is weak",
        dark=dark,
    )
    return figure


def _signals(known: LevelStrength | None) -> str:
    """ "rating 6.4/10 · attempts +0.8 · feedback +1.2" (the signals behind a strength)."""
    if known is None or known.strength is None:
        return "no recent signals"
    parts = []
    if known.rating is not None:
        parts.append(f"rating {known.rating:.1f}/10")
    if known.attempt_outcome is not None:
        parts.append(f"attempts {_signed(known.attempt_outcome)}")
    if known.feedback is not None:
        parts.append(f"feedback {_signed(known.feedback)}")
    return "\n".join(parts)


def _signed(value: float) -> str:
    text = f"{abs(value):.1f}"
    return f"+{text}" if value > 0.05 else (f"{style.MINUS}{text}" if value < -0.05 else text)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)
