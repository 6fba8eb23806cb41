"""``tkg-journal patterns`` as a user runs it: a readable report, documented JSON, and the
command line's one-line refusals for a bad date, an unknown level and a wrong passphrase."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.cli_runner import run

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("patterns") / "journal"
    assert run("init", "--passphrase", data_dir=folder).returncode == 0
    for days_ago, who, felt, intensity in [
        (60, "Sam (CFO)", "Frustrated, a bit anxious", "8"),
        (45, "sam", "angry", "7"),
        (30, "Sam", "irritated", "4"),
        (15, " SAM ", "calm", "3"),
        (10, "Priya", "guilty", "5"),
    ]:
        done = run("add", "--kind", "conversation", "--when", f"{days_ago} days ago",
                   "--level", "growth", "--who", who, "--felt", felt, "--intensity", intensity,
                   "--what-happened", "a hard talk", data_dir=folder)
        assert done.returncode == 0, done.stderr
    return folder


def test_the_text_report_reads_as_a_report(data_dir: Path) -> None:
    done = run("patterns", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("Patterns over all time (every level, all entries): "
                          "5 difficult conversations and 0 pieces of feedback.")
    sam = next(line for line in out.splitlines() if line.strip().startswith("Sam "))
    assert "Growth" in sam and "7.5 → 3.5  calmer" in sam
    assert "No root hint" in out  # five conversations over two months: too thin
    assert "anger" in out and "frustrated" in out


def test_json_is_versioned_and_whole(data_dir: Path) -> None:
    done = run("patterns", "--format", "json", "--level", "2", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["format_version"] == 1
    assert data["level"] == {"level": "Growth", "level_rank": 2}
    sam = data["people"][0]
    assert (sam["name"], sam["conversations"]) == ("Sam", 4)
    assert sam["trend"]["direction"] == "calmer" and sam["trend"]["change"] == -4.0
    assert len(sam["entry_ids"]) == 4
    assert {g["group"] for g in data["feelings"]["groups"]} >= {"anger", "fear", "shame"}
    assert data["hints"] == [] and data["experiments"] == []


def test_a_period_narrows_the_report(data_dir: Path) -> None:
    done = run("patterns", "--since", "20d", "--format", "json", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["conversations"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--since", "someday"), "--since"),
        (("--since", "2026-03-02", "--until", "2026-03-01"), "the period is empty"),
        (("--level", "summit"), "unknown level 'summit'"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(data_dir: Path, args: tuple[str, ...],
                                          message: str) -> None:
    done = run("patterns", *args, data_dir=data_dir)
    assert done.returncode == 1
    assert message in done.stderr and done.stderr.startswith("tkg-journal: ")
    assert len(done.stderr.strip().splitlines()) == 1 and done.stdout == ""


def test_a_wrong_passphrase_is_refused(data_dir: Path) -> None:
    done = run("patterns", data_dir=data_dir, passphrase="not the passphrase at all")
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
