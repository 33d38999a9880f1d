"""The session cookie: signed, expiring, CSRF-bound (no services needed)."""
from __future__ import annotations

import pytest
from web.http import safe_next
from web.sessions import SessionCodec, SessionPolicy, WebSession, csrf_matches

NOW = 1_800_000_000.0
TOKENS = {"access_token": "a.b.c", "refresh_token": "r-1"}


@pytest.fixture
def codec():
    return SessionCodec(SessionPolicy(secret="test-secret", idle_seconds=30 * 60, absolute_seconds=12 * 3600))


def logged_in(now=NOW) -> WebSession:
    session = WebSession.anonymous(now=now)
    session.start_login(TOKENS, {"name": "Admin"}, now)
    return session


def test_round_trip_keeps_tokens_language_and_flashes(codec):
    session = logged_in()
    session.lang = "en"
    session.flash("success", "Tersimpan")
    loaded = codec.loads(codec.dumps(session), NOW + 5)
    assert (loaded.access, loaded.refresh, loaded.lang) == ("a.b.c", "r-1", "en")
    assert loaded.pop_flashes() == [["success", "Tersimpan"]]
    assert loaded.csrf == session.csrf


@pytest.mark.parametrize("tamper", [
    lambda c: c[:-2] + ("AA" if not c.endswith("AA") else "BB"),    # signature changed
    lambda c: "x" + c,                                                # payload changed
    lambda c: c.split(".")[0],                                        # signature missing
    lambda c: "",
])
def test_a_tampered_cookie_is_an_anonymous_session(codec, tamper):
    cookie = codec.dumps(logged_in())
    loaded = codec.loads(tamper(cookie), NOW)
    assert not loaded.logged_in and loaded.ended is None


def test_a_cookie_signed_with_another_secret_is_refused(codec):
    other = SessionCodec(SessionPolicy(secret="other", idle_seconds=1800, absolute_seconds=43200))
    assert not codec.loads(other.dumps(logged_in()), NOW).logged_in


def test_idle_expiry(codec):
    cookie = codec.dumps(logged_in())
    assert codec.loads(cookie, NOW + 29 * 60).logged_in
    ended = codec.loads(cookie, NOW + 31 * 60)
    assert not ended.logged_in and ended.ended == "idle"


def test_an_ended_session_hands_over_its_refresh_token_for_revocation(codec):
    ended = codec.loads(codec.dumps(logged_in()), NOW + 31 * 60)
    assert ended.ended_refresh == "r-1" and ended.refresh is None
    assert "r-1" not in codec.dumps(ended)  # not written into the new cookie


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
