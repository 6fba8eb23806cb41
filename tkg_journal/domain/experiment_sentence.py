"""The experiment in the coaching method's one sentence, from parts written on their own.

"When <trigger>, instead of <old behaviour> I will <new response>, and I expect
<prediction>." Each part is typed into its own box or copied from a journal entry, so it
arrives as prose of its own: a capital at the start, a full stop at the end, sometimes two
sentences, sometimes the sentence's own words again ("When Sam…", "I will ask…"). Left as
they are, the joined sentence reads "…than last time I will Notice the urge…". Every part
is shaped into one clause before it is joined:

- the sentence breaks inside a part become "; " (never cut: the words are the user's, and
  the experiment and the coach's PDF must show all of them); line breaks count as breaks;
- closing punctuation is dropped, except a question mark that ends the whole sentence;
- the words the sentence already says at the join are not said twice ("When when",
  "instead of instead of", "I will I'll", "I expect I expect");
- a capital at the start of a clause goes where it is only the start of a sentence, and
  stays where it belongs to the word: "I", acronyms ("HR"), names. Which is which needs
  a guess, made the cautious way (a lower-cased name is worse than a capitalised "The"):
  after "I will" a verb is expected, so any word is lowered unless it is "I…", an acronym
  or a word written with a capital mid-sentence somewhere in the parts (a name); in the
  other parts, which often start with a name ("When Sam pushes back"), only the common
  words that start clauses (:data:`COMMON_STARTS`) and "-ing" words are lowered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

#: Where a part is still empty while the sentence is written.
MISSING = "\u2026"

#: Words that start a clause without being names: articles, pronouns, prepositions,
#: conjunctions, quantifiers, time words. Words that are also first names ("Will", "May",
#: "Mark", "Grace", "Joy") are left out on purpose: lowering a name is the worse mistake.
# A few lines per kind of word read better than one word a line.
# fmt: off
COMMON_STARTS = frozenset(
    [
        # articles, determiners, quantifiers
        "a", "an", "the", "this", "that", "these", "those", "my", "our", "your", "their", "his",
        "her", "its", "some", "any", "no", "every", "each", "all", "both", "either", "neither",
        "another", "other", "others", "such", "several", "many", "few", "most", "more", "less",
        "much", "half",
        # pronouns
        "he", "she", "it", "we", "they", "you", "me", "us", "them", "him", "one", "someone",
        "somebody", "something", "anyone", "anybody", "anything", "everyone", "everybody",
        "everything", "nobody", "nothing", "none", "people", "what", "which", "whose",
        "whatever", "whichever", "who", "whom",
        # prepositions
        "in", "on", "at", "by", "for", "from", "with", "without", "within", "into", "onto",
        "over", "under", "after", "before", "during", "since", "until", "till", "about",
        "around", "across", "against", "along", "among", "between", "through", "throughout",
        "towards", "toward", "upon", "via", "like", "near", "despite", "beyond", "behind",
        "beside", "besides", "inside", "outside",
        # conjunctions and question words
        "and", "but", "or", "so", "yet", "nor", "because", "although", "though", "while",
        "whilst", "as", "if", "unless", "once", "whereas", "whether", "than", "then", "when",
        "whenever", "where", "wherever", "why", "how",
        # time and other adverbs
        "yesterday", "today", "tonight", "tomorrow", "early", "earlier", "late", "later",
        "now", "again", "still", "just", "only", "even", "also", "already", "soon",
        "recently", "lately", "finally", "first", "next", "last", "often", "sometimes",
        "always", "never", "usually", "twice", "there", "here", "not", "very", "too", "quite",
        "rather", "almost", "perhaps", "maybe", "instead",
        # numbers
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        # forms of be, do and have
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "has",
        "have", "had", "don't", "doesn't", "didn't", "can't", "couldn't", "won't", "wouldn't",
        "shouldn't", "isn't", "wasn't", "aren't", "weren't", "haven't", "hasn't", "hadn't",
    ]
)

#: A full stop after these is not the end of a sentence ("e.g. Sam", "Dr. Ng").
_ABBREVIATIONS = frozenset(
    [
        "mr", "mrs", "ms", "dr", "prof", "st", "vs", "approx", "etc", "incl", "esp", "cf", "eg",
        "ie", "jr", "sr", "inc", "ltd", "dept",
    ]
)
# fmt: on
_OPENING = "\"'\u201c\u2018(["
_CLOSING = "\"'\u201d\u2019)]"
# The end of a sentence inside a part: its punctuation, any closing quotes or brackets,
# white space, then the start of the next one.
_BREAK = re.compile(
    rf"(?P<end>[.!?\u2026]+)(?P<close>[{re.escape(_CLOSING)}]*)\s+(?=[{re.escape(_OPENING)}]*\w)"
)
_BULLET = re.compile(r"^(?:[-*\u2022\u2013\u2014]|\d+[.)])\s+")
# Closing punctuation of a clause; the second spares a "?" that ends the whole sentence.
_TRAILING = re.compile(r"[\s.,;:!?\u2026\u2014\u2013-]+$")
_TRAILING_KEEP_QUESTION = re.compile(r"[\s.,;:!\u2026\u2014\u2013-]+$")
# A full stop or the like just inside a closing quote at the very end: '"Fine."' -> '"Fine"'.
_BEFORE_CLOSING = re.compile(rf"[.,;:!\u2026]+(?=[{re.escape(_CLOSING)}]+$)")
# "Don't argue" is an imperative; after "I will" it is "not argue".
_DONT = re.compile(r"^(?:don['\u2019]t|do\s+not)(?=\s)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
# A word after a letter, a digit or a comma and a space is mid-sentence: written with a
# capital there, it has one for its own sake (a name, a team, a product).
_MID_SENTENCE_WORD = re.compile(r"(?<=[^\W_] |, )[^\W\d_][\w'\u2019-]*")


class Part(Enum):
    """The four places of the sentence, each with what the sentence says around it."""

    TRIGGER = "trigger"
    OLD = "old behaviour"
    NEW = "new response"
    PREDICTION = "prediction"


@dataclass(frozen=True, slots=True)
class _Place:
    #: Openings the sentence already says before the part (longest first when matching).
    lead_ins: tuple[str, ...]
    #: Words the sentence says right after the part, so a part must not end with them.
    trailing: tuple[str, ...] = ()
    #: The grammar wants a verb here ("I will <ask>"), so its first word is a verb.
    verb_first: bool = False


_PLACES: dict[Part, _Place] = {
    Part.TRIGGER: _Place(lead_ins=("when", "whenever", "if", "every time", "each time")),
    Part.OLD: _Place(
        lead_ins=("instead of", "rather than", "instead", "of"),
        trailing=("i will", "i'll", "i"),
    ),
    Part.NEW: _Place(
        lead_ins=(
            "i will",
            "i'll",
            "i shall",
            "i would like to",
            "i'd like to",
            "i would",
            "i'd",
            "i should",
            "i want to",
            "i am going to",
            "i'm going to",
            "will",
            "next time",
            "i",
        ),
        verb_first=True,
    ),
    Part.PREDICTION: _Place(lead_ins=("and i expect", "i expect", "expect", "and")),
}


def _alternatives(words: Iterable[str]) -> str:
    """``words`` as regex alternatives, longest first, with either apostrophe."""
    spelled = sorted({w.replace("'", "['\u2019]") for w in words}, key=len, reverse=True)
    return "|".join(w.replace(" ", r"\s+") for w in spelled)


def _lead_in_pattern(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile(
        rf"^(?:{_alternatives(words)})(?![\w'\u2019])[\s,:;\u2014\u2013-]*", re.IGNORECASE
    )


_LEAD_INS = {part: _lead_in_pattern(place.lead_ins) for part, place in _PLACES.items()}
_TRAILERS = {
    part: re.compile(rf"(?:^|\s+)(?:{_alternatives(place.trailing)})$", re.IGNORECASE)
    for part, place in _PLACES.items()
    if place.trailing
}


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    """Whether the punctuation :data:`_BREAK` found in ``text`` ends a sentence.

    A quotation that asks or exclaims inside the sentence does not (ask "why?" first),
    nor does the full stop of "e.g." or "Dr.", unless "I" follows: "…my plan. I will" is
    a far likelier reading than "e.g. I", and a full stop must never stand before "I".
    """
    following = text[match.end() :].lstrip(_OPENING)
    if match["close"] and following[:1].islower():
        return False
    if match["end"] != "." or match["close"] or re.match(r"I\b", following):
        return True
    before = text[: match.start()].split()
    token = before[-1].lstrip(_OPENING).lower() if before else ""
    return not ("." in token or token in _ABBREVIATIONS)


def _sentences(text: str) -> Iterator[str]:
    """The sentences of ``text`` (and its lines), each without its closing punctuation."""
    for line in text.splitlines():
        line = _BULLET.sub("", " ".join(line.split()))
        start = 0
        for match in _BREAK.finditer(line):
            if _ends_sentence(line, match):
                yield line[start : match.start()] + match["close"]
                start = match.end()
        yield line[start:]


def _trim(clause: str, *, keep_question: bool = False) -> str:
    clause = _BEFORE_CLOSING.sub("", " ".join(clause.split()))
    return (_TRAILING_KEEP_QUESTION if keep_question else _TRAILING).sub("", clause)


def first_sentence(text: str) -> str:
    """The first sentence (or line) of ``text`` that has any words, without its full stop."""
    return next((s for s in map(_trim, _sentences(text)) if s), "")


def written_with_capitals(*texts: str) -> frozenset[str]:
    """Words written with a capital in the middle of a sentence somewhere in ``texts``: a
    name, a team, a product. They keep their capital at the start of a clause too."""
    return frozenset(
        m[0] for text in texts for m in _MID_SENTENCE_WORD.finditer(text) if m[0][0].isupper()
    )


def _is_i(word: str) -> bool:
    return word == "I" or word[:2] in ("I'", "I\u2019")


def _lower_start(clause: str, *, verb_first: bool, names: frozenset[str]) -> str:
    """``clause`` with its first letter lowered where it is only a sentence's capital."""
    match = _WORD.match(clause)
    if match is None or not clause[0].isupper():
        return clause
    word = match[0]
    if _is_i(word) or (len(word) > 1 and not word[1].islower()) or word in names:
        return clause  # "I", an acronym ("HR", "O'Brien"), a name
    plain = word.lower().replace("\u2019", "'")
    common = (
        plain in COMMON_STARTS
        or plain.split("'")[0] in COMMON_STARTS  # "they're", "it's"
        or (plain.endswith("ing") and len(plain) >= 5)  # "Defending my plan"
    )
    return clause[0].lower() + clause[1:] if verb_first or common else clause


def _clauses(text: str, part: Part, *, keep_question: bool = False) -> list[str]:
    """The clauses of ``text`` for its place, first letters as written."""
    clauses = [c for c in map(_trim, _sentences(text)) if c]
    # The sentence's own words at the join, as often as they were repeated: "When when".
    while clauses:
        shorter = _trim(_BULLET.sub("", _LEAD_INS[part].sub("", clauses[0], count=1)))
        if shorter == clauses[0]:
            break
        clauses[0:1] = [shorter] if shorter else []
    trailer = _TRAILERS.get(part)
    while clauses and trailer is not None:
        shorter = _trim(trailer.sub("", clauses[-1]))
        if shorter == clauses[-1]:
            break
        clauses[-1:] = [shorter] if shorter else []
    if _PLACES[part].verb_first:
        clauses = [_DONT.sub("not", c, count=1) for c in clauses]
    if keep_question and clauses and text.rstrip().endswith("?"):
        clauses[-1] = _trim(clauses[-1] + "?", keep_question=True)
    return clauses


def _join(clauses: list[str], part: Part, names: frozenset[str]) -> str:
    verb_first = _PLACES[part].verb_first
    return "; ".join(_lower_start(c, verb_first=verb_first, names=names) for c in clauses)


def shape_part(
    text: str, part: Part, *, names: frozenset[str] = frozenset(), keep_question: bool = False
) -> str:
    """``text`` as one clause for its place in the sentence: "" when nothing is left.

    ``names``: words that keep their capital at the start of a clause, besides those
    written with one mid-sentence in ``text`` itself (see :func:`written_with_capitals`);
    ``keep_question``: the part ends the sentence, so a closing "?" may stay.
    """
    clauses = _clauses(text, part, keep_question=keep_question)
    return _join(clauses, part, names | written_with_capitals(*clauses))


def experiment_sentence(
    trigger: str,
    old_behaviour: str,
    new_response: str,
    prediction: str = "",
    *,
    missing: str = MISSING,
) -> str:
    """ "When <trigger>, instead of <old> I will <new>, and I expect <prediction>."

    One sentence on one line, whatever the parts hold (see the module's notes); an empty
    part shows as ``missing`` while the sentence is still being written, and an empty
    prediction leaves its clause out. The sentence ends with a full stop, or with the
    question mark of a last part that asks one.
    """
    expects = _clauses(prediction, Part.PREDICTION, keep_question=True)
    clauses = {
        Part.TRIGGER: _clauses(trigger, Part.TRIGGER),
        Part.OLD: _clauses(old_behaviour, Part.OLD),
        Part.NEW: _clauses(new_response, Part.NEW, keep_question=not expects),
        Part.PREDICTION: expects,
    }
    # Judged once the sentence's own words are gone: "I will Notice" marks no name.
    names = written_with_capitals(*(c for part in clauses.values() for c in part))
    text = {part: _join(part_clauses, part, names) for part, part_clauses in clauses.items()}
    sentence = (
        f"When {text[Part.TRIGGER] or missing}, instead of {text[Part.OLD] or missing} "
        f"I will {text[Part.NEW] or missing}"
    )
    if text[Part.PREDICTION]:
        sentence += f", and I expect {text[Part.PREDICTION]}"
    return sentence if sentence.endswith((missing, "?")) else f"{sentence}."
