"""Drawing the summary's charts away from the caller: split across forked processes,
and in the command line's helper process (``services/drawing_process.py``), which must
give the same images as drawing here, stop cleanly when it is not needed and never leave
an export without its charts."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import summary_journal as known
from tests.conftest import TEST_PASSPHRASE
from tkg_journal.domain.progress import Period
from tkg_journal.domain.summary import SUMMARY_CHARTS, ChartImage, SummaryOptions
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.chart_drawing import _even_shares, draw_charts
from tkg_journal.services.drawing_process import DrawingProcess
from tkg_journal.services.export import plan_export
from tkg_journal.services.progress_charts import ChartData

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX only)")


@pytest.fixture(scope="module")
def charts(tmp_path_factory: pytest.TempPathFactory) -> tuple[ChartData, ...]:
    folder = tmp_path_factory.mktemp("drawing")
    paths = JournalPaths(folder / "journal")
    journal = journal_access.create(paths, passphrase=TEST_PASSPHRASE).journal
    try:
        known.fill(journal)
        journal.clock = lambda: known.at(24, 10)
        plan = plan_export(journal, SummaryOptions(period=Period(known.LAST_SESSION, known.TODAY)))
    finally:
        journal.close()
    assert [chart.name for chart in plan.charts] == list(SUMMARY_CHARTS)
    return plan.charts


@pytest.fixture(scope="module")
def drawn_here(charts: tuple[ChartData, ...]) -> tuple[ChartImage, ...]:
    return draw_charts(charts)


def assert_same_images(theirs: tuple[ChartImage, ...], mine: tuple[ChartImage, ...]) -> None:
    assert [c.name for c in theirs] == [c.name for c in mine] == list(SUMMARY_CHARTS)
    for their, my in zip(theirs, mine, strict=True):
        assert their.png[:8] == b"\x89PNG\r\n\x1a\n"
        assert (their.title, their.width_px, their.height_px) == (
            my.title, my.width_px, my.height_px)
        assert len(their.png) == pytest.approx(len(my.png), rel=0.02)


def no_child_left(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True  # already reaped: no zombie, nothing running
    return False


def my_children() -> set[int]:
    """This process's children, running or not yet waited for (Linux's /proc)."""
    found: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        found.update(int(pid) for pid in (task / "children").read_text().split())
    return found


@pytest.fixture
def no_stray_processes() -> Iterator[None]:
    """Every process the test started has ended and been waited for."""
    if not Path("/proc/self/task").is_dir():
        pytest.skip("needs /proc to list child processes")
    before = my_children()
    yield
    assert my_children() <= before


def test_charts_drawn_in_forked_processes_match_those_drawn_here(
    charts: tuple[ChartData, ...], drawn_here: tuple[ChartImage, ...], no_stray_processes: None
) -> None:
    assert_same_images(draw_charts(charts, processes=2), drawn_here)
    assert_same_images(draw_charts(charts, processes=4), drawn_here)


def test_shares_keep_every_chart_and_even_out_the_work(charts: tuple[ChartData, ...]) -> None:
    two = _even_shares(charts, 2)
    assert sorted(c.name for share in two for c in share) == sorted(SUMMARY_CHARTS)
    # The two costliest charts go to different processes.
    assert {two[0][0].name, two[1][0].name} == {"attempts", "activity"}
    assert [len(share) for share in _even_shares(charts, 4)] == [1, 1, 1, 1]
    assert [len(share) for share in _even_shares(charts[:1], 2)] == [1, 0]


def test_the_helper_draws_the_same_images_and_is_waited_for(
    charts: tuple[ChartData, ...], drawn_here: tuple[ChartImage, ...], no_stray_processes: None
) -> None:
    with DrawingProcess(processes=2) as drawing:
        pid = drawing.helper_pid
        assert pid is not None and pid != os.getpid()
        assert_same_images(drawing.draw(charts), drawn_here)
        assert no_child_left(pid)


def test_leaving_without_drawing_stops_the_helper(no_stray_processes: None) -> None:
    with pytest.raises(RuntimeError), DrawingProcess(processes=2) as drawing:
        pid = drawing.helper_pid
        assert pid is not None
        raise RuntimeError("wrong passphrase")  # the command fails before it draws
    assert no_child_left(pid)


def test_a_helper_that_died_leaves_the_charts_to_be_drawn_here(
    charts: tuple[ChartData, ...], drawn_here: tuple[ChartImage, ...], no_stray_processes: None
) -> None:
    with DrawingProcess(processes=1) as drawing:
        assert drawing.helper_pid is not None
        os.kill(drawing.helper_pid, signal.SIGKILL)
        assert_same_images(drawing.draw(charts), drawn_here)


def test_without_a_helper_the_charts_are_drawn_here(
    charts: tuple[ChartData, ...], drawn_here: tuple[ChartImage, ...]
) -> None:
    with DrawingProcess(start_helper=False) as drawing:
        assert drawing.helper_pid is None
        assert_same_images(drawing.draw(charts), drawn_here)


def test_one_draw_gives_the_image_savefig_gives(charts: tuple[ChartData, ...]) -> None:
    """draw_chart lays out and renders in one pass instead of savefig's two: the pixels
    must not change (a layout left undone would clip labels or overlap the legend)."""
    import io

    import numpy as np
    from PIL import Image

    from tkg_journal.services import progress_charts
    from tkg_journal.services.chart_drawing import CHART_DPI, draw_chart

    def pixels(png: bytes) -> np.ndarray:
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))

    for chart in charts:
        figure = progress_charts.build(chart)
        saved = io.BytesIO()
        figure.savefig(saved, format="png", dpi=CHART_DPI, facecolor=figure.get_facecolor())
        assert np.array_equal(pixels(draw_chart(chart).png), pixels(saved.getvalue())), chart.name
