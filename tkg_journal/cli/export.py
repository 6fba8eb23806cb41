"""``export``: the pre-session summary of a period as one PDF, Markdown or HTML file for
the coach. The charts' helper process is started first, so matplotlib loads on the other
core while this one checks the arguments and reads the journal.

``--pdf-password-file`` locks the PDF with the password on the file's first line (read
like ``--passphrase-file``); no message ever shows the password."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tkg_journal.cli.options import EXIT_OK, UsageError, day_arg, open_journal, read_secret_file

if TYPE_CHECKING:
    from tkg_journal.cli.options import Commands
    from tkg_journal.domain.progress import Period
    from tkg_journal.services.drawing_process import DrawingProcess
    from tkg_journal.services.export import ExportFormat, PdfPassword


def cmd_export(args: argparse.Namespace) -> int:
    """Write the pre-session summary of a period as PDF, Markdown or HTML."""
    from tkg_journal.services.drawing_process import DrawingProcess

    # The charts' helper is forked first: it imports matplotlib on the other core while
    # this process checks the arguments, derives the key and reads the journal.
    cores = min(os.cpu_count() or 1, 4)
    with DrawingProcess(processes=cores, start_helper=not args.no_charts) as drawing:
        return _export(args, drawing)


def _export(args: argparse.Namespace, drawing: DrawingProcess) -> int:
    from tkg_journal.domain.errors import DomainError
    from tkg_journal.domain.progress import Period
    from tkg_journal.domain.summary import ALL_SECTIONS, SummaryOptions, parse_section
    from tkg_journal.services.export import parse_format

    # Everything typed is checked before unlocking: a typo costs no Argon2id, and a
    # refused command leaves no file behind.
    fmt = parse_format(args.format)
    password = _pdf_password(args.pdf_password_file, fmt)
    out = Path(args.output).expanduser()
    if out.is_dir():
        raise DomainError(
            f"-o {args.output} is a folder; give a file name like summary{fmt.suffix}"
        )
    if not out.parent.is_dir():
        problem = "is a file, not a folder" if out.parent.exists() else "does not exist"
        raise DomainError(f"-o {args.output}: {out.parent} {problem}")
    if not os.access(out.parent, os.W_OK | os.X_OK):
        raise DomainError(f"-o {args.output}: the folder {out.parent} is not writable")
    from tkg_journal.services.files import is_read_only

    if is_read_only(out) and not args.force:
        raise DomainError(f"{out} is read-only; nothing was written (use --force to replace it)")
    since = day_arg(args.since, "--since")
    until = day_arg(args.until, "--until")
    if since is not None and until is not None and since > until:
        raise DomainError(
            f"--since {since.isoformat()} is after --until {until.isoformat()}: the period is empty"
        )
    left_out = {parse_section(text) for text in args.without}

    from tkg_journal.services.coach_sessions import CoachSessions
    from tkg_journal.services.export import plan_export, write_export

    with open_journal(args) as journal:
        today = journal.clock().date()
        # The default period starts on the day of the last coach session.
        start = since or CoachSessions(journal).since_last_session().since
        period = Period(since=start, until=until or today)
        options = SummaryOptions(
            period=period,
            sections=frozenset(ALL_SECTIONS) - left_out,
            include_private=args.include_private,
            charts=not args.no_charts,
            questions=args.questions or "",
        )
        plan = plan_export(journal, options)
    # Drawing and writing need no database: the journal (and its key) is closed already.
    result = write_export(
        plan, fmt, out, draw=drawing.draw, replace_read_only=args.force, password=password
    )
    summary = result.summary
    how = f"{fmt.label}, opens only with its password" if result.protected else fmt.label
    print(f"Exported the summary of {_period_words(summary.period)} to {out} ({how}).")
    if result.charts_folder is not None:
        print(f"Its charts are in {result.charts_folder}{os.sep}")
    if summary.include_private:
        print("Private entries are included.")
    if result.protected:
        print(
            "Give your coach the password another way than the file (not in the same "
            "email), and delete the file after the session.",
            file=sys.stderr,
        )
    else:
        print(
            "The exported file is not encrypted: keep it somewhere private and delete it "
            "after the session.",
            file=sys.stderr,
        )
    return EXIT_OK


def _pdf_password(path: str | None, fmt: ExportFormat) -> PdfPassword | None:
    """The password to lock the PDF with: the first line of the file at ``path``.

    Raises:
        DomainError: the option with Markdown or HTML, a missing, unreadable or empty
            file, or a password a PDF cannot use. Exit 1 like the command's other refusals
            (the file is this command's input, not a wrong use of the options).
    """
    from tkg_journal.domain.errors import DomainError
    from tkg_journal.services.export import NO_PASSWORD_FORMAT, ExportFormat, PdfPassword

    if path is None:
        return None
    if fmt is not ExportFormat.PDF:
        raise DomainError(f"--pdf-password-file: {NO_PASSWORD_FORMAT.format(label=fmt.label)}")
    if not path:
        raise DomainError("--pdf-password-file is empty: give the file that holds the password")
    try:
        text = read_secret_file(path, "PDF password")
    except UsageError as error:  # names the file and what is wrong, never its content
        raise DomainError(f"{error}; nothing was written") from None
    # The first line only: a password manager's export may add lines (a user name, notes).
    first = text.partition("\n")[0].rstrip("\r")
    if not first:
        where = "the PDF password file" if not text else "the first line of the PDF password file"
        raise DomainError(
            f"{where} {path} is empty: write the password on its first line; nothing was written"
        )
    password = PdfPassword(first)
    try:
        password.check()
    except DomainError as error:
        raise DomainError(f"{error}; nothing was written") from None
    return password


def _period_words(period: Period) -> str:
    assert period.since is not None and period.until is not None
    return f"{period.since.isoformat()} to {period.until.isoformat()}"


def register(sub: Commands) -> None:
    p = sub.add_parser(
        "export",
        help="write the pre-session summary as PDF, Markdown or HTML",
        description="Write what happened in a period (by default since the last coach "
        "session) as one document for the coach. The file is not encrypted unless a PDF "
        "is locked with --pdf-password-file; only entries shared with the coach are in it "
        "unless --include-private is given.",
    )
    when = p.add_mutually_exclusive_group()
    when.add_argument("--since", metavar="DATE", help="from this day: 2026-09-01, 90d, ...")
    when.add_argument(
        "--since-last-session",
        action="store_true",
        help="from the day of the last coach session (the default)",
    )
    p.add_argument("--until", metavar="DATE", help="up to and including this day (default today)")
    p.add_argument("--format", "-f", required=True, metavar="pdf|md|html", help="the file format")
    p.add_argument("--output", "-o", required=True, metavar="FILE", help="the file to write")
    p.add_argument("--force", action="store_true", help="replace FILE even if it is read-only")
    p.add_argument(
        "--pdf-password-file",
        metavar="FILE",
        help="lock the PDF (AES-256) with the password on the first line of FILE: it opens "
        "only with that password (PDF only; Markdown and HTML cannot carry one)",
    )
    p.add_argument(
        "--include-private",
        action="store_true",
        help="include entries not marked 'share with coach' (left out by default)",
    )
    p.add_argument("--no-charts", action="store_true", help="leave the charts out")
    p.add_argument("--questions", metavar="TEXT", help="questions for my coach (free text)")
    p.add_argument(
        "--without",
        action="append",
        default=[],
        metavar="SECTION",
        # Written out rather than read from SummarySection: the parser is built on every
        # command, and importing the summary's domain for a help line slows them all.
        help="leave a section out (repeatable): at-a-glance, charts, patterns, experiments, "
        "entries, feedback, commitments, questions",
    )
    p.set_defaults(run=cmd_export)
