"""The main window's actions as data, and the menus and toolbars that show them.

Each :class:`ActionSpec` says what an action is called, its keys, icon and tip; the window
makes the action from it with :func:`make_action`, connecting the slot (that wiring is the
window's). :func:`build_menus` and :func:`build_toolbars` then place the actions, found by
their objectName, so a menu lists what its spec says and nothing is placed twice by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar, QSizePolicy, QToolBar, QWidget

from tkg_journal import APP_NAME
from tkg_journal.domain.entries import EntryKind
from tkg_journal.ui.backups import backup_texts
from tkg_journal.ui.common.action_keys import action_keys_first
from tkg_journal.ui.common.icons import icon
from tkg_journal.ui.common.object_name import named

Keys = str | QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    """What an action is: its objectName, text, keys, icon and tip.

    ``app_wide``: the keys work from any window of the app (a quick-capture window too).
    """

    name: str
    text: str
    keys: Keys | None = None
    icon: str | None = None
    tip: str | None = None
    app_wide: bool = False


@dataclass(frozen=True)
class Submenu:
    """A menu inside a menu."""

    title: str
    name: str
    actions: tuple[ActionSpec, ...]


# --- File ---------------------------------------------------------------------------------
NEW_ENTRY = ActionSpec(
    "actionNewEntry",
    "&New entry",
    QKeySequence.StandardKey.New,
    "new-entry",
    "Write a new difficult-conversation entry",
)
NEW_OF_KIND = tuple(
    ActionSpec(f"actionNew{kind.name.title().replace('_', '')}", kind.label, f"Ctrl+Alt+{number}")
    for number, kind in enumerate(EntryKind, start=1)
)
QUICK_CAPTURE = ActionSpec(
    "actionQuickCapture",
    "Quick &capture…",  # Q is Quit's
    "Ctrl+Shift+N",
    "quick-capture",
    "Capture a difficult conversation in a small window",
    app_wide=True,
)
SAVE = ActionSpec(
    "actionSave",
    "&Save",
    QKeySequence.StandardKey.Save,
    "save",
    "Save the entry now (it also saves itself)",
)
EXPORT_SUMMARY = ActionSpec(
    "actionExportSummary",
    "E&xport summary for my coach…",
    "Ctrl+Shift+X",
    "share",
    "Write what happened since the last coach session as one PDF, Markdown or HTML file",
)
EXPORT_JOURNAL = ActionSpec(
    "actionExportJournal",
    "Export &journal…",
    None,
    "share",
    "The whole journal as JSON, Markdown or jrnl: to keep, or to move to another app",
)
IMPORT = ActionSpec(
    "actionImport",
    "&Import…",
    None,
    None,
    "Bring in writing from Day One, Markdown notes, jrnl, or an export of this app",
)
BACK_UP_NOW = ActionSpec(
    "actionBackUpNow", backup_texts.BACK_UP_NOW, "Ctrl+B", None, backup_texts.BACK_UP_NOW_TIP
)
# No keys: replacing the journal is rare and deliberate.
RESTORE_BACKUP = ActionSpec(
    "actionRestoreBackup", backup_texts.RESTORE, None, None, backup_texts.RESTORE_TIP
)
CHANGE_PASSPHRASE = ActionSpec(
    "actionChangePassphrase",
    "Change &passphrase…",
    None,
    "key",
    "Change the passphrase that opens the journal (or use one instead of the keyring)",
)
NEW_RECOVERY_KEY = ActionSpec(
    "actionNewRecoveryKey",
    "New &recovery key…",
    None,
    "recover",
    "Replace the recovery key (the old printout no longer unlocks the key file)",
)
REENCRYPT = ActionSpec(
    "actionReencrypt",
    "Re-&encrypt journal…",
    None,
    None,
    "Give the journal a new key and a new recovery sheet (after a backup); no earlier key "
    "file or recovery sheet opens it afterwards",
)
DELETE = ActionSpec(
    "actionDelete", "&Delete entry…", "Ctrl+Shift+Delete", "delete", "Delete this entry"
)
LOCK = ActionSpec(
    "actionLock",
    "&Lock",
    "Ctrl+L",
    "lock",
    "Lock the journal: the key leaves memory",
    app_wide=True,
)
# Explicit keys: the platform's StandardKey.Quit is empty on some desktops.
QUIT = ActionSpec("actionQuit", "&Quit", "Ctrl+Q")

# --- Edit ---------------------------------------------------------------------------------
FIND = ActionSpec(
    "actionFind", "&Find…", QKeySequence.StandardKey.Find, "search", "Search the journal"
)
FOCUS_LIST = ActionSpec("actionFocusList", "Go to entry &list", "Ctrl+0")
CLEAR_FILTERS = ActionSpec(
    "actionClearFilters", "&Clear search and filters", "Ctrl+Shift+F", "clear"
)
PREFERENCES = ActionSpec("actionPreferences", "&Preferences…", "Ctrl+,", "settings")

# --- Help ---------------------------------------------------------------------------------
SHORTCUTS = ActionSpec("actionShortcuts", "&Keyboard shortcuts", "F1", "shortcuts")
ABOUT = ActionSpec("actionAbout", f"&About {APP_NAME}", icon="about")

# --- Experiments and Progress -------------------------------------------------------------
NEW_EXPERIMENT = ActionSpec(
    "actionNewExperiment",
    "New e&xperiment…",
    "Ctrl+Shift+E",
    "experiments",
    "Plan a behaviour experiment",
)
LOG_ATTEMPT = ActionSpec(
    "actionLogAttempt",
    "&Log attempt…",
    "Ctrl+Shift+A",
    "new-entry",
    "Log an attempt on an active experiment",
)
ENTRY_TO_EXPERIMENT = ActionSpec(
    "actionEntryToExperiment",
    "&Turn entry into experiment…",
    "Ctrl+E",
    None,
    "Start an experiment from the open entry",
)
DUE = ActionSpec("actionDue", "&Due and overdue", "Ctrl+D", "calendar", "What needs attention now")
FRICTION = ActionSpec(
    "actionFriction",
    "&Friction behaviours…",
    "Ctrl+Shift+B",
    "tag",
    "The behaviours that create friction, by root level",
)
RATE_LEVELS = ActionSpec(
    "actionRateLevels",
    "&Rate my levels…",
    "Ctrl+Shift+R",
    "progress",
    "Rate each level 1-10 (once a day at most)",
)

# --- View: the sections, in the order of the window's stack --------------------------------
SECTIONS = (
    ActionSpec("section_journal", "&Journal", "Ctrl+1", "journal"),
    ActionSpec("section_experiments", "&Experiments", "Ctrl+2", "experiments"),
    ActionSpec("section_progress", "&Progress", "Ctrl+3", "progress"),
    ActionSpec("section_coachSessions", "&Coach sessions", "Ctrl+4", "coach-sessions"),
)

#: The menu bar: a title and its items (``None`` is a separator).
MENUS: tuple[tuple[str, tuple[ActionSpec | Submenu | None, ...]], ...] = (
    (
        "&File",
        (
            NEW_ENTRY,
            Submenu("New entry of &kind", "menuNewOfKind", NEW_OF_KIND),
            QUICK_CAPTURE,
            None,
            SAVE,
            DELETE,
            None,
            EXPORT_SUMMARY,
            EXPORT_JOURNAL,
            IMPORT,
            None,
            BACK_UP_NOW,
            RESTORE_BACKUP,
            None,
            CHANGE_PASSPHRASE,
            NEW_RECOVERY_KEY,
            REENCRYPT,
            None,
            LOCK,
            QUIT,
        ),
    ),
    ("&Edit", (FIND, FOCUS_LIST, CLEAR_FILTERS, None, PREFERENCES)),
    ("E&xperiments", (NEW_EXPERIMENT, LOG_ATTEMPT, ENTRY_TO_EXPERIMENT, DUE, None, FRICTION)),
    ("&Progress", (RATE_LEVELS,)),
    ("&View", SECTIONS),
    ("&Help", (SHORTCUTS, ABOUT)),
)
#: Help > Keyboard shortcuts (F1): the window's keys by what they are for, in this order.
#: An action with keys that no group names is listed under "Other", so none goes missing.
SHORTCUT_GROUPS: tuple[tuple[str, tuple[ActionSpec, ...]], ...] = (
    ("Writing", (NEW_ENTRY, *NEW_OF_KIND, QUICK_CAPTURE, SAVE, DELETE)),
    ("Navigation", (*SECTIONS, FIND, FOCUS_LIST, CLEAR_FILTERS, SHORTCUTS)),
    ("Experiments", (NEW_EXPERIMENT, LOG_ATTEMPT, ENTRY_TO_EXPERIMENT, DUE, FRICTION)),
    ("Progress", (RATE_LEVELS,)),
    ("Coach", (EXPORT_SUMMARY,)),
    ("Journal & keys", (LOCK, BACK_UP_NOW, PREFERENCES, QUIT)),
)
#: The journal toolbar, left to right (``None`` is a separator); the lock sits at the far end.
TOOL_BAR = (NEW_ENTRY, QUICK_CAPTURE, SAVE, DELETE, None, LOG_ATTEMPT)


def make_action(window: QWidget, spec: ActionSpec, slot: Callable[[], object]) -> QAction:
    """The action ``spec`` describes, added to ``window`` (so its keys work there, from
    any field: see ``action_keys``) and calling ``slot`` when triggered."""
    action_keys_first(window)
    action = named(QAction(spec.text, window), spec.name)
    if spec.keys is not None:
        action.setShortcut(QKeySequence(spec.keys))
    if spec.app_wide:
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    if spec.icon:
        action.setIcon(icon(spec.icon))
    if spec.tip:
        action.setToolTip(spec.tip)
        action.setStatusTip(spec.tip)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def by_name(actions: Iterable[QAction]) -> dict[str, QAction]:
    return {action.objectName(): action for action in actions}


def build_menus(bar: QMenuBar, actions: Mapping[str, QAction]) -> None:
    """Fill ``bar`` as :data:`MENUS` says, from the window's ``actions`` by objectName."""
    for title, items in MENUS:
        _fill(bar.addMenu(title), items, actions)


def _fill(
    menu: QMenu, items: Iterable[ActionSpec | Submenu | None], actions: Mapping[str, QAction]
) -> None:
    for item in items:
        if item is None:
            menu.addSeparator()
        elif isinstance(item, Submenu):
            submenu = named(menu.addMenu(item.title), item.name)
            _fill(submenu, item.actions, actions)
        else:
            menu.addAction(actions[item.name])


def build_toolbars(
    window: QMainWindow, actions: Mapping[str, QAction]
) -> tuple[QToolBar, QToolBar]:
    """The sections bar (left, large icons) and the journal bar (top); both are added to
    ``window`` and returned, in that order."""
    nav_bar = named(QToolBar("Sections"), "sectionBar")
    nav_bar.setMovable(False)
    nav_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
    nav_bar.setIconSize(QSize(28, 28))
    nav_bar.addActions([actions[spec.name] for spec in SECTIONS])
    window.addToolBar(Qt.ToolBarArea.LeftToolBarArea, nav_bar)
    tool_bar = named(QToolBar("Journal"), "journalBar")
    tool_bar.setMovable(False)
    tool_bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    tool_bar.setIconSize(QSize(20, 20))
    for spec in TOOL_BAR:
        if spec is None:
            tool_bar.addSeparator()
        else:
            tool_bar.addAction(actions[spec.name])
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    tool_bar.addWidget(spacer)
    tool_bar.addAction(actions[LOCK.name])
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, tool_bar)
    return nav_bar, tool_bar
