"""Entries and the journal as a whole: ``add``, ``list``, ``search``, ``import``, ``demo``
and ``check``. Each command imports what it needs when it runs (start-up speed)."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from tkg_journal.cli.entry_fields import add_guided_options, guided_answers
from tkg_journal.cli.options import (
    EXIT_FAILED,
    EXIT_OK,
    PROG,
    UsageError,
    create_journal,
    creating_format_option,
    format_option,
    journal_paths,
    level_arg,
    limit,
    moment_arg,
    now,
    open_journal,
    read_stdin_text,
    since_arg,
    text_arg,
    until_arg,
)
from tkg_journal.cli.output import (
    clip,
    count,
    level_text,
    local_stamp,
    print_json,
    print_recovery_sheet,
    print_result,
)

if TYPE_CHECKING:
    from tkg_journal.cli.options import Commands


def cmd_add(args: argparse.Namespace) -> int:
    from tkg_journal.domain.entries import ConversationFields, Entry, EntryKind, parse_kind

    if args.notes is not None and args.text:
        raise UsageError("give the entry's text or --notes, not both")
    if args.notes is not None:
        body = text_arg(args.notes)
    else:
        body = read_stdin_text() if args.text == ["-"] else " ".join(args.text)
    guided = replace(ConversationFields(), **guided_answers(args))
    if not body.strip() and not (args.title or "").strip() and guided.is_empty():
        raise UsageError(
            "nothing to add: give the entry's text (or - to read it from "
            "standard input), a --title or a guided answer (--who, --what-happened, ...)"
        )
    # Guided answers are the conversation template's: they make one unless --kind says.
    default_kind = EntryKind.FREE if guided.is_empty() else EntryKind.CONVERSATION
    kind = parse_kind(args.kind) if args.kind is not None else default_kind
    level = level_arg(args.level)
    occurred_at = moment_arg(args.when) if args.when else now()
    entry = Entry(
        kind=kind,
        occurred_at=occurred_at,
        title=args.title or "",
        body=body,
        level=level,
        tags=tuple(args.tag),
        share_with_coach=args.share,
        conversation=guided,
    )
    with open_journal(args) as journal:
        stored = journal.add_entry(entry)
    print_result(args.format, {"id": stored.id}, f"Added entry {stored.id}.")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from tkg_journal.domain.search import EntryFilter

    level = level_arg(args.level)
    filters = EntryFilter(
        since=since_arg(args.since),
        until=until_arg(args.until),
        levels=(level,) if level else (),
        tag=args.tag.lower().lstrip("#@") if args.tag else None,
    )
    with open_journal(args) as journal:
        rows = journal.list_entries(filters, limit=args.limit)
        tags = journal.tags_of([r.id for r in rows]) if args.format == "json" else {}
    if args.format == "json":
        print_json(
            [
                {
                    "id": r.id,
                    "occurred_at": r.occurred_at.astimezone().isoformat(),
                    "kind": r.kind.value,
                    "level": r.level.title if r.level else None,
                    "level_rank": int(r.level) if r.level else None,
                    "title": r.title,
                    "first_line": r.first_line,
                    "shared": r.share_with_coach,
                    "tags": list(tags.get(r.id, ())),
                    **({"date_unreadable": True} if r.date_unreadable else {}),
                }
                for r in rows
            ]
        )
        return EXIT_OK
    if not rows:
        print("No entries match.", file=sys.stderr)
    for r in rows:
        headline = " - ".join(t for t in (r.title, r.first_line) if t)
        stamp = _UNREADABLE_STAMP if r.date_unreadable else local_stamp(r.occurred_at)
        print(
            f"{r.id:>6}  {stamp}  {r.kind.value:<12}  "
            f"{level_text(r.level):<13}  {clip(headline, 90)}"
        )
    _note_unreadable_dates(sum(r.date_unreadable for r in rows))
    return EXIT_OK


# As wide as a local stamp ("2026-03-01 14:30"), so the columns stay aligned.
_UNREADABLE_STAMP = "date unreadable "


def _note_unreadable_dates(unreadable: int) -> None:
    if unreadable:
        subject = "1 entry above has" if unreadable == 1 else f"{unreadable} entries above have"
        print(
            f"{PROG}: {subject} a stored date that cannot be read; "
            f"`{PROG} check --repair` fixes it",
            file=sys.stderr,
        )


def cmd_search(args: argparse.Namespace) -> int:
    from tkg_journal.domain.search import HitType, highlight

    if not args.query.strip():
        raise UsageError("search needs some words to look for")
    with open_journal(args) as journal:
        hits = journal.search(
            args.query,
            since=since_arg(args.since),
            until=until_arg(args.until),
            level=level_arg(args.level),
            limit=args.limit,
        )
        entry_ids = [h.id for h in hits if h.type is HitType.ENTRY]
        tags = journal.tags_of(entry_ids) if args.format == "json" else {}
    if args.format == "json":
        print_json(
            [
                {
                    "type": h.type.value,
                    "id": h.id,
                    "experiment_id": h.parent_id,
                    "occurred_at": h.occurred_at.astimezone().isoformat(),
                    "level": h.level.title if h.level else None,
                    "title": h.title,
                    "snippet": highlight(h.snippet, "[", "]"),
                    "rank": round(h.rank, 4),
                    # Only entries carry tags; experiments and attempts list none.
                    "tags": list(tags.get(h.id, ())) if h.type is HitType.ENTRY else [],
                }
                for h in hits
            ]
        )
        return EXIT_OK
    if not hits:
        print("Nothing found.", file=sys.stderr)
    bold = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    before, after = ("\x1b[1m", "\x1b[0m") if bold else ("[", "]")
    for h in hits:
        label = f"{h.type.value} {h.id}" + (f" (experiment {h.parent_id})" if h.parent_id else "")
        print(
            f"{label:<24}  {local_stamp(h.occurred_at)}  {level_text(h.level):<13}  "
            f"{clip(h.title, 60)}"
        )
        print(f"    {highlight(h.snippet, before, after)}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    if args.source == "json":  # our own export-all document: journal_export reads it back
        from tkg_journal.cli.journal_export import cmd_import_json

        return cmd_import_json(args)
    from tkg_journal.cli.entry_imports import cmd_import_entries  # jrnl, dayone, markdown

    return cmd_import_entries(args)


def cmd_demo(args: argparse.Namespace) -> int:
    from tkg_journal.services import demo, journal_access

    if args.entries < 0:
        raise UsageError("--entries cannot be negative")
    recovery_key = None
    if journal_access.exists(journal_paths(args)):
        journal = open_journal(args)
    else:
        journal, recovery_key = create_journal(args, args.passphrase)
    with journal:
        block = journal_access.recovery_block_lines(journal.paths) if recovery_key else []
        summary = demo.fill(journal, entries=args.entries, seed=args.seed)
        print(
            f"Sample journal in {journal.paths.data_dir}: {summary.entries} entries, "
            f"{summary.experiments} experiments with {summary.attempts} attempts, "
            f"{summary.checkins} rating check-ins, {summary.sessions} coach sessions."
        )
    if recovery_key:
        print_recovery_sheet(recovery_key, block)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Every page authenticated, then every stored date readable (``--repair``: fixed,
    after a backup)."""
    with open_journal(args) as journal:
        problems = journal.integrity_problems()
        entries = journal.count_entries()
        if problems:
            print(f"{PROG}: the journal is damaged:", file=sys.stderr)
            for line in problems[:20]:
                print(f"  {line}", file=sys.stderr)
            return EXIT_FAILED
        print(f"The journal is intact ({count(entries, 'entry')}, every page authenticated).")
        if args.repair:
            dates, copy = journal.repair_dates()
        else:
            dates, copy = journal.date_problems(), None
    if not dates:
        return EXIT_OK
    if copy is not None:
        print(f"Backed up the journal to {copy} first.")
        print(f"Repaired {count(len(dates), 'stored date')} that could not be read:")
    else:
        print(f"{count(len(dates), 'stored date')} cannot be read (written by an older version):")
    for problem in dates:
        print(f"  {problem.describe()}")
    if copy is None:
        print(f"Run `{PROG} check --repair` to write the values shown (a backup is taken first).")
        return EXIT_FAILED
    return EXIT_OK


def register(sub: Commands) -> None:
    p = sub.add_parser("add", help="add an entry")
    p.add_argument("text", nargs="*", help="the entry's text, or - to read standard input")
    p.add_argument("--level", "-l", help="level by name or number (growth, 2)")
    p.add_argument(
        "--kind", "-k", help="conversation, feedback, reflection, coach-notes, free (default)"
    )
    p.add_argument("--title", "-t")
    p.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    p.add_argument("--share", action="store_true", help="share with the coach in exports")
    p.add_argument(
        "--when",
        help="when it happened (default now): 2026-03-01 14:30, yesterday 18:30, 3d ago, ...",
    )
    p.add_argument(
        "--notes", metavar="TEXT", help="the entry's text as an option (- reads standard input)"
    )
    add_guided_options(p, editing=False)
    creating_format_option(p).set_defaults(run=cmd_add)

    for name, helptext in (
        ("list", "list entries, newest first"),
        ("search", "full-text search of everything written"),
    ):
        p = sub.add_parser(name, help=helptext)
        if name == "search":
            p.add_argument("query")
        p.add_argument("--since", help="from this day: 2026-01-31, today, yesterday, 7d")
        p.add_argument("--until", help="up to and including this day")
        p.add_argument("--level", "-l")
        if name == "list":
            p.add_argument("--tag")
        p.add_argument("--limit", "-n", type=limit, default=None if name == "list" else 20)
        format_option(p).set_defaults(run=cmd_list if name == "list" else cmd_search)

    p = sub.add_parser("import", help="import entries from another journal app")
    p.add_argument(
        "source",
        choices=("jrnl", "json", "dayone", "markdown"),
        help="the format: jrnl (jrnl's JSON export), json (this app's export-all JSON), "
        "dayone (Day One's .zip or Journal.json), markdown (a folder of .md notes)",
    )
    p.add_argument("file", help="the exported file (markdown: the folder of notes)")
    p.set_defaults(run=cmd_import)

    p = sub.add_parser("demo", help="fill a new journal with realistic sample data")
    p.add_argument("--entries", type=int, default=1000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument(
        "--passphrase",
        action="store_true",
        help="if the journal is new: use a passphrase instead of the keyring",
    )
    p.set_defaults(run=cmd_demo)

    p = sub.add_parser(
        "check",
        help="verify every page of the journal and that every stored date reads back",
    )
    p.add_argument(
        "--repair",
        action="store_true",
        help="rewrite stored dates that cannot be read (older versions wrote some), listing "
        "each change; the journal is backed up first",
    )
    p.set_defaults(run=cmd_check)
