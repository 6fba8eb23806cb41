"""The Export summary dialog over a journal with known content (tests/summary_journal.py:
the last session was on 10 Nov 2026, "today" is 24 Nov 2026).

The dialog reads the journal on the GUI thread and writes on a worker: tests click Export
and wait for the result the user would see (the "Saved to" line or the error). Questions
and the system viewer go through the dialog's hooks, replaced here.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtWidgets import QApplication

from tests.helpers import entry
from tests.pdf_text import pdf_text
from tests.summary_journal import (
    LAST_SESSION,
    PRIVATE_TITLES,
    QUESTION_TITLE,
    SHARED_TITLES,
    TODAY,
    at,
    fill,
)
from tkg_journal.domain.coach_sessions import CoachSession
from tkg_journal.domain.entries import EntryKind
from tkg_journal.domain.progress import Period
from tkg_journal.domain.summary import SUMMARY_CHARTS, SummarySection
from tkg_journal.services.coach_sessions import CoachSessions
from tkg_journal.services.export import ExportFormat, plan_export
from tkg_journal.services.journal import Journal
from tkg_journal.ui.coach.export_dialog import PREVIEW_DELAY_MS, ExportDialog
from tkg_journal.ui.coach.export_preview import chart_sentences

EXPORT_TIMEOUT_MS = 60_000  # charts and a PDF on a busy two-core machine


@pytest.fixture
def known(journal: Journal) -> dict[str, int]:
    ids = fill(journal)
    journal.clock = lambda: at(24, 12)
    return ids


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def open_dialog(qtbot, journal: Journal, folder: Path) -> ExportDialog:
    dialog = ExportDialog(journal, folder=folder)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.refresh_preview()  # the first one would come from a zero timer
    return dialog


@pytest.fixture
def dialog(qtbot, journal: Journal, known: dict[str, int], out: Path) -> Iterator[ExportDialog]:
    yield open_dialog(qtbot, journal, out)


def preview(dialog: ExportDialog) -> str:
    return dialog.preview.toPlainText()


def set_format(dialog: ExportDialog, fmt: ExportFormat) -> None:
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(fmt.value))


def export_and_wait(qtbot, dialog: ExportDialog) -> None:
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=EXPORT_TIMEOUT_MS)


def test_the_default_period_is_since_the_last_session(dialog: ExportDialog) -> None:
    assert dialog.since_session_radio.isChecked()
    assert dialog.since_session_radio.isEnabled()
    assert "10 Nov 2026" in dialog.since_session_radio.text()
    assert dialog.period() == Period(LAST_SESSION, TODAY)
    # The days are shown, read only, until the user picks "From".
    assert dialog.since_edit.date() == QDate(2026, 11, 10)
    assert dialog.until_edit.date() == QDate(2026, 11, 24)
    assert not dialog.since_edit.isEnabled()
    assert dialog.no_session_hint.isHidden()
    assert "10 Nov" in preview(dialog) and "24 Nov 2026" in preview(dialog)
    assert dialog.path_edit.text() == str(dialog_folder(dialog) / "coach-summary-2026-11-24.pdf")
    assert dialog.export_button.isEnabled()
    # Tables fit the preview: it never scrolls sideways.
    assert dialog.preview.horizontalScrollBar().maximum() == 0


def test_right_after_todays_session_the_period_is_the_one_before_it(
    qtbot, journal: Journal, known: dict[str, int], out: Path
) -> None:
    CoachSessions(journal).record(CoachSession(held_on=TODAY, topics="Today's session"))
    dialog = open_dialog(qtbot, journal, out)
    assert dialog.since_session_radio.isChecked()
    # Not a one-day, empty period: since the session before today's, and it says so.
    assert dialog.period() == Period(LAST_SESSION, TODAY)
    label = dialog.since_session_radio.text().replace("&", "")
    assert label == "Since the coach session of 10 Nov 2026, up to today\u2019s"
    assert dialog.since_session_radio.accessibleName() == label
    assert dialog.since_edit.date() == QDate(2026, 11, 10)
    assert SHARED_TITLES[0] in preview(dialog)


def test_right_after_the_first_session_the_period_is_its_last_month(
    qtbot, journal: Journal, out: Path
) -> None:
    journal.add_entry(entry(title="Before the first session", occurred_at=at(20, 10),
                            share_with_coach=True))
    journal.clock = lambda: at(24, 12)
    CoachSessions(journal).record(CoachSession(held_on=TODAY, topics="The first one"))
    dialog = open_dialog(qtbot, journal, out)
    assert dialog.since_session_radio.isChecked()
    assert dialog.period() == Period(TODAY - timedelta(days=30), TODAY)
    assert dialog.since_session_radio.text().replace("&", "") == (
        "Since 25 Oct 2026: the 30 days up to today\u2019s coach session")
    assert "Before the first session" in preview(dialog)


def dialog_folder(dialog: ExportDialog) -> Path:
    return Path(dialog.path_edit.text()).parent


def test_without_a_session_the_range_is_chosen_and_the_choice_explained(
    qtbot, journal: Journal, out: Path
) -> None:
    journal.add_entry(entry(title="Something to export", occurred_at=at(20, 10)))
    journal.clock = lambda: at(24, 12)
    dialog = open_dialog(qtbot, journal, out)
    assert not dialog.since_session_radio.isEnabled()
    assert dialog.range_radio.isChecked()
    assert dialog.no_session_hint.isVisible()
    assert dialog.since_edit.isEnabled()
    assert dialog.until_edit.date() == QDate(2026, 11, 24)
    assert dialog.period().since == TODAY - timedelta(days=28)


def test_the_preview_shares_shared_entries_and_private_ones_only_when_asked(
    qtbot, dialog: ExportDialog
) -> None:
    text = preview(dialog)
    for title in SHARED_TITLES:
        assert title in text
    for title in PRIVATE_TITLES:
        assert title not in text
    assert dialog.private_warning.isHidden()

    dialog.private_check.click()
    assert dialog.private_warning.isVisible()
    assert "Private entries will be in the file" in dialog.private_warning.text()
    # The preview follows after a short pause (one read for a burst of clicks).
    qtbot.waitUntil(lambda: PRIVATE_TITLES[0] in preview(dialog))
    assert PRIVATE_TITLES[1] in preview(dialog)

    dialog.private_check.click()
    qtbot.waitUntil(lambda: PRIVATE_TITLES[0] not in preview(dialog))


def test_sections_left_out_leave_the_preview(qtbot, dialog: ExportDialog) -> None:
    feedback = SummarySection.FEEDBACK.title
    assert feedback in preview(dialog)
    dialog.section_checks[SummarySection.FEEDBACK].click()
    qtbot.waitUntil(lambda: feedback not in preview(dialog))
    assert SummarySection.FEEDBACK not in dialog.options().sections


def test_the_preview_says_how_many_charts_go_in(qtbot, dialog: ExportDialog) -> None:
    assert f"Charts: {len(SUMMARY_CHARTS)} will be included" in dialog.charts_line.text()
    dialog.charts_check.click()
    qtbot.waitUntil(lambda: "none" in dialog.charts_line.text())
    assert not dialog.options().charts
    dialog.charts_check.click()
    # Without the charts section there is nothing to draw them in.
    dialog.section_checks[SummarySection.CHARTS].click()
    assert not dialog.charts_check.isEnabled()
    qtbot.waitUntil(lambda: "none" in dialog.charts_line.text())


def test_the_preview_says_under_each_chart_what_the_file_will_say(
    qtbot, dialog: ExportDialog, journal: Journal, out: Path
) -> None:
    """The charts are drawn only when the file is written, but their sentences (numbers
    from the journal, shared with the coach) are in the preview, as in the file."""
    sentences = chart_sentences(plan_export(journal, dialog.options()).charts)
    assert sorted(sentences) == sorted(SUMMARY_CHARTS)
    assert "6 entries and 3 attempts." in sentences["activity"]
    shown = preview(dialog)
    set_format(dialog, ExportFormat.MARKDOWN)
    export_and_wait(qtbot, dialog)
    written = (out / "coach-summary-2026-11-24.md").read_text(encoding="utf-8")
    for sentence in sentences.values():
        assert sentence in shown and sentence in written
    dialog.charts_check.click()
    qtbot.waitUntil(lambda: "none" in dialog.charts_line.text())
    assert not any(sentence in preview(dialog) for sentence in sentences.values())


def test_questions_come_from_entries_tagged_question_and_free_text(
    qtbot, dialog: ExportDialog, known: dict[str, int]
) -> None:
    assert dialog.question_list.count() == 1
    item = dialog.question_list.item(0)
    assert QUESTION_TITLE in item.text()
    assert item.checkState() == Qt.CheckState.Checked
    assert dialog.options().question_entry_ids == (known["question"],)
    assert "Tag an entry" in dialog.question_hint.text()

    item.setCheckState(Qt.CheckState.Unchecked)
    assert dialog.options().question_entry_ids == ()

    qtbot.keyClicks(dialog.questions_edit, "How do I hand over the budget?")
    qtbot.waitUntil(lambda: "How do I hand over the budget?" in preview(dialog))
    # The untick is kept when the list is read again for the new preview.
    assert dialog.question_list.item(0).checkState() == Qt.CheckState.Unchecked


def test_private_question_entries_are_listed_but_not_ticked(
    qtbot, journal: Journal, known: dict[str, int], out: Path
) -> None:
    journal.add_entry(
        entry(
            kind=EntryKind.REFLECTION,
            title="A private question",
            tags=("question",),
            occurred_at=at(22, 10),
        )
    )
    dialog = open_dialog(qtbot, journal, out)
    texts = {dialog.question_list.item(i).text(): dialog.question_list.item(i) for i in range(2)}
    private = next(item for text, item in texts.items() if "A private question" in text)
    assert "private" in private.text()
    assert private.checkState() == Qt.CheckState.Unchecked
    assert "A private question" not in preview(dialog)


def test_an_empty_period_says_so_and_cannot_be_exported(qtbot, dialog: ExportDialog) -> None:
    dialog.range_radio.click()
    assert dialog.since_edit.isEnabled()
    dialog.since_edit.setDate(QDate(2026, 1, 5))
    dialog.until_edit.setDate(QDate(2026, 1, 9))
    dialog.refresh_preview()
    assert "nothing was recorded" in preview(dialog).lower()
    assert dialog.question_list.count() == 0
    assert not dialog.export_button.isEnabled()

    dialog.since_edit.setDate(QDate(2026, 11, 1))
    dialog.until_edit.setDate(QDate(2026, 11, 24))
    qtbot.waitUntil(dialog.export_button.isEnabled)
    assert dialog.period() == Period(date(2026, 11, 1), TODAY)


def test_a_period_that_ends_before_it_starts_is_explained(dialog: ExportDialog) -> None:
    dialog.range_radio.click()
    dialog.since_edit.setDate(QDate(2026, 11, 20))
    dialog.until_edit.setDate(QDate(2026, 11, 2))
    dialog.refresh_preview()
    assert "after its end" in preview(dialog)
    assert not dialog.export_button.isEnabled()


@pytest.mark.parametrize(
    ("fmt", "charts"),
    [(ExportFormat.PDF, True), (ExportFormat.MARKDOWN, True), (ExportFormat.HTML, False)],
)
def test_export_writes_the_file_off_the_gui_thread(
    qtbot, dialog: ExportDialog, out: Path, fmt: ExportFormat, charts: bool
) -> None:
    set_format(dialog, fmt)
    if not charts:
        dialog.charts_check.click()
    path = out / f"coach-summary-2026-11-24{fmt.suffix}"
    assert dialog.path_edit.text() == str(path)

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    # While it runs: the choices are locked and the dialog cannot be closed.
    assert dialog.is_running()
    assert not dialog.inputs.isEnabled()
    assert not dialog.export_button.isEnabled()
    assert not dialog.cancel_button.isEnabled()
    assert dialog.progress_row.isVisible()
    dialog.reject()
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=EXPORT_TIMEOUT_MS)

    assert dialog.error_text() == ""
    assert dialog.result_row.isVisible()
    assert dialog.result_label.text().startswith(f"Saved to {path}")
    assert dialog.cancel_button.text() == "Close"
    assert dialog.inputs.isEnabled()
    assert path.is_file()
    if fmt is ExportFormat.PDF:
        assert path.read_bytes().startswith(b"%PDF")
        text = pdf_text(path)
    else:
        text = path.read_text(encoding="utf-8")
    assert SHARED_TITLES[0] in text
    assert PRIVATE_TITLES[0] not in text
    if fmt is ExportFormat.MARKDOWN:
        folder = out / "coach-summary-2026-11-24-charts"
        pngs = sorted(p.name for p in folder.iterdir())
        assert pngs == sorted(f"{name}.png" for name in SUMMARY_CHARTS)
        assert all((folder / name).read_bytes().startswith(b"\x89PNG") for name in pngs)
        assert "coach-summary-2026-11-24-charts/hierarchy.png" in text
        assert "coach-summary-2026-11-24-charts" in dialog.result_label.text()
    if fmt is ExportFormat.HTML:
        assert text.lstrip().lower().startswith("<!doctype html")
    # Only the file (and its charts folder): no temporary file left beside it.
    assert not [p for p in out.iterdir() if p.name.startswith(".")]

    dialog.reject()
    assert not dialog.isVisible()


def test_private_entries_go_into_the_file_when_included(
    qtbot, dialog: ExportDialog, out: Path
) -> None:
    set_format(dialog, ExportFormat.MARKDOWN)
    dialog.charts_check.click()
    dialog.private_check.click()
    export_and_wait(qtbot, dialog)
    text = (out / "coach-summary-2026-11-24.md").read_text(encoding="utf-8")
    assert PRIVATE_TITLES[0] in text


@pytest.mark.parametrize("where", ["under a file", "in /proc"])
def test_an_unwritable_place_shows_the_error_and_keeps_every_choice(
    qtbot, dialog: ExportDialog, out: Path, where: str
) -> None:
    if where == "under a file":
        blocker = out / "not-a-folder"
        blocker.write_text("a file, not a folder")
        target = blocker / "summary.html"
    else:
        target = Path("/proc/tkg-journal-export/summary.html")
    set_format(dialog, ExportFormat.HTML)
    dialog.charts_check.click()
    dialog.private_check.click()
    dialog.path_edit.setText(str(target))
    qtbot.keyClicks(dialog.questions_edit, "Kept question")

    export_and_wait(qtbot, dialog)

    assert "Could not save" in dialog.error_text()
    assert dialog.isVisible()
    assert dialog.result_row.isHidden()
    assert not target.exists()
    assert sorted(p.name for p in out.iterdir()) == (
        ["not-a-folder"] if where == "under a file" else []
    )
    # Everything chosen is still there, ready for another try.
    assert dialog.path_edit.text() == str(target)
    assert dialog.chosen_format() is ExportFormat.HTML
    assert dialog.private_check.isChecked()
    assert not dialog.charts_check.isChecked()
    assert dialog.questions_edit.toPlainText() == "Kept question"
    assert dialog.inputs.isEnabled() and dialog.export_button.isEnabled()

    # A writable place works at once, and the error goes away.
    dialog.path_edit.setText(str(out / "summary.html"))
    export_and_wait(qtbot, dialog)
    assert dialog.error_text() == ""
    assert (out / "summary.html").is_file()


def test_open_and_show_in_folder_hand_the_right_urls_to_the_system(
    qtbot, dialog: ExportDialog, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(dialog, "open_url", lambda url: opened.append(url) or True)
    set_format(dialog, ExportFormat.HTML)
    dialog.charts_check.click()
    assert not dialog.open_button.isVisible()
    export_and_wait(qtbot, dialog)
    path = out / "coach-summary-2026-11-24.html"

    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(path)), QUrl.fromLocalFile(str(out))]
    assert all(url.isLocalFile() for url in opened)


def test_a_viewer_that_cannot_open_the_file_is_reported(
    qtbot, dialog: ExportDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialog, "open_url", lambda _url: False)
    set_format(dialog, ExportFormat.HTML)
    dialog.charts_check.click()
    export_and_wait(qtbot, dialog)
    dialog.open_button.click()
    assert "could not open" in dialog.error_text()


def test_the_file_name_follows_the_format_and_the_format_follows_the_name(
    qtbot, dialog: ExportDialog, out: Path
) -> None:
    set_format(dialog, ExportFormat.MARKDOWN)
    assert dialog.path_edit.text() == str(out / "coach-summary-2026-11-24.md")
    set_format(dialog, ExportFormat.HTML)
    assert dialog.path_edit.text() == str(out / "coach-summary-2026-11-24.html")

    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(out / "for-sam.pdf"))
    assert dialog.chosen_format() is ExportFormat.PDF
    # No suffix typed: the format's is added.
    dialog.path_edit.setText(str(out / "for-sam"))
    assert dialog.chosen_path() == out / "for-sam.pdf"


def test_choose_puts_the_chosen_file_and_its_format_in_the_dialog(
    dialog: ExportDialog, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[ExportFormat, Path]] = []

    def choose(fmt: ExportFormat, current: Path) -> Path:
        asked.append((fmt, current))
        return out / "chosen.md"

    monkeypatch.setattr(dialog, "choose_path", choose)
    dialog.choose_button.click()
    assert asked == [(ExportFormat.PDF, out / "coach-summary-2026-11-24.pdf")]
    assert dialog.path_edit.text() == str(out / "chosen.md")
    assert dialog.chosen_format() is ExportFormat.MARKDOWN

    monkeypatch.setattr(dialog, "choose_path", lambda _fmt, _current: None)
    dialog.choose_button.click()
    assert dialog.path_edit.text() == str(out / "chosen.md")


def test_an_existing_file_is_replaced_only_when_the_user_agrees(
    qtbot, dialog: ExportDialog, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = out / "coach-summary-2026-11-24.html"
    path.write_text("the old summary")
    set_format(dialog, ExportFormat.HTML)
    dialog.charts_check.click()
    answers = [False, True]
    asked: list[Path] = []

    def confirm(target: Path) -> bool:
        asked.append(target)
        return answers.pop(0)

    monkeypatch.setattr(dialog, "confirm_replace", confirm)
    dialog.export_button.click()
    assert not dialog.is_running()
    assert path.read_text() == "the old summary"
    export_and_wait(qtbot, dialog)
    assert asked == [path, path]
    assert SHARED_TITLES[0] in path.read_text(encoding="utf-8")


def test_a_read_only_file_is_named_so_and_replaced_only_when_the_user_agrees(
    qtbot, dialog: ExportDialog, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    path = out / "coach-summary-2026-11-24.html"
    path.write_text("the old summary")
    path.chmod(0o444)
    set_format(dialog, ExportFormat.HTML)
    dialog.charts_check.click()
    questions: list[str] = []
    agree = [False, True]

    def answer(box: QMessageBox) -> int:
        questions.append(box.text())
        if agree.pop(0):
            next(b for b in box.buttons() if b.text().replace("&", "") == "Replace").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    dialog.export_button.click()
    assert not dialog.is_running()
    assert path.read_text() == "the old summary"
    export_and_wait(qtbot, dialog)
    assert dialog.error_text() == ""
    assert len(questions) == 2
    assert all("is read-only" in question for question in questions)
    assert SHARED_TITLES[0] in path.read_text(encoding="utf-8")


def test_enter_exports_and_escape_closes(qtbot, dialog: ExportDialog, out: Path) -> None:
    set_format(dialog, ExportFormat.HTML)
    dialog.charts_check.click()
    dialog.path_edit.setFocus()
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    assert dialog.is_running()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=EXPORT_TIMEOUT_MS)
    assert (out / "coach-summary-2026-11-24.html").is_file()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_every_control_has_a_name_for_tests_and_screen_readers(dialog: ExportDialog) -> None:
    for widget in (
        dialog.since_session_radio,
        dialog.range_radio,
        dialog.since_edit,
        dialog.until_edit,
        *dialog.section_checks.values(),
        dialog.charts_check,
        dialog.private_check,
        dialog.questions_edit,
        dialog.question_list,
        dialog.format_combo,
        dialog.path_edit,
        dialog.choose_button,
        dialog.preview,
        dialog.open_button,
        dialog.show_button,
        dialog.export_button,
        dialog.cancel_button,
    ):
        assert widget.objectName(), widget
        assert widget.accessibleName(), widget.objectName()
    assert "not encrypted" in dialog.note.text()
    assert dialog.note.isVisible()


def test_locking_closes_the_dialog_and_forgets_what_it_showed(
    qtbot, dialog: ExportDialog, journal: Journal
) -> None:
    qtbot.keyClicks(dialog.questions_edit, "Private worry")
    assert SHARED_TITLES[0] in preview(dialog)
    dialog.close_for_lock()
    assert not dialog.isVisible()
    assert preview(dialog) == ""
    assert dialog.questions_edit.toPlainText() == ""
    assert dialog.question_list.count() == 0
    # Nothing reads the journal once it is locked (a late preview would raise on it).
    journal.close()
    qtbot.wait(PREVIEW_DELAY_MS * 2)


def test_the_chart_boxes_follow_the_preview_width(qtbot, dialog: ExportDialog) -> None:
    """However the dialog is sized, the preview never scrolls sideways for a chart box."""
    for width in (dialog.minimumWidth(), dialog.width() + 300):
        dialog.resize(width, dialog.height())
        qtbot.waitUntil(lambda: dialog.preview.horizontalScrollBar().maximum() == 0)
        assert "Self-rating" in " ".join(dialog.preview.chart_titles.values())


def test_the_dialog_opens_with_the_keyboard_on_the_period(qtbot, dialog: ExportDialog) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.since_session_radio
