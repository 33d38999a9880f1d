"""Plain unit tests of the kit's pure parts."""
import time

import pytest
from situok_kit import errors, pagination, tokens
from situok_kit.envelope import Envelope, split_type
from situok_kit.identity import Caller, Identity


def test_envelope_round_trip_and_type_split():
    env = Envelope(type="personnel.employee_created", data={"id": 1}, actor={"account_id": 2})
    back = Envelope.from_dict(env.to_dict())
    assert back == env
    assert split_type("travel.order_approved") == ("travel", "order_approved")
    with pytest.raises(ValueError):
        split_type("noseparator")
    with pytest.raises(ValueError):
        Envelope.from_dict({"type": "x.y"})


def test_cursor_round_trip_and_garbage_named():
    cursor = pagination.encode_cursor(["Ni Luh Putu", 42])
    assert pagination.decode_cursor(cursor, 2) == ["Ni Luh Putu", 42]
    with pytest.raises(errors.ValidationFailed) as exc:
        pagination.decode_cursor("not-a-cursor!!", 2)
    assert "cursor" in exc.value.fields
    assert pagination.clamp_limit(None) == pagination.DEFAULT_LIMIT
    with pytest.raises(errors.ValidationFailed) as exc:
        pagination.clamp_limit("500")
    assert "limit" in exc.value.fields


def test_page_sets_next_cursor_only_when_more_rows():
    rows = [{"name": n, "id": i} for i, n in enumerate("abc")]
    assert pagination.page(rows, 3, lambda r: [r["name"], r["id"]])["next_cursor"] is None
    out = pagination.page(rows, 2, lambda r: [r["name"], r["id"]])
    assert [r["name"] for r in out["items"]] == ["a", "b"]
    assert pagination.decode_cursor(out["next_cursor"], 2) == ["b", 1]


def test_access_token_round_trip_expiry_and_tamper():
    ident = Identity(account_id=7, username="made", employee_id=3, unit_id=5, roles=frozenset({"pegawai"}))
    token, ttl = tokens.issue_access_token(ident, "sid-1", ttl=60, secret="s")
    verified = tokens.verify_access_token(token, secret="s")
    assert verified.identity.account_id == 7 and verified.identity.roles == {"pegawai"}
    assert verified.session_id == "sid-1" and ttl == 60
    with pytest.raises(errors.Unauthorized):
        tokens.verify_access_token(token, secret="other")
    old, _ = tokens.issue_access_token(ident, "sid-1", ttl=1, secret="s", now=time.time() - 100)
    with pytest.raises(errors.Unauthorized) as exc:
        tokens.verify_access_token(old, secret="s")
    assert exc.value.fields == {"token": "expired"}


def test_revocation_list_expires_entries():
    rl = tokens.RevocationList()
    rl.revoke("a", until=time.time() + 60)
    rl.revoke("b", until=time.time() - 1)
    assert rl.is_revoked("a") and not rl.is_revoked("b") and not rl.is_revoked("c")


def test_caller_denies_by_default():
    with pytest.raises(errors.Unauthorized):
        Caller(None, "svc.m").require()
    pegawai = Caller(Identity(1, "u", roles=frozenset({"pegawai"})), "svc.m")
    with pytest.raises(errors.Forbidden):
        pegawai.require_roles("admin", "operator")
    admin = Caller(Identity(1, "a", roles=frozenset({"admin"})), "svc.m")
    assert admin.require_roles("operator").is_admin
    with pytest.raises(errors.Forbidden):
        pegawai.ensure(False, "not theirs")


def test_errors_keep_fields_across_serialization():
    from nameko.exceptions import deserialize, serialize

    err = errors.ValidationFailed("Data tidak valid.", {"nip": "NIP harus 18 digit angka."})
    back = deserialize(serialize(err))
    assert isinstance(back, errors.ValidationFailed)
    assert back.fields == {"nip": "NIP harus 18 digit angka."} and back.status == 422
    locked = deserialize(serialize(errors.AccountLocked("Terkunci", {}, {"retry_after": 60})))
    assert locked.retry_after == 60


def test_flatten_marshmallow_messages():
    flat = errors.flatten_messages({"nip": ["Wajib diisi."], "address": {"city": ["Terlalu panjang."]}})
    assert flat == {"nip": "Wajib diisi.", "address.city": "Terlalu panjang."}


def test_broker_check_is_reused_for_a_few_seconds(monkeypatch):
    from situok_kit import health

    opened = []

    class FakeConnection:
        def __init__(self, uri, connect_timeout):
            opened.append(uri)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def ensure_connection(self, max_retries):
            return self

    monkeypatch.setattr(health, "Connection", FakeConnection)
    monkeypatch.setattr(health, "_broker_checks", {})
    assert health.broker_ok("amqp://x", now=100.0) and health.broker_ok("amqp://x", now=103.0)
    assert opened == ["amqp://x"]
    assert health.broker_ok("amqp://x", now=100.0 + health.BROKER_CHECK_TTL)
    assert opened == ["amqp://x", "amqp://x"]


def test_check_infra_says_what_is_down_and_how_to_start_it(monkeypatch, capsys):
    from situok_kit import admin, testing

    closed = testing.free_port()
    monkeypatch.setenv("SITUOK_AMQP_URI", f"amqp://guest:guest@127.0.0.1:{closed}/")
    monkeypatch.setenv("SITUOK_DB_URL_TEMPLATE", f"postgresql+psycopg2://postgres@127.0.0.1:{closed}/situok_{{service}}")
    assert admin.check_infra() == 1
    err = capsys.readouterr().err
    assert "RabbitMQ is not reachable" in err and "rabbitmq-server -detached" in err
    assert "PostgreSQL is not reachable" in err and "pg_ctlcluster" in err
