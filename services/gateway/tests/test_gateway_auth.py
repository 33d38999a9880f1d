"""Bearer-token authentication, the revocation list and its warm-up (no broker)."""
import time
from types import SimpleNamespace

import pytest
from gateway.auth import Authenticator, bearer_token
from gateway_fakes import SECRET, make_token
from gateway_requests import make_request
from situok_kit.authn import VerifiedTokens
from situok_kit.errors import ServiceUnavailable, Unauthorized
from situok_kit.identity import CONTEXT_KEY, identity_from_context


class FakePersonnelProxy:
    def __init__(self, revoked=(), error=None):
        self.revoked = list(revoked)
        self.error = error
        self.calls = 0

    def revoked_sessions(self):
        self.calls += 1
        if self.error:
            raise self.error
        return self.revoked


class FakeContainer:
    config = {"JWT_SECRET": SECRET}


CONTAINER = FakeContainer()  # extensions hold their container by weak reference


def make_provider() -> Authenticator:
    provider = Authenticator(warm_from="personnel").bind(CONTAINER, "auth")
    provider.setup()
    return provider


def worker(proxy) -> SimpleNamespace:
    return SimpleNamespace(data={}, service=SimpleNamespace(personnel=proxy))


def request_with(token: str | None):
    return make_request("/api/v1/me", headers={"Authorization": f"Bearer {token}"} if token else {})


@pytest.mark.parametrize("header, token", [
    ("Bearer abc", "abc"),
    ("bearer abc", "abc"),
    ("  Bearer   abc  ", "abc"),
])
def test_bearer_token(header, token):
    assert bearer_token(header) == token


@pytest.mark.parametrize("header", [None, "", "Bearer", "Bearer ", "Basic abc", "abc"])
def test_bearer_token_missing_or_malformed(header):
    with pytest.raises(Unauthorized):
        bearer_token(header)


def test_valid_token_puts_identity_into_worker_context():
    provider, ctx = make_provider(), worker(FakePersonnelProxy())
    token, session_id = make_token(roles=("admin", "pegawai"))
    auth = provider.get_dependency(ctx)
    identity = auth.authenticate(request_with(token))
    assert identity.session_id == session_id and identity.is_admin
    assert identity_from_context(ctx.data) == identity
    assert CONTEXT_KEY in ctx.data


@pytest.mark.parametrize("token, reason", [
    (make_token(secret="a-different-secret-0123456789abcdef")[0], "invalid"),
    (make_token(ttl=10, now=time.time() - 60)[0], "expired"),
    ("a.b.c", "invalid"),
], ids=["wrong-secret", "expired", "garbage"])
def test_bad_tokens_are_rejected_and_leave_no_identity(token, reason):
    provider, ctx = make_provider(), worker(FakePersonnelProxy())
    with pytest.raises(Unauthorized) as caught:
        provider.get_dependency(ctx).authenticate(request_with(token))
    assert caught.value.fields == {"token": reason}
    assert CONTEXT_KEY not in ctx.data


def test_warm_up_loads_revoked_sessions_once():
    token, session_id = make_token()
    other, _ = make_token()
    proxy = FakePersonnelProxy(revoked=[{"session_id": session_id, "until": time.time() + 60}])
    provider = make_provider()
    with pytest.raises(Unauthorized) as caught:
        provider.get_dependency(worker(proxy)).authenticate(request_with(token))
    assert caught.value.fields == {"token": "revoked"}
    provider.get_dependency(worker(proxy)).authenticate(request_with(other))
    assert proxy.calls == 1


def test_failed_warm_up_fails_the_request_and_is_retried():
    token, _ = make_token()
    provider = make_provider()
    down = FakePersonnelProxy(error=ServiceUnavailable("Layanan personnel tidak tersedia."))
    with pytest.raises(ServiceUnavailable):
        provider.get_dependency(worker(down)).authenticate(request_with(token))
    up = FakePersonnelProxy()
    provider.get_dependency(worker(up)).authenticate(request_with(token))
    assert up.calls == 1 and provider.warm


def test_expired_revocations_drop_out():
    provider = make_provider()
    provider.warm = True
    token, session_id = make_token()
    auth = provider.get_dependency(worker(FakePersonnelProxy()))
    auth.revoke(session_id, time.time() - 1)
    assert auth.authenticate(request_with(token)).session_id == session_id


def test_revoke_current_rejects_the_same_token_afterwards():
    provider = make_provider()
    provider.warm = True
    token, _ = make_token()
    auth = provider.get_dependency(worker(FakePersonnelProxy()))
    auth.authenticate(request_with(token))
    auth.revoke_current()
    with pytest.raises(Unauthorized):
        provider.get_dependency(worker(FakePersonnelProxy())).authenticate(request_with(token))


def test_verified_tokens_are_reused_until_they_expire():
    provider = make_provider()
    token, _ = make_token(ttl=60)
    first = provider.verify(token)
    assert provider.verify(token) is first
    assert provider.verified.get(token, first.expires_at + 1) is None
    assert provider.verify(token) is not first


def test_verified_token_cache_is_bounded():
    cache = VerifiedTokens(size=2)
    verified = make_provider().verify(make_token()[0])
    for name in ("a", "b", "c"):
        cache.put(name, verified)
    assert cache.get("a", 0) is None and cache.get("c", 0) is verified


def test_only_verified_tokens_are_cached():
    provider = make_provider()
    with pytest.raises(Unauthorized):
        provider.verify("a.b.c")
    assert provider.verified.get("a.b.c", 0) is None
