"""The Progress section: the charts over a chosen period (matplotlib is imported only when
the first chart is drawn, never on the start-up path), the level check-in dialog and the
weekly prompt to rate.

Imports: ``ui.common`` and the layers below; no other feature package.
"""
