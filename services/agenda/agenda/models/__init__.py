"""agenda's database, one module per area (each documents its tables and invariants):

* ``base``: the declarative base, the kit's tables, the roster copy;
* ``agenda``: leaders, the order of precedence, events with their leaders, participants, VIP guests, run-down,
  protocol staff and steps;
* ``documentation``: an event's documentation, photos and attachments (public only once approved);
* ``visits``: official visit and audience requests from the public (tracking codes, visitor passes);
* ``feedback``: the public's suggestions, questions and complaints (tracking codes, triage, answers);
* ``settings``: the protocol unit, the approving role, the public forms' limits.

Every model is importable from here; ``Base.metadata`` holds every table (Alembic's target).
"""
from __future__ import annotations

from .agenda import *  # noqa: F401,F403
from .base import Base, RosterEmployee, RosterSyncRun, RosterUnit, kit_tables, utcnow  # noqa: F401
from .documentation import *  # noqa: F401,F403
from .feedback import *  # noqa: F401,F403
from .settings import *  # noqa: F401,F403
from .visits import *  # noqa: F401,F403
