"""The ``tkg-journal`` command line: quick capture, search, import and export from scripts.

Start-up speed matters here (a hotkey or a calendar reminder runs these commands), so the
modules of this package import only the standard library (and each other) at the top; each
command imports what it needs when it runs, and nothing on these paths imports Qt or
matplotlib.

Each command group has its module, which registers its sub-commands next to the code that
runs them (``register(sub)``, each sub-parser with ``set_defaults(run=...)``); what they
read from their arguments is in ``options``, what they print goes through ``output``.

Exit codes: 0 success; 1 the command failed (bad input, wrong key, damaged file...) and
nothing was changed; 2 wrong usage or a needed secret was not given; 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tkg_journal.cli import (
    backups,
    charts,
    due,
    entries,
    entry_commands,
    experiments,
    export,
    journal_export,
    keys,
    patterns,
    sessions,
)
from tkg_journal.cli.options import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    PASSPHRASE_ENV,
    PROG,
    Parser,
    UsageError,
    environment_text,
    is_text,
    read_secret_file,
)

if TYPE_CHECKING:
    from tkg_journal.cli.options import Commands

__all__ = ["build_parser", "main"]

# In the order ``--help`` lists them: a new journal, then writing and reading it, keys,
# experiments, coach sessions, what is due, patterns, and the two that write files.
_REGISTER: tuple[Callable[[Commands], None], ...] = (
    keys.register_init,
    entries.register,
    entry_commands.register,
    keys.register,
    experiments.register,
    sessions.register,
    due.register,
    patterns.register,
    charts.register,
    export.register,
    journal_export.register,
    backups.register,
)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG,
        description="TKG Journal: an encrypted journal for leadership coaching. "
        "Without a command, opens the desktop app.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="journal folder (default: TKG_JOURNAL_HOME or the platform's user data folder)",
    )
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help=f"read the passphrase from FILE (or set {PASSPHRASE_ENV})",
    )
    parser.add_argument(
        "--startup-time",
        action="store_true",
        help="open the desktop app, print the milliseconds from process start to the first "
        "paint of the filled main window, and quit (a benchmark)",
    )
    parser.add_argument(
        "--in-tray",
        action="store_true",
        help="open the desktop app with no window, as an icon in the system tray (how it "
        "starts at login); a journal with a passphrase stays locked until opened from the "
        "icon. Without a system tray, opens the window as usual",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this install has every part it needs (SQLCipher, Argon2id, the "
        "keyring, Qt, charts, PDF), one line each; exit 0 only if all pass",
    )
    parser.add_argument("--self-test-qt", action="store_true", help=argparse.SUPPRESS)
    launcher = parser.add_mutually_exclusive_group()
    launcher.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add TKG Journal to the desktop's menu (a launcher and icon under "
        "~/.local/share) for this installed command",
    )
    launcher.add_argument(
        "--uninstall-desktop-entry",
        action="store_true",
        help="remove the launcher and icon --install-desktop-entry wrote",
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for register in _REGISTER:
        register(sub)
    return parser


def _version() -> str:
    from tkg_journal import __version__

    return f"{PROG} {__version__}"


def _undecodable_argument(argv: Sequence[str]) -> str | None:
    """The message for the first argument that is not UTF-8 text, if any."""
    for number, argument in enumerate(argv, start=1):
        if not is_text(argument):
            shown = argument.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            return (
                f"argument {number} ({shown!r}) holds bytes that are not UTF-8 text; "
                "nothing was changed"
            )
    return None


def _run_gui(args: argparse.Namespace) -> int:
    """No command: the desktop app. A passphrase given for automation is used; otherwise
    the app asks for it in a dialog (never on the terminal)."""
    from tkg_journal.app import GuiOptions, run_gui

    try:
        passphrase = (
            read_secret_file(args.passphrase_file, "passphrase")
            if args.passphrase_file
            else environment_text(PASSPHRASE_ENV)
            if PASSPHRASE_ENV in os.environ
            else None
        )
    except UsageError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_USAGE
    options = GuiOptions(args.data_dir, passphrase, args.startup_time, in_tray=args.in_tray)
    return run_gui(options)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    undecodable = _undecodable_argument(arguments)
    if undecodable:
        print(f"{PROG}: {undecodable}", file=sys.stderr)
        return EXIT_USAGE
    parser = build_parser()
    args = parser.parse_args(arguments)
    if args.data_dir == "":
        parser.error("--data-dir is empty; give the journal's folder")
    if args.install_desktop_entry or args.uninstall_desktop_entry:
        if args.command is not None:
            parser.error("the desktop entry options take no command")
        return _desktop_entry(install=args.install_desktop_entry)
    if args.self_test or args.self_test_qt:
        if args.command is not None:
            parser.error("--self-test checks the install; give it without a command")
        if args.self_test_qt:
            from tkg_journal.ui.self_test_window import qt_check

            return qt_check()
        from tkg_journal.cli import self_test

        return self_test.run()
    if args.command is None:
        return _run_gui(args)
    if args.startup_time:
        parser.error("--startup-time measures the desktop app; give it without a command")
    if args.in_tray:
        parser.error("--in-tray starts the desktop app; give it without a command")
    from tkg_journal.services.errors import USER_ERRORS, PassphraseRequired

    try:
        return int(args.run(args))
    except UsageError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except PassphraseRequired as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except USER_ERRORS as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(f"\n{PROG}: interrupted; nothing was saved", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `tkg-journal list | head`: the reader left, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as error:  # the user's environment (permissions, a file for a folder)
        print(f"{PROG}: {_os_error_text(error)}; nothing was changed", file=sys.stderr)
        return EXIT_FAILED


def _desktop_entry(*, install: bool) -> int:
    from tkg_journal.services import desktop_entry

    files = desktop_entry.DesktopFiles.for_user()
    try:
        if install:
            written = desktop_entry.install(files, desktop_entry.installed_command())
            print(f"Added TKG Journal to the menu: {written[0]} (icon {written[1]}).")
        else:
            removed = desktop_entry.uninstall(files)
            print(f"Removed {', '.join(map(str, removed))}." if removed
                  else "There was no TKG Journal launcher to remove.")
    except OSError as error:
        print(f"{PROG}: {_os_error_text(error)}; nothing was changed", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _os_error_text(error: OSError) -> str:
    reason = error.strerror or str(error)
    return f"{error.filename}: {reason}" if error.filename else reason
