"""Typing a new passphrase: the field, a strength meter with advice, the field to repeat it,
and why it cannot be used yet. Shared by the set-up wizard and the change-passphrase dialog.

The strength meter is a hint, not a gate: the only rule enforced is the service's
(``journal_access.check_new_passphrase``), plus the two fields matching.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QWidget,
)

from tkg_journal.services import journal_access
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.ui.common import passphrase_strength
from tkg_journal.ui.common.messages import as_sentence, error_style
from tkg_journal.ui.common.value_label import ValueLabel

# --- user-facing text ---------------------------------------------------------------------

PASSPHRASE_LABEL = "&Passphrase:"
CONFIRM_LABEL = "&Repeat it:"
SHOW_PASSPHRASE = "&Show passphrase"
STRENGTH_NAME = "Passphrase strength"
CONFIRM_HINT = "Type the passphrase again to confirm it."
MISMATCH = "The two passphrases do not match."

_STRENGTH_COLOURS = {
    passphrase_strength.StrengthLevel.WEAK: "#c0392b",
    passphrase_strength.StrengthLevel.FAIR: "#c27c0e",
    passphrase_strength.StrengthLevel.STRONG: "#1e8449",
}


class NewPassphraseForm(QWidget):
    """The new passphrase and its confirmation, rated as it is typed.

    Signals:
        changed(): either field changed; ``problem()`` may have too.
    """

    changed = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, label: str = PASSPHRASE_LABEL, indent: int = 0
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newPassphraseForm")
        self.passphrase_edit = _secret_field("passphrase", "Passphrase")
        self.confirm_edit = _secret_field("passphraseConfirm", "Repeat passphrase")
        self.show_passphrase = QCheckBox(SHOW_PASSPHRASE)
        self.show_passphrase.setObjectName("showPassphrase")
        self.show_passphrase.setAccessibleName("Show passphrase")
        self.show_passphrase.toggled.connect(self._on_show_toggled)

        self.strength_bar = QProgressBar()
        self.strength_bar.setObjectName("strengthBar")
        self.strength_bar.setAccessibleName(STRENGTH_NAME)
        self.strength_bar.setRange(0, 100)
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setFixedHeight(8)
        self.strength_label = ValueLabel("Strength")  # said with its verdict
        self.strength_label.setObjectName("strengthLabel")
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        self.strength_label.setMinimumWidth(
            max(metrics.horizontalAdvance(lv.label) for lv in passphrase_strength.StrengthLevel) + 4
        )
        self.strength_advice = QLabel()
        self.strength_advice.setObjectName("strengthAdvice")
        self.strength_advice.setWordWrap(True)
        self.problem_label = ValueLabel("Problem")
        self.problem_label.setObjectName("passphraseProblem")
        self.problem_label.setWordWrap(True)

        strength_row = QHBoxLayout()
        strength_row.addWidget(self.strength_bar, 1)
        strength_row.addWidget(self.strength_label)
        self.form = form = QFormLayout(self)  # a dialog may add rows above (and line up)
        form.setContentsMargins(indent, 0, 0, 0)
        passphrase_label = QLabel(label)
        passphrase_label.setBuddy(self.passphrase_edit)
        confirm_label = QLabel(CONFIRM_LABEL)
        confirm_label.setBuddy(self.confirm_edit)
        # Strength right under the field it rates; the mismatch under the field it is about.
        form.addRow(passphrase_label, self.passphrase_edit)
        form.addRow("", strength_row)
        form.addRow("", self.strength_advice)
        form.addRow(confirm_label, self.confirm_edit)
        form.addRow("", self.problem_label)
        form.addRow("", self.show_passphrase)

        self.passphrase_edit.textChanged.connect(self._on_changed)
        self.confirm_edit.textChanged.connect(self._on_changed)
        self._on_changed()

    def passphrase(self) -> str:
        return self.passphrase_edit.text()

    def problem(self) -> str:
        """Why the passphrase cannot be used yet ("" when it can)."""
        passphrase = self.passphrase_edit.text()
        try:
            journal_access.check_new_passphrase(passphrase)
        except USER_ERRORS as error:
            return as_sentence(str(error))
        if not self.confirm_edit.text():
            return CONFIRM_HINT
        if self.confirm_edit.text() != passphrase:
            return MISMATCH
        return ""

    def clear(self) -> None:
        self.passphrase_edit.clear()
        self.confirm_edit.clear()

    def _on_show_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase_edit.setEchoMode(mode)
        self.confirm_edit.setEchoMode(mode)

    def _on_changed(self) -> None:
        passphrase = self.passphrase_edit.text()
        strength = passphrase_strength.estimate(passphrase)
        colour = _STRENGTH_COLOURS[strength.level]
        self.strength_bar.setValue(max(strength.score, 6) if passphrase else 0)
        self.strength_bar.setStyleSheet(
            "QProgressBar { border: 1px solid palette(mid); border-radius: 4px;"
            " background: palette(base); }"
            f" QProgressBar::chunk {{ background-color: {colour}; border-radius: 3px; }}"
        )
        label = strength.level.label if passphrase else ""
        self.strength_label.setText(label)
        self.strength_label.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.strength_bar.setAccessibleDescription(f"{label}. {strength.advice}".strip(". "))
        self.strength_advice.setText(strength.advice)

        problem = self.problem() if passphrase or self.confirm_edit.text() else ""
        self.problem_label.setText(problem)
        # A hint to go on typing is not an error; only a real problem is shown in red.
        hint = problem == CONFIRM_HINT
        self.problem_label.setStyleSheet("" if hint else error_style(self.palette()))
        self.confirm_edit.setAccessibleDescription(problem)
        self.changed.emit()


def _secret_field(object_name: str, accessible_name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(object_name)
    field.setAccessibleName(accessible_name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field
