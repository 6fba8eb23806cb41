"""A helper process that draws the summary's charts for the command line.

matplotlib takes almost half a second to import, and drawing four charts about as long
again: done one after the other, after unlocking, they would make up most of an export's
time. So ``tkg-journal export`` forks this helper first thing: it imports matplotlib on the
other core while the command checks its arguments, derives the key and reads the journal,
then draws the charts it is sent, split across forked processes (``chart_drawing``).

The helper is forked before the key exists and never opens the database: all it ever
sees is the charts' data (counts and scores, no words). This module imports nothing heavy,
so that the fork happens as early as possible.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tkg_journal.domain.summary import ChartImage
    from tkg_journal.services.progress_charts import ChartData


class DrawingProcess:
    """The helper, as a context manager around the whole command; call ``draw`` once.

    Leaving the block without drawing (a typo, a wrong passphrase, an empty period) stops
    the helper. Without ``start_helper`` (no charts are wanted), where there is no
    ``fork``, or when the helper fails, ``draw`` draws in this process instead: slower,
    never missing.
    """

    def __init__(self, processes: int = 1, *, start_helper: bool = True) -> None:
        self._processes = processes
        self._pid: int | None = None
        self._work = self._images = -1  # our ends: we write the work, read the images
        if not start_helper or not hasattr(os, "fork"):
            return
        work_read, work_write = os.pipe()
        images_read, images_write = os.pipe()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                os.close(work_write)
                os.close(images_read)
                _serve(work_read, images_write, processes)
                code = 0
            finally:
                os._exit(code)  # no traceback, no atexit handlers: nothing is printed
        os.close(work_read)
        os.close(images_write)
        self._pid, self._work, self._images = pid, work_write, images_read

    def __enter__(self) -> DrawingProcess:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def helper_pid(self) -> int | None:
        """The helper's process id until it has drawn or been stopped; None without one."""
        return self._pid

    def draw(self, charts: Sequence[ChartData]) -> tuple[ChartImage, ...]:
        """The charts as PNG images, in the order given."""
        pid = self._pid
        if pid is None or not charts:
            return _draw_here(charts, self._processes)
        self._pid = None
        data = b""
        # A helper that died early shows as a broken pipe here, or as no reply.
        with contextlib.suppress(OSError):
            with os.fdopen(self._work, "wb") as work:
                work.write(pickle.dumps(list(charts)))
            with os.fdopen(self._images, "rb") as images:
                data = images.read()
        _pid, status = os.waitpid(pid, 0)
        if status != 0 or not data:
            return _draw_here(charts, self._processes)
        drawn: tuple[ChartImage, ...] = pickle.loads(data)  # our own helper's pickles
        return drawn

    def close(self) -> None:
        """Stop the helper if it was never asked to draw."""
        pid = self._pid
        if pid is None:
            return
        self._pid = None
        for end in (self._work, self._images):
            with contextlib.suppress(OSError):
                os.close(end)
        # It may be halfway through importing matplotlib: no need to wait for that.
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def _draw_here(charts: Sequence[ChartData], processes: int) -> tuple[ChartImage, ...]:
    from tkg_journal.services.chart_drawing import draw_charts

    return draw_charts(charts, processes=processes)


def _serve(work_read: int, images_write: int, processes: int) -> None:
    """The helper's life: import matplotlib, wait for the charts, draw them, reply."""
    import matplotlib.figure  # noqa: F401 - the point of starting early

    from tkg_journal.services.chart_drawing import draw_charts

    with os.fdopen(work_read, "rb") as work:
        sent = work.read()
    if not sent:  # the command stopped before asking: nothing to draw
        return
    charts: list[ChartData] = pickle.loads(sent)
    images = draw_charts(charts, processes=processes)
    with os.fdopen(images_write, "wb") as reply:
        reply.write(pickle.dumps(images))
