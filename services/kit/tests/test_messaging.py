"""The kit's messaging guarantees against the real RabbitMQ and PostgreSQL.

outbox -> relay -> broker -> idempotent consumer, dead-lettering, an outage of
the broker connection, and RPC deadlines.
"""
from __future__ import annotations

import eventlet
import pytest
from kombu import Connection
from nameko.exceptions import RemoteError
from nameko.rpc import rpc
from situok_kit import testing
from situok_kit.config import ServiceSettings
from situok_kit.consumers import dlq_queue, event_consumer
from situok_kit.db import Database
from situok_kit.errors import ServiceTimeout, ServiceUnavailable
from situok_kit.rpc import TimedRpcProxy, cluster_proxy
from sqlalchemy import create_engine, func, insert, select

pytestmark = pytest.mark.integration


def config(amqp_uri, db_url, **extra):
    settings = ServiceSettings("kitdemo", amqp_uri, db_url, testing.free_port(), 10, 2.0)
    return {**settings.nameko_config(), **extra}


def build_services(metadata):
    class Notes:
        name = "notes"
        db = Database(metadata)

        @rpc
        def add(self, text, fail=False):
            with self.db.transaction() as tx:
                tx.session.execute(insert(metadata.tables["notes"]).values(text=text))
                tx.emit("notes.note_added", {"text": text})
                if fail:
                    raise ValueError("rolled back")
            return True

    class Reader:
        name = "reader"
        db = Database(metadata, relay=False)
        seen: list = []
        attempts: dict = {}

        @event_consumer("notes.note_added", attempts=2)
        def on_note(self, tx, event):
            text = event.data["text"]
            Reader.attempts[text] = Reader.attempts.get(text, 0) + 1
            if text.startswith("poison"):
                raise RuntimeError("cannot handle poison")
            Reader.seen.append(text)

    return Notes, Reader


def outbox_counts(db_url, metadata):
    engine = create_engine(db_url)
    ob = metadata.tables["outbox_events"]
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(ob)).scalar()
        pending = conn.execute(select(func.count()).select_from(ob).where(ob.c.published_at.is_(None))).scalar()
    engine.dispose()
    return total, pending


def test_outbox_relay_and_idempotent_consumer(container_factory, amqp_uri, db_url, kit_metadata):
    Notes, Reader = build_services(kit_metadata)
    Reader.seen.clear()
    observer = testing.EventObserver(amqp_uri, "notes", ("note_added",))
    reader = container_factory(Reader, config(amqp_uri, db_url))
    reader.start()
    notes = container_factory(Notes, config(amqp_uri, db_url))
    notes.start()
    try:
        with cluster_proxy(amqp_uri) as proxy:
            assert proxy.notes.add("first") is True
            with pytest.raises(RemoteError):
                proxy.notes.add("never", fail=True)
        testing.wait_for(lambda: Reader.seen == ["first"], message="consumer to see the event")
        events = testing.wait_for(lambda: observer.of_type("notes.note_added") or None)
        assert [e["data"]["text"] for e in events] == ["first"]
        assert set(events[0]) == {"id", "type", "occurred_at", "actor", "data"}
        assert outbox_counts(db_url, kit_metadata) == (1, 0)  # the rolled-back write left no event

        # A redelivered copy of the same event changes nothing.
        with Connection(amqp_uri) as conn:
            from situok_kit.outbox import event_exchange
            conn.Producer().publish(events[0], exchange=event_exchange("notes"), routing_key="note_added",
                                    serializer="json")
        testing.wait_for(lambda: len(observer.of_type("notes.note_added")) == 2, message="duplicate delivered")
        with Connection(amqp_uri) as conn:  # wait until the reader drained its queue
            testing.wait_for(lambda: _queue_empty(conn, "evt-notes-note_added--reader.on_note"))
        assert Reader.seen == ["first"]
    finally:
        observer.close()


def _queue_empty(conn, name):
    from kombu import Queue

    q = Queue(name)(conn.channel())
    _, count, _ = q.queue_declare(passive=True)
    return count == 0


def test_failing_handler_goes_to_dead_letter_queue(container_factory, amqp_uri, db_url, kit_metadata):
    Notes, Reader = build_services(kit_metadata)
    Reader.attempts.clear()
    container_factory(Reader, config(amqp_uri, db_url)).start()
    container_factory(Notes, config(amqp_uri, db_url)).start()
    with cluster_proxy(amqp_uri) as proxy:
        proxy.notes.add("poison pill")
    with Connection(amqp_uri) as conn:
        queue = dlq_queue("reader")(conn.channel())
        queue.declare()
        message = testing.wait_for(lambda: queue.get(no_ack=True), message="message in the DLQ")
    assert message.payload["data"]["text"] == "poison pill"
    assert "cannot handle poison" in message.headers["x-situok-error"]
    assert message.headers["x-situok-original-queue"] == "evt-notes-note_added--reader.on_note"
    assert Reader.attempts["poison pill"] == 2


def test_relay_holds_events_while_broker_is_away(container_factory, amqp_uri, db_url, kit_metadata):
    """Commit with the service's broker link cut: the event waits in the outbox, then goes out once."""
    Notes, _ = build_services(kit_metadata)
    host_port = amqp_uri.split("@", 1)[1].split("/", 1)[0]
    proxy = testing.TcpProxy("127.0.0.1", int(host_port.rsplit(":", 1)[1])).start()
    observer = testing.EventObserver(amqp_uri, "notes", ("note_added",))
    container = container_factory(Notes, config(proxy.uri_for(amqp_uri), db_url))
    container.start()
    try:
        with cluster_proxy(amqp_uri) as rpc_proxy:  # warm the relay's connection through the proxy
            rpc_proxy.notes.add("before")
        testing.wait_for(lambda: len(observer.of_type("notes.note_added")) == 1)
        proxy.cut()
        # Write straight through the service's provider while its broker link is down.
        provider = next(d for d in container.dependencies if isinstance(d, Database))
        from situok_kit.db import UnitOfWork
        with UnitOfWork(provider).transaction() as tx:
            tx.emit("notes.note_added", {"text": "during outage"})
        eventlet.sleep(0)
        assert outbox_counts(db_url, kit_metadata)[1] == 1
        proxy.restore()
        testing.wait_for(lambda: outbox_counts(db_url, kit_metadata)[1] == 0, timeout=20,
                         message="relay to publish after the broker came back")
        texts = [e["data"]["text"] for e in observer.of_type("notes.note_added")]
        assert texts == ["before", "during outage"]
    finally:
        observer.close()
        proxy.stop()


def test_rpc_deadline_and_unknown_service(container_factory, amqp_uri, db_url, kit_metadata):
    class Slow:
        name = "slow"

        @rpc
        def nap(self, seconds):
            eventlet.sleep(seconds)
            return "awake"

    class Caller:
        name = "caller"
        slow = TimedRpcProxy("slow", timeout=0.3)
        ghost = TimedRpcProxy("ghost", timeout=0.3)

        @rpc
        def call_slow(self, seconds):
            return self.slow.nap(seconds)

        @rpc
        def call_ghost(self):
            return self.ghost.anything()

    container_factory(Slow, config(amqp_uri, db_url)).start()
    container_factory(Caller, config(amqp_uri, db_url)).start()
    with cluster_proxy(amqp_uri) as proxy:
        assert proxy.caller.call_slow(0) == "awake"
        with pytest.raises(ServiceTimeout):
            proxy.caller.call_slow(2)
        with pytest.raises(ServiceUnavailable):
            proxy.caller.call_ghost()


def test_read_session_is_autocommit_and_refuses_writes(db_url, kit_metadata):
    from situok_kit.db import UnitOfWork
    from sqlalchemy.exc import DBAPIError

    provider = Database(kit_metadata, relay=False)
    provider.container = type("Container", (), {"config": {"DB_URL": db_url, "AMQP_URI": "amqp://unused"}})()
    provider.setup()
    uow = UnitOfWork(provider)
    try:
        assert uow.session.connection().connection.dbapi_connection.autocommit is True
        with uow.transaction() as tx:
            tx.session.execute(insert(kit_metadata.tables["notes"]).values(text="written in a transaction"))
        notes = uow.session.execute(select(kit_metadata.tables["notes"].c.text)).scalars().all()
        assert notes == ["written in a transaction"]
        with pytest.raises(DBAPIError, match="read-only transaction"):
            uow.session.execute(insert(kit_metadata.tables["notes"]).values(text="not here"))
    finally:
        uow.close()
        provider.stop()


def test_reads_survive_connections_dropped_by_the_database(db_url, kit_metadata):
    """A database restart drops every connection; the next read still answers (no pre-ping)."""
    from situok_kit.db import UnitOfWork
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    provider = Database(kit_metadata, relay=False)
    provider.container = type("Container", (), {"config": {"DB_URL": db_url, "AMQP_URI": "amqp://unused"}})()
    provider.setup()
    notes = kit_metadata.tables["notes"]
    try:
        first = UnitOfWork(provider)
        assert first.session.execute(select(func.count()).select_from(notes)).scalar() == 0
        with first.transaction() as tx:
            tx.session.execute(select(1))
        first.close()  # both connections go back to their pools, idle
        admin = create_engine(make_url(db_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            killed = conn.execute(text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :db"),
                {"db": make_url(db_url).database}).scalar()
        admin.dispose()
        assert killed >= 1
        second = UnitOfWork(provider)
        assert second.session.execute(select(func.count()).select_from(notes)).scalar() == 0
        with second.transaction() as tx:  # writes: the pool pings and replaces the dropped connection
            tx.session.execute(insert(notes).values(text="after the restart"))
        second.close()
    finally:
        provider.stop()


def test_two_relays_on_one_outbox_send_each_event_once(amqp_uri, db_url, kit_metadata):
    """Several instances of a service relay side by side: SKIP LOCKED gives each row to one of them."""
    from situok_kit.db import make_engine
    from situok_kit.envelope import Envelope
    from situok_kit.outbox import OutboxRelay

    engine = make_engine(db_url)
    outbox = kit_metadata.tables["outbox_events"]
    envelopes = [Envelope(type="notes.note_added", data={"n": n}) for n in range(300)]
    with engine.begin() as conn:
        conn.execute(insert(outbox), [{"event_id": e.id, "event_type": e.type, "envelope": e.to_dict(), "headers": {}}
                                      for e in envelopes])
    observer = testing.EventObserver(amqp_uri, "notes", ("note_added",))
    relays = [OutboxRelay(engine, outbox, amqp_uri) for _ in range(2)]
    try:
        workers = [eventlet.spawn(relay.drain) for relay in relays]
        sent = [worker.wait() for worker in workers]
        assert sum(sent) == 300 and all(relay.published_count for relay in relays)
        testing.wait_for(lambda: len(observer.poll()) >= 300, message="all events on the exchange")
        ids = [m["id"] for m in observer.poll()]
        assert len(ids) == 300 and set(ids) == {e.id for e in envelopes}
        assert outbox_counts(db_url, kit_metadata) == (300, 0)
    finally:
        observer.close()
        for relay in relays:
            relay.stop()
        engine.dispose()
