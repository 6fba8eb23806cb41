"""The whole journal as a folder of Markdown files (``export-all --format markdown``): the
text of each page, readable in Obsidian or any editor.

Pages are built from the export's records (``storage/export_queries.py``); where they go
and how files are written is the service's part. Each page starts with YAML front matter
whose text values are written as JSON strings, which YAML reads as double-quoted
scalars: a title with a colon, a quote, a ``#`` or a newline cannot break the block.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, tzinfo
from typing import Any

from tkg_journal.domain.entries import EntryKind
from tkg_journal.domain.levels import Level

#: The marker file a Markdown export leaves in its folder, so a later export knows the
#: folder is its own to replace (and refuses one that holds someone else's files).
MARKER_NAME = ".tkg-journal-export"
MARKER_TEXT = "tkg-journal markdown export\n"
_SLUG_CHARS = 60

_CONVERSATION = (
    ("who", "Who"),
    ("what_happened", "What happened"),
    ("feeling", "What I felt"),
    ("intensity", "How strongly (0-10)"),
    ("my_response", "How I responded"),
    ("impact", "The impact"),
    ("try_next", "What I will try next"),
)
_SENTIMENTS = {-2: "harsh", -1: "critical", 0: "neutral", 1: "positive", 2: "glowing"}
_DID_IT = {"yes": "did it", "partial": "partly", "no": "did not"}


def yaml_text(value: str) -> str:
    """``value`` as a double-quoted YAML scalar (a JSON string is one)."""
    return json.dumps(value, ensure_ascii=False)


def slug(text: str, fallback: str) -> str:
    """``"Hard talk: Sam's review"`` -> ``"hard-talk-sam-s-review"``: lower-case ASCII
    words joined by hyphens, short enough for any file system; ``fallback`` if none."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return words[:_SLUG_CHARS].rstrip("-") or fallback


def local(moment: datetime, zone: tzinfo | None) -> datetime:
    """The moment on the reader's clock (``zone`` None: this computer's zone, with the
    offset it had on that day, summer time included)."""
    return moment.astimezone(zone).replace(microsecond=0)


def entry_title(entry: Mapping[str, Any]) -> str:
    """The title, else the first line of what was written (as the journal's list shows)."""
    if entry["title"]:
        return str(entry["title"])
    texts = [entry["body"], *(entry["conversation"][key] for key, _ in _CONVERSATION)]
    first = next((t for t in texts if isinstance(t, str) and t), "")
    line = first.splitlines()[0] if first else ""
    return line if len(line) <= 80 else line[:79] + "…"


def _front_matter(fields: Iterable[tuple[str, str]]) -> str:
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in fields) + "---\n"


def _optional_day(day: date | None) -> str:
    return day.isoformat() if day else "null"


def _level(level: Level | None) -> str:
    return yaml_text(level.title) if level else "null"


def _section(heading: str, text: str) -> str:
    return f"\n## {heading}\n\n{text}\n" if text else ""


def entry_page(entry: Mapping[str, Any], zone: tzinfo | None) -> str:
    """One entry: front matter, the guided answers as ``##`` sections, then the text."""
    title = entry_title(entry)
    tags = ", ".join(yaml_text(tag) for tag in entry["tags"])
    page = _front_matter(
        (
            ("title", yaml_text(title)),
            ("date", local(entry["occurred_at"], zone).isoformat()),
            ("kind", yaml_text(entry["kind"])),
            ("level", _level(entry["level"])),
            ("tags", f"[{tags}]"),
            ("shared", "true" if entry["shared"] else "false"),
        )
    )
    page += f"\n# {_one_line(title) or EntryKind(entry['kind']).label}\n"
    conversation = entry["conversation"]
    for key, heading in _CONVERSATION:
        value = conversation[key]
        page += _section(heading, "" if value is None else str(value))
    feedback = entry["feedback"]
    page += _section("Feedback from", feedback["source"])
    if feedback["sentiment"] is not None:
        words = _SENTIMENTS.get(feedback["sentiment"], "")
        page += _section("How it landed", f"{feedback['sentiment']:+d} ({words})")
    if entry["body"]:
        page += f"\n{entry['body']}\n"
    return page


def _one_line(text: str) -> str:
    return " ".join(text.split())


def experiment_page(
    experiment: Mapping[str, Any],
    attempts: Sequence[Mapping[str, Any]],
    *,
    behaviour: str | None,
    source_entry: str | None,
    zone: tzinfo | None,
) -> str:
    """One experiment: its sentence's parts, its attempts, and what was learned."""
    x = experiment
    fields = [
        ("title", yaml_text(x["title"])),
        ("level", _level(x["level"])),
        ("status", yaml_text(x["status"])),
        ("start_date", _optional_day(x["start_date"])),
        ("due_date", _optional_day(x["due_date"])),
        ("ended_on", _optional_day(x["ended_on"])),
        ("belief_before", _number(x["belief_before"])),
        ("belief_after", _number(x["belief_after"])),
    ]
    if behaviour:
        fields.append(("friction_behaviour", yaml_text(behaviour)))
    page = _front_matter(fields) + f"\n# {_one_line(x['title'])}\n"
    page += _section("When", x["trigger"])
    page += _section("Instead of", x["old_behaviour"])
    page += _section("I will", x["new_response"])
    page += _section("I expect", x["prediction"])
    page += _section("Success looks like", x["success_criteria"])
    if source_entry:
        page += _section("Came from", source_entry)
    if attempts:
        page += "\n## Attempts\n\n"
        for attempt in attempts:
            when = local(attempt["occurred_at"], zone).strftime("%Y-%m-%d %H:%M")
            outcome = "" if attempt["outcome"] is None else f", outcome {attempt['outcome']:+d}"
            line = f"- {when}: {_DID_IT.get(attempt['did_it'], attempt['did_it'])}{outcome}"
            details = " — ".join(_one_line(t) for t in (attempt["situation"], attempt["note"]) if t)
            page += f"{line}{': ' + details if details else ''}\n"
    page += _section("What I learned", x["learning"])
    page += _section("Why I stopped", x["abandon_reason"])
    return page


def _number(value: int | None) -> str:
    return "null" if value is None else str(value)


def session_page(
    session: Mapping[str, Any],
    commitments: Sequence[Mapping[str, Any]],
    experiment_links: Mapping[int, str],
) -> str:
    """One coach session: topics, notes, and its commitments as a checklist."""
    held_on: date = session["held_on"]
    page = _front_matter((("date", held_on.isoformat()),))
    page += f"\n# Coach session {held_on.isoformat()}\n"
    page += _section("Topics", session["topics"])
    page += _section("Notes", session["notes"])
    if commitments:
        page += "\n## Commitments\n\n"
        for c in commitments:
            due = f" (due {c['due_date'].isoformat()})" if c["due_date"] else ""
            link = experiment_links.get(c["experiment_id"]) if c["experiment_id"] else None
            through = f" → {link}" if link else ""
            page += f"- [{'x' if c['done'] else ' '}] {_one_line(c['text'])}{due}{through}\n"
    return page


def link(text: str, path: str) -> str:
    """A Markdown link (Obsidian follows it as well as its own ``[[...]]``)."""
    label = _one_line(text).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return f"[{label}]({path})"


def index_page(
    *,
    exported_at: datetime,
    months: Mapping[str, int],
    experiments: Sequence[str],
    sessions: Sequence[str],
    checkins: Sequence[Mapping[str, Any]],
) -> str:
    """The folder's table of contents: entries per month, links to every experiment and
    session, and the self-rating check-ins as a table."""
    total = sum(months.values())
    page = _front_matter((("exported_at", exported_at.isoformat()),))
    page += f"\n# TKG Journal\n\n{total:,} entries, {len(experiments):,} experiments, "
    page += f"{len(sessions):,} coach sessions.\n"
    if months:
        page += "\n## Entries by month\n\n"
        page += "".join(f"- {month}: {count:,}\n" for month, count in sorted(months.items()))
    if experiments:
        page += "\n## Experiments\n\n" + "".join(f"- {item}\n" for item in experiments)
    if sessions:
        page += "\n## Coach sessions\n\n" + "".join(f"- {item}\n" for item in sessions)
    if checkins:
        page += "\n## Self-ratings\n\n| Day | " + " | ".join(level.title for level in Level)
        page += " | Note |\n|---|" + "---|" * len(Level) + "---|\n"
        for checkin in checkins:
            scores = checkin["scores"]
            cells = " | ".join(str(scores.get(level, "")) for level in Level)
            note = _one_line(checkin["note"]).replace("|", "\\|")
            page += f"| {checkin['rated_on'].isoformat()} | {cells} | {note} |\n"
    return page
