"""What every section of the window shares: icons, message helpers, the error dialog, the
app's settings, the journal's date range for date pickers, the level picker and its words,
a level's badge and the bar that lists what needs attention.

Imports: PySide6 and the layers below (services, domain) only; never a feature package
(``journal``, ``experiments``, ``accountability``, ``progress``, ``coach``, ``keys``) or the
shell.
"""
