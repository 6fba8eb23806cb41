"""The password a PDF summary opens with, in the Export summary dialog's File group.

A hidden field with Show beside it and a strength hint under it (the same estimate as the
journal's passphrase uses: ``ui/common/passphrase_strength``). Empty means a PDF anyone
can open, as before. Markdown and HTML cannot carry a password: for them the field is
disabled and a note says so plainly, so nobody believes such a file is protected.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from tkg_journal.services.export import PdfPassword
from tkg_journal.ui.coach import export_texts as texts
from tkg_journal.ui.common import passphrase_strength
from tkg_journal.ui.common.object_name import named

#: The dynamic property that marks a field as a secret, whatever its echo mode.
SECRET_PROPERTY = "secret"


class PdfPasswordField(QWidget):
    """The PDF's password: the field, Show, the strength hint and the formats note.

    Signals:
        changed(): the password, or whether the chosen format can carry one, changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportPasswordField")
        self._applies = True

        self.edit = named(QLineEdit(), "exportPdfPassword")
        self.edit.setAccessibleName(texts.PASSWORD_ACCESSIBLE_NAME)
        self.edit.setPlaceholderText(texts.PASSWORD_PLACEHOLDER)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        # A secret even while Show has made it readable: ui/common/form_state (what a
        # lock keeps of a window's input) leaves fields with this property out.
        self.edit.setProperty(SECRET_PROPERTY, True)
        self.show_check = named(QCheckBox(texts.SHOW_PASSWORD), "exportShowPassword")
        self.show_check.setAccessibleName(texts.SHOW_PASSWORD_ACCESSIBLE_NAME)
        self.hint = named(QLabel(), "exportPasswordHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.format_note = named(QLabel(texts.NO_PASSWORD_FORMATS), "exportPasswordFormatNote")
        self.format_note.setWordWrap(True)
        self.format_note.setTextFormat(Qt.TextFormat.PlainText)
        self.format_note.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.show_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        layout.addWidget(self.format_note)

        self.edit.textChanged.connect(self._on_text)
        self.show_check.toggled.connect(self._on_show)
        self._on_text(self.edit.text())

    def set_applies(self, applies: bool) -> None:
        """Whether the chosen format can carry a password (PDF) or not (Markdown, HTML).
        What was typed is kept: choosing PDF again brings it back into use."""
        if applies == self._applies:
            return
        self._applies = applies
        self.edit.setEnabled(applies)
        self.show_check.setEnabled(applies)
        self.hint.setVisible(applies)
        self.format_note.setVisible(not applies)
        self.changed.emit()

    def applies(self) -> bool:
        return self._applies

    def password(self) -> PdfPassword | None:
        """The password to lock the file with; ``None`` for an unlocked file (nothing typed,
        or a format that cannot carry one)."""
        text = self.edit.text()
        return PdfPassword(text) if self._applies and text else None

    def clear(self) -> None:
        """Forget the password (the journal is being locked)."""
        self.edit.clear()
        self.show_check.setChecked(False)

    def focus_order(self) -> list[QWidget]:
        return [self.edit, self.show_check]

    def _on_show(self, shown: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)

    def _on_text(self, text: str) -> None:
        # A hint, not a gate: a coach's PDF needs no journal-grade passphrase, and the
        # user decides how much it matters.
        hint = passphrase_strength.estimate(text).advice if text else texts.PASSWORD_HINT_EMPTY
        self.hint.setText(hint)
        self.edit.setAccessibleDescription(hint)
        self.changed.emit()
