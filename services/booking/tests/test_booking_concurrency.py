"""No double booking, ever — through the service: 50 pending requests for overlapping times on one room, 50
approvals sent at once (each on its own RPC proxy, the service's workers deciding them concurrently) end with
exactly one approved; the 49 others are answered 409 naming ``starts_at``, and the database holds one approved
row. (The exclusion constraint written to directly: ``test_booking_core``.)"""
from __future__ import annotations

from datetime import datetime, timedelta

import eventlet
import pytest
from booking.domain import bookings
from booking.domain.access import Caller
from booking_core import make_resource, transaction
from situok_kit.clock import WITA
from situok_kit.errors import Conflict

pytestmark = pytest.mark.integration

REQUESTS = 50
DAY = datetime(2031, 6, 10, tzinfo=WITA)


def test_fifty_concurrent_approvals_of_overlapping_requests_end_with_exactly_one(rpc, bureau, booking_db):
    _, engine = booking_db
    manager = bureau.manager()
    room = make_resource(engine, capacity=40, buffer_after_minutes=15,
                         manager_employee_id=bureau.employee_ids["kasubbag_rtp"])
    staff = Caller(bureau.pegawai())
    with transaction(engine) as tx:  # every request overlaps every other (09:00–11:00, each a minute later)
        ids = [bookings.create_for_employee(tx, staff, {
            "resource_id": room, "starts_at": DAY + timedelta(hours=9, minutes=i),
            "ends_at": DAY + timedelta(hours=11, minutes=i), "purpose": f"Rapat {i}"}).id for i in range(REQUESTS)]
    proxies = [rpc(manager) for _ in range(REQUESTS)]

    def approve(pair):
        proxy, booking_id = pair
        try:
            return proxy.approve_booking(booking_id, {"note": None})
        except Conflict as refused:
            return refused

    answers = list(eventlet.GreenPool(REQUESTS).imap(approve, zip(proxies, ids, strict=True)))

    approved = [a for a in answers if isinstance(a, dict)]
    refused = [a for a in answers if isinstance(a, Conflict)]
    assert len(approved) == 1 and approved[0]["status"] == "approved"
    assert len(refused) == REQUESTS - 1
    assert all("starts_at" in r.fields for r in refused)
    assert any(f"#{approved[0]['id']}" in r.fields["starts_at"] for r in refused)  # names the winner
    assert bureau.scalar("SELECT count(*) FROM bookings WHERE resource_id = :r AND status = 'approved'",
                         {"r": room}) == 1
    assert bureau.scalar("SELECT count(*) FROM bookings WHERE resource_id = :r AND status = 'pending'",
                         {"r": room}) == REQUESTS - 1
    # one ``approved`` step, for the winner only
    assert bureau.rows("SELECT s.booking_id FROM booking_steps s JOIN bookings b ON b.id = s.booking_id "
                       "WHERE b.resource_id = :r AND s.action = 'approved'", {"r": room}) == [(approved[0]["id"],)]
    # the losers stay pending and now show the approved booking as their conflict
    loser = rpc(manager).get_booking(next(i for i in ids if i != approved[0]["id"]))
    assert {(c["booking_id"], c["status"]) for c in loser["conflicts"]} >= {(approved[0]["id"], "approved")}
