"""``GET /echo`` answers through one RPC to the service itself."""
import pytest
import requests
from echo.service import EchoService
from echo_rpc.service import EchoRpcService
from situok_kit.testing import free_port, wait_for

pytestmark = pytest.mark.integration


def test_echo_round_trip_and_health(runner_factory, echo_amqp_uri):
    port = free_port()
    runner = runner_factory({"AMQP_URI": echo_amqp_uri, "WEB_SERVER_ADDRESS": f"127.0.0.1:{port}",
                             "serializer": "json"}, EchoService)
    backend = runner_factory({"AMQP_URI": echo_amqp_uri, "WEB_SERVER_ADDRESS": f"127.0.0.1:{free_port()}",
                              "serializer": "json"}, EchoRpcService)  # its own process in a deployment
    backend.start()
    runner.start()
    base = f"http://127.0.0.1:{port}"
    wait_for(lambda: requests.get(f"{base}/health/live", timeout=1).ok, message="echo listening")

    response = requests.get(f"{base}/echo", params={"m": "halo"}, timeout=5)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {"pong": "halo"}
    assert requests.get(f"{base}/health/ready", timeout=5).json()["checks"] == {"broker": "ok"}
