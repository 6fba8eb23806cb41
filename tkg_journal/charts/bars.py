"""Stacked bars drawn as one collection per series.

``Axes.bar`` makes one ``Rectangle`` artist per bar. The activity chart over two years has
about 370 of them, and each one's layout, hatching and draw call cost enough to push the
chart past its 300 ms budget. A ``PolyCollection`` holds a whole series (one level's entries
across all buckets) and draws it in one call, with the same colours, edge and hatch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection


@dataclass(frozen=True)
class Bar:
    """One drawn bar, read back from a collection (tests, hover text)."""

    centre: float
    bottom: float
    height: float


def add_bars(
    ax: Axes,
    centres: Sequence[float],
    heights: Sequence[float],
    *,
    bottoms: Sequence[float],
    width: float,
    label: str,
    **style: Any,
) -> PolyCollection:
    """One series of vertical bars as a single artist; bars of height 0 are left out."""
    half = width / 2
    verts = [
        ((x - half, b), (x - half, b + h), (x + half, b + h), (x + half, b))
        for x, b, h in zip(centres, bottoms, heights, strict=True)
        if h > 0
    ]
    collection = PolyCollection(verts, label=label, **style)
    # Bars grow from zero: keep the y axis from padding below it, as Axes.bar does.
    collection.sticky_edges.y.append(0.0)
    ax.add_collection(collection)
    return collection


def bars_of(collection: PolyCollection) -> list[Bar]:
    """The bars a collection from ``add_bars`` draws, left to right as given."""
    bars = []
    for path in collection.get_paths():
        box = path.get_extents()
        bars.append(Bar((box.x0 + box.x1) / 2, box.y0, box.y1 - box.y0))
    return bars
