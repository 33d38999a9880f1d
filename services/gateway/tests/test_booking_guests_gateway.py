"""The guests routes (``gateway.domains.booking_guests``) with booking replaced: the public routes need no token,
the form goes with the client's address as the edge saw it (never one the guest sends), answers about tracking
codes are never cached, the per-client limit is a 429 with Retry-After, the staff's queue passes its filters."""
import pytest
from booking.schemas import SCHEMAS
from booking.schemas.guests import GuestLimitReached
from gateway.domains.booking_guests import DOMAIN, GUEST_FORM_BYTES, GuestRequestQuery
from gateway.problems import problem_of
from gateway.queries import parse_query
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.edge import failure_of
from situok_kit.errors import Forbidden, NotFound, PayloadTooLarge, ValidationFailed

FORM = {"resource_id": 3, "starts_at": "2031-06-10T09:00:00", "ends_at": "2031-06-10T12:00:00",
        "purpose": "Seminar", "participants": 50, "name": "I Made", "phone": "081234567"}
RECEIPT = {"tracking_code": "PGJ-ABCD-EFGH-JKMN-PQRS", "status": "pending"}


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def test_every_route_is_named_documented_and_answers_a_booking_schema():
    names = [route.operation_id for route in DOMAIN.routes]
    assert len(names) == len(set(names)) == 4
    for route in DOMAIN.routes:
        assert route.response in SCHEMAS and route.summary and route.description and route.errors
        assert route.body is None or route.body.component in SCHEMAS
    public = {route.path for route in DOMAIN.routes if route.public}
    assert public == {"/public/booking/resources", "/public/booking/requests", "/public/booking/requests/<code>"}


def test_the_public_routes_need_no_token(service):
    service.booking.guest_resources.return_value = {"items": [{"id": 3, "name": "Aula"}]}
    reply = service.list_guest_resources(make_request("/x"))
    assert reply.status == 200 and reply.body["items"][0]["name"] == "Aula"
    service.booking.guest_request_status.return_value = {"status": "pending"}
    reply = service.guest_request_status(make_request("/x"), code="PGJ-0000-0000-0000-0000")
    assert reply.status == 200 and reply.headers["Cache-Control"] == "no-store"
    service.booking.guest_request_status.assert_called_once_with(code="PGJ-0000-0000-0000-0000")
    service.auth.authenticate.assert_not_called()


def test_the_form_goes_with_the_client_address_the_edge_saw(service):
    service.booking.submit_guest_request.return_value = RECEIPT
    request = make_request("/x", method="POST", json=FORM,
                           headers={"X-Forwarded-For": "1.2.3.4, 198.51.100.7"})
    reply = service.submit_guest_request(request)
    assert reply.status == 201 and reply.body == RECEIPT and reply.headers["Cache-Control"] == "no-store"
    service.booking.submit_guest_request.assert_called_once_with(data=FORM, client="198.51.100.7")
    service.auth.authenticate.assert_not_called()


def test_a_big_form_is_413_unread(service):
    body = {**FORM, "purpose": "x" * (GUEST_FORM_BYTES + 1)}
    answer = service.submit_guest_request(make_request("/x", method="POST", json=body))
    assert isinstance(answer, PayloadTooLarge)
    service.booking.submit_guest_request.assert_not_called()


def test_booking_errors_pass_through_and_the_limit_says_when_to_retry(service):
    service.booking.guest_request_status.side_effect = NotFound("Kode pelacakan tidak dikenal.", {"code": "x"})
    assert isinstance(service.guest_request_status(make_request("/x"), code="zzz"), NotFound)
    service.booking.submit_guest_request.side_effect = ValidationFailed("x", {"phone": "Nomor telepon ..."})
    assert isinstance(service.submit_guest_request(make_request("/x", method="POST", json=FORM)), ValidationFailed)
    problem = problem_of(failure_of(GuestLimitReached("Terlalu banyak.", {}, {"retry_after": 120}), "r-1"))
    assert problem.status == 429 and problem.headers["Retry-After"] == "120"


def test_the_staff_queue_passes_its_filters(service):
    service.booking.list_guest_requests.return_value = {"items": [], "next_cursor": None}
    reply = service.list_guest_requests(make_request("/x", query_string="status=pending&limit=5"))
    assert reply.status == 200
    service.booking.list_guest_requests.assert_called_once_with(status="pending", limit=5)
    service.auth.authenticate.assert_called_once()
    service.booking.list_guest_requests.side_effect = Forbidden("Bukan penyetuju.")
    assert isinstance(service.list_guest_requests(make_request("/x")), Forbidden)
    with pytest.raises(ValidationFailed) as wrong:
        parse_query(GuestRequestQuery(), make_request("/x", query_string="status=selesai"))
    assert list(wrong.value.fields) == ["status"]
