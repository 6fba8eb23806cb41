"""The Export summary dialog: choose the period, what goes in and the file; preview what
will be shared; write it off the GUI thread.

Reading the journal (``plan_export``: SQL) happens here on the GUI thread, the only thread
that uses the connection; writing the file (``write_export``: charts, layout, PDF) runs on
a ``QThreadPool`` worker that touches neither the journal nor any widget and reports back
through queued signals. The file is written all or nothing by the service, so an error
leaves no partial file and the dialog stays open with every choice kept.

Questions to the user and the system's viewer go through :meth:`ExportDialog.choose_path`,
:meth:`ExportDialog.confirm_replace` and :meth:`ExportDialog.open_url`, which tests
replace.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QObject,
    QRunnable,
    QSize,
    QStandardPaths,
    Qt,
    QThreadPool,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QDesktopServices,
    QImage,
    QPainter,
    QPalette,
    QTextDocument,
    QTextLength,
    QTextTable,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.progress import Period
from tkg_journal.domain.search import EntryFilter
from tkg_journal.domain.summary import (
    ALL_SECTIONS,
    SUMMARY_CHARTS,
    ChartImage,
    SummaryOptions,
    SummarySection,
)
from tkg_journal.services import progress_charts
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.export import (
    EmptyPeriod,
    ExportFormat,
    ExportPlan,
    ExportResult,
    plan_export,
    write_export,
)
from tkg_journal.services.files import is_read_only
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import local_midnight
from tkg_journal.ui.coach import export_texts as texts
from tkg_journal.ui.common.error_dialog import BUG_TEXT
from tkg_journal.ui.common.icons import icon
from tkg_journal.ui.common.journal_dates import from_qdate, limit_to_journal_range, to_qdate
from tkg_journal.ui.common.messages import as_sentence, error_colour

PREVIEW_DELAY_MS = 300  # typing a date or ticking boxes in a row reads the journal once
QUESTION_TAG = "question"
DEFAULT_RANGE_DAYS = 28  # with no session yet: about the time between two sessions
#: Charts in the preview are stand-ins loaded from this made-up folder (never a file).
_PREVIEW_CHART_FOLDER = "preview-chart"
_PREVIEW_CHART_SIZE = QSize(340, 72)


def warning_colour(palette: QPalette) -> str:
    """An amber that keeps its contrast on light and dark windows: a note, not an error."""
    return "#ffd27f" if palette.color(QPalette.ColorRole.Window).lightness() < 128 else "#8a5300"


def _camel(section: SummarySection) -> str:
    return "".join(part.title() for part in section.name.split("_"))


class _ExportBridge(QObject):
    """Carries the worker's news to the GUI thread (queued: it lives there)."""

    progress = Signal(int, int, str)  # step, of steps, what is happening
    finished = Signal(object)  # ExportResult
    failed = Signal(object)  # the exception


class _ExportTask(QRunnable):
    """``write_export`` on a pool thread: no journal, no widget, only the bridge."""

    def __init__(
        self, plan: ExportPlan, fmt: ExportFormat, path: Path, bridge: _ExportBridge
    ) -> None:
        super().__init__()
        self._plan, self._fmt, self._path, self._bridge = plan, fmt, path, bridge

    def run(self) -> None:
        bridge = self._bridge
        try:
            # Replacing a file (read-only or not) was confirmed before the task started.
            result = write_export(
                self._plan,
                self._fmt,
                self._path,
                progress=bridge.progress.emit,
                replace_read_only=True,
            )
        except Exception as error:  # shown by the dialog: the user's as it is, a bug generic
            # RuntimeError: the dialog (and its bridge) are gone; nobody is waiting.
            with contextlib.suppress(RuntimeError):
                bridge.failed.emit(error)
            return
        with contextlib.suppress(RuntimeError):
            bridge.finished.emit(result)


class _PreviewBrowser(QTextBrowser):
    """The preview: the summary's Markdown, with a labelled box where each chart goes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart_titles: dict[str, str] = {}

    def loadResource(self, kind: int, url: QUrl) -> object:
        path = url.path()
        if kind == QTextDocument.ResourceType.ImageResource.value and path.startswith(
            f"{_PREVIEW_CHART_FOLDER}/"
        ):
            name = path.split("/", 1)[1].removesuffix(".png")
            return self._chart_box(self.chart_titles.get(name, name))
        return super().loadResource(kind, url)

    def _chart_box(self, title: str) -> QImage:
        ratio = self.devicePixelRatioF()
        size = _PREVIEW_CHART_SIZE
        image = QImage(
            round(size.width() * ratio), round(size.height() * ratio), QImage.Format.Format_ARGB32
        )
        image.setDevicePixelRatio(ratio)
        palette = self.palette()
        image.fill(palette.color(QPalette.ColorRole.AlternateBase))
        painter = QPainter(image)
        pen = QColor(palette.color(QPalette.ColorRole.Text))
        pen.setAlphaF(0.55)
        painter.setPen(pen)
        painter.drawRect(0, 0, size.width() - 1, size.height() - 1)
        painter.setFont(self.font())
        painter.drawText(
            0,
            0,
            size.width(),
            size.height(),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            texts.CHART_PLACEHOLDER.format(title=title),
        )
        painter.end()
        return image


class ExportDialog(QDialog):
    """Export the pre-session summary as PDF, Markdown or HTML.

    Signals:
        exported(object): the :class:`ExportResult` once a file is written.
    """

    exported = Signal(object)

    def __init__(
        self, journal: Journal, parent: QWidget | None = None, *, folder: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(texts.DIALOG_TITLE)
        self.setAccessibleName(texts.DIALOG_TITLE)
        self._journal = journal
        self._sessions = CoachSessions(journal)
        self._today = journal.clock().date()
        self._folder = folder if folder is not None else documents_folder()
        self._running = False
        self._result: ExportResult | None = None
        self._question_choices: dict[int, bool] = {}  # entry id -> ticked, kept per dialog
        self._planned_ok = False
        # The pool before the bridge: children are destroyed in order, so the pool waits
        # for a running export while the bridge it reports to still exists.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._bridge = _ExportBridge(self)
        self._bridge.progress.connect(self._on_progress)
        self._bridge.finished.connect(self._on_finished)
        self._bridge.failed.connect(self._on_failed)
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)

        self._last_session_day = self._read_last_session()
        self._build()
        self._set_defaults()
        self._connect()
        # The first preview right after the dialog shows (it reads the journal).
        self._preview_timer.start(0)

    # --- building -----------------------------------------------------------------------
    def _build(self) -> None:
        intro = QLabel(texts.INTRO, objectName="exportIntro")
        intro.setWordWrap(True)

        # Period
        self.since_session_radio = QRadioButton(
            texts.since_session_label(self._last_session_day), objectName="exportSinceSession"
        )
        self.since_session_radio.setAccessibleName(
            texts.plain(texts.since_session_label(self._last_session_day))
        )
        self.no_session_hint = QLabel(texts.NO_SESSION_HINT, objectName="exportNoSessionHint")
        self.no_session_hint.setWordWrap(True)
        self.no_session_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.range_radio = QRadioButton(texts.RANGE, objectName="exportRange")
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
        range_row.addWidget(QLabel(texts.RANGE_TO))
        range_row.addWidget(self.until_edit)
        range_row.addStretch(1)
        period_box = QGroupBox(texts.PERIOD_GROUP, objectName="exportPeriodGroup")
        period_layout = QVBoxLayout(period_box)
        period_layout.addWidget(self.since_session_radio)
        period_layout.addWidget(self.no_session_hint)
        period_layout.addLayout(range_row)

        # Sections, charts, private entries
        self.section_checks: dict[SummarySection, QCheckBox] = {}
        sections_box = QGroupBox(texts.SECTIONS_GROUP, objectName="exportSectionsGroup")
        grid = QGridLayout(sections_box)
        grid.setHorizontalSpacing(18)
        rows = (len(ALL_SECTIONS) + 1) // 2
        for index, section in enumerate(ALL_SECTIONS):
            check = QCheckBox(section.title, objectName=f"exportSection{_camel(section)}")
            check.setAccessibleName(section.title)
            self.section_checks[section] = check
            grid.addWidget(check, index % rows, index // rows)
        self.charts_check = QCheckBox(texts.INCLUDE_CHARTS, objectName="exportCharts")
        self.charts_check.setAccessibleName(texts.plain(texts.INCLUDE_CHARTS))
        self.charts_check.setToolTip(texts.INCLUDE_CHARTS_TOOLTIP)
        self.private_check = QCheckBox(texts.INCLUDE_PRIVATE, objectName="exportPrivate")
        self.private_check.setAccessibleName(texts.plain(texts.INCLUDE_PRIVATE))
        self.private_check.setToolTip(texts.INCLUDE_PRIVATE_TOOLTIP)
        self.private_warning = QLabel(
            texts.ERROR_PREFIX + texts.PRIVATE_WARNING, objectName="exportPrivateWarning"
        )
        self.private_warning.setWordWrap(True)
        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.HLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(separator, rows, 0, 1, 2)
        grid.addWidget(self.charts_check, rows + 1, 0)
        grid.addWidget(self.private_check, rows + 1, 1)
        grid.addWidget(self.private_warning, rows + 2, 0, 1, 2)

        # Questions
        self.questions_edit = QPlainTextEdit(objectName="exportQuestions")
        self.questions_edit.setAccessibleName(texts.QUESTIONS_ACCESSIBLE_NAME)
        self.questions_edit.setPlaceholderText(texts.QUESTIONS_PLACEHOLDER)
        self.questions_edit.setTabChangesFocus(True)
        self.questions_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        questions_label = QLabel(texts.QUESTIONS_LABEL)
        questions_label.setBuddy(self.questions_edit)
        self.question_list = QListWidget(objectName="exportQuestionEntries")
        self.question_list.setAccessibleName(texts.QUESTION_ENTRIES_ACCESSIBLE_NAME)
        self.question_list.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.question_list.setUniformItemSizes(True)
        question_list_label = QLabel(texts.QUESTION_ENTRIES_LABEL)
        question_list_label.setBuddy(self.question_list)
        self.question_hint = QLabel(texts.QUESTION_HINT, objectName="exportQuestionHint")
        self.question_hint.setWordWrap(True)
        self.question_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        questions_box = QGroupBox(texts.QUESTIONS_GROUP, objectName="exportQuestionsGroup")
        questions_layout = QVBoxLayout(questions_box)
        questions_layout.addWidget(questions_label)
        questions_layout.addWidget(self.questions_edit)
        questions_layout.addWidget(question_list_label)
        questions_layout.addWidget(self.question_list)
        questions_layout.addWidget(self.question_hint)

        # Format and file
        self.format_combo = QComboBox(objectName="exportFormat")
        self.format_combo.setAccessibleName(texts.FORMAT_ACCESSIBLE_NAME)
        for fmt in ExportFormat:
            self.format_combo.addItem(fmt.label, fmt.value)
        self.path_edit = QLineEdit(objectName="exportPath")
        self.path_edit.setAccessibleName(texts.PATH_ACCESSIBLE_NAME)
        self.path_edit.setClearButtonEnabled(True)
        self.choose_button = QPushButton(texts.CHOOSE_BUTTON, objectName="exportChoose")
        self.choose_button.setAccessibleName(texts.plain(texts.CHOOSE_BUTTON).rstrip("…"))
        self.choose_button.setToolTip(texts.CHOOSE_TOOLTIP)
        self.choose_button.setAutoDefault(False)
        path_row = QHBoxLayout()
        path_row.setContentsMargins(0, 0, 0, 0)
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.choose_button)
        file_box = QGroupBox(texts.FILE_GROUP, objectName="exportFileGroup")
        file_form = QFormLayout(file_box)
        file_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        format_label = QLabel(texts.FORMAT_LABEL)
        format_label.setBuddy(self.format_combo)
        path_label = QLabel(texts.PATH_LABEL)
        path_label.setBuddy(self.path_edit)
        file_form.addRow(format_label, self.format_combo)
        file_form.addRow(path_label, path_row)

        self.inputs = QWidget(objectName="exportInputs")
        inputs_layout = QVBoxLayout(self.inputs)
        inputs_layout.setContentsMargins(0, 0, 6, 0)
        for box in (period_box, sections_box, questions_box, file_box):
            inputs_layout.addWidget(box)
        inputs_layout.addStretch(1)
        inputs_scroll = QScrollArea(objectName="exportInputsScroll")
        inputs_scroll.setWidget(self.inputs)
        inputs_scroll.setWidgetResizable(True)
        inputs_scroll.setFrameShape(QFrame.Shape.NoFrame)
        inputs_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inputs_scroll.setMinimumWidth(self.inputs.sizeHint().width() + 16)

        # Preview
        preview_label = QLabel(texts.PREVIEW_LABEL)
        font = preview_label.font()
        font.setBold(True)
        preview_label.setFont(font)
        self.charts_line = QLabel(objectName="exportChartsLine")
        self.charts_line.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.preview = _PreviewBrowser()
        self.preview.setObjectName("exportPreview")
        self.preview.setAccessibleName(texts.PREVIEW_ACCESSIBLE_NAME)
        self.preview.setOpenLinks(False)
        self.preview.setOpenExternalLinks(False)
        preview_label.setBuddy(self.preview)
        preview_pane = QWidget(objectName="exportPreviewPane")
        preview_layout = QVBoxLayout(preview_pane)
        preview_layout.setContentsMargins(6, 0, 0, 0)
        preview_layout.addWidget(preview_label)
        preview_layout.addWidget(self.charts_line)
        preview_layout.addWidget(self.preview, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="exportSplitter")
        self.splitter.addWidget(inputs_scroll)
        self.splitter.addWidget(preview_pane)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)

        # Progress, result, error
        self.progress_label = QLabel(objectName="exportProgressText")
        self.progress_bar = QProgressBar(objectName="exportProgress")
        self.progress_bar.setAccessibleName(texts.plain(texts.EXPORT_BUTTON))
        self.progress_bar.setTextVisible(False)
        self.progress_row = QWidget(objectName="exportProgressRow")
        progress_layout = QHBoxLayout(self.progress_row)
        progress_layout.setContentsMargins(0, 0, 0, 0)
        progress_layout.addWidget(self.progress_label)
        progress_layout.addWidget(self.progress_bar, 1)

        self.result_label = QLabel(objectName="exportResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = self._button(
            "exportOpen", texts.OPEN_BUTTON, texts.OPEN_TOOLTIP, self.open_file
        )
        self.show_button = self._button(
            "exportShowFolder", texts.SHOW_BUTTON, texts.SHOW_TOOLTIP, self.show_folder
        )
        self.result_row = QWidget(objectName="exportResultRow")
        result_layout = QHBoxLayout(self.result_row)
        result_layout.setContentsMargins(0, 0, 0, 0)
        result_layout.addWidget(self.result_label, 1)
        result_layout.addWidget(self.open_button)
        result_layout.addWidget(self.show_button)

        self.error_label = QLabel(objectName="exportError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # The note, always beside the button that makes the file.
        self.note_icon = QLabel(objectName="exportNoteIcon")
        self.note_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.note = QLabel(texts.NOT_ENCRYPTED, objectName="exportNotEncrypted")
        self.note.setWordWrap(True)
        self.export_button = QPushButton(
            icon("share"), texts.EXPORT_BUTTON, objectName="exportButton"
        )
        self.export_button.setAccessibleName(texts.plain(texts.EXPORT_BUTTON))
        self.export_button.setToolTip(texts.EXPORT_TOOLTIP)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.cancel_button = QPushButton(texts.CANCEL_BUTTON, objectName="exportCancel")
        self.cancel_button.setAccessibleName(texts.CANCEL_BUTTON)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.setSpacing(8)
        bottom.addWidget(self.note_icon, 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.note, 1)
        bottom.addSpacing(12)
        bottom.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignBottom)
        bottom.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignBottom)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.result_row)
        layout.addLayout(bottom)

        order: list[QWidget] = [
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
            self.preview,
            self.open_button,
            self.show_button,
            self.export_button,
            self.cancel_button,
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self._paint_notes()
        self.resize(1100, 780)

    def _date_edit(self, name: str, accessible: str) -> QDateEdit:
        edit = QDateEdit(objectName=name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        limit_to_journal_range(edit)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setMaximumDate(to_qdate(self._today))
        return edit

    def _button(self, name: str, text: str, tooltip: str, slot: object) -> QPushButton:
        button = QPushButton(text, objectName=name)
        button.setAccessibleName(texts.plain(text))
        button.setToolTip(tooltip)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _paint_notes(self) -> None:
        """Colours and the icon that follow the palette (light or dark)."""
        self.private_warning.setStyleSheet(f"color: {warning_colour(self.palette())};")
        self.error_label.setStyleSheet(f"color: {error_colour(self.palette())};")
        side = self.fontMetrics().height()
        self.note_icon.setPixmap(icon("unlock").pixmap(QSize(side, side), self.devicePixelRatioF()))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_notes()

    def _set_defaults(self) -> None:
        has_session = self._last_session_day is not None
        self.since_session_radio.setEnabled(has_session)
        self.no_session_hint.setVisible(not has_session)
        if has_session:
            assert self._last_session_day is not None
            self.since_session_radio.setChecked(True)
            since = self._last_session_day
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
        self.path_edit.setText(str(self._folder / f"{name}{ExportFormat.PDF.suffix}"))
        self.progress_row.hide()
        self.result_row.hide()
        self.error_label.hide()
        self._enable_dates()

    def _connect(self) -> None:
        self.since_session_radio.toggled.connect(self._period_mode_changed)
        self.since_edit.dateChanged.connect(self._schedule_preview)
        self.until_edit.dateChanged.connect(self._schedule_preview)
        for check in self.section_checks.values():
            check.toggled.connect(self._schedule_preview)
        self.section_checks[SummarySection.CHARTS].toggled.connect(self._enable_charts)
        self.charts_check.toggled.connect(self._schedule_preview)
        self.private_check.toggled.connect(self._private_changed)
        self.questions_edit.textChanged.connect(self._schedule_preview)
        self.question_list.itemChanged.connect(self._question_ticked)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.path_edit.textEdited.connect(self._path_edited)
        self.choose_button.clicked.connect(self._choose)

    # --- reading the journal ------------------------------------------------------------
    def _read_last_session(self) -> date | None:
        try:
            last = self._sessions.last_session()
        except USER_ERRORS:
            return None  # the preview reports a damaged journal; the range still works
        return last.held_on if last is not None else None

    def _session_period(self) -> Period:
        try:
            return self._sessions.since_last_session()
        except USER_ERRORS:
            assert self._last_session_day is not None
            return Period(self._last_session_day, self._today)

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

    def chosen_path(self) -> Path | None:
        text = self.path_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self._folder / path
        if not path.suffix:
            path = path.with_suffix(self.chosen_format().suffix)
        return path

    def is_running(self) -> bool:
        return self._running

    def last_result(self) -> ExportResult | None:
        """The last file written (``None`` until an export succeeded)."""
        return self._result

    # --- reacting -----------------------------------------------------------------------
    def _schedule_preview(self) -> None:
        self._preview_timer.start(PREVIEW_DELAY_MS)

    def _period_mode_changed(self) -> None:
        if self.since_last_session():
            period = self._session_period()
            for edit, day in ((self.since_edit, period.since), (self.until_edit, period.until)):
                if day is not None:
                    edit.blockSignals(True)
                    edit.setDate(to_qdate(day))
                    edit.blockSignals(False)
        self._enable_dates()
        self._schedule_preview()

    def _enable_dates(self) -> None:
        free = not self.since_last_session()
        self.since_edit.setEnabled(free)
        self.until_edit.setEnabled(free)

    def _enable_charts(self, on: bool) -> None:
        self.charts_check.setEnabled(on)

    def _private_changed(self, on: bool) -> None:
        self.private_warning.setVisible(on)
        self._schedule_preview()

    def _question_ticked(self, item: QListWidgetItem) -> None:
        entry_id = int(item.data(Qt.ItemDataRole.UserRole))
        self._question_choices[entry_id] = item.checkState() == Qt.CheckState.Checked
        self._schedule_preview()

    def _format_changed(self) -> None:
        fmt = self.chosen_format()
        text = self.path_edit.text().strip()
        if not text:
            return
        path = Path(text)
        known = {f.suffix for f in ExportFormat} | {".htm"}
        if path.suffix.lower() in known or not path.suffix:
            self.path_edit.setText(str(path.with_suffix(fmt.suffix)))

    def _path_edited(self, text: str) -> None:
        """A typed suffix picks the format, so the two never disagree."""
        suffix = Path(text.strip()).suffix.lower()
        aliases = {".htm": ExportFormat.HTML}
        fmt = aliases.get(suffix) or next((f for f in ExportFormat if f.suffix == suffix), None)
        if fmt is not None and fmt is not self.chosen_format():
            self.format_combo.blockSignals(True)
            self.format_combo.setCurrentIndex(self.format_combo.findData(fmt.value))
            self.format_combo.blockSignals(False)

    def _choose(self) -> None:
        current = self.chosen_path() or self._folder
        path = self.choose_path(self.chosen_format(), current)
        if path is None:
            return
        self.path_edit.setText(str(path))
        self._path_edited(str(path))
        if not path.suffix:
            self._format_changed()

    # --- the preview --------------------------------------------------------------------
    def refresh_preview(self) -> None:
        """Read the period's summary and show it as the export will say it."""
        self._preview_timer.stop()
        self._reload_questions()
        try:
            options = self.options()
            # The charts' data is read at export time: the preview shows where they go.
            plan = plan_export(self._journal, replace(options, charts=False))
        except USER_ERRORS as error:
            self._planned_ok = False
            self.preview.chart_titles = {}
            message = as_sentence(str(error))
            self.preview.setPlainText(
                message
                if isinstance(error, EmptyPeriod)
                else texts.PREVIEW_FAILED.format(message=message)
            )
            self.charts_line.clear()
            self._enable_export()
            return
        from tkg_journal.reports.markdown import to_markdown
        from tkg_journal.reports.summary_document import build_document

        summary = plan.summary
        chart_count = len(SUMMARY_CHARTS) if options.charts else 0
        links: dict[str, str] = {}
        if chart_count:
            stand_ins = tuple(self._stand_in(name) for name in SUMMARY_CHARTS)
            summary = replace(summary, charts=stand_ins)
            links = {c.name: f"{_PREVIEW_CHART_FOLDER}/{c.name}.png" for c in stand_ins}
            self.preview.chart_titles = {c.name: c.title for c in stand_ins}
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setMarkdown(to_markdown(build_document(summary), links))
        self._fit_tables()
        self.preview.verticalScrollBar().setValue(scroll)
        self.charts_line.setText(texts.charts_line(chart_count))
        self._planned_ok = True
        self._enable_export()

    def _fit_tables(self) -> None:
        """Tables as wide as the preview, their cells wrapping: Markdown tables take the
        width of their longest cell, which would scroll the whole preview sideways."""
        for frame in self.preview.document().rootFrame().childFrames():
            if isinstance(frame, QTextTable):
                table_format = frame.format()
                table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 99))
                frame.setFormat(table_format)

    @staticmethod
    def _stand_in(name: str) -> ChartImage:
        info = progress_charts.chart_info(name)
        return ChartImage(name, info.title, info.description, b"", 0, 0)

    def _reload_questions(self) -> None:
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

    def _enable_export(self) -> None:
        self.export_button.setEnabled(self._planned_ok and not self._running)

    # --- exporting ----------------------------------------------------------------------
    def export(self) -> None:
        """Plan with exactly what is chosen now, then write on a worker thread."""
        if self._running:
            return
        self._show_error("")
        path = self.chosen_path()
        if path is None:
            self._show_error(as_sentence(texts.NO_PATH))
            self.path_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if str(path) != self.path_edit.text().strip():
            self.path_edit.setText(str(path))
        if path.exists() and not self.confirm_replace(path):
            return
        self._preview_timer.stop()
        try:
            plan = plan_export(self._journal, self.options())
        except USER_ERRORS as error:
            self._show_error(as_sentence(str(error)))
            if isinstance(error, EmptyPeriod):
                self.refresh_preview()
            return
        self._set_running(True)
        self._pool.start(_ExportTask(plan, self.chosen_format(), path, self._bridge))

    def _set_running(self, running: bool) -> None:
        self._running = running
        self.inputs.setEnabled(not running)
        self.cancel_button.setEnabled(not running)
        self._enable_export()
        if running:
            self.result_row.hide()
            self.progress_bar.setRange(0, 0)  # busy until the first step is known
            self.progress_label.setText(texts.STARTING)
            self.progress_row.show()
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.progress_row.hide()
            self.unsetCursor()

    def _on_progress(self, step: int, of: int, what: str) -> None:
        self.progress_bar.setRange(0, max(of, 1))
        self.progress_bar.setValue(step)
        self.progress_label.setText(what)

    def _on_finished(self, result: ExportResult) -> None:
        self._set_running(False)
        self._result = result
        if result.charts_folder is not None:
            text = texts.SAVED_WITH_CHARTS.format(
                path=result.path, folder=result.charts_folder.name
            )
        else:
            text = texts.SAVED.format(path=result.path)
        self.result_label.setText(text)
        self.result_row.show()
        self.cancel_button.setText(texts.CLOSE_BUTTON)
        self.cancel_button.setAccessibleName(texts.CLOSE_BUTTON)
        self.open_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.exported.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        self._set_running(False)
        if isinstance(error, USER_ERRORS):
            self._show_error(as_sentence(str(error)))
        else:
            self._show_error(BUG_TEXT.format(name=type(error).__name__))
        self.path_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_error(self, message: str) -> None:
        self.error_label.setText(texts.ERROR_PREFIX + message if message else "")
        self.error_label.setVisible(bool(message))

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    # --- afterwards ---------------------------------------------------------------------
    def open_file(self) -> None:
        if self._result is not None:
            self._open(QUrl.fromLocalFile(str(self._result.path)), self._result.path.name)

    def show_folder(self) -> None:
        if self._result is not None:
            folder = self._result.path.parent
            self._open(QUrl.fromLocalFile(str(folder)), str(folder))

    def _open(self, url: QUrl, target: str) -> None:
        if not self.open_url(url):
            self._show_error(texts.OPEN_FAILED.format(target=target))

    # --- hooks tests replace ------------------------------------------------------------
    def open_url(self, url: QUrl) -> bool:
        """Hand ``url`` to the system (a viewer, a file manager)."""
        return QDesktopServices.openUrl(url)

    def choose_path(self, fmt: ExportFormat, current: Path) -> Path | None:
        """Ask where to save; ``None`` if the user cancelled."""
        filters = ";;".join(texts.FILE_FILTERS[f.value] for f in ExportFormat)
        name, _chosen = QFileDialog.getSaveFileName(
            self, texts.CHOOSE_TITLE, str(current), filters, texts.FILE_FILTERS[fmt.value]
        )
        return Path(name) if name else None

    def confirm_replace(self, path: Path) -> bool:
        """Ask before writing over an existing file typed by hand (saying so when the
        file is read-only: someone meant to keep it)."""
        question = (
            texts.REPLACE_READ_ONLY_QUESTION if is_read_only(path) else texts.REPLACE_QUESTION
        )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            texts.REPLACE_TITLE,
            question.format(name=path.name),
            parent=self,
        )
        yes = box.addButton(texts.REPLACE_CONFIRM, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        box.exec()
        return box.clickedButton() is yes

    # --- closing ------------------------------------------------------------------------
    def reject(self) -> None:
        """Esc and Cancel close only when no file is being written."""
        if self._running:
            return
        self._preview_timer.stop()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._running:
            event.ignore()
            return
        self._preview_timer.stop()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """The journal is being locked: wait for a running write (it needs no journal),
        forget every word shown, and close."""
        self._pool.waitForDone()
        self._running = False
        self.preview.clear()
        self.questions_edit.clear()
        self.question_list.clear()
        # After the clearing: emptying the questions schedules a preview, which would read
        # the journal once it is closed.
        self._preview_timer.stop()
        super().reject()


def documents_folder() -> Path:
    """The user's Documents folder (the platform's), or home when there is none."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()
