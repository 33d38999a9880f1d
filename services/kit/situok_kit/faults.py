"""Named fault points, so a fault test can strike at the worst moment instead of a random one.

Inert unless the process was started with ``SITUOK_FAULT_DIR`` (fault tests only; production never sets
it). A test arms a point by writing the action into ``<dir>/<point>.arm``; the first process that reaches
the point takes the file (an atomic rename to ``<point>.reached``, holding its pid), so a point strikes once
and a restarted process runs through it normally:

* ``pause``: waits (without blocking its other green threads) until the test writes
  ``<dir>/<point>.release`` — the test cuts the broker or the database in between;
* ``exit``: dies at once (``os._exit``, as ``kill -9`` would: no cleanup, no reply, no ack).

The points, each followed by the service and method or handler it is in:

``rpc.reply.<service>.<method>``       the work is done (a write committed), the reply not yet published;
``rpc.ack.<service>.<method>``         the reply is published, the request not yet acked;
``event.ack.<service>.<handler>``      the handler committed its effect, the message not yet acked;
``outbox.publish.<service>``           the relay is about to publish a committed event.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

import eventlet

PAUSE_LIMIT_SECONDS = 60.0


def fault_point(name: str) -> None:
    """Strike here if a test armed this point (see module doc); otherwise return at once."""
    folder = os.environ.get("SITUOK_FAULT_DIR")
    if not folder:
        return
    armed, reached = Path(folder, f"{name}.arm"), Path(folder, f"{name}.reached")
    try:
        action = armed.read_text().strip()
        os.rename(armed, reached)  # atomic: of several processes, one strikes
    except OSError:
        return
    reached.write_text(str(os.getpid()))
    if action == "exit":
        os._exit(137)
    if action == "pause":
        release = Path(folder, f"{name}.release")
        limit = time.monotonic() + PAUSE_LIMIT_SECONDS
        while not release.exists() and time.monotonic() < limit:
            eventlet.sleep(0.02)
