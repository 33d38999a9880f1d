"""The booking series routes (``gateway.domains.booking_series``) with booking replaced: each route calls its RPC
with its arguments by name, a bad page parameter is 422 before booking is asked, booking's errors pass through."""
import pytest
from gateway.domains.booking_series import DOMAIN, SeriesMineQuery
from gateway.queries import parse_query
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.errors import BadRequest, Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.pagination import DEFAULT_LIMIT

SERIES = {"id": 4, "status": "active", "allowed_actions": ["cancel", "edit_following"], "occurrences": []}
OCCURRENCE = {"id": 40, "series_id": 4, "status": "pending", "detached": True, "allowed_actions": ["cancel"]}


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def post(json=None, **kwargs):
    return make_request("/x", method="POST", json=json, **kwargs)


def test_every_route_is_named_documented_and_answers_a_booking_schema():
    from booking.schemas import SCHEMAS

    names = [route.operation_id for route in DOMAIN.routes]
    assert len(names) == len(set(names)) == 8
    paths = {(route.method, route.path) for route in DOMAIN.routes}
    assert ("POST", "/booking/bookings/<int:booking_id>/edit-following") in paths
    assert ("GET", "/booking/series/mine") in paths
    for route in DOMAIN.routes:
        assert route.response in SCHEMAS and route.summary and route.description and route.errors
        assert route.body is None or route.body.component in SCHEMAS


def test_a_bad_page_parameter_names_it():
    with pytest.raises(ValidationFailed) as caught:
        parse_query(SeriesMineQuery(), make_request("/x", query_string="limit=0"))
    assert list(caught.value.fields) == ["limit"]


def test_create_read_and_list(service):
    body = {"resource_id": 3, "frequency": "weekly", "weekdays": [1, 3], "starts_on": "2031-03-01",
            "until_on": "2031-03-31", "start_time": "09:00", "end_time": "11:00", "purpose": "Rapat mingguan"}
    service.booking.create_series.return_value = SERIES
    reply = service.create_booking_series(post(body))
    assert reply.status == 201 and reply.headers == {"Location": "/api/v1/booking/series/4"}
    service.booking.create_series.assert_called_once_with(data=body)
    service.booking.create_series.side_effect = ValidationFailed("Seri terlalu banyak jadwal.",
                                                                 {"until_on": "Seri paling banyak 100 jadwal."})
    refused = service.create_booking_series(post(body))
    assert isinstance(refused, ValidationFailed) and list(refused.fields) == ["until_on"]

    service.booking.get_series.return_value = SERIES
    assert service.get_booking_series(make_request("/x"), series_id=4).body == SERIES
    service.booking.get_series.assert_called_once_with(series_id=4)
    service.booking.get_series.side_effect = NotFound("Seri peminjaman tidak ditemukan.")
    assert isinstance(service.get_booking_series(make_request("/x"), series_id=5), NotFound)

    page = {"items": [SERIES], "next_cursor": None}
    service.booking.list_my_series.return_value = page
    assert service.list_my_booking_series(make_request("/x", query_string="cursor=abc&limit=10")).body == page
    service.booking.list_my_series.assert_called_once_with(cursor="abc", limit=10)
    service.list_my_booking_series(make_request("/x"))
    service.booking.list_my_series.assert_called_with(limit=DEFAULT_LIMIT)


def test_the_decision_and_the_cancellation(service):
    report = {"decision": "approve", "approved_ids": [40, 41], "rejected_ids": [],
              "conflicting": [{"booking_id": 42, "conflicts": [{"kind": "booking", "booking_id": 9}]}],
              "series": SERIES}
    service.booking.decide_series.return_value = report
    reply = service.decide_booking_series(post({"decision": "approve", "note": None}), series_id=4)
    assert reply.status == 200 and reply.body == report
    service.booking.decide_series.assert_called_once_with(series_id=4, data={"decision": "approve", "note": None})
    service.booking.decide_series.side_effect = Forbidden("Pemohon tidak dapat memutuskan seri peminjamannya sendiri.")
    assert isinstance(service.decide_booking_series(post({"decision": "approve"}), series_id=4), Forbidden)
    assert isinstance(service.decide_booking_series(post(), series_id=4), BadRequest)  # a body is required

    service.booking.cancel_series.return_value = {**SERIES, "status": "cancelled", "allowed_actions": []}
    assert service.cancel_booking_series(post({"reason": "Renovasi"}), series_id=4).body["status"] == "cancelled"
    service.booking.cancel_series.assert_called_once_with(series_id=4, data={"reason": "Renovasi"})
    service.booking.cancel_series.side_effect = Conflict("Seri berstatus dibatalkan tidak dapat dibatalkan.")
    assert isinstance(service.cancel_booking_series(post({"reason": "Lagi"}), series_id=4), Conflict)


def test_one_occurrence_and_this_and_following(service):
    when = {"starts_at": "2031-03-10T14:00:00+08:00", "ends_at": "2031-03-10T16:00:00+08:00"}
    service.booking.move_occurrence.return_value = OCCURRENCE
    assert service.move_booking_occurrence(post(when), booking_id=40).body == OCCURRENCE
    service.booking.move_occurrence.assert_called_once_with(booking_id=40, data=when)
    service.booking.cancel_occurrence.return_value = {**OCCURRENCE, "status": "cancelled"}
    service.cancel_booking_occurrence(post({"reason": "Dinas luar"}), booking_id=41)
    service.booking.cancel_occurrence.assert_called_once_with(booking_id=41, data={"reason": "Dinas luar"})
    service.booking.edit_following.return_value = {**SERIES, "id": 5, "split_from_id": 4}
    reply = service.edit_booking_series_following(post({"start_time": "10:00", "end_time": "12:00"}), booking_id=42)
    assert reply.status == 201 and reply.headers == {"Location": "/api/v1/booking/series/5"}
    service.booking.edit_following.assert_called_once_with(booking_id=42, data={"start_time": "10:00",
                                                                                "end_time": "12:00"})
    service.booking.edit_following.side_effect = ValidationFailed("Peminjaman ini bukan bagian dari seri.",
                                                                  {"booking_id": "…"})
    assert isinstance(service.edit_booking_series_following(post({"start_time": "10:00"}), booking_id=7),
                      ValidationFailed)
