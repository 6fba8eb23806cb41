"""No passphrase, recovery key or raw key shows in a repr: a repr is what tracebacks, logs,
debuggers and test reports print, and a bug report is pasted in public.

The objects that hold secrets are listed here by hand, each built with a recognisable
secret in every field that holds one; and every dataclass of the package is walked, so a
new field named like a secret (``passphrase``, ``recovery_key``, ``key``...) cannot be
added without being hidden from repr or named here as no secret.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path

import pytest

import tkg_journal
from tkg_journal.app import GuiOptions
from tkg_journal.security.key_file import KeySlot
from tkg_journal.security.recovery_sheet import RecoveryBlock, Sheet
from tkg_journal.services.journal_access import NewJournal, NewRecoveryKey
from tkg_journal.services.key_files import KeyPlan
from tkg_journal.services.rekey import Rekeyed

SECRET = "SECRET-7K3Q-M0ZD"
SECRET_BYTES = b"SECRET-RAW-KEY-0123456789abcdef!"  # 32 bytes, like a database key


def _slot() -> KeySlot:
    return KeySlot(b"SECRET-salt-16by", b"SECRET-nonce", SECRET_BYTES + b"SECRET-GCM-TAG!!")


#: Every object that holds a secret, made with one in each secret field.
HOLDERS: dict[str, Callable[[], object]] = {
    "GuiOptions": lambda: GuiOptions("/data", passphrase=SECRET),
    "NewJournal": lambda: NewJournal(journal=None, recovery_key=SECRET),  # type: ignore[arg-type]
    "KeyPlan": lambda: KeyPlan("journal-id", SECRET_BYTES, SECRET, _slot()),
    "NewRecoveryKey": lambda: NewRecoveryKey(SECRET, _slot(), [SECRET]),
    "Rekeyed": lambda: Rekeyed(
        SECRET_BYTES, SECRET, [SECRET], Path("/backups/b.tkgbackup"), 2, None,  # type: ignore[arg-type]
    ),
    "Sheet": lambda: Sheet(SECRET, RecoveryBlock("journal-id", 1, _slot())),
    "RecoveryBlock": lambda: RecoveryBlock("journal-id", 1, _slot()),
}


@pytest.mark.parametrize("name", sorted(HOLDERS))
def test_the_secret_is_not_in_the_repr(name: str) -> None:
    holder = HOLDERS[name]()
    assert "SECRET" not in repr(holder)
    assert "SECRET" not in str(holder)
    assert type(holder).__name__ in repr(holder)  # the rest is still shown, to debug with


def test_gui_options_keep_the_rest_of_their_repr() -> None:
    options = GuiOptions("/my/data", passphrase="correct horse battery staple")
    assert "correct horse" not in repr(options)
    assert "/my/data" in repr(options)
    assert options.passphrase == "correct horse battery staple"  # still there to use


# Field names that hold secrets, and the fields so named that hold none (with why).
_SECRET_NAME_PARTS = ("passphrase", "password", "secret", "recovery")
_SECRET_NAMES = {"key", "slot", "block", "block_lines", "recovery_slot", "new_key"}
NOT_SECRETS = {
    "tkg_journal.storage.date_repair._DateColumn.key": "the name of a table's column",
    "tkg_journal.reports.document.Section.key": "which section of the report",
    "tkg_journal.ui.common.attention_banner.AttentionLine.key": "the kind of a banner line",
    "tkg_journal.services.journal_document.Row.key": "a record's natural key (its date, title)",
    "tkg_journal.domain.patterns.PersonPattern.key": "a person's name, normalised to match",
}


def _all_dataclasses() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(tkg_journal.__path__, "tkg_journal."):
        if info.name == "tkg_journal.__main__":
            continue  # running it is the command line
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (isinstance(value, type) and dataclasses.is_dataclass(value)
                    and value.__module__ == info.name):
                found.append(value)
    return found


def _looks_secret(name: str) -> bool:
    return name in _SECRET_NAMES or any(part in name for part in _SECRET_NAME_PARTS)


def test_every_dataclass_field_named_like_a_secret_is_out_of_repr() -> None:
    classes = _all_dataclasses()
    assert len(classes) > 50  # the walk found the package's dataclasses
    shown = []
    for cls in classes:
        for field in dataclasses.fields(cls):
            where = f"{cls.__module__}.{cls.__qualname__}.{field.name}"
            if _looks_secret(field.name) and field.repr and where not in NOT_SECRETS:
                shown.append(where)
    assert not shown, f"add field(repr=False), or name them in NOT_SECRETS: {shown}"


def test_every_listed_holder_is_a_class_the_walk_finds() -> None:
    names = {cls.__name__ for cls in _all_dataclasses()}
    assert set(HOLDERS) <= names
