"""The installed command and the files a user names: passphrase files from pipes and
FIFOs, devices and oversized input refused at once, key files that say what is wrong
with them, and ``export -o`` onto a read-only file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.e2e.cli_runner import PASSPHRASE, installed_command, run
from tests.helpers import snapshot

pytestmark = pytest.mark.e2e


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "journal"
    result = run("init", "--passphrase", data_dir=folder)
    assert result.returncode == 0, result.stderr
    return folder


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


# --- passphrase files -------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash for <(...)")
def test_a_passphrase_from_process_substitution_works(data_dir: Path) -> None:
    script = (
        '"$0" --data-dir "$1" --passphrase-file <(sleep 0.2; printf "%s\\n" "$2") '
        "add 'from a pipe'"
    )
    environment = {k: v for k, v in os.environ.items() if k != "TKG_JOURNAL_PASSPHRASE"}
    result = subprocess.run(
        ["bash", "-c", script, installed_command(), str(data_dir), PASSPHRASE],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    assert "from a pipe" in run("list", data_dir=data_dir).stdout


def test_a_passphrase_from_a_fifo_with_a_writer_works(data_dir: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "secret.fifo"
    os.mkfifo(fifo)

    def writer() -> None:
        with open(fifo, "w") as handle:  # waits for the command to open it
            handle.write(PASSPHRASE + "\n")

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    result = run("--passphrase-file", str(fifo), "list", data_dir=data_dir, passphrase=None)
    assert result.returncode == 0, result.stderr
    thread.join(timeout=5)


def test_a_fifo_without_a_writer_is_refused_within_seconds(data_dir: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "nobody.fifo"
    os.mkfifo(fifo)
    before = snapshot(data_dir)
    started = time.monotonic()
    result = run("--passphrase-file", str(fifo), "list", data_dir=data_dir, passphrase=None)
    assert time.monotonic() - started < 20
    assert result.returncode == 2
    assert one_line(result).startswith(f"tkg-journal: no program is writing to the FIFO {fifo}")
    assert snapshot(data_dir) == before


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_as_passphrase_file_is_refused_at_once(data_dir: Path, device: str) -> None:
    started = time.monotonic()
    result = run("--passphrase-file", device, "list", data_dir=data_dir, passphrase=None)
    assert time.monotonic() - started < 20  # the command's start-up, not a read of the device
    assert result.returncode == 2
    assert one_line(result) == (
        f"tkg-journal: the passphrase file {device} is a device, not a file"
    )


def test_a_large_or_folder_passphrase_file_is_refused(data_dir: Path, tmp_path: Path) -> None:
    large = tmp_path / "large.txt"
    large.write_bytes(b"x" * (65 * 1024))
    result = run("--passphrase-file", str(large), "list", data_dir=data_dir, passphrase=None)
    assert result.returncode == 2
    assert one_line(result) == f"tkg-journal: the passphrase file {large} is larger than 64 KB"
    folder = run("--passphrase-file", str(tmp_path), "list", data_dir=data_dir, passphrase=None)
    assert folder.returncode == 2
    assert "is a folder, not a file" in one_line(folder)


def test_a_recovery_key_file_that_is_a_device_is_refused(data_dir: Path) -> None:
    result = run("recover", "--recovery-key-file", "/dev/zero", data_dir=data_dir, passphrase=None)
    assert result.returncode == 2
    assert "the recovery key file /dev/zero is a device, not a file" in one_line(result)


# --- import files and standard input ------------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_as_import_file_is_refused_at_once(data_dir: Path, device: str) -> None:
    before = snapshot(data_dir)
    result = run("import", "jrnl", device, data_dir=data_dir)
    assert result.returncode == 1
    assert one_line(result) == (
        f"tkg-journal: the import file {device} is a device, not a file; nothing was imported"
    )
    assert snapshot(data_dir) == before


def test_an_import_from_a_fifo_with_a_writer_works(data_dir: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    entries = [{"date": "2024-05-01", "time": "09:30", "title": "Through a FIFO", "body": "b"}]

    def writer() -> None:
        with open(fifo, "w") as handle:
            json.dump({"entries": entries}, handle)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    result = run("import", "jrnl", str(fifo), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "Imported 1 entries" in result.stdout
    thread.join(timeout=5)


def test_a_300_mb_import_is_refused_by_the_cap(data_dir: Path, tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:  # sparse: large on paper, cheap on disk
        handle.truncate(300 * 2**20)
    before = snapshot(data_dir)
    result = run("import", "jrnl", str(huge), data_dir=data_dir)
    assert result.returncode == 1
    assert "too large to import (300 MB; the limit is 64 MB); nothing was imported" in one_line(
        result
    )
    assert snapshot(data_dir) == before


def test_standard_input_beyond_what_an_entry_holds_is_refused(data_dir: Path) -> None:
    before = snapshot(data_dir)
    result = run("add", "-", data_dir=data_dir, stdin=b"x" * (2_000_010))
    assert result.returncode == 2
    assert "longer than one text can be (500,000 characters)" in one_line(result)
    assert snapshot(data_dir) == before


# --- key files ------------------------------------------------------------------------------


def test_a_key_file_of_another_journal_says_so(data_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    assert run("init", "--passphrase", data_dir=other).returncode == 0
    (data_dir / "journal.keys").write_bytes((other / "journal.keys").read_bytes())
    before = snapshot(data_dir)
    result = run("list", data_dir=data_dir)
    assert result.returncode == 1
    line = one_line(result)
    assert f"the key file {data_dir / 'journal.keys'} belongs to another journal" in line
    assert "damaged" not in line
    assert snapshot(data_dir) == before


def test_a_damaged_passphrase_slot_points_to_the_recovery_key(data_dir: Path) -> None:
    keys = data_dir / "journal.keys"
    data = json.loads(keys.read_text())
    wrapped = bytearray.fromhex(data["slots"]["passphrase"]["wrapped_key"])
    wrapped[3] ^= 0x10
    data["slots"]["passphrase"]["wrapped_key"] = wrapped.hex()
    keys.write_text(json.dumps(data))
    before = snapshot(data_dir)
    result = run("list", data_dir=data_dir)
    assert result.returncode == 1
    line = one_line(result)
    assert "key file is damaged: its passphrase slot has changed" in line
    assert "wrong passphrase" not in line and "tkg-journal recover" in line
    assert snapshot(data_dir) == before


# --- export onto a read-only file ------------------------------------------------------------


def test_export_onto_a_read_only_file_refuses_unless_forced(data_dir: Path, tmp_path: Path) -> None:
    run("add", "--share", "Something to share", data_dir=data_dir)
    target = tmp_path / "summary.md"
    target.write_text("kept on purpose")
    target.chmod(0o444)
    args = ("export", "--since", "7d", "--format", "md", "-o", str(target), "--no-charts")
    refused = run(*args, data_dir=data_dir)
    assert refused.returncode == 1
    assert one_line(refused) == (
        f"tkg-journal: {target} is read-only; nothing was written (use --force to replace it)"
    )
    assert target.read_text() == "kept on purpose"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "journal", "summary.md"]
    forced = run(*args, "--force", data_dir=data_dir)
    assert forced.returncode == 0, forced.stderr
    assert "Something to share" in target.read_text()
