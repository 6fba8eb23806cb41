"""GUI fixtures: real encrypted journals in the test's folder, opened for the widgets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.conftest import TEST_PASSPHRASE
from tests.helpers import FIXED_NOW, entry
from tkg_journal.domain.entries import ConversationFields, EntryKind
from tkg_journal.domain.levels import Level
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.journal import Journal


@pytest.fixture(autouse=True)
def no_unexpected_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message box nobody expected would block the test run forever (it waits for a
    click): fail the test with its text instead. Tests that expect one patch it again."""

    def unexpected(*args: object, **_kwargs: object) -> None:
        texts = [a for a in args if isinstance(a, str)]
        raise AssertionError(f"unexpected message box: {texts}")

    for name in ("warning", "critical", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: unexpected(box.text()))


@pytest.fixture
def journal(journal_paths: JournalPaths) -> Iterator[Journal]:
    """An empty passphrase journal, open."""
    created = journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE)
    yield created.journal
    created.journal.close()


@pytest.fixture
def filled_journal(journal: Journal) -> Journal:
    """Known content: 3 hand-written entries plus 450 numbered ones (more than two pages)."""
    journal.add_entry(entry(
        kind=EntryKind.CONVERSATION, title="Budget talk with Sam", level=Level.GROWTH,
        occurred_at=FIXED_NOW, tags=("budget", "sam"), share_with_coach=True,
        conversation=ConversationFields(who="Sam", what_happened="Pushed back on the budget",
                                        feeling="defensive", intensity=7),
    ))
    journal.add_entry(entry(
        kind=EntryKind.REFLECTION, title="Delegation week", level=Level.EMPOWERMENT,
        body="I kept doing it all myself instead of delegating.",
        occurred_at=FIXED_NOW - timedelta(days=1), tags=("delegation",),
    ))
    journal.add_entry(entry(
        kind=EntryKind.FEEDBACK, title="Peer feedback", level=Level.FOUNDATION,
        body="You interrupt people when you feel challenged.",
        occurred_at=FIXED_NOW - timedelta(days=2),
    ))
    for number in range(450):
        journal.add_entry(entry(
            title=f"Routine note {number}", body=f"Ordinary day number {number}",
            occurred_at=FIXED_NOW - timedelta(days=3 + number),
        ))
    return journal
