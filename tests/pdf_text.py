"""The text of a PDF, through poppler's ``pdftotext`` (apt: poppler-utils).

A missing ``pdftotext`` fails the test instead of skipping it: a PDF test that silently
does not run proves nothing.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest


def _pdftotext() -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext is not installed: apt-get install -y poppler-utils")
    return tool


def pdf_text(path: Path) -> str:
    result = subprocess.run(
        [_pdftotext(), "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    # NFKC undoes typographic ligatures ("ﬁ" -> "fi") that the PDF's font uses.
    return unicodedata.normalize("NFKC", result.stdout)


def pdf_pages(path: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    pages = pdf_text(path).split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


@dataclass(frozen=True, slots=True)
class Word:
    page: int  # 1-based
    page_width: float  # points
    page_height: float
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(
    r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>'
)


def pdf_words(path: Path) -> list[Word]:
    """Every word with its box on its page (``pdftotext -bbox``), to check layout."""
    result = subprocess.run(
        [_pdftotext(), "-bbox", str(path), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    words: list[Word] = []
    page, width, height = 0, 0.0, 0.0
    for line in result.stdout.splitlines():
        if match := _PAGE.search(line):
            page += 1
            width, height = float(match[1]), float(match[2])
        elif match := _WORD.search(line):
            x0, y0, x1, y1 = (float(match[i]) for i in range(1, 5))
            words.append(Word(page, width, height, x0, y0, x1, y1, html.unescape(match[5])))
    return words
