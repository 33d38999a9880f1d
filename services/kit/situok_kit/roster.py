"""A service's local copy of personnel's roster: the parts every consumer shares.

Services that need employees (travel, attendance, ...) keep their own ``roster_employees`` /
``roster_units`` tables, fed by personnel's events (``personnel.employee_*``, ``personnel.org_unit_*``)
and, for whatever was published before their queue existed, by a pull of personnel's
``employee_snapshot`` (system identity: a short-lived system token, ``identity.system_context``). The
tables differ per service (each keeps the columns it needs);
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
* ``RosterEmployeeColumns``: the ``roster_employees`` columns every consumer shares (each adds its own);
* ``sync_with``, ``sync_command``: a pull stored by the worker, and the ``python -m <service>.sync
  [--optional]`` command line (one sync at a time: ``situok_kit.db.advisory_lock``);
* ``RosterConsumers`` / ``RosterCopy``: the service mixins (events and the start-up pull; plus the
  ``sync_roster`` and ``roster_status`` entrypoints).

Calls to personnel wait ``SITUOK_RPC_TIMEOUT`` seconds; ``sync_command --optional`` (``make prepare``/``make
run``, where personnel may not be up yet) waits ``OPTIONAL_TIMEOUT`` at most, since the service pulls at start
anyway.
"""
from __future__ import annotations

import logging
from datetime import datetime

from nameko.timer import timer
from situok_contracts.events import Personnel
from sqlalchemy import Boolean, DateTime, Integer, String, exists, func, or_, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Mapped, mapped_column

from .clock import utcnow
from .config import env, env_float
from .consumers import event_consumer
from .identity import system_context
from .rpc import api, cluster_proxy

_log = logging.getLogger("situok.roster")

PAGE = 200
#: Seconds ``sync_command --optional`` waits for personnel at most (it may not be up yet; the service pulls
#: at start anyway, so a slow answer is not worth holding ``make run`` for).
OPTIONAL_TIMEOUT = 3.0


def pull_snapshot(amqp_uri: str, timeout: float | None = None, page: int = PAGE) -> tuple[list[dict], list[dict]]:
    """(employees, org units) from personnel's ``employee_snapshot``, every page (system identity); each call
    waits ``timeout`` seconds at most (default: ``SITUOK_RPC_TIMEOUT``)."""
    employees: list[dict] = []
    units: list[dict] = []
    timeout = env_float("SITUOK_RPC_TIMEOUT") if timeout is None else timeout
    proxy = cluster_proxy(amqp_uri, timeout=timeout, context_data=system_context())
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


class RosterEmployeeColumns:
    """The ``roster_employees`` columns every consumer shares (mixin for a service's ``RosterEmployee``; the
    service adds the columns it needs of its own, and its ``__table_args__``). ``source_updated_at`` is
    personnel's ``updated_at`` of the version stored (``upsert_newer``)."""

    __tablename__ = "roster_employees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(150))
    full_name: Mapped[str] = mapped_column(String(300))
    nip: Mapped[str | None] = mapped_column(String(18))
    employment_type: Mapped[str] = mapped_column(String(10))
    position_name: Mapped[str | None] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(Integer)
    unit_name: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean)
    source_updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
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


class RosterStore:
    """A service's roster copy as personnel publishes it: what ``RosterConsumers`` and ``sync_with`` call
    (``upsert_employees``, ``upsert_units``, ``set_inactive``, ``apply_snapshot``, ``needs_sync``), for the
    service's ``RosterEmployee``/``RosterUnit``/``RosterSyncRun`` models. ``extra(employee)`` gives the values of
    the columns a service keeps beside the shared ones (attendance: the NIK and the supervisor); ``lock_key`` is
    the service's advisory lock, so one snapshot is applied at a time. A service whose copy derives more (travel's
    ranks and cost levels) writes its own."""

    def __init__(self, employee_model, unit_model, run_model, lock_key: int, extra=None):
        self.employee_model, self.unit_model, self.run_model = employee_model, unit_model, run_model
        self.lock_key = lock_key
        self.extra = extra or (lambda employee: {})

    def employee_values(self, employee: dict) -> dict:
        """A ``roster_employees`` row of personnel's employee (``EmployeeOut`` shape)."""
        return {
            "id": int(employee["id"]),
            "name": employee["name"],
            "full_name": employee.get("full_name") or employee["name"],
            "nip": employee.get("nip"),
            "employment_type": employee["employment_type"],
            "position_name": employee.get("position_name"),
            "unit_id": int(employee["unit_id"]),
            "unit_name": employee.get("unit_name"),
            "active": bool(employee.get("active", True)),
            "source_updated_at": timestamp(employee.get("updated_at")),
            "synced_at": utcnow(),
            **self.extra(employee),
        }

    def upsert_employees(self, session, employees: list[dict]) -> int:
        return upsert_newer(session, self.employee_model, [self.employee_values(e) for e in employees])

    def upsert_units(self, session, units: list[dict]) -> int:
        return upsert_rows(session, self.unit_model, [unit_values(u) for u in units])

    def set_inactive(self, session, employee: dict) -> None:
        self.upsert_employees(session, [{**employee, "active": False}])

    def apply_snapshot(self, session, employees: list[dict], units: list[dict]) -> dict:
        from .db import advisory_lock

        advisory_lock(session, self.lock_key)
        self.upsert_units(session, units)
        for start in range(0, len(employees), PAGE):
            self.upsert_employees(session, employees[start:start + PAGE])
        record_sync(session, self.run_model, len(employees), len(units))
        return {"employees": len(employees), "org_units": len(units)}

    def needs_sync(self, session) -> bool:
        return needs_sync(session, self.run_model)

    def subunit_ids(self, session, unit_id: int) -> set[int]:
        return subunit_ids(session, self.unit_model, unit_id)

    # -- reading the copy
    def counts(self, session) -> dict:
        """How much of the roster is here and when it was last pulled (a service's ``*RosterStatusOut``)."""
        return {"employees": session.scalar(select(func.count()).select_from(self.employee_model)),
                "units": session.scalar(select(func.count()).select_from(self.unit_model)),
                "last_sync_at": last_sync_at(session, self.run_model)}

    def get_employee(self, session, employee_id: int):
        """The copy's employee (``NotFound`` when personnel never published them)."""
        from .errors import NotFound

        employee = session.get(self.employee_model, employee_id)
        if employee is None:
            raise NotFound("Pegawai tidak ditemukan.")
        return employee

    def names(self, session, employee_ids) -> dict[int, str]:
        """``{employee_id: name}`` for the ids given (unknown ids left out): one query for a page of answers."""
        wanted = {i for i in employee_ids if i}
        if not wanted:
            return {}
        model = self.employee_model
        return dict(session.execute(select(model.id, model.name).where(model.id.in_(wanted))).all())


def needs_sync(session, run_model) -> bool:
    """True until a full snapshot has been pulled once (events alone may have filled only part of it)."""
    return not session.scalar(select(exists().where(run_model.id.isnot(None))))


def record_sync(session, run_model, employees: int, org_units: int) -> None:
    session.add(run_model(employees=employees, org_units=org_units, finished_at=utcnow()))


def last_sync_at(session, run_model) -> str | None:
    last = session.scalar(select(run_model.finished_at).order_by(run_model.id.desc()).limit(1))
    return last.isoformat() if last else None


def sync_with(db, amqp_uri: str, apply_snapshot) -> dict:
    """Pull and store (``db``: the worker's ``UnitOfWork``; ``apply_snapshot(session, employees, units)``)."""
    employees, units = pull_snapshot(amqp_uri)
    with db.transaction() as tx:
        return apply_snapshot(tx.session, employees, units)


def sync_command(service: str, apply_snapshot, argv=None) -> int:
    """``python -m <service>.sync [--optional]``: pull now and store in ``service``'s database; with
    ``--optional`` personnel not running (or not answering within ``OPTIONAL_TIMEOUT``) is only reported
    (``make prepare``, ``make run``)."""
    import argparse

    import eventlet

    eventlet.monkey_patch()
    from .db import run_in_database

    parser = argparse.ArgumentParser(description=f"Pull the {service} roster from personnel")
    parser.add_argument("--optional", action="store_true", help="personnel not running is not an error")
    args = parser.parse_args(argv)
    timeout = env_float("SITUOK_RPC_TIMEOUT")
    try:
        employees, units = pull_snapshot(env("SITUOK_AMQP_URI"),
                                         min(timeout, OPTIONAL_TIMEOUT) if args.optional else timeout)
    except Exception as exc:
        if args.optional:
            print(f"{service} roster sync: personnel not reachable ({type(exc).__name__}); "
                  f"the {service} service syncs when it starts.")
            return 0
        raise
    result = run_in_database(service, lambda session: apply_snapshot(session, employees, units))
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


class RosterCopy(RosterConsumers):
    """``RosterConsumers`` plus the roster's two entrypoints, alike in every service keeping a copy:
    ``sync_roster`` (admin: pull now) and ``roster_status`` (anyone signed in: how much is here).

    Each answers through the service's own contract: it sets ``roster_sync_out`` (schema of
    ``sync_with``'s counts) and ``roster_status_out`` (schema of ``roster_store.counts(session)``), and has
    ``caller`` (``CallerIdentity``) like every SITU OK service.
    """

    roster_sync_out = None
    roster_status_out = None

    @api
    def sync_roster(self):
        """Admin: pull every employee and org unit from personnel now."""
        self.caller.require_roles("admin")
        return self.roster_sync_out.dump(self.roster_sync.sync_with(self.db, self.config["AMQP_URI"]))

    @api
    def roster_status(self):
        """How much of the roster is here, and when it was last pulled in full."""
        self.caller.require()
        return self.roster_status_out.dump(self.roster_store.counts(self.db.session))
