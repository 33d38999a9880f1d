"""The assets Nameko service: the register of regional assets (KIB A–F) and everything around it.

The entrypoints live in one mixin per area (``assets.entrypoints``) — this class is their table of contents:

* register (``RegisterEntrypoints``): the code list and useful lives, buildings/floors/rooms, items by KIB with
  their photos and documents, search, bulk import, the item's history;
* reports (``ReportEntrypoints``): QR label sheets, the KIR per room, each KIB's export, depreciation;
* handovers (``HandoverEntrypoints``): BAST handovers to a holder or a room, returns, moves;
* maintenance (``MaintenanceEntrypoints``): plans and records, what is due, windows published to booking;
  booking's vehicle trips into the history;
* stock-taking (``StocktakingEntrypoints``): campaigns, room checks on a phone, findings, the berita acara,
  applying the result;
* disposal (``DisposalEntrypoints``): proposals, approval, decision (SK), berita acara, reports;
* consumables (``SupplyEntrypoints``): items, receipts, requests and their approval, issues (FIFO), the stock
  card, counts, the semester report;
* settings (``SettingsEntrypoints``): who signs as pengurus barang, numbering templates, depreciation period;
* booking's snapshot (``BookingSnapshotEntrypoints``): every bookable resource, for booking's pull (system only).

Contract: docs/contracts.md and ``assets.schemas``.
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
from .entrypoints.booking_snapshot import BookingSnapshotEntrypoints
from .entrypoints.disposal import DisposalEntrypoints
from .entrypoints.handovers import HandoverEntrypoints
from .entrypoints.maintenance import MaintenanceEntrypoints
from .entrypoints.register import RegisterEntrypoints
from .entrypoints.reports import ReportEntrypoints
from .entrypoints.settings import SettingsEntrypoints
from .entrypoints.stocktaking import StocktakingEntrypoints
from .entrypoints.supplies import SupplyEntrypoints
from .models import Base
from .schemas.common import AssetsCapabilitiesOut, AssetsRosterStatusOut, AssetsRosterSyncOut

_capabilities_out = AssetsCapabilitiesOut()


class AssetsService(HealthMixin, RosterCopy, RegisterEntrypoints, ReportEntrypoints, HandoverEntrypoints,
                    MaintenanceEntrypoints, StocktakingEntrypoints, DisposalEntrypoints, SupplyEntrypoints,
                    SettingsEntrypoints, BookingSnapshotEntrypoints):
    name = "assets"

    db = Database(Base.metadata)
    caller = CallerIdentity()
    call_log = CallIdLogging()

    # -- roster: situok_kit.roster.RosterCopy keeps it (personnel's events, a pull at start) and answers
    # ``sync_roster`` (admin: pull now) and ``roster_status`` through these schemas
    roster_store = roster
    roster_sync = sync
    roster_sync_out = AssetsRosterSyncOut()
    roster_status_out = AssetsRosterStatusOut()

    def _caller(self) -> access.Caller:
        """The identity in context (401 without one) as assets sees it."""
        return access.caller_of(self.caller.require())

    @api
    def capabilities(self):
        """What the caller may do in assets in general (an edge's menu and pages); records carry their own
        ``allowed_actions``."""
        return _capabilities_out.dump(capabilities.capabilities(self._caller()))
