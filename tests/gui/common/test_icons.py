"""The icon set: every icon exists, draws, follows the palette, and is crisp at 2x."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from tkg_journal.domain.levels import Level
from tkg_journal.paths import resource_dir
from tkg_journal.ui.common.icons import APP_ICON_FILE, ICON_NAMES, ICONS_FOLDER, app_icon, icon

ICONS = resource_dir() / ICONS_FOLDER
SVG = "{http://www.w3.org/2000/svg}"

LIGHT_TEXT = "#202020"
DARK_TEXT = "#f0f0f0"
DISABLED_TEXT = "#9a9a9a"
SELECTED_TEXT = "#ffd400"


def _palette(window: str, text: str) -> QPalette:
    palette = QPalette(QColor(window))
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.WindowText, QColor(text))
        palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor(SELECTED_TEXT))
    palette.setColor(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor(DISABLED_TEXT)
    )
    return palette


LIGHT = _palette("#f7f7f7", LIGHT_TEXT)
DARK = _palette("#242424", DARK_TEXT)


@pytest.fixture
def app_palette(qapp: QApplication) -> Iterator[QApplication]:
    """Lets a test set the application palette; puts the old one back afterwards."""
    before = QPalette(qapp.palette())
    yield qapp
    qapp.setPalette(before)


def _opaque_colours(pixmap: QPixmap, min_alpha: int = 250) -> list[QColor]:
    """The colours of the pixels (nearly) fully covered by the drawing; the default leaves
    out anti-aliased edges, whose colour is blended."""
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
    colours = []
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.alpha() >= min_alpha:
                colours.append(colour)
    return colours


def _close(colour: QColor, expected: str) -> bool:
    want = QColor(expected)
    return (
        abs(colour.red() - want.red()) <= 2
        and abs(colour.green() - want.green()) <= 2
        and abs(colour.blue() - want.blue()) <= 2
    )


def test_every_name_has_a_file_and_every_file_a_name() -> None:
    files = {path.stem for path in ICONS.glob("*.svg")}
    assert files == set(ICON_NAMES)
    assert len(ICON_NAMES) == len(set(ICON_NAMES))


@pytest.mark.parametrize("path", [*sorted(ICONS.glob("*.svg")), resource_dir() / APP_ICON_FILE])
def test_resource_files_are_valid_svg_xml(path: Path) -> None:
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert not tags & {"text", "image"}  # no words and no bitmaps, at any size


@pytest.mark.parametrize("name", ICON_NAMES)
def test_icons_use_only_the_recolourable_ink_on_a_24_grid(name: str) -> None:
    text = (ICONS / f"{name}.svg").read_text(encoding="utf-8").lower()
    assert 'viewbox="0 0 24 24"' in text
    colours = {text[i : i + 7] for i in range(len(text)) if text[i] == "#"}
    assert colours == {"#1f1f1f"}


@pytest.mark.parametrize("name", ICON_NAMES)
def test_icon_draws_at_16_px_at_1x_and_2x(app_palette: QApplication, name: str) -> None:
    app_palette.setPalette(LIGHT)
    subject = icon(name)
    one = subject.pixmap(QSize(16, 16), 1.0)
    two = subject.pixmap(QSize(16, 16), 2.0)

    assert one.size() == QSize(16, 16)
    assert two.size() == QSize(32, 32)  # drawn at device pixels, not scaled up
    assert two.devicePixelRatio() == 2.0
    # At 16 px a stroke is 1.33 px wide, so count pixels at least half covered.
    assert len(_opaque_colours(one, min_alpha=128)) >= 12
    assert len(_opaque_colours(two, min_alpha=128)) >= 4 * 12
    assert _opaque_colours(one)


@pytest.mark.parametrize("name", ICON_NAMES)
def test_icon_takes_the_text_colour_of_light_and_dark_palettes(
    app_palette: QApplication, name: str
) -> None:
    app_palette.setPalette(DARK)
    on_dark = _opaque_colours(icon(name).pixmap(QSize(24, 24), 1.0))
    app_palette.setPalette(LIGHT)
    on_light = _opaque_colours(icon(name).pixmap(QSize(24, 24), 1.0))

    assert on_dark and all(_close(c, DARK_TEXT) for c in on_dark)
    assert on_light and all(_close(c, LIGHT_TEXT) for c in on_light)
    assert min(c.lightness() for c in on_dark) > 200
    assert max(c.lightness() for c in on_light) < 60


def test_an_icon_already_handed_out_follows_a_palette_change(app_palette: QApplication) -> None:
    app_palette.setPalette(LIGHT)
    subject = icon("save")
    assert all(_close(c, LIGHT_TEXT) for c in _opaque_colours(subject.pixmap(20)))

    app_palette.setPalette(DARK)  # the user switches to a dark scheme

    after = _opaque_colours(subject.pixmap(20))
    assert after and all(_close(c, DARK_TEXT) for c in after)


def test_disabled_and_selected_modes_use_their_palette_colours(
    app_palette: QApplication,
) -> None:
    app_palette.setPalette(LIGHT)
    subject = icon("lock")
    normal = _opaque_colours(subject.pixmap(QSize(24, 24), 1.0, QIcon.Mode.Normal))
    disabled = _opaque_colours(subject.pixmap(QSize(24, 24), 1.0, QIcon.Mode.Disabled))
    selected = _opaque_colours(subject.pixmap(QSize(24, 24), 1.0, QIcon.Mode.Selected))

    assert normal and disabled and selected
    assert all(_close(c, LIGHT_TEXT) for c in normal)
    assert all(_close(c, DISABLED_TEXT) for c in disabled)
    assert all(_close(c, SELECTED_TEXT) for c in selected)


def test_icon_painted_onto_a_2x_surface_is_drawn_at_full_resolution(
    app_palette: QApplication,
) -> None:
    app_palette.setPalette(LIGHT)
    canvas = QPixmap(32, 32)
    canvas.setDevicePixelRatio(2.0)
    canvas.fill(Qt.GlobalColor.transparent)
    painter = QPainter(canvas)
    icon("clear").paint(painter, 0, 0, 16, 16)
    painter.end()

    colours = _opaque_colours(canvas)
    assert colours and all(_close(c, LIGHT_TEXT) for c in colours)
    # A 2-unit stroke at 2x is 2.67 device pixels wide: some pixels are fully covered,
    # which a 16 px drawing scaled up would blur away less evenly.
    assert len(colours) >= 40


def test_a_changed_copy_of_an_icon_keeps_working(app_palette: QApplication) -> None:
    """Qt clones the engine when a shared icon is changed; the clone must survive."""
    app_palette.setPalette(LIGHT)
    original = icon("tag")
    copy = QIcon(original)
    extra = QPixmap(8, 8)
    extra.fill(QColor("red"))
    copy.addPixmap(extra, QIcon.Mode.Active)
    del extra

    assert _opaque_colours(copy.pixmap(QSize(24, 24), 1.0))
    assert _opaque_colours(original.pixmap(QSize(24, 24), 1.0))


def test_unknown_icon_name_raises_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="no-such-icon"):
        icon("no-such-icon")


def test_app_icon_shows_the_five_level_colours_in_any_palette(
    app_palette: QApplication,
) -> None:
    app_palette.setPalette(DARK)
    for side in (16, 64):
        pixels = app_icon().pixmap(QSize(side, side), 1.0).toImage()
        present = {
            pixels.pixelColor(x, y).name()
            for y in range(pixels.height())
            for x in range(pixels.width())
        }
        for level in Level:
            assert level.colour.lower() in present, (side, level)
    assert QSize(256, 256) in app_icon().availableSizes()
