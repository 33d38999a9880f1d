"""finance's database, one module per area (each documents its tables and invariants):

* ``base``: the declarative base, the kit's tables, the roster copy;
* ``budget``: DPA versions, sub-kegiatan, allocations, and the budget lines' running amounts;
* ``spj``: SPJ headers and their transitions (``purchases`` and ``travel_spj``: their lines);
* ``books``: cash-book postings and month closings;
* ``archive``: the register of supporting documents.

Every model is importable from here; ``Base.metadata`` holds every table (Alembic's target).
"""
from __future__ import annotations

from .archive import *  # noqa: F401,F403
from .base import Base, RosterEmployee, RosterSyncRun, RosterUnit, kit_tables, utcnow  # noqa: F401
from .books import *  # noqa: F401,F403
from .budget import *  # noqa: F401,F403
from .purchases import *  # noqa: F401,F403
from .spj import *  # noqa: F401,F403
from .travel_spj import *  # noqa: F401,F403
