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
* ``timestamp``: personnel's ISO ``updated_at`` as a datetime.
"""
from __future__ import annotations

import logging
from datetime import datetime

from nameko.timer import timer
from sqlalchemy import or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from .consumers import event_consumer
from .identity import SYSTEM
from .rpc import cluster_proxy

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

    @event_consumer("personnel.employee_created")
    def on_employee_created(self, tx, event):
        self.roster_store.upsert_employees(tx.session, [event.data])

    @event_consumer("personnel.employee_updated")
    def on_employee_updated(self, tx, event):
        self.roster_store.upsert_employees(tx.session, [event.data])

    @event_consumer("personnel.employee_deactivated")
    def on_employee_deactivated(self, tx, event):
        self.roster_store.set_inactive(tx.session, event.data)

    @event_consumer("personnel.org_unit_created")
    def on_org_unit_created(self, tx, event):
        self.roster_store.upsert_units(tx.session, [event.data])

    @event_consumer("personnel.org_unit_updated")
    def on_org_unit_updated(self, tx, event):
        self.roster_store.upsert_units(tx.session, [event.data])
