"""Everything about the journal's key: the first-run setup wizard, unlocking (passphrase,
keyring or recovery key), changing the passphrase, a new recovery key and its printable
sheet, and the passphrase strength meter.

Imports: ``ui.common`` and the layers below; no other feature package.
"""
