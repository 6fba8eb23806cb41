"""One stored entry: ``show``, ``edit`` and ``delete``. Each command imports what it needs
when it runs (start-up speed); every value is read before the journal is unlocked, so a
typo costs no passphrase and changes nothing."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from tkg_journal.cli.entry_fields import (
    BODY_HEADINGS,
    GUIDED_ANSWERS,
    INTENSITY_HEADING,
    add_guided_options,
    guided_answers,
)
from tkg_journal.cli.options import (
    EXIT_FAILED,
    EXIT_OK,
    PROG,
    format_option,
    moment_arg,
    open_journal,
    record_command,
    record_id,
    text_arg,
)
from tkg_journal.cli.output import level_text, local_stamp, print_json, print_result

if TYPE_CHECKING:
    from tkg_journal.cli.options import Commands
    from tkg_journal.domain.entries import Entry
    from tkg_journal.domain.experiments import Experiment


# --- show ----------------------------------------------------------------------------------


def cmd_show(args: argparse.Namespace) -> int:
    from tkg_journal.services.experiments import Experiments

    with open_journal(args) as journal:
        entry = journal.get_entry(args.id)
        linked = Experiments(journal).from_entry(args.id)
    if args.format == "json":
        print_json(entry_json(entry, linked))
    else:
        _print_entry(entry, linked)
    return EXIT_OK


def _moment(value: Any) -> str | None:
    return value.astimezone().isoformat() if value is not None else None


def entry_json(entry: Entry, linked: list[Experiment]) -> dict[str, Any]:
    """Every field of the entry, under keys that stay the same whatever it holds."""
    conv, fb = entry.conversation, entry.feedback
    return {
        "id": entry.id,
        "kind": entry.kind.value,
        "level": entry.level.title if entry.level else None,
        "level_rank": int(entry.level) if entry.level else None,
        "title": entry.title,
        "occurred_at": _moment(entry.occurred_at),
        "tags": list(entry.tags),
        "shared": entry.share_with_coach,
        "body": entry.body,
        "conversation": {
            "who": conv.who,
            "what_happened": conv.what_happened,
            "feeling": conv.feeling,
            "intensity": conv.intensity,
            "my_response": conv.my_response,
            "impact": conv.impact,
            "try_next": conv.try_next,
        },
        "feedback": {"source": fb.source, "sentiment": fb.sentiment},
        "experiments": [{"id": e.id, "title": e.title, "status": e.status.value} for e in linked],
        "created_at": _moment(entry.created_at),
        "updated_at": _moment(entry.updated_at),
    }


def _print_entry(entry: Entry, linked: list[Experiment]) -> None:
    print(f"Entry {entry.id}: {entry.display_title}")
    print(f"  {entry.kind.label}, {local_stamp(entry.occurred_at)}")
    print(f"  Level: {level_text(entry.level)}")
    if entry.tags:
        print(f"  Tags: {', '.join(entry.tags)}")
    print(f"  Shared with the coach: {'yes' if entry.share_with_coach else 'no (private)'}")
    sections: list[tuple[str, str]] = []
    conv = entry.conversation
    for _option, attribute, heading in GUIDED_ANSWERS:
        sections.append((heading, getattr(conv, attribute)))
        if attribute == "feeling" and conv.intensity is not None:
            sections.append((INTENSITY_HEADING, f"{conv.intensity} / 10"))
    if entry.feedback.source:
        sections.append(("From whom", entry.feedback.source))
    if entry.feedback.sentiment is not None:
        sections.append(("How it landed", _SENTIMENTS[entry.feedback.sentiment]))
    sections.append((BODY_HEADINGS[entry.kind.value], entry.body))
    for heading, text in sections:
        if text:
            print(f"\n{heading}")
            for line in text.splitlines():
                print(f"  {line}" if line else "")
    if linked:
        print("\nExperiments from this entry")
        for e in linked:
            print(f"  {e.id:>5}  {e.title} ({e.status.value})")


_SENTIMENTS = {
    -2: "-2 harsh",
    -1: "-1 critical",
    0: "0 neutral",
    1: "+1 positive",
    2: "+2 very positive",
}


# --- edit ----------------------------------------------------------------------------------


def cmd_edit(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from tkg_journal.domain.entries import parse_kind
    from tkg_journal.domain.errors import ValidationError
    from tkg_journal.domain.levels import parse_level
    from tkg_journal.domain.text_rules import clean_tag

    # Everything is read and checked first: a bad value stops here, the journal untouched.
    changes: dict[str, Any] = {}
    if args.title is not None:
        changes["title"] = args.title
    if args.level is not None:
        clearing = args.level.strip().lower() in ("none", "")
        changes["level"] = None if clearing else parse_level(args.level)
    if args.kind is not None:
        changes["kind"] = parse_kind(args.kind)
    if args.share is not None:
        changes["share_with_coach"] = args.share
    if args.when is not None:
        changes["occurred_at"] = moment_arg(args.when)
    if args.body is not None:
        changes["body"] = text_arg(args.body)
    guided = guided_answers(args)
    added = tuple(dict.fromkeys(clean_tag(t) for t in args.tag))
    removed = tuple(dict.fromkeys(clean_tag(t) for t in args.untag))
    if both := set(added) & set(removed):
        raise ValidationError("tag", f"--tag and --untag both name {sorted(both)[0]!r}")
    if not (changes or guided or added or removed):
        raise ValidationError(
            "edit", f"nothing to change: give what to change (see `{PROG} edit --help`)"
        )
    with open_journal(args) as journal:
        before = journal.get_entry(args.id)
        if missing := [t for t in removed if t not in before.tags]:
            raise ValidationError("tag", f"entry {args.id} has no tag {missing[0]!r}")
        tags = tuple(t for t in before.tags if t not in removed) + added
        # replace() runs the entry's checks again: the domain has the last word.
        after = replace(
            before,
            **changes,
            tags=tags,
            conversation=replace(before.conversation, **guided),
        )
        what = changed_parts(before, after)
        if what:
            after = journal.update_entry(after)
    line = (
        f"Changed entry {args.id}: {', '.join(what)}."
        if what
        else f"Entry {args.id} already had those values; nothing was changed."
    )
    print_result(args.format, {"id": args.id, "changed": what}, line)
    return EXIT_OK


def changed_parts(before: Entry, after: Entry) -> list[str]:
    """What differs, in the words the options use (``tags (+q1 -old)``)."""
    parts = [
        name
        for name, attribute in (
            ("title", "title"),
            ("kind", "kind"),
            ("level", "level"),
            ("date", "occurred_at"),
            ("shared", "share_with_coach"),
            ("body", "body"),
        )
        if getattr(before, attribute) != getattr(after, attribute)
    ]
    for option, attribute, _heading in GUIDED_ANSWERS:
        if getattr(before.conversation, attribute) != getattr(after.conversation, attribute):
            parts.append(option.removeprefix("--"))
        if attribute == "feeling" and before.conversation.intensity != after.conversation.intensity:
            parts.append("intensity")
    gained = [f"+{t}" for t in after.tags if t not in before.tags]
    lost = [f"-{t}" for t in before.tags if t not in after.tags]
    if gained or lost:
        parts.append(f"tags ({' '.join(gained + lost)})")
    return parts


# --- delete --------------------------------------------------------------------------------


def cmd_delete(args: argparse.Namespace) -> int:
    if not args.yes and not sys.stdin.isatty():  # checked first: a script never waits
        print(
            f"{PROG}: deleting an entry asks for a confirmation: run it in a terminal, or "
            "add --yes; nothing was deleted",
            file=sys.stderr,
        )
        return EXIT_FAILED
    with open_journal(args) as journal:
        entry = journal.get_entry(args.id)
        if not args.yes and not _confirmed(entry):
            print(f"{PROG}: entry {args.id} was not deleted", file=sys.stderr)
            return EXIT_FAILED
        journal.delete_entry(args.id)
    print_result(args.format, {"id": args.id, "deleted": True}, f"Deleted entry {args.id}.")
    return EXIT_OK


def _confirmed(entry: Entry) -> bool:
    from tkg_journal.cli.output import clip

    try:
        answer = input(f'Delete entry {entry.id} "{clip(entry.display_title, 60)}"? [y/N] ')
    except EOFError:
        answer = ""
    return answer.strip().lower() in ("y", "yes")


# --- the sub-commands ----------------------------------------------------------------------


def register(sub: Commands) -> None:
    record_command(
        sub, "show", "an entry in full: its guided answers, text and experiments", cmd_show
    )

    p = format_option(
        sub.add_parser(
            "edit",
            help="change an entry: only the parts given",
            description="Change only what is given; everything else stays as it was.",
        )
    )
    p.add_argument("id", type=record_id, metavar="ID")
    p.add_argument("--title", "-t", help="a new title ('' clears it)")
    p.add_argument("--level", "-l", help="level by name or number, or none")
    p.add_argument("--kind", "-k", help="conversation, feedback, reflection, coach-notes, free")
    p.add_argument("--tag", action="append", default=[], help="add a tag (repeatable)")
    p.add_argument("--untag", action="append", default=[], help="remove a tag (repeatable)")
    p.add_argument(
        "--share",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="share with the coach in exports (--no-share: keep it private)",
    )
    p.add_argument("--when", help="when it happened: 2026-03-01 14:30, yesterday 18:30, ...")
    p.add_argument("--body", metavar="TEXT", help="the entry's text (- reads standard input)")
    add_guided_options(p, editing=True)
    p.set_defaults(run=cmd_edit)

    p = format_option(sub.add_parser("delete", help="delete an entry (asks first)"))
    p.add_argument("id", type=record_id, metavar="ID")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask")
    p.set_defaults(run=cmd_delete)
