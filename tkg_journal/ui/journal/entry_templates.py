"""The guided parts of the entry form, one per kind that has one.

A difficult conversation gets the coaching questions in their order (who, what happened,
what I felt and how strongly, my response, the impact, what I would try next); feedback
gets its source and how it landed. The editor shows the part of the kind chosen and hides
the other, which keeps its text: a draft always carries every field.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tkg_journal.domain.drafts import EntryDraft
from tkg_journal.ui.journal import entry_texts as texts
from tkg_journal.ui.journal.entry_form_fields import EntryFormFields, Lines, plain_text
from tkg_journal.ui.journal.entry_page_style import as_prompt, mark_writing
from tkg_journal.ui.journal.intensity_spin_box import IntensitySpinBox


def _template_box(box: QWidget, name: str, spacing: int) -> QVBoxLayout:
    box.setObjectName(name)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    return layout


class ConversationTemplate(QWidget):
    """The coaching questions about a difficult conversation. Signals: none (edits are
    reported through ``fields``)."""

    def __init__(
        self,
        parent: QWidget,
        fields: EntryFormFields,
        *,
        spacing: int,
        guided: Lines,
        happened: Lines,
    ) -> None:
        super().__init__(parent)
        layout = _template_box(self, "editorConversationTemplate", spacing)
        self.who = fields.new_line(self, "editorWho", texts.WHO_PLACEHOLDER)
        fields.add_field(layout, QLabel(texts.WHO_LABEL, self), self.who, ("who",))
        self.what_happened = fields.new_text(
            self, "editorWhatHappened", happened, texts.WHAT_HAPPENED_PLACEHOLDER
        )
        fields.add_field(
            layout,
            QLabel(texts.WHAT_HAPPENED_LABEL, self),
            self.what_happened,
            ("what happened",),
        )
        self.feeling, self.intensity = self._add_feeling(layout, fields)
        self.my_response = fields.new_text(
            self, "editorMyResponse", guided, texts.MY_RESPONSE_PLACEHOLDER
        )
        fields.add_field(
            layout, QLabel(texts.MY_RESPONSE_LABEL, self), self.my_response, ("my response",)
        )
        self.impact = fields.new_text(self, "editorImpact", guided, texts.IMPACT_PLACEHOLDER)
        fields.add_field(layout, QLabel(texts.IMPACT_LABEL, self), self.impact, ("impact",))
        self.try_next = fields.new_text(self, "editorTryNext", guided, texts.TRY_NEXT_PLACEHOLDER)
        fields.add_field(layout, QLabel(texts.TRY_NEXT_LABEL, self), self.try_next, ("try next",))

    def _add_feeling(
        self, layout: QVBoxLayout, fields: EntryFormFields
    ) -> tuple[QLineEdit, IntensitySpinBox]:
        """What I felt and how strongly, side by side: they are one question."""
        feeling_label = as_prompt(QLabel(texts.FEELING_LABEL, self))
        feeling = fields.new_line(self, "editorFeeling", texts.FEELING_PLACEHOLDER)
        mark_writing(feeling)
        feeling_label.setBuddy(feeling)
        feeling.setAccessibleName(texts.plain(texts.FEELING_LABEL))
        intensity_label = as_prompt(QLabel(texts.INTENSITY_LABEL, self))
        intensity = IntensitySpinBox(self)
        intensity.setObjectName("editorIntensity")
        intensity.setAccessibleName(texts.plain(texts.INTENSITY_LABEL))
        intensity.setAccessibleDescription(texts.INTENSITY_TOOLTIP)
        intensity.setToolTip(texts.INTENSITY_TOOLTIP)
        intensity.valueChanged.connect(fields.report_edit)
        intensity_label.setBuddy(intensity)
        feeling_error = fields.new_error_label(self, "editorFeelingError")
        intensity_error = fields.new_error_label(self, "editorIntensityError")
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        grid.addWidget(feeling_label, 0, 0)
        grid.addWidget(intensity_label, 0, 1)
        grid.addWidget(feeling, 1, 0)
        grid.addWidget(intensity, 1, 1)
        grid.addWidget(feeling_error, 2, 0)
        grid.addWidget(intensity_error, 2, 1)
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        fields.register_error(("feeling",), feeling, feeling_error)
        fields.register_error(("intensity",), intensity, intensity_error)
        return feeling, intensity

    def text_edits(self) -> tuple[QPlainTextEdit, ...]:
        return (self.what_happened, self.my_response, self.impact, self.try_next)

    def load(self, draft: EntryDraft) -> None:
        self.who.setText(draft.who)
        self.what_happened.setPlainText(draft.what_happened)
        self.feeling.setText(draft.feeling)
        self.intensity.set_rating(draft.intensity)
        self.my_response.setPlainText(draft.my_response)
        self.impact.setPlainText(draft.impact)
        self.try_next.setPlainText(draft.try_next)

    def into(self, draft: EntryDraft) -> EntryDraft:
        """``draft`` with this part's answers."""
        return dataclasses.replace(
            draft,
            who=self.who.text(),
            what_happened=plain_text(self.what_happened),
            feeling=self.feeling.text(),
            intensity=self.intensity.rating(),
            my_response=plain_text(self.my_response),
            impact=plain_text(self.impact),
            try_next=plain_text(self.try_next),
        )


class FeedbackTemplate(QWidget):
    """Where feedback came from and how it landed. Signals: none (edits are reported
    through ``fields``)."""

    def __init__(self, parent: QWidget, fields: EntryFormFields, *, spacing: int) -> None:
        super().__init__(parent)
        layout = _template_box(self, "editorFeedbackTemplate", spacing)
        self.source = fields.new_line(
            self, "editorFeedbackSource", texts.FEEDBACK_SOURCE_PLACEHOLDER
        )
        fields.add_field(
            layout,
            QLabel(texts.FEEDBACK_SOURCE_LABEL, self),
            self.source,
            ("feedback source", "source"),
        )
        self.sentiment = QComboBox(self)
        self.sentiment.setObjectName("editorSentiment")
        self.sentiment.setToolTip(texts.SENTIMENT_TOOLTIP)
        self.sentiment.setAccessibleDescription(texts.SENTIMENT_TOOLTIP)
        self.sentiment.addItem(texts.SENTIMENT_NOT_RATED, None)
        for value, words in texts.SENTIMENT_CHOICES:
            self.sentiment.addItem(words, value)
        self.sentiment.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.sentiment.currentIndexChanged.connect(fields.report_edit)
        fields.add_field(
            layout, QLabel(texts.SENTIMENT_LABEL, self), self.sentiment, ("sentiment",)
        )

    def load(self, draft: EntryDraft) -> None:
        self.source.setText(draft.feedback_source)
        index = self.sentiment.findData(draft.sentiment) if draft.sentiment is not None else 0
        self.sentiment.setCurrentIndex(max(index, 0))

    def into(self, draft: EntryDraft) -> EntryDraft:
        """``draft`` with this part's answers."""
        sentiment = self.sentiment.currentData()
        return dataclasses.replace(
            draft,
            feedback_source=self.source.text(),
            sentiment=sentiment if isinstance(sentiment, int) else None,
        )
