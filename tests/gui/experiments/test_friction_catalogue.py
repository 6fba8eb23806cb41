"""The friction catalogue dialog over a real encrypted journal: add, rename, re-map,
archive and unarchive, refusing duplicate names without changing anything."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from tkg_journal.domain.friction import FrictionBehaviour
from tkg_journal.domain.levels import Level
from tkg_journal.services.experiments import Experiments
from tkg_journal.services.journal import Journal
from tkg_journal.ui.experiments.friction_catalogue_dialog import FrictionCatalogueDialog
from tkg_journal.ui.experiments.friction_model import (
    ARCHIVED_COLUMN,
    LEVEL_COLUMN,
    NAME_COLUMN,
    BehaviourRole,
    FrictionModel,
)


@pytest.fixture
def service(journal: Journal) -> Experiments:
    return Experiments(journal)


@pytest.fixture
def dialog(qtbot, service: Experiments) -> FrictionCatalogueDialog:
    widget = FrictionCatalogueDialog(service)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def _names(service: Experiments, *, include_archived: bool = False) -> list[str]:
    return [b.name for b in service.behaviours(include_archived=include_archived)]


def _find(service: Experiments, name: str) -> FrictionBehaviour:
    return next(b for b in service.behaviours(include_archived=True) if b.name == name)


def _select(dialog: FrictionCatalogueDialog, name: str) -> int:
    row = next(
        r
        for r in range(dialog.model.rowCount())
        if dialog.model.index(r, NAME_COLUMN).data() == name
    )
    dialog.table.setCurrentIndex(dialog.model.index(row, NAME_COLUMN))
    return row


def test_shows_the_seeded_catalogue_with_levels(
    dialog: FrictionCatalogueDialog, service: Experiments
):
    model = dialog.model
    assert model.rowCount() == len(service.behaviours()) > 0
    first = model.index(0, NAME_COLUMN)
    assert first.data(BehaviourRole).level is Level.FOUNDATION
    assert model.index(0, LEVEL_COLUMN).data() == "1 Foundation"
    assert (
        model.index(0, ARCHIVED_COLUMN).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Unchecked
    )
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Behaviour",
        "Root level",
        "Archived",
    ]


def test_adds_with_the_keyboard(qtbot, dialog: FrictionCatalogueDialog, service: Experiments):
    before = len(service.behaviours())
    dialog.new_name.setFocus()
    qtbot.keyClicks(dialog.new_name, "Interrupting when challenged")
    dialog.new_level.setCurrentIndex(dialog.new_level.findData(int(Level.GROWTH)))
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    added = _find(service, "Interrupting when challenged")
    assert added.level is Level.GROWTH and len(service.behaviours()) == before + 1
    assert dialog.current_behaviour() == added  # selected, so it can be edited at once
    assert dialog.new_name.text() == "" and dialog.message() == ""


def test_refuses_a_duplicate_name_and_changes_nothing(
    qtbot, dialog: FrictionCatalogueDialog, service: Experiments
):
    before = service.behaviours(include_archived=True)
    dialog.new_name.setText("defensiveness")  # the seeded "Defensiveness", other case
    dialog.add_button.click()
    assert service.behaviours(include_archived=True) == before
    assert "Defensiveness" in dialog.message() or "defensiveness" in dialog.message()
    assert dialog.new_name.text() == "defensiveness"  # kept, to correct it

    # Renaming onto a taken name is refused the same way.
    row = _select(dialog, "Control")
    assert not dialog.model.setData(dialog.model.index(row, NAME_COLUMN), "Dismissiveness")
    assert "Dismissiveness" in dialog.message()
    assert service.behaviours(include_archived=True) == before
    assert dialog.model.index(row, NAME_COLUMN).data() == "Control"


def test_renames_in_place_with_f2(qtbot, dialog: FrictionCatalogueDialog, service: Experiments):
    row = _select(dialog, "Control")
    behaviour_id = dialog.model.behaviour(row).id
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    editor = dialog.table.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == "Control"
    editor.selectAll()
    qtbot.keyClicks(editor, "Controlling every detail")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Qt commits on the next event loop turn
    qtbot.waitUntil(lambda: dialog.table.state() != dialog.table.State.EditingState)
    renamed = next(b for b in service.behaviours() if b.id == behaviour_id)
    assert renamed.name == "Controlling every detail"
    assert dialog.model.index(row, NAME_COLUMN).data() == "Controlling every detail"


def test_remaps_with_the_keyboard(qtbot, dialog: FrictionCatalogueDialog, service: Experiments):
    row = _select(dialog, "Defensiveness")
    dialog.remap_button.click()  # "Change level": the level cell's combo opens
    combo = dialog.table.viewport().findChild(QComboBox, "frictionLevelEditor")
    assert combo is not None and combo.currentData() == int(Level.FOUNDATION)
    # Arrows browse without committing; Enter commits.
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert _find(service, "Defensiveness").level is Level.FOUNDATION
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _find(service, "Defensiveness").level is Level.EMPOWERMENT)
    assert dialog.model.index(row, LEVEL_COLUMN).data() == "3 Empowerment"


def test_a_level_chosen_from_the_open_list_commits_at_once(
    qtbot, dialog: FrictionCatalogueDialog, service: Experiments
):
    row = _select(dialog, "Control")
    dialog.remap_current()
    combo = dialog.table.viewport().findChild(QComboBox, "frictionLevelEditor")
    combo.showPopup()
    combo.view().setCurrentIndex(combo.model().index(0, 0))
    qtbot.keyClick(combo.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _find(service, "Control").level is Level.FOUNDATION)
    assert dialog.model.index(row, LEVEL_COLUMN).data() == "1 Foundation"


def test_archives_and_brings_back(qtbot, dialog: FrictionCatalogueDialog, service: Experiments):
    _select(dialog, "Dismissiveness")
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert _find(service, "Dismissiveness").archived
    assert "Dismissiveness" not in [
        dialog.model.behaviour(r).name for r in range(dialog.model.rowCount())
    ]
    assert "Dismissiveness" not in _names(service)

    dialog.show_archived.click()
    row = _select(dialog, "Dismissiveness")
    assert (
        dialog.model.index(row, ARCHIVED_COLUMN).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Checked
    )
    assert dialog.archive_button.text().replace("&", "") == "Unarchive"
    dialog.archive_button.click()
    assert not _find(service, "Dismissiveness").archived
    assert "Dismissiveness" in _names(service)
    assert dialog.archive_button.text().replace("&", "") == "Archive"


def test_archived_check_box_in_the_table_archives(
    dialog: FrictionCatalogueDialog, service: Experiments
):
    dialog.show_archived.setChecked(True)
    row = _select(dialog, "Control")
    index = dialog.model.index(row, ARCHIVED_COLUMN)
    assert dialog.model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert _find(service, "Control").archived
    assert dialog.model.index(row, NAME_COLUMN).data() == "Control"  # still listed


def test_every_control_has_a_name(dialog: FrictionCatalogueDialog):
    for widget in dialog.findChildren(QWidget):
        if widget.objectName().startswith("qt_") or not widget.isVisibleTo(dialog):
            continue
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            assert widget.objectName(), widget
            assert widget.accessibleName(), widget.objectName()


def test_friction_model_passes_the_model_tester(qtmodeltester, service: Experiments):
    model = FrictionModel(service)
    qtmodeltester.check(model)
    model.set_show_archived(True)
    added = model.add("Talking over people", Level.FOUNDATION)
    assert added is not None
    row = model.row_of(added.id)
    assert model.setData(model.index(row, NAME_COLUMN), "Talking over others")
    assert model.setData(model.index(row, LEVEL_COLUMN), int(Level.GROWTH))
    model.set_show_archived(False)
    assert model.set_archived(model.row_of(added.id), True)
    assert model.row_of(added.id) == -1
    model.set_service(None)
    assert model.rowCount() == 0
