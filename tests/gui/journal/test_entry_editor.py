"""The entry editor: templates per kind, round trips through a real journal, edits and
the ``changed`` signal, errors next to their field, and an editor left empty on lock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tkg_journal.domain.drafts import EntryDraft
from tkg_journal.domain.entries import ConversationFields, Entry, EntryKind, FeedbackFields
from tkg_journal.domain.errors import ValidationError
from tkg_journal.domain.levels import Level
from tkg_journal.services.journal import Journal
from tkg_journal.ui.common.level_button import LevelButton
from tkg_journal.ui.journal import entry_texts
from tkg_journal.ui.journal.entry_editor import EntryEditor
from tkg_journal.ui.journal.tag_edit import TagEdit

# The offscreen platform says it cannot pass size hints to a window; not our warning.
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support ")

WHEN = datetime(2026, 3, 2, 16, 45, 12, 345678, tzinfo=timezone(timedelta(hours=5, minutes=30)))

CONVERSATION_FIELDS = (
    "editorWho",
    "editorWhatHappened",
    "editorFeeling",
    "editorIntensity",
    "editorMyResponse",
    "editorImpact",
    "editorTryNext",
)
FEEDBACK_FIELDS = ("editorFeedbackSource", "editorSentiment")
COMMON_FIELDS = (
    "editorKind",
    "editorOccurredAt",
    "editorShare",
    "editorTitle",
    "editorBody",
    "editorLevel",
    "editorTags",
)


@pytest.fixture
def editor(qtbot: QtBot) -> EntryEditor:
    widget = EntryEditor()
    qtbot.addWidget(widget)
    widget.resize(440, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _field(editor: EntryEditor, name: str) -> QWidget:
    widget = editor.findChild(QWidget, name)
    assert widget is not None, name
    return widget


def _line(editor: EntryEditor, name: str) -> QLineEdit:
    widget = _field(editor, name)
    assert isinstance(widget, QLineEdit)
    return widget


def _text(editor: EntryEditor, name: str) -> QPlainTextEdit:
    widget = _field(editor, name)
    assert isinstance(widget, QPlainTextEdit)
    return widget


def _shown(editor: EntryEditor, name: str) -> bool:
    return _field(editor, name).isVisibleTo(editor)


def _choose_kind(qtbot: QtBot, editor: EntryEditor, kind: EntryKind) -> None:
    """Pick a kind the way a keyboard user does: focus the combo and press keys."""
    combo = _field(editor, "editorKind")
    assert isinstance(combo, QComboBox)
    target = combo.findData(kind.value)
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def _conversation_entry() -> Entry:
    return Entry(
        kind=EntryKind.CONVERSATION,
        occurred_at=WHEN,
        title="Roadmap pushback from Sam",
        body="Bring to coach:\nwhy do I hear challenge as an attack?\u00a0(peers)",
        level=Level.GROWTH,
        tags=("sam", "roadmap", "defensiveness"),
        share_with_coach=True,
        conversation=ConversationFields(
            who="Sam (product lead)",
            what_happened="He called the plan wishful thinking.\n\nI cut him off.",
            feeling="defensive",
            intensity=0,
            my_response="Moved to the next slide.",
            impact="Sam went quiet.",
            try_next="Pause, then ask what he sees.",
        ),
        feedback=FeedbackFields(source="left over from an earlier kind", sentiment=None),
    )


def _feedback_entry(sentiment: int | None) -> Entry:
    return Entry(
        kind=EntryKind.FEEDBACK,
        occurred_at=datetime(2025, 11, 30, 8, 5, tzinfo=UTC),
        title="Skip-level feedback",
        body="“It sounds like the decision is already made.”",
        level=None,
        tags=("feedback",),
        share_with_coach=False,
        feedback=FeedbackFields(source="an engineering manager", sentiment=sentiment),
    )


# --- templates -------------------------------------------------------------------------
@pytest.mark.parametrize("kind", list(EntryKind))
def test_each_kind_shows_its_template_and_hides_the_others(
    editor: EntryEditor, kind: EntryKind
) -> None:
    editor.new_entry(kind, WHEN)
    for name in CONVERSATION_FIELDS:
        assert _shown(editor, name) is (kind is EntryKind.CONVERSATION), name
    for name in FEEDBACK_FIELDS:
        assert _shown(editor, name) is (kind is EntryKind.FEEDBACK), name
    for name in COMMON_FIELDS:
        assert _shown(editor, name), name
    prompts = entry_texts.KIND_TEXTS[kind]
    assert _text(editor, "editorBody").placeholderText() == prompts.body_placeholder
    assert _line(editor, "editorTitle").placeholderText() == prompts.title_placeholder


def test_reflection_prompts_for_patterns(editor: EntryEditor) -> None:
    editor.new_entry(EntryKind.REFLECTION, WHEN)
    assert (
        _text(editor, "editorBody")
        .placeholderText()
        .startswith("What did I notice about how I lead this week?")
    )


def test_conversation_fields_come_in_the_coaching_order(editor: EntryEditor) -> None:
    editor.new_entry(EntryKind.CONVERSATION, WHEN)
    order = [
        "editorLevel",  # what the entry is, in one row at the top
        "editorTitle",
        *[name for name in CONVERSATION_FIELDS if name != "editorIntensity"],
        "editorBody",
    ]
    tops = [_field(editor, name).mapTo(editor, QPoint(0, 0)).y() for name in order]
    assert tops == sorted(tops)
    feeling = _field(editor, "editorFeeling")
    intensity = _field(editor, "editorIntensity")
    assert intensity.mapTo(editor, QPoint(0, 0)).x() > feeling.mapTo(editor, QPoint(0, 0)).x()


def test_switching_kind_keeps_what_was_typed(qtbot: QtBot, editor: EntryEditor) -> None:
    editor.new_entry(EntryKind.CONVERSATION, WHEN)
    qtbot.keyClicks(_line(editor, "editorWho"), "Priya")
    qtbot.keyClicks(_text(editor, "editorWhatHappened"), "She asked for the numbers")
    _choose_kind(qtbot, editor, EntryKind.FEEDBACK)
    assert not _shown(editor, "editorWho")
    qtbot.keyClicks(_line(editor, "editorFeedbackSource"), "my manager")
    _choose_kind(qtbot, editor, EntryKind.REFLECTION)
    qtbot.keyClicks(_text(editor, "editorBody"), "A pattern")

    draft = editor.draft()
    assert draft.kind is EntryKind.REFLECTION
    assert (draft.who, draft.what_happened) == ("Priya", "She asked for the numbers")
    assert draft.feedback_source == "my manager"
    assert draft.body == "A pattern"

    _choose_kind(qtbot, editor, EntryKind.CONVERSATION)
    assert _line(editor, "editorWho").text() == "Priya"
    assert _text(editor, "editorBody").toPlainText() == "A pattern"


# --- round trips -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "original",
    [
        _conversation_entry(),
        _feedback_entry(-2),
        _feedback_entry(None),
        Entry(
            kind=EntryKind.CONVERSATION,
            occurred_at=WHEN,
            title="Not rated",
            conversation=ConversationFields(who="Ana", intensity=None),
            feedback=FeedbackFields(sentiment=2),
        ),
        Entry(
            kind=EntryKind.CONVERSATION,
            occurred_at=WHEN,
            conversation=ConversationFields(who="Ana", intensity=10),
        ),
    ],
    ids=["conversation", "feedback-harsh", "feedback-unrated", "unrated", "intensity-10"],
)
def test_a_stored_entry_comes_back_unchanged(
    editor: EntryEditor, journal: Journal, original: Entry
) -> None:
    stored = journal.add_entry(original)
    editor.load(EntryDraft.from_entry(journal.get_entry(stored.id or 0)))

    draft = editor.draft()
    assert draft == EntryDraft.from_entry(stored)
    assert draft.occurred_at.utcoffset() == stored.occurred_at.utcoffset()
    assert draft.entry_id == stored.id
    assert not editor.is_modified()
    # Saving it unchanged stores the same entry.
    resaved = journal.save_entry(draft.to_entry())
    assert EntryDraft.from_entry(resaved) == EntryDraft.from_entry(stored)


def test_an_entry_comes_back_exactly_with_its_time_zone_and_microseconds(
    editor: EntryEditor,
) -> None:
    original = EntryDraft.from_entry(_conversation_entry())
    editor.load(original)
    draft = editor.draft()
    assert draft == original
    assert draft.occurred_at.tzinfo == original.occurred_at.tzinfo
    assert draft.occurred_at.microsecond == 345678
    assert draft.to_entry() == _conversation_entry()


def test_intensity_zero_and_not_rated_are_told_apart(editor: EntryEditor) -> None:
    editor.load(EntryDraft(kind=EntryKind.CONVERSATION, occurred_at=WHEN, intensity=0))
    spin = _field(editor, "editorIntensity")
    assert isinstance(spin, QSpinBox)
    assert spin.text() != entry_texts.INTENSITY_NOT_RATED
    assert editor.draft().intensity == 0
    editor.load(EntryDraft(kind=EntryKind.CONVERSATION, occurred_at=WHEN))
    assert spin.text() == entry_texts.INTENSITY_NOT_RATED
    assert editor.draft().intensity is None


def test_the_first_step_up_from_not_rated_is_one_and_zero_stays_reachable(
    qtbot: QtBot, editor: EntryEditor
) -> None:
    editor.new_entry(EntryKind.CONVERSATION, WHEN)
    spin = _field(editor, "editorIntensity")
    assert isinstance(spin, QSpinBox)
    spin.setFocus()
    assert spin.text() == entry_texts.INTENSITY_NOT_RATED
    qtbot.keyClick(spin, Qt.Key.Key_Up)  # a feeling, faint: not "0 / 10"
    assert spin.text() == "1 / 10"
    assert editor.draft().intensity == 1
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert editor.draft().intensity == 2
    for shown in ("1 / 10", "0 / 10", entry_texts.INTENSITY_NOT_RATED):
        qtbot.keyClick(spin, Qt.Key.Key_Down)  # back down: 0 on the way, then none
        assert spin.text() == shown
    assert editor.draft().intensity is None
    qtbot.keyClick(spin, Qt.Key.Key_PageUp)  # ten steps from "Not rated": the top
    assert editor.draft().intensity == 10
    spin.selectAll()
    qtbot.keyClicks(spin, "0")  # typed, 0 is kept as 0
    assert editor.draft().intensity == 0


def test_a_recovered_draft_keeps_its_id_and_unknown_fields(editor: EntryEditor) -> None:
    recovered = EntryDraft(
        kind=EntryKind.FREE,
        occurred_at=WHEN,
        entry_id=7,
        title="half-written",
        extra={"mood": "tired", "later_field": [1, 2]},
    )
    editor.load(recovered)
    assert editor.draft() == recovered


def test_the_date_is_shown_in_local_time_and_kept_in_the_entry_zone(
    qtbot: QtBot, editor: EntryEditor
) -> None:
    editor.new_entry(EntryKind.FREE, WHEN)
    date_edit = _field(editor, "editorOccurredAt")
    assert isinstance(date_edit, QAbstractSpinBox)
    shown = date_edit.dateTime().toPython()  # a naive local time
    assert shown == WHEN.astimezone().replace(tzinfo=None, microsecond=shown.microsecond)
    assert date_edit.calendarPopup()

    with qtbot.waitSignal(editor.changed):
        qtbot.keyClick(date_edit, Qt.Key.Key_Up)  # the first section: the day
    moved = editor.draft().occurred_at
    assert moved.utcoffset() == WHEN.utcoffset()
    assert moved.astimezone().date() == WHEN.astimezone().date() + timedelta(days=1)


# --- edits and the changed signal ---------------------------------------------------------
def _type(text: str) -> Callable[[QtBot, QWidget], None]:
    return lambda qtbot, widget: qtbot.keyClicks(widget, text)


def _key(key: Qt.Key) -> Callable[[QtBot, QWidget], None]:
    return lambda qtbot, widget: qtbot.keyClick(widget, key)


def _pick_growth(qtbot: QtBot, widget: QWidget) -> None:
    """Open the pyramid from the level button and click Growth: the popup closes."""
    assert isinstance(widget, LevelButton)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(widget.is_open)
    qtbot.mouseClick(widget.picker.row(Level.GROWTH), Qt.MouseButton.LeftButton)
    assert widget.level() is Level.GROWTH
    qtbot.waitUntil(lambda: not widget.is_open())


EDITS: list[tuple[str, EntryKind, Callable[[QtBot, QWidget], None]]] = [
    ("editorKind", EntryKind.FREE, _key(Qt.Key.Key_Up)),
    # Up: WHEN is the 1st in zones west of UTC-11:15, and a day section stops at 1.
    ("editorOccurredAt", EntryKind.FREE, _key(Qt.Key.Key_Up)),
    ("editorShare", EntryKind.FREE, _key(Qt.Key.Key_Space)),
    ("editorTitle", EntryKind.FREE, _type("T")),
    ("editorBody", EntryKind.FREE, _type("b")),
    ("editorLevel", EntryKind.FREE, _pick_growth),
    ("editorLevel", EntryKind.FREE, _key(Qt.Key.Key_3)),
    ("editorTags", EntryKind.FREE, _type("x")),
    ("editorWho", EntryKind.CONVERSATION, _type("w")),
    ("editorWhatHappened", EntryKind.CONVERSATION, _type("w")),
    ("editorFeeling", EntryKind.CONVERSATION, _type("f")),
    ("editorIntensity", EntryKind.CONVERSATION, _key(Qt.Key.Key_Up)),
    ("editorMyResponse", EntryKind.CONVERSATION, _type("m")),
    ("editorImpact", EntryKind.CONVERSATION, _type("i")),
    ("editorTryNext", EntryKind.CONVERSATION, _type("t")),
    ("editorFeedbackSource", EntryKind.FEEDBACK, _type("p")),
    ("editorSentiment", EntryKind.FEEDBACK, _key(Qt.Key.Key_Down)),
]


@pytest.mark.parametrize(("name", "kind", "edit"), EDITS, ids=[e[0] for e in EDITS])
def test_every_user_edit_emits_changed_and_marks_modified(
    qtbot: QtBot,
    editor: EntryEditor,
    name: str,
    kind: EntryKind,
    edit: Callable[[QtBot, QWidget], None],
) -> None:
    editor.new_entry(kind, WHEN)
    before = editor.draft()
    assert not editor.is_modified()
    with qtbot.waitSignal(editor.changed, timeout=1000):
        edit(qtbot, _field(editor, name))
    assert editor.is_modified()
    assert editor.draft() != before


def test_loading_new_and_clear_are_not_edits(qtbot: QtBot, editor: EntryEditor) -> None:
    with qtbot.assertNotEmitted(editor.changed):
        editor.load(EntryDraft.from_entry(_conversation_entry()))
        editor.new_entry(EntryKind.FEEDBACK, WHEN)
        editor.load(EntryDraft.from_entry(_feedback_entry(-2)))
        editor.clear()
    assert not editor.is_modified()
    editor.set_modified(True)
    assert editor.is_modified()
    editor.load(EntryDraft.from_entry(_feedback_entry(1)))
    assert not editor.is_modified()


def test_a_wheel_over_an_unfocused_value_does_not_change_it(
    qtbot: QtBot, editor: EntryEditor
) -> None:
    editor.new_entry(EntryKind.CONVERSATION, WHEN)
    spin = _field(editor, "editorIntensity")
    assert isinstance(spin, QSpinBox)
    _line(editor, "editorWho").setFocus()
    centre = QPointF(spin.rect().center())
    wheel = QWheelEvent(
        centre,
        QPointF(spin.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    with qtbot.assertNotEmitted(editor.changed):
        QApplication.sendEvent(spin, wheel)
    assert editor.draft().intensity is None


# --- clearing on lock --------------------------------------------------------------------
SECRETS = ("Priyanka", "confidential merger", "furious", "resign", "zebra-tag")


def test_clear_leaves_no_user_text_anywhere(qtbot: QtBot, editor: EntryEditor) -> None:
    editor.set_tag_suggestions(["zebra-tag", "resignation"])
    editor.load(
        EntryDraft(
            kind=EntryKind.CONVERSATION,
            occurred_at=WHEN,
            title="About the confidential merger",
            who="Priyanka",
            feeling="furious",
            body="I might resign",
            what_happened="x",
            my_response="x",
            impact="x",
            try_next="x",
            feedback_source="Priyanka again",
            tags=("zebra-tag",),
            level=Level.EMPOWERMENT,
            share_with_coach=True,
        )
    )
    qtbot.keyClicks(_line(editor, "editorTitle"), " furious")  # leaves an undo step
    qtbot.keyClicks(_text(editor, "editorImpact"), " resign")
    editor.show_error(ValidationError("tag", "tag 'zebra-tag resign' must be one word"))

    editor.clear()

    for line in editor.findChildren(QLineEdit):
        assert not any(secret in line.text() for secret in SECRETS), line.objectName()
        assert not line.isUndoAvailable(), line.objectName()
        if not isinstance(line.parent(), (QAbstractSpinBox, QComboBox)):
            assert line.text() == "", line.objectName()
    for text in editor.findChildren(QPlainTextEdit):
        assert text.toPlainText() == "", text.objectName()
        assert not text.document().isUndoAvailable(), text.objectName()
    for label in editor.findChildren(QLabel):
        assert not any(secret in label.text() for secret in SECRETS), label.objectName()
    draft = editor.draft()
    assert not draft.has_writing()
    assert (draft.level, draft.share_with_coach, draft.entry_id) == (None, False, None)
    # The journal's tags are gone too: nothing to complete from.
    tags = editor.findChild(TagEdit, "editorTags")
    assert tags is not None
    qtbot.keyClicks(tags, "ze")
    assert tags.tag_completer().completionCount() == 0
    assert not tags.tag_completer().popup().isVisible()


# --- errors --------------------------------------------------------------------------------
def test_an_error_shows_under_its_field_and_goes_with_the_next_edit(
    qtbot: QtBot, editor: EntryEditor
) -> None:
    editor.new_entry(EntryKind.CONVERSATION, WHEN)
    editor.activateWindow()
    editor.show_error(ValidationError("what happened", "what happened contains control characters"))
    label = editor.findChild(QLabel, "editorWhatHappenedError")
    assert label is not None and label.isVisible()
    assert "What happened contains control characters" in label.text()
    field = _text(editor, "editorWhatHappened")
    assert field.hasFocus()
    assert label.mapTo(editor, QPoint(0, 0)).y() > field.mapTo(editor, QPoint(0, 0)).y()
    assert "control characters" in field.accessibleDescription()
    assert not editor.findChild(QLabel, "editorError").isVisible()

    qtbot.keyClicks(field, "x")
    assert not label.isVisible()
    assert "control characters" not in field.accessibleDescription()


@pytest.mark.parametrize(
    ("field", "kind", "label_name", "focused"),
    [
        ("title", EntryKind.FREE, "editorTitleError", "editorTitle"),
        ("tag", EntryKind.FREE, "editorTagsError", "editorTags"),
        ("intensity", EntryKind.CONVERSATION, "editorIntensityError", "editorIntensity"),
        (
            "feedback source",
            EntryKind.FEEDBACK,
            "editorFeedbackSourceError",
            "editorFeedbackSource",
        ),
        ("sentiment", EntryKind.FEEDBACK, "editorSentimentError", "editorSentiment"),
        ("occurred_at", EntryKind.FREE, "editorOccurredAtError", "editorOccurredAt"),
        # Nothing written at all: said at the top, focus where writing starts.
        ("text", EntryKind.CONVERSATION, "editorError", "editorWho"),
        ("text", EntryKind.REFLECTION, "editorError", "editorTitle"),
        # A field the editor does not know, or one hidden by the kind: at the top.
        ("draft", EntryKind.FREE, "editorError", "editorTitle"),
        ("who", EntryKind.FEEDBACK, "editorError", "editorTitle"),
    ],
)
def test_errors_go_next_to_the_right_field(
    editor: EntryEditor, field: str, kind: EntryKind, label_name: str, focused: str
) -> None:
    editor.new_entry(kind, WHEN)
    editor.activateWindow()
    editor.show_error(ValidationError(field, "something is wrong here"))
    shown = [
        label.objectName()
        for label in editor.findChildren(QLabel)
        if label.objectName().endswith("Error") and label.isVisible()
    ]
    assert shown == [label_name]
    assert "Something is wrong here" in editor.findChild(QLabel, label_name).text()
    focus = QApplication.focusWidget()
    assert focus is not None
    assert focus is _field(editor, focused) or _field(editor, focused).isAncestorOf(focus)


def test_focus_first_field_depends_on_the_kind(editor: EntryEditor) -> None:
    editor.activateWindow()
    editor.new_entry(EntryKind.CONVERSATION, WHEN)
    editor.focus_first_field()
    assert _field(editor, "editorWho").hasFocus()
    editor.new_entry(EntryKind.COACH_NOTES, WHEN)
    editor.focus_first_field()
    assert _field(editor, "editorTitle").hasFocus()


# --- layout, keyboard and accessibility ----------------------------------------------------
def test_every_field_has_a_name_and_an_accessible_name(editor: EntryEditor) -> None:
    for name in (*COMMON_FIELDS, *CONVERSATION_FIELDS, *FEEDBACK_FIELDS):
        assert _field(editor, name).accessibleName(), name
    assert _field(editor, "editorShare").toolTip() == entry_texts.SHARE_TOOLTIP
    assert "coach-session export" in entry_texts.SHARE_TOOLTIP


def test_labels_are_buddies_with_mnemonics(editor: EntryEditor) -> None:
    editor.new_entry(EntryKind.CONVERSATION, WHEN)
    buddies = {
        label.buddy().objectName(): label.text()
        for label in editor.findChildren(QLabel)
        if label.buddy() is not None
    }
    for name in (*COMMON_FIELDS, *CONVERSATION_FIELDS, *FEEDBACK_FIELDS):
        if name == "editorShare":
            continue  # a check box carries its own mnemonic
        assert "&" in buddies[name], name
    visible = [
        label.text().lower().split("&")[1][0]
        for label in editor.findChildren(QLabel)
        if label.buddy() is not None and label.isVisibleTo(editor)
    ]
    assert len(visible) == len(set(visible)), visible  # no Alt+letter clashes


def test_tab_walks_the_form_from_top_to_bottom(editor: EntryEditor) -> None:
    editor.new_entry(EntryKind.CONVERSATION, WHEN)
    expected = [
        "editorKind",
        "editorOccurredAt",
        "editorLevel",
        "editorTags",
        "editorShare",
        "editorTitle",
        "editorWho",
        "editorWhatHappened",
        "editorFeeling",
        "editorIntensity",
        "editorMyResponse",
        "editorImpact",
        "editorTryNext",
        "editorBody",
    ]
    seen: list[str] = []
    widget = _field(editor, "editorKind")
    for _ in range(500):
        name = widget.objectName()
        if (
            name in expected
            and widget.isVisibleTo(editor)
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and name not in seen
        ):
            seen.append(name)
        widget = widget.nextInFocusChain()
    assert seen == expected
    for name in ("editorWhatHappened", "editorBody"):
        assert _text(editor, name).tabChangesFocus()  # Tab leaves a text box


def test_the_form_fits_a_narrow_pane_without_clipping(qtbot: QtBot, editor: EntryEditor) -> None:
    editor.load(EntryDraft.from_entry(_conversation_entry()))
    for width in (440, 320):
        editor.resize(width, 600)
        qtbot.wait(10)
        scroll = editor.findChild(QWidget, "editorScroll")
        assert scroll is not None
        assert not scroll.horizontalScrollBar().isVisible()  # type: ignore[attr-defined]
        date = _field(editor, "editorOccurredAt")
        assert date.width() >= date.sizeHint().width()  # the time is not cut off
        happened = _text(editor, "editorWhatHappened")
        assert not happened.verticalScrollBar().isVisible()  # grown to its three lines


def test_quick_capture_asks_four_questions_and_keeps_every_answer(qtbot: QtBot) -> None:
    """Who, what happened, the feeling and its strength, the level: nothing else shows,
    Tab goes through them in that order, and a recovered draft's other answers show."""
    editor = EntryEditor(quick=True)
    qtbot.addWidget(editor)
    editor.resize(420, 600)
    editor.show()
    qtbot.waitExposed(editor)
    editor.new_entry(EntryKind.REFLECTION, WHEN)
    assert editor.draft().kind is EntryKind.CONVERSATION
    shown = ["editorWho", "editorWhatHappened", "editorFeeling", "editorIntensity", "editorLevel"]
    for name in shown:
        assert _shown(editor, name), name
    for name in ("editorKind", "editorOccurredAt", "editorTitle", "editorTags", "editorShare",
                 "editorMyResponse", "editorImpact", "editorTryNext", "editorBody"):
        assert not _shown(editor, name), name
    tops = [_field(editor, name).mapTo(editor, QPoint(0, 0)).y() for name in shown]
    assert tops == sorted(tops)
    chain, widget = [], _field(editor, "editorWho")
    for _ in range(len(shown)):
        chain.append(widget.objectName())
        widget = widget.nextInFocusChain()
        while not (
            widget.isVisibleTo(editor)
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.objectName().startswith("editor")  # not a spin box's inner field
        ):
            widget = widget.nextInFocusChain()
    assert chain == shown
    with qtbot.waitSignal(editor.changed):
        qtbot.keyClicks(_line(editor, "editorWho"), "Sam")
    assert editor.draft().who == "Sam"
    # A draft with more in it (from the full editor) shows all of its writing.
    editor.load(EntryDraft(kind=EntryKind.CONVERSATION, occurred_at=WHEN, impact="Quiet room"))
    assert _shown(editor, "editorImpact") and not _shown(editor, "editorMyResponse")


def test_the_page_is_a_calm_column_with_a_type_hierarchy(
    qtbot: QtBot, editor: EntryEditor
) -> None:
    """On a wide window the text stops at a reading width, centred; the title is larger
    than the questions, which are bold over answers in the writing's size."""
    editor.new_entry(EntryKind.CONVERSATION, WHEN)
    editor.resize(1800, 900)
    qtbot.wait(10)
    page = _field(editor, "editorPage")
    body = _text(editor, "editorBody")
    characters = body.width() / body.fontMetrics().horizontalAdvance("abcdefghij") * 10
    assert 60 <= characters <= 95, characters  # a comfortable line, not 250 characters
    left = page.mapTo(editor, QPoint(0, 0)).x()
    right = editor.width() - (left + page.width())
    assert abs(left - right) < 40  # centred (the scroll bar takes a little on the right)
    who = _field(editor, "editorWho")
    who_label = next(label for label in editor.findChildren(QLabel) if label.buddy() is who)
    title = _line(editor, "editorTitle")
    assert title.font().pointSizeF() > 1.4 * who_label.font().pointSizeF()
    assert who_label.font().bold() and not _line(editor, "editorWho").font().bold()
    assert _line(editor, "editorWho").property("writing") is True  # the page's answer rule
    narrow = page.maximumWidth()
    editor.set_writing_points(18)
    assert body.font().pointSize() == 18 and title.font().pointSizeF() > 18
    assert page.maximumWidth() > narrow  # larger writing, a wider column: same line length
