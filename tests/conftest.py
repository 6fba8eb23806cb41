"""Shared fixtures: every test gets its own data folder and its own keyring.

Qt runs offscreen unless a test asks for a real X server; no test can reach the user's
real journal, keyring or configuration.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from hypothesis import settings

# Offscreen on a common desktop screen: the plugin's own screen (800x600) is smaller than
# any the app supports, and windows size themselves to the screen they open on.
# tests/gui/test_fits_any_screen.py tries the small ones.
os.environ.setdefault(
    "QT_QPA_PLATFORM",
    f"offscreen:configfile={Path(__file__).parent / 'fixtures' / 'screens' / 'desktop.json'}",
)

# A zone far from UTC, with a quarter-hour offset and summer time, unless the run names
# one: the app shows local days and stores UTC, and in UTC (where CI machines live) the
# two cannot be told apart. Here, for more than half of each day, the local date is UTC's + 1.
os.environ.setdefault("TZ", "Pacific/Chatham")

from tests.fakes.keyrings import FailingKeyring, MemoryKeyring
from tkg_journal.paths import JournalPaths

time.tzset()  # this process too, not only the commands the tests start

# Property tests run a fixed number of derandomized examples, so the suite (and CI) takes
# the same time and finds the same things on every run; HYPOTHESIS_PROFILE=explore runs
# many more, new ones each time, to hunt for what the fixed set misses.
settings.register_profile("ci", max_examples=100, derandomize=True, deadline=None,
                          print_blob=True)
settings.register_profile("explore", max_examples=2_000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

TEST_PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point every folder the app could use at this test's temp dir."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local/share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("TKG_JOURNAL_HOME", str(tmp_path / "journal"))
    for name in ("TKG_JOURNAL_PASSPHRASE", "TKG_JOURNAL_NEW_PASSPHRASE",
                 "TKG_JOURNAL_RECOVERY_KEY"):
        monkeypatch.delenv(name, raising=False)
    # Subprocesses get "no keyring" unless a test gives them the file keyring.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def failing_keyring() -> FailingKeyring:
    backend = FailingKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def journal_paths(tmp_path: Path) -> JournalPaths:
    return JournalPaths(tmp_path / "journal")
