"""Echo tests run the service in-process against the real broker, in a throwaway vhost."""
import pytest
from situok_kit.testing import temporary_vhost


@pytest.fixture(scope="module")
def echo_amqp_uri(infra):
    with temporary_vhost(infra.amqp_uri, "echo") as uri:
        yield uri
