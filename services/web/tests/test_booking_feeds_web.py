"""The feeds page without a running service: the token's state, a new token's addresses shown once (mine and per
resource, on the public gateway path), rotation and revocation posted, the link for everyone who may request."""
from __future__ import annotations

import pytest
from booking.schemas.common import BookingCapabilitiesOut
from test_web_page_actions import STAFF, Browser, assert_calls_fit, posts, text
from web import nav

NONE = dict.fromkeys(BookingCapabilitiesOut().fields, False)
MADE: list[Browser] = []
TOKEN = "s3cr3t-Token_abcdefghijklmnopqrstuvwxyz0123"


def browser(*names: str) -> Browser:
    caps = {**NONE, "read": True, **dict.fromkeys(names, True)}
    made = Browser({**STAFF, "booking": caps})
    made.service.booking.capabilities.return_value = caps
    MADE.append(made)
    return made


@pytest.fixture(autouse=True)
def calls_fit_booking_rpcs():
    from booking.service import BookingService

    MADE.clear()
    yield
    assert_calls_fit(MADE, BookingService, "booking")


def test_the_page_says_whether_there_is_a_token_and_never_shows_it_again():
    made = browser("request")
    made.service.booking.get_feed_token.return_value = {"active": True, "created_at": "2026-12-01T02:00:00+00:00",
                                                        "last_used_at": None}
    response = made.call("booking_feed_token", "/peminjaman/kalender-saya")
    body = text(response)
    assert response.status_code == 200 and "data-token-active" in body and ".ics" not in body
    assert {"/peminjaman/kalender-saya", "/peminjaman/kalender-saya/cabut"} <= posts(body)
    assert "Google Calendar" in body and "Outlook" in body
    made.service.booking.get_feed_token.return_value = {"active": False, "created_at": None, "last_used_at": None}
    assert "/peminjaman/kalender-saya/cabut" not in posts(text(made.call("booking_feed_token",
                                                                          "/peminjaman/kalender-saya")))


def test_a_new_token_shows_its_addresses_once():
    made = browser("request")
    made.service.booking.create_feed_token.return_value = {"token": TOKEN, "created_at": "2026-12-03T02:00:00+00:00"}
    made.service.booking.list_resources.return_value = {"items": [{"id": 4, "name": "Aula Kertha", "kind": "building"}],
                                                        "next_cursor": None}
    response = made.call("booking_feed_token_create", "/peminjaman/kalender-saya", "POST")
    body = text(response)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert f"/api/v1/public/booking/feeds/{TOKEN}/mine.ics" in body
    assert f"/api/v1/public/booking/feeds/{TOKEN}/resources/4.ics" in body
    made.service.booking.create_feed_token.assert_called_once_with()


def test_revoking_posts_and_returns_to_the_page():
    made = browser("request")
    made.service.booking.revoke_feed_token.return_value = {"active": False}
    response = made.call("booking_feed_token_revoke", "/peminjaman/kalender-saya/cabut", "POST")
    assert response.status_code == 303 and response.headers["Location"] == "/peminjaman/kalender-saya"
    made.service.booking.revoke_feed_token.assert_called_once_with()


def test_the_link_follows_the_request_capability():
    assert browser().call("booking_feed_token", "/peminjaman/kalender-saya").status_code == 403
    urls = {link.url for _, links in nav.menu_for({"booking": frozenset({"read", "request"})}) for link in links}
    assert "/peminjaman/kalender-saya" in urls
