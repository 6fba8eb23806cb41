"""Direct labels: a line's name at its right end, in its colour, instead of a legend.

A legend makes the reader match colours back and forth; a name at the end of each line
does not. Two lines ending close together would put their names on top of each other,
so the names are nudged apart vertically when the chart is drawn, at the size it is drawn
(the app's canvas resizes the figure; the exports draw it at 800 x 450 px). The
constrained layout keeps room for them right of the plot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox, IdentityTransform

from tkg_journal.charts import style

#: Space between a line's end and its name (points).
PAD_PT = 5.0
#: Rows of names at least this many text heights apart.
ROW = 1.08


@dataclass(frozen=True, slots=True)
class EndLabel:
    """A name for the line ending at (x, y), in data coordinates."""

    text: str
    x: float
    y: float
    colour: str  # the line's colour; the text is darkened or lightened until it reads


class EndLabels(Artist):
    """The names of an axes' lines at their right ends, kept from overlapping."""

    def __init__(self, ax: Axes, labels: Sequence[EndLabel], *, dark: bool) -> None:
        super().__init__()
        self._ax = ax
        self.labels = tuple(labels)
        self.texts = [
            Text(
                0,
                0,
                label.text,
                color=style.readable_colour(label.colour, dark),
                fontsize=style.DIRECT_LABEL_SIZE,
                fontweight="bold",
                ha="left",
                va="center",
                transform=IdentityTransform(),
                # A line may end among its points: the name stays readable over them.
                bbox={
                    "boxstyle": "square,pad=0.1",
                    "facecolor": style.theme(dark).background,
                    "edgecolor": "none",
                    "alpha": 0.8,
                },
            )
            for label in self.labels
        ]
        self.set_clip_on(False)  # right of the plot, and counted by the layout
        self.set_zorder(5)

    def set_figure(self, fig: Any) -> None:
        super().set_figure(fig)
        for text in self.texts:
            text.set_figure(fig)

    def _root(self) -> Figure:
        root = self._ax.get_figure(root=True)
        assert isinstance(root, Figure)
        return root

    def get_children(self) -> list[Artist]:
        return list(self.texts)  # so findobj (and the tests) see the names

    def _place(self, renderer: RendererBase) -> None:
        """Put each name right of its line's end, then spread overlapping names apart."""
        if not self.texts:
            return
        ends = self._ax.transData.transform([(label.x, label.y) for label in self.labels])
        dpi = self._root().dpi
        height = max(text.get_window_extent(renderer).height for text in self.texts)
        box = self._ax.bbox
        rows = spread([float(y) for _, y in ends], height * ROW, box.y0, box.y1)
        for text, (x, _), y in zip(self.texts, ends, rows, strict=True):
            text.set_position((float(x) + PAD_PT * dpi / 72.0, y))

    def get_window_extent(self, renderer: RendererBase | None = None) -> Bbox:
        if renderer is None:
            renderer = self._root()._get_renderer()  # type: ignore[attr-defined]
        if not self.texts:
            return Bbox.null()
        self._place(renderer)
        return Bbox.union([text.get_window_extent(renderer) for text in self.texts])

    def draw(self, renderer: RendererBase) -> None:
        if not self.get_visible():
            return
        self._place(renderer)
        for text in self.texts:
            text.draw(renderer)
        self.stale = False


def end_labels(ax: Axes, labels: Sequence[EndLabel], *, dark: bool) -> EndLabels:
    """Name each line at its right end (labels with a NaN end are left out)."""
    shown = [label for label in labels if label.y == label.y and label.x == label.x]
    artist = EndLabels(ax, shown, dark=dark)
    ax.add_artist(artist)
    artist.set_clip_path(None)  # add_artist clips to the plot; the names sit right of it
    artist.set_clip_on(False)
    return artist


def end_label_texts(ax: Axes) -> list[str]:
    """The names written at the lines' ends, bottom-up as given (tests, hover)."""
    return [
        text.get_text()
        for artist in ax.artists
        if isinstance(artist, EndLabels)
        for text in artist.texts
    ]


def spread(wanted: Sequence[float], step: float, low: float, high: float) -> list[float]:
    """Positions as close to ``wanted`` as they can be while ``step`` apart and, where
    there is room, within ``low``..``high``: names that would overlap move apart around
    their mean, as a group."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    clusters: list[list[int]] = []

    def middle(cluster: list[int]) -> float:
        mean = sum(wanted[i] for i in cluster) / len(cluster)
        half = (len(cluster) - 1) * step / 2
        if high - low < 2 * half:
            return (low + high) / 2  # taller than the room: centred on it
        return min(max(mean, low + half), high - half)

    for index in order:
        clusters.append([index])
        while len(clusters) > 1:
            below, above = clusters[-2], clusters[-1]
            top_of_below = middle(below) + (len(below) - 1) * step / 2
            bottom_of_above = middle(above) - (len(above) - 1) * step / 2
            if bottom_of_above - top_of_below >= step:
                break
            clusters[-2:] = [below + above]
    positions = [0.0] * len(wanted)
    for cluster in clusters:
        first = middle(cluster) - (len(cluster) - 1) * step / 2
        for row, index in enumerate(cluster):
            positions[index] = first + row * step
    return positions
