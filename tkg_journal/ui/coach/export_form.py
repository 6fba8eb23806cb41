"""The left side of the Export summary dialog: what goes into the file and where it goes.

Four groups: the period (since the last coach session, or right after today's session the
period before it; or two days), the sections with the charts and private entries, the
questions (free text and entries tagged "question") and the file (format, path and the
PDF's password: ``PdfPasswordField``). The form reads the journal on the GUI thread for
the last session and the question entries; the dialog reads the summary itself.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.coach_sessions import SummaryPeriod
from tkg_journal.domain.progress import Period
from tkg_journal.domain.search import EntryFilter
from tkg_journal.domain.summary import ALL_SECTIONS, SummaryOptions, SummarySection
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.export import ExportFormat, PdfPassword
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import local_midnight
from tkg_journal.ui.coach import export_texts as texts
from tkg_journal.ui.coach.pdf_password_field import PdfPasswordField
from tkg_journal.ui.common.clear_button import enable_clear_button
from tkg_journal.ui.common.journal_dates import from_qdate, limit_to_journal_range, to_qdate
from tkg_journal.ui.common.object_name import named

QUESTION_TAG = "question"
DEFAULT_RANGE_DAYS = 28  # with no session yet: about the time between two sessions
#: Suffixes the form reads as a format: a typed one picks it, a new format replaces it.
_ALIASES = {".htm": ExportFormat.HTML}


def warning_colour(palette: QPalette) -> str:
    """An amber that keeps its contrast on light and dark windows: a note, not an error."""
    return "#ffd27f" if palette.color(QPalette.ColorRole.Window).lightness() < 128 else "#8a5300"


def _camel(section: SummarySection) -> str:
    return "".join(part.title() for part in section.name.split("_"))


class ExportForm(QWidget):
    """The export's choices; disabled as a whole while a file is written.

    Signals:
        changed(): a choice the preview shows changed (the dialog reads it again).
        protection_changed(): whether the file will be locked with a password changed.
    """

    changed = Signal()
    protection_changed = Signal()

    def __init__(self, journal: Journal, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportInputs")
        self._journal = journal
        self._sessions = CoachSessions(journal)
        self._today = journal.clock().date()
        self.folder = folder
        self._question_choices: dict[int, bool] = {}  # entry id -> ticked, kept per dialog
        self._session = self._read_session_period()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self._build_period())
        layout.addWidget(self._build_sections())
        layout.addWidget(self._build_questions())
        layout.addWidget(self._build_file())
        layout.addStretch(1)
        self._paint_warning()
        self._set_defaults()
        self._connect()

    # --- building -----------------------------------------------------------------------
    def _build_period(self) -> QGroupBox:
        since_label = texts.session_period_label(self._session)
        self.since_session_radio = named(QRadioButton(since_label), "exportSinceSession")
        self.since_session_radio.setAccessibleName(texts.plain(since_label))
        self.no_session_hint = named(QLabel(texts.NO_SESSION_HINT), "exportNoSessionHint")
        self.no_session_hint.setWordWrap(True)
        self.no_session_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.range_radio = named(QRadioButton(texts.RANGE), "exportRange")
        self.range_radio.setAccessibleName(texts.plain(texts.RANGE))
        self.period_group_buttons = QButtonGroup(self)
        self.period_group_buttons.addButton(self.since_session_radio)
        self.period_group_buttons.addButton(self.range_radio)
        self.since_edit = self._date_edit("exportSince", texts.SINCE_ACCESSIBLE_NAME)
        self.until_edit = self._date_edit("exportUntil", texts.UNTIL_ACCESSIBLE_NAME)
        range_row = QHBoxLayout()
        range_row.setContentsMargins(0, 0, 0, 0)
        range_row.addWidget(self.range_radio)
        range_row.addWidget(self.since_edit)
        to_label = QLabel(texts.RANGE_TO)
        to_label.setBuddy(self.until_edit)  # "to [date]": the last day's visible label
        range_row.addWidget(to_label)
        range_row.addWidget(self.until_edit)
        range_row.addStretch(1)
        box = named(QGroupBox(texts.PERIOD_GROUP), "exportPeriodGroup")
        layout = QVBoxLayout(box)
        layout.addWidget(self.since_session_radio)
        layout.addWidget(self.no_session_hint)
        layout.addLayout(range_row)
        return box

    def _build_sections(self) -> QGroupBox:
        self.section_checks: dict[SummarySection, QCheckBox] = {}
        box = named(QGroupBox(texts.SECTIONS_GROUP), "exportSectionsGroup")
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(18)
        rows = (len(ALL_SECTIONS) + 1) // 2
        for index, section in enumerate(ALL_SECTIONS):
            check = named(QCheckBox(section.title), f"exportSection{_camel(section)}")
            check.setAccessibleName(section.title)
            self.section_checks[section] = check
            grid.addWidget(check, index % rows, index // rows)
        self.charts_check = named(QCheckBox(texts.INCLUDE_CHARTS), "exportCharts")
        self.charts_check.setAccessibleName(texts.plain(texts.INCLUDE_CHARTS))
        self.charts_check.setToolTip(texts.INCLUDE_CHARTS_TOOLTIP)
        self.private_check = named(QCheckBox(texts.INCLUDE_PRIVATE), "exportPrivate")
        self.private_check.setAccessibleName(texts.plain(texts.INCLUDE_PRIVATE))
        self.private_check.setToolTip(texts.INCLUDE_PRIVATE_TOOLTIP)
        self.private_warning = named(
            QLabel(texts.ERROR_PREFIX + texts.PRIVATE_WARNING), "exportPrivateWarning"
        )
        self.private_warning.setWordWrap(True)
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.HLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(separator, rows, 0, 1, 2)
        grid.addWidget(self.charts_check, rows + 1, 0)
        grid.addWidget(self.private_check, rows + 1, 1)
        grid.addWidget(self.private_warning, rows + 2, 0, 1, 2)
        return box

    def _build_questions(self) -> QGroupBox:
        four_lines = self.fontMetrics().lineSpacing() * 4 + 14
        self.questions_edit = named(QPlainTextEdit(), "exportQuestions")
        self.questions_edit.setAccessibleName(texts.QUESTIONS_ACCESSIBLE_NAME)
        self.questions_edit.setPlaceholderText(texts.QUESTIONS_PLACEHOLDER)
        self.questions_edit.setTabChangesFocus(True)
        self.questions_edit.setFixedHeight(four_lines)
        questions_label = QLabel(texts.QUESTIONS_LABEL)
        questions_label.setBuddy(self.questions_edit)
        self.question_list = named(QListWidget(), "exportQuestionEntries")
        self.question_list.setAccessibleName(texts.QUESTION_ENTRIES_ACCESSIBLE_NAME)
        self.question_list.setFixedHeight(four_lines)
        self.question_list.setUniformItemSizes(True)
        question_list_label = QLabel(texts.QUESTION_ENTRIES_LABEL)
        question_list_label.setBuddy(self.question_list)
        self.question_hint = named(QLabel(texts.QUESTION_HINT), "exportQuestionHint")
        self.question_hint.setWordWrap(True)
        self.question_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        box = named(QGroupBox(texts.QUESTIONS_GROUP), "exportQuestionsGroup")
        layout = QVBoxLayout(box)
        layout.addWidget(questions_label)
        layout.addWidget(self.questions_edit)
        layout.addWidget(question_list_label)
        layout.addWidget(self.question_list)
        layout.addWidget(self.question_hint)
        return box

    def _build_file(self) -> QGroupBox:
        self.format_combo = named(QComboBox(), "exportFormat")
        self.format_combo.setAccessibleName(texts.FORMAT_ACCESSIBLE_NAME)
        for fmt in ExportFormat:
            self.format_combo.addItem(fmt.label, fmt.value)
        self.path_edit = named(QLineEdit(), "exportPath")
        self.path_edit.setAccessibleName(texts.PATH_ACCESSIBLE_NAME)
        enable_clear_button(self.path_edit, "the file name")
        self.choose_button = named(QPushButton(texts.CHOOSE_BUTTON), "exportChoose")
        self.choose_button.setAccessibleName(texts.plain(texts.CHOOSE_BUTTON).rstrip("…"))
        self.choose_button.setToolTip(texts.CHOOSE_TOOLTIP)
        self.choose_button.setAutoDefault(False)
        path_row = QHBoxLayout()
        path_row.setContentsMargins(0, 0, 0, 0)
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.choose_button)
        box = named(QGroupBox(texts.FILE_GROUP), "exportFileGroup")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        format_label = QLabel(texts.FORMAT_LABEL)
        format_label.setBuddy(self.format_combo)
        path_label = QLabel(texts.PATH_LABEL)
        path_label.setBuddy(self.path_edit)
        self.password_field = PdfPasswordField()
        password_label = QLabel(texts.PASSWORD_LABEL)
        password_label.setBuddy(self.password_field.edit)
        form.addRow(format_label, self.format_combo)
        form.addRow(path_label, path_row)
        form.addRow(password_label, self.password_field)
        return box

    def _date_edit(self, name: str, accessible: str) -> QDateEdit:
        edit = named(QDateEdit(), name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        limit_to_journal_range(edit)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setMaximumDate(to_qdate(self._today))
        return edit

    def focus_order(self) -> list[QWidget]:
        """The form's controls in Tab order (the dialog continues it)."""
        return [
            self.since_session_radio,
            self.range_radio,
            self.since_edit,
            self.until_edit,
            *self.section_checks.values(),
            self.charts_check,
            self.private_check,
            self.questions_edit,
            self.question_list,
            self.format_combo,
            self.path_edit,
            self.choose_button,
            *self.password_field.focus_order(),
        ]

    def _paint_warning(self) -> None:
        """The warning's colour follows the palette (light or dark)."""
        self.private_warning.setStyleSheet(f"color: {warning_colour(self.palette())};")

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_warning()

    def _set_defaults(self) -> None:
        has_session = self._session is not None
        self.since_session_radio.setEnabled(has_session)
        self.no_session_hint.setVisible(not has_session)
        if self._session is not None and self._session.period.since is not None:
            self.since_session_radio.setChecked(True)
            since = self._session.period.since
        else:
            self.range_radio.setChecked(True)
            since = self._today - timedelta(days=DEFAULT_RANGE_DAYS)
        self.since_edit.setDate(to_qdate(since))
        self.until_edit.setDate(to_qdate(self._today))
        for check in self.section_checks.values():
            check.setChecked(True)
        self.charts_check.setChecked(True)
        self.private_check.setChecked(False)
        self.private_warning.hide()
        self.format_combo.setCurrentIndex(0)  # PDF
        name = texts.DEFAULT_NAME.format(day=self._today.isoformat())
        self.path_edit.setText(str(self.folder / f"{name}{ExportFormat.PDF.suffix}"))
        self._enable_dates()

    def _connect(self) -> None:
        self.since_session_radio.toggled.connect(self._period_mode_changed)
        self.since_edit.dateChanged.connect(self.changed)
        self.until_edit.dateChanged.connect(self.changed)
        for check in self.section_checks.values():
            check.toggled.connect(self.changed)
        self.section_checks[SummarySection.CHARTS].toggled.connect(self.charts_check.setEnabled)
        self.charts_check.toggled.connect(self.changed)
        self.private_check.toggled.connect(self._private_changed)
        self.questions_edit.textChanged.connect(self.changed)
        self.question_list.itemChanged.connect(self._question_ticked)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.path_edit.textEdited.connect(self._path_edited)
        self.password_field.changed.connect(self.protection_changed)

    # --- reading the journal ------------------------------------------------------------
    def _read_session_period(self) -> SummaryPeriod | None:
        """The period about the last session (or, right after today's, the one before it:
        ``CoachSessions.summary_period``); None without a session."""
        try:
            return self._sessions.summary_period()
        except USER_ERRORS:
            return None  # none yet (or a damaged journal: the preview says); the range works

    def _session_period(self) -> Period:
        # Read once, when the dialog opened: the period its label names.
        assert self._session is not None
        return self._session.period

    def reload_questions(self) -> None:
        """The period's entries tagged "question", ticked as the user left them (shared
        ones ticked by default; private ones only when the user ticks them)."""
        try:
            period = self.period()
            assert period.since is not None and period.until is not None
            rows = self._journal.list_entries(
                EntryFilter(
                    since=local_midnight(period.since),
                    until=local_midnight(period.until + timedelta(days=1)),
                    tag=QUESTION_TAG,
                )
            )
        except USER_ERRORS:
            rows = []  # a bad period: the preview says why
        self.question_list.blockSignals(True)
        self.question_list.clear()
        for row in sorted(rows, key=lambda r: (r.occurred_at, r.id)):
            ticked = self._question_choices.get(row.id, row.share_with_coach)
            local = row.occurred_at.astimezone().date()
            text = f"{texts.day_text(local)} \u00b7 {row.title or row.first_line}"
            if not row.share_with_coach:
                text += texts.QUESTION_PRIVATE_MARK
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.question_list.addItem(item)
        self.question_list.blockSignals(False)

    # --- what the user chose ------------------------------------------------------------
    def since_last_session(self) -> bool:
        return self.since_session_radio.isChecked()

    def period(self) -> Period:
        """The chosen days (raises ValidationError when the first is after the last)."""
        if self.since_last_session():
            return self._session_period()
        return Period(from_qdate(self.since_edit.date()), from_qdate(self.until_edit.date()))

    def sections(self) -> frozenset[SummarySection]:
        return frozenset(s for s, check in self.section_checks.items() if check.isChecked())

    def charts_wanted(self) -> bool:
        return self.charts_check.isChecked() and SummarySection.CHARTS in self.sections()

    def question_entry_ids(self) -> tuple[int, ...]:
        ids = []
        for row in range(self.question_list.count()):
            item = self.question_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return tuple(ids)

    def options(self) -> SummaryOptions:
        return SummaryOptions(
            period=self.period(),
            sections=self.sections(),
            include_private=self.private_check.isChecked(),
            charts=self.charts_wanted(),
            questions=self.questions_edit.toPlainText(),
            question_entry_ids=self.question_entry_ids(),
        )

    def chosen_format(self) -> ExportFormat:
        return ExportFormat(self.format_combo.currentData())

    def pdf_password(self) -> PdfPassword | None:
        """The password to lock the PDF with (``None``: an unlocked file).

        Raises:
            DomainError: one a PDF cannot use as typed (too long, unusual characters).
        """
        password = self.password_field.password()
        if password is not None:
            password.check()
        return password

    def protected(self) -> bool:
        """Whether the file will open only with a password (PDF, and one typed)."""
        return self.password_field.applies() and bool(self.password_field.edit.text())

    def chosen_path(self) -> Path | None:
        text = self.path_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self.folder / path
        if not path.suffix:
            path = path.with_suffix(self.chosen_format().suffix)
        return path

    def set_path(self, path: Path) -> None:
        """Put a chosen file in the form: its suffix picks the format, or gets the format's."""
        self.path_edit.setText(str(path))
        self._path_edited(str(path))
        if not path.suffix:
            self._format_changed()

    def forget(self) -> None:
        """The journal is being locked: no question (nor the PDF's password) is left."""
        self.questions_edit.clear()
        self.question_list.clear()
        self.password_field.clear()

    # --- reacting -----------------------------------------------------------------------
    def _period_mode_changed(self) -> None:
        if self.since_last_session():
            period = self._session_period()
            for edit, day in ((self.since_edit, period.since), (self.until_edit, period.until)):
                if day is not None:
                    edit.blockSignals(True)
                    edit.setDate(to_qdate(day))
                    edit.blockSignals(False)
        self._enable_dates()
        self.changed.emit()

    def _enable_dates(self) -> None:
        free = not self.since_last_session()
        self.since_edit.setEnabled(free)
        self.until_edit.setEnabled(free)

    def _private_changed(self, on: bool) -> None:
        self.private_warning.setVisible(on)
        self.changed.emit()

    def _question_ticked(self, item: QListWidgetItem) -> None:
        entry_id = int(item.data(Qt.ItemDataRole.UserRole))
        self._question_choices[entry_id] = item.checkState() == Qt.CheckState.Checked
        self.changed.emit()

    def _format_changed(self) -> None:
        fmt = self.chosen_format()
        self.password_field.set_applies(fmt is ExportFormat.PDF)
        text = self.path_edit.text().strip()
        if not text:
            return
        path = Path(text)
        known = {f.suffix for f in ExportFormat} | set(_ALIASES)
        if path.suffix.lower() in known or not path.suffix:
            self.path_edit.setText(str(path.with_suffix(fmt.suffix)))

    def _path_edited(self, text: str) -> None:
        """A typed suffix picks the format, so the two never disagree."""
        suffix = Path(text.strip()).suffix.lower()
        fmt = _ALIASES.get(suffix) or next((f for f in ExportFormat if f.suffix == suffix), None)
        if fmt is not None and fmt is not self.chosen_format():
            self.format_combo.blockSignals(True)
            self.format_combo.setCurrentIndex(self.format_combo.findData(fmt.value))
            self.format_combo.blockSignals(False)
            self.password_field.set_applies(fmt is ExportFormat.PDF)
