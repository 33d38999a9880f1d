"""``@api`` under faults, against the real RabbitMQ: requests whose caller gave up are not run, and a broker
cut while a reply is being published neither kills the service nor loses the answer."""
from __future__ import annotations

import time
import uuid

import eventlet
import pytest
from kombu import Connection, Exchange, Producer
from situok_kit import metrics, testing
from situok_kit.config import ServiceSettings
from situok_kit.rpc import DEADLINE_HEADER, api, cluster_proxy

pytestmark = pytest.mark.integration


def config(amqp_uri, db_url):
    return ServiceSettings("kitdemo", amqp_uri, db_url, testing.free_port(), 10, 2.0).nameko_config()


def counter(family, *labels) -> float:
    return family.labels(*labels)._value.get()


def broker_link_for(amqp_uri: str) -> testing.TcpProxy:
    """A TCP proxy in front of the test's broker, which the test may cut."""
    host, port = amqp_uri.split("@", 1)[1].split("/", 1)[0].rsplit(":", 1)
    return testing.TcpProxy(host, int(port)).start()


def build_clerk():
    class Clerk:
        name = "clerk"
        calls: list = []
        started = eventlet.event.Event()
        release = eventlet.event.Event()

        @api
        def note(self, text):
            Clerk.calls.append(text)
            return f"noted {text}"

        @api
        def note_when_released(self, text):
            Clerk.calls.append(text)
            if not Clerk.started.ready():  # a redelivery after a cut runs it again (no record without a db)
                Clerk.started.send()
            Clerk.release.wait()
            return f"noted {text}"

    return Clerk


def publish_request(amqp_uri, method, kwargs, deadline):
    """A request as a caller publishes it, with a chosen deadline header (a long-gone caller)."""
    with Connection(amqp_uri) as conn:
        Producer(conn.channel()).publish(
            {"args": [], "kwargs": kwargs}, exchange=Exchange("nameko-rpc", type="topic", durable=True),
            routing_key=f"clerk.{method}", reply_to=f"nobody-{uuid.uuid4()}", correlation_id=str(uuid.uuid4()),
            headers={DEADLINE_HEADER: f"{deadline:.3f}"}, serializer="json")


def test_request_past_its_deadline_is_dropped_not_run(container_factory, amqp_uri, db_url):
    Clerk = build_clerk()
    Clerk.calls.clear()
    container_factory(Clerk, config(amqp_uri, db_url)).start()
    expired_before = counter(metrics.RPC_EXPIRED, "clerk", "note")
    publish_request(amqp_uri, "note", {"text": "too late"}, deadline=time.time() - 1)
    testing.wait_for(lambda: counter(metrics.RPC_EXPIRED, "clerk", "note") == expired_before + 1,
                     message="the expired request counted")
    with cluster_proxy(amqp_uri, timeout=5) as proxy:  # a live caller is still served, in order after it
        assert proxy.clerk.note("in time") == "noted in time"
    assert Clerk.calls == ["in time"]


def test_queued_request_expires_when_its_caller_has_given_up(container_factory, amqp_uri, db_url):
    """Sent while the service is down with a 0.3 s timeout: when the service comes up, it never runs."""
    from situok_kit.errors import ServiceTimeout
    from situok_kit.rpc import TimedRpcProxy

    Clerk = build_clerk()
    Clerk.calls.clear()

    class Caller:
        name = "caller"
        clerk = TimedRpcProxy("clerk", timeout=0.3)

        @api
        def ask(self, text):
            return self.clerk.note(text)

    clerk = container_factory(Clerk, config(amqp_uri, db_url))
    clerk.start()  # declare the queue, then take the service away
    clerk.stop()
    container_factory(Caller, config(amqp_uri, db_url)).start()
    with cluster_proxy(amqp_uri, timeout=5) as proxy:
        with pytest.raises(ServiceTimeout):
            proxy.caller.ask("while down")
        testing.wait_for(lambda: _queued(amqp_uri, "rpc-clerk") == 0, message="the broker expiring the request")
        container_factory(Clerk, config(amqp_uri, db_url)).start()
        assert proxy.caller.ask("after restart") == "noted after restart"
    assert Clerk.calls == ["after restart"]


def test_broker_cut_while_replying_keeps_the_service_and_delivers_the_answer(container_factory, amqp_uri,
                                                                                 db_url):
    Clerk = build_clerk()
    Clerk.calls.clear()
    broker_link = broker_link_for(amqp_uri)
    container = container_factory(Clerk, config(broker_link.uri_for(amqp_uri), db_url))
    container.start()
    retries_before = counter(metrics.RPC_REPLY_RETRIES, "clerk", "note_when_released")
    try:
        with cluster_proxy(amqp_uri, timeout=20) as proxy:
            answer = eventlet.spawn(proxy.clerk.note_when_released, "during cut")
            Clerk.started.wait()
            broker_link.cut()
            Clerk.release.send()
            testing.wait_for(lambda: counter(metrics.RPC_REPLY_RETRIES, "clerk", "note_when_released")
                             > retries_before, message="the reply publish failing while the broker is cut")
            broker_link.restore()
            assert answer.wait() == "noted during cut"
            assert not container._died.ready(), "the service died of a broker cut while replying"
            assert testing.wait_for(lambda: _answers(proxy), timeout=20, message="answering after the cut")
    finally:
        broker_link.stop()


def _queued(amqp_uri, queue) -> int:
    with Connection(amqp_uri) as conn:
        return conn.channel().queue_declare(queue, passive=True).message_count


def _answers(proxy) -> bool:
    try:
        return proxy.clerk.note("after cut") == "noted after cut"
    except Exception:
        return False


def test_write_redelivered_after_a_broker_cut_is_answered_from_the_record(container_factory, amqp_uri, db_url,
                                                                          kit_metadata, tmp_path, monkeypatch):
    """The broker goes away after the write committed and before the ack: RabbitMQ redelivers the request;
    the service answers it from ``rpc_requests`` instead of writing a second note."""
    from situok_kit.db import Database
    from sqlalchemy import create_engine, func, insert, select

    notes = kit_metadata.tables["notes"]

    class Notes:
        name = "kitnotes"
        db = Database(kit_metadata, relay=False)
        runs: list = []

        @api
        def add(self, text):
            Notes.runs.append(text)
            with self.db.transaction() as tx:
                tx.session.execute(insert(notes).values(text=text))
            return {"text": text}

    monkeypatch.setenv("SITUOK_FAULT_DIR", str(tmp_path))
    (tmp_path / "rpc.reply.kitnotes.add.arm").write_text("pause")
    broker_link = broker_link_for(amqp_uri)
    container = container_factory(Notes, config(broker_link.uri_for(amqp_uri), db_url))
    container.start()
    replayed = counter(metrics.RPC_REPLAYED, "kitnotes", "add")
    try:
        with cluster_proxy(amqp_uri, timeout=30) as proxy:
            answer = eventlet.spawn(proxy.kitnotes.add, "once")
            testing.wait_for(lambda: (tmp_path / "rpc.reply.kitnotes.add.reached").exists(),
                             message="the write committed, its reply not sent")
            broker_link.cut()
            (tmp_path / "rpc.reply.kitnotes.add.release").write_text("go")
            testing.wait_for(lambda: counter(metrics.RPC_REPLY_RETRIES, "kitnotes", "add") > 0,
                             message="the reply failing while the broker is away")
            broker_link.restore()
            assert answer.wait() == {"text": "once"}
            testing.wait_for(lambda: counter(metrics.RPC_REPLAYED, "kitnotes", "add") == replayed + 1, timeout=20,
                             message="the redelivered request answered from the record")
    finally:
        container.kill()
        broker_link.stop()
    assert Notes.runs == ["once"]
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(notes)).scalar() == 1
        assert conn.execute(select(func.count()).select_from(kit_metadata.tables["rpc_requests"])).scalar() == 1
    engine.dispose()


def test_a_read_leaves_no_record(container_factory, amqp_uri, db_url, kit_metadata):
    from situok_kit.db import Database
    from sqlalchemy import create_engine, func, select

    class Reader:
        name = "kitreader"
        db = Database(kit_metadata, relay=False)

        @api
        def count(self):
            return self.db.session.execute(select(func.count()).select_from(kit_metadata.tables["notes"])).scalar()

    container_factory(Reader, config(amqp_uri, db_url)).start()
    with cluster_proxy(amqp_uri, timeout=5) as proxy:
        assert proxy.kitreader.count() == 0
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(kit_metadata.tables["rpc_requests"])).scalar() == 0
    engine.dispose()


def test_a_service_told_to_stop_while_the_broker_is_away_stops(container_factory, amqp_uri, db_url):
    """Nameko's stop waits for its consume loop, which only turns while connected; ours does not hang."""
    from situok_kit.broker import stalled_consumers

    Clerk = build_clerk()
    broker_link = broker_link_for(amqp_uri)
    container = container_factory(Clerk, config(broker_link.uri_for(amqp_uri), db_url))
    container.start()
    try:
        broker_link.cut()
        assert stalled_consumers() == []  # away is not wedged: the liveness probe stays green
        stopping = eventlet.spawn(container.stop)
        testing.wait_for(lambda: stopping.dead, timeout=15, message="the service to stop without the broker")
    finally:
        broker_link.stop()
