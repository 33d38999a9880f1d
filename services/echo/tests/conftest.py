"""Echo tests run the service in-process against the real broker, in a throwaway vhost."""
import eventlet

eventlet.monkey_patch()  # noqa: E402  Nameko's pytest plugin no longer does this itself

import pytest  # noqa: E402
from situok_kit.testing import create_vhost, delete_vhost, start_infra, unique_name  # noqa: E402


@pytest.fixture(scope="module")
def echo_amqp_uri():
    infra = start_infra()
    vhost = unique_name("echo")
    yield create_vhost(infra.amqp_uri, vhost)
    delete_vhost(vhost)
    infra.stop()
