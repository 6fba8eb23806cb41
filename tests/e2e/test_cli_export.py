"""``tkg-journal export`` as a user runs it before a coach session: the default period is
since the last session, the three formats, private entries left out, and every bad input
refused with a message, exit 1 (2 for usage) and no file (partial or temporary) left."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.e2e.cli_runner import run
from tests.helpers import snapshot
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.e2e


# Read when each test runs, not at import: a run that crosses midnight would compare
# yesterday's date with the command's today.
def session_day() -> date:
    return date.today() - timedelta(days=6)


def ok(*args: str, data_dir: Path) -> str:
    result = run(*args, data_dir=data_dir)
    assert result.returncode == 0, (args, result.stderr)
    return result.stdout


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "journal"
    ok("init", "--passphrase", data_dir=folder)
    day = (date.today() - timedelta(days=20)).isoformat()
    ok("session", "add", "--date", day, "--topics", "First session", data_dir=folder)
    ok("session", "add", "--date", session_day().isoformat(), "--topics", "Delegation",
       data_dir=folder)
    before = f"{(session_day() - timedelta(days=2)).isoformat()} 10:00"
    ok("add", "--title", "Before the last session", "--share", "--when", before,
       "Older shared writing", data_dir=folder)
    since = f"{(session_day() + timedelta(days=1)).isoformat()} 10:00"
    ok("add", "--title", "Shared after the session", "--share", "--level", "growth",
       "--when", since, "I asked Lee to decide.", data_dir=folder)
    ok("add", "--title", "Private after the session", "--level", "growth", "--when", since,
       "Only for me.", data_dir=folder)
    return folder


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def test_the_default_period_starts_at_the_last_session(data_dir: Path, out: Path) -> None:
    target = out / "summary.md"
    stdout = ok("export", "--format", "md", "-o", str(target), "--no-charts", data_dir=data_dir)
    assert f"{session_day().isoformat()} to {date.today().isoformat()}" in stdout
    text = target.read_text(encoding="utf-8")
    assert "Shared after the session" in text
    assert "Before the last session" not in text  # before the period
    assert "Private after the session" not in text and "Only for me" not in text
    # The explicit flag means the same.
    again = out / "again.md"
    ok("export", "--since-last-session", "--format", "md", "-o", str(again), "--no-charts",
       data_dir=data_dir)
    assert again.read_text(encoding="utf-8") == text


def test_pdf_and_html_with_private_entries_when_asked(data_dir: Path, out: Path) -> None:
    pdf = out / "summary.pdf"
    result = run("export", "--format", "pdf", "-o", str(pdf), "--include-private",
                 data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "not encrypted" in result.stderr
    text = pdf_text(pdf)
    assert "Private after the session" in text and "Shared after the session" in text
    html = out / "summary.html"
    ok("export", "--since", (date.today() - timedelta(days=30)).isoformat(), "--format", "html",
       "-o", str(html), data_dir=data_dir)
    page = html.read_text(encoding="utf-8")
    assert "Before the last session" in page  # the longer period includes it
    assert "Private after the session" not in page
    assert page.count("data:image/png;base64,") == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "docx"), "unknown export format"),
        (("--format", "pdf", "--since", "2026-13-40"), "--since"),
        (("--format", "pdf", "--since", "2026-02-01", "--until", "2026-01-01"), "empty"),
        (("--format", "pdf", "--since", "2020-01-01", "--until", "2020-01-31"),
         "nothing was recorded"),
        (("--format", "md", "--without", "gossip"), "unknown section"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(
    data_dir: Path, out: Path, args: tuple[str, ...], message: str
) -> None:
    before = snapshot(data_dir)
    result = run("export", "-o", str(out / "summary.out"), *args, data_dir=data_dir)
    assert result.returncode == 1, result
    assert message in result.stderr
    assert list(out.iterdir()) == []
    assert snapshot(data_dir) == before


def test_unwritable_places_are_refused(data_dir: Path, out: Path) -> None:
    blocker = out / "a-file"
    blocker.write_text("not a folder")
    for target in (blocker / "summary.pdf", out / "missing" / "summary.pdf", out,
                   Path("/proc/summary.pdf")):
        result = run("export", "--format", "pdf", "-o", str(target), data_dir=data_dir)
        assert result.returncode == 1, (target, result)
        assert str(target) in result.stderr  # it names the place it could not write
    assert sorted(p.name for p in out.iterdir()) == ["a-file"]


def test_without_a_session_the_default_period_asks_for_since(tmp_path: Path, out: Path) -> None:
    folder = tmp_path / "fresh"
    ok("init", "--passphrase", data_dir=folder)
    ok("add", "Something happened", data_dir=folder)
    result = run("export", "--format", "md", "-o", str(out / "s.md"), data_dir=folder)
    assert result.returncode == 1
    assert "no coach session is recorded yet" in result.stderr
    assert list(out.iterdir()) == []


def test_usage_errors_exit_2(data_dir: Path, out: Path) -> None:
    both = run("export", "--format", "pdf", "-o", str(out / "s.pdf"), "--since", "7d",
               "--since-last-session", data_dir=data_dir)
    assert both.returncode == 2
    missing = run("export", "--format", "pdf", data_dir=data_dir)
    assert missing.returncode == 2
    assert list(out.iterdir()) == []


def test_a_wrong_passphrase_stops_the_chart_helper_and_writes_nothing(
    data_dir: Path, out: Path
) -> None:
    before = snapshot(data_dir)
    # The command forks its chart helper before unlocking; a wrong passphrase must stop
    # it too (a helper left waiting would hold the output pipes open and hang the run).
    result = run("export", "--format", "pdf", "-o", str(out / "summary.pdf"),
                 passphrase="not the passphrase", data_dir=data_dir)
    assert result.returncode == 1
    assert "passphrase" in result.stderr.lower()
    assert result.stdout == ""
    assert list(out.iterdir()) == []
    assert snapshot(data_dir) == before
