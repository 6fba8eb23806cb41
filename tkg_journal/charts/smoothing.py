"""The rolling mean the charts draw over their raw points: smooth, and never a spike.

A plain rolling mean jumps whenever a point enters or leaves its window, and where the
window holds one point it *is* that point: one harsh remark, or the first check-in, reads
as a trend. This one weighs each point by its distance in time (the tricube weight LOESS
uses: 1 at the day, falling smoothly to 0), so points fade in and out without a step; its
weights spread as far as a plain mean over the window's days (the same standard
deviation), so "a 90-day mean" smooths as much as one; it is evaluated on an even grid of
days, so the line is a curve rather than a staircase; and it is drawn only where it rests
on enough points:

- at least ``min_points`` points with a weight,
- no single point carrying more than ``MAX_SHARE`` of the weight, and
- not inside a silence longer than the window (no points for that long): there the
  line breaks rather than draw a trend across months of nothing.

Each stretch of line starts and ends at a point's day: a line that trailed off into a
silence before stopping would show a trend no one recorded.

No matplotlib here (numpy only): the tests check the numbers directly.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Sequence

import numpy as np

#: How far (in windows) on either side of a day a point still weighs something: where the
#: tricube weight's standard deviation (sqrt(35/243) of its reach) equals a plain
#: rolling mean's over one window (sqrt(1/12) of it).
REACH = math.sqrt(243 / (12 * 35))
#: The most one point may weigh in a drawn mean (a share of all the weights): where one
#: point carries more, the mean is mostly that point and the line leaves a gap.
MAX_SHARE = 0.5
#: Points of the line across the whole span (plus the data's own days): a smooth curve at
#: any size the app draws, for a few milliseconds of numpy.
SAMPLES = 240
#: The window is at least this many times the usual spacing of the points, so that even
#: at the last point (where only the points before it count) a few of them share
#: the weight and the line reaches the latest one.
MIN_WINDOW_SPACINGS = 4
#: The window by the span shown (days): a month over a few months, two over a year; a
#: short window over years is mostly noise.
WINDOW_BY_SPAN = ((183, 30), (400, 60))
LONG_WINDOW = 90


def window_days(span_days: float, days: Sequence[float] = ()) -> int:
    """The window (days) for points on ``days`` spanning ``span_days``: by the span, and
    wide enough for the points' usual spacing (fortnightly check-ins need a longer window
    than weekly ones for the same number of points in it)."""
    by_span = next((w for up_to, w in WINDOW_BY_SPAN if span_days <= up_to), LONG_WINDOW)
    ordered = sorted(days)
    gaps = [b - a for a, b in itertools.pairwise(ordered) if b > a]
    if not gaps:
        return by_span
    spacing = statistics.median(gaps)
    # In whole weeks: "a 35-day mean" rather than "a 32-day mean".
    return max(by_span, 7 * math.ceil(MIN_WINDOW_SPACINGS * spacing / 7))


def rolling_mean(
    xs: Sequence[float],
    ys: Sequence[float],
    *,
    window: float,
    min_points: int = 3,
    samples: int = SAMPLES,
) -> tuple[list[float], list[float]]:
    """The time-weighted mean of ``ys`` along ``xs`` (days), as a line ``(xs, ys)`` with
    NaN (a gap) where it would rest on too few points (see the module's docstring).

    ``window``: the days of the plain rolling mean this one smooths like: a point ``d``
    days from a sample weighs ``(1 - |d / reach|**3)**3``, reach = ``REACH * window``.
    """
    if len(xs) != len(ys):
        raise ValueError("xs and ys differ in length")
    if not xs:
        return [], []
    x = np.asarray(xs, dtype=float)
    y = np.asarray(ys, dtype=float)
    order = np.argsort(x, kind="stable")
    x, y = x[order], y[order]
    # An even grid, plus the points' own days: a short burst between two grid days
    # still gets its stretch of line.
    grid = np.union1d(np.linspace(x[0], x[-1], max(samples, 2)), x)
    reach = REACH * window
    means = np.full(grid.shape, np.nan)
    # Only the points within reach of a sample count: gather them as a padded block per
    # sample rather than weighing every point against every sample.
    lows = np.searchsorted(x, grid - reach, side="left")
    highs = np.searchsorted(x, grid + reach, side="right")
    width = int((highs - lows).max())
    if width == 0:
        return grid.tolist(), means.tolist()
    index = lows[:, None] + np.arange(width)[None, :]
    inside = index < highs[:, None]
    index = np.minimum(index, len(x) - 1)
    distance = x[index] - grid[:, None]
    near = np.clip(1.0 - np.abs(distance / reach) ** 3, 0.0, None)
    weights = np.where(inside, near**3, 0.0)
    total = weights.sum(axis=1)
    count = (weights > 0).sum(axis=1)
    # The silence around each sample: from the last point at or before it to the next.
    after = np.searchsorted(x, grid, side="left")
    before = np.searchsorted(x, grid, side="right") - 1
    silence = x[np.minimum(after, len(x) - 1)] - x[np.maximum(before, 0)]
    with np.errstate(invalid="ignore", divide="ignore"):
        share = weights.max(axis=1) / total
        mean = (weights * np.where(inside, y[index], 0.0)).sum(axis=1) / total
    drawn = (count >= min_points) & (share <= MAX_SHARE) & (silence <= window)
    _trim_to_points(drawn, np.isin(grid, x))
    means[drawn] = mean[drawn]
    return grid.tolist(), means.tolist()


def _trim_to_points(drawn: np.ndarray, at_point: np.ndarray) -> None:
    """Shorten each run of ``drawn`` samples to start and end at a point's day (samples
    ``at_point``); a run left with fewer than two samples is no line at all."""
    index = 0
    while index < len(drawn):
        if not drawn[index]:
            index += 1
            continue
        end = index
        while end < len(drawn) and drawn[end]:
            end += 1
        points = np.flatnonzero(at_point[index:end])
        if len(points) < 2:
            drawn[index:end] = False
        else:
            drawn[index : index + points[0]] = False
            drawn[index + points[-1] + 1 : end] = False
        index = end
