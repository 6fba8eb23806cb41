"""A summary PDF locked with a password, written by the export service over a real
encrypted journal with known content (tests/summary_journal.py): it opens only with the
password, Markdown and HTML refuse one, and the password shows in no message or repr."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import summary_journal as known
from tests.conftest import TEST_PASSPHRASE
from tests.locked_pdf import assert_locked
from tkg_journal.domain.errors import DomainError
from tkg_journal.domain.progress import Period
from tkg_journal.domain.summary import SummaryOptions
from tkg_journal.paths import JournalPaths
from tkg_journal.reports.pdf_password import MAX_PASSWORD_BYTES, password_problem
from tkg_journal.services import journal_access
from tkg_journal.services.export import (
    ExportFormat,
    ExportPlan,
    PdfPassword,
    plan_export,
    write_export,
)
from tkg_journal.services.journal import Journal

PASSWORD = "Lee & Sam: 3 sessions"


@pytest.fixture
def plan(journal_paths: JournalPaths) -> Iterator[ExportPlan]:
    journal: Journal = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE).journal
    try:
        known.fill(journal)
        journal.clock = lambda: known.at(24, 10)
        options = SummaryOptions(period=Period(known.LAST_SESSION, known.TODAY), charts=False)
        yield plan_export(journal, options)
    finally:
        journal.close()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def test_a_locked_pdf_opens_only_with_its_password(plan: ExportPlan, out: Path) -> None:
    target = out / "summary.pdf"
    result = write_export(plan, ExportFormat.PDF, target, password=PdfPassword(PASSWORD))
    assert result.protected
    text = assert_locked(target, PASSWORD, known.SHARED_TITLES[0], "Before my coach session")
    assert "opens only with its password" in text
    for title in known.PRIVATE_TITLES:
        assert title not in text
    # Each write encrypts with fresh salts: the same summary never gives the same bytes.
    first = target.read_bytes()
    write_export(plan, ExportFormat.PDF, target, password=PdfPassword(PASSWORD))
    assert target.read_bytes() != first
    assert sorted(p.name for p in out.iterdir()) == ["summary.pdf"]


@pytest.mark.parametrize("fmt", [ExportFormat.MARKDOWN, ExportFormat.HTML])
def test_markdown_and_html_refuse_a_password_and_write_nothing(
    plan: ExportPlan, out: Path, fmt: ExportFormat
) -> None:
    with pytest.raises(DomainError, match="cannot carry a password") as refused:
        write_export(plan, fmt, out / f"summary{fmt.suffix}", password=PdfPassword(PASSWORD))
    assert PASSWORD not in str(refused.value)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    "password",
    ["a\u200bb", "line\nbreak", "x" * (MAX_PASSWORD_BYTES + 1), "\u00e9" * 64, "\ufb01sh"],
    ids=["zero-width", "newline", "too-long", "too-many-bytes", "ligature"],
)
def test_a_password_a_pdf_cannot_use_as_typed_is_refused_before_writing(
    plan: ExportPlan, out: Path, password: str
) -> None:
    assert password_problem(password) is not None
    with pytest.raises(DomainError) as refused:
        write_export(plan, ExportFormat.PDF, out / "summary.pdf", password=PdfPassword(password))
    assert password not in str(refused.value)
    assert refused.value.__cause__ is None and refused.value.__context__ is None
    assert list(out.iterdir()) == []


def test_usable_passwords_pass_as_typed() -> None:
    for password in (" ", "Grüße, Zoë", "日本語のパスワード", "x" * MAX_PASSWORD_BYTES):
        assert password_problem(password) is None, password


def test_the_password_never_shows_in_a_repr() -> None:
    with pytest.raises(DomainError, match="empty"):
        PdfPassword("")
    password = PdfPassword(PASSWORD)
    assert PASSWORD not in repr(password) and PASSWORD not in str(password)
    assert repr(password) == "PdfPassword()"
