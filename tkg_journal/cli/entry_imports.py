"""``import jrnl|dayone|markdown``: entries from another journal app (``entries.py``
registers the ``import`` command and hands these sources to :func:`cmd_import_entries`).

The source is read and checked whole before the journal is unlocked: a bad file is
refused without asking for a passphrase, and nothing is stored.
"""

from __future__ import annotations

import argparse
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

from tkg_journal.cli.options import EXIT_OK, now, open_journal

if TYPE_CHECKING:
    from tkg_journal.services.entry_import import Parsed

def cmd_import_entries(args: argparse.Namespace) -> int:
    from tkg_journal.services.entry_import import store

    path = Path(args.file)
    parsed = read_source(args.source, path)
    with open_journal(args) as journal:
        result = store(journal, parsed)
    present = result.already_present
    print(
        f"Imported {result.imported} entries from {path.name} "
        f"({present} {'was' if present == 1 else 'were'} already present)."
    )
    for note in result.notes:
        print(f"  {note}.")
    return EXIT_OK


def read_source(source: str, path: Path) -> Parsed:
    """``path`` read as ``source``; dates without an offset are this computer's time."""
    zone = now().tzinfo or UTC
    if source == "dayone":
        from tkg_journal.services import dayone_import

        return dayone_import.read(path)
    if source == "markdown":
        from tkg_journal.services import markdown_import

        return markdown_import.read(path, zone=zone)
    from tkg_journal.services import jrnl_import
    from tkg_journal.services.entry_import import Parsed

    return Parsed(jrnl_import.parse(jrnl_import.read_file(path), zone=zone))
