"""Calendars: the span of a day, a week (Monday–Sunday) and a month; a resource's calendar through the service
with approved and pending bookings (pending marked, no guest contact), blocks, an entry crossing midnight on both
days; a day's overview of a kind."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from booking.domain import bookings, calendar
from booking.domain.access import Caller
from booking.models import ResourceBlock
from booking_core import make_resource, transaction
from situok_kit.clock import WITA
from situok_kit.errors import ValidationFailed
from sqlalchemy.orm import Session

DAY = date(2031, 9, 17)  # a Wednesday


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=WITA)


def test_the_spans_of_the_views():
    assert calendar.span("day", DAY) == (DAY, DAY, date(2031, 9, 16), date(2031, 9, 18))
    assert calendar.span("week", DAY) == (date(2031, 9, 15), date(2031, 9, 21), date(2031, 9, 10),
                                          date(2031, 9, 24))
    assert calendar.span("month", DAY) == (date(2031, 9, 1), date(2031, 9, 30), date(2031, 8, 1),
                                           date(2031, 10, 1))
    assert calendar.span("month", date(2032, 1, 31))[2:] == (date(2031, 12, 1), date(2032, 2, 1))
    with pytest.raises(ValidationFailed):
        calendar.span("year", DAY)


def test_days_hold_the_entries_meeting_them():
    late = {"starts_at": at(DAY, 22), "ends_at": at(DAY + timedelta(days=1), 2)}
    days = calendar.by_day([late], DAY, DAY + timedelta(days=2))
    assert [len(d["entries"]) for d in days] == [1, 1, 0]
    assert [d["weekday"] for d in days] == ["Rabu", "Kamis", "Jumat"]


@pytest.mark.integration
def test_a_resources_calendar_by_day_week_and_month_and_the_overview(rpc, bureau, booking_db):
    _, engine = booking_db
    room = make_resource(engine, name="Ruang Kalender")
    staff, admin = Caller(bureau.pegawai()), Caller(bureau.admin())
    with transaction(engine) as tx:
        approved = bookings.create_for_employee(tx, staff, {"resource_id": room, "starts_at": at(DAY, 9),
                                                            "ends_at": at(DAY, 11), "purpose": "Rapat anggaran"})
        bookings.approve(tx, admin, approved.id)
        pending = bookings.create_for_employee(tx, staff, {"resource_id": room, "starts_at": at(DAY, 13),
                                                           "ends_at": at(DAY, 14), "purpose": "Sosialisasi"})
        overnight = bookings.create_for_employee(tx, staff, {
            "resource_id": room, "starts_at": at(DAY + timedelta(days=2), 20),
            "ends_at": at(DAY + timedelta(days=3), 2), "purpose": "Lembur panitia"})
        ids = approved.id, pending.id, overnight.id
    with Session(engine) as session, session.begin():
        session.add(ResourceBlock(resource_id=room, kind="blackout", starts_at=at(DAY + timedelta(days=8), 0),
                                  ends_at=at(DAY + timedelta(days=9), 0), reason="Pengecatan"))
    proxy = rpc(bureau.pegawai())

    one = proxy.resource_calendar(room, "day", DAY.isoformat())
    assert (one["starts_on"], one["ends_on"], one["resource"]["id"]) == (DAY.isoformat(), DAY.isoformat(), room)
    entries = one["days"][0]["entries"]
    assert [(e["booking_id"], e["status"], e["pending"], e["label"]) for e in entries] == [
        (ids[0], "approved", False, "Rapat anggaran"), (ids[1], "pending", True, "Sosialisasi")]
    assert all("contact_phone" not in e and "guest" not in e for e in entries)

    week = proxy.resource_calendar(room, "week", DAY.isoformat())
    assert [d["date"] for d in week["days"]][0] == "2031-09-15" and len(week["days"]) == 7
    by_date = {d["date"]: [e["booking_id"] for e in d["entries"]] for d in week["days"]}
    assert by_date["2031-09-19"] == [ids[2]] and by_date["2031-09-20"] == [ids[2]]
    assert week["previous_date"] == "2031-09-10" and week["next_date"] == "2031-09-24"

    month = proxy.resource_calendar(room, "month", DAY.isoformat())
    assert len(month["days"]) == 30
    kinds = [(d["date"], e["kind"], e["label"]) for d in month["days"] for e in d["entries"] if e["kind"] != "booking"]
    assert kinds == [("2031-09-25", "blackout", "Pengecatan")]

    overview = proxy.calendar_overview("room", DAY.isoformat())
    row = next(r for r in overview["rows"] if r["resource_id"] == room)
    assert [e["booking_id"] for e in row["entries"]] == [ids[0], ids[1]] and row["bookable"] is True
    with pytest.raises(ValidationFailed) as bad:
        proxy.resource_calendar(room, "year", "2031-13-01")
    assert "view" in bad.value.fields
    with pytest.raises(ValidationFailed) as bad_date:
        proxy.calendar_overview("room", "kemarin")
    assert set(bad_date.value.fields) == {"date"}
