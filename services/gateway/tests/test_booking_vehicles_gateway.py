"""The booking vehicles routes (``gateway.domains.booking_vehicles``) with booking replaced: each route calls its
RPC with its arguments by name, a bad query parameter is 422 before booking is asked, booking's errors pass
through."""
import pytest
from gateway.domains.booking_vehicles import DOMAIN, ScheduleQuery
from gateway.queries import parse_query
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.errors import BadRequest, Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.pagination import DEFAULT_LIMIT

DRIVER = {"employee_id": 29, "name": "I Ketut Budiarta", "work_days": [1, 2, 3, 4, 5], "work_start": "07:30",
          "work_end": "16:00", "active": True, "absences": []}
TRIP = {"id": 7, "booking_id": 40, "status": "assigned", "driver_employee_id": 29, "allowed_actions": ["check_out"]}


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def post(json=None, method="POST", **kwargs):
    return make_request("/x", method=method, json=json, **kwargs)


def test_every_route_is_named_documented_and_answers_a_booking_schema():
    from booking.schemas import SCHEMAS

    names = [route.operation_id for route in DOMAIN.routes]
    assert len(names) == len(set(names)) == 13
    paths = {(route.method, route.path) for route in DOMAIN.routes}
    for expected in (("GET", "/booking/drivers"), ("POST", "/booking/drivers"),
                     ("PATCH", "/booking/drivers/<int:employee_id>"),
                     ("POST", "/booking/drivers/<int:employee_id>/absences"),
                     ("DELETE", "/booking/driver-absences/<int:absence_id>"), ("GET", "/booking/drivers/schedule"),
                     ("GET", "/booking/bookings/<int:booking_id>/available-drivers"),
                     ("POST", "/booking/bookings/<int:booking_id>/driver"), ("GET", "/booking/trips/mine"),
                     ("POST", "/booking/trips/<int:trip_id>/check-out"),
                     ("POST", "/booking/trips/<int:trip_id>/return"), ("GET", "/booking/trips/overdue")):
        assert expected in paths
    for route in DOMAIN.routes:
        assert route.response in SCHEMAS and route.summary and route.description and route.errors
        assert route.body is None or route.body.component in SCHEMAS


def test_the_schedule_needs_its_dates():
    with pytest.raises(ValidationFailed) as caught:
        parse_query(ScheduleQuery(), make_request("/x", query_string="starts_on=2031-09-01&ends_on=kemarin"))
    assert list(caught.value.fields) == ["ends_on"]
    with pytest.raises(ValidationFailed) as missing:
        parse_query(ScheduleQuery(), make_request("/x"))
    assert set(missing.value.fields) == {"starts_on", "ends_on"}


def test_the_drivers_list(service):
    service.booking.list_drivers.return_value = {"items": [DRIVER]}
    assert service.list_booking_drivers(make_request("/x")).body == {"items": [DRIVER]}
    service.booking.list_drivers.assert_called_once_with()
    service.booking.driver_candidates.return_value = {"items": []}
    service.booking_driver_candidates(make_request("/x", query_string="q=Ketut"))
    service.booking.driver_candidates.assert_called_once_with(q="Ketut")
    service.booking.add_driver.return_value = DRIVER
    reply = service.add_booking_driver(post({"employee_id": 29, "phone": "0812"}))
    assert reply.status == 201 and reply.headers == {"Location": "/api/v1/booking/drivers/29"}
    service.booking.add_driver.assert_called_once_with(data={"employee_id": 29, "phone": "0812"})
    service.booking.add_driver.side_effect = Conflict("Pegawai ini sudah ada di daftar pengemudi.",
                                                      {"employee_id": "Sudah ada."})
    assert isinstance(service.add_booking_driver(post({"employee_id": 29})), Conflict)
    assert isinstance(service.add_booking_driver(post()), BadRequest)  # a body is required
    service.booking.update_driver.return_value = {**DRIVER, "active": False}
    changed = service.update_booking_driver(post({"active": False}, method="PATCH"), employee_id=29)
    assert changed.body["active"] is False
    service.booking.update_driver.assert_called_once_with(employee_id=29, data={"active": False})
    service.booking.add_driver_absence.return_value = {"id": 3, "kind": "leave"}
    reply = service.add_booking_driver_absence(post({"kind": "leave", "starts_on": "2031-09-01",
                                                     "ends_on": "2031-09-02"}), employee_id=29)
    assert reply.status == 201
    service.booking.add_driver_absence.assert_called_once_with(
        employee_id=29, data={"kind": "leave", "starts_on": "2031-09-01", "ends_on": "2031-09-02"})
    service.booking.remove_driver_absence.return_value = {"id": 3, "removed": True}
    assert service.remove_booking_driver_absence(post(method="DELETE"), absence_id=3).body["removed"] is True
    service.booking.remove_driver_absence.assert_called_once_with(absence_id=3)
    service.booking.remove_driver_absence.side_effect = Forbidden("Hanya pengurus barang.")
    assert isinstance(service.remove_booking_driver_absence(post(method="DELETE"), absence_id=3), Forbidden)
    service.booking.driver_schedule.return_value = {"starts_on": "2031-09-01", "ends_on": "2031-09-07",
                                                    "drivers": []}
    service.booking_driver_schedule(make_request("/x", query_string="starts_on=2031-09-01&ends_on=2031-09-07"))
    service.booking.driver_schedule.assert_called_once_with(starts_on="2031-09-01", ends_on="2031-09-07")


def test_assignment_and_the_drivers_trips(service):
    service.booking.available_drivers.return_value = {"booking_id": 40, "items": [DRIVER]}
    assert service.booking_available_drivers(make_request("/x"), booking_id=40).body["items"] == [DRIVER]
    service.booking.available_drivers.assert_called_once_with(booking_id=40)
    service.booking.assign_driver.return_value = TRIP
    assert service.assign_booking_driver(post({"driver_employee_id": 29}), booking_id=40).body == TRIP
    service.booking.assign_driver.assert_called_once_with(booking_id=40, data={"driver_employee_id": 29})
    service.booking.assign_driver.side_effect = Conflict("Pengemudi ini sudah bertugas.",
                                                         {"driver_employee_id": "Bertugas lain."})
    refused = service.assign_booking_driver(post({"driver_employee_id": 29}), booking_id=41)
    assert isinstance(refused, Conflict) and list(refused.fields) == ["driver_employee_id"]

    page = {"items": [TRIP], "next_cursor": None}
    service.booking.my_trips.return_value = page
    assert service.list_my_booking_trips(make_request("/x", query_string="limit=5")).body == page
    service.booking.my_trips.assert_called_once_with(limit=5)
    service.list_my_booking_trips(make_request("/x"))
    service.booking.my_trips.assert_called_with(limit=DEFAULT_LIMIT)
    service.booking.check_out_trip.return_value = {**TRIP, "status": "checked_out"}
    service.check_out_booking_trip(post({"odometer_km": 100, "fuel": 4}), trip_id=7)
    service.booking.check_out_trip.assert_called_once_with(trip_id=7, data={"odometer_km": 100, "fuel": 4})
    service.booking.return_trip.side_effect = ValidationFailed("Odometer belum benar.", {"odometer_km": "…"})
    wrong = service.return_booking_trip(post({"odometer_km": 90, "fuel": 2}), trip_id=7)
    assert isinstance(wrong, ValidationFailed) and list(wrong.fields) == ["odometer_km"]
    service.booking.return_trip.side_effect = NotFound("Perjalanan tidak ditemukan.")
    assert isinstance(service.return_booking_trip(post({"odometer_km": 90, "fuel": 2}), trip_id=8), NotFound)
    service.booking.list_overdue_trips.return_value = {"items": []}
    assert service.list_overdue_booking_trips(make_request("/x")).body == {"items": []}
