"""Backups in the desktop app: Back up now, the daily backup while the app runs, the
status-bar line and the stale-backup reminder, Restore from backup, and Preferences ▸ Backups.

The work itself is the services' (``services.backups``, ``services.restore``); this package
runs it off the GUI thread and shows it. The main window only wires it in.
"""
