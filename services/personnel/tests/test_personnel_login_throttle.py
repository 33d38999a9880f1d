"""Login throttling instead of a hard lock (ASVS 2.2.1, 2.2.2 and 7.2): the same answer for an unknown user, a
wrong password and a throttled attempt; growing per-source delays; the owner always gets in with the right
password from a source that did not fail; every failure in the audit log."""
from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from personnel.domain import auth, passwords
from personnel.models import Account, LoginThrottle
from personnel_testkit import DEMO_PASSWORD
from situok_kit.errors import Unauthorized
from sqlalchemy import select

pytestmark = pytest.mark.integration

POLICY = auth.AuthPolicy(max_failures=3, lock_seconds=15 * 60, access_ttl=900, refresh_ttl=3600)
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
ATTACKER, OWNER = "203.0.113.9", "198.51.100.20"


def attempt(tx, username, password, at, address=ATTACKER):
    return auth.login(tx, username, password, POLICY, T0 + timedelta(seconds=at), client_address=address)


def answer(outcome):
    error = outcome.error
    return None if error is None else (type(error), error.status, error.code, error.message, error.extra)


def test_unknown_user_wrong_password_and_throttling_answer_alike(tx):
    known = [answer(attempt(tx, "bendahara", "salah-sandi-1", i * 0.4)) for i in range(5)]
    unknown = [answer(attempt(tx, "tidak-ada-sama-sekali", "salah-sandi-1", i * 0.4)) for i in range(5)]
    assert known == unknown
    generic = (Unauthorized, 401, "unauthorized", "Nama pengguna atau kata sandi salah.")
    assert [a[:4] for a in known] == [generic] * 5
    assert [a[4] for a in known[:2]] == [{}, {}]
    assert known[2][4] == {"retry_after": 1}                   # the 3rd failure starts the delay
    assert known[3][4] == {"retry_after": 1}                   # refused within it (same answer + retry_after)
    # Even the right password is refused for this source during its delay: the same answer again.
    assert answer(attempt(tx, "bendahara", DEMO_PASSWORD, 1.7)) == known[3]


def test_unknown_and_throttled_users_spend_a_hash_verification(tx, monkeypatch):
    calls = []
    monkeypatch.setattr(passwords, "dummy_verify", lambda password: calls.append(password))
    attempt(tx, "tidak-ada-sama-sekali", "x-1", 0)
    for i in range(3):
        attempt(tx, "bendahara", "salah-sandi-1", i)
    attempt(tx, "bendahara", "salah-sandi-1", 2.5)            # throttled: no real check, a dummy one
    assert calls == ["x-1", "salah-sandi-1"]


def test_delays_grow_and_the_right_password_works_once_they_pass(tx):
    waits = []
    at = 0.0
    for _ in range(6):
        outcome = attempt(tx, "pegawai", "salah-sandi-1", at)
        assert outcome.error is not None
        waits.append(outcome.error.extra.get("retry_after", 0))
        at += waits[-1] or 0.1
    assert waits == [0, 0, 1, 2, 4, 8]                         # 2^k seconds after the 3rd failure
    assert attempt(tx, "pegawai", DEMO_PASSWORD, at - 1).error.extra == {"retry_after": 1}
    assert attempt(tx, "pegawai", DEMO_PASSWORD, at).error is None  # after the delay: in, and counters reset
    account = tx.session.scalar(select(Account).where(Account.username == "pegawai"))
    assert account.failed_attempts == 0 and account.locked_until is None
    assert attempt(tx, "pegawai", "salah-sandi-1", at + 1).error.extra == {}


def test_no_hard_lock_the_owner_gets_in_while_someone_else_hammers_the_account(tx):
    for i in range(12):                                        # many sources, many failures, long delays
        attempt(tx, "kasubbag", "salah-sandi-1", i * 0.01, address=f"192.0.2.{i % 4}")
    account = tx.session.scalar(select(Account).where(Account.username == "kasubbag"))
    assert account.locked_until is not None and account.locked_until > T0 + timedelta(seconds=1)
    # The attacker's sources are refused without their password being looked at ...
    assert attempt(tx, "kasubbag", DEMO_PASSWORD, 1, address="192.0.2.1").error.extra["retry_after"] >= 1
    # ... the owner, from a source that did not fail, gets in with the right password during the delay,
    tokens = attempt(tx, "kasubbag", DEMO_PASSWORD, 1, address=OWNER).unwrap()
    assert tokens["token_type"] == "Bearer"
    # and a wrong password from a clean source is counted and throttled like any other.
    wrong = attempt(tx, "kasubbag", "salah-sandi-1", 2, address="192.0.2.200")
    assert wrong.error.message == "Nama pengguna atau kata sandi salah."


def test_one_address_spraying_many_accounts_is_throttled_per_address(tx):
    threshold = POLICY.max_failures * auth.ADDRESS_THRESHOLD_FACTOR
    for i in range(threshold):
        outcome = attempt(tx, f"semprot{i:03d}", "Rahasia-2026", i * 0.001)
    assert outcome.error.extra == {"retry_after": 1}
    # The sprayer's address now waits even for an account it never tried; other addresses are unaffected.
    assert attempt(tx, "bendahara", DEMO_PASSWORD, 0.5).error.extra == {"retry_after": 1}
    assert attempt(tx, "bendahara", DEMO_PASSWORD, 0.5, address=OWNER).error is None


def test_admin_unlock_clears_the_account_throttle(tx):
    from personnel.domain import accounts

    for i in range(4):
        attempt(tx, "operator", "salah-sandi-1", i * 0.01)
    account = tx.session.scalar(select(Account).where(Account.username == "operator"))
    assert account.locked_until is not None
    accounts.unlock_account(tx, account.id)
    assert attempt(tx, "operator", DEMO_PASSWORD, 0.5).error is None
    assert tx.session.scalar(select(LoginThrottle).where(LoginThrottle.key == "account:operator")) is None


def test_failures_and_throttling_are_in_the_audit_log(tx, caplog):
    caplog.set_level(logging.INFO, logger="situok.audit")
    for i in range(3):
        attempt(tx, "bendahara", "salah-sandi-1", i)
    attempt(tx, "bendahara", "salah-sandi-1", 2.5)
    attempt(tx, "tidak-ada-sama-sekali", "salah-sandi-1", 3, address=OWNER)
    denied = [r for r in caplog.records if r.name == "situok.audit" and getattr(r, "decision", "") == "denied"]
    assert [(r.username, r.client_address, r.reason) for r in denied] == [
        ("bendahara", ATTACKER, "bad_password")] * 3 + [
        ("bendahara", ATTACKER, "throttled"), ("tidak-ada-sama-sekali", OWNER, "unknown_user")]
    assert denied[3].retry_after == 1 and all(r.levelno == logging.WARNING for r in denied)


def test_without_an_address_attempts_share_one_unknown_source(tx):
    def failures(key):
        row = tx.session.scalar(select(LoginThrottle).where(LoginThrottle.key == key))
        return row.failures if row is not None else 0

    before = failures("pair:bendahara|-"), failures("address:-")
    for i in range(2):
        auth.login(tx, "bendahara", "salah-sandi-1", POLICY, T0 + timedelta(seconds=i))
    assert (failures("pair:bendahara|-"), failures("address:-")) == (before[0] + 2, before[1] + 2)
