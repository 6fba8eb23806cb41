"""The printable recovery sheet: one A4 page to print or save as PDF, with the recovery
key and the recovery block (which lets the sheet open the journal even without its key
file; see ``security/recovery_sheet.py``).

The sheet is plain HTML for ``QTextDocument`` (which understands a small subset of HTML
and CSS), so printing and saving produce the same page. Saving lays the PDF out in memory
and writes it with :mod:`tkg_journal.safe_write`, so a failed save never leaves half a PDF.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from tkg_journal import safe_write

# --- user-facing text ---------------------------------------------------------------------

SHEET_TITLE = "TKG Journal recovery key"
PRINT_DIALOG_TITLE = "Print the recovery key"
CREATED = "Created on {date}"
WHAT_IT_UNLOCKS_HEADING = "What it unlocks"
WHAT_IT_UNLOCKS = (
    "This key opens your TKG Journal if you forget your passphrase, or if the key kept in "
    "your computer's keyring is lost (for example after reinstalling the system or moving "
    "to a new computer). It is the only way in when that happens."
)
HOW_TO_USE = (
    "To use it, start TKG Journal, choose “Use my recovery key instead” and type the key. "
    "Capital or small letters, spaces and dashes do not matter."
)
WHERE_TO_KEEP_HEADING = "Where to keep it"
WHERE_TO_KEEP = (
    "Keep this page somewhere safe and private, away from the computer: with your important "
    "papers, in a locked drawer or a safe. Do not keep a copy next to the journal, and do not "
    "send it by email."
)
WARNING = "Anyone with this key and the journal file can read the journal."
BLOCK_HEADING = "Recovery block"
BLOCK_EXPLANATION = (
    "With the recovery key above, this block opens the journal file (journal.db) even if "
    "its key file (journal.keys) is lost: together they are the journal's key. To use "
    "them, type both into a text file and run: tkg-journal recover --recovery-key-file FILE"
)
BLOCK_WARNING = "Keep this whole page as safe as a key."
NOT_WRITABLE = "Cannot save the recovery key in {folder}: {reason}."
NOT_PRINTED = "The recovery key sheet could not be printed or saved."
NOT_WRITTEN = "The recovery key sheet could not be written to {path}."

_PDF_RESOLUTION = 300
_MARGIN_MM = 20.0


_MONO = "font-family: 'DejaVu Sans Mono', 'Courier New', monospace;"


def sheet_html(recovery_key: str, created: date, block_lines: Sequence[str] = ()) -> str:
    """The printable page, as HTML for ``QTextDocument`` (the block when there is one)."""
    key = html.escape(recovery_key)
    when = html.escape(CREATED.format(date=f"{created.day} {created:%B %Y}"))
    return f"""<html><body style="font-family: sans-serif; font-size: 11pt; color: #000;">
<h1 style="font-size: 20pt; margin-bottom: 4pt;">{html.escape(SHEET_TITLE)}</h1>
<p style="color: #444;">{when}</p>
<table width="100%" cellpadding="14" cellspacing="0" border="1"
       style="border-color: #000; border-style: solid; margin-top: 12pt; margin-bottom: 12pt;">
<tr><td align="center">
<span style="font-family: 'DejaVu Sans Mono', 'Courier New', monospace; font-size: 17pt;
             font-weight: bold; white-space: nowrap;">{key}</span>
</td></tr></table>
<p style="font-weight: bold;">{html.escape(WARNING)}</p>
<h2 style="font-size: 13pt;">{html.escape(WHAT_IT_UNLOCKS_HEADING)}</h2>
<p>{html.escape(WHAT_IT_UNLOCKS)}</p>
<p>{html.escape(HOW_TO_USE)}</p>
{_block_html(block_lines)}<h2 style="font-size: 13pt;">{html.escape(WHERE_TO_KEEP_HEADING)}</h2>
<p>{html.escape(WHERE_TO_KEEP)}</p>
</body></html>"""


def _block_html(block_lines: Sequence[str]) -> str:
    if not block_lines:
        return ""
    lines = "<br>".join(html.escape(line) for line in block_lines)
    return f"""<h2 style="font-size: 13pt;">{html.escape(BLOCK_HEADING)}</h2>
<table width="100%" cellpadding="10" cellspacing="0" border="1"
       style="border-color: #000; border-style: solid; margin-bottom: 6pt;">
<tr><td align="center">
<span style="{_MONO} font-size: 12.5pt; font-weight: bold; white-space: pre;">{lines}</span>
</td></tr></table>
<p>{html.escape(BLOCK_EXPLANATION)}</p>
<p style="font-weight: bold;">{html.escape(BLOCK_WARNING)}</p>
"""


def _document(recovery_key: str, created: date, block_lines: Sequence[str]) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(sheet_html(recovery_key, created, block_lines))
    return document


def _paint(document: QTextDocument, device: QPdfWriter | QPrinter) -> None:
    """Lay the sheet out on the device's page and paint it.

    ``QTextDocument.print_`` would add its own margins and a page number; painting
    directly keeps the page as designed (one page: the sheet is short).
    """
    # Laying out for the device makes point sizes come out right at its resolution.
    document.documentLayout().setPaintDevice(device)
    page = device.pageLayout().paintRectPixels(device.resolution())
    document.setPageSize(QSizeF(page.size()))
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(NOT_PRINTED)
    try:
        document.drawContents(painter)
    finally:
        painter.end()


def save_sheet_pdf(
    recovery_key: str,
    path: str | os.PathLike[str],
    *,
    created: date | None = None,
    block_lines: Sequence[str] = (),
) -> None:
    """Write the sheet as an A4 PDF at ``path`` (replacing a file that is there).

    Raises:
        OSError: the folder is missing or not writable, or the PDF could not be written;
            the message is for the user and no partial file is left behind.
    """
    target = Path(path)
    buffer = QBuffer()  # the PDF is made in memory, then written by safe_write (0600)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(SHEET_TITLE)
    writer.setCreator("TKG Journal")
    writer.setResolution(_PDF_RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM, _MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    _paint(_document(recovery_key, created or date.today(), block_lines), writer)
    del writer  # the PDF engine finishes the document when the writer goes away
    pdf = bytes(buffer.data().data())
    if not pdf.startswith(b"%PDF-"):
        raise OSError(NOT_WRITTEN.format(path=target))
    try:
        safe_write.write_atomically(target, pdf)  # private (0600): the key is a secret
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise OSError(NOT_WRITABLE.format(folder=target.parent, reason=reason)) from error


def print_sheet(
    recovery_key: str, parent: QWidget | None = None, block_lines: Sequence[str] = ()
) -> bool:
    """Ask for a printer and print the sheet; False when the user cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(SHEET_TITLE)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(PRINT_DIALOG_TITLE)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    _paint(_document(recovery_key, date.today(), block_lines), printer)
    return True
