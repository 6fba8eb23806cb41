"""Names and words in what a leader writes (no I/O): who a conversation was with, and the
significant words and phrases of a situation.

Names (:func:`person_names`, :func:`person_key`): a "Who" answer names one person, or
several joined by "and", "&", "+", "/" or ";" (then commas separate them too). Whatever is
in brackets is a role and is dropped ("Sam (CFO)" -> "Sam"); so is what follows the first
comma of a single name ("Omar, head of Finance" -> "Omar"), a leading "with", and quotes
or punctuation around the name. Two spellings that differ only in case or spaces are one
person (:func:`person_key`).

Words (:func:`significant`, :func:`phrases`): lower case, without stopwords and short
words, each with a light stem so that "misses", "missed" and "missing" meet ("miss"). A
phrase is one significant word, or two that follow each other in a clause with only
stopwords between them ("missed a commitment" -> "missed commitment").

Nothing here raises on any text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from tkg_journal.domain.feelings import STOPWORDS, word_list

#: A name longer than this is cut (at a word): a pasted paragraph is not a name.
MAX_NAME_CHARS = 60
#: Words shorter than this carry too little to mark a situation ("go", "ok").
MIN_WORD_CHARS = 3

_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")
_UNCLOSED = re.compile(r"[(\[{].*$", re.S)
_JOINERS = re.compile(r";|\s&\s|\s\+\s|\s/\s|\band\b", re.I)
_DESCRIPTION = re.compile(r",|\s[-\u2013\u2014]\s")
_LIST = re.compile(r",|;|\s&\s|\s\+\s|\s/\s|\band\b", re.I)
_LEADING_WITH = re.compile(r"^(?:with|w/)\s+", re.I)
_EDGES = "\"'\u201c\u201d\u2018\u2019`.,:;!?*_-\u2013\u2014 \t\r\n)]}([{"
_SPACES = re.compile(r"\s+")

_CLAUSES = re.compile(r"[,;:.!?()\[\]{}\"\u201c\u201d\n\r\t/|]|\s[-\u2013\u2014]\s")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*", re.UNICODE)

# Words that are everywhere in a leader's situations and so mark none of them.
SITUATION_STOPWORDS = STOPWORDS | frozenset(
    word_list(
        """
        i'll we'll he'll she'll they'll
        didn't don't doesn't wasn't weren't isn't aren't can't couldn't won't wouldn't shouldn't
        hadn't haven't hasn't let lets said says say told tell asked ask went go going gone come
        came take took put thing things something someone anyone everyone people today yesterday
        tomorrow week day days month one two three new yet back well even instead will shall may
        might must need needs
        """
    )
)


# --- names ------------------------------------------------------------------------------


def person_names(who: str) -> tuple[str, ...]:
    """The people a "Who" answer names, as written (trimmed, roles removed), in order.

    An answer that names no one (empty, only a role in brackets, punctuation) gives ``()``.
    """
    text = who
    for _ in range(8):  # nested brackets: innermost first; a few rounds cover real text
        stripped = _BRACKETED.sub(" ", text)
        if stripped == text:
            break
        text = stripped
    text = _UNCLOSED.sub("", text)
    # Several people: commas list them too. One: what follows a comma describes them.
    parts = _LIST.split(text) if _JOINERS.search(text) else _DESCRIPTION.split(text, 1)[:1]
    names: dict[str, str] = {}
    for part in parts:
        name = _clean_name(part)
        if name:
            names.setdefault(person_key(name), name)
    return tuple(names.values())


def _clean_name(part: str) -> str:
    name = _SPACES.sub(" ", part).strip(_EDGES)
    name = _LEADING_WITH.sub("", name).strip(_EDGES)
    if len(name) > MAX_NAME_CHARS:
        cut = name[:MAX_NAME_CHARS]
        name = (cut.rsplit(" ", 1)[0] if " " in cut else cut).strip(_EDGES)
    return name


def person_key(name: str) -> str:
    """What makes two spellings one person: case and spaces do not count."""
    return _SPACES.sub(" ", name).strip().casefold()


def most_common_spelling(spellings: dict[str, int]) -> str:
    """The spelling written most often; on a tie, one with capitals ("Sam" over "sam")."""
    return max(spellings.items(), key=lambda item: (item[1], not item[0].islower(), item[0]))[0]


def mentioned(text: str, keys: Iterable[str]) -> set[str]:
    """The person keys among ``keys`` (of one or two words) written as words in ``text``."""
    words = [w.replace("\u2019", "'") for w in _WORD.findall(text.casefold())]
    present = set(words)
    present.update(f"{a} {b}" for a, b in pairwise(words))
    return {key for key in keys if key in present}


# --- words --------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)  # the same few thousand words recur over a whole journal
def stem(word: str) -> str:
    """A light stem: enough for "misses"/"missed"/"missing" and "meeting"/"meetings" to meet.

    Not a linguist's stemmer: the stem is a key, never shown (phrases show a written form).
    """
    if word.endswith(("'s", "\u2019s")):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # "getting" -> "get"; "missed" keeps its "ss"
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


Word = tuple[str, str]  # (stem, as written in lower case)


def significant(text: str, exclude: frozenset[str] = frozenset()) -> list[list[Word]]:
    """The significant words of ``text`` per clause: stopwords, short words and the words
    in ``exclude`` (lower case; people's names) left out."""
    clauses: list[list[Word]] = []
    for clause in _CLAUSES.split(text.casefold()):
        words = [
            (stem(w), w)
            for w in (raw.replace("\u2019", "'") for raw in _WORD.findall(clause))
            if len(w) >= MIN_WORD_CHARS and w not in SITUATION_STOPWORDS and w not in exclude
        ]
        if words:
            clauses.append(words)
    return clauses


def stems(text: str, exclude: frozenset[str] = frozenset()) -> frozenset[str]:
    """The stems of the significant words of ``text``."""
    return frozenset(s for clause in significant(text, exclude) for s, _w in clause)


def word_stems(text: str) -> set[str]:
    """The stems of every word of ``text``, stopwords included: the quick form for
    matching against stems already known to be significant."""
    return {stem(w) for w in _WORD.findall(text.casefold().replace("\u2019", "'"))}


class StemFinder:
    """``word_stems(text) & wanted`` for many texts, faster: each distinct word is stemmed
    once over all of them, and a text's words are matched with set operations, in C.
    Matching the conversations of a whole journal against the experiments' trigger words
    called :func:`stem` for every word of every text: most of that part's time."""

    def __init__(self, wanted: frozenset[str]) -> None:
        self._wanted = wanted
        self._seen: set[str] = set()
        self._stem_of: dict[str, str] = {}  # each word seen whose stem is wanted: that stem
        self._hits: set[str] = set()  # those words (a set: & with a set is the fast one)

    def __call__(self, text: str) -> set[str]:
        words = set(_WORD.findall(text.casefold().replace("\u2019", "'")))
        new = words - self._seen
        if new:
            self._seen |= new
            for word in new:
                found = stem(word)
                if found in self._wanted:
                    self._stem_of[word] = found
                    self._hits.add(word)
        stem_of = self._stem_of
        return {stem_of[word] for word in words & self._hits}


def phrases(text: str, exclude: frozenset[str] = frozenset()) -> dict[str, str]:
    """Every phrase of ``text``: its key (stems) and how it was written."""
    found: dict[str, str] = {}
    for clause in significant(text, exclude):
        for i, (key, written) in enumerate(clause):
            found.setdefault(key, written)
            if i + 1 < len(clause):
                next_key, next_written = clause[i + 1]
                if next_key != key:
                    found.setdefault(f"{key} {next_key}", f"{written} {next_written}")
    return found
