"""Matplotlib Figure builders (no pyplot, no Qt)."""
