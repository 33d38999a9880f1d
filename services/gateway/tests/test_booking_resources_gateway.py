"""The booking resources routes (``gateway.domains.booking_resources``) with booking replaced: parameters (the
availability search's query string becomes its ``data``, facilities comma-separated), bodies, statuses, and their
place in the OpenAPI document."""
import pytest
from gateway.domains.booking_resources import AvailabilityQuery, CalendarQuery, ResourceQuery
from gateway.openapi import build_spec
from gateway.queries import parse_query
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.pagination import DEFAULT_LIMIT

WINDOW = "kind=room&starts_at=2031-06-10T09:00&ends_at=2031-06-10T11:00"


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def post(json=None, method="POST"):
    return make_request("/x", method=method, json=json)


@pytest.mark.parametrize("schema, query, field", [
    (ResourceQuery(), "kind=kapal", "kind"), (ResourceQuery(), "limit=0", "limit"),
    (ResourceQuery(), "include_inactive=mungkin", "include_inactive"), (CalendarQuery(), "view=year", "view"),
    (CalendarQuery(), "date=besok", "date"), (AvailabilityQuery(), "kind=room", "starts_at"),
    (AvailabilityQuery(), WINDOW + "&participants=0", "participants"),
    (AvailabilityQuery(), WINDOW + "&passengers=abc", "passengers")])
def test_bad_parameters_name_the_parameter(schema, query, field):
    with pytest.raises(ValidationFailed) as caught:
        parse_query(schema, make_request("/x", query_string=query))
    assert field in caught.value.fields


def test_the_availability_query_becomes_the_searchs_data(service):
    answer = {"items": [], "next_cursor": None, "alternatives": [], "kind": "room",
              "starts_at": "2031-06-10T09:00:00+08:00", "ends_at": "2031-06-10T11:00:00+08:00"}
    service.booking.search_availability.return_value = answer
    reply = service.booking_availability(make_request(
        "/x", query_string=WINDOW + "&participants=12&facilities=proyektor,%20ac&limit=5"))
    assert reply.status == 200 and reply.body == answer
    service.booking.search_availability.assert_called_once_with(data={
        "kind": "room", "starts_at": "2031-06-10T09:00", "ends_at": "2031-06-10T11:00", "participants": 12,
        "facilities": ["proyektor", "ac"], "limit": 5})
    bad = service.booking_availability(make_request("/x", query_string=WINDOW + "&facilities=proyektor,kolam"))
    assert isinstance(bad, ValidationFailed) and "kolam" in bad.fields["facilities"]
    assert service.booking.search_availability.call_count == 1


def test_resources_are_listed_read_created_and_changed(service):
    service.booking.list_resources.return_value = {"items": [], "next_cursor": None}
    reply = service.list_booking_resources(make_request("/x", query_string="kind=vehicle&q=innova"))
    assert reply.status == 200
    service.booking.list_resources.assert_called_once_with(kind="vehicle", q="innova", limit=DEFAULT_LIMIT)
    service.booking.create_resource.return_value = {"id": 7, "allowed_actions": ["edit"]}
    body = {"kind": "room", "name": "Ruang Rapat Merak", "capacity": 30}
    created = service.create_booking_resource(post(body))
    assert created.status == 201 and created.headers["Location"].endswith("/booking/resources/7")
    service.booking.create_resource.assert_called_once_with(data=body)
    service.booking.update_resource.return_value = {"id": 7}
    service.update_booking_resource(post({"buffer_after_minutes": 15}, "PATCH"), resource_id=7)
    service.booking.update_resource.assert_called_once_with(resource_id=7, data={"buffer_after_minutes": 15})
    service.booking.get_resource.side_effect = NotFound("Sumber daya tidak ditemukan.")
    assert isinstance(service.get_booking_resource(make_request("/x"), resource_id=9), NotFound)
    service.booking.create_resource.side_effect = Forbidden("Hanya pengurus barang.")
    assert isinstance(service.create_booking_resource(post(body)), Forbidden)
    service.booking.sync_resources.return_value = {"resources": 3, "created": 1, "linked": 0}
    assert service.sync_booking_resources(post()).body["resources"] == 3


def test_calendars_and_blocks(service):
    service.booking.resource_calendar.return_value = {"view": "month", "days": []}
    service.booking_resource_calendar(make_request("/x", query_string="view=month&date=2031-06-10"), resource_id=4)
    service.booking.resource_calendar.assert_called_once_with(resource_id=4, view="month", date="2031-06-10")
    service.booking.calendar_overview.return_value = {"kind": "room", "rows": []}
    service.booking_calendar_overview(make_request("/x"))
    service.booking.calendar_overview.assert_called_once_with(kind="room")
    service.booking.list_blocks.return_value = {"items": []}
    service.list_booking_blocks(make_request("/x", query_string="starts_at=2031-06-01T00:00"), resource_id=4)
    service.booking.list_blocks.assert_called_once_with(resource_id=4, starts_at="2031-06-01T00:00")
    blackout = {"starts_at": "2031-06-10T08:00", "ends_at": "2031-06-10T17:00", "reason": "Renovasi"}
    service.booking.add_blackout.return_value = {"block": {"id": 3}, "cancelled_booking_ids": []}
    assert service.add_booking_blackout(post(blackout), resource_id=4).status == 201
    service.booking.add_blackout.assert_called_once_with(resource_id=4, data=blackout)
    service.booking.add_blackout.side_effect = Conflict("Ada 1 peminjaman disetujui pada masa itu: #9.")
    assert isinstance(service.add_booking_blackout(post(blackout), resource_id=4), Conflict)
    service.booking.remove_blackout.return_value = {"items": []}
    assert service.remove_booking_blackout(make_request("/x", method="DELETE"), block_id=3).body == {"items": []}
    service.booking.remove_blackout.assert_called_once_with(block_id=3)


def test_the_routes_are_in_the_openapi_document():
    paths = build_spec(GatewayService)["paths"]
    for path in ("/api/v1/booking/resources", "/api/v1/booking/resources/{resource_id}",
                 "/api/v1/booking/resources/{resource_id}/calendar", "/api/v1/booking/calendar",
                 "/api/v1/booking/resources/{resource_id}/blocks", "/api/v1/booking/blocks/{block_id}",
                 "/api/v1/booking/availability", "/api/v1/booking/resources/sync"):
        assert path in paths, sorted(p for p in paths if "booking" in p)
    assert set(paths["/api/v1/booking/resources/{resource_id}"]) >= {"get", "patch"}


def test_the_document_with_these_routes_is_valid_openapi_3():
    import json
    import pathlib

    from jsonschema import Draft4Validator

    schema = json.loads((pathlib.Path(__file__).parent / "oas-3.0-schema-2021-09-28.json").read_text())
    errors = list(Draft4Validator(schema).iter_errors(build_spec(GatewayService)))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
