"""The Progress section: every chart of ``progress_charts.CHARTS`` over a chosen range.

Top bar: the range (last 3/6/12 months, all time, or two dates), a level filter, "Rate my
levels…" (the check-in dialog) and "Save chart as…" (a menu naming each chart: there is no
doubt which one is saved). Below, one :class:`ChartPanel` per chart in a scroll area, two
columns when there is room and one when narrow.

matplotlib loads lazily: nothing here imports it (nor ``services.progress_charts``, which
does) until the section is first shown, so the app starts without it.

Threads. Building and drawing a Figure takes tens to hundreds of milliseconds, so it runs
on a worker of a one-thread pool owned by the view. The journal's SQLCipher connection is
shared and not safe for concurrent use, so the worker never touches it: it calls
``progress_charts.render`` with a stand-in for the ``Progress`` service that answers from a
snapshot of answers read on the GUI thread. When an answer is missing, the stand-in stops
the render (``_NeedData``), the GUI thread runs that one query (milliseconds: the service
aggregates in SQL) and the render starts again; a chart needs one to three rounds. Every
render request carries the view's generation: results of a request made before the range,
the level filter, the palette or the journal changed are dropped.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QCursor,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedLayout,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import Bucket, Period, bucket_for, bucket_start
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import Progress
from tkg_journal.ui.common.error_dialog import show_error
from tkg_journal.ui.common.icons import icon
from tkg_journal.ui.common.journal_dates import limit_to_journal_range
from tkg_journal.ui.common.level_badge import level_badge_icon
from tkg_journal.ui.progress import progress_texts as texts
from tkg_journal.ui.progress.checkin_dialog import CheckinDialog

if TYPE_CHECKING:
    from matplotlib.backend_bases import MouseEvent
    from matplotlib.figure import Figure

CHARTS_MODULE = "tkg_journal.services.progress_charts"
CUSTOM = "custom"
DEFAULT_RANGE_INDEX = 0  # last 3 months
# The builders design a chart for 800 x 450 px: two columns only where each gets that.
TWO_COLUMNS_FROM = 2 * 800 + 10  # px of viewport width
PANEL_ASPECT = 0.5625  # height / width of a chart panel, as the builders draw
PANEL_MIN_HEIGHT = 330
PANEL_MAX_HEIGHT = 500  # a wide window shows one chart and the start of the next
BUSY_SIZE = (72, 6)
BUSY_MARGIN = 8
CANVAS_MIN_SIZE = (260, 180)  # smaller than this and a constrained layout has no room
REFRESH_DELAY_MS = 150  # typing a date changes it per keystroke: draw once it settles
TICK_SNAP = 0.3  # a point this close to a labelled tick is read as that tick
MAX_ROUNDS = 12  # queries one render may ask for before it counts as a bug


# --- running render() off the GUI thread --------------------------------------------------
def _frozen(value: Any) -> Any:
    """A hashable stand-in for a call argument (lists of levels become tuples)."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((repr(k), _frozen(v)) for k, v in value.items()))
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


class _NeedData(BaseException):
    """Stops a render in the worker: the answer to ``method(*args, **kwargs)`` is needed
    from the GUI thread. A BaseException, so no ``except Exception`` in render swallows it."""

    def __init__(
        self, key: Any, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        super().__init__(method)
        self.key = key
        self.method = method
        self.args = args
        self.kwargs = kwargs


class _Snapshot:
    """Stands in for the ``Progress`` service inside a worker: answers every call from
    answers read on the GUI thread, and asks for a missing one with ``_NeedData``."""

    def __init__(self, answers: dict[Any, Any]) -> None:
        self._answers = answers
        self.asked: dict[str, Any] = {}  # method -> the key of its last call

    def __getattr__(self, method: str) -> Callable[..., Any]:
        if method.startswith("_"):
            raise AttributeError(method)

        def answer(*args: Any, **kwargs: Any) -> Any:
            key = (method, _frozen(args), _frozen(kwargs))
            self.asked[method] = key
            try:
                return self._answers[key]
            except KeyError:
                raise _NeedData(key, method, args, kwargs) from None

        return answer


@dataclass(frozen=True)
class _Job:
    generation: int
    name: str
    period: Period
    levels: tuple[Level, ...]
    dark: bool
    today: date
    answers: dict[Any, Any] = field(compare=False, repr=False)
    rounds: int = 0
    save_to: Path | None = None


class _Bridge(QObject):
    """Carries a worker's outcome to the GUI thread (a queued signal)."""

    finished = Signal(object, object)  # _Job, (kind, value)


# --- one chart ------------------------------------------------------------------------------
class ChartPanel(QFrame):
    """One chart: the canvas (or a line of text when there is nothing to draw), and a
    busy bar over its corner while a new figure is drawn.

    Signals:
        save_requested(str): "Save this chart as…" from the panel's context menu (the name).
    """

    save_requested = Signal(str)

    def __init__(
        self, name: str, title: str, description: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.name = name
        self.title = title
        self.setObjectName(f"chartPanel_{name}")
        self.setAccessibleName(texts.CHART_ACCESSIBLE_NAME.format(title=title))
        self.setAccessibleDescription(description)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.figure: Figure | None = None
        self.canvas: QWidget | None = None
        self.hover_text = ""
        self.bucket: Bucket | None = None  # the weeks or months of a chart drawn per bucket
        self.rendered = 0  # figures shown so far (tests wait on it)

        # The figure carries the title (and the CLI's PNGs the same one): no header here.
        # The busy bar floats over the top-right corner while a new figure is drawn.
        self.busy = QProgressBar(self, objectName=f"chartBusy_{name}")
        self.busy.setRange(0, 0)  # indeterminate
        self.busy.setTextVisible(False)
        self.busy.setFixedSize(BUSY_SIZE[0], BUSY_SIZE[1])
        self.busy.setAccessibleName(texts.DRAWING)
        self.busy.hide()
        self.message = QLabel(objectName=f"chartMessage_{name}", wordWrap=True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.body = QStackedLayout()
        self.body.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addLayout(self.body, 1)

    # --- what it shows -------------------------------------------------------------------
    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        if busy:
            self.busy.raise_()  # above a canvas added since
            if self.canvas is None:
                self.message.setText(texts.DRAWING_CHART.format(title=self.title))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.busy.move(self.width() - self.busy.width() - BUSY_MARGIN, BUSY_MARGIN)

    def is_busy(self) -> bool:
        return not self.busy.isHidden()

    def show_figure(self, figure: Figure, *, bucket: Bucket | None = None) -> None:
        """Show ``figure`` in a new canvas; the old one goes (and its figure with it)."""
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        canvas = FigureCanvasQTAgg(figure)
        canvas.setObjectName(f"chartCanvas_{self.name}")
        canvas.setAccessibleName(texts.CHART_ACCESSIBLE_NAME.format(title=self.title))
        canvas.setMinimumSize(*CANVAS_MIN_SIZE)
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # Keyboard users reach the chart through "Save chart as…"; a canvas has nothing to
        # do with focus, and would only add six silent Tab stops.
        canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        canvas.mpl_connect("motion_notify_event", self._hover)
        canvas.mpl_connect("figure_leave_event", lambda _event: self._set_hover(""))
        self._drop_canvas()
        self.canvas = canvas
        self.figure = figure
        self.bucket = bucket
        self.body.addWidget(canvas)
        self.body.setCurrentWidget(canvas)
        self.message.clear()
        self.set_busy(False)
        self.rendered += 1

    def show_message(self, text: str) -> None:
        """A line of text instead of the chart (an error, or nothing at all)."""
        self._drop_canvas()
        self.message.setText(text)
        self.body.setCurrentWidget(self.message)
        self.set_busy(False)

    def clear(self) -> None:
        """Locked: no chart, no text."""
        self.show_message("")
        self._set_hover("")

    def _drop_canvas(self) -> None:
        if self.canvas is not None:
            self.body.removeWidget(self.canvas)
            self.canvas.hide()
            self.canvas.deleteLater()
        self.canvas = None
        self.figure = None

    # --- hover ---------------------------------------------------------------------------
    def _hover(self, event: MouseEvent) -> None:
        self._set_hover(hover_text(event, self.bucket))

    def _set_hover(self, text: str) -> None:
        if text == self.hover_text:
            return
        self.hover_text = text
        if text and self.canvas is not None:
            QToolTip.showText(QCursor.pos(), text, self.canvas)
        else:
            QToolTip.hideText()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self.figure is None:
            return
        menu = QMenu(self)
        action = menu.addAction(icon("save"), texts.SAVE_THIS_CHART)
        action.triggered.connect(lambda: self.save_requested.emit(self.name))
        menu.exec(event.globalPos())


def hover_text(event: MouseEvent, bucket: Bucket | None = None) -> str:
    """What is under the mouse on a bar, line or point chart: "series · when: value".

    ``bucket``: the chart's weeks or months, so a bar says "week of 7 Sep 2026" rather
    than the day its middle happens to fall on. Axes on top (a twin's lines) come first.
    """
    figure = getattr(event.canvas, "figure", None)
    if figure is None:
        return ""
    for ax in reversed(figure.axes):
        if not ax.get_visible() or not ax.bbox.contains(event.x, event.y):
            continue
        text = _point_text(ax, event, bucket) or _bar_text(ax, event, bucket)
        if text:
            return text
    return ""


def _point_text(ax: Any, event: MouseEvent, bucket: Bucket | None) -> str:
    for line in ax.get_lines():
        if _hidden_label(line.get_label()):
            continue
        hit, info = line.contains(event)
        if hit and len(info.get("ind", ())):
            index = int(info["ind"][0])
            x, y = line.get_xdata()[index], line.get_ydata()[index]
            return _describe(ax, line.get_label(), x, y, bucket)
    from matplotlib.collections import PolyCollection

    for collection in ax.collections:
        if _hidden_label(collection.get_label()) or isinstance(collection, PolyCollection):
            continue  # a PolyCollection is a series of bars (charts/bars.py): _bar_text
        hit, info = collection.contains(event)
        if hit and len(info.get("ind", ())):
            x, y = collection.get_offsets()[int(info["ind"][0])]
            # Points may be nudged apart (the feedback chart's sentiments): name the
            # value by the tick they belong to ("+1 positive"), not by the nudge.
            tick = _nearest_tick_label(ax, float(y))
            if tick:
                series = collection.get_label()
                return texts.HOVER_AT.format(series=series, when=_when(ax, x, None), value=tick)
            return _describe(ax, collection.get_label(), x, y, None)
    return ""


def _nearest_tick_label(ax: Any, y: float) -> str:
    for tick, label in zip(ax.get_yticks(), ax.get_yticklabels(), strict=False):
        if abs(float(tick) - y) <= TICK_SNAP and label.get_text():
            return str(label.get_text())
    return ""


def _bar_text(ax: Any, event: MouseEvent, bucket: Bucket | None) -> str:
    from matplotlib.collections import PolyCollection

    from tkg_journal.charts.bars import bars_of

    for collection in ax.collections:
        if _hidden_label(collection.get_label()) or not isinstance(collection, PolyCollection):
            continue
        hit, info = collection.contains(event)
        if hit and len(info.get("ind", ())):
            bar = bars_of(collection)[int(info["ind"][0])]
            return _describe(ax, collection.get_label(), bar.centre, bar.height, bucket)
    for container in getattr(ax, "containers", ()):
        if getattr(container, "orientation", "vertical") != "vertical":
            continue
        for patch in getattr(container, "patches", ()):
            if patch.get_height() and patch.contains(event)[0]:
                middle = patch.get_x() + patch.get_width() / 2
                return _describe(ax, container.get_label(), middle, patch.get_height(), bucket)
    return ""


def _hidden_label(label: object) -> bool:
    return not isinstance(label, str) or not label or label.startswith("_")


def _describe(ax: Any, label: object, x: Any, value: Any, bucket: Bucket | None) -> str:
    from matplotlib.ticker import PercentFormatter

    series = "" if _hidden_label(label) else str(label)
    number = float(value)
    formatter = ax.yaxis.get_major_formatter()
    if isinstance(formatter, PercentFormatter):
        shown = f"{number / formatter.xmax * 100:.0f}%"
    elif number.is_integer():
        shown = f"{number:.0f}"
    else:
        shown = f"{number:.2f}".rstrip("0")
    when = _when(ax, x, bucket)
    if series and when:
        return texts.HOVER_AT.format(series=series, when=when, value=shown)
    if series or when:
        return texts.HOVER_VALUE.format(series=series or when, value=shown)
    return shown


def _when(ax: Any, x: Any, bucket: Bucket | None) -> str:
    from matplotlib import dates

    if isinstance(x, date):
        day = x
    elif isinstance(ax.xaxis.get_major_locator(), dates.DateLocator):
        try:
            day = dates.num2date(float(x)).date()
        except (TypeError, ValueError, OverflowError):
            return ""
    else:
        return ""
    if bucket is None:
        return texts.day_text(day)
    start = bucket_start(day, bucket)
    if bucket is Bucket.WEEK:
        return texts.HOVER_WEEK.format(day=texts.day_text(start))
    return f"{start:%B %Y}"


# --- the section ---------------------------------------------------------------------------
class ProgressView(QWidget):
    """Signals:
    status(str): a line for the status bar.
    error(object): one of the user's errors (or a bug) for the window to show.
    checkin_saved(object): the user rated the levels (a ``RatingCheckin``).
    """

    status = Signal(str)
    error = Signal(object)
    checkin_saved = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressView")
        self.setAccessibleName(texts.SECTION_NAME)
        self._journal: Journal | None = None
        self._progress: Progress | None = None
        self._charts: ModuleType | None = None  # progress_charts, once first shown
        self._generation = 0
        self._answers: dict[Any, Any] = {}
        self._reported = -1  # the generation whose error was reported already
        self._shown = False
        self._dark = self._palette_is_dark()
        self._columns = 0
        self._previous_months: int | None = texts.RANGE_CHOICES[DEFAULT_RANGE_INDEX][1]
        self.panels: dict[str, ChartPanel] = {}
        # Created before the bridge: children go in order, so the pool waits for a
        # running render while the bridge it reports to still exists.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._bridge = _Bridge(self)
        self._bridge.finished.connect(self._finished)
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)

        # --- top bar ---------------------------------------------------------------------
        self.range_combo = QComboBox(objectName="progressRange")
        self.range_combo.setAccessibleName(texts.RANGE_ACCESSIBLE_NAME)
        for text, months in texts.RANGE_CHOICES:
            self.range_combo.addItem(text, months)
        self.range_combo.addItem(texts.RANGE_CUSTOM, CUSTOM)
        range_label = QLabel(texts.RANGE_LABEL)
        range_label.setBuddy(self.range_combo)
        self.since_edit = self._date_edit("progressSince", texts.SINCE_ACCESSIBLE_NAME)
        self.until_edit = self._date_edit("progressUntil", texts.UNTIL_ACCESSIBLE_NAME)
        self.dash = QLabel(texts.RANGE_DASH)
        self.level_combo = QComboBox(objectName="progressLevel")
        self.level_combo.setAccessibleName(texts.LEVEL_ACCESSIBLE_NAME)
        self.level_combo.setToolTip(texts.LEVEL_TOOLTIP)
        self.level_combo.addItem(texts.LEVEL_ANY, None)
        for level in reversed(Level):  # top to bottom, as the other level filters read
            self.level_combo.addItem(level_badge_icon(level), level.label(), level)
        level_label = QLabel(texts.LEVEL_LABEL)
        level_label.setBuddy(self.level_combo)
        self.rate_button = QPushButton(
            icon("progress"), texts.RATE_BUTTON, objectName="progressRate"
        )
        self.rate_button.setAccessibleName(texts.RATE_BUTTON.replace("&", ""))
        self.rate_button.setToolTip(texts.RATE_TOOLTIP)
        self.rate_button.clicked.connect(self.rate_levels)
        self.save_menu = QMenu(self)
        self.save_menu.setObjectName("progressSaveMenu")
        self.save_button = QToolButton(objectName="progressSave")
        self.save_button.setText(texts.SAVE_BUTTON)
        self.save_button.setIcon(icon("save"))
        self.save_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.save_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.save_button.setMenu(self.save_menu)
        self.save_button.setAccessibleName(texts.SAVE_BUTTON.replace("&", ""))
        self.save_button.setToolTip(texts.SAVE_TOOLTIP)
        self.save_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(6)
        bar.addWidget(range_label)
        bar.addWidget(self.range_combo)
        bar.addWidget(self.since_edit)
        bar.addWidget(self.dash)
        bar.addWidget(self.until_edit)
        bar.addSpacing(18)
        bar.addWidget(level_label)
        bar.addWidget(self.level_combo)
        bar.addStretch(1)
        bar.addWidget(self.rate_button)
        bar.addWidget(self.save_button)
        self._show_custom(False)

        # --- charts ------------------------------------------------------------------------
        self.charts_widget = QWidget(objectName="progressCharts")
        self.grid = QGridLayout(self.charts_widget)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(10)
        self.scroll = QScrollArea(objectName="progressScroll")
        self.scroll.setAccessibleName(texts.CHARTS_ACCESSIBLE_NAME)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrow keys scroll
        self.scroll.setWidget(self.charts_widget)
        self.scroll.viewport().installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(10)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)

        self.range_combo.currentIndexChanged.connect(self._range_changed)
        self.since_edit.dateChanged.connect(self._since_changed)
        self.until_edit.dateChanged.connect(self._schedule_refresh)
        self.level_combo.currentIndexChanged.connect(self._schedule_refresh)
        QWidget.setTabOrder(self.range_combo, self.since_edit)
        QWidget.setTabOrder(self.since_edit, self.until_edit)
        QWidget.setTabOrder(self.until_edit, self.level_combo)
        QWidget.setTabOrder(self.level_combo, self.rate_button)
        QWidget.setTabOrder(self.rate_button, self.save_button)
        QWidget.setTabOrder(self.save_button, self.scroll)
        self._enable(False)

    def _date_edit(self, name: str, accessible: str) -> QDateEdit:
        edit = QDateEdit(objectName=name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        limit_to_journal_range(edit)
        edit.setDisplayFormat("d MMM yyyy")
        return edit

    # --- service ---------------------------------------------------------------------------
    def set_service(self, journal: Journal | None) -> None:
        """Show ``journal``'s progress; ``None`` (locking) empties every chart."""
        self._refresh_timer.stop()
        self._journal = journal
        self._progress = Progress(journal) if journal is not None else None
        self._generation += 1  # whatever is being drawn now belongs to the old journal
        self._answers = {}
        self._reset_controls()
        self._enable(journal is not None)
        if journal is None:
            # Charts not started yet are dropped; the one being drawn (a fraction of a
            # second) is waited for, so none is still running when the app quits.
            self._pool.clear()
            self._pool.waitForDone()
            for panel in self.panels.values():
                panel.clear()
            QToolTip.hideText()
            return
        if self._shown and self.isVisible():
            self.refresh()

    def refresh(self, *, reload: bool = True) -> None:
        """Draw every chart again for the current range and filter; ``reload=False`` keeps
        the data read for the last drawing (only the look changed: the palette)."""
        self._refresh_timer.stop()
        if self._progress is None or not self._shown:
            return
        self._ensure_panels()
        self._generation += 1
        if reload:
            self._answers = {}
        try:
            period = self.period()
        except USER_ERRORS as error:
            self.error.emit(error)
            return
        levels = self.levels()
        for name, panel in self.panels.items():
            panel.set_busy(True)
            self._submit(
                _Job(
                    self._generation, name, period, levels, self._dark, self._today(), self._answers
                )
            )

    def is_busy(self) -> bool:
        """True while some chart is still being drawn."""
        return any(panel.is_busy() for panel in self.panels.values())

    # --- the controls --------------------------------------------------------------------
    def period(self) -> Period:
        """The range the charts show, as chosen in the top bar."""
        choice = self.range_combo.currentData()
        if choice == CUSTOM:
            return Period(
                since=self.since_edit.date().toPython(), until=self.until_edit.date().toPython()
            )
        return Period.last(months=choice, today=self._today())

    def levels(self) -> tuple[Level, ...]:
        level = self.level_combo.currentData()
        return (level,) if isinstance(level, Level) else ()

    def _today(self) -> date:
        journal = self._journal
        return journal.clock().date() if journal is not None else date.today()

    def _reset_controls(self) -> None:
        widgets = (self.range_combo, self.level_combo, self.since_edit, self.until_edit)
        for widget in widgets:
            widget.blockSignals(True)
        self.range_combo.setCurrentIndex(DEFAULT_RANGE_INDEX)
        self._previous_months = self.range_combo.currentData()
        self.level_combo.setCurrentIndex(0)
        today = self._today()
        self.until_edit.setMaximumDate(QDate(today))
        self.since_edit.setMaximumDate(QDate(today))
        self.until_edit.setDate(QDate(today))
        self.since_edit.setDate(QDate(today).addMonths(-3))
        self.until_edit.setMinimumDate(self.since_edit.date())
        for widget in widgets:
            widget.blockSignals(False)
        self._show_custom(False)

    def _enable(self, enabled: bool) -> None:
        for widget in (
            self.range_combo,
            self.level_combo,
            self.since_edit,
            self.until_edit,
            self.rate_button,
            self.save_button,
        ):
            widget.setEnabled(enabled)

    def _show_custom(self, custom: bool) -> None:
        for widget in (self.since_edit, self.dash, self.until_edit):
            widget.setVisible(custom)

    def _range_changed(self) -> None:
        custom = self.range_combo.currentData() == CUSTOM
        if custom:
            # Start from the range shown so far: the user adjusts it rather than retypes it.
            period = Period.last(months=self._previous_months, today=self._today())
            for edit in (self.since_edit, self.until_edit):
                edit.blockSignals(True)
            if period.since is not None:
                self.since_edit.setDate(QDate(period.since))
            self.until_edit.setMinimumDate(self.since_edit.date())
            self.until_edit.setDate(QDate(self._today()))
            for edit in (self.since_edit, self.until_edit):
                edit.blockSignals(False)
        else:
            self._previous_months = self.range_combo.currentData()
        self._show_custom(custom)
        self._schedule_refresh()

    def _since_changed(self) -> None:
        # The range cannot run backwards: the last day follows the first.
        self.until_edit.setMinimumDate(self.since_edit.date())
        self._schedule_refresh()

    def _schedule_refresh(self) -> None:
        if self._progress is not None:
            self._refresh_timer.start()

    # --- panels -----------------------------------------------------------------------------
    def _charts_module(self) -> ModuleType:
        if self._charts is None:
            self._charts = importlib.import_module(CHARTS_MODULE)
        return self._charts

    def _ensure_panels(self) -> None:
        if self.panels:
            return
        for info in self._charts_module().CHARTS:
            panel = ChartPanel(info.name, info.title, info.description, self.charts_widget)
            panel.save_requested.connect(self.save_chart)
            self.panels[info.name] = panel
            action = QAction(info.title + "…", self.save_menu)
            action.setObjectName(f"progressSave_{info.name}")
            action.triggered.connect(lambda _checked=False, name=info.name: self.save_chart(name))
            self.save_menu.addAction(action)
        self._lay_out(force=True)

    def _lay_out(self, *, force: bool = False) -> None:
        if not self.panels:
            return
        width = self.scroll.viewport().width()
        columns = 2 if width >= TWO_COLUMNS_FROM else 1
        spacing = self.grid.horizontalSpacing()
        panel_width = (width - spacing * (columns - 1)) / columns
        height = round(min(max(panel_width * PANEL_ASPECT, PANEL_MIN_HEIGHT), PANEL_MAX_HEIGHT))
        for panel in self.panels.values():
            panel.setFixedHeight(height)
        if columns == self._columns and not force:
            return
        self._columns = columns
        for panel in self.panels.values():
            self.grid.removeWidget(panel)
        for index, panel in enumerate(self.panels.values()):
            self.grid.addWidget(panel, index // columns, index % columns)
        for column in range(2):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._lay_out()
        return super().eventFilter(watched, event)

    # --- rendering --------------------------------------------------------------------------
    def _submit(self, job: _Job) -> None:
        render = self._charts_module().render
        save = self._charts_module().save
        bridge = self._bridge

        def run() -> None:
            outcome: tuple[str, Any]
            snapshot = _Snapshot(job.answers)
            try:
                figure = render(
                    snapshot,
                    job.name,
                    period=job.period,
                    levels=job.levels,
                    dark=job.dark,
                    today=job.today,
                )
                if job.save_to is not None:
                    save(figure, job.save_to)
                    outcome = ("saved", job.save_to)
                else:
                    outcome = ("figure", (figure, snapshot.asked))
            except _NeedData as need:
                outcome = ("need", need)
            except Exception as error:  # reported on the GUI thread, as a dialog
                outcome = ("error", error)
            # RuntimeError: the view is gone and nobody waits for this chart any more.
            with contextlib.suppress(RuntimeError):
                bridge.finished.emit(job, outcome)

        self._pool.start(run)

    def _finished(self, job: _Job, outcome: tuple[str, Any]) -> None:
        kind, value = outcome
        current = job.generation == self._generation or (
            job.save_to is not None and self._progress is not None
        )
        if not current:
            return  # drawn for a range, filter or journal that is no longer shown
        panel = self.panels.get(job.name)
        if kind == "need":
            self._answer(job, value)
        elif kind == "figure" and panel is not None:
            figure, asked = value
            panel.show_figure(figure, bucket=self._bucket(job, asked))
        elif kind == "saved":
            self.setCursor(Qt.CursorShape.ArrowCursor)
            self.status.emit(texts.saved_status(str(value)))
        elif kind == "error":
            self._failed(job, value)

    @staticmethod
    def _bucket(job: _Job, asked: dict[str, Any]) -> Bucket | None:
        """The weeks or months of a chart drawn per bucket (it asked for the first day,
        as render does to choose them); None for the others."""
        key = asked.get("first_day")
        if key is None or key not in job.answers:
            return None
        return bucket_for(job.period, first_day=job.answers[key], today=job.today)

    def _answer(self, job: _Job, need: _NeedData) -> None:
        """Run one query on the GUI thread (the only thread that uses the connection)."""
        progress = self._progress
        if progress is None:
            return
        if job.rounds >= MAX_ROUNDS:
            self._failed(job, RuntimeError(f"render asked for {job.rounds} queries"))
            return
        try:
            job.answers[need.key] = getattr(progress, need.method)(*need.args, **need.kwargs)
        except Exception as error:  # the user's (a damaged file...) or a bug: both shown
            self._failed(job, error)
            return
        self._submit(replace(job, rounds=job.rounds + 1))

    def _failed(self, job: _Job, error: BaseException) -> None:
        if job.save_to is not None:
            self.unsetCursor()
            self.show_error(error)
            return
        panel = self.panels.get(job.name)
        if panel is not None:
            text = (
                texts.CHART_FAILED_DETAIL.format(message=error)
                if isinstance(error, USER_ERRORS)
                else texts.CHART_FAILED
            )
            panel.show_message(text)
        if self._reported != job.generation:
            # One report per drawing, not one dialog per chart.
            self._reported = job.generation
            self.error.emit(error)

    # --- commands ---------------------------------------------------------------------------
    def save_chart(self, name: str | None = None) -> None:
        """Ask where, then save chart ``name`` (PNG or SVG by the file's suffix) as shown."""
        if self._progress is None or not self.panels:
            return
        panel = self.panels.get(name) if name is not None else next(iter(self.panels.values()))
        if panel is None:
            return
        if panel.figure is None:
            self.show_error_text(texts.CHART_SAVE_NOTHING)
            return
        chosen = self.ask_save_path(
            texts.SAVE_DIALOG_TITLE.format(title=panel.title), f"{panel.name}.png"
        )
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix == "":
            path = path.with_suffix(".png")
        self.setCursor(Qt.CursorShape.BusyCursor)
        self._submit(
            _Job(
                self._generation,
                panel.name,
                self.period(),
                self.levels(),
                self._dark,
                self._today(),
                self._answers,
                save_to=path,
            )
        )

    def ask_save_path(self, title: str, suggested: str) -> str:
        """The file to save to, or "" if the user cancelled (tests replace this)."""
        folder = Path.home() / suggested
        chosen, _filter = QFileDialog.getSaveFileName(
            self, title, str(folder), texts.SAVE_FILTERS, texts.SAVE_PNG_FILTER
        )
        return chosen

    def rate_levels(self) -> None:
        """The check-in dialog; a saved check-in redraws the charts."""
        if self._progress is None:
            return
        dialog = CheckinDialog(self._progress, self, today=self._today())
        if self.run_dialog(dialog) and dialog.saved is not None:
            self.status.emit(texts.CHECKIN_SAVED.format(day=texts.day_text(dialog.saved.rated_on)))
            self.checkin_saved.emit(dialog.saved)
            self.refresh()

    def run_dialog(self, dialog: QDialog) -> bool:
        """Run ``dialog`` modally; True if accepted. Tests replace this to drive it."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def show_error(self, error: BaseException) -> None:
        """A failed save as a dialog (tests replace this)."""
        show_error(self, error, title=texts.SAVE_FAILED_TITLE)

    def show_error_text(self, text: str) -> None:
        QMessageBox.information(self, texts.SECTION_NAME, text)

    # --- Qt events ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if event.spontaneous():
            return  # the window came back from minimised: nothing changed here
        first = not self._shown
        self._shown = True
        if first:
            self._ensure_panels()  # the first import of matplotlib, here and not at start-up
        # Entries may have been written since the charts were drawn: draw them again.
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            dark = self._palette_is_dark()
            if dark != self._dark:
                self._dark = dark
                self.refresh(reload=False)

    def _palette_is_dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Window).lightness() < 128
