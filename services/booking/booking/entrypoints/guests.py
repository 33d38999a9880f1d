"""The guests area's entrypoints: guest requests from the public portal (``domain.guests``).

``guest_resources``, ``submit_guest_request`` and ``guest_request_status`` are **public**: they take no identity
(a guest has no account) — the edges call them for anyone. ``client`` is the client's address as the edge saw it
(the per-client limit), passed by the gateway/web, never by the guest. ``list_guest_requests`` is the staff's.
"""
from __future__ import annotations

from situok_kit.rpc import api
from situok_kit.schema import load_input

from ..domain import guests
from ..schemas.guests import (
    GuestCodeIn,
    GuestReceiptOut,
    GuestRequestIn,
    GuestRequestQuery,
    GuestRequestStatusOut,
    GuestResourceList,
)
from ..schemas.requests import BookingPage

_resources_out = GuestResourceList()
_request_in = GuestRequestIn()
_receipt_out = GuestReceiptOut()
_code_in = GuestCodeIn()
_status_out = GuestRequestStatusOut()
_query = GuestRequestQuery()
_page_out = BookingPage()


class GuestEntrypoints:
    """RPCs of the guests area (mixed into ``BookingService``)."""

    @api
    def guest_resources(self):
        """Public: the buildings and halls a guest may ask for."""
        return _resources_out.dump({"items": guests.guest_resources(self.db.session)})

    @api
    def submit_guest_request(self, data, client=None):
        """Public: the portal's form → the receipt with the tracking code (shown once). 422 naming each bad field;
        429 over the per-client limit; 409 when the time is taken. A filled honeypot answers like a success and
        stores nothing."""
        payload = load_input(_request_in, data)
        with self.db.transaction() as tx:
            return _receipt_out.dump(guests.submit(tx, payload, client if isinstance(client, str) else None))

    @api
    def guest_request_status(self, code):
        """Public: the request of a tracking code; 404 (one message) for an unknown or malformed code."""
        args = load_input(_code_in, {"code": code if isinstance(code, str) else ""})
        return _status_out.dump(guests.request_status(self.db.session, args["code"]))

    @api
    def list_guest_requests(self, status=None, cursor=None, limit=50):
        """Approvers: guest requests for the resources they approve, newest first, with the guests' contacts."""
        caller = self._caller()
        args = load_input(_query, {"status": status})
        return _page_out.dump(guests.queue(self.db.session, caller, args.get("status"), cursor, limit))
