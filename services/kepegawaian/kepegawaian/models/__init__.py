"""kepegawaian's database, one module per area (each documents its tables and invariants):

* ``base``: the declarative base, the kit's tables, the roster copy (with the career facts from personnel);
* ``settings``: the staff officers' unit, the leave official's role, half days, reminder lead times;
* ``leave``: the leave rules per employment type and kind (data), leave requests with their consideration and
  decision, and the balances' carry-over;
* ``trips``: travel's approved trips per employee (from travel's events), against which leave is checked;
* ``career``: the career rules (KGB, KP, BUP as data) and the reminders sent to the staff officers;
* ``documents``: document types and each employee's documents (files, numbers, dates, expiry, verification);
* ``skp``: performance plans (work results, indicators, targets, alignment), progress with evidence, the
  assessment of results and behaviour, the rating.

Every model is importable from here; ``Base.metadata`` holds every table (Alembic's target).
"""
from __future__ import annotations

from .base import Base, RosterEmployee, RosterSyncRun, RosterUnit, kit_tables, utcnow  # noqa: F401
from .career import *  # noqa: F401,F403
from .documents import *  # noqa: F401,F403
from .leave import *  # noqa: F401,F403
from .settings import *  # noqa: F401,F403
from .skp import *  # noqa: F401,F403
from .trips import *  # noqa: F401,F403
