"""No SPT over approved leave, through the real broker: kepegawaian's ``leave_approved`` is kept by travel, and an
order whose traveller is on leave on any day of the trip is refused (422 naming ``travellers.<i>.employee_id``
and the leave's kind and days) at create, at update and — for a leave approved after the draft — at submit and
approve; ``leave_cancelled`` frees the days, also when it arrives before the approval; redeliveries and bad
payloads change nothing."""
from __future__ import annotations

import itertools
import time
from datetime import date, timedelta

import pytest
from situok_kit.errors import ValidationFailed
from situok_kit.testing import publish_event, wait_for
from travel_testkit import order_data, trip_dates

pytestmark = pytest.mark.integration

_ids = itertools.count(int(time.time()) % 100_000 * 100)


def leave_event(bureau, key: str, start: str, end: str, *, status: str = "approved", leave_id: int | None = None,
                decided_at: str | None = "2026-01-02T09:00:00+08:00") -> dict:
    return {"id": leave_id or next(_ids), "employee_id": bureau.employee_ids[key], "employee_name": key,
            "nip": None, "employment_type": "pns", "unit_id": 1, "kind": "tahunan", "kind_name": "Cuti Tahunan",
            "start_date": start, "end_date": end, "days": 2, "half_day": None, "status": status,
            "decided_at": decided_at}


def kept(bureau, leave_id: int):
    """How travel's copy holds the leave: ``approved``, ``cancelled`` or None (not kept)."""
    return bureau.travel_scalar("SELECT CASE WHEN cancelled THEN 'cancelled' ELSE 'approved' END "
                                "FROM kepegawaian_leaves WHERE leave_id = :id", {"id": leave_id})


def handled(bureau, event_id: str) -> bool:
    return bureau.travel_scalar("SELECT count(*) FROM processed_events WHERE event_id = :id", {"id": event_id}) >= 1


def day_after(iso: str, days: int = 1) -> str:
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


def test_an_order_over_approved_leave_is_refused_naming_the_traveller_and_the_leave(rpc, bureau, broker_uri):
    pegawai = rpc(bureau.account("pegawai"))
    start, end = trip_dates(3)
    # the leave covers only the last day of the trip: still refused (and stays inside this test's window)
    leave = leave_event(bureau, "pegawai", end, end)
    publish_event(broker_uri, "kepegawaian.leave_approved", leave)
    wait_for(lambda: kept(bureau, leave["id"]) == "approved", message="leave kept")

    with pytest.raises(ValidationFailed) as refused:
        rpc(bureau.admin()).create_order(order_data(bureau, "bendahara", "pegawai", dates=(start, end)))
    assert set(refused.value.fields) == {"travellers.1.employee_id"}            # the second traveller's row
    message = refused.value.fields["travellers.1.employee_id"]
    assert "Cuti Tahunan" in message and f"({end} s.d. {end})" in message

    # the days before the leave are free; moving the draft onto the leave is refused on update
    before = (start, day_after(start, 1))
    draft = pegawai.create_order(order_data(bureau, "pegawai", dates=before))
    with pytest.raises(ValidationFailed) as moved:
        pegawai.update_order(draft["id"], {"return_date": end})
    assert "Cuti Tahunan" in moved.value.fields["travellers.0.employee_id"]
    assert pegawai.get_order(draft["id"])["return_date"] == before[1]         # nothing saved


def test_leave_approved_after_the_draft_stops_the_approval_until_it_is_cancelled(rpc, bureau, broker_uri):
    pegawai, kabag = rpc(bureau.account("pegawai")), rpc(bureau.account("kabag"))
    start, end = trip_dates(2)
    order = pegawai.create_order(order_data(bureau, "pegawai", dates=(start, end)))
    pegawai.submit_order(order["id"])

    leave = leave_event(bureau, "pegawai", start, start)
    publish_event(broker_uri, "kepegawaian.leave_approved", leave)
    wait_for(lambda: kept(bureau, leave["id"]) == "approved", message="leave kept")
    with pytest.raises(ValidationFailed) as refused:
        kabag.approve_order(order["id"])
    assert "Cuti Tahunan" in refused.value.fields["travellers.0.employee_id"]
    assert pegawai.get_order(order["id"])["status"] == "submitted"

    publish_event(broker_uri, "kepegawaian.leave_cancelled", {**leave, "status": "cancelled"})
    wait_for(lambda: kept(bureau, leave["id"]) == "cancelled", message="leave cancelled")
    assert kabag.approve_order(order["id"])["status"] == "approved"


def test_a_cancellation_arriving_first_keeps_the_late_approval_off_and_redelivery_changes_nothing(
        rpc, bureau, broker_uri):
    pegawai = rpc(bureau.account("pegawai"))
    start, end = trip_dates(2)
    leave = leave_event(bureau, "pegawai", start, end)
    publish_event(broker_uri, "kepegawaian.leave_cancelled", {**leave, "status": "cancelled"})
    wait_for(lambda: kept(bureau, leave["id"]) == "cancelled", message="cancellation kept")
    late = publish_event(broker_uri, "kepegawaian.leave_approved", leave)
    wait_for(lambda: handled(bureau, late), message="late approval handled")
    assert kept(bureau, leave["id"]) == "cancelled"
    assert pegawai.create_order(order_data(bureau, "pegawai", dates=(start, end)))["status"] == "draft"

    # an approval redelivered (same event id) and an older decision of the same leave change nothing
    other = leave_event(bureau, "pegawai", *trip_dates(2), decided_at="2026-01-05T09:00:00+08:00")
    first = publish_event(broker_uri, "kepegawaian.leave_approved", other)
    wait_for(lambda: handled(bureau, first), message="approval handled")
    publish_event(broker_uri, "kepegawaian.leave_approved", other, event_id=first)
    older = publish_event(broker_uri, "kepegawaian.leave_approved",
                          {**other, "end_date": other["start_date"], "decided_at": "2026-01-01T09:00:00+08:00"})
    wait_for(lambda: handled(bureau, older), message="older decision handled")
    assert bureau.travel_scalar("SELECT end_date FROM kepegawaian_leaves WHERE leave_id = :id",
                                {"id": other["id"]}).isoformat() == other["end_date"]


def test_an_unreadable_leave_event_is_dropped_and_the_queue_keeps_moving(rpc, bureau, broker_uri):
    start, end = trip_dates(2)
    bad = publish_event(broker_uri, "kepegawaian.leave_approved", {"id": "x", "employee_id": None})
    backwards = leave_event(bureau, "pegawai", end, start)
    publish_event(broker_uri, "kepegawaian.leave_approved", backwards)
    good = leave_event(bureau, "bendahara", start, end)
    publish_event(broker_uri, "kepegawaian.leave_approved", good)
    wait_for(lambda: kept(bureau, good["id"]) == "approved", message="the next event handled")
    assert handled(bureau, bad) and kept(bureau, backwards["id"]) is None
