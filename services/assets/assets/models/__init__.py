"""assets' database, one module per area (each documents its tables and invariants):

* ``base``: the declarative base, the kit's tables, the roster copy;
* ``register``: the classification, useful lives, buildings/floors/rooms, the items, their history (append-only),
  files, counters and settings;
* ``handovers``: BAST handovers, returns and moves;
* ``maintenance``: plans and records (windows published to booking);
* ``stocktaking``: stock-taking campaigns (inventarisasi / sensus), their checks and findings;
* ``disposal``: penghapusan proposals, decisions and their items;
* ``supplies``: consumables (persediaan): items, FIFO lots, receipts, requests, issues, the stock card, counts.

Every model is importable from here; ``Base.metadata`` holds every table (Alembic's target).
"""
from __future__ import annotations

from .base import Base, RosterEmployee, RosterSyncRun, RosterUnit, kit_tables, utcnow  # noqa: F401
from .disposal import *  # noqa: F401,F403
from .handovers import *  # noqa: F401,F403
from .maintenance import *  # noqa: F401,F403
from .register import *  # noqa: F401,F403
from .stocktaking import *  # noqa: F401,F403
from .supplies import *  # noqa: F401,F403
