"""``export-all``: the whole journal (or the entries of a period, levels or tags) as a
lossless JSON document, a folder of Markdown pages, or a jrnl text journal; and
``import json``, which reads such a JSON document back (``entries.py`` registers the
``import`` command and hands its ``json`` source to :func:`cmd_import_json`)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tkg_journal.cli.options import EXIT_OK, level_arg, open_journal, since_arg, until_arg

if TYPE_CHECKING:
    from tkg_journal.cli.options import Commands

_FORMATS = ("json", "markdown", "jrnl")
_LABELS = {"json": "JSON", "markdown": "Markdown", "jrnl": "jrnl"}


def _check_output(out: Path, shown: str, fmt: str) -> None:
    """Refuse an output that cannot work before the passphrase is asked for."""
    from tkg_journal.domain.errors import DomainError

    if fmt == "markdown":
        from tkg_journal.services.journal_export import check_markdown_folder

        check_markdown_folder(out)
    elif out.is_dir():
        raise DomainError(f"-o {shown} is a folder; give a file name like journal.{fmt}")
    parent = out.parent
    if not parent.is_dir():
        problem = "is a file, not a folder" if parent.exists() else "does not exist"
        raise DomainError(f"-o {shown}: {parent} {problem}; nothing was written")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise DomainError(f"-o {shown}: the folder {parent} is not writable; nothing was written")


def cmd_export_all(args: argparse.Namespace) -> int:
    """Write the whole journal in one of the three formats."""
    from tkg_journal.domain.errors import DomainError
    from tkg_journal.domain.text_rules import clean_tag
    from tkg_journal.services.journal_export import Selection, export_all, parse_format

    # Everything typed is checked before unlocking: a typo costs no Argon2id.
    fmt = parse_format(args.format)
    out = Path(args.output).expanduser()
    _check_output(out, args.output, fmt.value)
    since, until = since_arg(args.since), until_arg(args.until)
    if since is not None and until is not None and since >= until:
        raise DomainError(f"--since {args.since} is after --until {args.until}: nothing to export")
    levels = tuple(dict.fromkeys(level for text in args.level if (level := level_arg(text))))
    tags = tuple(dict.fromkeys(clean_tag(text) for text in args.tag))
    selection = Selection(since=since, until=until, levels=levels, tags=tags)
    with open_journal(args) as journal:
        counts = export_all(journal, fmt, out, selection)
    what = f"{counts.entries:,} entries"
    if fmt.value != "jrnl":
        what += f", {counts.experiments:,} experiments, {counts.coach_sessions:,} coach sessions"
    where = f"{out}{os.sep} ({counts.files:,} files)" if fmt.value == "markdown" else str(out)
    print(f"Exported {what} to {where} ({_LABELS[fmt.value]}).")
    print(
        "The export is not encrypted: keep it somewhere private, and delete it when it has "
        "served its purpose.",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_import_json(args: argparse.Namespace) -> int:
    """Restore a JSON document written by ``export-all --format json``."""
    from tkg_journal.services.journal_import import import_document, read_document

    path = Path(args.file)
    # Read and checked whole before unlocking: a bad file is refused without a passphrase.
    document = read_document(path)
    with open_journal(args) as journal:
        result = import_document(journal, document)
    skipped = (
        f"; {result.already_present:,} were already in the journal"
        if result.already_present
        else ""
    )
    print(f"Imported {result.summary()} from {path.name}{skipped}.")
    return EXIT_OK


def register(sub: Commands) -> None:
    p = sub.add_parser(
        "export-all",
        help="write the whole journal as JSON (lossless), Markdown files or jrnl text",
        description="Write every entry (or those of a period, levels or tags), with the "
        "experiments, attempts, check-ins and coach sessions, to a file (json, jrnl) or a "
        "folder (markdown). The export is not encrypted; its files are readable by you "
        "alone. `tkg-journal import json FILE` reads a JSON export back.",
    )
    p.add_argument("--format", "-f", required=True, choices=_FORMATS, help="the format")
    p.add_argument(
        "--output",
        "-o",
        required=True,
        metavar="PATH",
        help="the file to write (json, jrnl), or the folder (markdown: new, empty or an "
        "earlier Markdown export, which is replaced)",
    )
    p.add_argument("--since", metavar="DATE", help="entries from this day: 2026-09-01, 90d, ...")
    p.add_argument("--until", metavar="DATE", help="entries up to and including this day")
    p.add_argument(
        "--level",
        action="append",
        default=[],
        metavar="LEVEL",
        help="only entries of this level (repeatable: any of them)",
    )
    p.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="only entries with this tag (repeatable: any of them)",
    )
    p.set_defaults(run=cmd_export_all)
