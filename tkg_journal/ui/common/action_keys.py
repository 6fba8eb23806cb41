"""A window's action keys win over a text field's own use of the same keys.

Before a shortcut fires, Qt asks the focused widget whether it wants the key itself (a
ShortcutOverride event), and a text field says yes to the keys it edits with: on X11
desktops a one-line field claims Ctrl+E (end of line), so "Turn entry into experiment"
did nothing with the cursor in the search field, Title, Who or Tags. The field cannot know
which keys the window promises in its menus; this filter does, and answers no for exactly
those, so an action's keys work from every field while all other keys stay the field's.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

_OBJECT_NAME = "actionKeysFirst"
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class ActionKeysFirst(QObject):
    """Makes the enabled actions of ``window`` (and its application-wide ones from other
    windows) win over what the focused field would do with the same keys.

    Watches the whole application (a ShortcutOverride goes to the focused widget, not the
    window); it lives as long as ``window``. No signals.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName(_OBJECT_NAME)
        self._window = window
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QWidget)
            and self._action_for(watched, event) is not None
        ):
            # Ignored: nobody overrides, so the shortcut map fires the action. Returning
            # True keeps the field (and its parents, as the event climbs) from claiming it.
            event.ignore()
            return True
        return False

    def _action_for(self, focused: QWidget, event: QKeyEvent) -> QAction | None:
        text = event.text()
        if text and text.isprintable() and not event.modifiers() & _COMMAND_MODIFIERS:
            return None  # typing stays typing (and this runs for every key typed)
        if QApplication.activeModalWidget() is not None or not self._window.isVisible():
            return None  # a dialog's fields keep their keys: the window's are blocked then
        in_window = focused.window() is self._window
        pressed = QKeySequence(QKeyCombination(
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier, Qt.Key(event.key())
        ))
        for action in self._window.actions():
            if not action.isEnabled() or not (
                in_window
                or action.shortcutContext() == Qt.ShortcutContext.ApplicationShortcut
            ):
                continue
            if any(keys == pressed for keys in action.shortcuts()):
                return action
        return None


def action_keys_first(window: QWidget) -> ActionKeysFirst:
    """The filter for ``window``, made on the first call (every later call returns it)."""
    found = window.findChild(ActionKeysFirst, _OBJECT_NAME)
    return found if isinstance(found, ActionKeysFirst) else ActionKeysFirst(window)
