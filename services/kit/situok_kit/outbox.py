"""The outbox relay: publishes committed events, with publisher confirms.

Rows are claimed with ``FOR UPDATE SKIP LOCKED`` so several instances of a
service relay side by side without sending a row twice at the same time. A row
is marked published only after the broker confirmed it; while the broker is
away the relay keeps the rows and retries with backoff, so events written
during an outage go out when it returns (at-least-once; consumers dedupe by id).
"""
from __future__ import annotations

import logging
import threading

import eventlet
from kombu import Connection, Exchange, Producer
from kombu.exceptions import KombuError
from nameko.constants import PERSISTENT
from nameko.events import get_event_exchange
from sqlalchemy import Table, func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from .config import env_float
from .envelope import split_type
from .faults import fault_point

log = logging.getLogger(__name__)

BATCH = 200


def event_exchange(source_service: str) -> Exchange:
    """The exchange Nameko's ``event_handler`` binds to, declared identically."""
    return get_event_exchange(source_service, {})


class OutboxRelay:
    def __init__(self, engine: Engine, outbox: Table, amqp_uri: str,
                 poll_seconds: float | None = None):
        self.engine = engine
        self.outbox = outbox
        self.amqp_uri = amqp_uri
        self.poll_seconds = poll_seconds if poll_seconds is not None else env_float("SITUOK_OUTBOX_POLL_SECONDS")
        self._wake = eventlet.event.Event()
        self._stopped = False
        self._connection: Connection | None = None
        self._producer: Producer | None = None
        self._declared: set[str] = set()
        self.published_count = 0
        self._lock = threading.Lock()

    # -- lifecycle -------------------------------------------------------
    def nudge(self) -> None:
        if not self._wake.ready():
            self._wake.send(True)

    def stop(self) -> None:
        self._stopped = True
        self.nudge()
        self._close()

    def run(self) -> None:
        backoff = 0.2
        while not self._stopped:
            try:
                sent = self.drain()
                backoff = 0.2
                if sent:
                    continue
            except (KombuError, OSError, ConnectionError) as exc:
                log.warning("outbox relay: broker unavailable (%s); retrying in %.1fs", exc, backoff)
                self._close()
                eventlet.sleep(backoff)
                backoff = min(backoff * 2, 5.0)
                continue
            except SQLAlchemyError as exc:
                log.warning("outbox relay: database error (%s); retrying in %.1fs", exc, backoff)
                eventlet.sleep(backoff)
                backoff = min(backoff * 2, 5.0)
                continue
            except Exception:  # keep relaying whatever happens; log loudly
                log.exception("outbox relay: unexpected error")
                eventlet.sleep(backoff)
                backoff = min(backoff * 2, 5.0)
                continue
            self._wait()

    def _wait(self) -> None:
        with eventlet.Timeout(self.poll_seconds, False):
            self._wake.wait()
        self._wake = eventlet.event.Event()

    # -- publishing ------------------------------------------------------
    def _ensure_producer(self) -> Producer:
        if self._producer is None:
            conn = Connection(self.amqp_uri, transport_options={"confirm_publish": True},
                              connect_timeout=5, heartbeat=0)
            conn.ensure_connection(max_retries=1)
            self._connection = conn
            self._producer = Producer(conn.channel())
            self._declared.clear()
        return self._producer

    def _close(self) -> None:
        conn, self._connection, self._producer = self._connection, None, None
        if conn is not None:
            try:
                conn.release()
            except Exception:  # connection already broken
                pass

    def _publish(self, envelope: dict, headers: dict) -> None:
        source, name = split_type(envelope["type"])
        fault_point(f"outbox.publish.{source}")
        exchange = event_exchange(source)
        producer = self._ensure_producer()
        if exchange.name not in self._declared:
            exchange(producer.channel).declare()
            self._declared.add(exchange.name)
        producer.publish(
            envelope,
            exchange=exchange,
            routing_key=name,
            serializer="json",
            headers=headers or {},
            message_id=envelope["id"],
            delivery_mode=PERSISTENT,
            retry=False,
            timeout=10,
        )

    def drain(self) -> int:
        """Publish every unsent event, oldest first; return how many were sent."""
        total = 0
        while True:
            with self._lock:
                sent = self._drain_batch()
            total += sent
            if sent < BATCH:
                return total

    def _drain_batch(self) -> int:
        ob = self.outbox
        error: Exception | None = None
        with self.engine.connect() as conn:
            with conn.begin():
                rows = conn.execute(
                    select(ob.c.id, ob.c.envelope, ob.c.headers)
                    .where(ob.c.published_at.is_(None))
                    .order_by(ob.c.id)
                    .limit(BATCH)
                    .with_for_update(skip_locked=True)
                ).all()
                done: list[int] = []
                for row in rows:
                    try:
                        self._publish(row.envelope, row.headers)
                    except Exception as exc:  # stop at the first failure, keep order
                        error = exc
                        conn.execute(update(ob).where(ob.c.id == row.id)
                                     .values(attempts=ob.c.attempts + 1, last_error=str(exc)[:500]))
                        break
                    done.append(row.id)
                # Mark what the broker confirmed, committed even when a later publish failed.
                if done:
                    conn.execute(update(ob).where(ob.c.id.in_(done)).values(published_at=func.now()))
                    self.published_count += len(done)
        if error is not None:
            raise error
        return len(rows)
