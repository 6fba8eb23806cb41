"""Everything PySide6, in feature packages that meet only in ``common`` and the shell.

The shell stays here: the main window (menus, actions, navigation, the lock, and the wiring
between sections), the Experiments section that composes the experiments view with the due
list, the idle watcher, the lock screen, preferences and the shortcuts help. Each feature
package (``journal``, ``experiments``, ``accountability``, ``progress``, ``coach``, ``keys``)
imports ``common`` and the layers below, never another feature package: where two features
meet (a coach commitment becoming an experiment, say), a view emits a signal and the main
window connects them. import-linter checks it (pyproject.toml).
"""
