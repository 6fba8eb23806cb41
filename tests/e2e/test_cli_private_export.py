"""Privacy at the desk, from the command line (issue 15).

A PDF only the coach opens: ``tkg-journal export --pdf-password-file FILE`` writes an
AES-256 PDF that poppler opens only with the password, and every mistake with the option
is one line, exit 1, no file, and never the password itself.

Private files: whatever the user's umask (0 here, the loosest), a summary, its charts
folder and a chart file are the user's alone (files 0600, folders 0700); an existing
charts folder left readable by others is tightened; and no temporary file is left in the
target folder or the temporary folder.
"""

from __future__ import annotations

import os
import stat
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.e2e.cli_runner import run
from tests.helpers import snapshot
from tests.locked_pdf import assert_locked

pytestmark = pytest.mark.e2e

TODAY = date.today()
TITLE = "Before my coach session"  # the summary's heading (services/summary.py)
SHARED = "Asked Lee to decide"
PASSWORD = "Coach only, 2026!"


def ok(*args: str, data_dir: Path, **options: object) -> subprocess.CompletedProcess[str]:
    result = run(*args, data_dir=data_dir, **options)  # type: ignore[arg-type]
    assert result.returncode == 0, (args, result.stderr)
    return result


def loose_umask() -> None:
    """In the child: a umask of 0, so nothing but the app's own modes protects its files."""
    os.umask(0)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small journal the module's tests only read: one shared entry last week."""
    folder = tmp_path_factory.mktemp("private") / "journal"
    ok("init", "--passphrase", data_dir=folder)
    when = f"{(TODAY - timedelta(days=3)).isoformat()} 10:00"
    ok("add", "--title", SHARED, "--share", "--level", "growth", "--when", when,
       "I let the team choose.", data_dir=folder)
    return folder


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """The command's temporary folder (TMPDIR), to prove it leaves nothing there."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    return folder


def password_file(folder: Path, content: str | bytes) -> Path:
    path = folder / "pdf-password.txt"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# --- A PDF only the coach opens --------------------------------------------------------------


@pytest.mark.parametrize("password", [PASSWORD, "Grüße an Zoë und Łukasz"])
def test_a_pdf_locked_with_a_password_opens_only_with_it(
    data_dir: Path, out: Path, tmp_path: Path, password: str
) -> None:
    # The first line is the password; a password manager's extra lines are not.
    secret = password_file(tmp_path, f"{password}\nuser: me\n")
    target = out / "summary.pdf"
    result = ok("export", "--since", "14d", "--format", "pdf", "-o", str(target),
                "--pdf-password-file", str(secret), data_dir=data_dir)
    assert "opens only with its password" in result.stdout
    assert "not encrypted" not in result.stderr
    assert "another way than the file" in result.stderr
    assert password not in result.stdout + result.stderr
    text = assert_locked(target, password, TITLE, SHARED)
    assert "opens only with its password" in text  # the title page's notice says so too
    assert "not encrypted" not in text
    assert sorted(p.name for p in out.iterdir()) == ["summary.pdf"]


def test_without_the_option_the_pdf_is_not_locked(data_dir: Path, out: Path) -> None:
    target = out / "summary.pdf"
    result = ok("export", "--since", "14d", "--format", "pdf", "-o", str(target), "--no-charts",
                data_dir=data_dir)
    assert "not encrypted" in result.stderr
    opened = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                            check=False)
    assert opened.returncode == 0 and TITLE in opened.stdout


@pytest.mark.parametrize(
    ("fmt", "content", "words"),
    [
        ("md", PASSWORD, ("Markdown files cannot carry a password",)),
        ("html", PASSWORD, ("HTML files cannot carry a password",)),
        ("pdf", None, ("does not exist",)),
        ("pdf", "", ("is empty",)),
        ("pdf", "\nsecond line is not the password\n", ("first line", "is empty")),
        ("pdf", "\r\n", ("is empty",)),
        ("pdf", b"\xff\xfe not text\n", ("not UTF-8",)),
        ("pdf", "tab\tinside\n", ("PDF readers change or drop",)),
        ("pdf", "zero\u200bwidth\n", ("PDF readers change or drop",)),
        ("pdf", "x" * 128 + "\n", ("too long", "127 bytes")),
        ("pdf", "folder", ("is a folder",)),
    ],
    ids=["md", "html", "missing", "empty", "empty-first-line", "only-newline", "not-utf8",
         "control", "zero-width", "too-long", "folder"],
)
def test_a_bad_password_file_is_refused_in_one_line_and_writes_nothing(
    data_dir: Path, out: Path, tmp_path: Path, fmt: str, content: str | bytes | None,
    words: tuple[str, ...],
) -> None:
    if content is None:
        secret = tmp_path / "no-such-file.txt"
    elif content == "folder":
        secret = tmp_path / "a-folder"
        secret.mkdir()
    else:
        secret = password_file(tmp_path, content)
    before = snapshot(data_dir)
    result = run("export", "--since", "14d", "--format", fmt, "-o", str(out / f"s.{fmt}"),
                 "--pdf-password-file", str(secret), data_dir=data_dir)
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tkg-journal: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""
    if isinstance(content, str) and content.strip() and content != "folder":
        # Neither the password nor a piece of it is ever shown.
        for piece in content.strip().replace("\u200b", "\n").replace("\t", "\n").split("\n"):
            assert piece[:8] not in result.stderr, piece
    assert list(out.iterdir()) == []
    assert snapshot(data_dir) == before


# --- Private files ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "locked-pdf"])
def test_exports_are_private_whatever_the_umask(
    data_dir: Path, out: Path, tmp_path: Path, scratch: Path, fmt: str
) -> None:
    suffix = "pdf" if fmt == "locked-pdf" else fmt
    target = out / f"summary.{suffix}"
    extra = (["--pdf-password-file", str(password_file(tmp_path, PASSWORD))]
             if fmt == "locked-pdf" else [])
    ok("export", "--since", "14d", "--format", suffix, "-o", str(target), *extra,
       data_dir=data_dir, preexec=loose_umask, env={"TMPDIR": str(scratch)})
    assert mode(target) == 0o600
    expected = ["summary.md", "summary-charts"] if fmt == "md" else [target.name]
    assert sorted(p.name for p in out.iterdir()) == sorted(expected)  # no temporary file
    if fmt == "md":
        charts = out / "summary-charts"
        assert mode(charts) == 0o700
        pngs = list(charts.iterdir())
        assert pngs and all(mode(png) == 0o600 for png in pngs)
        assert not [p for p in pngs if p.name.startswith(".")]
    assert list(scratch.iterdir()) == []  # nothing left in the temporary folder either


def test_an_existing_charts_folder_open_to_others_is_tightened(
    data_dir: Path, out: Path, scratch: Path
) -> None:
    # An earlier export's charts, made readable by others (by hand, or an older version).
    charts = out / "summary-charts"
    charts.mkdir()
    (charts / "hierarchy.png").write_bytes(b"an older chart")
    os.chmod(charts / "hierarchy.png", 0o644)
    os.chmod(charts, 0o755)
    target = out / "summary.md"
    ok("export", "--since", "14d", "--format", "md", "-o", str(target), data_dir=data_dir,
       preexec=loose_umask, env={"TMPDIR": str(scratch)})
    # The folder holds private charts: it is the user's alone again, like what is in it.
    assert mode(charts) == 0o700
    assert all(mode(png) == 0o600 for png in charts.iterdir())
    assert (charts / "hierarchy.png").read_bytes().startswith(b"\x89PNG")  # replaced
    assert sorted(p.name for p in out.iterdir()) == ["summary-charts", "summary.md"]
    assert list(scratch.iterdir()) == []


def test_a_chart_file_is_private_whatever_the_umask(
    data_dir: Path, out: Path, scratch: Path
) -> None:
    for name in ("activity.png", "activity.svg"):
        target = out / name
        ok("chart", "activity", "-o", str(target), data_dir=data_dir, preexec=loose_umask,
           env={"TMPDIR": str(scratch)})
        assert mode(target) == 0o600
    assert sorted(p.name for p in out.iterdir()) == ["activity.png", "activity.svg"]
    assert list(scratch.iterdir()) == []
