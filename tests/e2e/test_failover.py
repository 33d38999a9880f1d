"""Two gateway instances behind Traefik: killing one loses no request."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from situok_kit import testing

from .conftest import Api

pytestmark = pytest.mark.e2e


def _gateway_down_in_traefik(stack) -> bool:
    """Traefik's own view: the killed instance's server is marked DOWN."""
    services = requests.get(f"{stack.traefik_api}/http/services", timeout=5).json()
    gateway = next(s for s in services if s["name"].startswith("gateway"))
    return "DOWN" in (gateway.get("serverStatus") or {}).values()


def test_killing_one_gateway_loses_no_request(stack, admin: Api):
    def burst(n: int) -> list[int]:
        def one(_):
            return admin.request("GET", "/employees", params={"limit": 5}).status_code

        with ThreadPoolExecutor(4) as pool:
            return list(pool.map(one, range(n)))

    assert set(burst(40)) == {200}
    stack.kill("gateway-1")
    # Before Traefik notices, its retry middleware sends new requests on to the live instance;
    # only a request already inside the killed process at that moment can fail (at most the 4 in flight).
    during = burst(60)
    testing.wait_for(lambda: _gateway_down_in_traefik(stack), timeout=10, message="Traefik to mark gateway-1 down")
    after = burst(100)
    lost_during = [code for code in during if code != 200]
    assert len(lost_during) <= 4 and set(lost_during) <= {502}, f"during failover: {during}"
    assert set(after) == {200}, f"lost after Traefik marked the instance down: {after}"
