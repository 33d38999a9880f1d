"""situok_kit.public_forms: tracking codes, the client key and the time-to-submit ticket (pure parts; the
hourly limit is exercised by booking's and agenda's guest-form tests against PostgreSQL)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from situok_kit.public_forms import ALPHABET, FormTickets, TrackingCodes, client_key

NOW = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)


def test_codes_are_random_readable_and_forgiving():
    codes = TrackingCodes("KNJ")
    made = {codes.new_code() for _ in range(300)}
    assert len(made) == 300
    code = made.pop()
    assert code.startswith("KNJ-") and len(code) == 4 + 16 + 3
    body = codes.normalise(code)
    assert set(body) <= set(ALPHABET)
    sloppy = code.lower().replace("-", " ").replace("1", "l").replace("0", "o")
    assert codes.normalise(sloppy) == body
    assert codes.stored(code) == codes.digest(body) == codes.hash_of(code)[0]


@pytest.mark.parametrize("bad", ["", "KNJ", "KNJ-XXXX", "PGJ-" + "U" * 16, "x" * 100, None, 12])
def test_a_malformed_code_still_costs_a_digest_and_matches_nothing(bad):
    codes = TrackingCodes("KNJ")
    digest, well_formed = codes.hash_of(bad)
    assert not well_formed and len(digest) == 64
    assert codes.hash_of(bad)[0] != digest  # a random body each time: nothing to find


def test_prefixes_do_not_share_digests():
    body = TrackingCodes("KNJ").normalise(TrackingCodes("KNJ").new_code())
    assert TrackingCodes("KNJ").digest(body) != TrackingCodes("ASP").digest(body)


def test_client_key_is_a_hash_of_the_address_per_purpose():
    assert client_key("10.0.0.1", "a") != client_key("10.0.0.1", "b")
    assert client_key(None) == client_key("  ") and "10.0.0.1" not in client_key("10.0.0.1")


def test_form_ticket_refuses_fast_forged_expired_and_missing():
    tickets = FormTickets(b"s" * 32)
    ticket = tickets.issue(NOW)
    window = {"min_seconds": 3, "max_age": timedelta(hours=2)}
    assert tickets.problem(ticket, NOW + timedelta(seconds=10), **window) is None
    assert tickets.problem(ticket, NOW + timedelta(seconds=1), **window) == "too_fast"
    assert tickets.problem(ticket, NOW + timedelta(hours=3), **window) == "expired"
    assert FormTickets(b"t" * 32).problem(ticket, NOW + timedelta(seconds=10), **window) == "forged"
    issued, _, mac = ticket.partition(".")
    assert tickets.problem(f"{int(issued) - 60}.{mac}", NOW + timedelta(seconds=10), **window) == "forged"
    assert tickets.problem("", NOW, **window) == "missing" and tickets.problem(None, NOW, **window) == "missing"
    assert tickets.problem("abc", NOW, **window) == "forged"
