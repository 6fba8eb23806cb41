"""A page a feature adds to the Preferences dialog (one tab).

The shell builds the dialog with the pages the features give it, so a feature keeps its
own settings page without the dialog knowing the feature.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


class PreferencesPage(QWidget):
    """``title``: the tab's text (with a mnemonic). ``save()`` stores what the page shows,
    or says on the page why it cannot and returns False (the dialog then stays open)."""

    title = ""

    def save(self) -> bool:
        raise NotImplementedError
