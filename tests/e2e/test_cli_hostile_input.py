"""Input a script or a person can give by mistake: one sentence, a non-zero exit, no
traceback, and the journal byte-for-byte as it was."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.e2e.cli_runner import PASSPHRASE, installed_command, run
from tests.helpers import snapshot

pytestmark = pytest.mark.e2e

BEYOND_64_BITS = str(2**64)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "journal"
    assert run("init", "--passphrase", data_dir=folder).returncode == 0
    assert run("add", "kept", data_dir=folder).returncode == 0
    return folder


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("list", "--limit", BEYOND_64_BITS), "is not a limit"),
        (("search", "kept", "--limit", "-1"), "is not a limit"),
        (("experiment", "show", BEYOND_64_BITS), "is not an id"),
        (("experiment", "log", BEYOND_64_BITS, "--did", "yes"), "is not an id"),
        (("session", "done", BEYOND_64_BITS), "is not an id"),
        (("session", "commit", "0", "call Sam"), "is not an id"),
        (("experiment", "log", "1", "--did", "yes", "--outcome", BEYOND_64_BITS), "-2 to 2"),
        (("due", "--quiet-days", BEYOND_64_BITS), "quiet days"),
        (("demo", "--entries", BEYOND_64_BITS), "--entries"),
        (("add", "--kind", "", "x"), "unknown entry kind"),
        (("list", "--level", ""), "level"),
        (("bogus",), "invalid choice"),
    ],
)
def test_numbers_and_empty_values_are_one_line(
    data_dir: Path, args: tuple[str, ...], message: str
) -> None:
    before = snapshot(data_dir)
    result = run(*args, data_dir=data_dir)
    assert result.returncode in (1, 2)
    assert message in one_line(result)
    assert snapshot(data_dir) == before


def run_bytes(*args: bytes, data_dir: Path, env: dict[bytes, bytes] | None = None
              ) -> subprocess.CompletedProcess[str]:
    environment = {k.encode(): v.encode() for k, v in os.environ.items()}
    environment[b"TKG_JOURNAL_PASSPHRASE"] = PASSPHRASE.encode()
    environment.update(env or {})
    raw = subprocess.run(
        [installed_command().encode(), b"--data-dir", str(data_dir).encode(), *args],
        capture_output=True, timeout=60, env=environment, stdin=subprocess.DEVNULL,
    )
    return subprocess.CompletedProcess(raw.args, raw.returncode, raw.stdout.decode(),
                                       raw.stderr.decode("utf-8", "replace"))


@pytest.mark.parametrize(
    "args",
    [
        (b"add", b"--title", b"caf\xe9", b"latin-1 is not UTF-8"),
        (b"add", b"\xff\xfe"),
        (b"add", b"--tag", b"\xc3", b"x"),
        (b"search", b"\xff"),
        (b"list", b"--since", b"\x80"),
    ],
)
def test_arguments_that_are_not_utf8_are_refused(data_dir: Path, args: tuple[bytes, ...]
                                                 ) -> None:
    before = snapshot(data_dir)
    result = run_bytes(*args, data_dir=data_dir)
    assert result.returncode == 2
    assert "holds bytes that are not UTF-8 text; nothing was changed" in one_line(result)
    assert snapshot(data_dir) == before


def test_a_passphrase_variable_that_is_not_utf8_is_refused(data_dir: Path) -> None:
    result = run_bytes(b"list", data_dir=data_dir,
                       env={b"TKG_JOURNAL_PASSPHRASE": b"correct horse \xff"})
    assert result.returncode == 2
    assert one_line(result) == (
        "tkg-journal: TKG_JOURNAL_PASSPHRASE is not valid UTF-8 text; "
        "set it again in a UTF-8 terminal"
    )


def test_a_lone_surrogate_in_an_import_is_refused_whole(data_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "odd.json"
    source.write_text('{"entries":[{"date":"2020-01-01","time":"10:00","title":"\\udcff"}]}')
    before = snapshot(data_dir)
    result = run("import", "jrnl", str(source), data_dir=data_dir)
    assert result.returncode == 1
    assert one_line(result) == (
        "tkg-journal: entry 1: title holds bytes that are not valid text (UTF-8); "
        "nothing was imported"
    )
    assert snapshot(data_dir) == before


@pytest.mark.parametrize("command", [("list",), ("init", "--passphrase")])
def test_a_data_folder_that_is_a_file_is_named(tmp_path: Path, command: tuple[str, ...]) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("my notes")
    result = run(*command, data_dir=not_a_folder)
    assert result.returncode == 1
    assert one_line(result) == (
        f"tkg-journal: {not_a_folder} is a file, not a folder: give the journal's folder "
        "with --data-dir or TKG_JOURNAL_HOME"
    )
    assert not_a_folder.read_text() == "my notes"


def test_a_data_folder_inside_a_file_is_one_line(tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("my notes")
    result = run("init", "--passphrase", data_dir=a_file / "journal")
    assert result.returncode == 1
    assert "Not a directory" in one_line(result)


def test_an_empty_data_folder_option_is_refused(data_dir: Path) -> None:
    result = subprocess.run([installed_command(), "--data-dir", "", "list"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "--data-dir is empty" in one_line(result)


@pytest.fixture
def immutable(data_dir: Path):
    """The journal folder made immutable (chattr +i): even root may not create, rename or
    delete files in it, as a user meets a folder they may not write to."""
    subprocess.run(["chattr", "+i", str(data_dir)], check=True)
    yield data_dir
    subprocess.run(["chattr", "-i", str(data_dir)], check=True)


@pytest.mark.parametrize(
    "args", [("add", "one more"), ("check", "--repair"), ("list",), ("session", "list")]
)
def test_a_journal_folder_that_refuses_writes_is_one_line(
    immutable: Path, args: tuple[str, ...]
) -> None:
    before = snapshot(immutable)
    result = run(*args, data_dir=immutable)
    if result.returncode == 0:  # a read that needs no new file is fine
        assert args[0] in ("list", "session", "check")
    else:
        assert result.returncode == 1
        one_line(result)
    assert snapshot(immutable) == before


def test_an_export_into_a_folder_that_refuses_writes_is_one_line(
    data_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    subprocess.run(["chattr", "+i", str(folder)], check=True)
    try:
        result = run("export", "-f", "md", "--no-charts", "--since", "30d",
                     "-o", str(folder / "s.md"), data_dir=data_dir)
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    assert result.returncode == 1
    one_line(result)
    assert list(folder.iterdir()) == []
