"""The Progress section: every chart of ``progress_charts.CHARTS`` over a chosen range,
and the patterns of that range (issue 19).

Top bar (:class:`ProgressControls`): the range, a level filter, "Rate my levels…" (the
check-in dialog) and "Save chart as…" (shown with the charts). Below, two tabs that share
that range and level: "Charts", one :class:`ChartPanel` per chart in a scroll area, two
columns when there is room and one when narrow, drawn off the GUI thread by a
:class:`ChartRenderer` (see there for how the journal stays on this thread); and
"Patterns" (:class:`PatternsPage`), computed off the GUI thread too. Only the tab on show
is brought up to date; the other is when it is next shown.

matplotlib loads lazily: nothing here imports it (nor ``services.progress_charts``, which
does) until the section is first shown, so the app starts without it.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.levels import Level
from tkg_journal.domain.progress import Bucket, Period
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.journal import Journal
from tkg_journal.services.progress import Progress
from tkg_journal.ui.common.error_dialog import show_error
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.progress import patterns_texts
from tkg_journal.ui.progress import progress_texts as texts
from tkg_journal.ui.progress.chart_hover import hover_text
from tkg_journal.ui.progress.chart_panel import ChartPanel
from tkg_journal.ui.progress.chart_renderer import ChartJob, ChartRenderer
from tkg_journal.ui.progress.checkin_dialog import CheckinDialog
from tkg_journal.ui.progress.patterns_page import PatternsPage
from tkg_journal.ui.progress.progress_controls import ProgressControls

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from tkg_journal.services.progress_charts import ChartData

__all__ = ["ProgressView", "hover_text"]  # hover_text: tests read a chart as the view does

# The builders design a chart for 800 x 450 px: two columns only where each gets that.
TWO_COLUMNS_FROM = 2 * 800 + 10  # px of viewport width
PANEL_ASPECT = 0.5625  # height / width of a chart panel, as the builders draw
PANEL_MIN_HEIGHT = 330
PANEL_MAX_HEIGHT = 500  # a wide window shows one chart and the start of the next
REFRESH_DELAY_MS = 150  # typing a date changes it per keystroke: draw once it settles


class ProgressView(QWidget):
    """Signals:
    status(str): a line for the status bar.
    error(object): one of the user's errors (or a bug) for the window to show.
    checkin_saved(object): the user rated the levels (a ``RatingCheckin``).
    show_entries_requested(list, str): entry ids for the journal to show, and what they are
        ("42 conversations with Sam"): a person or a root hint picked in Patterns.
    """

    status = Signal(str)
    error = Signal(object)
    checkin_saved = Signal(object)
    show_entries_requested = Signal(list, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressView")
        self.setAccessibleName(texts.SECTION_NAME)
        self._journal: Journal | None = None
        self._progress: Progress | None = None
        self._reported = -1  # the drawing whose error was reported already
        self._shown = False
        self._dark = self._palette_is_dark()
        self._columns = 0
        self.panels: dict[str, ChartPanel] = {}
        self._renderer = ChartRenderer(self)
        self._renderer.drawn.connect(self._drawn)
        self._renderer.saved.connect(self._saved)
        self._renderer.failed.connect(self._failed)
        self._pool = self._renderer.pool  # tests wait on it
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)

        self.controls = ProgressControls(self._today)
        self.controls.changed.connect(self._schedule_refresh)
        self.controls.rate_requested.connect(self.rate_levels)
        self.controls.save_requested.connect(self.save_chart)
        # The bar's controls by the names tests use.
        self.range_combo, self.level_combo = self.controls.range_combo, self.controls.level_combo
        self.since_edit, self.until_edit = self.controls.since_edit, self.controls.until_edit
        self.rate_button, self.save_button = self.controls.rate_button, self.controls.save_button
        self.save_menu = self.controls.save_menu

        self.charts_widget = named(QWidget(), "progressCharts")
        self.grid = QGridLayout(self.charts_widget)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(10)
        # Not "scroll": QWidget.scroll is a method.
        self.scroll_area = named(QScrollArea(), "progressScroll")
        self.scroll_area.setAccessibleName(texts.CHARTS_ACCESSIBLE_NAME)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrow keys scroll
        self.scroll_area.setWidget(self.charts_widget)
        self.scroll_area.viewport().installEventFilter(self)

        self.patterns_page = PatternsPage()
        self.patterns_page.show_entries_requested.connect(self.show_entries_requested)
        self.patterns_page.error.connect(self.error)
        # What each tab needs brought up to date when it is next shown.
        self._stale = {"charts": True, "patterns": True}
        self.tabs = named(QTabWidget(), "progressTabs")
        self.tabs.setAccessibleName(patterns_texts.TABS_ACCESSIBLE_NAME)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.scroll_area, patterns_texts.TAB_CHARTS)
        self.tabs.addTab(self.patterns_page, patterns_texts.TAB_PATTERNS)
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(10)
        layout.addWidget(self.controls)
        layout.addWidget(self.tabs, 1)
        order = [*self.controls.focus_order(), self.tabs, self.scroll_area]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self.controls.enable_controls(False)

    # --- service ---------------------------------------------------------------------------
    def set_service(self, journal: Journal | None) -> None:
        """Show ``journal``'s progress; ``None`` (locking) empties every chart."""
        self._refresh_timer.stop()
        self._journal = journal
        self._progress = Progress(journal) if journal is not None else None
        self._renderer.set_progress(self._progress)
        self.patterns_page.set_journal(journal)
        self.controls.reset()
        self.controls.enable_controls(journal is not None)
        if journal is None:
            for panel in self.panels.values():
                panel.clear()
            QToolTip.hideText()
            return
        if self._shown and self.isVisible():
            self.refresh()

    def showing_patterns(self) -> bool:
        return self.tabs.currentWidget() is self.patterns_page

    def refresh(self, *, reload: bool = True) -> None:
        """Bring the tab on show up to date with the range and filter (the other tab is
        when it is shown): draw every chart again, or compute the patterns. For the
        charts, ``reload=False`` keeps the data read for the last drawing (only the look
        changed: the palette)."""
        self._refresh_timer.stop()
        if self._progress is None or not self._shown:
            return
        if self.showing_patterns():
            self._stale["charts"] = True  # new data, or a new look: drawn when shown
            if reload or self._stale["patterns"]:
                self._refresh_patterns()
            return
        if reload:
            self._stale["patterns"] = True  # the palette alone changes nothing computed
        self._stale["charts"] = False
        self._ensure_panels()
        self._renderer.start_drawing(reload=reload)
        chosen = self._chosen_range()
        if chosen is None:
            return
        period, levels = chosen
        for name, panel in self.panels.items():
            panel.set_busy(True)
            self._renderer.draw(name, period, levels, dark=self._dark, today=self._today())

    def _refresh_patterns(self) -> None:
        self._stale["patterns"] = False
        chosen = self._chosen_range()
        if chosen is not None:
            period, levels = chosen
            self.patterns_page.refresh(period, levels[0] if levels else None)

    def _chosen_range(self) -> tuple[Period, tuple[Level, ...]] | None:
        """The period and levels the bar asks for; None (the error said) for a bad date."""
        try:
            return self.period(), self.levels()
        except USER_ERRORS as error:
            self.error.emit(error)
            return None

    def _tab_changed(self) -> None:
        patterns = self.showing_patterns()
        # "Save chart as…" names the charts: it has nothing to save from the patterns.
        self.controls.save_button.setVisible(not patterns)
        if self._stale["patterns" if patterns else "charts"]:
            self.refresh()

    def show_patterns(self) -> None:
        """Switch to the Patterns tab (it computes what the bar asks for)."""
        self.tabs.setCurrentWidget(self.patterns_page)

    def is_busy(self) -> bool:
        """True while some chart is still being drawn, or the patterns computed."""
        return self.patterns_page.is_busy() or any(
            panel.is_busy() for panel in self.panels.values()
        )

    # --- the controls --------------------------------------------------------------------
    def period(self) -> Period:
        """The range the charts show, as chosen in the top bar."""
        return self.controls.period()

    def levels(self) -> tuple[Level, ...]:
        return self.controls.levels()

    def _today(self) -> date:
        journal = self._journal
        return journal.clock().date() if journal is not None else date.today()

    def _schedule_refresh(self) -> None:
        if self._progress is not None:
            self._refresh_timer.start()

    # --- panels -----------------------------------------------------------------------------
    def _ensure_panels(self) -> None:
        if self.panels:
            return
        for info in self._renderer.charts_module().CHARTS:
            panel = ChartPanel(info.name, info.title, info.description, self.charts_widget)
            panel.save_requested.connect(self.save_chart)
            self.panels[info.name] = panel
            self.controls.add_save_action(info.name, info.title)
        self._lay_out(force=True)

    def _lay_out(self, *, force: bool = False) -> None:
        if not self.panels:
            return
        width = self.scroll_area.viewport().width()
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
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            self._lay_out()
        return super().eventFilter(watched, event)

    # --- what the renderer reports ----------------------------------------------------------
    def _drawn(
        self, name: str, figure: Figure, bucket: Bucket | None, chart: ChartData | None
    ) -> None:
        panel = self.panels.get(name)
        if panel is not None:
            panel.show_figure(figure, bucket=bucket, chart=chart)

    def _saved(self, path: str) -> None:
        self.setCursor(Qt.CursorShape.ArrowCursor)
        self.status.emit(texts.saved_status(path))

    def _failed(self, job: ChartJob, error: BaseException) -> None:
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
        self._renderer.draw(
            panel.name,
            self.period(),
            self.levels(),
            dark=self._dark,
            today=self._today(),
            save_to=path,
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
