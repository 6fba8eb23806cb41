"""Preferences ▸ Backups: where backups go (and a second folder for a copy), and which
are kept. The settings live in the journal itself (``Backups.save_settings``), so the
command line and a restored journal keep the same ones.

Folders are chosen with the system's folder dialog, not typed (a typo would send backups
nowhere); the fields show them and can be read and copied.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.retention import MAX_KEEP, RetentionPolicy
from tkg_journal.services.backups import Backups, BackupSettings
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.journal import Journal
from tkg_journal.ui.backups import backup_texts as texts
from tkg_journal.ui.common.messages import as_sentence, inline_error_label
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.common.preferences_page import PreferencesPage

#: ``ask(parent, title, start folder) -> folder or ""``: the system's folder dialog (tests
#: replace it).
AskFolder = Callable[[QWidget, str, str], str]

_KEEP = ("last", "daily", "weekly", "monthly")
PATH_CHARS = 36
_KEEP_LABELS = (texts.KEEP_LAST, texts.KEEP_DAILY, texts.KEEP_WEEKLY, texts.KEEP_MONTHLY)


def _ask_folder(parent: QWidget, title: str, start: str) -> str:
    return QFileDialog.getExistingDirectory(parent, title, start)


class BackupPreferences(PreferencesPage):
    """A page of the Preferences dialog; :meth:`save` stores what it shows."""

    title = texts.PREFS_TAB

    def __init__(self, journal: Journal, parent: QWidget | None = None,
                 *, ask_folder: AskFolder = _ask_folder) -> None:
        super().__init__(parent)
        self.setObjectName("backupPreferences")
        self._backups = Backups(journal)
        self._default = journal.paths.backups_dir
        self.ask_folder = ask_folder
        settings = self._backups.settings()
        self._folder: Path | None = settings.folder
        self._second: Path | None = settings.second_folder

        self.folder_field = self._path_field("backupFolder", texts.FOLDER_NAME)
        self.folder_field.setPlaceholderText(str(self._default))
        self.choose_button = self._button("backupFolderChoose", texts.CHOOSE, texts.CHOOSE_NAME)
        self.choose_button.clicked.connect(self._choose_folder)
        self.default_button = self._button(
            "backupFolderDefault", texts.DEFAULT, texts.DEFAULT_NAME)
        self.default_button.clicked.connect(self._use_default)
        self.second_field = self._path_field("backupSecondFolder", texts.SECOND_NAME)
        self.second_field.setPlaceholderText(texts.SECOND_NONE)
        self.second_choose_button = self._button(
            "backupSecondChoose", texts.SECOND_CHOOSE, texts.SECOND_CHOOSE_NAME)
        self.second_choose_button.clicked.connect(self._choose_second)
        self.second_clear_button = self._button(
            "backupSecondClear", texts.SECOND_CLEAR, texts.SECOND_CLEAR_NAME)
        self.second_clear_button.clicked.connect(self._clear_second)
        second_why = named(QLabel(texts.SECOND_WHY), "backupSecondWhy")
        second_why.setWordWrap(True)

        folders = QGroupBox(texts.FOLDER_GROUP)
        grid = QGridLayout(folders)
        grid.addWidget(QLabel(texts.FOLDER_LABEL), 0, 0)
        grid.addWidget(self.folder_field, 0, 1)
        grid.addWidget(self.choose_button, 0, 2)
        grid.addWidget(self.default_button, 0, 3)
        grid.addWidget(QLabel(texts.SECOND_LABEL), 1, 0)
        grid.addWidget(self.second_field, 1, 1)
        grid.addWidget(self.second_choose_button, 1, 2)
        grid.addWidget(self.second_clear_button, 1, 3)
        grid.addWidget(second_why, 2, 1, 1, 3)
        grid.setColumnStretch(1, 1)

        keep = QGroupBox(texts.KEEP_GROUP)
        keep_form = QFormLayout(keep)
        keep_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        keep_why = QLabel(texts.KEEP_WHY)
        keep_why.setWordWrap(True)
        keep_form.addRow(keep_why)
        self.keep_boxes: dict[str, QSpinBox] = {}
        for name, label_text, suffix, accessible in zip(
            _KEEP, _KEEP_LABELS, texts.KEEP_SUFFIXES, texts.KEEP_NAMES, strict=True
        ):
            box = named(QSpinBox(), f"backupKeep{name.title()}")
            box.setRange(0, MAX_KEEP)
            box.setSuffix(suffix)
            box.setAccessibleName(accessible)
            box.setValue(getattr(settings.policy, name))
            label = QLabel(label_text)
            label.setBuddy(box)
            keep_form.addRow(label, box)
            self.keep_boxes[name] = box

        # One width for the four boxes, so they line up as one column of numbers.
        width = max(box.sizeHint().width() for box in self.keep_boxes.values())
        for box in self.keep_boxes.values():
            box.setMinimumWidth(width)
        self.error = inline_error_label("backupPreferencesError")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(folders)
        layout.addWidget(keep)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._show_folders()

    def minimumSizeHint(self) -> QSize:
        # A tab page's height does not follow its wrapped text (QTabWidget ignores height
        # for width): ask for the height the text needs at the narrowest width, so the
        # dialog never squeezes the lines or the spin boxes (seen at 200 % scaling).
        hint = super().minimumSizeHint()
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            hint.setHeight(max(hint.height(), layout.totalHeightForWidth(hint.width())))
        return hint

    def sizeHint(self) -> QSize:
        return super().sizeHint().expandedTo(self.minimumSizeHint())

    @staticmethod
    def _path_field(name: str, accessible: str) -> QLineEdit:
        field = named(QLineEdit(), name)
        field.setReadOnly(True)
        field.setAccessibleName(accessible)
        # Room for a usual path (and so for the text below to wrap into few lines).
        field.setMinimumWidth(field.fontMetrics().averageCharWidth() * PATH_CHARS)
        return field

    @staticmethod
    def _button(name: str, text: str, accessible: str) -> QPushButton:
        button = named(QPushButton(text), name)
        button.setAccessibleName(accessible)
        button.setAutoDefault(False)  # Enter in the dialog means OK, not "Choose…"
        return button

    # --- folders ------------------------------------------------------------------------
    def _show_folders(self) -> None:
        self.folder_field.setText(str(self._folder) if self._folder else "")
        self.folder_field.setCursorPosition(0)  # a long path shows where it starts
        self.folder_field.setToolTip(
            str(self._folder) if self._folder else texts.FOLDER_DEFAULT.format(path=self._default)
        )
        self.default_button.setEnabled(self._folder is not None)
        self.second_field.setText(str(self._second) if self._second else "")
        self.second_field.setCursorPosition(0)
        self.second_field.setToolTip(str(self._second) if self._second else texts.SECOND_NONE)
        self.second_clear_button.setEnabled(self._second is not None)

    def _choose_folder(self) -> None:
        start = self._folder or self._default
        chosen = self.ask_folder(self, texts.CHOOSE_FOLDER_TITLE, str(start))
        if chosen:
            folder = Path(chosen)
            self._folder = None if folder == self._default else folder
            self._show_folders()

    def _use_default(self) -> None:
        self._folder = None
        self._show_folders()

    def _choose_second(self) -> None:
        start = self._second or Path.home()
        chosen = self.ask_folder(self, texts.CHOOSE_SECOND_TITLE, str(start))
        if chosen:
            self._second = Path(chosen)
            self._show_folders()

    def _clear_second(self) -> None:
        self._second = None
        self._show_folders()

    # --- saving -------------------------------------------------------------------------
    def settings(self) -> BackupSettings:
        """What the page shows, as settings.

        Raises:
            ValidationError: the counts keep no backup (or are out of range).
        """
        policy = RetentionPolicy(**{name: box.value() for name, box in self.keep_boxes.items()})
        return BackupSettings(folder=self._folder, second_folder=self._second, policy=policy)

    def save(self) -> bool:
        """Store the settings; False (and the reason shown on the page) if they are not
        usable, so the dialog stays open."""
        problem = self._folder_problem()
        if not problem:
            try:
                self._backups.save_settings(self.settings())
            except USER_ERRORS as error:
                problem = as_sentence(str(error))
        if problem:
            self.error.setText(problem)
            self.error.show()
            return False
        self.error.hide()
        return True

    def _folder_problem(self) -> str:
        first = self._folder or self._default
        if self._second is not None and self._second == first:
            return texts.SAME_FOLDERS
        for folder in (first, self._second):
            if folder is not None and folder.exists() and not folder.is_dir():
                return texts.NOT_A_FOLDER.format(path=folder)
        return ""
