"""A passphrase or recovery key that does not unlock the journal is never quoted back: not
in the error's message or repr, nor in the errors chained to it, a traceback, a log
record, or what the command line prints. Whatever was typed, any character at all.
"""

from __future__ import annotations

import hashlib
import logging
import traceback

import argon2.low_level
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.conftest import TEST_PASSPHRASE
from tkg_journal.cli import main
from tkg_journal.paths import JournalPaths
from tkg_journal.services import journal_access
from tkg_journal.services.errors import USER_ERRORS

#: Any character, lone surrogates included (what bytes that were not UTF-8 become).
ANY_TEXT = st.text(st.characters(exclude_categories=()), min_size=8, max_size=64)
#: What an environment variable can hold.
ENV_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
                   min_size=8, max_size=64)


@pytest.fixture
def fast_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id's C code stands in for a fast hash, so that a hundred passphrases can be
    tried; every line of ours runs as it does with the real one."""

    def fast(secret: bytes, salt: bytes, _time: int, _memory: int, _lanes: int,
             length: int, _kind: object) -> bytes:
        return hashlib.blake2b(secret, salt=salt[:16], digest_size=length).digest()

    monkeypatch.setattr(argon2.low_level, "hash_secret_raw", fast)


@pytest.fixture
def passphrase_journal(journal_paths: JournalPaths) -> JournalPaths:
    journal_access.create(journal_paths, passphrase=TEST_PASSPHRASE).journal.close()
    return journal_paths


def everything_said_about(error: BaseException) -> str:
    """The error's text, repr and arguments, those of every error chained to it (shown or
    not), and the traceback as printed."""
    said = []
    seen: BaseException | None = error
    while seen is not None:
        said += [str(seen), repr(seen), repr(seen.args)]
        seen = seen.__cause__ or seen.__context__
    said.append("".join(traceback.format_exception(error)))
    return "\n".join(said)


def test_a_wrong_passphrase_is_never_quoted(
    passphrase_journal: JournalPaths, fast_argon2: None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    @given(ANY_TEXT)
    def tried(passphrase: str) -> None:
        assume(passphrase != TEST_PASSPHRASE)
        with pytest.raises(USER_ERRORS) as caught:
            journal_access.unlock(passphrase_journal, passphrase=passphrase)
        assert "wrong passphrase" in str(caught.value)
        assert passphrase not in everything_said_about(caught.value)
        with pytest.raises(USER_ERRORS) as caught:
            journal_access.unlock_key(passphrase_journal, passphrase=passphrase)
        assert passphrase not in everything_said_about(caught.value)
        assert passphrase not in caplog.text

    tried()


def test_a_wrong_recovery_key_is_never_quoted(
    passphrase_journal: JournalPaths, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    @given(ANY_TEXT)
    def tried(recovery_key: str) -> None:
        with pytest.raises(USER_ERRORS) as caught:
            journal_access.unlock(passphrase_journal, recovery_key=recovery_key)
        assert "recovery key" in str(caught.value)
        assert recovery_key not in everything_said_about(caught.value)
        assert recovery_key not in caplog.text

    tried()


def test_the_command_line_never_prints_a_wrong_passphrase(
    passphrase_journal: JournalPaths, fast_argon2: None, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    @given(ENV_TEXT)
    def tried(passphrase: str) -> None:
        assume(passphrase != TEST_PASSPHRASE)
        monkeypatch.setenv("TKG_JOURNAL_PASSPHRASE", passphrase)
        code = main(["--data-dir", str(passphrase_journal.data_dir), "list"])
        out, err = capsys.readouterr()
        assert code != 0 and "wrong passphrase" in err
        assert passphrase not in out + err

    tried()


def test_a_passphrase_that_is_not_text_is_refused_without_quoting_it(
    journal_paths: JournalPaths,
) -> None:
    with pytest.raises(USER_ERRORS) as caught:
        journal_access.create(journal_paths, passphrase="not\udce9 text at all")
    assert "\udce9" not in everything_said_about(caught.value)
    assert not journal_access.exists(journal_paths)
