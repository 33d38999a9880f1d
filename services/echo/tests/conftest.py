"""Echo tests run the service in-process against the real broker, in a throwaway vhost."""
import pytest
from situok_kit.testing import create_vhost, delete_vhost, unique_name


@pytest.fixture(scope="module")
def echo_amqp_uri(infra):
    vhost = unique_name("echo")
    yield create_vhost(infra.amqp_uri, vhost)
    delete_vhost(vhost)
