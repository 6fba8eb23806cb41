"""The sample journal's words are data (``resources/sample/*.toml``): found where the app
runs, read whole, and refused with the file and key named when they do not fit."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from tkg_journal.domain.levels import Level
from tkg_journal.paths import resource_dir
from tkg_journal.services.demo_text import (
    SAMPLE_FORMAT,
    SAMPLE_VERSION,
    SampleDataError,
    load,
    sample_text,
)

FOLDER = resource_dir() / "sample"


def test_every_file_says_its_format_and_version() -> None:
    files = sorted(FOLDER.glob("*.toml"))
    assert [f.name for f in files] == [
        "conversations.toml",
        "experiments.toml",
        "people.toml",
        "sessions.toml",
        "writing.toml",
    ]
    for path in files:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert (data["format"], data["version"]) == (SAMPLE_FORMAT, SAMPLE_VERSION), path


def test_the_installed_words_cover_every_level() -> None:
    text = sample_text()
    assert text is sample_text()  # read once per process
    for level in Level:
        assert text.conversations.scenarios[level]
        assert text.experiments.templates[level]
        assert all(len(tones) == 3 and all(tones) for tones in text.writing.remarks.values())
    assert len(text.people.report_roles) == 11


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FOLDER, tmp_path / "sample"))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_another_version_is_refused(copy: Path) -> None:
    _edit(copy / "sessions.toml", "version = 1", "version = 2")
    with pytest.raises(
        SampleDataError, match=r"sessions\.toml is not tkg-journal-sample version 1"
    ):
        load(copy)


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("people.toml", "projects = [", "project_list = [", r"people\.toml: 'projects' is missing"),
        ("conversations.toml", "intensity = 8", 'intensity = "high"', r"#1: 'intensity' must be"),
        ("experiments.toml", 'level = "growth"', 'level = "expert"', r"'level' must be one of"),
        ("writing.toml", 'tone = "mixed"', 'tone = "meh"', r"'tone' must be one of negative"),
        ("sessions.toml", "commitments = [", "commitments = []\nold = [", r"not empty"),
    ],
)
def test_a_misshapen_file_is_refused_naming_file_and_key(
    copy: Path, file: str, old: str, new: str, message: str
) -> None:
    _edit(copy / file, old, new)
    with pytest.raises(SampleDataError, match=message):
        load(copy)


def test_a_missing_file_is_refused(copy: Path) -> None:
    (copy / "writing.toml").unlink()
    with pytest.raises(SampleDataError, match=r"writing\.toml cannot be read"):
        load(copy)
