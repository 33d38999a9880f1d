"""A whole stack whose services reach RabbitMQ and PostgreSQL through TCP proxies it owns, for the fault
suite (tests/fault) and the chaos figures (bench/chaos.py).

Either link can be cut at will without touching the shared servers (``broker.cut()``/``restore()``,
``database.cut()``/``restore()``); a supervisor thread restarts any process that dies, as ``make run`` does;
named fault points (``situok_kit.faults``) are armed through files in the stack's fault directory, so a cut
or a kill lands at the exact moment wanted. Everything it creates is removed at the end.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import requests
from prometheus_client.parser import text_string_to_metric_families
from situok_kit import testing
from situok_kit.migrate import drop_database
from sqlalchemy import create_engine, text

from tools.processes import Backoff
from tools.stack import DB_SERVICES, Stack


def _target(url: str) -> tuple[str, int]:
    host, port = url.split("@", 1)[-1].split("/", 1)[0].rsplit(":", 1)
    return host, int(port)


@dataclass
class FaultyStack:
    stack: Stack
    broker: testing.TcpProxy
    database: testing.TcpProxy
    fault_dir: Path
    db_template: str  # direct, for the test's own checks

    # -- fault points ------------------------------------------------------------------------------
    def arm(self, point: str, action: str) -> None:
        (self.fault_dir / f"{point}.release").unlink(missing_ok=True)
        (self.fault_dir / f"{point}.reached").unlink(missing_ok=True)
        (self.fault_dir / f"{point}.arm").write_text(action)

    def wait_reached(self, point: str, timeout: float = 20) -> None:
        testing.wait_for(lambda: (self.fault_dir / f"{point}.reached").exists(), timeout=timeout,
                         message=f"a process to reach {point}")

    def release(self, point: str) -> None:
        (self.fault_dir / f"{point}.release").write_text("go")

    def disarm(self, point: str) -> None:
        (self.fault_dir / f"{point}.arm").unlink(missing_ok=True)
        self.release(point)

    # -- what the services say ---------------------------------------------------------------------
    def metric(self, service: str, name: str, **labels) -> float:
        """The sum of ``name`` samples matching ``labels`` over every instance of ``service`` that answers."""
        total = 0.0
        for port in self.stack.ports[service]:
            try:
                body = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=2).text
            except requests.RequestException:
                continue
            for family in text_string_to_metric_families(body):
                for sample in family.samples:
                    if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                        total += sample.value
        return total

    def sql(self, service: str, query: str, **params):
        engine = create_engine(self.db_template.format(service=service))
        try:
            with engine.connect() as conn:
                return conn.execute(text(query), params).all()
        finally:
            engine.dispose()

    def all_running(self) -> None:
        """Every process is up, or the supervisor has it up again soon and ready."""
        testing.wait_for(lambda: all(proc.popen.poll() is None for proc in self.stack.procs.values()), timeout=10,
                         message="every process running")
        for name in self.stack.procs:
            self.stack.wait_healthy(name, timeout=30)


def draft_order(employee_id: int, purpose: str) -> dict:
    """A draft travel order for the load: a write with no natural unique key (only ``purpose`` tells one from
    another), so a write applied twice would show as two rows."""
    start = date.today() + timedelta(days=3)
    if (start + timedelta(days=2)).year != date.today().year:
        start = date.today() - timedelta(days=12)  # the seeded rate table is this year's
    return {"travellers": [{"employee_id": employee_id}],
            "destinations": [{"province_code": "31", "city": "Jakarta Pusat"}],
            "departure_date": start.isoformat(), "return_date": (start + timedelta(days=2)).isoformat(),
            "category": "luar_kota", "transport": "umum",
            "basis": ["Undangan Kementerian Dalam Negeri Nomor 000/123/2026"], "purpose": purpose,
            "budget_agency": "Biro Umum dan Protokol Setda Provinsi Bali", "budget_account": "5.1.02.04.01.0001"}


@contextmanager
def faulty_stack(infra, workdir: Path, env: dict):
    """A prepared, started and supervised ``FaultyStack`` (``env``: secrets, passwords, settings)."""
    broker = testing.TcpProxy(*_target(infra.amqp_uri)).start()
    database = testing.TcpProxy(*_target(infra.pg_url)).start()
    fault_dir = Path(workdir) / "faults"
    fault_dir.mkdir(parents=True, exist_ok=True)
    stop = threading.Event()
    with testing.temporary_vhost(infra.amqp_uri, "situok_fault") as amqp_uri:
        db_template = testing.database_url_for(infra.pg_url, f"{testing.unique_name('situok_fault')}_{{service}}")
        stack = Stack(env={**env, "SITUOK_AMQP_URI": broker.uri_for(amqp_uri),
                           "SITUOK_DB_URL_TEMPLATE": database.uri_for(db_template),
                           "SITUOK_FAULT_DIR": str(fault_dir)},
                      with_web=False, workdir=Path(workdir) / "stack")
        supervisor = threading.Thread(target=stack.supervise, args=(stop, Backoff(first=0.5, cap=2.0)),
                                      daemon=True)
        try:
            stack.prepare()
            stack.start()
            supervisor.start()
            yield FaultyStack(stack, broker, database, fault_dir, db_template)
        finally:
            stop.set()
            if supervisor.is_alive():
                supervisor.join(timeout=5)
            stack.stop()
            broker.stop()
            database.stop()
            for service in DB_SERVICES:
                drop_database(db_template.format(service=service))
