"""A service's local copy of personnel's roster: the parts every consumer shares.

Services that need employees (travel, attendance, ...) keep their own ``roster_employees`` /
``roster_units`` tables, fed by personnel's events (``personnel.employee_*``, ``personnel.org_unit_*``)
and, for whatever was published before their queue existed, by a pull of personnel's
``employee_snapshot`` (system identity). The tables differ per service (each keeps the columns it needs);
the mechanics are here:

* ``pull_snapshot``: every page of the snapshot;
* ``upsert_newer``: insert or refresh rows, never overwriting a newer version (``source_updated_at``),
  so events and a sync may interleave;
* ``upsert_rows``: plain insert-or-update by primary key (org units);
* ``subunit_ids``: a unit and every unit below it (recursive CTE on the service's unit table);
* ``timestamp``: personnel's ISO ``updated_at`` as a datetime;
* ``RosterUnitColumns`` / ``RosterSyncRunColumns``: the ``roster_units`` / ``roster_sync_runs`` columns
  every consumer shares (mixins for the service's models), with ``unit_values``, ``needs_sync``,
  ``record_sync`` and ``last_sync_at`` over them;
* ``lock_sync``, ``sync_with``, ``sync_command``: one sync at a time, a pull stored by the worker, and the
  ``python -m <service>.sync [--optional]`` command line.
"""
from __future__ import annotations

import logging
from datetime import datetime

from nameko.timer import timer
from situok_contracts.events import Personnel
from sqlalchemy import Boolean, DateTime, Integer, String, exists, func, or_, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Mapped, mapped_column

from .consumers import event_consumer
from .identity import SYSTEM
from .rpc import cluster_proxy
from .tables import utcnow

_log = logging.getLogger("situok.roster")

PAGE = 200


def pull_snapshot(amqp_uri: str, timeout: float = 10.0, page: int = PAGE) -> tuple[list[dict], list[dict]]:
    """(employees, org units) from personnel's ``employee_snapshot``, every page (system identity)."""
    employees: list[dict] = []
    units: list[dict] = []
    proxy = cluster_proxy(amqp_uri, timeout=timeout, context_data={"identity": SYSTEM.to_json()})
    personnel = proxy.start().personnel
    try:
        cursor = None
        while True:
            result = personnel.employee_snapshot(cursor=cursor, limit=page)
            employees.extend(result["employees"])
            units.extend(result.get("org_units") or [])
            cursor = result.get("next_cursor")
            if not cursor:
                return employees, units
    finally:
        proxy.stop()


def timestamp(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def upsert_newer(session, model, rows: list[dict], stamp: str = "source_updated_at", key: str = "id") -> int:
    """Insert or refresh ``rows`` of ``model``; a row older (by ``stamp``) than the stored one is ignored."""
    if not rows:
        return 0
    column = getattr(model, stamp)
    stmt = pg_insert(model).values(rows)
    newer = or_(column.is_(None), stmt.excluded[stamp].is_(None), column <= stmt.excluded[stamp])
    stmt = stmt.on_conflict_do_update(index_elements=[getattr(model, key)],
                                      set_={c: stmt.excluded[c] for c in rows[0] if c != key}, where=newer)
    session.execute(stmt)
    return len(rows)


def upsert_rows(session, model, rows: list[dict], key: str = "id") -> int:
    """Insert or update ``rows`` of ``model`` by ``key``."""
    if not rows:
        return 0
    stmt = pg_insert(model).values(rows)
    stmt = stmt.on_conflict_do_update(index_elements=[getattr(model, key)],
                                      set_={c: stmt.excluded[c] for c in rows[0] if c != key})
    session.execute(stmt)
    return len(rows)


def subunit_ids(session, unit_model, unit_id: int) -> set[int]:
    """``unit_id`` and every unit below it (``unit_model`` has ``id`` and ``parent_id``)."""
    tree = select(unit_model.id).where(unit_model.id == unit_id).cte("tree", recursive=True)
    tree = tree.union_all(select(unit_model.id).where(unit_model.parent_id == tree.c.id))
    found = set(session.scalars(select(tree.c.id)))
    return found or {unit_id}


class RosterUnitColumns:
    """The ``roster_units`` columns (mixin for a service's ``RosterUnit`` model)."""

    __tablename__ = "roster_units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(Integer, index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    synced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())


class RosterSyncRunColumns:
    """The ``roster_sync_runs`` columns (mixin): a completed pull of personnel's snapshot. Until there is one,
    the service keeps trying (events alone cannot fill a roster: those published before its queue existed
    are lost)."""

    __tablename__ = "roster_sync_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employees: Mapped[int] = mapped_column(Integer)
    org_units: Mapped[int] = mapped_column(Integer)
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())


def unit_values(unit: dict) -> dict:
    """A ``roster_units`` row of personnel's org unit (``OrgUnitOut`` shape)."""
    return {"id": int(unit["id"]), "code": unit["code"], "name": unit["name"], "kind": unit["kind"],
            "parent_id": unit.get("parent_id"), "active": bool(unit.get("active", True)), "synced_at": utcnow()}


def needs_sync(session, run_model) -> bool:
    """True until a full snapshot has been pulled once (events alone may have filled only part of it)."""
    return not session.scalar(select(exists().where(run_model.id.isnot(None))))


def record_sync(session, run_model, employees: int, org_units: int) -> None:
    session.add(run_model(employees=employees, org_units=org_units, finished_at=utcnow()))


def last_sync_at(session, run_model) -> str | None:
    last = session.scalar(select(run_model.finished_at).order_by(run_model.id.desc()).limit(1))
    return last.isoformat() if last else None


def lock_sync(session, key: int) -> None:
    """One sync at a time (a transaction-scoped pg advisory lock on ``key``)."""
    session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def sync_with(db, amqp_uri: str, apply_snapshot) -> dict:
    """Pull and store (``db``: the worker's ``UnitOfWork``; ``apply_snapshot(session, employees, units)``)."""
    employees, units = pull_snapshot(amqp_uri)
    with db.transaction() as tx:
        return apply_snapshot(tx.session, employees, units)


def sync_command(service: str, apply_snapshot, argv=None) -> int:
    """``python -m <service>.sync [--optional]``: pull now and store in ``service``'s database; with
    ``--optional`` personnel not running is only reported (``make prepare``)."""
    import argparse

    import eventlet

    eventlet.monkey_patch()
    from sqlalchemy.orm import Session

    from .config import database_url, env
    from .db import make_engine

    parser = argparse.ArgumentParser(description=f"Pull the {service} roster from personnel")
    parser.add_argument("--optional", action="store_true", help="personnel not running is not an error")
    args = parser.parse_args(argv)
    try:
        employees, units = pull_snapshot(env("SITUOK_AMQP_URI"))
    except Exception as exc:
        if args.optional:
            print(f"{service} roster sync: personnel not reachable ({type(exc).__name__}); "
                  f"the {service} service syncs when it starts.")
            return 0
        raise
    engine = make_engine(database_url(service), pool_size=1)
    try:
        with Session(engine) as session:
            result = apply_snapshot(session, employees, units)
            session.commit()
    finally:
        engine.dispose()
    print(f"{service} roster sync: {result['employees']} employees, {result['org_units']} org units.")
    return 0


class RosterConsumers:
    """Mixin for a service that keeps a roster copy: personnel's events keep it current, and a timer pulls
    the whole roster at start (and every 15 s until one pull has worked), because events published before
    the service's queue existed were lost. Safe with several instances (the service's sync takes an
    advisory lock; every write is an upsert).

    The service sets ``roster_store`` (its roster module: ``needs_sync``, ``upsert_employees``,
    ``set_inactive``, ``upsert_units``) and ``roster_sync`` (its sync module: ``sync_with(db, amqp_uri)``);
    it has ``db`` and ``config`` like every SITU OK service.
    """

    roster_store = None
    roster_sync = None

    @timer(interval=15, eager=True)
    def fill_empty_roster(self):
        if not self.roster_store.needs_sync(self.db.session):
            return
        try:
            _log.info("roster synced from personnel: %s", self.roster_sync.sync_with(self.db, self.config["AMQP_URI"]))
        except Exception as exc:  # personnel not up yet: try again on the next tick
            _log.warning("roster sync failed (%s); retrying later", exc)

    @event_consumer(Personnel.EMPLOYEE_CREATED)
    def on_employee_created(self, tx, event):
        self.roster_store.upsert_employees(tx.session, [event.data])

    @event_consumer(Personnel.EMPLOYEE_UPDATED)
    def on_employee_updated(self, tx, event):
        self.roster_store.upsert_employees(tx.session, [event.data])

    @event_consumer(Personnel.EMPLOYEE_DEACTIVATED)
    def on_employee_deactivated(self, tx, event):
        self.roster_store.set_inactive(tx.session, event.data)

    @event_consumer(Personnel.ORG_UNIT_CREATED)
    def on_org_unit_created(self, tx, event):
        self.roster_store.upsert_units(tx.session, [event.data])

    @event_consumer(Personnel.ORG_UNIT_UPDATED)
    def on_org_unit_updated(self, tx, event):
        self.roster_store.upsert_units(tx.session, [event.data])
