"""The travel Nameko service: RPC entrypoints and event consumers only.

Each method checks who is calling, validates its input with the contract's input schemas, calls the domain
and answers with an output schema dumping what the domain returned. Writes run in one transaction with their
outbox events. Contract: docs/contracts.md and ``travel.schemas``.
"""
from __future__ import annotations

import logging
from datetime import datetime

from marshmallow import ValidationError
from situok_contracts.events import Booking, Kepegawaian
from situok_kit.consumers import event_consumer
from situok_kit.db import Database
from situok_kit.errors import ValidationFailed
from situok_kit.health import HealthMixin
from situok_kit.idempotency import run_idempotent
from situok_kit.identity import CallerIdentity
from situok_kit.logs import CallIdLogging
from situok_kit.pagination import clamp_limit
from situok_kit.roster import RosterCopy
from situok_kit.rpc import api
from situok_kit.schema import load_input as load
from situok_kit.schema import record_id

from . import sync
from .domain import access, capabilities, commands, drafting, official_vehicle, rates, reading, roster, settings, trip
from .domain import leave as leave_copy
from .models import Base
from .schemas import (
    AttachmentFileOut,
    DocumentIn,
    EstimateIn,
    EstimateOut,
    LegIn,
    LegOut,
    LetterVerificationOut,
    NoteIn,
    OrderDetailOut,
    OrderDocumentOut,
    OrderFilters,
    OrderIn,
    OrderPage,
    RateFileIn,
    RateTableDetailOut,
    RateTableOut,
    RealizeIn,
    ReasonIn,
    ReportIn,
    RosterStatusOut,
    RosterSyncOut,
    RulesIn,
    RulesOut,
    TravelCapabilitiesOut,
    TravelVehicleEventIn,
)

log = logging.getLogger(__name__)

_order_in = OrderIn()
_estimate_in = EstimateIn()
_filters = OrderFilters()
_note_in = NoteIn()
_reason_in = ReasonIn()
_leg_in = LegIn()
_report_in = ReportIn()
_realize_in = RealizeIn()
_rate_file_in = RateFileIn()
_document_in = DocumentIn()
_rules_in = RulesIn()

_order_detail = OrderDetailOut()
_order_page = OrderPage()
_estimate_out = EstimateOut()
_leg_out = LegOut()
_attachment_file = AttachmentFileOut()
_letter_verification = LetterVerificationOut()
_order_document = OrderDocumentOut()
_rate_table = RateTableOut()
_rate_tables = RateTableOut(many=True)
_rate_table_detail = RateTableDetailOut()
_rules_out = RulesOut()
_capabilities_out = TravelCapabilitiesOut()
_vehicle_event_in = TravelVehicleEventIn()


def _merged_loader(changes):
    if not isinstance(changes, dict):
        raise ValidationFailed("Data tidak valid.", {"_schema": "Data harus berupa objek JSON."})

    def merge(current: dict) -> dict:
        return load(_order_in, {**current, **changes})

    return merge


class TravelService(HealthMixin, RosterCopy):
    name = "travel"

    db = Database(Base.metadata)
    caller = CallerIdentity()
    call_log = CallIdLogging()

    # -- roster: situok_kit.roster.RosterCopy keeps it (personnel's events, a pull at start) and answers
    # ``sync_roster`` (admin: pull now) and ``roster_status`` through these schemas
    roster_store = roster
    roster_sync = sync
    roster_sync_out = RosterSyncOut()
    roster_status_out = RosterStatusOut()

    def _caller(self, session) -> access.Caller:
        """The identity in context (401 without one) with the facts its rights depend on."""
        return access.look_up(session, self.caller.require())

    # -- orders ------------------------------------------------------------------------------

    @api
    def estimate(self, data):
        """Cost estimate of an unsaved draft (the UI shows it live)."""
        session = self.db.session
        caller = self._caller(session)
        return _estimate_out.dump(drafting.estimate_draft(session, caller, load(_estimate_in, data)))

    @api
    def create_order(self, data, idempotency_key=None):
        ident = self.caller.require()
        payload = load(_order_in, data)

        def create(tx):
            caller = access.look_up(tx.session, ident)
            return _order_detail.dump(reading.detail(tx.session, caller, drafting.create_order(tx, caller, payload)))

        return run_idempotent(self.db, f"create_order:{ident.account_id}", idempotency_key, data, create)

    @api
    def update_order(self, order_id, data):
        self.caller.require()
        return self._command(drafting.update_order, order_id, _merged_loader(data))

    @api
    def get_order(self, order_id):
        session = self.db.session
        caller = self._caller(session)
        order = reading.visible_order(session, caller, record_id(order_id, "order_id"), "travel.get_order")
        return _order_detail.dump(reading.detail(session, caller, order))

    @api
    def list_orders(self, filters=None, cursor=None, limit=50):
        session = self.db.session
        caller = self._caller(session)
        return _order_page.dump(reading.list_orders(session, caller, load(_filters, filters), cursor,
                                                    clamp_limit(limit)))

    def _command(self, command, order_id, *args):
        """Run ``command(tx, caller, order_id, *args)`` in a transaction; answer the order as the caller sees
        it afterwards."""
        self.caller.require()
        order_id = record_id(order_id, "order_id")
        with self.db.transaction() as tx:
            caller = self._caller(tx.session)
            return _order_detail.dump(reading.detail(tx.session, caller, command(tx, caller, order_id, *args)))

    @api
    def submit_order(self, order_id, note=None):
        return self._command(commands.submit, order_id, load(_note_in, {"note": note}).get("note"))

    @api
    def approve_order(self, order_id, note=None):
        return self._command(commands.approve, order_id, load(_note_in, {"note": note}).get("note"))

    @api
    def reject_order(self, order_id, reason=None):
        return self._command(commands.reject, order_id, load(_reason_in, {"reason": reason})["reason"])

    @api
    def issue_order(self, order_id):
        return self._command(commands.issue, order_id)

    @api
    def cancel_order(self, order_id, reason=None):
        return self._command(commands.cancel, order_id, load(_reason_in, {"reason": reason})["reason"])

    @api
    def file_report(self, order_id, data):
        return self._command(trip.file_report, order_id, load(_report_in, data))

    @api
    def complete_order(self, order_id, note=None):
        return self._command(commands.complete, order_id, load(_note_in, {"note": note}).get("note"))

    @api
    def realize_order(self, order_id, data):
        return self._command(trip.realize, order_id, load(_realize_in, data))

    @api
    def record_leg(self, order_id, data):
        """SPPD sheet II: the caller arrives at / leaves a stop (the server's clock decides the time)."""
        self.caller.require()
        order_id = record_id(order_id, "order_id")
        payload = load(_leg_in, data)
        with self.db.transaction() as tx:
            return _leg_out.dump(trip.record_leg(tx, self._caller(tx.session), order_id, payload))

    @api
    def get_attachment(self, attachment_id):
        session = self.db.session
        caller = self._caller(session)
        return _attachment_file.dump(trip.get_attachment(session, caller, record_id(attachment_id, "attachment_id")))

    @api
    def verify_letter(self, token):
        """Public (no identity): what the QR code on a letter may tell anyone."""
        return _letter_verification.dump(trip.verify_letter(self.db.session, token))

    @api
    def order_document(self, order_id, kind, traveller_id=None):
        session = self.db.session
        caller = self._caller(session)
        order_id = record_id(order_id, "order_id")
        args = load(_document_in, {"kind": kind, "traveller_id": traveller_id})
        from .domain import letters

        order = reading.visible_order(session, caller, order_id, "travel.order_document")
        return _order_document.dump(letters.render_document(session, order, args["kind"], args.get("traveller_id")))

    # -- rate tables ---------------------------------------------------------------------------

    @api
    def list_rate_tables(self):
        self.caller.require()
        return _rate_tables.dump(rates.list_tables(self.db.session))

    @api
    def get_rate_table(self, fiscal_year):
        self.caller.require()
        return _rate_table_detail.dump(rates.get_table(self.db.session, record_id(fiscal_year, "fiscal_year")))

    @api
    def load_rate_table(self, fiscal_year, filename, content_b64):
        """Admin: replace a year's table from a CSV/XLSX file; a bad file changes nothing."""
        ident = self.caller.require_roles("admin")
        args = load(_rate_file_in, {"fiscal_year": fiscal_year, "filename": filename, "content_b64": content_b64})
        rows = rates.parse_file(args["filename"], args["content_b64"])
        with self.db.transaction() as tx:
            table = rates.store_table(tx.session, args["fiscal_year"], rows, args["filename"], ident.username)
            return _rate_table.dump(table)

    # -- configuration ----------------------------------------------------------------------------

    @api
    def capabilities(self):
        """What the caller may do in travel in general (an edge's menu and pages); orders carry their own
        ``allowed_actions``."""
        return _capabilities_out.dump(capabilities.capabilities(self._caller(self.db.session)))

    @api
    def get_rules(self):
        self.caller.require()
        return _rules_out.dump(settings.get_rules(self.db.session))

    @api
    def update_rules(self, data):
        """Admin: replace level rules and/or approval rules, change number templates."""
        self.caller.require_roles("admin")
        payload = load(_rules_in, data)
        with self.db.transaction() as tx:
            return _rules_out.dump(settings.update_rules(tx.session, payload))

    # -- booking's official vehicles ------------------------------------------------------------------

    @event_consumer(Booking.TRAVEL_VEHICLE_RESERVED)
    def on_vehicle_reserved(self, tx, event):
        """booking reserved a vehicle and driver for an order with ``transport`` ``dinas``: shown on the order."""
        self._official_vehicle(tx, event)

    @event_consumer(Booking.TRAVEL_VEHICLE_UNAVAILABLE)
    def on_vehicle_unavailable(self, tx, event):
        """booking found no vehicle or driver free for the order's dates: the order says so."""
        self._official_vehicle(tx, event)

    def _official_vehicle(self, tx, event):
        try:
            data = _vehicle_event_in.load(event.data or {})
        except ValidationError as exc:  # retrying would not help
            log.warning("%s %s refused: %s", event.type, event.id, exc.messages)
            return
        official_vehicle.record(tx.session, data, datetime.fromisoformat(event.occurred_at), event.id)

    # -- kepegawaian's approved leave (no SPT over it: domain.leave) ---------------------------------------------

    @event_consumer(Kepegawaian.LEAVE_APPROVED)
    def on_leave_approved(self, tx, event):
        """An employee's leave approved: no order may send them travelling on its days."""
        leave_copy.COPY.approved(tx.session, event.data)

    @event_consumer(Kepegawaian.LEAVE_CANCELLED)
    def on_leave_cancelled(self, tx, event):
        """A leave cancelled: its days are free for a trip again."""
        leave_copy.COPY.cancelled(tx.session, event.data)
