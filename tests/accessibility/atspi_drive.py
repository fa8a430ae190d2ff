#!/usr/bin/python3
"""Drives a whole request in the running Boxscope through AT-SPI only (no pixels):
finds widgets by their accessible names, types a function name, presses Send,
then reads the push list and the result back. Exit status 0 when every step holds."""
import sys
import time

import pyatspi

FUNCTION = sys.argv[1] if len(sys.argv) > 1 else "server_function"
DEADLINE = time.time() + 60


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def app():
    desk = pyatspi.Registry.getDesktop(0)
    while time.time() < DEADLINE:
        for i in range(desk.childCount):
            a = desk.getChildAtIndex(i)
            if a is not None and a.name == "boxscope":
                return a
        time.sleep(0.3)
    fail("boxscope did not appear on the accessibility bus")


def find(root, name, roles=None):
    """Depth-first search for a showing object with this accessible name (and one of roles):
    what a screen reader user can reach (other tabs hold forms with the same names)."""
    stack = [root]
    while stack:
        node = stack.pop()
        try:
            if (node.name == name and (roles is None or node.getRole() in roles)
                    and node.getState().contains(pyatspi.STATE_SHOWING)):
                return node
            stack.extend(node.getChildAtIndex(i) for i in range(node.childCount) if node.getChildAtIndex(i))
        except Exception:
            continue
    return None


def wait_for(what, predicate, timeout=30):
    end = time.time() + timeout
    while time.time() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    fail("timed out waiting for " + what)


def text_of(obj):
    """The text of an editable or text object; a label's text is in its description."""
    try:
        t = obj.queryText()
        return t.getText(0, t.characterCount)
    except NotImplementedError:
        return obj.description or ""


def table_cells(table):
    t = table.queryTable()
    return [[(t.getAccessibleAt(r, c).name if t.getAccessibleAt(r, c) else "") for c in range(t.nColumns)]
            for r in range(t.nRows)]


root = app()
state = wait_for("the connection state 'ready'",
                 lambda: (lambda s: s if s and "ready" in text_of(s) else None)(find(root, "Connection state")),
                 timeout=40)
print("connection state:", state.description)

target = wait_for("the Target field", lambda: find(root, "Target", [pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY]))
editable = target.queryEditableText()
editable.setTextContents(FUNCTION)
print("typed target:", text_of(target))

send = wait_for("the Send request button", lambda: find(root, "Send request", [pyatspi.ROLE_PUSH_BUTTON]))
wait_for("Send to be enabled", lambda: send.getState().contains(pyatspi.STATE_ENABLED))
send.queryAction().doAction(0)
sent_at = time.time()
print("pressed Send request")

pushes = wait_for("the Push list", lambda: find(root, "Push list", [pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE]))
rows = wait_for("a push row", lambda: [r for r in table_cells(pushes) if any(r)])
push_at = time.time() - sent_at
print("push rows:", rows, "after %.2f s" % push_at)
if not any(r[0] == "1" for r in rows):
    fail("the first push is not listed as #1")

result_title = wait_for("the result",
                        lambda: (lambda o: o if o and "result in" in text_of(o) else None)(find(root, "Result title")))
title = text_of(result_title)
print("result:", title)
history = find(root, "Request history", [pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE])
states = [r for r in table_cells(history) if FUNCTION in r]
print("history:", states)
if not states or "done" not in states[-1]:
    fail("the history row is not done")
print("OK")
