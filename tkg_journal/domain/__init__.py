"""The coaching concepts as typed Python: no Qt, no database, no file system."""
