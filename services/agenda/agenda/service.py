"""The agenda Nameko service: the leaders' agenda and its documentation, what the public portal shows, official
visit and audience requests, and the public's feedback.

The entrypoints live in one mixin per area (``agenda.entrypoints``) — this class is their table of contents:

* leaders (``LeaderEntrypoints``): the leaders the bureau serves and the order of precedence (data kept by
  protocol staff); a leader's daily and weekly agenda as a PDF;
* events (``EventEntrypoints``): events with their leaders, participants, VIP guests in protocol order,
  run-down, protocol staff, the room booked through booking; status steps; conflicts in a leader's agenda;
  the staff's day and week views;
* documentation (``DocumentationEntrypoints``): photos (re-encoded, EXIF gone, thumbnails, alt text), minutes,
  press release, attachments; submit → approve (with an optional embargo) or return;
* public (``PublicEntrypoints``): what the portal shows — upcoming public events, published documentation by
  month, search, one event's page, the Atom feed's and sitemap's entries (``domain.publication`` decides);
* visits (``VisitEntrypoints``): the public's visit/audience requests, tracking codes, the decision with a time
  and a room (booking), the visitor pass (PDF with a QR) and its check at reception;
* feedback (``FeedbackEntrypoints``): suggestions, questions and complaints, tracking codes, triage to a unit,
  answers (published when the sender agrees), response times per unit;
* settings (``SettingsEntrypoints``): the protocol unit, the approving role, the public forms' limits, the
  forms' time-to-submit ticket.

Contract: docs/contracts.md and ``agenda.schemas``.
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
from .entrypoints.documentation import DocumentationEntrypoints
from .entrypoints.events import EventEntrypoints
from .entrypoints.feedback import FeedbackEntrypoints
from .entrypoints.leaders import LeaderEntrypoints
from .entrypoints.public import PublicEntrypoints
from .entrypoints.settings import SettingsEntrypoints
from .entrypoints.visits import VisitEntrypoints
from .models import Base
from .schemas.common import AgendaCapabilitiesOut, AgendaRosterStatusOut, AgendaRosterSyncOut

_capabilities_out = AgendaCapabilitiesOut()


class AgendaService(HealthMixin, RosterCopy, LeaderEntrypoints, EventEntrypoints, DocumentationEntrypoints,
                    PublicEntrypoints, VisitEntrypoints, FeedbackEntrypoints, SettingsEntrypoints):
    name = "agenda"

    db = Database(Base.metadata)
    caller = CallerIdentity()
    call_log = CallIdLogging()

    # -- roster: situok_kit.roster.RosterCopy keeps it (personnel's events, a pull at start) and answers
    # ``sync_roster`` (admin: pull now) and ``roster_status`` through these schemas
    roster_store = roster
    roster_sync = sync
    roster_sync_out = AgendaRosterSyncOut()
    roster_status_out = AgendaRosterStatusOut()

    def _caller(self) -> access.Caller:
        """The identity in context (401 without one) with the protocol unit's facts, as agenda sees it."""
        return staff.caller_of(self.db.session, self.caller.require())

    def _amqp_uri(self) -> str:
        """The broker this service runs on (``domain.rooms`` calls booking through it)."""
        return self.config["AMQP_URI"]

    @api
    def capabilities(self):
        """What the caller may do in agenda in general (an edge's menu and pages); records carry their own
        ``allowed_actions``."""
        return _capabilities_out.dump(capabilities.capabilities(self._caller()))
