"""Print the accessibility tree of the running TKG Journal as the AT-SPI bus has it: what
Orca and other Linux screen readers are given. Run by the system's Python (it needs
pyatspi: apt-get install python3-pyatspi); scripts/accessibility-tree starts it.

    /usr/bin/python3 scripts/atspi_dump.py [--section NAME] [--rows N]

One line per node: role, "name", and the description when there is one; an item view's
rows are cut after N (default 3), a hidden node and its subtree are left out.
"""

from __future__ import annotations

import argparse
import sys
import time

import pyatspi

APP_NAMES = ("TKG Journal", "tkg-journal")


def find_app(timeout: float) -> pyatspi.Accessible:
    waited = 0.0
    while waited < timeout:
        desktop = pyatspi.Registry.getDesktop(0)
        for index in range(desktop.childCount):
            app = desktop.getChildAtIndex(index)
            if app is not None and app.name in APP_NAMES:
                return app
        time.sleep(0.5)
        waited += 0.5
    sys.exit("scripts/atspi_dump.py: TKG Journal is not on the accessibility bus")


def line(node: pyatspi.Accessible, depth: int) -> str:
    text = f"{'  ' * depth}{node.getRoleName()} {node.name!r}"
    if node.description:
        text += f"  -- {node.description}"
    states = node.getState()
    marks = [name for name, state in (("focused", pyatspi.STATE_FOCUSED),
                                      ("checked", pyatspi.STATE_CHECKED))
             if states.contains(state)]
    if marks:
        text += f"  [{', '.join(marks)}]"
    return text


def dump(node: pyatspi.Accessible, depth: int, rows: int) -> None:
    states = node.getState()
    if not states.contains(pyatspi.STATE_SHOWING) and depth > 1:
        return
    print(line(node, depth))
    role = node.getRole()
    cut = rows if role in (pyatspi.ROLE_TABLE, pyatspi.ROLE_LIST, pyatspi.ROLE_TREE_TABLE,
                           pyatspi.ROLE_TABLE_ROW) else None
    count = node.childCount
    for index in range(count if cut is None else min(count, cut * 8)):
        child = node.getChildAtIndex(index)
        if child is not None:
            dump(child, depth + 1, rows)
    if cut is not None and count > cut * 8:
        print(f"{'  ' * (depth + 1)}... {count - cut * 8} more")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--section", default="")
    parser.add_argument("--rows", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args()
    app = find_app(args.timeout)
    print(f"===== {args.section or 'window'} =====")
    for index in range(app.childCount):
        window = app.getChildAtIndex(index)
        if window is not None and window.getState().contains(pyatspi.STATE_SHOWING):
            dump(window, 0, args.rows)


if __name__ == "__main__":
    main()
