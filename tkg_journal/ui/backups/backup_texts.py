"""Every word the backup features show, in one place (so they read as one voice).

Nothing here quotes what the user wrote: backups carry dates, reasons and counts only.
"""

from __future__ import annotations

from datetime import datetime, timedelta

# --- the File menu ----------------------------------------------------------------------
BACK_UP_NOW = "&Back up now"
BACK_UP_NOW_TIP = "Make a verified, encrypted backup of the journal now"
RESTORE = "Res&tore from backup…"
RESTORE_TIP = "Replace the journal with one of its backups (it is backed up first)"

# --- the status bar ---------------------------------------------------------------------
STATUS_NAME = "Backups"
PROGRESS_NAME = "Backup progress"
BACKING_UP = "Backing up…"
BACKED_UP = "Backed up to {path}"
DAILY_BACKED_UP = "Daily backup written to {path}"
SECOND_COPY_FAILED = " (the copy to the second folder failed: {reason})"
BACKUP_FAILED = "The backup failed: {reason}"
DAILY_FAILED = "The daily backup failed: {reason}"
ALREADY_RUNNING = "A backup is already being made; it says here when it is done."
LAST_BACKUP = "Last backup: {when}"
NO_BACKUP_YET = "No backup yet"
LAST_BACKUP_TIP = "The newest backup of this journal: {path}"

# --- the reminder (a line of the window's attention bar) ---------------------------------
BANNER_NEVER = "This journal has no backup yet."
BANNER_STALE = "The last backup of this journal is {days} days old ({date})."
BANNER_WHY = " A backup keeps your writing safe if this computer fails or is lost."
BANNER_LAST_TRY = " The last try failed: {reason}."
# No Alt letter (see ui/common/attention_banner): Ctrl+B backs up from anywhere.
BANNER_BACK_UP = "Back up"
BANNER_BACK_UP_NAME = "Back up the journal now"

# --- Restore from backup ----------------------------------------------------------------
RESTORE_TITLE = "Restore from backup"
RESTORE_INTRO = (
    "Choose the backup to restore. This journal's backups in its backup folders are "
    "listed, newest first."
)
LIST_NAME = "Backups of this journal"
LIST_HEADER_NAME = "Columns of the list of backups"
NO_BACKUPS = "No backups of this journal were found. Choose a backup file instead."
CHOOSE_FILE = "C&hoose another file…"
CHOOSE_FILE_TITLE = "Choose a backup to restore"
FILE_FILTER = "TKG Journal backups (*.tkgbackup);;All files (*)"
CONTINUE = "&Continue…"
CHECKING = "Checking every byte of the backup…"
DAMAGED = "This backup cannot be restored: {reason}"
PICK_ONE = "Choose a backup in the list first."
CONFIRM = (
    "The journal now open is backed up first, then replaced by the backup of {date} "
    "({entries}). You will unlock the restored journal with the passphrase or recovery "
    "key it had then."
)
OTHER_JOURNAL = (
    "This backup is of another journal than the one now open: the one now open is kept "
    "as a backup too, but it is no longer the journal this app opens."
)
PASSPHRASE = "&Passphrase it had then:"
PASSPHRASE_NAME = "Passphrase of the backup"
KEYRING_NOTE = (
    "Its key is in this computer's keyring, as it was when the backup was taken; if the "
    "keyring no longer has it, use the recovery key."
)
USE_RECOVERY_KEY = "Use the recovery &key instead"
RECOVERY_KEY = "Re&covery key:"
RECOVERY_KEY_PLACEHOLDER = "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
RECOVERY_KEY_NAME = "Recovery key of the backup"
NEED_PASSPHRASE = "Type the passphrase the journal had when this backup was taken."
NEED_RECOVERY_KEY = "Type the recovery key printed for the journal (or the one it had then)."
REPLACE = "&Replace the journal"
BACK = "&Back"
CANCEL = "Cancel"
CHECKING_SECRET = "Checking the passphrase or recovery key…"
RESTORING = "Restoring the backup…"
CLOSE_REFUSED = "The journal could not be closed, so nothing was restored."
NOTHING_CHANGED = " Nothing was changed."
RESTORED = (
    "Restored the backup of {date} ({entries}). Unlock it with the passphrase or recovery "
    "key it had then."
)
REPLACED_KEPT = " The journal it replaced was kept in {path}."
NEEDS_RECOVER = (
    " Its key was in a keyring this computer does not have: unlock it with its recovery key."
)

# --- columns of the list ----------------------------------------------------------------
COLUMNS = ("Taken", "Why", "Entries", "Size", "Where")
WHERE_FOLDER = "Backup folder"
WHERE_SECOND = "Second folder"
WHERE_DATA = "Journal's folder"
WHERE_CHOSEN = "Chosen file"

# --- Preferences ▸ Backups --------------------------------------------------------------
PREFS_TAB = "&Backups"
FOLDER_GROUP = "Where backups go"
FOLDER_LABEL = "Backup folder"
FOLDER_NAME = "Backup folder"
FOLDER_DEFAULT = "Default: {path}"
CHOOSE = "&Choose…"
CHOOSE_NAME = "Choose the backup folder"
DEFAULT = "De&fault"
DEFAULT_NAME = "Use the default backup folder"
SECOND_LABEL = "Second folder"
SECOND_NAME = "Second folder for a copy of every backup"
SECOND_NONE = "None: backups stay on this disk only"
SECOND_CHOOSE = "C&hoose…"
SECOND_CHOOSE_NAME = "Choose the second folder"
SECOND_CLEAR = "C&lear"
SECOND_CLEAR_NAME = "Stop copying backups to a second folder"
SECOND_WHY = (
    "A copy of every backup also goes to the second folder. Choose another disk or a "
    "synced folder (Dropbox, OneDrive, iCloud Drive, Nextcloud), so that one broken or "
    "lost disk cannot take the journal and its backups with it."
)
CHOOSE_FOLDER_TITLE = "Choose the backup folder"
CHOOSE_SECOND_TITLE = "Choose a second folder (another disk or a synced folder)"
KEEP_GROUP = "Which backups are kept"
KEEP_WHY = "Older backups are deleted after each backup, except those kept here."
KEEP_LAST = "Keep the &newest"
KEEP_DAILY = "One a d&ay for"
KEEP_WEEKLY = "One a &week for"
KEEP_MONTHLY = "One a &month for"
KEEP_SUFFIXES = (" backups", " days", " weeks", " months")
KEEP_NAMES = (
    "Keep this many newest backups",
    "Keep one backup a day for this many days",
    "Keep one backup a week for this many weeks",
    "Keep one backup a month for this many months",
)
SAME_FOLDERS = (
    "The second folder is the backup folder itself: choose another disk or a synced folder."
)
NOT_A_FOLDER = "{path} is a file, not a folder: choose a folder."
SAVE_FAILED = "The backup settings were not saved: {reason}"

# --- words for the reasons a backup was taken -------------------------------------------
_REASONS = {
    "manual": "Backed up by you",
    "daily": "Daily",
    "before-restore": "Before a restore",
    "repair": "Before a repair",
}


def reason_words(reason: str) -> str:
    """A backup's reason (as stored in its manifest) in words."""
    if reason in _REASONS:
        return _REASONS[reason]
    if reason.startswith("before-upgrade"):
        return "Before an upgrade"
    words = reason.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else "Backup"


def size_words(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def entries_words(count: int) -> str:
    return f"{count:,} entry" if count == 1 else f"{count:,} entries"


def taken_words(moment: datetime) -> str:
    """When a backup was taken, in local time: ``Tue 3 Mar 2026, 09:12``."""
    local = moment.astimezone()
    return f"{local:%a} {local.day} {local:%b %Y}, {local:%H:%M}"


def day_words(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{local.day} {local:%b %Y}"


def when_words(moment: datetime, now: datetime) -> str:
    """``today 09:12``, ``yesterday 18:40``, else the date: how the status bar says it."""
    local, today = moment.astimezone(), now.astimezone().date()
    clock = f"{local:%H:%M}"
    if local.date() == today:
        return f"today {clock}"
    if local.date() == today - timedelta(days=1):
        return f"yesterday {clock}"
    return day_words(local)


def plain(text: str) -> str:
    """A label without its mnemonic marker (for accessible names)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")
