"""What needs attention: the "Due and overdue" list (active experiments overdue or quiet,
and action items from coach sessions due soon), and the reminders (a tray message, or a
line of the window's attention bar), with their words and painting.

Imports: ``ui.common`` and the layers below; no other feature package. A due row's "Log
attempt" and "Open" reach the Experiments section as signals that the shell connects.
"""
