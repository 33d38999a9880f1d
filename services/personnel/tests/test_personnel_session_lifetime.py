"""A login session has an absolute lifetime: refreshing never carries it past SITUOK_SESSION_MAX_HOURS (ASVS 3.3.2)."""
from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from personnel import events
from personnel.domain import auth
from personnel.models import LoginSession
from personnel_testkit import DEMO_PASSWORD
from situok_kit.errors import Unauthorized

pytestmark = pytest.mark.integration

POLICY = dataclasses.replace(auth.AuthPolicy(max_failures=3, lock_seconds=15 * 60, access_ttl=900,
                                             refresh_ttl=14 * 24 * 3600), session_max_seconds=12 * 3600)
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def session_of(tx, tokens) -> LoginSession:
    sid = jwt.decode(tokens["access_token"], options={"verify_signature": False})["sid"]
    return tx.session.get(LoginSession, __import__("uuid").UUID(sid))


def test_policy_reads_the_max_hours(monkeypatch):
    monkeypatch.setenv("SITUOK_SESSION_MAX_HOURS", "8")
    assert auth.AuthPolicy.from_config({}).session_max_seconds == 8 * 3600
    assert auth.AuthPolicy.from_config({"SESSION_MAX_HOURS": 1}).session_max_seconds == 3600


def test_refresh_cannot_extend_a_session_past_its_absolute_lifetime(tx):
    tokens = auth.login(tx, "kasubbag", DEMO_PASSWORD, POLICY, T0).unwrap()
    login = session_of(tx, tokens)
    assert login.expires_at == T0 + timedelta(hours=12)          # the refresh token never outlives the session
    # Refreshing within the lifetime works, but the expiry stays at login + 12 h.
    tokens = auth.refresh(tx, tokens["refresh_token"], POLICY, T0 + timedelta(hours=11, minutes=59)).unwrap()
    assert session_of(tx, tokens).expires_at == T0 + timedelta(hours=12)
    # Past it the refresh is refused with a clear message and the session is revoked.
    late = auth.refresh(tx, tokens["refresh_token"], POLICY, T0 + timedelta(hours=12, seconds=1))
    assert isinstance(late.error, Unauthorized)
    assert late.error.message == auth.SESSION_TOO_OLD


def test_a_session_past_its_lifetime_is_revoked_on_refresh(tx):
    tokens = auth.login(tx, "kasubbag", DEMO_PASSWORD, POLICY, T0).unwrap()
    login = session_of(tx, tokens)
    login.expires_at = T0 + timedelta(days=14)                  # e.g. a session made before the limit existed
    late = auth.refresh(tx, tokens["refresh_token"], POLICY, T0 + timedelta(hours=13))
    assert isinstance(late.error, Unauthorized) and late.error.message == auth.SESSION_TOO_OLD
    assert login.revoked_at == T0 + timedelta(hours=13)
    assert [e for e in tx.emitted if e.type == events.SESSION_REVOKED]
