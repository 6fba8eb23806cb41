"""The Experiments section: the list and detail of behaviour experiments, their dialogs
(create or edit, also from a coach commitment; log an attempt; complete or abandon; a new
due date), the attempts table, the outcome trend and the friction catalogue.

Imports: ``ui.common`` and the layers below; no other feature package.
"""
