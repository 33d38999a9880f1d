"""The visits area's entrypoints: official visit and audience requests (``domain.visits``).

``submit_visit_request``, ``visit_request_status`` and ``visit_pass`` are **public**: they take no identity (a
visitor has no account). ``client`` is the client's address as the edge saw it (the per-client limit), passed by
the gateway/web, never by the visitor. Every other RPC is protocol staff's; deciding is the approver's
(``Caller.approves_publication``). A room is reserved in booking (``domain.rooms``) before agenda's commit.
"""
from __future__ import annotations

import base64
import functools

from situok_kit.rpc import api
from situok_kit.schema import load_input
from situok_kit.schema import record_id as checked_id

from ..domain import rooms, visits
from ..schemas.visits import (
    VisitApproveIn,
    VisitCodeIn,
    VisitFileOut,
    VisitPassCheckOut,
    VisitQuery,
    VisitReasonIn,
    VisitReceiptOut,
    VisitRequestIn,
    VisitRequestOut,
    VisitRequestPage,
    VisitStatusOut,
    VisitTokenIn,
)

_request_in = VisitRequestIn()
_receipt_out = VisitReceiptOut()
_code_in = VisitCodeIn()
_status_out = VisitStatusOut()
_file_out = VisitFileOut()
_query = VisitQuery()
_page_out = VisitRequestPage()
_visit_out = VisitRequestOut()
_approve_in = VisitApproveIn()
_reason_in = VisitReasonIn()
_token_in = VisitTokenIn()
_check_out = VisitPassCheckOut()


def _file(found: dict) -> dict:
    return _file_out.dump({"filename": found["filename"], "content_type": found["content_type"],
                           "content_b64": base64.b64encode(found["content"]).decode()})


def _text(value) -> str:
    return value if isinstance(value, str) else ""


class VisitEntrypoints:
    """RPCs of the visits area (mixed into ``AgendaService``)."""

    # -- public ---------------------------------------------------------------------------------------
    @api
    def submit_visit_request(self, data, client=None):
        """Public: the portal's form → the receipt with the tracking code (shown once). 422 naming each bad field
        (``ticket`` for a missing/forged/too fast/expired form ticket); 429 over the per-client limit. A filled
        honeypot answers like a success and stores nothing."""
        payload = load_input(_request_in, data)
        with self.db.transaction() as tx:
            return _receipt_out.dump(visits.submit(tx, payload, client if isinstance(client, str) else None))

    @api
    def visit_request_status(self, code):
        """Public: the request of a tracking code (no contact); 404 (one message) for an unknown or malformed
        code."""
        args = load_input(_code_in, {"code": _text(code)})
        return _status_out.dump(visits.request_status(self.db.session, args["code"]))

    @api
    def visit_pass(self, code):
        """Public: the visitor pass (PDF with a QR) of an approved request, by its tracking code; 404 as for the
        status; 409 while not approved. Each download issues a new pass token (the latest pass is valid)."""
        args = load_input(_code_in, {"code": _text(code)})
        with self.db.transaction() as tx:
            return _file(visits.visit_pass(tx, args["code"]))

    # -- staff ----------------------------------------------------------------------------------------
    @api
    def list_visit_requests(self, status=None, cursor=None, limit=50):
        """Protocol staff and approvers: the requests, newest first, with contacts and ``allowed_actions``."""
        caller = self._caller()
        args = load_input(_query, {"status": status})
        return _page_out.dump(visits.queue(self.db.session, caller, args.get("status"), cursor, limit))

    @api
    def get_visit_request(self, visit_id):
        """Protocol staff and approvers: one request with its contact."""
        caller = self._caller()
        return _visit_out.dump(visits.detail(self.db.session, caller, checked_id(visit_id, "visit_id")))

    @api
    def visit_request_letter(self, visit_id):
        """Protocol staff and approvers: the request's letter (PDF or image)."""
        caller = self._caller()
        return _file(visits.letter(self.db.session, caller, checked_id(visit_id, "visit_id")))

    @api
    def approve_visit_request(self, visit_id, data):
        """The approver: a time and a room (reserved in booking; 409 naming booking's conflict, nothing written)
        or an address, and an optional note."""
        caller = self._caller()
        visit_id = checked_id(visit_id, "visit_id")
        payload = load_input(_approve_in, data)
        reserve = functools.partial(rooms.reserve, self._amqp_uri())
        with self.db.transaction() as tx:
            return _visit_out.dump(visits.approve(tx, caller, visit_id, payload, reserve))

    @api
    def refuse_visit_request(self, visit_id, reason=None):
        """The approver: refuse a pending request with a reason (shown to the visitor)."""
        caller = self._caller()
        visit_id = checked_id(visit_id, "visit_id")
        args = load_input(_reason_in, {"reason": reason})
        with self.db.transaction() as tx:
            return _visit_out.dump(visits.refuse(tx, caller, visit_id, args["reason"]))

    @api
    def cancel_visit_request(self, visit_id, reason=None):
        """Protocol staff: cancel a pending or approved request with a reason (its room released in booking)."""
        caller = self._caller()
        visit_id = checked_id(visit_id, "visit_id")
        args = load_input(_reason_in, {"reason": reason})
        release = functools.partial(rooms.release, self._amqp_uri())
        with self.db.transaction() as tx:
            return _visit_out.dump(visits.cancel(tx, caller, visit_id, args["reason"], release))

    # -- reception ------------------------------------------------------------------------------------
    @api
    def check_visitor_pass(self, token):
        """Protocol staff at reception: whether a pass is valid now (its day, its time window, approved)."""
        caller = self._caller()
        args = load_input(_token_in, {"token": _text(token)})
        return _check_out.dump(visits.check_pass(self.db.session, caller, args["token"]))

    @api
    def check_in_visitor(self, token):
        """Protocol staff at reception: record the arrival of a valid pass's visitors (once; 409 otherwise)."""
        caller = self._caller()
        args = load_input(_token_in, {"token": _text(token)})
        with self.db.transaction() as tx:
            return _check_out.dump(visits.check_in(tx, caller, args["token"]))
