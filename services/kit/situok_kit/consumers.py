"""Idempotent event consumers with retries and a dead-letter queue.

::

    @event_consumer("personnel.employee_created")
    def on_employee_created(self, tx, event):      # tx: db Transaction, event: Envelope
        ...

The handler runs in a transaction that also records ``(event id, handler)`` in
``processed_events``; a redelivered event finds its id there and changes
nothing. A handler failing because its database, the broker or a service it calls is unreachable waits
the outage out (retried with capped backoff, counted in ``/metrics``), holding the message unacked; any
other failure is retried (``SITUOK_EVENT_ATTEMPTS`` times, with
backoff); if it still fails, the message goes to the service's dead-letter
queue ``dlq.<service>`` with the error, and is acked only once the DLQ holds
it. ``situok-admin dlq list|replay <service>`` inspects and replays it.

``idempotent=False`` is for handlers without a database (e.g. a gateway's
broadcast of revoked sessions): they get ``(self, event)``.
"""
from __future__ import annotations

import functools
import logging
import traceback
from datetime import UTC, datetime

import eventlet
from kombu import Connection, Exchange, Queue
from nameko.constants import PERSISTENT
from nameko.events import BROADCAST, SERVICE_POOL, EventHandler
from sqlalchemy.dialects.postgresql import insert as pg_insert

from . import metrics
from .broker import PromptQueueConsumer
from .config import env_int
from .envelope import Envelope, split_type
from .faults import fault_point
from .outage import is_outage

log = logging.getLogger(__name__)

#: Longest pause between attempts while a dependency is unreachable (the attempts go on until it is back).
OUTAGE_BACKOFF_MAX = 2.0
DLQ_HEADER_QUEUE = "x-situok-original-queue"
DLQ_HEADER_ERROR = "x-situok-error"
DLQ_HEADER_FAILED_AT = "x-situok-failed-at"


def dlq_name(service_name: str) -> str:
    return f"dlq.{service_name}"


def dlq_queue(service_name: str) -> Queue:
    return Queue(dlq_name(service_name), exchange=Exchange("", type="direct"), routing_key=dlq_name(service_name),
                 durable=True)


class ReliableEventHandler(EventHandler):
    """A Nameko ``EventHandler`` that dead-letters failures instead of acking them away."""

    queue_consumer = PromptQueueConsumer()

    def handle_result(self, message, worker_ctx, result=None, exc_info=None):
        if exc_info is not None:
            try:
                self.dead_letter(message, exc_info)
            except Exception:
                log.exception("could not dead-letter message; requeueing it")
                self.queue_consumer.requeue_message(message)
                return result, exc_info
        else:
            fault_point(f"event.ack.{self.container.service_name}.{self.method_name}")
        self.queue_consumer.ack_message(message)
        return result, exc_info

    def handle_message_processed(self, message, result=None, exc_info=None):  # pragma: no cover
        raise AssertionError("handled in handle_result")

    def dead_letter(self, message, exc_info) -> None:
        service = self.container.service_name
        headers = dict(message.headers or {})
        headers[DLQ_HEADER_QUEUE] = self.queue.name
        headers[DLQ_HEADER_ERROR] = "".join(traceback.format_exception_only(*exc_info[:2])).strip()[:2000]
        headers[DLQ_HEADER_FAILED_AT] = datetime.now(UTC).isoformat()
        with Connection(self.container.config["AMQP_URI"], transport_options={"confirm_publish": True}) as conn:
            producer = conn.Producer()
            queue = dlq_queue(service)
            queue(producer.channel).declare()
            producer.publish(
                message.body, exchange="", routing_key=queue.name, headers=headers,
                content_type=message.content_type, content_encoding=message.content_encoding,
                delivery_mode=PERSISTENT, retry=True, retry_policy={"max_retries": 3},
            )
        log.error("event dead-lettered to %s: %s", dlq_name(service), headers[DLQ_HEADER_ERROR],
                  extra={"queue": self.queue.name})


def _mark_processed(tx, table, event_id: str, handler: str) -> bool:
    """Record the event for this handler; False if it was processed before."""
    result = tx.session.execute(
        pg_insert(table).values(event_id=event_id, handler=handler).on_conflict_do_nothing()
    )
    return result.rowcount == 1


def _handle_once(service, fn, event: Envelope, handler_id: str, idempotent: bool, db_attr: str):
    """One attempt: the handler and its ``processed_events`` mark in one transaction."""
    if not idempotent:
        return fn(service, event)
    db = getattr(service, db_attr)
    with db.transaction() as tx:
        if not _mark_processed(tx, db._provider.tables.processed_events, event.id, handler_id):
            log.info("event %s already processed by %s", event.id, handler_id)
            metrics.EVENTS_DUPLICATE.labels(service.name, handler_id).inc()
            return None
        return fn(service, tx, event)


def event_consumer(event_type: str, *, broadcast: bool = False, idempotent: bool = True,
                   attempts: int | None = None, db_attr: str = "db"):
    """Register a method as a reliable, idempotent consumer of ``event_type``."""
    source, name = split_type(event_type)

    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(self, body):
            event = Envelope.from_dict(body)
            handler_id = f"{type(self).__name__}.{fn.__name__}"
            tries = attempts or env_int("SITUOK_EVENT_ATTEMPTS")
            attempt, outage_waits = 1, 0
            while True:
                try:
                    return _handle_once(self, fn, event, handler_id, idempotent, db_attr)
                except Exception as exc:
                    if is_outage(exc):  # the event is fine; what it needs is away: wait, never dead-letter
                        outage_waits += 1
                        metrics.EVENT_OUTAGE_RETRIES.labels(self.name, handler_id).inc()
                        delay = min(0.2 * (2 ** min(outage_waits - 1, 5)), OUTAGE_BACKOFF_MAX)
                        log.warning("handler %s waits out an outage on event %s (%s); retrying in %.1fs",
                                    handler_id, event.id, exc.__class__.__name__, delay)
                        eventlet.sleep(delay)
                        continue
                    if attempt >= tries:
                        raise
                    delay = min(0.2 * (2 ** (attempt - 1)), 5.0)
                    log.warning("handler %s failed on event %s (attempt %d/%d); retrying in %.1fs",
                                handler_id, event.id, attempt, tries, delay, exc_info=True)
                    attempt += 1
                    eventlet.sleep(delay)

        handler_type = BROADCAST if broadcast else SERVICE_POOL
        return ReliableEventHandler.decorator(
            source, name, handler_type=handler_type, reliable_delivery=not broadcast,
        )(wrapper)

    return decorator
