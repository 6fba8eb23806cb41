"""First-run set-up: choose how the journal is protected, keep the recovery key, start.

Nothing is written to disk until Finish ("Create journal"): the journal's keys are made
up front (``journal_access.plan_keys``: so the user can keep the whole recovery sheet, key
and block, before it protects anything) and handed to ``journal_access.create`` at the
end, which removes what it made if it fails. Cancelling at any point therefore leaves the
data folder as it was.

Creating runs off the GUI thread (Argon2id for a passphrase, and the sample data when
asked for): the wizard repaints and says "Creating your journal…" meanwhile, with its
buttons off, and cannot be cancelled half way.

The three pages are private classes of this module: they only make sense inside the
wizard, which reads their state when the user finishes.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QMessageBox,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from tkg_journal import APP_NAME
from tkg_journal.paths import JournalPaths
from tkg_journal.services import demo, journal_access
from tkg_journal.services.errors import USER_ERRORS
from tkg_journal.services.journal import Journal
from tkg_journal.ui.common.busy_indicator import BusyIndicator
from tkg_journal.ui.common.busy_work import BusyWork
from tkg_journal.ui.common.icons import app_icon
from tkg_journal.ui.common.messages import as_sentence
from tkg_journal.ui.common.window_fit import fit_to_screen
from tkg_journal.ui.keys.new_passphrase_form import NewPassphraseForm
from tkg_journal.ui.keys.recovery_key_panel import RecoveryKeyPanel

# --- user-facing text ---------------------------------------------------------------------

WINDOW_TITLE = "Set up TKG Journal"
FINISH_TEXT = "Create journal"

PROTECT_TITLE = "Protect your journal"
PROTECT_SUBTITLE = "Your journal is encrypted on this computer. Choose how its key is kept."
KEYRING_CHOICE = "Keep the key in this computer's keyring (recommended)"
KEYRING_NOTE = "The journal opens without a passphrase while you are signed in."
NO_KEYRING_NOTE = "No keyring was found on this computer, so the journal will use a passphrase."
PASSPHRASE_CHOICE = "Use a passphrase I type each time"
PASSPHRASE_NOTE = "You type it each time the journal opens. Nobody can reset it for you."

RECOVERY_TITLE = "Your recovery key"
RECOVERY_SUBTITLE = "Keep this key somewhere safe before you go on."
RECOVERY_EXPLANATION = (
    "If you forget your passphrase, or the key in this computer's keyring is lost, this "
    "recovery key is the only way into your journal; with the block under it, it opens the "
    "journal even if the journal's key file is lost. The key is not stored anywhere it can "
    "be read, so nobody can show it to you again: print or save this sheet now."
)

START_TITLE = "Start your journal"
START_SUBTITLE = "Start with an empty journal, or explore the app with made-up entries first."
START_EMPTY = "Start &empty"
START_EMPTY_NOTE = "Your journal starts with nothing in it, ready for your own writing."
START_SAMPLE = "Start with &sample data"
START_SAMPLE_NOTE = (
    "Two and a half years of made-up entries, experiments, check-ins and coach sessions, "
    "to explore what the app shows. They stay in this journal, so choose this for trying "
    "the app out."
)

CREATING = "Creating your journal\u2026"
CREATE_FAILED_TITLE = "Could not create the journal"
SAMPLE_FAILED_TITLE = "Sample data not added"
SAMPLE_FAILED = "The journal was created, but the sample data could not be added: {error}"

# --- settings -----------------------------------------------------------------------------

SAMPLE_ENTRIES = 300  # enough to fill every view; the generator spreads them over 910 days
SAMPLE_SEED = 20_240_601  # fixed, so every new sample journal tells the same story
LOGO_SIZE = 40
DEFAULT_SIZE = (560, 460)
MIN_WIDTH = 460
MIN_WIDTH_LINES = 33
MIN_HEIGHT_LINES = 28
_NOTE_STYLE = "color: palette(placeholder-text);"

PROTECT_PAGE, RECOVERY_PAGE, START_PAGE = range(3)






def _choice_indent(widget: QWidget) -> int:
    """Where a radio button's text starts, so what belongs to a choice lines up with it."""
    style = widget.style()
    return style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth) + style.pixelMetric(
        QStyle.PixelMetric.PM_RadioButtonLabelSpacing
    )


def _note(text: str, object_name: str, indent: int) -> QLabel:
    """A muted explanatory line under a choice."""
    label = QLabel(text)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet(_NOTE_STYLE)
    label.setIndent(indent)
    return label


class _ProtectPage(QWizardPage):
    """Keyring or passphrase; the passphrase must pass the service's rule and match."""

    def __init__(self, keyring_available: bool) -> None:
        super().__init__()
        self.setTitle(PROTECT_TITLE)
        self.setSubTitle(PROTECT_SUBTITLE)

        self.keyring_choice = QRadioButton(KEYRING_CHOICE)
        self.keyring_choice.setObjectName("keyringChoice")
        self.keyring_choice.setAccessibleName(KEYRING_CHOICE)
        indent = _choice_indent(self)
        self.keyring_note = _note(
            KEYRING_NOTE if keyring_available else NO_KEYRING_NOTE, "keyringNote", indent
        )
        self.passphrase_choice = QRadioButton(PASSPHRASE_CHOICE)
        self.passphrase_choice.setObjectName("passphraseChoice")
        self.passphrase_choice.setAccessibleName(PASSPHRASE_CHOICE)
        choices = QButtonGroup(self)
        choices.addButton(self.keyring_choice)
        choices.addButton(self.passphrase_choice)
        if keyring_available:
            self.keyring_choice.setChecked(True)
        else:
            self.keyring_choice.setEnabled(False)
            self.keyring_choice.setAccessibleDescription(NO_KEYRING_NOTE)
            self.passphrase_choice.setChecked(True)

        self.fields = NewPassphraseForm(indent=indent)
        # The fields by the names the page (and its tests) use.
        self.passphrase_edit = self.fields.passphrase_edit
        self.confirm_edit = self.fields.confirm_edit
        self.show_passphrase = self.fields.show_passphrase
        self.strength_bar = self.fields.strength_bar
        self.strength_label = self.fields.strength_label
        self.problem_label = self.fields.problem_label
        self.passphrase_box = self.fields
        self.passphrase_box.setObjectName("passphraseBox")

        layout = QVBoxLayout(self)
        layout.addWidget(self.keyring_choice)
        layout.addWidget(self.keyring_note)
        layout.addSpacing(8)
        layout.addWidget(self.passphrase_choice)
        layout.addWidget(_note(PASSPHRASE_NOTE, "passphraseNote", indent))
        layout.addWidget(self.passphrase_box)
        layout.addStretch(1)

        self.passphrase_choice.toggled.connect(self._on_mode_changed)
        self.fields.changed.connect(self.completeChanged)
        self._on_mode_changed()

    def uses_passphrase(self) -> bool:
        return self.passphrase_choice.isChecked()

    def passphrase(self) -> str | None:
        """The chosen passphrase, or None for keyring mode."""
        return self.passphrase_edit.text() if self.uses_passphrase() else None

    def clear_secrets(self) -> None:
        self.fields.clear()

    def problem(self) -> str:
        """Why the passphrase cannot be used yet ("" when it can)."""
        return self.fields.problem()

    def isComplete(self) -> bool:
        return not self.uses_passphrase() or not self.problem()

    def initializePage(self) -> None:
        if self.uses_passphrase():  # no keyring: the passphrase is the first thing to type
            self.passphrase_edit.setFocus()

    def _on_mode_changed(self) -> None:
        self.passphrase_box.setVisible(self.uses_passphrase())
        if self.uses_passphrase() and self.isVisible():
            self.passphrase_edit.setFocus()
        self.completeChanged.emit()


class _RecoveryKeyPage(QWizardPage):
    """Shows the key; Next waits for "I have kept my recovery key somewhere safe"."""

    def __init__(self, recovery_key: str, block_lines: list[str]) -> None:
        super().__init__()
        self.setTitle(RECOVERY_TITLE)
        self.setSubTitle(RECOVERY_SUBTITLE)
        self.panel = RecoveryKeyPanel(
            recovery_key, RECOVERY_EXPLANATION, block_lines=block_lines
        )
        self.panel.kept_changed.connect(self.completeChanged)
        self.kept_checkbox = self.panel.kept_checkbox
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)

    def isComplete(self) -> bool:
        return self.panel.is_kept()


class _StartPage(QWizardPage):
    """Empty journal (default) or one filled with sample data."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(START_TITLE)
        self.setSubTitle(START_SUBTITLE)
        self.empty_choice = QRadioButton(START_EMPTY)
        self.empty_choice.setObjectName("startEmpty")
        self.empty_choice.setAccessibleName("Start empty")
        self.empty_choice.setChecked(True)
        self.sample_choice = QRadioButton(START_SAMPLE)
        self.sample_choice.setObjectName("startWithSampleData")
        self.sample_choice.setAccessibleName("Start with sample data")
        choices = QButtonGroup(self)
        choices.addButton(self.empty_choice)
        choices.addButton(self.sample_choice)

        self.busy = BusyIndicator()

        indent = _choice_indent(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_choice)
        layout.addWidget(_note(START_EMPTY_NOTE, "startEmptyNote", indent))
        layout.addSpacing(8)
        layout.addWidget(self.sample_choice)
        layout.addWidget(_note(START_SAMPLE_NOTE, "startSampleNote", indent))
        layout.addStretch(1)
        layout.addWidget(self.busy)

    def wants_sample_data(self) -> bool:
        return self.sample_choice.isChecked()


class SetupWizard(QWizard):
    """First-run set-up; after it is accepted, ``journal`` is the open Journal.

    The caller owns the journal and closes it.

    Signals: only QWizard's own (``accepted``, ``rejected``, ``currentIdChanged``...);
    ``work.done`` says creating the journal ended (accepted, or why not shown).
    """

    def __init__(self, paths: JournalPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.setWindowTitle(WINDOW_TITLE)
        self.setWindowIcon(app_icon())
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.FinishButton, FINISH_TEXT)
        self.setPixmap(
            QWizard.WizardPixmap.LogoPixmap,
            app_icon().pixmap(QSize(LOGO_SIZE, LOGO_SIZE), self.devicePixelRatioF()),
        )
        # QWizard shows the logo in a label of its own, made when the window first shows
        # and on each page: a logo's text alternative is the name it stands for (else a
        # screen reader says only "image").
        self.currentIdChanged.connect(self._name_the_logo)
        # One minimum for all pages, in text lines so it follows the font: left alone,
        # QWizard re-computes its minimum on every page, so the window's limits jump as the
        # user goes on (and platforms that cannot pass size hints to the window warn).
        line = self.fontMetrics().lineSpacing()
        self.setMinimumSize(max(MIN_WIDTH, MIN_WIDTH_LINES * line), MIN_HEIGHT_LINES * line)
        fit_to_screen(self, self.minimumSize().expandedTo(QSize(*DEFAULT_SIZE)))
        self._paths = paths
        self._journal: Journal | None = None
        # Made once: going back and forth must not change the sheet the user kept.
        self._plan = journal_access.plan_keys()
        self._recovery_key = self._plan.recovery_key

        self.protect_page = _ProtectPage(journal_access.keyring_available())
        self.recovery_page = _RecoveryKeyPage(self._recovery_key, self._plan.block_lines())
        self.start_page = _StartPage()
        self.setPage(PROTECT_PAGE, self.protect_page)
        self.setPage(RECOVERY_PAGE, self.recovery_page)
        self.setPage(START_PAGE, self.start_page)
        self.setStartId(PROTECT_PAGE)
        buttons = [self.button(which) for which in (
            QWizard.WizardButton.BackButton, QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton)]
        self.work = BusyWork(self, self.start_page.busy, [
            self.start_page.empty_choice, self.start_page.sample_choice, *buttons])

    def _name_the_logo(self, *_args: object) -> None:
        for label in self.findChildren(QLabel):
            if not label.text() and not label.pixmap().isNull():
                label.setAccessibleName(APP_NAME)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._name_the_logo()

    @property
    def journal(self) -> Journal | None:
        """The journal created on Finish (None before that, or after Cancel)."""
        return self._journal

    @property
    def recovery_key(self) -> str:
        return self._recovery_key

    def validateCurrentPage(self) -> bool:
        # QWizard.next() skips the Next button's completeness check; the wizard must not.
        page = self.currentPage()
        if page is None or not page.isComplete() or not super().validateCurrentPage():
            return False
        if self.currentId() == START_PAGE and self._journal is None:
            # Finish waits for the journal, made off the GUI thread; once it is there,
            # _created finishes the wizard (and this check lets it).
            self._create_journal()
            return False
        return True

    def reject(self) -> None:
        if self.work.is_busy():
            return  # the journal is being written: it is there (or not) in a moment
        super().reject()

    def _create_journal(self) -> None:
        """Create (and maybe fill) the journal off the GUI thread; :meth:`_created` or
        :meth:`_create_failed` follows."""
        if self.work.is_busy():
            return
        paths, plan = self._paths, self._plan
        passphrase = self.protect_page.passphrase()
        sample = self.start_page.wants_sample_data()

        def create() -> tuple[Journal, BaseException | None]:  # no widget here
            journal = journal_access.create(paths, passphrase=passphrase, plan=plan).journal
            try:
                if sample:
                    demo.fill(journal, entries=SAMPLE_ENTRIES, seed=SAMPLE_SEED)
            except USER_ERRORS as error:
                return journal, error  # the journal works; it is only empty
            except BaseException:
                journal.close()
                raise
            return journal, None

        def close(made: tuple[Journal, BaseException | None]) -> None:
            made[0].close()

        self.work.run(CREATING, create, self._created, self._create_failed, discard=close)

    def _created(self, made: tuple[Journal, BaseException | None]) -> None:
        journal, sample_error = made
        self._journal = journal
        self.protect_page.clear_secrets()  # no reason to keep it in widgets any longer
        if sample_error is not None:
            # The journal exists and works; it is only empty. Going on beats a dead end.
            QMessageBox.warning(
                self, SAMPLE_FAILED_TITLE,
                SAMPLE_FAILED.format(error=as_sentence(str(sample_error))),
            )
        self.accept()

    def _create_failed(self, error: BaseException) -> None:
        if not isinstance(error, USER_ERRORS):
            raise error  # our bug: the app's exception hook reports it
        QMessageBox.warning(self, CREATE_FAILED_TITLE, as_sentence(str(error)))
