"""The journal's key: ``init`` (a new journal and its recovery key), ``passwd`` and
``recover``. The secrets come from options.py (file, environment, or a terminal prompt);
the keyring is reached only through services (and they through security/)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tkg_journal.cli.options import (
    EXIT_OK,
    NEW_PASSPHRASE_ENV,
    RECOVERY_KEY_ENV,
    create_journal,
    get_new_passphrase,
    get_passphrase,
    get_recovery_key,
    journal_paths,
)
from tkg_journal.cli.output import print_recovery_key

if TYPE_CHECKING:
    from tkg_journal.cli.options import Commands


def cmd_init(args: argparse.Namespace) -> int:
    journal, recovery_key = create_journal(args, args.passphrase)
    with journal:
        how = "protected by your passphrase" if args.passphrase else "key kept in the OS keyring"
        print(f"Created an encrypted journal in {journal.paths.data_dir} ({how}).")
    print_recovery_key(recovery_key)
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace) -> int:
    """Set or change the passphrase (from keyring mode too). Re-wraps the key only."""
    from tkg_journal.security.key_file import KeyMode
    from tkg_journal.services import journal_access

    paths = journal_paths(args)
    old = get_passphrase(args) if journal_access.key_mode(paths) is KeyMode.PASSPHRASE else None
    key = journal_access.unlock_key(paths, passphrase=old)
    journal_access.change_passphrase(paths, key=key, new_passphrase=get_new_passphrase(args))
    print("Passphrase set. The journal was not re-encrypted; the recovery key still works.")
    return EXIT_OK


def cmd_recover(args: argparse.Namespace) -> int:
    """Unlock with the recovery key, then set a new passphrase or restore the keyring."""
    from tkg_journal.services import journal_access

    paths = journal_paths(args)
    key = journal_access.unlock_key(paths, recovery_key=get_recovery_key(args))
    if args.keyring:
        journal_access.use_keyring(paths, key=key)
        print("The journal's key is back in the OS keyring.")
    else:
        journal_access.change_passphrase(paths, key=key, new_passphrase=get_new_passphrase(args))
        print("New passphrase set.")
    return EXIT_OK


def register_init(sub: Commands) -> None:
    """``init`` alone: ``--help`` lists it first, before the entry commands."""
    p = sub.add_parser("init", help="create a new encrypted journal")
    p.add_argument(
        "--passphrase",
        action="store_true",
        help="protect the key with a passphrase instead of the OS keyring",
    )
    p.set_defaults(run=cmd_init)


def register(sub: Commands) -> None:
    """``passwd`` and ``recover``."""
    p = sub.add_parser("passwd", help="set or change the passphrase")
    _new_passphrase_file_option(p)
    p.set_defaults(run=cmd_passwd)

    p = sub.add_parser("recover", help="regain access with the recovery key")
    p.add_argument(
        "--recovery-key-file",
        metavar="FILE",
        help=f"read the recovery key from FILE (or set {RECOVERY_KEY_ENV})",
    )
    p.add_argument(
        "--keyring",
        action="store_true",
        help="put the key back in the OS keyring instead of setting a passphrase",
    )
    _new_passphrase_file_option(p)
    p.set_defaults(run=cmd_recover)


def _new_passphrase_file_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help=f"read the new passphrase from FILE (or set {NEW_PASSPHRASE_ENV})",
    )
