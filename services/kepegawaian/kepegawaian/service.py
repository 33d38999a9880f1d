"""The kepegawaian Nameko service: the daily administration of the bureau's civil servants — leave (cuti) with
balances and the standard form, career dates (KGB, KP, BUP) with reminders, personnel documents, performance
targets and ratings (SKP), and the bureau's personnel lists.

Why a service of its own, not more of personnel: personnel answers every login and token refresh and keeps the
register (who works here, in which unit and position, at which rank, since when — and that history); kepegawaian
is the paperwork around that register, heavy on files, PDFs and reports, read by few and written by fewer. It
keeps a copy of the register (personnel's events and snapshot) with the career facts it reasons about, so a long
export or a burst of uploads never slows a login, and personnel can be deployed without it.

The entrypoints live in one mixin per area (``kepegawaian.entrypoints``) — this class is their table of contents:

* leave (``LeaveEntrypoints``): the rules per employment type and kind (data), balances per year with carry-over,
  requests counted in working days against attendance's calendar, the direct supervisor's consideration and the
  authorised official's decision, the standard leave form as a PDF;
* leave reports (``LeaveReportEntrypoints``): travel's approved trips per employee (from travel's events),
  against which leave is refused;
* career (``CareerEntrypoints``): KGB, KP and BUP dates from the record, who is due each month, reminders to the
  staff officers; DUK, the nominative list and the KGB/KP due list as XLSX and PDF;
* documents (``DocumentEntrypoints``): each employee's decrees, diplomas, certificates and ID cards — uploaded,
  typed, numbered, dated, verified; completeness per employee and unit;
* skp (``SkpEntrypoints``): the yearly performance plan aligned to the supervisor's, progress with evidence, the
  assessment of results and behaviour, the rating per PermenPANRB 6/2022's matrix;
* exports (``ExportEntrypoints``): the leave recap per unit and year — XLSX and PDF;
* settings (``SettingsEntrypoints``): the staff officers' unit, the leave official's role, half days, reminders.

Contract: docs/contracts.md and ``kepegawaian.schemas``.
"""
from __future__ import annotations

from situok_kit.db import Database
from situok_kit.health import HealthMixin
from situok_kit.identity import CallerIdentity
from situok_kit.logs import CallIdLogging
from situok_kit.roster import RosterCopy
from situok_kit.rpc import api

from . import sync
from .domain import access, capabilities, roster, staff
from .entrypoints.career import CareerEntrypoints
from .entrypoints.documents import DocumentEntrypoints
from .entrypoints.exports import ExportEntrypoints
from .entrypoints.leave import LeaveEntrypoints
from .entrypoints.leave_reports import LeaveReportEntrypoints
from .entrypoints.settings import SettingsEntrypoints
from .entrypoints.skp import SkpEntrypoints
from .models import Base
from .schemas.common import (
    KepegawaianCapabilitiesOut,
    KepegawaianRosterStatusOut,
    KepegawaianRosterSyncOut,
)

_capabilities_out = KepegawaianCapabilitiesOut()


class KepegawaianService(HealthMixin, RosterCopy, LeaveEntrypoints, LeaveReportEntrypoints, CareerEntrypoints,
                         DocumentEntrypoints, SkpEntrypoints, ExportEntrypoints, SettingsEntrypoints):
    name = "kepegawaian"

    db = Database(Base.metadata)
    caller = CallerIdentity()
    call_log = CallIdLogging()

    # -- roster: situok_kit.roster.RosterCopy keeps it (personnel's events, a pull at start) and answers
    # ``sync_roster`` (admin: pull now) and ``roster_status`` through these schemas
    roster_store = roster
    roster_sync = sync
    roster_sync_out = KepegawaianRosterSyncOut()
    roster_status_out = KepegawaianRosterStatusOut()

    def _caller(self) -> access.Caller:
        """The identity in context (401 without one) with the caller's staff and the staff officers' unit."""
        return staff.caller_of(self.db.session, self.caller.require())

    def _amqp_uri(self) -> str:
        """The broker this service runs on (``domain.calendar`` asks attendance for holidays through it)."""
        return self.config["AMQP_URI"]

    @api
    def capabilities(self):
        """What the caller may do in kepegawaian in general (an edge's menu and pages); records carry their own
        ``allowed_actions``."""
        return _capabilities_out.dump(capabilities.capabilities(self._caller()))
