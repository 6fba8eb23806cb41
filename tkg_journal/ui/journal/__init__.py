"""The Journal section: the entry list (model, row painting, search and filter bar), the
entry editor with its autosave and tag field, quick capture, and the offer to recover
drafts after a crash.

Imports: ``ui.common`` and the layers below; no other feature package.
"""
