"""Cross-service RPC with deadlines, on both sides.

Calling: Nameko's in-service ``RpcProxy`` waits forever for a reply; ``TimedRpcProxy`` gives every call a
deadline (``SITUOK_RPC_TIMEOUT`` by default) and turns the two failure modes a caller must tell apart into
domain errors: no reply in time -> ``ServiceTimeout`` (gateway: 504); nobody serving the target ->
``ServiceUnavailable`` (503). The request carries its deadline twice: as the message's expiration (RabbitMQ
drops it unread once it has waited that long in the queue) and as the ``x-situok-deadline`` header.

Answering (``@api``): a request whose deadline has passed — queued while the service was down, or redelivered
after a crash — is dropped instead of executed, and counted. The reply is published with retries and backoff
until the caller's deadline, then dropped with a log line: a broker outage while replying never kills the
service (Nameko's own responder gives up after three attempts and the container exits).
"""
from __future__ import annotations

import logging
import time
import uuid
from functools import partial

import eventlet
from kombu.serialization import registry as serializers
from nameko.amqp.publish import UndeliverableMessage
from nameko.constants import (
    AMQP_SSL_CONFIG_KEY,
    AMQP_URI_CONFIG_KEY,
    CALL_ID_STACK_CONTEXT_KEY,
    LOGIN_METHOD_CONFIG_KEY,
)
from nameko.exceptions import ContainerBeingKilled, MalformedRequest, UnknownService, serialize
from nameko.rpc import MethodProxy, Responder, Rpc, RpcConsumer, RpcProxy, RpcReply, ServiceProxy, get_rpc_exchange
from nameko.standalone.rpc import ClusterRpcProxy

from . import metrics, replies
from .broker import PromptQueueConsumer, PromptReplyListener
from .errors import Conflict, DomainError, ServiceTimeout, ServiceUnavailable
from .faults import fault_point

log = logging.getLogger("situok.rpc")

DEADLINE_HEADER = "x-situok-deadline"
#: How long a reply is retried when its request carried no deadline (a plain Nameko caller).
REPLY_PATIENCE_SECONDS = 30.0


def deadline_of(message) -> float | None:
    """The request's deadline (epoch seconds) from its header, if it has one."""
    value = (message.headers or {}).get(DEADLINE_HEADER)
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


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

    def _call(self, *args, **kwargs):
        """Nameko's ``MethodProxy._call``, publishing the deadline with the request."""
        routing_key = f"{self.service_name}.{self.method_name}"
        correlation_id = str(uuid.uuid4())
        headers = self.get_message_headers(self.worker_ctx)
        headers[DEADLINE_HEADER] = f"{time.time() + self.timeout:.3f}"
        reply_event = self.reply_listener.get_reply_event(correlation_id)
        try:
            self.publisher.publish(
                {"args": args, "kwargs": kwargs}, exchange=get_rpc_exchange(self.container.config),
                routing_key=routing_key, mandatory=True, reply_to=self.reply_listener.routing_key,
                correlation_id=correlation_id, extra_headers=headers, expiration=self.timeout)
        except UndeliverableMessage:
            raise UnknownService(self.service_name)
        return RpcReply(reply_event)

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

    rpc_reply_listener = PromptReplyListener()

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


# -- answering ---------------------------------------------------------------------------------------


class PatientResponder(Responder):
    """Publishes a reply, retrying with backoff while the broker is away, until ``deadline``; then drops it
    (logged and counted). Never raises: the caller has given up by then, and the request (unacked if the
    connection died) is redelivered — and dropped as expired — rather than the process dying."""

    def __init__(self, *args, deadline: float | None, label: tuple[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.deadline = deadline if deadline is not None else time.time() + REPLY_PATIENCE_SECONDS
        self.label = label

    def send_response(self, result, exc_info):
        error = serialize(exc_info[1]) if exc_info is not None else None
        serializer = serializers.type_to_name[self.message.properties["content_type"]]
        try:
            serializers.dumps(result, serializer)
        except Exception:  # the answer cannot be sent as it is: say so (Nameko's own rule)
            return super().send_response(result, exc_info)
        payload = {"result": result, "error": error}
        backoff = 0.1
        while True:
            try:
                self.publisher_cls(self.amqp_uri, ssl=self.ssl, login_method=self.login_method).publish(
                    payload, serializer=serializer, exchange=self.exchange,
                    routing_key=self.message.properties["reply_to"],
                    correlation_id=self.message.properties.get("correlation_id"),
                    retry=False)
                return result, exc_info
            except Exception as exc:
                left = self.deadline - time.time()
                if left <= 0:
                    metrics.RPC_REPLIES_DROPPED.labels(*self.label).inc()
                    log.warning("reply of %s.%s dropped: the broker was unreachable until the caller's deadline "
                                "(%s)", *self.label, exc)
                    return result, exc_info
                metrics.RPC_REPLY_RETRIES.labels(*self.label).inc()
                eventlet.sleep(min(backoff, left))
                backoff = min(backoff * 2, 2.0)


class PatientRpcConsumer(RpcConsumer):
    queue_consumer = PromptQueueConsumer()

    def handle_result(self, message, result, exc_info, deadline=None, method=""):
        config = self.container.config
        responder = PatientResponder(
            config[AMQP_URI_CONFIG_KEY], get_rpc_exchange(config), config.get("serializer", "json"), message,
            ssl=config.get(AMQP_SSL_CONFIG_KEY), login_method=config.get(LOGIN_METHOD_CONFIG_KEY),
            deadline=deadline, label=(self.container.service_name, method))
        fault_point(f"rpc.reply.{self.container.service_name}.{method}")
        result, exc_info = responder.send_response(result, exc_info)
        fault_point(f"rpc.ack.{self.container.service_name}.{method}")
        self.queue_consumer.ack_message(message)  # Nameko skips it when the connection is gone
        return result, exc_info


class DeadlineRpc(Rpc):
    """Nameko's ``Rpc`` entrypoint that drops requests whose caller has given up, answers a redelivered write
    from its record (``replies``) and replies patiently."""

    rpc_consumer = PatientRpcConsumer()

    def handle_message(self, body, message):
        service = self.container.service_name
        deadline = deadline_of(message)
        if deadline is not None and time.time() > deadline:
            metrics.RPC_EXPIRED.labels(service, self.method_name).inc()
            log.warning("dropped %s.%s: its caller's deadline passed %.1fs ago (redelivered: %s)", service,
                        self.method_name, time.time() - deadline, message.delivery_info.get("redelivered"))
            self.rpc_consumer.queue_consumer.ack_message(message)
            return
        if message.delivery_info.get("redelivered") and self._answer_from_record(message):
            return
        try:
            args, kwargs = body["args"], body["kwargs"]
        except KeyError:
            raise MalformedRequest("Message missing `args` or `kwargs`")
        self.check_signature(args, kwargs)
        context_data = self.unpack_message_headers(message)
        try:
            worker_ctx = self.container.spawn_worker(self, args, kwargs, context_data=context_data,
                                                     handle_result=partial(self.handle_result, message))
        except ContainerBeingKilled:
            self.rpc_consumer.requeue_message(message)
            return
        # Before the worker first runs (it starts at this green thread's next switch): what its writes record.
        stack = context_data.get(CALL_ID_STACK_CONTEXT_KEY) or [None]
        worker_ctx.situok_rpc = replies.RequestKey(message.properties.get("correlation_id") or "",
                                                   f"{service}.{self.method_name}", stack[0])

    def _answer_from_record(self, message) -> bool:
        """A redelivered request whose write committed: answered from the record (True), not run again."""
        database = _database_of(self.container)
        correlation_id = message.properties.get("correlation_id")
        if database is None or not correlation_id:
            return False
        record = database.recorded_request(correlation_id)  # an outage here is answered as one, by Nameko
        if record is None:
            return False
        service = self.container.service_name
        if record.answered:
            metrics.RPC_REPLAYED.labels(service, self.method_name).inc()
            log.warning("%s.%s redelivered after it had run: answered from the record", service, self.method_name)
            self.handle_result(message, None, record.answer, None)
        else:
            error = Conflict(replies.ALREADY_DONE)
            log.warning("%s.%s redelivered after its write committed, answer unknown: 409", service,
                        self.method_name)
            self.handle_result(message, None, None, (Conflict, error, None))
        return True

    def handle_result(self, message, worker_ctx, result, exc_info):
        request = replies.request_of(worker_ctx)
        if exc_info is None and request is not None and getattr(worker_ctx, "situok_rpc_wrote", False):
            try:
                _database_of(self.container).store_answer(request, result)
            except Exception as exc:  # the write stands; a redelivery would then get 409, not a second write
                log.warning("could not record the answer of %s (%s)", request.method, exc)
        return self.rpc_consumer.handle_result(message, result, exc_info, deadline=deadline_of(message),
                                               method=self.method_name)


def _database_of(container):
    """The service's kit ``Database`` provider, if it has one."""
    from .db import Database

    return next((d for d in container.dependencies if isinstance(d, Database)), None)


#: ``@api`` on a service's RPC methods: domain errors are answers, not failures, so Nameko logs them as expected.
api = DeadlineRpc.decorator(expected_exceptions=(DomainError,))
