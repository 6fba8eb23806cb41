"""The chart service over a real encrypted journal: render() draws every chart from the
Progress service's data, and save() writes PNG and SVG files all or nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import matplotlib
import pytest
from matplotlib.figure import Figure

from tests.conftest import TEST_PASSPHRASE
from tkg_journal.charts import style
from tkg_journal.charts.catalogue import CHART_NAMES
from tkg_journal.domain.errors import DomainError
from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import Bucket, Period, bucket_for
from tkg_journal.paths import JournalPaths
from tkg_journal.services import demo, journal_access
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import Progress
from tkg_journal.services.progress_charts import CHARTS, render, save
from tkg_journal.storage.errors import WriteFailed

matplotlib.use("Agg")

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=timezone(timedelta(hours=1)))
TODAY = NOW.date()
LAST_6_MONTHS = Period.last(months=6, today=TODAY)


@pytest.fixture
def journal(journal_paths: JournalPaths) -> Iterator[Journal]:
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    created.journal.clock = lambda: NOW
    yield created.journal
    created.journal.close()


@pytest.fixture
def progress(journal: Journal) -> Progress:
    demo.fill(journal, entries=400, seed=7)
    return Progress(journal)


def is_empty_state(figure: Figure) -> bool:
    return figure.axes == [] and any(t.get_gid() == "empty-state" for t in figure.texts)


def test_charts_are_listed_in_the_contract_order() -> None:
    assert [info.name for info in CHARTS] == list(CHART_NAMES)
    assert [info.name for info in CHARTS] == [
        "activity",
        "ratings",
        "attempts",
        "feedback",
        "hierarchy",
        "calendar",
    ]
    assert all(info.title and info.description for info in CHARTS)


@pytest.mark.parametrize("name", CHART_NAMES)
@pytest.mark.parametrize("dark", [False, True])
def test_every_chart_draws_the_demo_journal(progress: Progress, name: str, dark: bool) -> None:
    figure = render(progress, name, period=LAST_6_MONTHS, dark=dark, today=TODAY)
    figure.canvas.draw()
    assert not is_empty_state(figure), name
    assert figure.axes
    expected = (style.DARK if dark else style.LIGHT).background.lower()
    assert matplotlib.colors.to_hex(figure.get_facecolor()) == expected
    assert figure.get_suptitle()


@pytest.mark.parametrize("name", CHART_NAMES)
def test_an_empty_journal_draws_helpful_empty_states(journal: Journal, name: str) -> None:
    figure = render(Progress(journal), name, period=LAST_6_MONTHS, today=TODAY)
    figure.canvas.draw()
    assert is_empty_state(figure)


def test_render_buckets_by_the_span(progress: Progress) -> None:
    weekly = render(progress, "activity", period=LAST_6_MONTHS, today=TODAY)
    assert weekly.axes[0].get_ylabel() == "Count per week"
    everything = Period()
    bucket = bucket_for(everything, first_day=progress.first_day(), today=TODAY)
    all_time = render(progress, "activity", period=everything, today=TODAY)
    assert all_time.axes[0].get_ylabel() == f"Count per {bucket.value}"
    assert bucket is Bucket.MONTH  # the demo journal spans more than six months


def test_render_applies_the_level_filter(progress: Progress) -> None:
    figure = render(progress, "activity", period=LAST_6_MONTHS, levels=[Level.GROWTH], today=TODAY)
    labels = {c.get_label() for c in figure.axes[0].collections if len(c.get_paths())}
    assert labels <= {"Growth entries", "Growth attempts"}
    assert "Growth entries" in labels
    # The hierarchy always shows every level, whatever the filter.
    pyramid = render(progress, "hierarchy", period=LAST_6_MONTHS, levels=[Level.GROWTH])
    bands = [p for p in pyramid.axes[0].patches if str(p.get_gid()).startswith("band-")]
    assert len(bands) == len(Level)


def test_render_refuses_an_unknown_chart(progress: Progress) -> None:
    with pytest.raises(DomainError) as raised:
        render(progress, "pie", period=LAST_6_MONTHS, today=TODAY)
    message = str(raised.value)
    assert "'pie'" in message
    assert all(name in message for name in CHART_NAMES)


# --- save ------------------------------------------------------------------------------------
@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder of its own (the test's tmp_path also holds the journal)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def figure(progress: Progress) -> Figure:
    return render(progress, "ratings", period=LAST_6_MONTHS, today=TODAY)


def test_save_writes_png_and_svg(figure: Figure, out: Path) -> None:
    png = out / "ratings.png"
    svg = out / "Ratings.SVG"
    save(figure, png)
    save(figure, svg)
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "</svg>" in text
    assert sorted(p.name for p in out.iterdir()) == ["Ratings.SVG", "ratings.png"]


def test_save_replaces_an_existing_file(figure: Figure, out: Path) -> None:
    target = out / "chart.png"
    target.write_bytes(b"old")
    save(figure, target)
    assert target.read_bytes().startswith(b"\x89PNG")
    assert [p.name for p in out.iterdir()] == ["chart.png"]


@pytest.mark.parametrize("name", ["chart.pdf", "chart.jpg", "chart"])
def test_save_refuses_other_formats(figure: Figure, out: Path, name: str) -> None:
    with pytest.raises(DomainError, match=r"\.png or \.svg"):
        save(figure, out / name)
    assert list(out.iterdir()) == []


def test_save_to_a_missing_folder_is_a_user_error(figure: Figure, out: Path) -> None:
    with pytest.raises(WriteFailed, match="Could not save the chart") as raised:
        save(figure, out / "missing" / "chart.png")
    assert isinstance(raised.value, USER_ERRORS)
    assert list(out.iterdir()) == []


def test_a_failed_rename_leaves_no_temporary_file(figure: Figure, out: Path) -> None:
    # The target is a folder: the picture is written, then the rename fails.
    (out / "chart.svg").mkdir()
    with pytest.raises(WriteFailed):
        save(figure, out / "chart.svg")
    assert [p.name for p in out.iterdir()] == ["chart.svg"]
    assert list((out / "chart.svg").iterdir()) == []
