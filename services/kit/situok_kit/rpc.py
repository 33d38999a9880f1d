"""Cross-service RPC with timeouts.

Nameko's in-service ``RpcProxy`` waits forever for a reply; ``TimedRpcProxy``
gives every call a deadline (``SITUOK_RPC_TIMEOUT`` by default) and turns the
two failure modes a caller must tell apart into domain errors: no reply in time
-> ``ServiceTimeout`` (gateway: 504); nobody serving the target ->
``ServiceUnavailable`` (503).
"""
from __future__ import annotations

import eventlet
from nameko.exceptions import UnknownService
from nameko.rpc import MethodProxy, RpcProxy, ServiceProxy, rpc
from nameko.standalone.rpc import ClusterRpcProxy

from .errors import DomainError, ServiceTimeout, ServiceUnavailable


class _TrackedReplies:
    """A proxy's view of the shared reply listener that remembers the call's correlation id.

    Nameko registers a reply event before publishing and drops it only when a
    reply arrives; a call to an unknown service (or one that never answers)
    would leave it behind for good. ``forget`` drops it.
    """

    def __init__(self, listener):
        self._listener = listener
        self.routing_key = listener.routing_key
        self.correlation_id = None

    def get_reply_event(self, correlation_id):
        self.correlation_id = correlation_id
        return self._listener.get_reply_event(correlation_id)

    def forget(self) -> None:
        self._listener._reply_events.pop(self.correlation_id, None)


class TimedMethodProxy(MethodProxy):
    def __init__(self, *args, timeout: float, **kwargs):
        self.timeout = timeout
        super().__init__(*args, **kwargs)
        self.reply_listener = _TrackedReplies(self.reply_listener)

    def __call__(self, *args, **kwargs):
        try:
            reply = self._call(*args, **kwargs)
        except UnknownService:
            self.reply_listener.forget()
            raise ServiceUnavailable(f"Layanan {self.service_name} tidak tersedia.")
        try:
            with eventlet.Timeout(self.timeout):
                return reply.result()
        except eventlet.Timeout:
            self.reply_listener.forget()
            raise ServiceTimeout(
                f"Layanan {self.service_name} tidak menjawab dalam {self.timeout:g} detik.",
                extra={"service": self.service_name, "method": self.method_name},
            )


class TimedServiceProxy(ServiceProxy):
    def __init__(self, *args, timeout: float, **kwargs):
        self.timeout = timeout
        super().__init__(*args, **kwargs)

    def __getattr__(self, name):
        return TimedMethodProxy(self.worker_ctx, self.service_name, name, self.reply_listener,
                                timeout=self.timeout, **self.options)


class TimedRpcProxy(RpcProxy):
    """``RpcProxy`` whose calls fail after ``timeout`` seconds (default: config RPC_TIMEOUT)."""

    def __init__(self, target_service: str, timeout: float | None = None, **options):
        super().__init__(target_service, **options)
        self.timeout = timeout

    def get_dependency(self, worker_ctx):
        timeout = self.timeout or float(self.container.config.get("RPC_TIMEOUT", 10))
        return TimedServiceProxy(worker_ctx, self.target_service, self.rpc_reply_listener,
                                 timeout=timeout, **self.options)


def cluster_proxy(amqp_uri: str, timeout: float = 10, context_data: dict | None = None) -> ClusterRpcProxy:
    """A standalone proxy (scripts, tests, seeding) with a reply timeout."""
    return ClusterRpcProxy({"AMQP_URI": amqp_uri, "serializer": "json"}, timeout=timeout,
                           context_data=context_data)


#: ``@api`` on a service's RPC methods: domain errors are answers, not failures, so Nameko logs them as expected.
api = rpc(expected_exceptions=(DomainError,))
