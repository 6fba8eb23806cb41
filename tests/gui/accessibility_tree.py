"""What a screen reader finds in a window, read through Qt's own accessibility interfaces
(the ones the AT-SPI, UI Automation and NSAccessibility bridges read), and what in it
would leave a listener guessing.

``tree_problems(window)`` walks the window's accessible tree, as a bridge does, and
reports:

- an interactive node (button, check box, radio button, combo box, field, slider, spin
  box, tab, list, table, tree) that is shown but has no name;
- a value label that does not say its value: a label with a name of its own that is not
  a caption (it is no one's buddy) and whose name lacks the text it shows;
- a combo box, a one-line field or a spin box with no label pointing at it
  (``QLabel.setBuddy``): a name is spoken, but nothing ties it to what the screen says
  the box is for. Three visible labels count as well, as screen readers take them:
  a search field's placeholder (the words inside it), the title of a group box that holds
  only this field, and the check box or radio button just before it that switches it on
  ("[x] Due by [date]", "( ) From [date]");
- a one-of-N choice exposed as check boxes (a checkable button in an exclusive group
  that is not a radio button);
- a chart without its table, its data-bearing description or keyboard focus
  (tests/gui/accessibility_checks.py);
- clutter: a picture, a grip or a text with nothing to say (no name), where a listener
  stops and hears nothing. Decorative pictures are painted, not labels; an empty status
  text is hidden; a splitter's handle is named (ui/common/divider).

Item views are not walked into: their rows are checked where their models are.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

Role = QAccessible.Role
INTERACTIVE = {
    Role.Button, Role.CheckBox, Role.RadioButton, Role.ComboBox, Role.EditableText,
    Role.Slider, Role.SpinBox, Role.PageTab, Role.ButtonMenu, Role.ButtonDropDown, Role.List,
    Role.Table, Role.Tree, Role.Link, Role.Dial, Role.Switch,
}

#: Nodes a listener stops on that must say something.
MUTE = {Role.Graphic, Role.Grip, Role.StaticText}


def walk(window: QWidget) -> Iterator[QAccessibleInterface]:
    """Every node shown in ``window``'s accessible tree, depth first."""
    root = QAccessible.queryAccessibleInterface(window)
    if root is None:
        return
    stack = [root]
    while stack:
        node = stack.pop()
        if not node.isValid() or node.state().invisible:
            continue
        yield node
        if isinstance(node.object(), QAbstractItemView):
            continue
        stack.extend(node.child(i) for i in reversed(range(node.childCount())))


def _describe(node: QAccessibleInterface) -> str:
    thing = node.object()
    name = thing.objectName() if thing is not None else ""
    kind = type(thing).__name__ if thing is not None else "?"
    return f"{node.role().name} {name or kind}"


def _buddies(window: QWidget) -> set[int]:
    return {id(label.buddy()) for label in window.findChildren(QLabel) if label.buddy()}


def _label_problem(label: QLabel, buddies: set[int]) -> str | None:
    own_name = label.accessibleName()
    shown = " ".join(label.text().replace("&", "").split())
    if not own_name or not shown or label.buddy() is not None or id(label) in buddies:
        return None
    if label.textFormat() is not label.textFormat().PlainText and "<" in shown:
        return None  # rich text: what is shown is not the raw text
    if shown not in " ".join(own_name.split()):
        return f"label {label.objectName() or shown[:30]!r} is announced as {own_name!r}"
    return None


def _before_in_layout(field: QWidget) -> QWidget | None:
    """The widget just before ``field`` in its row (a grid's cell to the left)."""
    parent = field.parentWidget()
    layouts = [parent.layout()] if parent is not None and parent.layout() is not None else []
    while layouts:
        layout = layouts.pop()
        if layout is None:
            continue
        index = layout.indexOf(field)
        if index >= 0:
            if isinstance(layout, QGridLayout):
                row, column, _rows, _columns = layout.getItemPosition(index)
                item = layout.itemAtPosition(row, column - 1) if column > 0 else None
            else:
                item = layout.itemAt(index - 1) if index > 0 else None
            return item.widget() if item is not None else None
        layouts += [layout.itemAt(i).layout() for i in range(layout.count())]
    return None


def _labelled(field: QWidget, buddies: set[int]) -> bool:
    if id(field) in buddies:
        return True
    if isinstance(field, QLineEdit) and field.placeholderText():
        return True
    box = field.parentWidget()
    if isinstance(box, QGroupBox) and box.title():
        inputs = box.findChildren(QLineEdit) + box.findChildren(QComboBox)
        if inputs == [field]:
            return True
    before = _before_in_layout(field)
    return isinstance(before, QCheckBox | QRadioButton) and bool(before.text())


def tree_problems(window: QWidget) -> list[str]:
    from tests.gui.accessibility_checks import chart_problems, find_charts

    buddies = _buddies(window)
    # A chart: a table of its numbers, a description that carries them, keyboard focus.
    problems: list[str] = [
        p for chart in find_charts(window) if chart.isVisible() for p in chart_problems(chart)
    ]
    for node in walk(window):
        thing = node.object()
        role = node.role()
        name = node.text(QAccessible.Text.Name).strip()
        if role in INTERACTIVE and not name:
            problems.append(f"{_describe(node)} has no name")
        if role in MUTE and not name:
            problems.append(f"{_describe(node)} says nothing")
        if isinstance(thing, QLabel):
            problem = _label_problem(thing, buddies)
            if problem:
                problems.append(problem)
        labelled = isinstance(thing, QComboBox | QLineEdit | QAbstractSpinBox)
        if labelled and isinstance(thing, QWidget) and not _labelled(thing, buddies):
            inner = isinstance(thing, QLineEdit) and isinstance(
                thing.parent(), QComboBox | QAbstractSpinBox)
            if not inner:
                problems.append(f"{_describe(node)} ({name!r}) has no label")
        if isinstance(thing, QAbstractButton) and thing.isCheckable():
            group = thing.group()
            if group is not None and group.exclusive() and role is not Role.RadioButton:
                problems.append(f"{_describe(node)} ({name!r}) is one of N but not a radio")
    return problems
