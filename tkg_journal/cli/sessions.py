"""Coach sessions and their commitments: ``session add|commit|list|show|done|delete``.
Each command imports what it needs when it runs (start-up speed)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tkg_journal.cli.options import (
    EXIT_OK,
    PROG,
    UsageError,
    creating_format_option,
    day_arg,
    due_arg,
    format_option,
    now,
    open_journal,
    record_command,
    record_id,
    text_arg,
)
from tkg_journal.cli.output import (
    clip,
    commitment_json,
    field,
    iso,
    print_json,
    print_result,
    session_json,
)

if TYPE_CHECKING:
    from tkg_journal.cli.options import Commands


def cmd_session_add(args: argparse.Namespace) -> int:
    from tkg_journal.domain.coach_sessions import CoachSession, check_held_on
    from tkg_journal.domain.errors import ValidationError
    from tkg_journal.services.coach_sessions import CoachSessions

    if args.topics == "-" and args.notes == "-":
        raise UsageError("only one of --topics and --notes can read standard input")
    held_on = day_arg(args.date, "--date") or now().date()
    topics, notes = text_arg(args.topics), text_arg(args.notes)
    # Checked before unlocking: a typo costs no passphrase prompt and no Argon2id.
    try:
        session = CoachSession(held_on=held_on, topics=topics, notes=notes)
    except ValidationError:
        if not (topics.strip() or notes.strip()):  # say which options give them
            raise ValidationError(
                "topics", "a coach session needs --topics TEXT or --notes TEXT"
            ) from None
        raise
    check_held_on(held_on, today=now().date())
    with open_journal(args) as journal:
        stored = CoachSessions(journal).record(session)
    line = f"Recorded coach session {stored.id} ({stored.held_on.isoformat()})."
    print_result(args.format, session_json(stored), line)
    return EXIT_OK


def cmd_session_commit(args: argparse.Namespace) -> int:
    from tkg_journal.domain.coach_sessions import Commitment
    from tkg_journal.services.coach_sessions import CoachSessions

    commitment = Commitment(" ".join(args.text), due_date=due_arg(args.due))
    with open_journal(args) as journal:
        stored = CoachSessions(journal).add_commitment(args.session_id, commitment)
    due = f", due {stored.due_date.isoformat()}" if stored.due_date else ""
    line = f"Added commitment {stored.id} to coach session {args.session_id}{due}."
    print_result(args.format, commitment_json(stored), line)
    return EXIT_OK


def cmd_session_list(args: argparse.Namespace) -> int:
    from tkg_journal.services.coach_sessions import CoachSessions

    with open_journal(args) as journal:
        sessions = CoachSessions(journal).sessions()
    if args.format == "json":
        print_json([session_json(s) for s in sessions])
        return EXIT_OK
    if not sessions:
        print(f"No coach sessions yet: {PROG} session add --topics TEXT", file=sys.stderr)
        return EXIT_OK
    print(f"{'id':>6}  {'date':<10}  {'open':>6}  topics")
    for s in sessions:
        counts = f"{s.open_commitments}/{len(s.commitments)}"
        topics = s.topics or s.notes
        print(f"{s.id:>6}  {s.held_on.isoformat():<10}  {counts:>6}  {clip(topics, 70)}")
    return EXIT_OK


def cmd_session_show(args: argparse.Namespace) -> int:
    from tkg_journal.services.coach_sessions import CoachSessions

    with open_journal(args) as journal:
        s = CoachSessions(journal).get(args.id)
    if args.format == "json":
        print_json(session_json(s))
        return EXIT_OK
    today = now().date()
    print(f"Coach session {s.id}: {s.held_on.isoformat()}")
    if s.topics:
        field("Topics", s.topics)
    if s.notes:
        field("Notes", s.notes)
    if not s.commitments:
        print(f"\nNo commitments yet: {PROG} session commit {s.id} TEXT [--due DATE]")
        return EXIT_OK
    print(f"\nCommitments ({len(s.commitments)}, {s.open_commitments} open):")
    for c in s.commitments:
        if c.done:
            state = "done"
        elif c.due_date is not None and c.due_date < today:
            state = "overdue"
        else:
            state = "open"
        link = f"  (experiment {c.experiment_id})" if c.experiment_id is not None else ""
        print(f"{c.id:>6}  {state:<7}  {iso(c.due_date) or '-':<10}  {c.text}{link}")
    return EXIT_OK


def cmd_session_done(args: argparse.Namespace) -> int:
    from tkg_journal.services.coach_sessions import CoachSessions

    with open_journal(args) as journal:
        stored = CoachSessions(journal).set_commitment_done(args.id, done=not args.undo)
    line = f"Commitment {stored.id} {'is open again' if args.undo else 'done'}."
    print_result(args.format, commitment_json(stored), line)
    return EXIT_OK


def cmd_session_delete(args: argparse.Namespace) -> int:
    from tkg_journal.services.coach_sessions import CoachSessions

    with open_journal(args) as journal:
        sessions = CoachSessions(journal)
        commitments = len(sessions.get(args.id).commitments)
        sessions.delete(args.id)
    data = {"id": args.id, "deleted": True, "commitments_deleted": commitments}
    line = f"Deleted coach session {args.id} and its {commitments} commitment(s)."
    print_result(args.format, data, line)
    return EXIT_OK


def register(sub: Commands) -> None:
    session = sub.add_parser(
        "session",
        help="coach sessions: add, commit, list, show, done, delete",
        description="Coach sessions and the commitments made in them. A commitment with a "
        "due date is an action item: it shows in `due` until it is marked done.",
    )
    actions = session.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = creating_format_option(
        actions.add_parser("add", help="record a coach session; prints its id"))
    p.add_argument("--date", metavar="DATE", help="the day it was held (default today)")
    p.add_argument("--topics", metavar="TEXT", help="what was discussed (- reads stdin)")
    p.add_argument("--notes", metavar="TEXT", help="notes from the session (- reads stdin)")
    p.set_defaults(run=cmd_session_add)

    p = creating_format_option(actions.add_parser("commit", help="add a commitment to a session"))
    p.add_argument("session_id", type=record_id, metavar="SESSION_ID")
    p.add_argument("text", nargs="+", metavar="TEXT", help="what you committed to")
    p.add_argument("--due", metavar="DATE", help="due date: 2026-12-01, +7d, in 2 weeks, friday")
    p.set_defaults(run=cmd_session_commit)

    p = format_option(actions.add_parser("list", help="coach sessions, newest first"))
    p.set_defaults(run=cmd_session_list)

    record_command(actions, "show", "a session with its commitments", cmd_session_show)

    p = record_command(
        actions, "done", "mark a commitment done", cmd_session_done, metavar="COMMITMENT_ID"
    )
    p.add_argument("--undo", action="store_true", help="open it again")

    record_command(
        actions, "delete", "delete a session and its commitments (no question)", cmd_session_delete
    )
