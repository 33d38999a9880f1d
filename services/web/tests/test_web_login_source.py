"""The web tells personnel where a login comes from (personnel throttles failures per client address)."""
from __future__ import annotations

from web.views.auth import client_address
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request


def request_with(headers=None, remote_addr="10.0.0.2") -> Request:
    builder = EnvironBuilder(path="/masuk", method="POST", headers=headers,
                             environ_base={"REMOTE_ADDR": remote_addr})
    try:
        return Request(builder.get_environ())
    finally:
        builder.close()


def test_the_address_traefik_appended_counts_not_what_the_client_claims():
    assert client_address(request_with({"X-Forwarded-For": "203.0.113.5"})) == "203.0.113.5"
    assert client_address(request_with({"X-Forwarded-For": "1.2.3.4, 203.0.113.5"})) == "203.0.113.5"


def test_without_a_proxy_the_peer_counts():
    assert client_address(request_with()) == "10.0.0.2"
    assert client_address(request_with(remote_addr="")) is None
