"""The Qt part of ``tkg-journal --self-test``, run in a child process of its own
(``cli/self_test.py`` says why): start Qt, draw a window with the app's icon, report the
platform plugin that loaded."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel

from tkg_journal.ui.common.icons import app_icon


def qt_check() -> int:
    """Start Qt, draw a window, print the platform; 0 if something was drawn."""
    app = QApplication([sys.argv[0]])
    label = QLabel("TKG Journal self-test")
    label.setWindowIcon(app_icon())
    label.show()
    app.processEvents()
    image = label.grab().toImage()
    label.close()
    if image.isNull() or app_icon().isNull():
        print("nothing was drawn")
        return 1
    print(f"platform plugin {QApplication.platformName()!r} loaded, a window drawn")
    return 0
