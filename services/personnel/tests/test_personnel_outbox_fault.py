"""The outbox under a broker outage: an event committed while the broker is unreachable
is published exactly once when it returns.

The service reaches RabbitMQ through a ``TcpProxy``; the connection is cut at the
very moment the ``create_employee`` transaction commits, so the employee row and
its outbox row exist while nothing can be published. The observer listens on its
own, direct connection.
"""
from urllib.parse import urlparse

import pytest
from personnel.models import Employee, kit_tables
from personnel_testkit import database_provider
from situok_kit.testing import TcpProxy, wait_for
from sqlalchemy import event, func, select

pytestmark = [pytest.mark.integration, pytest.mark.fault]

NIP = "199404142019032001"


def outbox_rows(seeded_db, nip: str):
    outbox = kit_tables.outbox
    return seeded_db.scalars(
        select(outbox.c.published_at).where(outbox.c.event_type == "personnel.employee_created",
                                            outbox.c.envelope["data"]["nip"].astext == nip))


def test_event_committed_during_a_broker_cut_is_published_once(start_service, broker_uri, rpc, seeded_db,
                                                               observer):
    broker = urlparse(broker_uri)
    proxy = TcpProxy(broker.hostname, broker.port or 5672).start()
    try:
        container = start_service(proxy.uri_for(broker_uri))
        created = observer("employee_created")
        outbox = kit_tables.outbox
        wait_for(lambda: seeded_db.scalar(select(func.count()).select_from(outbox)
                                          .where(outbox.c.published_at.is_(None))) == 0,
                 message="earlier events to be relayed")

        # Cut the broker connection exactly when the transaction inserting the employee commits.
        sessions = database_provider(container).sessionmaker
        state = {"cut": False}

        def note_insert(session, flush_context, instances):
            if any(isinstance(obj, Employee) for obj in session.new):
                session.info["employee_inserted"] = True

        def cut_on_commit(session):
            if session.info.pop("employee_inserted", False) and not state["cut"]:
                proxy.cut()
                state["cut"] = True

        event.listen(sessions, "before_flush", note_insert)
        event.listen(sessions, "after_commit", cut_on_commit)
        try:
            data = {"employment_type": "pns", "name": "Ni Made Saat Putus", "nip": NIP,
                    "unit_id": seeded_db.unit_ids["BUP.TU.KPG"]}
            reply = rpc(seeded_db.identity("admin")).create_employee.call_async(data, idempotency_key="putus-1")
            wait_for(lambda: state["cut"], message="the commit that cuts the broker")

            # Committed, but not published: the relay cannot reach the broker.
            assert seeded_db.scalar(select(Employee.id).where(Employee.nip == NIP)) is not None
            assert outbox_rows(seeded_db, NIP) == [None]
            assert [m for m in created.of_type("personnel.employee_created") if m["data"]["nip"] == NIP] == []

            proxy.restore()
            employee = reply.result()
        finally:
            event.remove(sessions, "before_flush", note_insert)
            event.remove(sessions, "after_commit", cut_on_commit)

        def delivered():
            return [m for m in created.of_type("personnel.employee_created") if m["data"]["nip"] == NIP]

        wait_for(delivered, timeout=15, message="employee_created after the broker returned")
        wait_for(lambda: outbox_rows(seeded_db, NIP)[0] is not None, message="the outbox row marked published")
        assert len(outbox_rows(seeded_db, NIP)) == 1
        [published] = delivered()
        assert published["data"]["id"] == employee["id"]
        assert seeded_db.scalar(select(func.count()).select_from(Employee).where(Employee.nip == NIP)) == 1
    finally:
        proxy.stop()
