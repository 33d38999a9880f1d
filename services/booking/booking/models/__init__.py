"""booking's database, one module per area (each documents its tables and invariants):

* ``base``: the declarative base, the kit's tables, the roster copy;
* ``resources``: buildings, rooms and vehicles (from assets' events or entered here), blackouts and maintenance
  windows, the settings;
* ``bookings``: bookings (an exclusion constraint: no two approved bookings of one resource overlap) and their
  steps;
* ``series``: recurring series (their occurrences are bookings);
* ``vehicles``: drivers, their absences, vehicle trips (an exclusion constraint: one trip at a time per
  driver), travel's reservations;
* ``guests``: requests from the public portal (tracking codes, the per-client limit);
* ``feeds``: iCal feed tokens;
* ``agenda``: agenda's rooms (one booking per agenda reference).

Every model is importable from here; ``Base.metadata`` holds every table (Alembic's target).
"""
from __future__ import annotations

from .agenda import *  # noqa: F401,F403
from .base import Base, RosterEmployee, RosterSyncRun, RosterUnit, kit_tables, utcnow  # noqa: F401
from .bookings import *  # noqa: F401,F403
from .feeds import *  # noqa: F401,F403
from .guests import *  # noqa: F401,F403
from .resources import *  # noqa: F401,F403
from .series import *  # noqa: F401,F403
from .vehicles import *  # noqa: F401,F403
