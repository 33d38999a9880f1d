"""Drivers and vehicle trips on the real database (the domain driven directly): one trip at a time per driver —
proven against the exclusion constraint itself and through ``assign`` —, absences and inactive drivers refused,
check-out and return rules, overdue flagging at a given ``now``."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from booking.domain import bookings, trips
from booking.domain.access import Caller
from booking.models import Booking, Driver, DriverAbsence, Trip
from booking_core import make_resource, transaction
from situok_kit.clock import WITA
from situok_kit.errors import Conflict, Forbidden, ValidationFailed
from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

DAY = datetime(2031, 6, 2, tzinfo=WITA)  # a Monday


def at(hour: int, minute: int = 0, day: datetime = DAY) -> datetime:
    return day + timedelta(hours=hour, minutes=minute)


def ensure_driver(engine, employee_id: int, **values) -> None:
    with Session(engine) as session, session.begin():
        session.execute(insert(Driver).values(employee_id=employee_id, **values)
                        .on_conflict_do_update(index_elements=["employee_id"], set_={"active": True, **values}))


def approved_vehicle_booking(engine, bureau, start: datetime, end: datetime, vehicle: int | None = None) -> int:
    vehicle = vehicle or make_resource(engine, kind="vehicle", capacity=7)
    with transaction(engine) as tx:
        booking = bookings.create_for_employee(tx, Caller(bureau.pegawai()), {
            "resource_id": vehicle, "starts_at": start, "ends_at": end, "purpose": "Kunjungan kerja",
            "passengers": 3, "destination": "Singaraja"})
        bookings.approve(tx, Caller(bureau.admin()), booking.id)
        return booking.id


def assign(engine, caller, booking_id: int, driver: int) -> tuple[int, list[str]]:
    with transaction(engine) as tx:
        trip, warnings = trips.assign(tx, caller, booking_id, driver)
        return trip.id, warnings


def test_the_constraint_refuses_a_second_overlapping_trip_of_one_driver(bureau, booking_db):
    _, engine = booking_db
    driver = bureau.employee_ids["teknisi"]
    ensure_driver(engine, driver)
    first = approved_vehicle_booking(engine, bureau, at(8), at(12))
    second = approved_vehicle_booking(engine, bureau, at(11), at(15))
    third = approved_vehicle_booking(engine, bureau, at(12), at(14))
    with transaction(engine) as tx:
        trips.assign(tx, Caller(bureau.admin()), first, driver)
    vehicle = bureau.scalar("SELECT resource_id FROM bookings WHERE id = :id", {"id": second})
    with pytest.raises(IntegrityError) as refused, Session(engine) as session, session.begin():
        session.add(Trip(booking_id=second, resource_id=vehicle, driver_employee_id=driver, starts_at=at(11),
                         ends_at=at(15), status="assigned"))
    assert refused.value.orig.pgcode == "23P01"
    assert "ex_trips_driver_no_overlap" in str(refused.value.orig)
    # a cancelled trip holds no time; touching ends are fine
    with Session(engine) as session, session.begin():
        session.add(Trip(booking_id=second, resource_id=vehicle, driver_employee_id=driver, starts_at=at(11),
                         ends_at=at(15), status="cancelled"))
        session.add(Trip(booking_id=third, resource_id=vehicle, driver_employee_id=driver, starts_at=at(12),
                         ends_at=at(14), status="assigned"))


def test_assigning_a_busy_driver_is_a_409_naming_the_driver_and_reassigning_replaces(bureau, booking_db, monkeypatch):
    _, engine = booking_db
    busy, other = bureau.employee_ids["pramu_bakti"], bureau.employee_ids["dokumentasi"]
    ensure_driver(engine, busy)
    ensure_driver(engine, other)
    day = DAY + timedelta(days=1)
    first = approved_vehicle_booking(engine, bureau, at(8, day=day), at(17, day=day))
    second = approved_vehicle_booking(engine, bureau, at(9, day=day), at(10, day=day))
    keeper = Caller(bureau.keeper())
    trip_id, warnings = assign(engine, keeper, first, busy)
    assert warnings and "jam kerja" in warnings[0]  # 08:00–17:00 goes beyond 16:00: a warning, not a refusal
    with pytest.raises(Conflict) as refused, transaction(engine) as tx:
        trips.assign(tx, keeper, second, busy)
    assert "driver_employee_id" in refused.value.fields
    assert f"#{first}" in refused.value.fields["driver_employee_id"]
    # the code's own check skipped: the exclusion constraint still answers 409 (a race lost)
    monkeypatch.setattr(trips.drivers_domain, "absence_of", lambda *a, **k: None)
    with pytest.raises(Conflict) as raced, transaction(engine) as tx:
        trips.assign(tx, keeper, second, busy)
    assert "driver_employee_id" in raced.value.fields
    with transaction(engine) as tx:
        session = tx.session
        free = [d.employee_id for d in trips.available(session, keeper, second)["items"]]
    assert other in free and busy not in free
    # re-assigning the first booking replaces its driver (the same trip)
    again, _ = assign(engine, keeper, first, other)
    assert again == trip_id
    with Session(engine) as session:
        assert session.get(Trip, trip_id).driver_employee_id == other
        events = session.execute(text("SELECT count(*) FROM outbox_events WHERE event_type = "
                                      "'booking.driver_assigned' AND (envelope->'data'->>'booking_id')::int = :id"),
                                 {"id": first}).scalar()
    assert events == 2
    # only the approver or a keeper assigns
    with pytest.raises(Forbidden), transaction(engine) as tx:
        trips.assign(tx, Caller(bureau.pegawai()), second, busy)


def test_absent_and_inactive_drivers_are_refused(bureau, booking_db):
    _, engine = booking_db
    day = DAY + timedelta(days=2)
    absent, inactive = bureau.employee_ids["arsiparis"], bureau.employee_ids["analis_protokol"]
    ensure_driver(engine, absent)
    ensure_driver(engine, inactive, active=False)
    with Session(engine) as session, session.begin():
        session.add(DriverAbsence(driver_employee_id=absent, kind="leave", starts_on=day.date(), ends_on=day.date(),
                                  reason="Cuti tahunan"))
    booking = approved_vehicle_booking(engine, bureau, at(9, day=day), at(11, day=day))
    keeper = Caller(bureau.keeper())
    with pytest.raises(Conflict) as away, transaction(engine) as tx:
        trips.assign(tx, keeper, booking, absent)
    assert "cuti" in away.value.fields["driver_employee_id"]
    with pytest.raises(ValidationFailed) as off, transaction(engine) as tx:
        trips.assign(tx, keeper, booking, inactive)
    assert "driver_employee_id" in off.value.fields
    with transaction(engine) as tx:
        free = [d.employee_id for d in trips.available(tx.session, keeper, booking)["items"]]
    assert absent not in free and inactive not in free


def test_check_out_and_return_rules(bureau, booking_db):
    _, engine = booking_db
    day = DAY + timedelta(days=3)
    driver_key = "pppk_kpg"
    driver = bureau.employee_ids[driver_key]
    ensure_driver(engine, driver)
    booking = approved_vehicle_booking(engine, bureau, at(9, day=day), at(12, day=day))
    trip_id, _ = assign(engine, Caller(bureau.admin()), booking, driver)
    me = Caller(bureau.as_(driver_key, "pegawai"))
    with pytest.raises(Conflict) as early, transaction(engine) as tx:
        trips.check_out(tx, me, trip_id, {"odometer_km": 1000, "fuel": 6}, now=at(18, day=day - timedelta(days=1)))
    assert "starts_at" in early.value.fields
    with pytest.raises(Forbidden), transaction(engine) as tx:
        trips.check_out(tx, Caller(bureau.pegawai()), trip_id, {"odometer_km": 1000, "fuel": 6}, now=at(8, day=day))
    with transaction(engine) as tx:
        trips.check_out(tx, me, trip_id, {"odometer_km": 1000, "fuel": 6, "notes": "Bersih"}, now=at(8, day=day))
    with pytest.raises(ValidationFailed) as less, transaction(engine) as tx:
        trips.return_trip(tx, me, trip_id, {"odometer_km": 999, "fuel": 4}, now=at(12, day=day))
    assert "odometer_km" in less.value.fields
    with transaction(engine) as tx:
        trips.return_trip(tx, Caller(bureau.keeper()), trip_id, {"odometer_km": 1085, "fuel": 3, "damage": "Spion"},
                          now=at(12, day=day))
    with Session(engine) as session:
        row = session.get(Trip, trip_id)
        assert (row.status, row.odometer_out, row.odometer_in, row.fuel_in, row.damage) == (
            "returned", 1000, 1085, 3, "Spion")
        assert session.get(Booking, booking).id == booking
        # a local vehicle (no asset_id): checked out is published, returned is not (assets requires asset_id)
        kinds = session.execute(text("SELECT event_type FROM outbox_events WHERE (envelope->'data'->>'trip_id')::int"
                                     " = :id ORDER BY id"), {"id": trip_id}).scalars().all()
    assert kinds == ["booking.driver_assigned", "booking.trip_checked_out"]
    summary = trips.summaries_of(Session(engine), [booking])[booking]
    assert summary["status"] == "returned" and summary["overdue"] is False


def test_a_vehicle_from_assets_publishes_what_assets_reads(bureau, booking_db):
    from assets.schemas.maintenance import BookingTripReturnedIn

    _, engine = booking_db
    day = DAY + timedelta(days=4)
    driver = bureau.employee_ids["pppk_kom"]
    ensure_driver(engine, driver)
    vehicle = make_resource(engine, kind="vehicle", capacity=7, source="assets", asset_id=990001 + driver,
                            resource_key=f"vehicle:{990001 + driver}")
    booking = approved_vehicle_booking(engine, bureau, at(9, day=day), at(12, day=day), vehicle)
    trip_id, _ = assign(engine, Caller(bureau.admin()), booking, driver)
    with transaction(engine) as tx:
        trips.check_out(tx, Caller(bureau.keeper()), trip_id, {"odometer_km": 500, "fuel": 8}, now=at(9, day=day))
        trips.return_trip(tx, Caller(bureau.keeper()), trip_id, {"odometer_km": 620, "fuel": 5},
                          now=at(13, day=day))
    payload = bureau.scalar("SELECT envelope->'data' FROM outbox_events WHERE event_type = 'booking.trip_returned' "
                            "AND (envelope->'data'->>'trip_id')::int = :id", {"id": trip_id})
    assert set(payload) == {"trip_id", "asset_id", "resource_key", "driver_employee_id", "checked_out_at",
                            "returned_at", "odometer_out", "odometer_in", "fuel_out", "fuel_in", "damage",
                            "destination"}
    loaded = BookingTripReturnedIn().load(payload)
    assert (loaded["asset_id"], loaded["odometer_out"], loaded["odometer_in"], loaded["destination"]) == (
        990001 + driver, 500, 620, "Singaraja")


def test_overdue_trips_are_flagged_once(bureau, booking_db):
    _, engine = booking_db
    day = DAY + timedelta(days=5)
    driver = bureau.employee_ids["analis_sdm"]
    ensure_driver(engine, driver)
    booking = approved_vehicle_booking(engine, bureau, at(9, day=day), at(12, day=day))
    trip_id, _ = assign(engine, Caller(bureau.admin()), booking, driver)
    with transaction(engine) as tx:
        trips.check_out(tx, Caller(bureau.keeper()), trip_id, {"odometer_km": 10, "fuel": 8}, now=at(9, day=day))
    with transaction(engine) as tx:
        assert trip_id not in trips.flag_overdue(tx, now=at(12, 20, day=day))  # within the 30 minutes' grace
    with transaction(engine) as tx:
        assert trip_id in trips.flag_overdue(tx, now=at(12, 31, day=day))
    with transaction(engine) as tx:
        assert trip_id not in trips.flag_overdue(tx, now=at(13, day=day))  # once
    assert bureau.scalar("SELECT count(*) FROM outbox_events WHERE event_type = 'booking.trip_overdue' AND "
                         "(envelope->'data'->>'trip_id')::int = :id", {"id": trip_id}) == 1
    with Session(engine) as session:
        listed = [t.id for t in trips.overdue_trips(session, Caller(bureau.keeper()), now=at(13, day=day))]
    assert trip_id in listed
    # a cancelled booking cancels its trip
    with transaction(engine) as tx:
        bookings.cancel(tx, Caller(bureau.admin()), booking, "Tidak jadi berangkat")
    with Session(engine) as session:
        assert session.get(Trip, trip_id).status == "cancelled"


def test_a_moved_booking_moves_its_trip_or_frees_it_when_the_driver_is_busy(bureau, booking_db):
    _, engine = booking_db
    day = DAY + timedelta(days=6)
    driver = bureau.employee_ids["kasubbag_dok"]
    ensure_driver(engine, driver)
    first = approved_vehicle_booking(engine, bureau, at(8, day=day), at(10, day=day))
    second = approved_vehicle_booking(engine, bureau, at(13, day=day), at(15, day=day))
    first_trip, _ = assign(engine, Caller(bureau.admin()), first, driver)
    second_trip, _ = assign(engine, Caller(bureau.admin()), second, driver)
    with transaction(engine) as tx:  # moved to a free time: the trip follows
        booking = tx.session.get(Booking, second)
        booking.starts_at, booking.ends_at = at(14, day=day), at(16, day=day)
        booking.occupied_from, booking.occupied_to = at(14, day=day), at(16, day=day)
        trips.booking_rescheduled(tx, booking)
    with Session(engine) as session:
        assert (session.get(Trip, second_trip).starts_at, session.get(Trip, second_trip).status) == (
            at(14, day=day), "assigned")
    with transaction(engine) as tx:  # moved onto the driver's other trip: the trip is freed, the move stands
        booking = tx.session.get(Booking, second)
        booking.starts_at, booking.ends_at = at(9, day=day), at(11, day=day)
        booking.occupied_from, booking.occupied_to = at(9, day=day), at(11, day=day)
        trips.booking_rescheduled(tx, booking)
    with Session(engine) as session:
        assert session.get(Trip, second_trip).status == "cancelled"
        assert session.get(Trip, first_trip).status == "assigned"
    assert bureau.scalar("SELECT action FROM booking_steps WHERE booking_id = :id ORDER BY id DESC LIMIT 1",
                         {"id": second}) == "driver_unassigned"
    # assigning again works on the same trip row once the driver is free
    with transaction(engine) as tx:
        booking = tx.session.get(Booking, second)
        booking.starts_at, booking.ends_at = at(17, day=day), at(18, day=day)
        booking.occupied_from, booking.occupied_to = at(17, day=day), at(18, day=day)
    again, _ = assign(engine, Caller(bureau.admin()), second, driver)
    assert again == second_trip
