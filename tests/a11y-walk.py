#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Walks a running application's accessibility tree over AT-SPI, as a screen
reader sees it, and reports what a blind user would stumble over.

    a11y-walk.py PID [--dump FILE] [--stage NAME]

Prints one line per problem on standard output ("PROBLEM <stage>: <role>
<what>"), and one per field marked invalid ("INVALID <name>: <why>"), and
exits 0; exits 2 when the application cannot be found on the
accessibility bus. With --dump, appends what a screen reader would announce
for every showing object (role, name, description, states) to FILE.

Problems:
  - a focusable or activatable object (button, toggle, menu button, entry,
    combo box, check box, link, list item, tab) whose name is empty, is a
    toolkit class name ("GtkImage", "GtkMenuButton"), still holds a mnemonic
    underscore, or is its label said twice ("Undo Undo");
  - a list item (row) whose name is empty;
  - a focusable cell of a flow box that only holds a drop-down: a Tab stop
    that says nothing before the drop-down itself.
Every visible widget is walked, also on a stack's page not shown yet.
"""

import re
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

CLASS_NAME = re.compile(r"^(Gtk|Adw|Dossier)[A-Z][A-Za-z]*$")
MNEMONIC = re.compile(r"(^|\s)_\w")
NAMED_ROLES = {
    Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON, Atspi.Role.CHECK_BOX,
    Atspi.Role.RADIO_BUTTON, Atspi.Role.COMBO_BOX, Atspi.Role.ENTRY,
    Atspi.Role.PASSWORD_TEXT, Atspi.Role.TEXT, Atspi.Role.SPIN_BUTTON,
    Atspi.Role.SLIDER, Atspi.Role.LINK, Atspi.Role.MENU_ITEM,
    Atspi.Role.PAGE_TAB, Atspi.Role.LIST_ITEM, Atspi.Role.SWITCH
    if hasattr(Atspi.Role, "SWITCH") else Atspi.Role.TOGGLE_BUTTON,
    Atspi.Role.LIST, Atspi.Role.TABLE,
    Atspi.Role.MENU, Atspi.Role.PUSH_BUTTON_MENU
    if hasattr(Atspi.Role, "PUSH_BUTTON_MENU") else Atspi.Role.PUSH_BUTTON,
}
# a text view or multi-line field is named by the row it sits in
NEEDS_NAME_WHEN_FOCUSABLE = NAMED_ROLES


def said_twice(name):
    words = name.split()
    half = len(words) // 2
    return len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]


def states_of(obj):
    state_set = obj.get_state_set()
    return {s for s in (Atspi.StateType.FOCUSABLE, Atspi.StateType.FOCUSED,
                        Atspi.StateType.SHOWING, Atspi.StateType.VISIBLE,
                        Atspi.StateType.SENSITIVE, Atspi.StateType.INVALID_ENTRY,
                        Atspi.StateType.SELECTED, Atspi.StateType.CHECKED)
            if state_set.contains(s)}


def find_app(pid):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        try:
            if app is not None and app.get_process_id() == pid:
                return app
        except gi.repository.GLib.Error:
            continue
    return None


def walk(obj, depth, stage, problems, dump):
    try:
        role = obj.get_role()
        name = obj.get_name() or ""
        description = obj.get_description() or ""
        states = states_of(obj)
        role_name = obj.get_role_name()
    except gi.repository.GLib.Error:
        # gone while the walk went on (a row rebound, a toast dismissed):
        # there is nothing left to name
        return
    # GTK 4.8 says "showing" of windows only; every widget that is visible
    # is walked, on the stack's hidden pages too: they are shown later
    if role != Atspi.Role.APPLICATION and Atspi.StateType.VISIBLE not in states:
        return
    if dump is not None and (name or description or role in NAMED_ROLES):
        flags = ",".join(sorted(s.value_nick for s in states
                                if s not in (Atspi.StateType.SHOWING, Atspi.StateType.VISIBLE)))
        line = "  " * depth + f"[{role_name}] {name!r}"
        if description:
            line += f" — {description!r}"
        if flags:
            line += f" ({flags})"
        dump.append(line)

    focusable = Atspi.StateType.FOCUSABLE in states
    if role in NAMED_ROLES and (focusable or role == Atspi.Role.LIST_ITEM):
        what = None
        if not name.strip():
            what = "has no name"
        elif CLASS_NAME.match(name.strip()):
            what = f"is named by its class {name!r}"
        elif MNEMONIC.search(name):
            what = f"keeps its mnemonic underscore: {name!r}"
        elif said_twice(name):
            what = f"says its name twice: {name!r}"
        if what:
            context = ""
            try:
                parent = obj.get_parent()
                if parent is not None:
                    context = f" (in {parent.get_role_name()} {parent.get_name()!r})"
            except gi.repository.GLib.Error:
                pass
            problems.append(f"PROBLEM {stage}: {role_name} {what}{context}")
    # GTK 4.8 does not pass the invalid state on: a field says what is wrong
    # with it in its description, which Dossier sets with the state
    if role in (Atspi.Role.TEXT, Atspi.Role.ENTRY) and description and stage.endswith("(invalid)"):
        problems.append(f"INVALID {name!r}: {description!r}")
    if Atspi.StateType.INVALID_ENTRY in states:
        if description.strip():
            problems.append(f"INVALID {name!r}: {description!r}")
        else:
            problems.append(f"PROBLEM {stage}: {role_name} {name!r} is invalid and does not say why")
    try:
        if role == Atspi.Role.TABLE_CELL and focusable and obj.get_child_count() == 1:
            child = obj.get_child_at_index(0)
            if child is not None and child.get_role() == Atspi.Role.COMBO_BOX:
                problems.append(f"PROBLEM {stage}: the cell around {child.get_name()!r} is a silent Tab stop")
    except gi.repository.GLib.Error:
        pass
    try:
        children = [obj.get_child_at_index(i) for i in range(obj.get_child_count())]
    except gi.repository.GLib.Error:
        return
    for child in children:
        if child is not None:
            walk(child, depth + 1, stage, problems, dump)


def main():
    args = sys.argv[1:]
    dump_file = None
    stage = "window"
    if "--dump" in args:
        i = args.index("--dump")
        dump_file = args[i + 1]
        del args[i:i + 2]
    if "--stage" in args:
        i = args.index("--stage")
        stage = args[i + 1]
        del args[i:i + 2]
    pid = int(args[0])
    app = find_app(pid)
    if app is None:
        print(f"no application with process id {pid} on the accessibility bus", file=sys.stderr)
        return 2
    problems = []
    dump = [] if dump_file else None
    walk(app, 0, stage, problems, dump)
    for line in problems:
        print(line)
    if dump_file:
        with open(dump_file, "a", encoding="utf-8") as out:
            out.write(f"== {stage}\n")
            out.write("\n".join(dump) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
