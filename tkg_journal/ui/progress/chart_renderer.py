"""Drawing the Progress charts off the GUI thread, without the journal leaving it.

Building and drawing a Figure takes tens to hundreds of milliseconds, so it runs on a
worker of a one-thread pool. The journal's SQLCipher connection is shared and not safe for
concurrent use, so the worker never touches it: it calls ``progress_charts.render`` with a
stand-in for the ``Progress`` service that answers from a snapshot of answers read on the
GUI thread. When an answer is missing, the stand-in stops the render (``_NeedData``), the
GUI thread runs that one query (milliseconds: the service aggregates in SQL) and the render
starts again; a chart needs one to three rounds. Every request carries the renderer's
generation: results of a request made before the range, the level filter, the palette or
the journal changed are dropped.

matplotlib loads lazily: ``services.progress_charts`` (which imports it) is imported on
the first drawing, not with this module.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import Bucket, Period, bucket_for
from tkg_journal.services.progress import Progress

CHARTS_MODULE = "tkg_journal.services.progress_charts"
MAX_ROUNDS = 12  # queries one render may ask for before it counts as a bug


def _frozen(value: Any) -> Any:
    """A hashable stand-in for a call argument (lists of levels become tuples)."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((repr(k), _frozen(v)) for k, v in value.items()))
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


class _NeedData(BaseException):
    """Stops a render in the worker: the answer to ``method(*args, **kwargs)`` is needed
    from the GUI thread. A BaseException, so no ``except Exception`` in render swallows it."""

    def __init__(
        self, key: Any, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        super().__init__(method)
        self.key = key
        self.method = method
        self.args = args
        self.kwargs = kwargs


class _Snapshot:
    """Stands in for the ``Progress`` service inside a worker: answers every call from
    answers read on the GUI thread, and asks for a missing one with ``_NeedData``."""

    def __init__(self, answers: dict[Any, Any]) -> None:
        self._answers = answers
        self.asked: dict[str, Any] = {}  # method -> the key of its last call

    def __getattr__(self, method: str) -> Callable[..., Any]:
        if method.startswith("_"):
            raise AttributeError(method)

        def answer(*args: Any, **kwargs: Any) -> Any:
            key = (method, _frozen(args), _frozen(kwargs))
            self.asked[method] = key
            try:
                return self._answers[key]
            except KeyError:
                raise _NeedData(key, method, args, kwargs) from None

        return answer


@dataclass(frozen=True)
class ChartJob:
    """One chart to draw (or to save to ``save_to``), as the view asked for it."""

    generation: int
    name: str
    period: Period
    levels: tuple[Level, ...]
    dark: bool
    today: date
    answers: dict[Any, Any] = field(compare=False, repr=False)
    rounds: int = 0
    save_to: Path | None = None


class _Bridge(QObject):
    """Carries a worker's outcome to the GUI thread (a queued signal)."""

    finished = Signal(object, object)  # ChartJob, (kind, value)


class ChartRenderer(QObject):
    """Draws and saves the charts of one journal's ``Progress``, one at a time.

    Signals:
        drawn(str, object, object, object): a chart's name, its new Figure, its Bucket (the
            weeks or months it is drawn by) or None, and the ``ChartData`` it was drawn
            from (for its table, its sentence and its points).
        saved(str): a chart was saved to this path.
        failed(object, object): the :class:`ChartJob` that failed, and the error (the
            user's, or a bug).
    """

    drawn = Signal(str, object, object, object)
    saved = Signal(str)
    failed = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._progress: Progress | None = None
        self._charts: ModuleType | None = None  # progress_charts, once first needed
        self._generation = 0
        self._answers: dict[Any, Any] = {}
        # Created before the bridge: children go in order, so the pool waits for a
        # running render while the bridge it reports to still exists.
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._bridge = _Bridge(self)
        self._bridge.finished.connect(self._finished)

    def charts_module(self) -> ModuleType:
        """``services.progress_charts``: the first call imports matplotlib."""
        if self._charts is None:
            self._charts = importlib.import_module(CHARTS_MODULE)
        return self._charts

    def set_progress(self, progress: Progress | None) -> None:
        """Draw from ``progress`` from now on; ``None`` (locking) drops the charts not
        started yet and waits for the one being drawn (a fraction of a second), so none
        is still running when the app quits."""
        self._progress = progress
        self._generation += 1  # whatever is being drawn now belongs to the old journal
        self._answers = {}
        if progress is None:
            self.pool.clear()
            self.pool.waitForDone()

    def start_drawing(self, *, reload: bool = True) -> None:
        """A new drawing: what is being drawn now is dropped when it arrives;
        ``reload=False`` keeps the data read for the last one (only the look changed)."""
        self._generation += 1
        if reload:
            self._answers = {}

    def draw(
        self,
        name: str,
        period: Period,
        levels: tuple[Level, ...],
        *,
        dark: bool,
        today: date,
        save_to: Path | None = None,
    ) -> None:
        """Draw chart ``name`` (``drawn``), or save it to ``save_to`` (``saved``)."""
        self._submit(
            ChartJob(
                self._generation, name, period, levels, dark, today, self._answers, save_to=save_to
            )
        )

    # --- the worker --------------------------------------------------------------------
    def _submit(self, job: ChartJob) -> None:
        collect = self.charts_module().collect
        build = self.charts_module().build
        save = self.charts_module().save
        bridge = self._bridge

        def run() -> None:
            outcome: tuple[str, Any]
            snapshot = _Snapshot(job.answers)
            try:
                # render(), in its two steps: the data is kept for the chart's table and
                # sentence, so they show what the picture shows.
                chart = collect(
                    snapshot, job.name, period=job.period, levels=job.levels, today=job.today
                )
                figure = build(chart, dark=job.dark)
                if job.save_to is not None:
                    save(figure, job.save_to)
                    outcome = ("saved", job.save_to)
                else:
                    outcome = ("figure", (figure, snapshot.asked, chart))
            except _NeedData as need:
                outcome = ("need", need)
            except Exception as error:  # reported on the GUI thread, as a dialog
                outcome = ("error", error)
            # RuntimeError: the view is gone and nobody waits for this chart any more.
            with contextlib.suppress(RuntimeError):
                bridge.finished.emit(job, outcome)

        self.pool.start(run)

    # --- back on the GUI thread --------------------------------------------------------
    def _finished(self, job: ChartJob, outcome: tuple[str, Any]) -> None:
        kind, value = outcome
        current = job.generation == self._generation or (
            job.save_to is not None and self._progress is not None
        )
        if not current:
            return  # drawn for a range, filter or journal that is no longer shown
        if kind == "need":
            self._answer(job, value)
        elif kind == "figure":
            figure, asked, chart = value
            self.drawn.emit(job.name, figure, _bucket(job, asked), chart)
        elif kind == "saved":
            self.saved.emit(str(value))
        elif kind == "error":
            self.failed.emit(job, value)

    def _answer(self, job: ChartJob, need: _NeedData) -> None:
        """Run one query on the GUI thread (the only thread that uses the connection)."""
        progress = self._progress
        if progress is None:
            return
        if job.rounds >= MAX_ROUNDS:
            self.failed.emit(job, RuntimeError(f"render asked for {job.rounds} queries"))
            return
        try:
            job.answers[need.key] = getattr(progress, need.method)(*need.args, **need.kwargs)
        except Exception as error:  # the user's (a damaged file...) or a bug: both shown
            self.failed.emit(job, error)
            return
        self._submit(replace(job, rounds=job.rounds + 1))


def _bucket(job: ChartJob, asked: dict[str, Any]) -> Bucket | None:
    """The weeks or months of a chart drawn per bucket (it asked for the first day, as
    render does to choose them); None for the others."""
    key = asked.get("first_day")
    if key is None or key not in job.answers:
        return None
    return bucket_for(job.period, first_day=job.answers[key], today=job.today)
