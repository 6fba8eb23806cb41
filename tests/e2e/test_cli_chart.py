"""``tkg-journal chart``, run as a subprocess: real PNG and SVG files from a demo journal,
the list of charts, and every refusal (one line, an exit code, no file left behind)."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.e2e.cli_runner import run

pytestmark = pytest.mark.e2e

CHART_NAMES = ["activity", "ratings", "attempts", "feedback", "hierarchy", "calendar"]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
NO_KEYRING = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A passphrase-protected demo journal with 300 entries, shared by this module's tests
    (they only read it)."""
    folder = tmp_path_factory.mktemp("chart") / "journal"
    made = run("demo", "--entries", "300", "--passphrase", data_dir=folder, env=NO_KEYRING)
    assert made.returncode == 0, made.stderr
    return folder


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "charts"
    folder.mkdir()
    return folder


def assert_refused(
    result: subprocess.CompletedProcess[str], code: int, out_dir: Path, *words: str
) -> None:
    """A refusal: the exit code, one line on stderr naming the problem, no traceback,
    nothing on stdout and no file (not even a temporary one) in the output folder."""
    assert result.returncode == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tkg-journal: ")
    for word in words:
        assert word in lines[0], lines[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert list(out_dir.iterdir()) == []


def test_list_prints_one_chart_per_line_name_first(tmp_path: Path) -> None:
    # No journal and no passphrase are needed to list the charts.
    result = run("chart", "--list", data_dir=tmp_path / "none", passphrase=None)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == CHART_NAMES
    for line in lines:
        _name, description = line.split(maxsplit=1)
        assert len(description) > 15, line  # a short description, not just a word
    assert not (tmp_path / "none").exists()


@pytest.mark.parametrize("name", CHART_NAMES)
def test_every_chart_writes_a_real_png_and_svg(name: str, demo_dir: Path, out_dir: Path) -> None:
    png = out_dir / f"{name}.png"
    result = run("chart", name, "--out", str(png), data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    assert str(png) in result.stdout
    data = png.read_bytes()
    assert data.startswith(PNG_MAGIC)
    assert len(data) > 10_000  # a drawn chart, not an empty canvas

    svg = out_dir / f"{name}.svg"
    result = run("chart", name, "--out", str(svg), "--dark", data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text
    root = ET.fromstring(text)  # well-formed XML
    assert root.tag.endswith("svg")
    assert len(list(root.iter())) > 50
    assert sorted(p.name for p in out_dir.iterdir()) == sorted([png.name, svg.name])


def test_the_chart_speaks_its_sentence_on_the_terminal_and_in_the_file(
    demo_dir: Path, out_dir: Path
) -> None:
    """A reader who cannot see the picture gets what it shows in words: the sentence the
    app and the coach summary give, printed after the file's name and kept in the file."""
    from PIL import Image

    png, svg = out_dir / "feedback.png", out_dir / "feedback.svg"
    said = run("chart", "feedback", "--out", str(png), data_dir=demo_dir)
    assert said.returncode == 0, said.stderr
    saved, sentence = said.stdout.strip().splitlines()
    assert saved == f"Saved the feedback chart to {png}."
    assert sentence.endswith(".") and "pieces of feedback" in sentence
    assert "positive" in sentence and "critical" in sentence
    with Image.open(png) as image:
        assert image.info["Description"] == sentence

    said_svg = run("chart", "feedback", "--out", str(svg), data_dir=demo_dir)
    assert said_svg.stdout.strip().splitlines()[1] == sentence  # the same data, the same words
    described = ET.fromstring(svg.read_text(encoding="utf-8")).find(
        ".//{http://purl.org/dc/elements/1.1/}description"
    )
    assert described is not None and described.text == sentence


def test_period_and_level_filter_change_the_chart(demo_dir: Path, out_dir: Path) -> None:
    everything = out_dir / "all.png"
    narrow = out_dir / "narrow.png"
    assert run("chart", "activity", "-o", str(everything), data_dir=demo_dir).returncode == 0
    result = run(
        "chart",
        "activity",
        "--out",
        str(narrow),
        "--since",
        "120d",
        "--until",
        "today",
        "--level",
        "growth",
        "-l",
        "1",
        data_dir=demo_dir,
    )
    assert result.returncode == 0, result.stderr
    assert narrow.read_bytes().startswith(PNG_MAGIC)
    assert narrow.read_bytes() != everything.read_bytes()


def test_an_unknown_chart_is_refused_with_the_names(demo_dir: Path, out_dir: Path) -> None:
    result = run("chart", "pie", "--out", str(out_dir / "x.png"), data_dir=demo_dir)
    assert_refused(result, 1, out_dir, "'pie'", *CHART_NAMES)


@pytest.mark.parametrize("file_name", ["x.jpg", "x.pdf", "x"])
def test_a_bad_suffix_is_refused(file_name: str, demo_dir: Path, out_dir: Path) -> None:
    result = run("chart", "activity", "--out", str(out_dir / file_name), data_dir=demo_dir)
    assert_refused(result, 1, out_dir, ".png", ".svg")


def test_a_missing_folder_is_refused(demo_dir: Path, out_dir: Path) -> None:
    result = run("chart", "calendar", "--out", str(out_dir / "no" / "x.svg"), data_dir=demo_dir)
    assert_refused(result, 1, out_dir, "does not exist")


def test_a_folder_as_the_file_is_refused(demo_dir: Path, out_dir: Path) -> None:
    (out_dir / "x.png").mkdir()
    result = run("chart", "activity", "--out", str(out_dir / "x.png"), data_dir=demo_dir)
    assert result.returncode == 1 and "is a folder" in result.stderr
    assert [p.name for p in out_dir.iterdir()] == ["x.png"]
    assert (out_dir / "x.png").is_dir()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs /proc")
def test_a_failed_write_is_a_message_not_a_traceback(demo_dir: Path) -> None:
    # /proc passes every check up front (even for root) but refuses new files, so this
    # reaches the write itself.
    target = Path("/proc/tkg-journal-chart.png")
    result = run("chart", "activity", "--out", str(target), data_dir=demo_dir)
    assert result.returncode == 1, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not target.exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--since", "last tuesday"], ["--since", "not a date"]),
        (["--until", "2026-13-01"], ["--until", "not a date"]),
        (["--since", "2026-03-02", "--until", "2026-03-01"], ["after its end"]),
        (["--level", "middle"], ["middle"]),
    ],
)
def test_bad_dates_and_levels_are_refused(
    args: list[str], words: list[str], demo_dir: Path, out_dir: Path
) -> None:
    result = run("chart", "activity", "--out", str(out_dir / "x.png"), *args, data_dir=demo_dir)
    assert_refused(result, 1, out_dir, *words)


def test_usage_mistakes_exit_2(demo_dir: Path, out_dir: Path) -> None:
    assert_refused(
        run("chart", "--out", str(out_dir / "x.png"), data_dir=demo_dir), 2, out_dir, "--list"
    )
    assert_refused(run("chart", "activity", data_dir=demo_dir), 2, out_dir, "--out")
    assert_refused(run("chart", "activity", "--list", data_dir=demo_dir), 2, out_dir, "--list")


def test_a_wrong_passphrase_writes_nothing(demo_dir: Path, out_dir: Path) -> None:
    result = run(
        "chart",
        "activity",
        "--out",
        str(out_dir / "x.png"),
        data_dir=demo_dir,
        passphrase="not the passphrase at all",
    )
    assert_refused(result, 1, out_dir)
    missing = run(
        "chart", "activity", "--out", str(out_dir / "x.png"), data_dir=demo_dir, passphrase=None
    )
    assert_refused(missing, 2, out_dir, "TKG_JOURNAL_PASSPHRASE")
