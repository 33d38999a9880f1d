"""Maintenance (pemeliharaan): plans by date (and odometer for vehicles), records, windows published to booking.

* A **plan** is recurring work on one item: every ``interval_months`` and/or every ``interval_km``. Its next due
  date/km is computed from the last time it was done (``last_done_on`` + months, ``last_done_km`` + km) and
  moves each time a record of the plan is done (never backwards: recording an older maintenance leaves it).
* A **record** follows ``RECORD`` (``situok_kit.workflow``): ``scheduled`` —start→ ``in_progress`` —finish→
  ``done``; ``cancel`` from either. The keeper starts it, or the service does when its window begins
  (``start_due``, every ``START_CHECK_SECONDS``). A scheduled record has a window (``starts_at``–``ends_at``,
  stored UTC), published as ``assets.maintenance_scheduled`` (``resource_key`` ``vehicle:<id>`` for a lendable
  vehicle) so booking blocks that time. Starting it makes ``in_progress(session, asset_id)`` true, and a lendable
  vehicle is re-published unavailable; done or cancelled publishes ``assets.maintenance_ended`` and re-publishes it
  available. Done writes the item's ``maintenance`` history row (work, vendor, cost, odometer), raises the item's
  odometer, moves the plan and publishes ``assets.maintenance_recorded``. A past maintenance is recorded directly
  as done (no window).
* **Due this month** (``due``): active plans whose next due date falls in the month or before it (overdue), or
  whose next due km is within ``KM_MARGIN`` of the item's odometer.

Who: the keeper (pengurus barang, admin) writes; the keeper and the report roles read.
"""
from __future__ import annotations

import calendar
import logging
from datetime import date

from situok_contracts.events import Assets
from situok_kit.clock import utcnow, wita_day
from situok_kit.errors import Conflict, NotFound, ValidationFailed
from situok_kit.pagination import decode_cursor, page
from situok_kit.workflow import Step, Workflow
from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from ..models import Asset, MaintenancePlan, MaintenanceRecord
from ..schemas.maintenance import MaintenanceEndedEvent, MaintenanceRecordedEvent, MaintenanceWindowEvent
from . import history, resources
from .access import Caller

log = logging.getLogger(__name__)

#: How close (km) a vehicle's odometer must come to a plan's next due km for the plan to be due.
KM_MARGIN = 500
#: How often the service starts the scheduled records whose window has begun.
START_CHECK_SECONDS = 60
KEEPER_ONLY = "Hanya pengurus barang atau admin yang dapat mengelola pemeliharaan."
STATUS_LABELS = {"scheduled": "dijadwalkan", "in_progress": "sedang dikerjakan", "done": "selesai",
                 "cancelled": "dibatalkan"}
VERBS = {"start": "dimulai", "finish": "diselesaikan", "cancel": "dibatalkan"}
RECORD = Workflow("pemeliharaan", [
    Step("start", ("scheduled",), "in_progress", who=("keeper",), denied=KEEPER_ONLY),
    Step("finish", ("scheduled", "in_progress"), "done", who=("keeper",), denied=KEEPER_ONLY),
    Step("cancel", ("scheduled", "in_progress"), "cancelled", who=("keeper",), denied=KEEPER_ONLY),
], labels=STATUS_LABELS)
OPEN = ("scheduled", "in_progress")

_window_event = MaintenanceWindowEvent()
_ended_event = MaintenanceEndedEvent()
_recorded_event = MaintenanceRecordedEvent()


def in_progress(session: Session, asset_id: int) -> bool:
    """Whether a maintenance record of the item is in progress now (started, not yet done or cancelled)."""
    return bool(session.scalar(select(exists().where(MaintenanceRecord.asset_id == asset_id,
                                                     MaintenanceRecord.status == "in_progress"))))


def add_months(on: date, months: int) -> date:
    """``on`` plus ``months`` calendar months (the 31st becomes the month's last day)."""
    year, month = divmod(on.month - 1 + months, 12)
    year, month = on.year + year, month + 1
    return date(year, month, min(on.day, calendar.monthrange(year, month)[1]))


def capacities(caller: Caller) -> frozenset[str]:
    return frozenset({"keeper"}) if caller.is_keeper else frozenset()


def _asset(session: Session, asset_id: int, field: str = "asset_id", *, lock: bool = False) -> Asset:
    query = select(Asset).where(Asset.id == asset_id)
    if lock:
        query = query.with_for_update()
    asset = session.scalar(query)
    if asset is None:
        raise ValidationFailed("Barang tidak ditemukan.", {field: "Barang tidak ditemukan."})
    return asset


def _require_active(asset: Asset, field: str = "asset_id") -> None:
    if asset.status != "active":
        raise ValidationFailed("Barang sudah dihapuskan.", {field: f"{asset.name} sudah dihapuskan."})


# -- plans ---------------------------------------------------------------------------------------------------

def _compute_due(plan: MaintenancePlan) -> None:
    if plan.interval_months and plan.last_done_on:
        plan.next_due_on = add_months(plan.last_done_on, plan.interval_months)
    elif not plan.interval_months:
        plan.next_due_on = None
    if plan.interval_km and plan.last_done_km is not None:
        plan.next_due_km = plan.last_done_km + plan.interval_km
    elif not plan.interval_km:
        plan.next_due_km = None


def create_plan(session: Session, caller: Caller, data: dict, today: date | None = None) -> MaintenancePlan:
    caller.require(caller.is_keeper, KEEPER_ONLY)
    today = today or wita_day()
    asset = _asset(session, data["asset_id"])
    _require_active(asset)
    if data.get("last_done_on") and data["last_done_on"] > today:
        raise ValidationFailed("Rencana tidak valid.", {"last_done_on": "Tidak boleh di masa depan."})
    plan = MaintenancePlan(asset_id=asset.id, work=data["work"], interval_months=data.get("interval_months"),
                           interval_km=data.get("interval_km"), last_done_on=data.get("last_done_on"),
                           last_done_km=data.get("last_done_km"), created_by=caller.username)
    _compute_due(plan)
    if data.get("next_due_on"):
        plan.next_due_on = data["next_due_on"]
    elif plan.interval_months and plan.next_due_on is None:
        plan.next_due_on = add_months(today, plan.interval_months)
    if plan.interval_km and plan.next_due_km is None and asset.odometer_km is not None:
        plan.next_due_km = asset.odometer_km + plan.interval_km
    session.add(plan)
    session.flush()
    return plan


def get_plan(session: Session, plan_id: int, *, lock: bool = False) -> MaintenancePlan:
    query = select(MaintenancePlan).where(MaintenancePlan.id == plan_id)
    if lock:
        query = query.with_for_update()
    plan = session.scalar(query)
    if plan is None:
        raise NotFound("Rencana pemeliharaan tidak ditemukan.")
    return plan


def update_plan(session: Session, caller: Caller, plan_id: int, changes: dict) -> MaintenancePlan:
    caller.require(caller.is_keeper, KEEPER_ONLY)
    plan = get_plan(session, plan_id, lock=True)
    months = changes.get("interval_months", plan.interval_months)
    km = changes.get("interval_km", plan.interval_km)
    if months is None and km is None:
        raise ValidationFailed("Rencana tidak valid.", {
            "interval_months": "Isi setiap berapa bulan dan/atau setiap berapa km."})
    recompute = ("interval_months" in changes or "interval_km" in changes)
    for name, value in changes.items():
        setattr(plan, name, value)
    if recompute:
        explicit = {k: changes[k] for k in ("next_due_on", "next_due_km") if k in changes}
        _compute_due(plan)
        for name, value in explicit.items():
            setattr(plan, name, value)
    session.flush()
    return plan


def plan_views(session: Session, plans: list[MaintenancePlan]) -> list[dict]:
    assets = _assets(session, [p.asset_id for p in plans])
    return [_plan_view(p, assets[p.asset_id]) for p in plans]


def _plan_view(plan: MaintenancePlan, asset: Asset) -> dict:
    return {**{c.name: getattr(plan, c.name) for c in MaintenancePlan.__table__.columns},
            "asset_name": asset.name, "asset_code": asset.code, "register_number": asset.register_number,
            "plate": (asset.details or {}).get("plate_number"), "odometer_km": asset.odometer_km}


def list_plans(session: Session, caller: Caller, asset_id: int | None, include_inactive: bool) -> list[dict]:
    caller.require_reports()
    query = select(MaintenancePlan)
    if asset_id:
        query = query.where(MaintenancePlan.asset_id == asset_id)
    if not include_inactive:
        query = query.where(MaintenancePlan.active.is_(True))
    plans = list(session.scalars(query.order_by(MaintenancePlan.next_due_on.asc().nulls_last(),
                                                MaintenancePlan.id).limit(500)))
    return plan_views(session, plans)


# -- records -------------------------------------------------------------------------------------------------

def _assets(session: Session, ids) -> dict[int, Asset]:
    wanted = set(ids)
    if not wanted:
        return {}
    return {a.id: a for a in session.scalars(select(Asset).where(Asset.id.in_(wanted)))}


def _key(session: Session, asset: Asset) -> str | None:
    return resources.vehicle_key(asset.id) if resources.is_lendable_vehicle(session, asset) else None


def _overlapping(session: Session, asset_id: int, starts_at, ends_at, record_id: int | None = None):
    query = select(MaintenanceRecord.id).where(
        MaintenanceRecord.asset_id == asset_id, MaintenanceRecord.status.in_(OPEN),
        MaintenanceRecord.starts_at < ends_at, MaintenanceRecord.ends_at > starts_at)
    if record_id:
        query = query.where(MaintenanceRecord.id != record_id)
    return session.scalar(query.limit(1))


def create_record(tx, caller: Caller, data: dict, today: date | None = None) -> MaintenanceRecord:
    """Schedule a maintenance (a window, published to booking) or record one already done."""
    caller.require(caller.is_keeper, KEEPER_ONLY)
    session = tx.session
    today = today or wita_day()
    asset = _asset(session, data["asset_id"], lock=True)
    _require_active(asset)
    plan = None
    if data.get("plan_id"):
        plan = session.get(MaintenancePlan, data["plan_id"])
        if plan is None or plan.asset_id != asset.id:
            raise ValidationFailed("Rencana tidak cocok.", {"plan_id": "Rencana ini bukan milik barang tersebut."})
    record = MaintenanceRecord(asset_id=asset.id, plan_id=plan.id if plan else None, work=data["work"],
                               vendor=data.get("vendor"), cost=data.get("cost") or 0,
                               odometer_km=data.get("odometer_km"), note=data.get("note"),
                               created_by=caller.username, updated_by=caller.username)
    if data.get("status") == "done":
        if data["done_on"] > today:
            raise ValidationFailed("Tanggal tidak valid.", {"done_on": "Tidak boleh di masa depan."})
        record.status = "scheduled"  # momentarily: _complete moves it to done
        session.add(record)
        session.flush()
        _complete(tx, caller, record, asset, data["done_on"])
        return record
    if data["ends_at"] <= utcnow():
        raise ValidationFailed("Jendela pemeliharaan sudah lewat.", {
            "ends_at": "Akhir jendela sudah lewat; catat sebagai pemeliharaan yang sudah dikerjakan."})
    clash = _overlapping(session, asset.id, data["starts_at"], data["ends_at"])
    if clash:
        raise Conflict("Jendela pemeliharaan bertumpang tindih.", {
            "starts_at": f"Barang ini sudah dijadwalkan pemeliharaan (#{clash}) pada waktu itu."})
    record.status = "scheduled"
    record.starts_at, record.ends_at = data["starts_at"], data["ends_at"]
    session.add(record)
    session.flush()
    tx.emit(Assets.MAINTENANCE_SCHEDULED, _window_event.dump({
        "resource_key": _key(session, asset), "asset_id": asset.id, "record_id": record.id,
        "starts_at": record.starts_at, "ends_at": record.ends_at, "work": record.work}))
    return record


def _complete(tx, caller: Caller, record: MaintenanceRecord, asset: Asset, done_on: date) -> None:
    """``record`` done on ``done_on``: the history row, the odometer, the plan, the event."""
    session = tx.session
    record.status = "done"
    record.done_on = done_on
    record.finished_at = utcnow()
    record.updated_by = caller.username
    if record.odometer_km is not None and (asset.odometer_km is None or record.odometer_km > asset.odometer_km):
        asset.odometer_km = record.odometer_km
    session.flush()
    history.record(session, asset, "maintenance", caller.username, note=record.work,
                   reference=("maintenance", record.id, None), odometer_km=record.odometer_km,
                   data={"work": record.work, "vendor": record.vendor, "cost": record.cost,
                         "done_on": done_on.isoformat(), "record_id": record.id, "plan_id": record.plan_id})
    if record.plan_id:
        plan = get_plan(session, record.plan_id, lock=True)
        if plan.last_done_on is None or done_on >= plan.last_done_on:
            plan.last_done_on = done_on
            km = record.odometer_km if record.odometer_km is not None else asset.odometer_km
            if km is not None:
                plan.last_done_km = km
            _compute_due(plan)
            session.flush()
    tx.emit(Assets.MAINTENANCE_RECORDED, _recorded_event.dump({
        "asset_id": asset.id, "record_id": record.id, "plan_id": record.plan_id, "work": record.work,
        "vendor": record.vendor, "cost": record.cost, "odometer_km": record.odometer_km, "done_on": done_on}))


def _get_record(session: Session, record_id: int, *, lock: bool = False) -> MaintenanceRecord:
    query = select(MaintenanceRecord).where(MaintenanceRecord.id == record_id)
    if lock:
        query = query.with_for_update()
    record = session.scalar(query)
    if record is None:
        raise NotFound("Catatan pemeliharaan tidak ditemukan.")
    return record


def act(tx, caller: Caller, record_id: int, action: str, payload: dict | None = None,
        today: date | None = None) -> MaintenanceRecord:
    """``start``, ``finish`` (``payload``: done_on, vendor, cost, odometer_km, note) or ``cancel``
    (``payload``: reason) a record: 403 not the keeper, 409 a wrong status."""
    session = tx.session
    record = _get_record(session, record_id, lock=True)
    RECORD.check(action, record.status, capacities(caller), verb=VERBS[action])
    payload = payload or {}
    asset = _asset(session, record.asset_id, lock=True)
    window = record.starts_at is not None
    if action == "start":
        record.status = "in_progress"
        record.started_at = utcnow()
        record.updated_by = caller.username
        session.flush()
        resources.publish_vehicle(tx, asset)
        return record
    if action == "finish":
        today = today or wita_day()
        done_on = payload.get("done_on") or today
        if done_on > today:
            raise ValidationFailed("Tanggal tidak valid.", {"done_on": "Tidak boleh di masa depan."})
        for name in ("vendor", "cost", "odometer_km", "note"):
            if payload.get(name) is not None:
                setattr(record, name, payload[name])
        _complete(tx, caller, record, asset, done_on)
    else:
        record.status = "cancelled"
        record.cancel_reason = payload.get("reason")
        record.finished_at = utcnow()
        record.updated_by = caller.username
        session.flush()
    if window:
        tx.emit(Assets.MAINTENANCE_ENDED, _ended_event.dump({
            "resource_key": _key(session, asset), "asset_id": asset.id, "record_id": record.id,
            "status": record.status, "ended_at": record.finished_at}))
    resources.publish_vehicle(tx, asset)
    return record


def start_due(tx, now=None, limit: int = 100) -> list[int]:
    """Start the scheduled records whose window has begun (and not yet ended): the service's timer runs this, so
    an item is under maintenance from its window's start even when nobody pressed "start"; a lendable vehicle is
    re-published unavailable. Rows another instance is handling are skipped (``SKIP LOCKED``)."""
    session = tx.session
    now = now or utcnow()
    records = session.scalars(
        select(MaintenanceRecord).where(MaintenanceRecord.status == "scheduled", MaintenanceRecord.starts_at <= now,
                                        MaintenanceRecord.ends_at > now)
        .order_by(MaintenanceRecord.id).limit(limit).with_for_update(skip_locked=True)).all()
    for record in records:
        record.status = "in_progress"
        record.started_at = now
        record.updated_by = "system"
        session.flush()
        resources.publish_vehicle(tx, session.get(Asset, record.asset_id))
    return [r.id for r in records]


def record_view(session: Session, caller: Caller, record: MaintenanceRecord, asset: Asset | None = None) -> dict:
    """``MaintenanceRecordOut``."""
    asset = asset or session.get(Asset, record.asset_id)
    return {**{c.name: getattr(record, c.name) for c in MaintenanceRecord.__table__.columns},
            "asset_name": asset.name, "asset_code": asset.code, "register_number": asset.register_number,
            "plate": (asset.details or {}).get("plate_number"),
            "vehicle": resources.is_lendable_vehicle(session, asset),
            "allowed_actions": RECORD.allowed_actions(record.status, capacities(caller))}


def get_record(session: Session, caller: Caller, record_id: int) -> dict:
    caller.require_reports()
    return record_view(session, caller, _get_record(session, record_id))


def list_records(session: Session, caller: Caller, filters: dict, cursor: str | None, limit: int) -> dict:
    """``MaintenanceRecordPage``: newest first (keyset on id)."""
    caller.require_reports()
    query = select(MaintenanceRecord)
    if filters.get("status"):
        query = query.where(MaintenanceRecord.status == filters["status"])
    if filters.get("asset_id"):
        query = query.where(MaintenanceRecord.asset_id == filters["asset_id"])
    if filters.get("year"):
        first, last = date(filters["year"], 1, 1), date(filters["year"], 12, 31)
        query = query.where(or_(MaintenanceRecord.done_on.between(first, last),
                                func.date(func.timezone("Asia/Makassar", MaintenanceRecord.starts_at))
                                .between(first, last)))
    after = decode_cursor(cursor, 1)
    if after is not None:
        query = query.where(MaintenanceRecord.id < int(after[0]))
    rows = list(session.scalars(query.order_by(MaintenanceRecord.id.desc()).limit(limit + 1)))
    result = page(rows, limit, lambda r: [r.id])
    assets = _assets(session, [r.asset_id for r in result["items"]])
    result["items"] = [record_view(session, caller, r, assets[r.asset_id]) for r in result["items"]]
    return result


# -- what is due, what it cost -----------------------------------------------------------------------------

def parse_month(month: str | None, today: date | None = None) -> date:
    """The first day of ``YYYY-MM`` (default: this WITA month); 422 on ``month`` otherwise."""
    if not month:
        today = today or wita_day()
        return today.replace(day=1)
    try:
        year, number = (int(part) for part in str(month).split("-"))
        return date(year, number, 1)
    except (ValueError, TypeError):
        raise ValidationFailed("Bulan tidak valid.", {"month": "Harus berformat YYYY-MM."}) from None


def due(session: Session, caller: Caller, month: str | None, km_margin: int = KM_MARGIN) -> dict:
    """``MaintenanceDueListOut``: active plans of active items due in the month, overdue, or near their km."""
    caller.require_reports()
    first = parse_month(month)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    by_date = MaintenancePlan.next_due_on <= last
    by_km = (MaintenancePlan.next_due_km.is_not(None) & Asset.odometer_km.is_not(None)
             & (Asset.odometer_km >= MaintenancePlan.next_due_km - km_margin))
    rows = session.execute(
        select(MaintenancePlan, Asset).join(Asset, Asset.id == MaintenancePlan.asset_id)
        .where(MaintenancePlan.active.is_(True), Asset.status == "active", or_(by_date, by_km))
        .order_by(MaintenancePlan.next_due_on.asc().nulls_last(), MaintenancePlan.id).limit(500)).all()
    open_records = {}
    if rows:
        open_records = dict(session.execute(
            select(MaintenanceRecord.plan_id, func.max(MaintenanceRecord.id))
            .where(MaintenanceRecord.plan_id.in_([p.id for p, _ in rows]), MaintenanceRecord.status.in_(OPEN))
            .group_by(MaintenanceRecord.plan_id)).all())
    items = []
    for plan, asset in rows:
        km_left = (plan.next_due_km - asset.odometer_km
                   if plan.next_due_km is not None and asset.odometer_km is not None else None)
        if plan.next_due_on is not None and plan.next_due_on < first:
            reason = "overdue"
        elif plan.next_due_on is not None and plan.next_due_on <= last:
            reason = "date"
        else:
            reason = "km"
        items.append({"plan": _plan_view(plan, asset), "reason": reason, "km_left": km_left,
                      "scheduled_record_id": open_records.get(plan.id)})
    return {"month": f"{first.year:04d}-{first.month:02d}", "km_margin": km_margin, "items": items}


def costs(session: Session, caller: Caller, year: int) -> dict:
    """``MaintenanceCostsOut``: what maintenance done in ``year`` cost, per item."""
    caller.require_reports()
    rows = session.execute(
        select(Asset.id, Asset.name, Asset.code, Asset.register_number, func.count(MaintenanceRecord.id),
               func.coalesce(func.sum(MaintenanceRecord.cost), 0))
        .join(Asset, Asset.id == MaintenanceRecord.asset_id)
        .where(MaintenanceRecord.status == "done",
               MaintenanceRecord.done_on.between(date(year, 1, 1), date(year, 12, 31)))
        .group_by(Asset.id).order_by(func.sum(MaintenanceRecord.cost).desc(), Asset.id)).all()
    items = [{"asset_id": r[0], "asset_name": r[1], "asset_code": r[2], "register_number": r[3], "records": r[4],
              "total": int(r[5])} for r in rows]
    return {"year": year, "items": items, "total": sum(i["total"] for i in items)}
