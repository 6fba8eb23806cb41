"""Drawing the summary's charts as PNG images, here or split across forked processes.

The app draws on its export worker thread (Qt and ``fork`` do not mix); the command line
draws in a helper process (``services/drawing_process.py``) that splits the charts across
forked processes, one core each.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Sequence

from tkg_journal.domain.summary import ChartImage
from tkg_journal.services import progress_charts
from tkg_journal.services.progress_charts import ChartData

#: Charts are drawn at the size the Progress section uses and saved at this resolution:
#: sharp on paper at the PDF's text width, small enough to keep the files light.
CHART_DPI = 150


def draw_chart(chart: ChartData) -> ChartImage:
    """One chart as a PNG image (matplotlib is imported on first use)."""
    from tkg_journal.charts.png import render_png

    png, width, height = render_png(progress_charts.build(chart), CHART_DPI)
    info = progress_charts.chart_info(chart.name)
    return ChartImage(
        name=chart.name,
        title=info.title,
        description=info.description,
        png=png,
        width_px=width,
        height_px=height,
        summary=progress_charts.sentence(chart),
    )


def draw_charts(charts: Sequence[ChartData], *, processes: int = 1) -> tuple[ChartImage, ...]:
    """The charts as PNG images, in the order given.

    ``processes`` > 1 splits the drawing across forked processes, one core each; only for
    a process with no other threads (the command line, a drawing helper), never the app.
    """
    if processes > 1 and len(charts) > 1 and hasattr(os, "fork"):
        return _draw_forked(charts, processes)
    return tuple(draw_chart(chart) for chart in charts)


#: How long each chart takes to draw, relative to the others (``bench/export_bench.py``
#: on the demo journal): the shares are evened out by it, as the slowest share decides
#: when the export is done.
_DRAWING_COST = {"attempts": 19, "activity": 18, "hierarchy": 13, "ratings": 13}


def _even_shares(charts: Sequence[ChartData], processes: int) -> list[list[ChartData]]:
    """The charts split into ``processes`` shares of about the same drawing time:
    the costliest first, each to the share with the least work so far."""
    shares: list[list[ChartData]] = [[] for _ in range(processes)]
    loads = [0] * processes
    for chart in sorted(charts, key=lambda c: -_DRAWING_COST.get(c.name, 15)):
        lightest = loads.index(min(loads))
        shares[lightest].append(chart)
        loads[lightest] += _DRAWING_COST.get(chart.name, 15)
    return shares


def _draw_forked(charts: Sequence[ChartData], processes: int) -> tuple[ChartImage, ...]:
    import matplotlib.figure  # noqa: F401 - imported once, before forking, for every child

    shares = _even_shares(charts, processes)
    children: list[tuple[int, int, list[ChartData]]] = []
    for share in shares[1:]:
        if not share:
            continue
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: draw its share, send the images, leave at once
            code = 1
            try:
                os.close(read)
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(pickle.dumps([draw_chart(chart) for chart in share]))
                code = 0
            finally:
                os._exit(code)  # no traceback, no atexit: nothing of the journal is printed
        os.close(write)
        children.append((pid, read, share))
    drawn = {image.name: image for image in (draw_chart(chart) for chart in shares[0])}
    for pid, read, share in children:
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        _pid, status = os.waitpid(pid, 0)
        # Our own pickles, from our own child process.
        images = pickle.loads(data) if status == 0 and data else [draw_chart(c) for c in share]
        drawn.update((image.name, image) for image in images)
    return tuple(drawn[chart.name] for chart in charts)
