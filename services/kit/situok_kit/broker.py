"""The service's link to RabbitMQ: prompt reconnection and a heartbeat the liveness probe reads.

Nameko's ``QueueConsumer`` (one per service, shared by its RPC and event entrypoints) reconnects after a
broker outage through kombu's ``ensure_connection`` with its defaults: 2 s, 4 s, 6 s ... up to 30 s between
attempts, so a service could stay deaf for half a minute after the broker is back. ``PromptQueueConsumer``
retries every ``RECONNECT_START`` s growing to ``RECONNECT_MAX`` s, which keeps recovery within the
platform's 5 s target.

Its loop also beats: every pass of the consume loop and every reconnection attempt stamps the time. A
consumer whose thread has died or is stuck stops beating, and ``/health/live`` fails (``stalled_consumers``),
so the orchestrator restarts a process that still has its HTTP port open but no longer takes work; a broker
outage does not stop the beat (the attempts go on), so it never gets a healthy process killed.
"""
from __future__ import annotations

import time
import weakref
from contextlib import contextmanager

from eventlet.event import Event
from nameko.extensions import ProviderCollector
from nameko.messaging import QueueConsumer, QueueConsumerStopped
from nameko.rpc import ReplyListener

RECONNECT_START = 0.5
RECONNECT_STEP = 0.5
RECONNECT_MAX = 2.0
#: A consume loop silent for longer than this is stalled (it passes at least once a second when healthy).
STALL_SECONDS = 30.0
UNREGISTER_CHECK_SECONDS = 0.5

_consumers: weakref.WeakSet = weakref.WeakSet()


class PromptQueueConsumer(QueueConsumer):
    """Nameko's queue consumer with prompt reconnection, a heartbeat, and a stop that does not wait for a
    broker that is away (Nameko's waits for the consume loop, which only runs while connected: a service told
    to stop during an outage would hang until the broker came back, or be killed by the orchestrator)."""

    connected = False

    def setup(self):
        super().setup()
        self.beat()
        _consumers.add(self)

    def on_consume_ready(self, connection, channel, consumers, **kwargs):
        self.connected = True
        super().on_consume_ready(connection, channel, consumers, **kwargs)

    def unregister_provider(self, provider):
        """Nameko's, except that while the broker is away the consumer is dropped at once: it died with the
        connection, and the loop that would cancel it does not turn until the broker is back."""
        if not self._consumers_ready.ready():
            return super().unregister_provider(provider)
        removed = Event()
        self._pending_remove_providers[provider] = removed
        while not removed.ready():
            if not self.connected:
                self._pending_remove_providers.pop(provider, None)
                self._consumers.pop(provider, None)
                break
            removed.wait(timeout=UNREGISTER_CHECK_SECONDS)
        ProviderCollector.unregister_provider(self, provider)
        if not self.connected and not self._providers:
            self.should_stop = True

    def stop(self):
        _consumers.discard(self)
        super().stop()

    def kill(self):
        _consumers.discard(self)
        super().kill()

    def beat(self) -> None:
        self.last_beat = time.monotonic()

    def on_iteration(self):
        self.beat()
        super().on_iteration()

    def on_connection_error(self, exc, interval):
        self.connected = False
        self.beat()
        self._give_up_if_stopping()
        super().on_connection_error(exc, interval)

    def _give_up_if_stopping(self):
        if self.should_stop:
            raise QueueConsumerStopped()

    @contextmanager
    def establish_connection(self):
        with self.create_connection() as conn:
            conn.ensure_connection(self.on_connection_error, self.connect_max_retries,
                                   interval_start=RECONNECT_START, interval_step=RECONNECT_STEP,
                                   interval_max=RECONNECT_MAX, callback=self._give_up_if_stopping)
            yield conn

    def run(self, *args, **kwargs):
        try:
            super().run(*args, **kwargs)
        except QueueConsumerStopped:
            pass  # told to stop while the broker was away
        finally:
            self.connected = False

    def stalled_for(self, now: float | None = None) -> float:
        """Seconds since the consume loop last showed life."""
        return (time.monotonic() if now is None else now) - self.last_beat


class PromptReplyListener(ReplyListener):
    """The RPC reply listener on the prompt consumer (the caller's side of a call)."""

    queue_consumer = PromptQueueConsumer()


def stalled_consumers(limit: float = STALL_SECONDS) -> list[str]:
    """The services in this process whose consume loop has been silent for over ``limit`` seconds."""
    now = time.monotonic()
    return sorted({consumer.container.service_name for consumer in list(_consumers)
                   if consumer.stalled_for(now) > limit})
