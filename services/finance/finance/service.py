"""The finance Nameko service: RPC entrypoints and event consumers only.

Each method checks who is calling, validates its input with the contract's input schemas, calls the domain
and answers with an output schema dumping what the domain returned. Writes run in one transaction with their
outbox events. Contract: docs/contracts.md and ``finance.schemas``.

Sections (a table of contents): roster and capabilities; budget (DPA); SPJ (the workflow shared by both
kinds); purchases (small-purchase SPJ lines, taxes, evidence); travel SPJ (from travel's ``order_realized``);
books (BKU, subsidiary books, closing, reports); archive.
"""
from __future__ import annotations

from situok_kit.db import Database
from situok_kit.health import HealthMixin
from situok_kit.identity import CallerIdentity
from situok_kit.logs import CallIdLogging
from situok_kit.roster import RosterCopy
from situok_kit.rpc import api

from . import sync
from .domain import access, capabilities, roster
from .models import Base
from .schemas.common import FinanceCapabilitiesOut, FinanceRosterStatusOut, FinanceRosterSyncOut

_capabilities_out = FinanceCapabilitiesOut()


class FinanceService(HealthMixin, RosterCopy):
    name = "finance"

    db = Database(Base.metadata)
    caller = CallerIdentity()
    call_log = CallIdLogging()

    # -- roster: situok_kit.roster.RosterCopy keeps it (personnel's events, a pull at start) and answers
    # ``sync_roster`` (admin: pull now) and ``roster_status`` through these schemas
    roster_store = roster
    roster_sync = sync
    roster_sync_out = FinanceRosterSyncOut()
    roster_status_out = FinanceRosterStatusOut()

    def _caller(self) -> access.Caller:
        """The identity in context (401 without one) as finance sees it."""
        return access.caller_of(self.caller.require())

    @api
    def capabilities(self):
        """What the caller may do in finance in general (an edge's menu and pages); each SPJ carries its own
        ``allowed_actions``."""
        return _capabilities_out.dump(capabilities.capabilities(self._caller()))

    # -- budget (DPA) ---------------------------------------------------------------------------

    # -- SPJ: the workflow ----------------------------------------------------------------------

    # -- purchases: small-purchase lines, taxes, evidence ------------------------------------------

    # -- travel SPJ ------------------------------------------------------------------------------

    # -- books: BKU, subsidiary books, closing, reports -------------------------------------------

    # -- archive -----------------------------------------------------------------------------------
