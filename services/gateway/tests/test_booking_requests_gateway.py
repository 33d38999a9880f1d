"""The booking requests routes (``gateway.domains.booking_requests``) with booking replaced: each route calls
its RPC with its arguments by name, bad query parameters and bodies are 422 naming the field before booking is
asked, booking's errors pass through."""
import pytest
from gateway.domains.booking_requests import DOMAIN, BookingListQuery, InboxQuery, MineQuery
from gateway.queries import parse_query
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.errors import BadRequest, Conflict, Forbidden, NotFound, Unauthorized, ValidationFailed
from situok_kit.pagination import DEFAULT_LIMIT

BOOKING = {"id": 7, "status": "pending", "allowed_actions": ["reschedule", "cancel"]}


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def post(json=None, **kwargs):
    return make_request("/x", method="POST", json=json, **kwargs)


def test_every_route_is_named_documented_and_answers_a_booking_schema():
    from booking.schemas import SCHEMAS

    names = [route.operation_id for route in DOMAIN.routes]
    assert len(names) == len(set(names)) == 9
    for route in DOMAIN.routes:
        assert route.response in SCHEMAS and route.summary and route.description and route.errors
        assert route.body is None or route.body.component in SCHEMAS


@pytest.mark.parametrize("schema, query, field", [
    (MineQuery(), "status=selesai", "status"),
    (MineQuery(), "upcoming=mungkin", "upcoming"),
    (MineQuery(), "limit=0", "limit"),
    (InboxQuery(), "kind=kapal", "kind"),
    (BookingListQuery(), "resource_id=0", "resource_id"),
    (BookingListQuery(), "starts_at=besok", "starts_at"),
    (BookingListQuery(), "starts_at=2030-03-04T10:00:00&ends_at=2030-03-04T09:00:00", "ends_at"),
])
def test_bad_filters_name_the_parameter(schema, query, field):
    with pytest.raises(ValidationFailed) as caught:
        parse_query(schema, make_request("/x", query_string=query))
    assert list(caught.value.fields) == [field]


def test_create_and_read(service):
    body = {"resource_id": 3, "starts_at": "2030-03-04T09:00:00+08:00", "ends_at": "2030-03-04T11:00:00+08:00",
            "purpose": "Rapat koordinasi", "participants": 12}
    service.booking.create_booking.return_value = BOOKING
    reply = service.create_booking(post(body))
    assert reply.status == 201 and reply.headers == {"Location": "/api/v1/booking/bookings/7"}
    service.booking.create_booking.assert_called_once_with(data=body)
    service.booking.create_booking.side_effect = NotFound("Sumber daya tidak ditemukan.", {"resource_id": "x"})
    assert isinstance(service.create_booking(post(body)), NotFound)
    service.booking.create_booking.side_effect = Unauthorized("Silakan masuk.")
    assert isinstance(service.create_booking(post(body)), Unauthorized)
    broken = make_request("/x", method="POST", data="{", content_type="application/json")
    assert isinstance(service.create_booking(broken), BadRequest)  # 400 naming the body

    service.booking.get_booking.return_value = BOOKING
    assert service.get_booking(make_request("/x"), booking_id=7).body == BOOKING
    service.booking.get_booking.assert_called_once_with(booking_id=7)


def test_the_lists_pass_their_filters_by_name(service):
    page = {"items": [BOOKING], "next_cursor": None}
    service.booking.list_my_bookings.return_value = page
    reply = service.list_my_bookings(make_request("/x", query_string="upcoming=true&status=approved"))
    assert reply.status == 200 and reply.body == page
    service.booking.list_my_bookings.assert_called_once_with(upcoming=True, status="approved",
                                                             limit=DEFAULT_LIMIT)
    service.booking.list_inbox.return_value = page
    service.list_booking_inbox(make_request("/x", query_string="kind=vehicle&cursor=abc&limit=20"))
    service.booking.list_inbox.assert_called_once_with(kind="vehicle", cursor="abc", limit=20)
    service.booking.list_bookings.return_value = page
    service.list_bookings(make_request("/x", query_string="resource_id=3&starts_at=2030-03-04T00:00:00"))
    service.booking.list_bookings.assert_called_once_with(resource_id=3, starts_at="2030-03-04T00:00:00+08:00",
                                                          limit=DEFAULT_LIMIT)
    service.booking.list_bookings.side_effect = Forbidden("Daftar ini hanya untuk pengelola.")
    assert isinstance(service.list_bookings(make_request("/x")), Forbidden)


def test_the_decisions(service):
    decided = {**BOOKING, "status": "approved", "allowed_actions": []}
    service.booking.approve_booking.return_value = decided
    reply = service.approve_booking(post({"note": None}), booking_id=7)
    assert reply.status == 200 and reply.body == decided
    service.booking.approve_booking.assert_called_once_with(booking_id=7, data={"note": None})
    service.approve_booking(post(), booking_id=8)  # no body: no note
    service.booking.approve_booking.assert_called_with(booking_id=8, data={})
    service.booking.approve_booking.side_effect = Conflict("Waktu ini baru saja disetujui untuk peminjaman lain.",
                                                           {"starts_at": "… (peminjaman #6)"})
    refused = service.approve_booking(post({"note": None}), booking_id=7)
    assert isinstance(refused, Conflict) and refused.fields == {"starts_at": "… (peminjaman #6)"}

    service.reject_booking(post({"note": "Dipakai pimpinan"}), booking_id=7)
    service.booking.reject_booking.assert_called_once_with(booking_id=7, data={"note": "Dipakai pimpinan"})
    service.cancel_booking(post({"reason": "Ditunda"}), booking_id=7)
    service.booking.cancel_booking.assert_called_once_with(booking_id=7, data={"reason": "Ditunda"})
    when = {"starts_at": "2030-03-05T09:00:00+08:00", "ends_at": "2030-03-05T10:00:00+08:00"}
    service.reschedule_booking(post(when), booking_id=7)
    service.booking.reschedule_booking.assert_called_once_with(booking_id=7, data=when)
    service.booking.cancel_booking.side_effect = Forbidden("Hanya pemohon atau pengelola sumber daya.")
    assert isinstance(service.cancel_booking(post({"reason": "x"}), booking_id=7), Forbidden)
    assert isinstance(service.reschedule_booking(post(), booking_id=7), BadRequest)  # a body is required
