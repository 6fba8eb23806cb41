"""The text of a PDF, through poppler's ``pdftotext`` (apt: poppler-utils).

A missing ``pdftotext`` fails the test instead of skipping it: a PDF test that silently
does not run proves nothing.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest


def pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext is not installed: apt-get install -y poppler-utils")
    result = subprocess.run(
        [tool, "-layout", str(path), "-"], capture_output=True, text=True, timeout=60, check=True
    )
    # NFKC undoes typographic ligatures ("ﬁ" -> "fi") that the PDF's font uses.
    return unicodedata.normalize("NFKC", result.stdout)
