"""The travel Nameko service: RPC entrypoints and event consumers only.

Each method checks who is calling, validates its input with the contract schemas, calls the domain and
returns plain JSON. Writes run in one transaction with their outbox events. Contract: docs/contracts.md.
"""
from __future__ import annotations

import base64
import logging

from situok_kit.db import Database
from situok_kit.errors import ValidationFailed
from situok_kit.health import HealthMixin
from situok_kit.idempotency import run_idempotent
from situok_kit.identity import CallerIdentity
from situok_kit.logs import CallIdLogging
from situok_kit.pagination import clamp_limit
from situok_kit.roster import RosterConsumers
from situok_kit.rpc import api
from situok_kit.schema import load_input as load
from situok_kit.schema import record_id

from . import sync, views
from .domain import orders, rates, roster, settings
from .models import Base
from .schemas import (
    DocumentIn,
    EstimateIn,
    LegIn,
    NoteIn,
    OrderFilters,
    OrderIn,
    RateFileIn,
    RealizeIn,
    ReasonIn,
    ReportIn,
    RulesIn,
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






def _merged_loader(changes):
    if not isinstance(changes, dict):
        raise ValidationFailed("Data tidak valid.", {"_schema": "Data harus berupa objek JSON."})

    def merge(current: dict) -> dict:
        return load(_order_in, {**current, **changes})

    return merge


class TravelService(HealthMixin, RosterConsumers):
    name = "travel"

    db = Database(Base.metadata)
    caller = CallerIdentity()
    call_log = CallIdLogging()
    roster_store = roster
    roster_sync = sync

    # -- orders ------------------------------------------------------------------------------

    @api
    def estimate(self, data):
        """Cost estimate of an unsaved draft (the UI shows it live)."""
        self.caller.require()
        return orders.estimate_draft(self.db.session, load(_estimate_in, data))

    @api
    def create_order(self, data, idempotency_key=None):
        ident = self.caller.require()
        payload = load(_order_in, data)
        return run_idempotent(
            self.db, f"create_order:{ident.account_id}", idempotency_key, data,
            lambda tx: orders.order_detail(tx.session, orders.create_order(tx, ident, payload)))

    @api
    def update_order(self, order_id, data):
        ident = self.caller.require()
        order_id = record_id(order_id, "order_id")
        merge = _merged_loader(data)
        with self.db.transaction() as tx:
            return orders.order_detail(tx.session, orders.update_order(tx, ident, order_id, merge))

    @api
    def get_order(self, order_id):
        ident = self.caller.require()
        session = self.db.session
        return orders.order_detail(session, orders.visible_order(session, ident, record_id(order_id, "order_id"),
                                                                 "travel.get_order"))

    @api
    def list_orders(self, filters=None, cursor=None, limit=50):
        ident = self.caller.require()
        return orders.list_orders(self.db.session, ident, load(_filters, filters), cursor, clamp_limit(limit))

    def _transition(self, fn, order_id, *args):
        ident = self.caller.require()
        order_id = record_id(order_id, "order_id")
        with self.db.transaction() as tx:
            return orders.order_detail(tx.session, fn(tx, ident, order_id, *args))

    @api
    def submit_order(self, order_id, note=None):
        return self._transition(orders.submit, order_id, load(_note_in, {"note": note}).get("note"))

    @api
    def approve_order(self, order_id, note=None):
        return self._transition(orders.approve, order_id, load(_note_in, {"note": note}).get("note"))

    @api
    def reject_order(self, order_id, reason=None):
        return self._transition(orders.reject, order_id, load(_reason_in, {"reason": reason})["reason"])

    @api
    def issue_order(self, order_id):
        return self._transition(orders.issue, order_id)

    @api
    def cancel_order(self, order_id, reason=None):
        return self._transition(orders.cancel, order_id, load(_reason_in, {"reason": reason})["reason"])

    @api
    def file_report(self, order_id, data):
        return self._transition(orders.file_report, order_id, load(_report_in, data))

    @api
    def complete_order(self, order_id, note=None):
        return self._transition(orders.complete, order_id, load(_note_in, {"note": note}).get("note"))

    @api
    def realize_order(self, order_id, data):
        return self._transition(orders.realize, order_id, load(_realize_in, data))

    @api
    def record_leg(self, order_id, data):
        """SPPD sheet II: the caller arrives at / leaves a stop (the server's clock decides the time)."""
        ident = self.caller.require()
        order_id = record_id(order_id, "order_id")
        payload = load(_leg_in, data)
        with self.db.transaction() as tx:
            return views.leg_out(orders.record_leg(tx, ident, order_id, payload))

    @api
    def get_attachment(self, attachment_id):
        ident = self.caller.require()
        session = self.db.session
        attachment = orders.get_attachment(session, ident, record_id(attachment_id, "attachment_id"))
        return {**views.attachment_out(attachment),
                "content_b64": base64.b64encode(attachment.content).decode()}

    @api
    def verify_letter(self, token):
        """Public (no identity): what the QR code on a letter may tell anyone."""
        return orders.verify_letter(self.db.session, token)

    @api
    def order_document(self, order_id, kind, traveller_id=None):
        ident = self.caller.require()
        order_id = record_id(order_id, "order_id")
        args = load(_document_in, {"kind": kind, "traveller_id": traveller_id})
        from .domain import letters

        session = self.db.session
        order = orders.visible_order(session, ident, order_id, "travel.order_document")
        return letters.render_document(session, order, args["kind"], args.get("traveller_id"))

    # -- rate tables ---------------------------------------------------------------------------

    @api
    def list_rate_tables(self):
        self.caller.require()
        return rates.list_tables(self.db.session)

    @api
    def get_rate_table(self, fiscal_year):
        self.caller.require()
        return rates.get_table(self.db.session, record_id(fiscal_year, "fiscal_year"))

    @api
    def load_rate_table(self, fiscal_year, filename, content_b64):
        """Admin: replace a year's table from a CSV/XLSX file; a bad file changes nothing."""
        ident = self.caller.require_roles("admin")
        args = load(_rate_file_in, {"fiscal_year": fiscal_year, "filename": filename, "content_b64": content_b64})
        rows = rates.parse_file(args["filename"], args["content_b64"])
        with self.db.transaction() as tx:
            table = rates.store_table(tx.session, args["fiscal_year"], rows, args["filename"], ident.username)
            return rates.table_info(table)

    # -- configuration ----------------------------------------------------------------------------

    @api
    def get_rules(self):
        self.caller.require()
        return settings.get_rules(self.db.session)

    @api
    def update_rules(self, data):
        """Admin: replace level rules and/or approval rules, change number templates."""
        self.caller.require_roles("admin")
        payload = load(_rules_in, data)
        with self.db.transaction() as tx:
            return settings.update_rules(tx.session, payload)

    # -- roster ----------------------------------------------------------------------------------

    @api
    def sync_roster(self):
        """Admin: pull every employee and org unit from personnel now."""
        self.caller.require_roles("admin")
        return sync.sync_with(self.db, self.config["AMQP_URI"])

    @api
    def roster_status(self):
        self.caller.require()
        return roster.counts(self.db.session)

