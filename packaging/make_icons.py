"""Render the app icon (resources/tkg-journal.svg) as the PNG sizes of the hicolor theme.

Run by packaging/build-linux.sh with the build venv's Python:
``python packaging/make_icons.py OUT_DIR`` writes ``OUT_DIR/hicolor/NxN/apps/tkg-journal.png``
for 48, 128 and 256, and copies the SVG to ``OUT_DIR/hicolor/scalable/apps/``.

Why at build time with Qt rather than committed PNGs or ImageMagick: the SVG stays the one
source (a changed icon cannot leave stale PNGs behind), and the renderer is the one the
app itself draws its icon with (QSvgRenderer), from the PySide6 wheel the build installs
anyway: no librsvg or ImageMagick (whose SVG support depends on its delegates) needed.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

SIZES = (48, 128, 256)
NAME = "tkg-journal"
SOURCE = Path(__file__).resolve().parent.parent / "resources" / f"{NAME}.svg"


def main(out: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication([sys.argv[0]])  # QImage and QPainter need a Gui application
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"make_icons: {SOURCE} is not a valid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        folder = out / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{NAME}.png"
        if not image.save(str(target), "PNG"):
            print(f"make_icons: could not write {target}", file=sys.stderr)
            return 1
    scalable = out / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable / f"{NAME}.svg")
    del app
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: make_icons.py OUT_DIR", file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(Path(sys.argv[1])))
