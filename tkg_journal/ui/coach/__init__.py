"""The Coach sessions section: the sessions list and its rows, a session's commitments
table with its due-date editor, and the export of a coach-session summary.

Imports: ``ui.common`` and the layers below; no other feature package. "Turn into
experiment…" is a signal (``experiment_requested``): the window opens the experiment dialog.
"""
