"""``echo_rpc.ping``: answers at once; the other end of the echo's one hop."""
from __future__ import annotations

from nameko.rpc import rpc
from situok_kit.health import HealthMixin


class EchoRpcService(HealthMixin):
    name = "echo_rpc"

    @rpc
    def ping(self, message):
        return {"pong": message}
