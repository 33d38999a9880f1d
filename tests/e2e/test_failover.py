"""Two gateway instances behind Traefik: killing one loses no request after Traefik notices."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from situok_kit import testing

from .conftest import Api

pytestmark = pytest.mark.e2e


def _killed_instance_down(stack, url: str) -> bool:
    """Traefik's own view (its API): the killed instance's server is marked DOWN."""
    services = requests.get(f"{stack.traefik_api}/http/services", timeout=5).json()
    gateway = next(s for s in services if s["name"].startswith("gateway"))
    return (gateway.get("serverStatus") or {}).get(url) == "DOWN"


def test_killing_one_gateway_loses_no_request(stack, admin: Api):
    def burst(n: int) -> list[int]:
        def one(_):
            return admin.request("GET", "/employees", params={"limit": 5}).status_code

        with ThreadPoolExecutor(4) as pool:
            return list(pool.map(one, range(n)))

    assert set(burst(40)) == {200}
    killed = f"http://127.0.0.1:{stack.gateway_ports[0]}"
    stack.kill("gateway-1")
    try:
        _lose_no_request(stack, killed, burst)
    finally:
        # the tests after this one get both gateways again: one slow health check of a lone instance would
        # leave Traefik with none for a second
        stack.revive("gateway-1")
        testing.wait_for(lambda: not _killed_instance_down(stack, killed), timeout=15,
                         message="Traefik to mark the revived gateway up")


def _lose_no_request(stack, killed: str, burst) -> None:
    # Before Traefik's health check notices, its retry middleware sends requests that cannot
    # connect on to the live instance. Only a request already written to the killed process
    # (in flight, or on a kept-alive connection it had not yet seen close) can come back 502.
    during = burst(60)
    testing.wait_for(lambda: _killed_instance_down(stack, killed), timeout=10,
                     message="Traefik to mark the killed gateway down")
    after = burst(100)
    assert set(after) == {200}, f"lost after Traefik marked the instance down: {after}"

    failed = [e for e in stack.access_log_entries() if e.get("DownstreamStatus", 200) >= 500]
    assert all(e["ServiceURL"] == killed and e["DownstreamStatus"] == 502 for e in failed), failed
    assert len([c for c in during if c != 200]) == len(failed) <= 10
