"""Identity between services: signed tokens in context, not JSON anyone on the broker could write.

Unit tests of the keys, tokens and context verification, and integration tests over the real broker: a
service refuses a forged identity, a token signed with another key and a SYSTEM without a system token.
"""
from __future__ import annotations

import base64
import json
import logging
import time
from types import SimpleNamespace

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from situok_contracts.services import SERVICES as CONTRACT_SERVICES
from situok_contracts.services import named
from situok_kit import keys, testing, tokens
from situok_kit.errors import Forbidden, Unauthorized
from situok_kit.identity import (
    CONTEXT_KEY,
    LEEWAY,
    SYSTEM,
    VERIFIED,
    Caller,
    Identity,
    VerifiedCache,
    identity_from_context,
    put_identity,
    system_context,
)

ADMIN = Identity(account_id=1, username="admin", employee_id=None, unit_id=None, roles=frozenset({"admin"}),
                 session_id="sid-admin")
OTHER = keys.KeySet.from_secret("some-other-deployment-secret-0123456789")


@pytest.fixture(autouse=True)
def fresh_cache():
    VERIFIED.clear()
    yield
    VERIFIED.clear()


def context_of(token: str) -> dict:
    return {CONTEXT_KEY: token}


# -- forged, foreign and edge-minted identities ---------------------------------------

def test_unsigned_json_identity_in_context_is_no_identity(caplog):
    """Before: ``Identity.to_json()`` in context was believed; anyone able to publish could be admin."""
    with caplog.at_level(logging.WARNING, logger="situok.audit"):
        assert identity_from_context(context_of(ADMIN.to_json()), action="t.m") is None
        assert identity_from_context(context_of(SYSTEM.to_json()), action="t.m") is None
    assert "unsigned identity" in caplog.text
    with pytest.raises(Unauthorized):
        Caller(identity_from_context(context_of(ADMIN.to_json())), "t.m").require()


def test_signed_access_token_in_context_gives_its_identity():
    token, _ = tokens.issue_access_token(ADMIN, "sid-admin", ttl=60)
    assert identity_from_context(context_of(token)) == ADMIN
    assert len(VERIFIED) == 1 and identity_from_context(context_of(token)) == ADMIN  # cached


def test_token_signed_with_another_key_is_refused(caplog):
    foreign, _ = tokens.issue_access_token(ADMIN, "sid-admin", ttl=60, keys=OTHER)
    with caplog.at_level(logging.WARNING, logger="situok.audit"):
        assert identity_from_context(context_of(foreign), action="t.m") is None
    assert "not valid" in caplog.text
    with pytest.raises(Unauthorized):
        tokens.verify_access_token(foreign)


def test_an_edge_holding_the_public_key_cannot_mint():
    edge = keys.keyset().verifier_only()
    assert edge.access_private is None and edge.system_private is None
    with pytest.raises(tokens.CannotSign):
        tokens.issue_access_token(ADMIN, "sid", ttl=60, keys=edge)
    with pytest.raises(tokens.CannotSign):
        tokens.issue_system_token(keys=edge)
    # nor by the old trick of using the public key as an HMAC secret (algorithm confusion), nor alg=none
    public = keys.public_bytes(edge.access_public)
    claims = {"iss": tokens.ISSUER, "typ": "access", "sub": "1", "sid": "s", "usr": "admin", "roles": ["admin"],
              "iat": int(time.time()), "exp": int(time.time()) + 60}
    for forged in (jwt.encode(claims, public, algorithm="HS256"),
                   jwt.encode(claims, base64.b64encode(public).decode(), algorithm="HS256"),
                   jwt.encode(claims, None, algorithm="none")):
        assert identity_from_context(context_of(forged)) is None
        with pytest.raises(Unauthorized):
            tokens.verify_access_token(forged, keys=edge)


def test_system_identity_needs_a_token_signed_with_the_system_key():
    process = keys.keyset()
    assert identity_from_context(system_context()) == SYSTEM
    now = int(time.time())
    system_claims = {"iss": tokens.SYSTEM_ISSUER, "typ": "system", "sub": "0", "usr": "system",
                     "iat": now, "exp": now + 60}
    # the system claims signed with the *access* key (which personnel holds) are refused ...
    signed_with_access = jwt.encode(system_claims, process.access_private, algorithm="EdDSA",
                                    headers={"kid": "system"})
    assert identity_from_context(context_of(signed_with_access)) is None
    # ... and so is an access token for account 0, whatever key id it names
    access_claims = {"iss": tokens.ISSUER, "typ": "access", "sub": "0", "sid": "s", "usr": "system",
                     "roles": ["admin"], "iat": now, "exp": now + 60}
    for kid in ("access", "system"):
        token = jwt.encode(access_claims, process.access_private, algorithm="EdDSA", headers={"kid": kid})
        assert identity_from_context(context_of(token)) is None
    with pytest.raises(ValueError):
        tokens.issue_access_token(SYSTEM, "s", ttl=60)
    # another deployment's system key is refused
    assert identity_from_context(context_of(tokens.issue_system_token(keys=OTHER))) is None


def test_expired_tokens_get_a_small_leeway_only():
    within, _ = tokens.issue_access_token(ADMIN, "sid-admin", ttl=10, now=time.time() - 10 - LEEWAY // 2)
    beyond, _ = tokens.issue_access_token(ADMIN, "s", ttl=10, now=time.time() - 10 - 2 * LEEWAY)
    assert identity_from_context(context_of(within)) == ADMIN
    assert identity_from_context(context_of(beyond)) is None


def test_verified_cache_is_a_bounded_lru():
    cache = VerifiedCache(size=2)
    far = time.time() + 600
    cache.put("a", ADMIN, far)
    cache.put("b", ADMIN, far)
    assert cache.get("a") == ADMIN          # a is now the most recent
    cache.put("c", ADMIN, far)
    assert cache.get("b") is None and cache.get("a") == ADMIN and cache.get("c") == ADMIN
    cache.put("old", ADMIN, time.time() - LEEWAY - 1)
    assert cache.get("old") is None


def test_put_identity_forwards_the_token_and_system_gets_a_system_token():
    token, _ = tokens.issue_access_token(ADMIN, "sid-admin", ttl=60)
    worker = SimpleNamespace(data={})
    put_identity(worker, ADMIN, token)
    assert worker.data[CONTEXT_KEY] == token
    put_identity(worker, SYSTEM)
    assert identity_from_context(worker.data) == SYSTEM
    with pytest.raises(ValueError):
        put_identity(worker, ADMIN)  # a user identity needs the token it came from
    put_identity(worker, None)
    assert CONTEXT_KEY not in worker.data


def test_test_helpers_sign_what_they_put_in_context():
    assert identity_from_context(testing.signed_context(ADMIN)) == ADMIN
    assert identity_from_context(testing.signed_context(SYSTEM)) == SYSTEM
    assert testing.signed_context(None) == {}


def test_development_keys_derive_from_the_jwt_secret(monkeypatch):
    monkeypatch.delenv("SITUOK_ENV", raising=False)
    for name in ("SITUOK_TOKEN_PRIVATE_KEY", "SITUOK_TOKEN_PUBLIC_KEY", "SITUOK_SYSTEM_PRIVATE_KEY",
                 "SITUOK_SYSTEM_PUBLIC_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SITUOK_JWT_SECRET", "dev-secret-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    first = keys.keyset()
    assert keys.public_bytes(first.access_public) == keys.public_bytes(
        keys.KeySet.from_secret("dev-secret-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").access_public)
    assert keys.public_bytes(first.access_public) != keys.public_bytes(first.system_public)
    # explicit keys win; a public key alone verifies but cannot sign
    generated = keys.generate()
    monkeypatch.setenv("SITUOK_TOKEN_PUBLIC_KEY", generated["SITUOK_TOKEN_PUBLIC_KEY"])
    edge = keys.keyset()
    assert edge.access_private is None
    assert keys.encode_public(edge.access_public) == generated["SITUOK_TOKEN_PUBLIC_KEY"]


# -- production start-up check -------------------------------------------------------

#: Every service a deployment runs (the benchmark's echo excluded): each must start in production with the keys
#: tools/deploy_files.py gives it — finance, assets and booking were once refused their system key.
SERVICES = tuple(s.name for s in CONTRACT_SERVICES if not s.bench)


def pem_private(key: Ed25519PrivateKey) -> str:
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


@pytest.fixture
def production(monkeypatch):
    """``apply(service)``: SITUOK_ENV=production and the settings a deployment gives ``service``."""
    generated = keys.generate()
    web_secret = "w" * 20 + base64.b64encode(b"0123456789abcdef0123").decode()

    def apply(service: str, **overrides):
        monkeypatch.setenv("SITUOK_ENV", "production")
        for name in keys.SECRET_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        wanted = ("SITUOK_TOKEN_PRIVATE_KEY" if service == "personnel" else "SITUOK_TOKEN_PUBLIC_KEY",)
        if not named(service).edge:  # as tools/deploy_files.key_variables gives every backend service
            wanted += ("SITUOK_SYSTEM_PRIVATE_KEY",)
        for name in wanted:
            monkeypatch.setenv(name, generated[name])
        if service == "web":
            monkeypatch.setenv("SITUOK_WEB_SECRET", web_secret)
        for name, value in overrides.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        return generated

    return apply


@pytest.mark.parametrize("service", SERVICES)
def test_production_starts_with_proper_keys(production, service):
    production(service)
    assert keys.production_problems(service) == []
    keys.check_production(service)


def test_development_is_not_checked(monkeypatch):
    monkeypatch.setenv("SITUOK_ENV", "development")
    keys.check_production("personnel")
    monkeypatch.setenv("SITUOK_ENV", "prod")
    with pytest.raises(SystemExit, match="SITUOK_ENV"):
        keys.check_production("personnel")


@pytest.mark.parametrize("service, variable", [
    ("personnel", "SITUOK_TOKEN_PRIVATE_KEY"),
    ("personnel", "SITUOK_SYSTEM_PRIVATE_KEY"),
    ("travel", "SITUOK_TOKEN_PUBLIC_KEY"),
    ("travel", "SITUOK_SYSTEM_PRIVATE_KEY"),
    ("gateway", "SITUOK_TOKEN_PUBLIC_KEY"),
    ("web", "SITUOK_WEB_SECRET"),
])
def test_production_refuses_an_unset_key_naming_it(production, service, variable):
    production(service, **{variable: None})
    with pytest.raises(SystemExit) as refused:
        keys.check_production(service)
    assert f"{variable} is not set" in str(refused.value.code)


@pytest.mark.parametrize("value", [
    "change-me-to-a-long-random-secret", "CHANGE-ME-to-at-least-32-random-characters", "xx-change-me-xx" * 4,
    "change-me-in-production-situok-web-secret",
])
def test_production_refuses_placeholders(production, value):
    production("web", SITUOK_WEB_SECRET=value)
    assert any("SITUOK_WEB_SECRET is a placeholder" in p for p in keys.production_problems("web"))
    production("personnel", SITUOK_TOKEN_PRIVATE_KEY=value)
    assert any("SITUOK_TOKEN_PRIVATE_KEY is a placeholder" in p for p in keys.production_problems("personnel"))


def test_production_refuses_short_and_shared_secrets(production):
    generated = production("web", SITUOK_WEB_SECRET="short-but-random-Zq81")
    assert "SITUOK_WEB_SECRET is shorter than 32 bytes" in keys.production_problems("web")
    production("web", SITUOK_WEB_SECRET=f"{'n' * 40},tiny")
    assert "SITUOK_WEB_SECRET (value 2) is shorter than 32 bytes" in keys.production_problems("web")
    production("web", SITUOK_WEB_SECRET=generated["SITUOK_TOKEN_PUBLIC_KEY"])
    assert any("must differ from the access-token key" in p for p in keys.production_problems("web"))
    production("personnel", SITUOK_SYSTEM_PRIVATE_KEY=generated["SITUOK_TOKEN_PRIVATE_KEY"])
    assert any("must differ" in p for p in keys.production_problems("personnel"))


def test_production_refuses_keys_derived_from_a_default_secret(production):
    default_secret = keys.VARIABLES["SITUOK_JWT_SECRET"][0]
    derived = keys.derive_private_key(default_secret, keys.ACCESS_INFO)
    production("personnel", SITUOK_TOKEN_PRIVATE_KEY=pem_private(derived))
    assert any("derived from a default secret" in p for p in keys.production_problems("personnel"))
    production("gateway", SITUOK_TOKEN_PUBLIC_KEY=keys.encode_public(derived))
    assert any("derived from a default secret" in p for p in keys.production_problems("gateway"))


def test_production_refuses_malformed_and_mismatched_keys(production):
    production("gateway", SITUOK_TOKEN_PUBLIC_KEY="not-a-key-at-all-but-long-enough-to-pass-length")
    assert any("SITUOK_TOKEN_PUBLIC_KEY" in p for p in keys.production_problems("gateway"))
    other = keys.generate()
    production("personnel", SITUOK_TOKEN_PUBLIC_KEY=other["SITUOK_TOKEN_PUBLIC_KEY"])
    assert any("is not the public key of" in p for p in keys.production_problems("personnel"))


@pytest.mark.parametrize("service", ["gateway", "web"])
def test_production_edges_hold_no_private_key(production, service):
    generated = production(service)
    production(service, SITUOK_TOKEN_PRIVATE_KEY=generated["SITUOK_TOKEN_PRIVATE_KEY"])
    assert any("SITUOK_TOKEN_PRIVATE_KEY must not be set" in p for p in keys.production_problems(service))
    production(service, SITUOK_SYSTEM_PRIVATE_KEY=generated["SITUOK_SYSTEM_PRIVATE_KEY"])
    assert any("SITUOK_SYSTEM_PRIVATE_KEY must not be set" in p for p in keys.production_problems(service))


def test_production_keyset_derives_nothing(production):
    production("gateway")
    edge = keys.keyset()
    assert edge.access_private is None and edge.system_private is None and edge.system_public is None
    with pytest.raises(tokens.CannotSign):
        tokens.issue_access_token(ADMIN, "sid", ttl=60)


def test_every_placeholder_of_the_repository_is_known():
    """deploy/ ships placeholder secrets; each must be refused in production (keys.KNOWN_PLACEHOLDERS)."""
    import re
    from pathlib import Path

    deploy = Path(__file__).resolve().parents[3] / "deploy"
    if not deploy.is_dir():
        pytest.skip("no deploy/ here")
    found = set()
    pattern = re.compile(r"(SITUOK_[A-Z_]*(?:SECRET|KEY))[ \t]*[=:][ \t]*\"?([^\"\s#]+)")
    for path in deploy.rglob("*"):
        if path.is_file() and path.suffix in {".example", ".yaml", ".yml", ".env"}:
            for _name, value in pattern.findall(path.read_text(errors="replace")):
                if not value.startswith("$"):
                    found.add(value)
    known = keys.placeholders()
    assert all(v in known or "change-me" in v.lower() for v in found), found - known


# -- over the broker ----------------------------------------------------------------

def build_guarded():
    from nameko.rpc import rpc
    from situok_kit.identity import CallerIdentity

    class Guarded:
        name = "guarded"
        caller = CallerIdentity()

        @rpc
        def whoami(self):
            return self.caller.require().username

        @rpc
        def admin_only(self):
            return self.caller.require_roles("admin").username

        @rpc
        def system_only(self):
            ident = self.caller.require()
            self.caller.ensure(ident == SYSTEM, "system only")
            return "ok"

    return Guarded


def remote_error(exc_info) -> str:
    return getattr(exc_info.value, "exc_type", type(exc_info.value).__name__)


@pytest.mark.integration
def test_a_service_refuses_forged_and_foreign_identities(amqp_uri, db_url, container_factory):
    from nameko.exceptions import RemoteError
    from situok_kit.rpc import cluster_proxy

    container = container_factory(build_guarded(), testing.service_config("guarded", amqp_uri, db_url))
    container.start()

    def call(method: str, context: dict):
        VERIFIED.clear()  # as in another process: nothing verified here before
        proxy = cluster_proxy(amqp_uri, timeout=10, context_data=context)
        try:
            return getattr(proxy.start().guarded, method)()
        finally:
            proxy.stop()

    def refused(method: str, context: dict, error: type) -> None:
        with pytest.raises((error, RemoteError)) as caught:
            call(method, context)
        assert remote_error(caught) == error.__name__

    signed = testing.signed_context(ADMIN)
    assert call("whoami", signed) == "admin"
    assert call("admin_only", signed) == "admin"
    assert call("system_only", system_context()) == "ok"
    # forged: the identity as plain JSON (what every edge sent before)
    refused("whoami", context_of(ADMIN.to_json()), Unauthorized)
    refused("admin_only", context_of(json.dumps({"account_id": 1, "username": "x", "roles": ["admin"]})),
            Unauthorized)
    refused("system_only", context_of(SYSTEM.to_json()), Unauthorized)
    # signed, but with another deployment's keys
    refused("whoami", context_of(tokens.issue_access_token(ADMIN, "s", ttl=60, keys=OTHER)[0]), Unauthorized)
    refused("system_only", context_of(tokens.issue_system_token(keys=OTHER)), Unauthorized)
    # a real user token is no system token
    refused("system_only", signed, Forbidden)


@pytest.mark.integration
def test_personnel_employee_snapshot_needs_a_system_token(infra, amqp_uri, container_factory):
    personnel_service = pytest.importorskip("personnel.service")
    from nameko.exceptions import RemoteError
    from situok_kit.rpc import cluster_proxy

    with testing.migrated_database(infra.pg_url, "personnel", "situok_kit_personnel") as db:
        container = container_factory(personnel_service.PersonnelService,
                                      testing.service_config("personnel", amqp_uri, db.url))
        container.start()
        try:
            def snapshot(context: dict):
                VERIFIED.clear()
                proxy = cluster_proxy(amqp_uri, timeout=10, context_data=context)
                try:
                    return proxy.start().personnel.employee_snapshot(limit=5)
                finally:
                    proxy.stop()

            assert snapshot(system_context())["employees"] == []
            for context in (context_of(SYSTEM.to_json()), context_of(tokens.issue_system_token(keys=OTHER)), {}):
                with pytest.raises((Unauthorized, RemoteError)) as caught:
                    snapshot(context)
                assert remote_error(caught) == "Unauthorized"
            with pytest.raises((Forbidden, RemoteError)) as caught:
                snapshot(testing.signed_context(ADMIN))
            assert remote_error(caught) == "Forbidden"
        finally:
            container.kill()


def test_the_launcher_refuses_to_start_a_service_in_production_without_keys(production):
    from situok_kit import launcher

    production("gateway", SITUOK_TOKEN_PUBLIC_KEY=None)
    with pytest.raises(SystemExit) as refused:
        launcher.main(["gateway"])
    assert "gateway refuses to start in production" in str(refused.value.code)
    assert "SITUOK_TOKEN_PUBLIC_KEY is not set" in str(refused.value.code)
