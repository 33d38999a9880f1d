"""The session cookie: encrypted and authenticated (Fernet), expiring, CSRF-bound (no services needed)."""
from __future__ import annotations

import base64
import binascii

import orjson
import pytest
from web.http import safe_next
from web.sessions import MAX_COOKIE_CHARS, SessionCodec, SessionPolicy, WebSession, csrf_matches

NOW = 1_800_000_000.0
ACCESS = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwicm9sZXMiOlsiYWRtaW4iXX0.c2lnbmF0dXJl"
REFRESH = "r-1f0a9c3e5b7d2468ace13579bdf02468"
TOKENS = {"access_token": ACCESS, "refresh_token": REFRESH}


@pytest.fixture
def codec():
    return SessionCodec(SessionPolicy(secret="test-secret", idle_seconds=30 * 60, absolute_seconds=12 * 3600))


def logged_in(now=NOW) -> WebSession:
    session = WebSession.anonymous(now=now)
    session.start_login(TOKENS, {"name": "Admin Biro", "username": "admin"}, now)
    return session


def readings(cookie: str) -> list[bytes]:
    """What a reader can make of a cookie without the key: the text, and its base64 (urlsafe or standard, whole
    or cut at dots) decoded."""
    found = [cookie.encode()]
    for part in [cookie, *cookie.split(".")]:
        for decode in (base64.urlsafe_b64decode, base64.b64decode):
            try:
                found.append(decode(part + "=" * (-len(part) % 4)))
            except (binascii.Error, ValueError):
                pass
    return found


def test_round_trip_keeps_tokens_language_and_flashes(codec):
    session = logged_in()
    session.lang = "en"
    session.flash("success", "Tersimpan")
    loaded = codec.loads(codec.dumps(session), NOW + 5)
    assert (loaded.access, loaded.refresh, loaded.lang) == (ACCESS, REFRESH, "en")
    assert loaded.pop_flashes() == [["success", "Tersimpan"]]
    assert loaded.csrf == session.csrf


def test_a_logged_in_cookie_holds_nothing_a_reader_can_use(codec):
    session = logged_in()
    cookie = codec.dumps(session)
    for reading in readings(cookie):
        for secret in (ACCESS, REFRESH, "eyJ", session.csrf, "Admin Biro"):
            assert secret.encode() not in reading
        with pytest.raises(orjson.JSONDecodeError):
            orjson.loads(reading)
    assert codec.dumps(session) != cookie  # sealed anew each time (random IV): equal sessions look unrelated


@pytest.mark.parametrize("tamper", [
    lambda c: c[:40] + ("A" if c[40] != "A" else "B") + c[41:],   # one character of the ciphertext
    lambda c: c[:-4] + ("AAAA" if not c.endswith("AAAA") else "BBBB"),  # the HMAC
    lambda c: c[:-10],                                              # cut short
    lambda c: "x" + c,
    lambda c: "",
    lambda c: "ä" + c,
    lambda c: c + "A" * MAX_COOKIE_CHARS,                           # longer than any cookie we write
])
def test_a_tampered_cookie_is_an_anonymous_session(codec, tamper):
    cookie = codec.dumps(logged_in())
    loaded = codec.loads(tamper(cookie), NOW)
    assert not loaded.logged_in and loaded.ended is None and loaded.refresh is None


def test_a_cookie_sealed_with_another_secret_is_refused(codec):
    other = SessionCodec(SessionPolicy(secret="other", idle_seconds=1800, absolute_seconds=43200))
    assert not codec.loads(other.dumps(logged_in()), NOW).logged_in


def test_the_secret_rotates_without_logging_everyone_out():
    old = SessionCodec(SessionPolicy(secret="old-secret", idle_seconds=1800, absolute_seconds=43200))
    rotated = SessionCodec(SessionPolicy(secret="new-secret, old-secret", idle_seconds=1800, absolute_seconds=43200))
    new_only = SessionCodec(SessionPolicy(secret="new-secret", idle_seconds=1800, absolute_seconds=43200))
    assert rotated.loads(old.dumps(logged_in()), NOW).refresh == REFRESH   # yesterday's cookie still opens
    resealed = rotated.dumps(logged_in())
    assert new_only.loads(resealed, NOW).logged_in                         # and is sealed with the new secret
    assert not old.loads(resealed, NOW).logged_in
    with pytest.raises(ValueError):
        SessionCodec(SessionPolicy(secret=" , ", idle_seconds=1, absolute_seconds=1))


def test_the_cookie_stays_within_what_browsers_keep(codec):
    session = logged_in()
    for i in range(40):
        session.flash("error", f"Pesan ke-{i}: " + "x" * 150)
    cookie = codec.dumps(session)
    assert len(cookie) <= MAX_COOKIE_CHARS
    loaded = codec.loads(cookie, NOW)
    assert loaded.logged_in and 0 < len(loaded.flashes) < 40
    assert loaded.flashes[-1][1].startswith("Pesan ke-39")  # the newest messages are kept


def test_idle_expiry(codec):
    cookie = codec.dumps(logged_in())
    assert codec.loads(cookie, NOW + 29 * 60).logged_in
    ended = codec.loads(cookie, NOW + 31 * 60)
    assert not ended.logged_in and ended.ended == "idle"


def test_an_ended_session_hands_over_its_refresh_token_for_revocation(codec):
    ended = codec.loads(codec.dumps(logged_in()), NOW + 31 * 60)
    assert ended.ended_refresh == REFRESH and ended.refresh is None
    assert codec.loads(codec.dumps(ended), NOW + 31 * 60).refresh is None  # not written into the new cookie


def test_activity_moves_the_idle_clock_but_not_the_absolute_one(codec):
    session = logged_in()
    now = NOW
    for _ in range(30):  # a request every 25 minutes for 12.5 hours
        now += 25 * 60
        session = codec.loads(codec.dumps(session), now)
        if not session.logged_in:
            break
    assert session.ended == "absolute"
    assert now - NOW > 12 * 3600


def test_login_rotates_the_csrf_token():
    session = WebSession.anonymous(now=NOW)
    before = session.csrf
    session.start_login(TOKENS, {"name": "x"}, NOW)
    assert session.csrf != before


def test_csrf_matches_only_the_sessions_token():
    session = WebSession.anonymous(now=NOW)
    assert csrf_matches(session, session.csrf)
    assert not csrf_matches(session, None)
    assert not csrf_matches(session, "")
    assert not csrf_matches(session, session.csrf + "x")


def test_cookie_is_httponly_samesite_and_bounded_by_the_absolute_expiry(codec):
    options = codec.cookie_options(logged_in(now=__import__("time").time()))
    assert options["httponly"] and options["samesite"] == "Lax" and options["path"] == "/"
    assert 0 < options["max_age"] <= 12 * 3600


@pytest.mark.parametrize("target, expected", [
    ("/pegawai?q=a", "/pegawai?q=a"), (None, "/"), ("", "/"), ("//evil.example", "/"),
    ("https://evil.example/", "/"), ("/\\evil", "/"), ("pegawai", "/"),
])
def test_safe_next_keeps_only_local_paths(target, expected):
    assert safe_next(target) == expected


def test_capabilities_are_kept_sealed_and_dropped_with_a_new_token(codec):
    session = logged_in()
    session.keep_capabilities("travel", ["create_order", "decide"])
    session.keep_capabilities("attendance", [])
    cookie = codec.dumps(session)
    for reading in readings(cookie):
        assert b"create_order" not in reading
    loaded = codec.loads(cookie, NOW + 5)
    assert loaded.capabilities == {"travel": ["create_order", "decide"], "attendance": []}
    loaded.set_tokens({"access_token": ACCESS + "x", "refresh_token": REFRESH + "x"})  # refreshed: ask again
    assert loaded.capabilities == {} and loaded.dirty


def test_every_capability_of_every_service_still_fits_with_room_for_messages(codec):
    session = logged_in()
    session.access = ACCESS * 10  # a long token, many roles
    for service in ("personnel", "travel", "attendance"):
        session.keep_capabilities(service, [f"{service}_capability_{i}" for i in range(8)])
    session.flash("success", "x" * 300)
    cookie = codec.dumps(session)
    assert len(cookie) < MAX_COOKIE_CHARS * 0.75
    assert codec.loads(cookie, NOW).capabilities["travel"][0] == "travel_capability_0"


@pytest.mark.parametrize("stored", [None, "x", ["travel"], {"travel": "decide"}, {1: ["decide"]}])
def test_a_malformed_capability_cache_is_asked_again(codec, stored):
    from web.sessions import _capabilities

    assert _capabilities(stored) == {}
