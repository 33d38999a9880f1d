"""``GET /echo``: one HTTP request, one RPC to ``echo_rpc``, a tiny JSON answer.

The floor the gateway's endpoints are measured against: plain Nameko with no
auth, no validation, no database, in the gateway's topology (HTTP instances
behind Traefik, the RPC served by another process).
"""
from __future__ import annotations

import json

from nameko.rpc import RpcProxy
from nameko.web.handlers import http
from situok_kit.health import HealthMixin


class EchoService(HealthMixin):
    name = "echo"

    echo_rpc = RpcProxy("echo_rpc")

    @http("GET", "/echo")
    def echo(self, request):
        reply = self.echo_rpc.ping(request.args.get("m", "ok"))
        return 200, {"Content-Type": "application/json"}, json.dumps(reply)
