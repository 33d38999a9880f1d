"""``GET /echo``: one HTTP request, one RPC to itself, a tiny JSON answer.

The floor the gateway's endpoints are measured against: plain Nameko with no
auth, no validation, no database.
"""
from __future__ import annotations

import json

from eventlet.semaphore import Semaphore
from nameko.rpc import RpcProxy, rpc
from nameko.web.handlers import HttpRequestHandler
from situok_kit.health import HealthMixin


class BoundedHttp(HttpRequestHandler):
    """``@http`` that leaves half of the worker pool to ``ping``.

    HTTP and RPC workers share one pool. With more connections than workers,
    every worker would be an HTTP request waiting for a ``ping`` that has no
    worker left to run it: a deadlock. Requests beyond the bound wait before
    taking a worker instead.
    """

    def setup(self):
        super().setup()
        self.slots = Semaphore(max(1, self.container.max_workers // 2))

    def handle_request(self, request):
        with self.slots:
            return super().handle_request(request)


class EchoService(HealthMixin):
    name = "echo"

    echo_rpc = RpcProxy("echo")

    @rpc
    def ping(self, message):
        return {"pong": message}

    @BoundedHttp.decorator("GET", "/echo")
    def echo(self, request):
        reply = self.echo_rpc.ping(request.args.get("m", "ok"))
        return 200, {"Content-Type": "application/json"}, json.dumps(reply)
