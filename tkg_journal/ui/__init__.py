"""Everything PySide6: main window shell, views, Qt item models, dialogs."""
