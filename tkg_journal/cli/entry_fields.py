"""The parts of an entry as ``add``, ``edit`` and ``show`` name them: the guided answers of
a difficult conversation as options (``--who`` ... ``--next``, ``--intensity``), what each
is called on screen, and the heading of an entry's free text for each kind.

Standard library only at the top (start-up speed: see the package's docstring).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TypedDict, cast

if TYPE_CHECKING:
    from tkg_journal.cli.options import Parser


class GuidedAnswers(TypedDict, total=False):
    """The answers given, as ``ConversationFields`` names them (``intensity`` ``None``:
    cleared)."""

    who: str
    what_happened: str
    feeling: str
    intensity: int | None
    my_response: str
    impact: str
    try_next: str


#: (option, ``ConversationFields`` attribute, heading), in the order of the template.
GUIDED_ANSWERS: tuple[tuple[str, str, str], ...] = (
    ("--who", "who", "Who"),
    ("--what-happened", "what_happened", "What happened"),
    ("--felt", "feeling", "What I felt"),
    ("--response", "my_response", "My response"),
    ("--impact", "impact", "Impact"),
    ("--next", "try_next", "What I'd try next"),
)
#: Where ``intensity`` sits among the headings (after the feeling it rates).
INTENSITY_HEADING = "Intensity"

#: The free text's heading for each kind (as the editor labels it).
BODY_HEADINGS = {
    "conversation": "Notes",
    "feedback": "What they said",
    "reflection": "Reflection",
    "coach-notes": "Session notes",
    "free": "Text",
}

_HELP = {
    "who": "who it was with (a name or role)",
    "what_happened": "what happened, as a camera would have recorded it",
    "feeling": "what I felt",
    "my_response": "what I said and did",
    "impact": "the impact, on them, on me, on the work",
    "try_next": "what I'd try next time",
}


def add_guided_options(parser: Parser, *, editing: bool) -> None:
    """``--who`` ... ``--next`` and ``--intensity`` on ``parser``; when ``editing``, an
    empty text clears an answer and ``--intensity none`` clears the rating."""
    clear = " ('' clears it)" if editing else ""
    for option, attribute, _heading in GUIDED_ANSWERS:
        parser.add_argument(
            option, dest=f"guided_{attribute}", metavar="TEXT", help=_HELP[attribute] + clear
        )
    parser.add_argument(
        "--intensity",
        metavar="0-10|none" if editing else "0-10",
        help="how strong the feeling was, 0 to 10" + (" (none clears it)" if editing else ""),
    )


def guided_answers(args: argparse.Namespace) -> GuidedAnswers:
    """The guided answers given on the command line; nothing given: an empty dict."""
    given: dict[str, object] = {
        attribute: getattr(args, f"guided_{attribute}")
        for _option, attribute, _heading in GUIDED_ANSWERS
        if getattr(args, f"guided_{attribute}") is not None
    }
    if args.intensity is not None:
        given["intensity"] = intensity_arg(args.intensity)
    return cast("GuidedAnswers", given)  # the keys are GUIDED_ANSWERS' attributes


def intensity_arg(text: str) -> int | None:
    """``0`` .. ``10``, or ``none`` (not rated); anything else is a one-line refusal (exit 1,
    like every bad value, rather than argparse's usage error)."""
    from tkg_journal.domain.errors import ValidationError

    raw = text.strip().lower()
    if raw in ("none", ""):
        return None
    if raw.isdecimal() and raw.isascii() and 0 <= int(raw) <= 10:
        return int(raw)
    raise ValidationError(
        "intensity", f"--intensity {text!r} is not a whole number from 0 to 10 (or none)"
    )
