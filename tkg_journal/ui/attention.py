"""What needs attention, in the window's one bar (``ui/common/attention_banner``).

Three features have something to remind of, each deciding when on its own: the reminder
notifier (experiments and action items due, where there is no tray), the weekly prompt
to rate the levels and the backups (none for too long). The shell puts each in a line of
the same bar, with the button that does it: Show the due list, Rate the levels, Back up.
One Dismiss puts them all away (the backup reminder then waits for the next start).
"""

from __future__ import annotations

from collections.abc import Callable

from tkg_journal.ui.accountability import accountability_texts
from tkg_journal.ui.accountability.reminder_notifier import ReminderNotifier
from tkg_journal.ui.backups import backup_texts
from tkg_journal.ui.backups.backup_coordinator import BackupCoordinator
from tkg_journal.ui.common.attention_banner import AttentionBanner, AttentionLine
from tkg_journal.ui.progress import progress_texts
from tkg_journal.ui.progress.checkin_prompt import CheckinPrompt

#: The lines' kinds, top to bottom: what is due now first, the backup last.
DUE, CHECKIN, BACKUP = "due", "checkin", "backup"


def attention_banner() -> AttentionBanner:
    return AttentionBanner(order=(DUE, CHECKIN, BACKUP))


def due_line(text: str) -> AttentionLine:
    return AttentionLine(DUE, text, accountability_texts.BANNER_SHOW,
                         accountability_texts.BANNER_SHOW_NAME)


def checkin_line(text: str) -> AttentionLine:
    return AttentionLine(CHECKIN, text, progress_texts.PROMPT_RATE,
                         progress_texts.PROMPT_RATE_NAME)


def backup_line(text: str) -> AttentionLine:
    return AttentionLine(BACKUP, text, backup_texts.BANNER_BACK_UP,
                         backup_texts.BANNER_BACK_UP_NAME)


def wire_attention(
    banner: AttentionBanner,
    notifier: ReminderNotifier,
    checkin_prompt: CheckinPrompt,
    backups: BackupCoordinator,
    *,
    show_due: Callable[[], None],
    rate_levels: Callable[[], None],
) -> None:
    """Fill ``banner`` from the three reminders and answer its buttons."""
    notifier.banner_requested.connect(lambda text: banner.set_line(due_line(text)))
    checkin_prompt.prompt_requested.connect(lambda text: banner.set_line(checkin_line(text)))
    backups.reminder.connect(lambda text: banner.set_line(backup_line(text)))
    backups.reminder_cleared.connect(lambda: banner.remove_line(BACKUP))
    actions: dict[str, Callable[[], None]] = {
        DUE: show_due, CHECKIN: rate_levels, BACKUP: backups.back_up_now,
    }
    banner.action_requested.connect(lambda key: actions[key]())
    banner.dismissed.connect(backups.dismiss_reminder)
