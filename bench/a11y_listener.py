#!/usr/bin/python3
"""An accessibility client for boxscope-winbench's a11y case (bench/run.sh): listens to every
object event on the AT-SPI bus as a screen reader does and, as a screen reader does, asks each
event's source for its name and role (a round trip into the app per event). Runs until it gets
SIGTERM, then prints one line: {"events": N, "queries_failed": M}."""
import json
import signal
import sys

import pyatspi

counts = {"events": 0, "queries_failed": 0}


def on_event(event):
    counts["events"] += 1
    try:
        source = event.source
        if source is not None:
            source.name
            source.getRole()
    except Exception:  # the object can be gone by the time it is asked
        counts["queries_failed"] += 1


def stop(*_):
    pyatspi.Registry.stop()


signal.signal(signal.SIGTERM, stop)
pyatspi.Registry.registerEventListener(
    on_event, "object:children-changed", "object:state-changed", "object:property-change",
    "object:text-changed", "object:text-caret-moved", "object:selection-changed",
    "object:active-descendant-changed", "object:visible-data-changed", "object:row-inserted",
    "object:row-deleted", "object:model-changed", "focus:")
print("listening", file=sys.stderr, flush=True)
pyatspi.Registry.start()
print(json.dumps(counts), flush=True)
