"""Gateway test fixtures.

Unit tests need nothing running. Integration tests (marked ``integration``) run
the gateway and a fake personnel service in-process with Nameko's
``runner_factory``, against the real broker in a throwaway vhost, and talk to
the gateway over HTTP on a free port.
"""
from dataclasses import dataclass

import pytest
import requests
from gateway_fakes import SECRET, FakePersonnel, Recorder
from situok_kit.testing import free_port, temporary_vhost, wait_for

RPC_TIMEOUT = 0.5


@pytest.fixture(scope="session")
def broker_uri(infra):
    """A vhost for this test session, removed at the end."""
    with temporary_vhost(infra.amqp_uri, "gateway") as uri:
        yield uri


@pytest.fixture
def fresh_broker_uri(infra):
    """A vhost of its own, for tests that need no trace of other tests' queues."""
    with temporary_vhost(infra.amqp_uri, "gateway") as uri:
        yield uri


def gateway_config(amqp_uri: str, port: int) -> dict:
    return {
        "AMQP_URI": amqp_uri,
        "WEB_SERVER_ADDRESS": f"127.0.0.1:{port}",
        "RPC_TIMEOUT": RPC_TIMEOUT,
        "JWT_SECRET": SECRET,
        "serializer": "json",
        "max_workers": 10,
    }


@dataclass
class Client:
    """HTTP access to one running gateway (``container``: its Nameko container)."""

    base: str
    container: object = None

    def pending_replies(self) -> int:
        """RPC reply events the gateway still holds (calls never answered must not leave any)."""
        from situok_kit.broker import PromptReplyListener

        return len(self.container.shared_extensions[PromptReplyListener]._reply_events)

    def url(self, path: str) -> str:
        return self.base + path

    def request(self, method: str, path: str, token: str | None = None, headers=None, **kwargs):
        headers = dict(headers or {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return requests.request(method, self.url(path), headers=headers, timeout=10, **kwargs)

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)


@pytest.fixture
def recorder():
    Recorder.reset()
    yield Recorder
    Recorder.reset()


@pytest.fixture
def start_gateway(runner_factory, container_factory, broker_uri):
    """``start_gateway(with_personnel=True, amqp_uri=None) -> Client``: gateway (+ fake personnel) running."""
    from gateway.service import GatewayService
    from nameko.testing.utils import get_container

    def start(with_personnel: bool = True, amqp_uri: str | None = None) -> Client:
        port = free_port()
        config = gateway_config(amqp_uri or broker_uri, port)
        services = (GatewayService, FakePersonnel) if with_personnel else (GatewayService,)
        runner = runner_factory(config, *services)
        runner.start()
        client = Client(f"http://127.0.0.1:{port}", get_container(runner, GatewayService))
        wait_for(lambda: requests.get(client.url("/health/live"), timeout=1).ok, timeout=10,
                 message="gateway listening")
        return client

    return start


@pytest.fixture
def gateway(start_gateway, recorder) -> Client:
    return start_gateway()
