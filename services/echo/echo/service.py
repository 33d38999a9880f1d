"""``GET /echo``: one HTTP request, one RPC to itself, a tiny JSON answer.

The floor the gateway's endpoints are measured against: plain Nameko with no
auth, no validation, no database.
"""
from __future__ import annotations

import json

from nameko.rpc import RpcProxy, rpc
from nameko.web.handlers import http
from situok_kit.health import HealthMixin


class EchoService(HealthMixin):
    name = "echo"

    echo_rpc = RpcProxy("echo")

    @rpc
    def ping(self, message):
        return {"pong": message}

    @http("GET", "/echo")
    def echo(self, request):
        reply = self.echo_rpc.ping(request.args.get("m", "ok"))
        return 200, {"Content-Type": "application/json"}, json.dumps(reply)
