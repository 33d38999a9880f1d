"""Travel's approved trips as kepegawaian keeps them, through the real broker: ``travel.order_approved`` puts
each traveller on dinas for their days, ``travel.order_cancelled`` takes them off — also when it arrives first
(the late approval stays off) — redeliveries change nothing; ``domain.trips.conflicts`` (what the leave area asks
when leave is requested and approved) answers the overlapping trips; ``employee_trips`` shows them to the
employee, their supervisors, the staff officers and the official only."""
from __future__ import annotations

import itertools
import time
from datetime import date

import pytest
from kepegawaian.domain import trips
from situok_kit.errors import Forbidden, ValidationFailed
from situok_kit.testing import publish_event, wait_for
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

_orders = itertools.count(int(time.time()) % 100_000 * 100)
_years = itertools.count(2040)


def order_event(bureau, *keys: str, start: str, end: str, number: str | None = None, **per_traveller) -> dict:
    """A ``travel.order_approved``/``order_cancelled`` payload as travel dumps it (``OrderApprovedEvent``)."""
    travellers = [{"employee_id": bureau.employee_ids[k], "name": k, "nip": None, "unit_id": 1,
                   "sppd_number": None, "departure_date": per_traveller.get(k, (start, end))[0],
                   "return_date": per_traveller.get(k, (start, end))[1], "followers": []} for k in keys]
    return {"order_id": next(_orders), "status": "approved", "number": number, "unit_id": 1,
            "requester_employee_id": None, "purpose": "Koordinasi tata usaha ke Jakarta",
            "destinations": [{"province_code": "31", "city": "Jakarta Pusat"}], "category": "luar_kota",
            "transport": "umum", "departure_date": start, "return_date": end, "estimate_total": 1_000_000,
            "travellers": travellers, "approved_by_employee_id": None, "note": None}


def handled(bureau, event_id: str) -> bool:
    return bureau.scalar("SELECT count(*) FROM processed_events WHERE event_id = :id", {"id": event_id}) >= 1


def conflicts(kepegawaian_db, employee_id: int, start: str, end: str) -> list[dict]:
    _, engine = kepegawaian_db
    with Session(engine) as session:
        return trips.conflicts(session, employee_id, date.fromisoformat(start), date.fromisoformat(end))


def test_an_approved_trip_is_a_conflict_on_each_of_its_days_only(services, bureau, broker_uri, kepegawaian_db):
    year = next(_years)
    pegawai, bendahara = bureau.employee_ids["pegawai"], bureau.employee_ids["bendahara"]
    event = order_event(bureau, "pegawai", "bendahara", start=f"{year}-03-10", end=f"{year}-03-12",
                        bendahara=(f"{year}-03-11", f"{year}-03-12"))   # a traveller's own dates count
    published = publish_event(broker_uri, "travel.order_approved", event)
    wait_for(lambda: handled(bureau, published), message="order_approved consumed")

    found = conflicts(kepegawaian_db, pegawai, f"{year}-03-12", f"{year}-03-20")   # the last day overlaps
    assert found == [{"order_id": event["order_id"], "number": None, "purpose": event["purpose"],
                      "start_date": date(year, 3, 10), "end_date": date(year, 3, 12)}]
    assert conflicts(kepegawaian_db, pegawai, f"{year}-03-01", f"{year}-03-10")       # the first day too
    assert conflicts(kepegawaian_db, pegawai, f"{year}-03-13", f"{year}-03-20") == []  # the day after: free
    assert conflicts(kepegawaian_db, bendahara, f"{year}-03-10", f"{year}-03-10") == []
    assert conflicts(kepegawaian_db, bendahara, f"{year}-03-11", f"{year}-03-11")

    # redelivered: still one trip
    publish_event(broker_uri, "travel.order_approved", event, event_id=published)
    again = publish_event(broker_uri, "travel.order_approved", event)
    wait_for(lambda: handled(bureau, again), message="second delivery consumed")
    assert len(conflicts(kepegawaian_db, pegawai, f"{year}-03-01", f"{year}-03-31")) == 1

    # cancelled: the days are free again
    cancelled = publish_event(broker_uri, "travel.order_cancelled",
                              {**event, "status": "cancelled", "from_status": "approved", "reason": "batal"})
    wait_for(lambda: handled(bureau, cancelled), message="order_cancelled consumed")
    assert conflicts(kepegawaian_db, pegawai, f"{year}-03-01", f"{year}-03-31") == []
    assert conflicts(kepegawaian_db, bendahara, f"{year}-03-01", f"{year}-03-31") == []


def test_a_cancellation_arriving_before_its_approval_keeps_the_trip_off(services, bureau, broker_uri, kepegawaian_db):
    year = next(_years)
    event = order_event(bureau, "pegawai", start=f"{year}-05-04", end=f"{year}-05-05", number="000.1/9/Biro")
    first = publish_event(broker_uri, "travel.order_cancelled",
                          {**event, "status": "cancelled", "from_status": "approved", "reason": "batal"})
    wait_for(lambda: handled(bureau, first), message="order_cancelled consumed")
    late = publish_event(broker_uri, "travel.order_approved", event)
    wait_for(lambda: handled(bureau, late), message="late order_approved consumed")
    assert conflicts(kepegawaian_db, bureau.employee_ids["pegawai"], f"{year}-05-01", f"{year}-05-31") == []


def test_employee_trips_for_the_employee_their_supervisors_and_the_staff_officers_only(rpc, bureau, broker_uri):
    year = next(_years)
    event = order_event(bureau, "pegawai", start=f"{year}-07-06", end=f"{year}-07-08", number="000.1/12/Biro")
    published = publish_event(broker_uri, "travel.order_approved", event)
    wait_for(lambda: handled(bureau, published), message="order_approved consumed")
    pegawai = bureau.employee_ids["pegawai"]
    expected = [{"order_id": event["order_id"], "number": "000.1/12/Biro", "purpose": event["purpose"],
                 "start_date": f"{year}-07-06", "end_date": f"{year}-07-08"}]
    for reader in (bureau.pegawai(), bureau.supervisor(), bureau.kabag(), bureau.staff_officer(),
                   bureau.official()):
        assert rpc(reader).employee_trips(pegawai, f"{year}-07-01", f"{year}-07-31") == expected
    assert rpc(bureau.pegawai()).employee_trips(pegawai, f"{year}-07-09", f"{year}-07-31") == []
    with pytest.raises(Forbidden):
        rpc(bureau.colleague()).employee_trips(pegawai, f"{year}-07-01", f"{year}-07-31")
    with pytest.raises(ValidationFailed) as backwards:
        rpc(bureau.pegawai()).employee_trips(pegawai, f"{year}-07-31", f"{year}-07-01")
    assert "end" in backwards.value.fields
    with pytest.raises(ValidationFailed) as bad:
        rpc(bureau.pegawai()).employee_trips("x", "kemarin", None)
    assert {"employee_id", "start", "end"} <= set(bad.value.fields)


def test_issuing_gives_the_trip_its_number_and_a_late_approval_keeps_it(services, bureau, broker_uri,
                                                                       kepegawaian_db):
    year = next(_years)
    pegawai = bureau.employee_ids["pegawai"]
    event = order_event(bureau, "pegawai", start=f"{year}-09-01", end=f"{year}-09-02")
    approved = publish_event(broker_uri, "travel.order_approved", event)
    wait_for(lambda: handled(bureau, approved), message="order_approved consumed")
    assert conflicts(kepegawaian_db, pegawai, f"{year}-09-01", f"{year}-09-01")[0]["number"] is None

    issued = {**event, "status": "issued", "number": "000.1.2.3/77/Biro Umum/2040",
              "issued_at": f"{year}-08-20T02:00:00+00:00", "issued_date": f"{year}-08-20", "verify_url": "x"}
    done = publish_event(broker_uri, "travel.order_issued", issued)
    wait_for(lambda: handled(bureau, done), message="order_issued consumed")
    assert conflicts(kepegawaian_db, pegawai, f"{year}-09-01", f"{year}-09-01")[0]["number"] == issued["number"]

    again = publish_event(broker_uri, "travel.order_approved", event)          # an approval redelivered late
    wait_for(lambda: handled(bureau, again), message="late order_approved consumed")
    assert conflicts(kepegawaian_db, pegawai, f"{year}-09-01", f"{year}-09-01")[0]["number"] == issued["number"]
