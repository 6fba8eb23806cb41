"""What the tray icon, its menu, its notice and Preferences ▸ Desktop say.

None of it names anything the person wrote: the tray's tooltip, menu and messages sit
outside the journal's window (and some desktops keep notifications in a history).
"""

from __future__ import annotations

from tkg_journal import APP_NAME

# --- the tray icon ------------------------------------------------------------------------
TOOLTIP_UNLOCKED = f"{APP_NAME} \u2014 unlocked"
#: The journal is encrypted: locked, the app cannot know what is due, so it says so.
TOOLTIP_LOCKED = f"{APP_NAME} \u2014 locked: unlock to get reminders"
LOCKED_STATE = "Locked \u2014 unlock to get reminders"
UNLOCKED_STATE = "Unlocked \u2014 reminders on"
QUICK_CAPTURE = "Quick capture\u2026"
QUICK_CAPTURE_LOCKED = "Unlock, then quick capture\u2026"
LOG_ATTEMPT = "Log attempt\u2026"
LOG_ATTEMPT_LOCKED = "Unlock, then log attempt\u2026"
OPEN = f"Open {APP_NAME}"
LOCK = "Lock"
QUIT = "Quit"

# --- the one-time notice (the first time closing leaves the app in the tray) -------------
NOTICE_TITLE = f"{APP_NAME} is still running"
NOTICE_TEXT = (
    "It keeps running in the tray so reminders can reach you. Open it from the tray icon; "
    "Quit is in the icon's menu. Preferences \u25b8 Desktop turns this off."
)
#: A note from settling what a crash left, when the app started in the tray with no window.
START_NOTE_TITLE = APP_NAME

# --- Preferences ▸ Desktop ---------------------------------------------------------------
TAB = "&Desktop"
LOGIN = "Start at &login in the tray"
LOGIN_NAME = "Start at login in the tray"
LOGIN_NOTE = (
    "Starts with no window, as an icon in the system tray. A journal with a passphrase "
    "stays locked until you open it from the icon; one with its key in the system "
    "keyring opens by itself, so reminders come from the start."
)
LOGIN_NOT_HERE = (
    "Not available on this system yet: see docs/start-at-login.md for how to start "
    f"{APP_NAME} at login on Windows and macOS."
)
LOGIN_NO_COMMAND = (
    "The {command} command was not found, so nothing can start at login. Install the app "
    "(or run tkg-journal --install-desktop-entry) and try again."
)
LOGIN_FAILED = "Could not change the start at login ({reason}); nothing was changed."
KEEP = "&Keep running in the tray when the window is closed"
KEEP_NAME = "Keep running in the tray when the window is closed"
KEEP_NOTE = (
    "Closing the window then hides it; reminders keep coming while the journal is "
    "unlocked. It still locks when idle (Journal tab) or when the screen locks, and then "
    "reminds you only after you unlock it. Quit from the tray icon's menu."
)
NO_TRAY = (
    "This desktop shows no system tray icons, so closing the window quits, and the app "
    "cannot start hidden."
)
