"""``tkg-journal --self-test``: does this install (or bundle) have every part it needs?

Each check uses the real part, in a temporary folder that is removed afterwards:
SQLCipher with FTS5 (an encrypted journal created, written, searched and opened again),
Argon2id, the keyring backend, the Qt platform plugin, a chart and a PDF. One line per
check; the command exits 0 only if every check passed. Nothing of the user's is read or
written.

The Qt check runs in a child process (``ui/self_test_window.py``): a platform plugin that
cannot load ends its process (Qt aborts), and the other checks still report.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

#: The hidden argument that runs only the Qt check (in the child process).
QT_CHECK_ARGUMENT = "--self-test-qt"
_PASSPHRASE = "self-test passphrase, not a user's"
_QT_TIMEOUT_S = 60


def run() -> int:
    """Run every check, print one line each, return the exit code."""
    checks: list[tuple[str, Callable[[Path], str]]] = [
        ("SQLCipher", _sqlcipher),
        ("Argon2id", _argon2),
        ("Keyring", _keyring),
        ("Qt", _qt),
        ("Chart", _chart),
        ("PDF", _pdf),
    ]
    failed = 0
    with tempfile.TemporaryDirectory(prefix="tkg-self-test-") as folder:
        for name, check in checks:
            start = time.perf_counter()
            try:
                detail = check(Path(folder))
            except Exception as error:  # any failure at all is the check's answer
                failed += 1
                print(f"FAIL  {name}: {type(error).__name__}: {error}", flush=True)
                continue
            took = time.perf_counter() - start
            print(f"ok    {name}: {detail} ({took:.2f} s)", flush=True)
    print("All checks passed." if not failed else f"{failed} of {len(checks)} checks failed.")
    return 0 if not failed else 1


def _sqlcipher(folder: Path) -> str:
    from tkg_journal.domain.entries import Entry, EntryKind
    from tkg_journal.paths import JournalPaths
    from tkg_journal.services import journal_access

    paths = JournalPaths(folder / "journal")
    created = journal_access.create(paths, passphrase=_PASSPHRASE)
    with created.journal as journal:
        journal.add_entry(
            Entry(kind=EntryKind.FREE, occurred_at=journal.clock(), body="self test words")
        )
    header = paths.database.read_bytes()[:16]
    if header.startswith(b"SQLite format 3"):
        raise RuntimeError("the journal was written unencrypted")
    with journal_access.unlock(paths, passphrase=_PASSPHRASE) as journal:
        hits = journal.search("words")
        version = journal.db.scalar("PRAGMA cipher_version")
    if len(hits) != 1:
        raise RuntimeError(f"full-text search found {len(hits)} entries, not 1")
    return f"SQLCipher {version}: an encrypted journal written, searched (FTS5), reopened"


def _argon2(_folder: Path) -> str:
    from tkg_journal.security.kdf import Argon2Params, derive_key

    params = Argon2Params(time_cost=1)  # the least memory the app accepts, once
    key = derive_key("self-test", b"0123456789abcdef", params)
    if len(key) != 32 or key == derive_key("self-tesT", b"0123456789abcdef", params):
        raise RuntimeError("the derived keys are wrong")
    return "a key derived"


def _keyring(_folder: Path) -> str:
    from tkg_journal.security import keyring_store

    name = keyring_store.backend_name()
    if keyring_store.is_available():
        return f"{name} (the key can be kept in it)"
    return f"none usable ({name}): the journal asks for its passphrase instead"


def _qt(_folder: Path) -> str:
    command = [sys.executable] if getattr(sys, "frozen", False) else [
        sys.executable, "-m", "tkg_journal"]
    done = subprocess.run(
        [*command, QT_CHECK_ARGUMENT],
        capture_output=True,
        text=True,
        timeout=_QT_TIMEOUT_S,
        env=os.environ.copy(),
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        problem = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"the platform plugin did not load ({problem})")
    return lines[-1]


def _chart(_folder: Path) -> str:
    from tkg_journal.charts.png import render_png
    from tkg_journal.domain.levels import Level
    from tkg_journal.domain.progress import LevelStrength, Period
    from tkg_journal.services.progress_charts import ChartData, build

    strengths = [LevelStrength(level, 0.4 + int(level) / 10, 6.0, 0.5, 0.5) for level in Level]
    figure = build(ChartData("hierarchy", strengths, {"period": Period()}))
    png, width, height = render_png(figure, dpi=100)
    if not png.startswith(b"\x89PNG"):
        raise RuntimeError("the chart is not a PNG")
    return f"the hierarchy drawn, {width}x{height} PNG"


def _pdf(folder: Path) -> str:
    from tkg_journal.reports import document as doc
    from tkg_journal.reports.pdf import to_pdf

    document = doc.Document(
        title="Self-test",
        subtitle="TKG Journal",
        facts=(("Checked", date.today().isoformat()),),
        notice="",
        # Beyond ASCII: the embedded fonts must hold it.
        sections=(doc.Section("test", "Text", (doc.Paragraph.of("Grüße, naïve, 2 €"),)),),
    )
    data = to_pdf(document)
    (folder / "self-test.pdf").write_bytes(data)
    if not data.startswith(b"%PDF"):
        raise RuntimeError("the file is not a PDF")
    return f"a PDF written ({len(data) // 1024} KB, fonts embedded)"
