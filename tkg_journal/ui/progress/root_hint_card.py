"""One root hint as a card: the sentence, the two levels as badges, and a button that shows
the entries behind it in the journal."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from tkg_journal.domain.root_hints import RootHint
from tkg_journal.ui.common.level_badge import LevelBadge
from tkg_journal.ui.common.object_name import named
from tkg_journal.ui.progress import patterns_texts as texts


class RootHintCard(QFrame):
    """Signals:
    show_entries(object): the button was clicked (the hint, for its entry ids).
    """

    show_entries = Signal(object)

    def __init__(self, hint: RootHint, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = hint
        self.setObjectName(f"patternsHint{number}")
        self.setAccessibleName(texts.HINT_ACCESSIBLE_NAME.format(number=number))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Plain)

        levels = QHBoxLayout()
        levels.setContentsMargins(0, 0, 0, 0)
        levels.setSpacing(6)
        for words, level in (
            (texts.HINT_FRICTION, hint.friction_level),
            (texts.HINT_ROOT, hint.root_level),
        ):
            caption = QLabel(f"{words} {level.title}")
            levels.addWidget(caption)
            levels.addWidget(LevelBadge(level))
            levels.addSpacing(12)
        levels.addStretch(1)

        self.sentence = named(QLabel(hint.text), f"patternsHintText{number}")
        self.sentence.setWordWrap(True)
        self.sentence.setTextFormat(Qt.TextFormat.PlainText)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        count = len(hint.entry_ids)
        text = (
            texts.SHOW_HINT_ENTRY if count == 1 else texts.SHOW_HINT_ENTRIES.format(count=count)
        )
        self.button = named(QPushButton(text), f"patternsHintEntries{number}")
        self.button.setAccessibleName(f"{text}: {hint.text}")
        self.button.setToolTip(texts.SHOW_HINT_TOOLTIP)
        self.button.setAutoDefault(False)
        self.button.setEnabled(count > 0)
        self.button.clicked.connect(lambda: self.show_entries.emit(self.hint))

        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addStretch(1)
        bottom.addWidget(self.button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addLayout(levels)
        layout.addWidget(self.sentence)
        layout.addLayout(bottom)

    def entries_label(self) -> str:
        """What the journal says it shows after the button: "the 10 newest frictions at
        Growth"."""
        return texts.HINT_ENTRIES_LABEL.format(
            count=len(self.hint.entry_ids), level=self.hint.friction_level.title
        )
