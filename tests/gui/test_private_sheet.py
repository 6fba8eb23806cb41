"""The recovery-key sheet saved as a PDF is private whatever the umask (issue 15, "private
files"): with a umask of 0 only the app's own mode protects it, and an earlier sheet left
readable by others is replaced by a private one."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tkg_journal.services import journal_access
from tkg_journal.ui.keys.recovery_key_sheet import save_sheet_pdf


@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def test_the_saved_sheet_is_private_under_any_umask(
    qtbot: QtBot, tmp_path: Path, loose_umask: None
) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    target = folder / "recovery key.pdf"
    target.write_bytes(b"an older sheet")
    os.chmod(target, 0o644)
    save_sheet_pdf(journal_access.generate_recovery_key(), target, created=date(2026, 3, 2))
    assert target.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in folder.iterdir()) == ["recovery key.pdf"]
