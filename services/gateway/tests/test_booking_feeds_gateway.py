"""The feeds routes (``gateway.domains.booking_feeds``) with booking replaced: the token routes are the caller's,
the feed routes are public and answer the calendar itself as ``text/calendar``."""
import pytest
from booking.schemas import SCHEMAS
from gateway.domains.booking_feeds import DOMAIN
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.errors import NotFound

ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
FOUND = {"scope": "mine", "filename": "peminjaman-saya.ics", "content_type": "text/calendar; charset=utf-8",
         "calendar": ICS}


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def test_every_route_is_named_and_documented():
    names = [route.operation_id for route in DOMAIN.routes]
    assert len(names) == len(set(names)) == 5
    for route in DOMAIN.routes:
        assert route.summary and route.description and route.errors
        assert route.response is None or route.response in SCHEMAS
        assert route.public == route.path.startswith("/public/")
        assert not route.public or route.content_type == "text/calendar"


def test_the_token_routes_are_the_callers(service):
    service.booking.create_feed_token.return_value = {"token": "t" * 43, "created_at": "2026-12-03T10:00:00Z"}
    reply = service.create_booking_feed_token(make_request("/x", method="POST"))
    assert reply.status == 201 and reply.headers["Cache-Control"] == "no-store"
    service.booking.get_feed_token.return_value = {"active": True}
    assert service.get_booking_feed_token(make_request("/x")).body == {"active": True}
    service.booking.revoke_feed_token.return_value = {"active": False}
    assert service.revoke_booking_feed_token(make_request("/x", method="DELETE")).body == {"active": False}
    assert service.auth.authenticate.call_count == 3


def test_the_feeds_are_public_calendars(service):
    service.booking.feed_calendar.return_value = FOUND
    reply = service.booking_feed_mine(make_request("/x"), token="abc")
    assert reply.status == 200 and reply.body == ICS
    assert reply.content_type == "text/calendar; charset=utf-8"
    assert reply.headers["Content-Disposition"] == 'inline; filename="peminjaman-saya.ics"'
    service.booking.feed_calendar.assert_called_once_with(token="abc", scope="mine", resource_id=None)
    service.booking.feed_calendar.reset_mock()
    service.booking.feed_calendar.return_value = {**FOUND, "scope": "resource", "filename": "r-4.ics"}
    reply = service.booking_feed_resource(make_request("/x"), token="abc", resource_id=4)
    assert reply.content_type.startswith("text/calendar")
    service.booking.feed_calendar.assert_called_once_with(token="abc", scope="resource", resource_id=4)
    service.auth.authenticate.assert_not_called()


def test_a_revoked_token_is_404(service):
    service.booking.feed_calendar.side_effect = NotFound("Umpan kalender tidak ditemukan.", {"token": "x"})
    assert isinstance(service.booking_feed_mine(make_request("/x"), token="gone"), NotFound)
