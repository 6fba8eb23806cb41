"""Search snippets: a few words of a found text around what was searched for, marked.

SQLite's FTS5 ``snippet()`` scores a window around every hit in a document against every
other hit, so its cost grows with the square of the hits in one text: a search for
"trust" in one 500,000-character entry of "trust trust ..." took 106 s. This builds the
snippet in Python instead, only for the rows a search returns, and looks only at the first
hits near the start of each text, so its cost is bounded whatever the text holds.

The output follows ``snippet(search_index, -1, MATCH_START, MATCH_END, '…', 14)``: up to
:data:`SNIPPET_TOKENS` words, the hits centred (or from the start of the hit's sentence
when that shows as many query words), whole matched words wrapped in :data:`MATCH_START` and
:data:`MATCH_END`, and '…' where the text goes on. Unlike FTS5 it collapses runs of
white space into one space (a snippet is one line) and clips very long words and runs of
punctuation, so a snippet is never longer than :data:`MAX_SNIPPET_CHARS`.

Words are read the way FTS5's ``unicode61 remove_diacritics 2`` tokenizer reads them, as
far as is practical: a word is a run of letters, digits, combining diacritics
(U+0300-U+036F) and private-use characters, and a query word matches each word that
starts with it, ignoring case and the diacritics of Latin letters ("cafe" finds "Café",
as in FTS5; Greek and Cyrillic keep theirs, as in FTS5). Unlike FTS5, '_' does not split a
word here ("foo_bar" is not marked for "bar"), a simplification that keeps the regexes
fast. Which rows match is FTS5's decision; where this code reads a text differently, a
snippet only marks less.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import islice

from tkg_journal.domain.search import MATCH_END, MATCH_START

#: Words shown, as FTS5's ``snippet(..., 14)`` showed.
SNIPPET_TOKENS = 14
#: A longer word (a pasted hash, a 500,000-letter line) shows its start and '…'.
MAX_TOKEN_CHARS = 30
#: A longer run of punctuation between two words shows its start and '…'.
MAX_GAP_CHARS = 8
#: What a snippet can never exceed: every word clipped and marked, every gap clipped.
MAX_SNIPPET_CHARS = SNIPPET_TOKENS * (MAX_TOKEN_CHARS + 2) + (SNIPPET_TOKENS + 1) * MAX_GAP_CHARS
#: Hits are looked for only in the first this many characters of a text (about 3,500
#: words): scanning them takes ~0.3 ms, ~7 ms in the worst text there is (every word
#: starting with the letter that 16 query words start with). A longer text found only by
#: a later word shows its start, unmarked.
SCAN_CHARS = 20_000
ELLIPSIS = "…"

# With several query words, each of the first hits tries a window and the one showing
# the most different words wins (FTS5 scores windows so); one word: the first hit wins.
_CANDIDATES = 32
_WINDOW_CHARS = 80  # about SNIPPET_TOKENS words of English
# Words are read only this far before and after a hit (first the short way, which is
# enough for ordinary text), so that a 500,000-letter "word" costs what a short one does
# and a hit deep in a text costs what one at its start does.
_SHORT_LOOK_CHARS = 100
_LOOK_AROUND_CHARS = 1_000
_MAX_WORD_CHARS = 64  # of a query word, for the pattern; FTS5 has already matched the row
_GAP_SCAN = 64

_MARKS = "\u0300-\u036f"  # combining diacritics: FTS5 keeps them in a word, then drops them
_PRIVATE = "\ue000-\uf8ff"  # FTS5's unicode61 counts private-use characters as letters
# One character class, which the regex engine scans 3x faster than the exact rule (a word
# does not start with a mark, '_' separates words). The difference only shows in how a
# snippet marks "foo_bar" or a word after a lone combining mark.
_WORD_CHAR = rf"[\w{_MARKS}{_PRIVATE}]"
_SPLIT = re.compile(f"({_WORD_CHAR}+)")
_WORD_PART = re.compile(r"[^\W_]+")
# FTS5 starts a sentence at a word right after '.' or ':' and white space.
_SENTENCE_END = re.compile(r"[.:][ \t\n\r]+\Z")
_SPACES = re.compile(r"\s+")


def _latin_variants() -> dict[str, str]:
    """Each base letter -> every Latin letter (upper and lower case) that folds to it.

    FTS5's ``remove_diacritics`` folds the Latin letters whose canonical decomposition is
    an ASCII letter plus combining diacritics; Greek or Cyrillic keep theirs, as here.
    """
    found: dict[str, str] = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        decomposed = unicodedata.normalize("NFD", chr(code))
        base, marks = decomposed[0], decomposed[1:]
        if (
            marks
            and base.isascii()
            and base.isalpha()
            and all("\u0300" <= m <= "\u036f" for m in marks)
        ):
            found[base.lower()] = found.get(base.lower(), "") + chr(code)
    return {base: base + base.upper() + accented for base, accented in found.items()}


_LATIN = _latin_variants()
_FOLD = {char: base for base, chars in _LATIN.items() for char in chars}


def fold(word: str) -> str:
    """A word as FTS5's tokenizer compares it: lower case, without combining diacritics
    or the diacritics of Latin letters (``"Café"`` -> ``"cafe"``)."""
    return "".join(_FOLD.get(c) or _lower(c) for c in word if not "\u0300" <= c <= "\u036f")


def _lower(char: str) -> str:
    lower = char.lower()
    return lower if len(lower) == 1 else char  # "İ".lower() is two characters


def _char_pattern(char: str) -> str:
    """A folded character -> a regex for it: Latin diacritics by a class of every
    variant (both cases); case otherwise by IGNORECASE."""
    return f"[{_LATIN[char]}]" if char in _LATIN else re.escape(char)


def _first_chars(char: str) -> str:
    """Every way of writing a folded character, spelt out for a character class."""
    if char in _LATIN:
        return _LATIN[char]
    cases = (char, char.lower(), char.upper(), char.title())
    return "".join(re.escape(c) for c in dict.fromkeys(cases) if len(c) == 1)


@lru_cache(maxsize=32)
def _patterns(words: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """Regexes for a word that starts with one of the query words, one group per
    different word: one to find hits in a text, one to test a single word. Cached:
    search-as-you-type asks for the same words for every row of a result."""
    found = {fold(part)[:_MAX_WORD_CHARS] for word in words for part in _WORD_PART.findall(word)}
    if not found:
        return None
    # By first letter, then longest first: at "teamwork" the query word "team" wins over
    # "tea", and the finder tests each first letter once for all the words it starts.
    ordered = sorted(found, key=lambda word: (word[0], -len(word), word))
    rests = {word: _rest_pattern(word[1:]) for word in ordered}
    test = "|".join(f"({_char_pattern(word[0])}[{_MARKS}]*{rests[word]})" for word in ordered)
    # The finder starts with a plain class of every first letter, no IGNORECASE, and only
    # then checks the word start: so the regex engine skips along the text 2-3x faster
    # than with the check (or IGNORECASE) first.
    by_first: dict[str, list[str]] = {}
    for word in ordered:
        by_first.setdefault(word[0], []).append(f"({rests[word]})")
    firsts = "".join(dict.fromkeys("".join(_first_chars(first) for first in by_first)))
    find = "|".join(
        f"(?<=[{_first_chars(first)}])[{_MARKS}]*(?:{'|'.join(groups)})"
        for first, groups in by_first.items()
    )
    return (
        re.compile(rf"[{firsts}](?<!{_WORD_CHAR}[\s\S])(?i:{find})"),
        re.compile(f"(?:{test})", re.IGNORECASE),
    )


def _rest_pattern(rest: str) -> str:
    """The letters after the first of a folded query word, each allowed to carry
    decomposed diacritics."""
    return f"[{_MARKS}]*".join(_char_pattern(char) for char in rest)


def snippet(text: str, words: Sequence[str]) -> str:
    """Up to :data:`SNIPPET_TOKENS` words of ``text`` around the first hit of ``words``
    (query words, each matching as a word prefix), hits marked, '…' where it is cut."""
    return best_snippet((text,), words)


def best_snippet(texts: Iterable[str], words: Sequence[str]) -> str:
    """The snippet of the text (of a row's indexed columns) whose best window shows the
    most different query words; the first text wins a tie, so pass the body before the
    title: the list shows the title anyway. No hit anywhere: the first text's start."""
    present = [text for text in texts if text]
    patterns = _patterns(tuple(words))
    best: tuple[int, str, int] | None = None  # (words shown, text, hit offset)
    if patterns is not None:
        for text in present:
            found = _best_hit(text, patterns[0])
            if found and (best is None or found[0] > best[0]):
                best = (found[0], text, found[1])
                if found[0] == patterns[0].groups:
                    break  # every word shown: a later text cannot do better
    if patterns is None or best is None:
        text = present[0] if present else ""
        start_words, gaps, goes_on = _words_from(text, 0)
        shown = min(len(start_words), SNIPPET_TOKENS)
        goes_on = goes_on or len(start_words) > shown
        return _render(start_words, gaps, 0, shown, True, goes_on, [False] * shown)
    return _window(best[1], patterns[1], best[2])


def _best_hit(text: str, find: re.Pattern[str]) -> tuple[int, int] | None:
    """(different query words shown, offset) of the best of the first hits in ``text``,
    or ``None``. With one query word the first hit is the best; with more, the hit with
    the most different words in the :data:`_WINDOW_CHARS` from it (counting characters,
    not words, keeps this to one regex scan)."""
    if find.groups == 1:
        hit = find.search(text, 0, SCAN_CHARS)
        return (1, hit.start()) if hit else None
    hits = [
        (hit.start(), hit.lastindex)
        for hit in islice(find.finditer(text, 0, SCAN_CHARS), _CANDIDATES)
    ]
    best: tuple[int, int] | None = None
    for i, (start, _) in enumerate(hits):
        shown = len({word for offset, word in hits[i:] if offset < start + _WINDOW_CHARS})
        if best is None or shown > best[0]:
            best = (shown, start)
            if shown == find.groups:
                break
    return best


def _split(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """The words of ``text[start:end]`` and the gaps around them: ``gaps[i]`` comes
    before ``words[i]``, and the last gap after the last word."""
    pieces = _SPLIT.split(text[start:end])
    return pieces[1::2], pieces[0::2]


def _words_from(text: str, start: int) -> tuple[list[str], list[str], bool]:
    """The first :data:`SNIPPET_TOKENS` + 1 words (or all there are) from offset
    ``start`` and their gaps, read from as little of the text as will do, and whether
    the text goes on after what was read."""
    for reach in (_SHORT_LOOK_CHARS, _LOOK_AROUND_CHARS):
        end = min(len(text), start + reach)
        words, gaps = _split(text, start, end)
        if end < len(text) and len(words) > 1:  # ``end`` may have cut the last one
            words, gaps = words[:-1], gaps[:-1]
        if end == len(text) or len(words) > SNIPPET_TOKENS:
            break
    return words, gaps, end < len(text)


def _shown(test: re.Pattern[str], words: list[str]) -> set[int]:
    """Which query words (their group numbers) start one of ``words``."""
    return {found.lastindex or 0 for word in words if (found := test.match(word))}


def _window(text: str, test: re.Pattern[str], start: int) -> str:
    """The snippet for the hit at offset ``start``."""
    # The words around the hit, read from a little of the text, more if that was not enough.
    for reach in (_SHORT_LOOK_CHARS, _LOOK_AROUND_CHARS):
        low = max(0, start - reach)
        before, gaps = _split(text, low, start)
        if low > 0 and before:  # ``low`` may have cut the first word in two
            before, gaps = before[1:], gaps[1:]
        if low == 0 or len(before) >= SNIPPET_TOKENS - 1:
            break
    ahead, after, read_on = _words_from(text, start)
    from_first_word = low == 0 and len(before) < SNIPPET_TOKENS
    if len(before) >= SNIPPET_TOKENS:
        before, gaps = before[1 - SNIPPET_TOKENS :], gaps[-SNIPPET_TOKENS:]
    words, gaps = before + ahead, gaps + after[1:]
    hit = len(before)

    # FTS5 centres the hits (as many words before the first as after the last), but
    # prefers to start at the hit's sentence when that shows as many query words.
    window = words[hit : hit + SNIPPET_TOKENS]
    matched = list(map(bool, map(test.match, window)))  # (map: 2x faster than a loop)
    last = len(matched) - 1 - matched[::-1].index(True) if True in matched else 0
    back = (SNIPPET_TOKENS - last - 1) // 2
    sentence = _sentence_start(gaps, hit, from_first_word)
    at_sentence = bool(sentence) and (
        sentence + last < SNIPPET_TOKENS
        or len(_shown(test, words[hit - sentence : hit - sentence + SNIPPET_TOKENS]))
        >= len(_shown(test, window))
    )
    back = min(sentence if at_sentence else back, hit)
    goes_on = len(ahead) > SNIPPET_TOKENS - back or read_on
    if not goes_on:
        if from_first_word and len(words) <= SNIPPET_TOKENS:
            back = hit  # the whole text fits
        elif not at_sentence:  # the text ends first: show more of what comes before
            back = min(hit, SNIPPET_TOKENS - len(ahead))
    first = hit - back
    end = min(len(words), first + SNIPPET_TOKENS)
    matched = list(map(bool, map(test.match, words[first:hit]))) + matched[: end - hit]
    return _render(words, gaps, first, end, from_first_word and first == 0, goes_on, matched)


def _sentence_start(gaps: list[str], hit: int, from_first_word: bool) -> int:
    """How many words before word ``hit`` its sentence starts (``gaps[i]`` comes before
    word ``i``); 0 if it starts with the hit (FTS5 then centres the hit, showing the end
    of the sentence before) or earlier than the words there are."""
    for i in range(hit, -1, -1):
        gap = gaps[i]
        if (i == 0 and from_first_word) or (
            ("." in gap or ":" in gap) and _SENTENCE_END.search(gap)
        ):
            return hit - i
    return 0


def _render(
    words: list[str],
    gaps: list[str],
    first: int,
    end: int,
    from_start: bool,
    goes_on: bool,
    matched: list[bool],
) -> str:
    """``words[first:end]`` as one line: long words clipped, the ``matched`` ones marked,
    the gaps between them collapsed and clipped, '…' at each end where the text goes on.
    (List operations rather than a loop: this runs for up to 500 rows a keystroke.)"""
    if first == end:  # no word at all
        return _gap(gaps[first]).strip()
    chosen = words[first:end]
    shown = chosen
    if max(map(len, chosen)) > MAX_TOKEN_CHARS:
        shown = [
            w if len(w) <= MAX_TOKEN_CHARS else w[: MAX_TOKEN_CHARS - 1] + ELLIPSIS for w in chosen
        ]
    shown = [
        f"{MATCH_START}{s}{MATCH_END}" if m else s for s, m in zip(shown, matched, strict=True)
    ]
    parts = [""] * (2 * len(shown) - 1)
    parts[0::2] = shown
    parts[1::2] = [gap if _plain(gap) else _gap(gap) for gap in gaps[first + 1 : end]]
    head = _gap(gaps[first]) if from_start else ELLIPSIS
    if not goes_on and end == len(words):
        tail = _gap(gaps[end])
    else:  # (a clipped last word already ends in '…')
        tail = "" if len(chosen[-1]) > MAX_TOKEN_CHARS else ELLIPSIS
    return f"{head}{''.join(parts)}{tail}".strip()


def _plain(gap: str) -> bool:
    """Whether a gap can be shown as it is (most are " ", ", " or ". ")."""
    return gap == " " or (len(gap) <= MAX_GAP_CHARS and "  " not in gap and gap.isprintable())


def _gap(gap: str) -> str:
    """What lies between two words (or before the first, after the last) on one line:
    runs of white space become one space, and it is at most :data:`MAX_GAP_CHARS` long."""
    if gap == " ":  # most gaps
        return gap
    gap = _SPACES.sub(" ", gap[:_GAP_SCAN])
    return gap if len(gap) <= MAX_GAP_CHARS else gap[: MAX_GAP_CHARS - 1] + ELLIPSIS
