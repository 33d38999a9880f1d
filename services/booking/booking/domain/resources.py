"""Resources: what can be booked (``models.resources``), entered here by a keeper (``local``) or kept from assets'
events (``assets``), and their blocks (blackouts by a keeper or the approver, maintenance windows from assets).

* a keeper (``pengurus_barang``, admin) creates and edits local resources; of a resource kept from assets only
  booking's own fields (``OWN_FIELDS``) change here — assets' facts are assets' (422 naming the field);
* ``apply_published`` keeps assets' copy by ``resource_key``: an event older than the last applied
  (``published_at``) is ignored; a local resource of the same kind and code/plate is linked to the key instead of
  duplicated; booking's own fields are never overwritten;
* a resource that becomes unbookable (withdrawn, condition RB, assets calls it unavailable) has its future
  pending/approved bookings cancelled by the system with the reason; a maintenance window cancels the approved
  bookings it overlaps;
* a blackout takes the resource's row lock (``bookings.get_resource(lock="update")``), so no approval crosses it;
  it cancels nothing on its own: overlapping approved bookings refuse it (409 naming them) unless
  ``cancel_overlapping``.

Every change publishes ``booking.resource_changed`` (``ResourceChangedEvent``) in its transaction.
"""
from __future__ import annotations

import logging
import re
from datetime import datetime

from situok_contracts.events import Booking as BookingEvents
from situok_kit.clock import utcnow
from situok_kit.errors import Conflict, NotFound, ValidationFailed
from situok_kit.outputs import View
from situok_kit.pagination import decode_cursor, page
from sqlalchemy import func, or_, select, tuple_
from sqlalchemy.orm import Session

from ..models import Booking, Resource, ResourceBlock, RosterEmployee
from ..schemas.resources import ResourceChangedEvent
from . import approvers, bookings, periods, roster, rules
from .access import NOT_KEEPER, Caller

log = logging.getLogger(__name__)

_changed_event = ResourceChangedEvent()

#: Booking's own fields: the only ones a keeper changes on a resource kept from assets, never touched by assets.
OWN_FIELDS = ("manager_employee_id", "approver_role", "buffer_before_minutes", "buffer_after_minutes",
              "guest_bookable", "active")
#: What a keeper enters of a local resource besides booking's own fields.
LOCAL_FIELDS = ("kind", "name", "code", "location", "description", "capacity", "facilities", "brand", "fuel",
                "condition")
ASSETS_ONLY = "Diatur oleh register aset; ubah di modul aset."
NOT_BLACKOUT_KEEPER = "Hanya pengurus barang atau pengelola sumber daya ini yang dapat mengatur masa tutupnya."
SYSTEM = "system"


def normalise_code(kind: str, code: str | None) -> str | None:
    """A code as stored: trimmed; a plate upper-cased with single spaces (``dk 1234  ab`` → ``DK 1234 AB``)."""
    if code is None:
        return None
    code = re.sub(r"\s+", " ", code).strip()
    if not code:
        return None
    return code.upper() if kind == "vehicle" else code


# -- reading ------------------------------------------------------------------------------------------

def may_block(session: Session, caller: Caller, resource: Resource) -> bool:
    """A keeper or the resource's approver adds and removes its blackouts."""
    return caller.is_keeper or approvers.may_approve(session, caller, resource)


def allowed_actions(session: Session, caller: Caller, resource: Resource) -> list[str]:
    actions = []
    if caller.is_keeper:
        actions.append("edit")
    if may_block(session, caller, resource):
        actions += ["add_blackout", "remove_blackout"]
    if caller.is_employee and bookings.unbookable_reason(resource) is None:
        actions.append("request")
    return actions


def views(session: Session, caller: Caller, resources: list[Resource]) -> list[View]:
    """Each resource as ``ResourceOut`` shows it to ``caller`` (managers' names in one query)."""
    names = roster.names(session, {r.manager_employee_id for r in resources})
    answers = []
    for resource in resources:
        reason = bookings.unbookable_reason(resource)
        answers.append(View(resource, kind_label=rules.KIND_LABELS[resource.kind],
                            manager_name=names.get(resource.manager_employee_id),
                            effective_approver_role=approvers.approver_role(session, resource),
                            bookable=reason is None, unbookable_reason=reason, facilities=resource.facilities or [],
                            allowed_actions=allowed_actions(session, caller, resource)))
    return answers


def view(session: Session, caller: Caller, resource: Resource) -> View:
    return views(session, caller, [resource])[0]


def list_resources(session: Session, caller: Caller, *, kind: str | None = None, q: str | None = None,
                   include_inactive: bool = False, cursor: str | None = None, limit: int = 50) -> dict:
    """Resources by kind then name (keyset ``(kind, name, id)``); ``include_inactive`` (keepers only) adds the
    inactive and withdrawn ones."""
    statement = select(Resource)
    if kind:
        statement = statement.where(Resource.kind == kind)
    if q:
        like = f"%{q.strip()}%"
        statement = statement.where(or_(Resource.name.ilike(like), Resource.code.ilike(like),
                                        Resource.location.ilike(like)))
    if not (include_inactive and caller.is_keeper):
        statement = statement.where(Resource.active.is_(True), Resource.withdrawn_reason.is_(None))
    after = decode_cursor(cursor, 3)
    if after:
        statement = statement.where(tuple_(Resource.kind, Resource.name, Resource.id) > tuple(after))
    rows = list(session.scalars(statement.order_by(Resource.kind, Resource.name, Resource.id).limit(limit + 1)))
    found = page(rows, limit, lambda r: [r.kind, r.name, r.id])
    found["items"] = views(session, caller, found["items"])
    return found


# -- events -------------------------------------------------------------------------------------------

def publish_changed(tx, resource: Resource, change: str, *, block_id: int | None = None,
                    cancelled: list[int] | tuple = ()) -> None:
    tx.emit(BookingEvents.RESOURCE_CHANGED, _changed_event.dump(View(
        resource, bookable=bookings.unbookable_reason(resource) is None, change=change, block_id=block_id,
        cancelled_booking_ids=list(cancelled))))


def cancel_future(tx, resource: Resource, reason: str, now: datetime | None = None) -> list[int]:
    """Cancel (as the system, with ``reason``) the resource's pending and approved bookings not yet ended."""
    now = now or utcnow()
    ids = list(tx.session.scalars(select(Booking.id).where(
        Booking.resource_id == resource.id, Booking.status.in_(("pending", "approved")), Booking.ends_at > now,
        Booking.starts_at >= now).order_by(Booking.starts_at)))
    for booking_id in ids:
        bookings.cancel(tx, SYSTEM, booking_id, reason, check=False)
    return ids


def overlapping_approved(session: Session, resource_id: int, starts_at: datetime, ends_at: datetime
                         ) -> list[Booking]:
    return list(session.scalars(select(Booking).where(
        Booking.resource_id == resource_id, Booking.status == "approved", Booking.occupied_from < ends_at,
        Booking.occupied_to > starts_at).order_by(Booking.starts_at)))


# -- a keeper's resources -----------------------------------------------------------------------------

def _check_fields(kind: str, values: dict) -> None:
    problems = {}
    if kind == "vehicle" and values.get("facilities"):
        problems["facilities"] = "Fasilitas hanya untuk ruangan dan gedung."
    if kind != "vehicle":
        for name in ("brand", "fuel"):
            if values.get(name):
                problems[name] = "Hanya untuk kendaraan."
    if kind == "vehicle" and "code" in values and not values.get("code"):
        problems["code"] = "Nomor polisi kendaraan wajib diisi."
    if problems:
        raise ValidationFailed("Data sumber daya belum benar.", problems)


def _check_manager(session: Session, values: dict) -> None:
    manager = values.get("manager_employee_id")
    if manager is not None and session.get(RosterEmployee, manager) is None:
        raise ValidationFailed("Pengelola tidak dikenal.", {"manager_employee_id": "Tidak ada pegawai dengan id ini."})


def create_resource(tx, caller: Caller, data: dict) -> Resource:
    """Keeper: a local resource (``ResourceIn`` loaded)."""
    caller.require(caller.is_keeper, NOT_KEEPER)
    session = tx.session
    values = {k: v for k, v in data.items() if v is not None}
    values["code"] = normalise_code(data["kind"], data.get("code"))
    _check_fields(data["kind"], values)
    _check_manager(session, values)
    values["facilities"] = sorted(set(values.get("facilities") or []))
    resource = Resource(source="local", updated_by=caller.username, **values)
    session.add(resource)
    session.flush()
    session.refresh(resource)
    publish_changed(tx, resource, "created")
    return resource


def update_resource(tx, caller: Caller, resource_id: int, data: dict) -> Resource:
    """Keeper: change the fields sent (``ResourceIn`` loaded partially); of an assets resource only
    ``OWN_FIELDS`` (422 naming any other). New buffers apply to bookings made from now on. A local resource
    becoming unbookable (inactive, condition RB) cancels its future bookings."""
    caller.require(caller.is_keeper, NOT_KEEPER)
    session = tx.session
    resource = bookings.get_resource(session, resource_id, lock="update")
    if "kind" in data and data["kind"] != resource.kind:
        raise ValidationFailed("Jenis sumber daya tidak dapat diubah.", {"kind": "Jenis tidak dapat diubah."})
    data = {k: v for k, v in data.items() if k != "kind"}
    if resource.source == "assets":
        foreign = {name: ASSETS_ONLY for name in data if name not in OWN_FIELDS}
        if foreign:
            raise ValidationFailed("Kolom ini diatur oleh register aset.", foreign)
    if "code" in data:
        data["code"] = normalise_code(resource.kind, data["code"])
    if "name" in data and not data["name"]:
        raise ValidationFailed("Data sumber daya belum benar.", {"name": "Nama wajib diisi."})
    _check_fields(resource.kind, data)
    _check_manager(session, data)
    if "facilities" in data:
        data["facilities"] = sorted(set(data["facilities"] or []))
    was_bookable = bookings.unbookable_reason(resource) is None
    for name, value in data.items():
        setattr(resource, name, value)
    resource.updated_at = utcnow()
    resource.updated_by = caller.username
    session.flush()
    cancelled = []
    reason = bookings.unbookable_reason(resource)
    if was_bookable and reason:
        cancelled = cancel_future(tx, resource, f"Dibatalkan sistem: {reason}")
    publish_changed(tx, resource, "updated", cancelled=cancelled)
    return resource


# -- blocks -------------------------------------------------------------------------------------------

def block_views(session: Session, caller: Caller, resource: Resource, blocks: list[ResourceBlock]) -> list[View]:
    may = may_block(session, caller, resource)
    return [View(block, allowed_actions=["remove"] if may and block.kind == "blackout" else [])
            for block in blocks]


def list_blocks(session: Session, caller: Caller, resource_id: int, starts_at: datetime | None = None,
                ends_at: datetime | None = None) -> list[View]:
    """The resource's blocks (in a period), by start."""
    resource = bookings.get_resource(session, resource_id)
    statement = select(ResourceBlock).where(ResourceBlock.resource_id == resource.id)
    if starts_at is not None:
        statement = statement.where(ResourceBlock.ends_at > starts_at)
    if ends_at is not None:
        statement = statement.where(ResourceBlock.starts_at < ends_at)
    blocks = list(session.scalars(statement.order_by(ResourceBlock.starts_at, ResourceBlock.id).limit(500)))
    return block_views(session, caller, resource, blocks)


def add_blackout(tx, caller: Caller, resource_id: int, data: dict) -> tuple[ResourceBlock, list[int]]:
    """A keeper or the approver closes the resource for ``[starts_at, ends_at)`` (``BlackoutIn`` loaded). Under
    the resource's row lock: approved bookings overlapping refuse it (409 naming them) unless
    ``cancel_overlapping`` (then they are cancelled with the reason)."""
    session = tx.session
    resource = bookings.get_resource(session, resource_id, lock="update")
    caller.require(may_block(session, caller, resource), NOT_BLACKOUT_KEEPER)
    starts_at, ends_at = data["starts_at"], data["ends_at"]
    clashing = overlapping_approved(session, resource.id, starts_at, ends_at)
    if clashing and not data.get("cancel_overlapping"):
        named = "; ".join(f"#{b.id} {periods.wita_text(b.starts_at)}–{periods.wita_text(b.ends_at)} WITA "
                          f"({b.purpose})" for b in clashing[:10])
        raise Conflict(f"Ada {len(clashing)} peminjaman disetujui pada masa itu: {named}.",
                       {"cancel_overlapping": f"Batalkan dulu atau centang batalkan peminjaman: {named}."},
                       {"booking_ids": [b.id for b in clashing]})
    cancelled = []
    for booking in clashing:
        bookings.cancel(tx, caller, booking.id, f"Masa tutup: {data['reason']}", check=False)
        cancelled.append(booking.id)
    block = ResourceBlock(resource_id=resource.id, kind="blackout", starts_at=starts_at, ends_at=ends_at,
                          reason=data["reason"], created_by=caller.username)
    session.add(block)
    session.flush()
    session.refresh(block)
    publish_changed(tx, resource, "blackout_added", block_id=block.id, cancelled=cancelled)
    return block, cancelled


def remove_blackout(tx, caller: Caller, block_id: int) -> Resource:
    """Remove a blackout (a keeper or the approver); a maintenance window is assets' (409). The resource."""
    session = tx.session
    block = session.get(ResourceBlock, block_id)
    if block is None:
        raise NotFound("Masa tutup tidak ditemukan.")
    resource = bookings.get_resource(session, block.resource_id, lock="update")
    caller.require(may_block(session, caller, resource), NOT_BLACKOUT_KEEPER)
    if block.kind != "blackout":
        raise Conflict("Jendela pemeliharaan diatur oleh modul aset.",
                       {"block_id": "Pemeliharaan dari aset tidak dihapus di sini."})
    session.delete(block)
    session.flush()
    publish_changed(tx, resource, "blackout_removed", block_id=block_id)
    return resource


# -- assets' events -----------------------------------------------------------------------------------

def _by_key(session: Session, key: str, *, lock: bool = True) -> Resource | None:
    statement = select(Resource).where(Resource.resource_key == key)
    return session.scalar(statement.with_for_update() if lock else statement)


def _local_twin(session: Session, kind: str, code: str | None) -> Resource | None:
    """A local resource of the same kind and code/plate, not yet linked: assets publishing it links it."""
    if not code:
        return None
    return session.scalar(select(Resource).where(
        Resource.kind == kind, Resource.source == "local", Resource.resource_key.is_(None),
        func.upper(func.regexp_replace(Resource.code, r"\s+", "", "g")) == re.sub(r"\s+", "", code).upper())
        .order_by(Resource.id).limit(1).with_for_update())


def assets_values(data: dict) -> dict:
    """booking's columns of assets' facts from a ``ResourceEvent`` (``AssetsResourceIn`` loaded)."""
    kind = data["kind"]
    capacity = data.get("capacity") if data.get("capacity") is not None else data.get("seats")
    return {
        "kind": kind, "asset_id": data.get("asset_id"), "name": data["name"][:200],
        "code": normalise_code(kind, data.get("code") or data.get("plate")),
        "location": (data.get("location") or None) and data["location"][:200],
        "capacity": capacity if capacity is None or capacity >= 0 else None,
        "facilities": sorted({str(f)[:40] for f in data.get("facilities") or []}),
        "brand": (data.get("brand") or None) and data["brand"][:120],
        "fuel": (data.get("fuel") or None) and data["fuel"][:40],
        "odometer_km": data.get("odometer_km"), "condition": data.get("condition"),
        "asset_available": bool(data.get("available", True)),
        "under_maintenance": bool(data.get("under_maintenance", False)),
    }


def apply_published(tx, data: dict) -> tuple[Resource | None, str]:
    """Keep assets' resource (``AssetsResourceIn`` loaded): ``(resource, outcome)`` with outcome ``created``,
    ``linked``, ``updated`` or ``ignored`` (older than what is kept)."""
    session = tx.session
    key = data["resource_key"]
    values = assets_values(data)
    stamp = data.get("updated_at")
    resource = _by_key(session, key)
    outcome = "updated"
    if resource is None:
        resource = _local_twin(session, values["kind"], values["code"])
        outcome = "linked" if resource is not None else "created"
    elif resource.published_at and stamp and stamp < resource.published_at:
        return resource, "ignored"
    if resource is not None and resource.kind != values["kind"]:
        log.warning("assets resource %s changed kind %s -> %s; ignored", key, resource.kind, values["kind"])
        return resource, "ignored"
    was_bookable = resource is not None and bookings.unbookable_reason(resource) is None
    if resource is None:
        resource = Resource(source="assets", resource_key=key, **values)
        session.add(resource)
    else:
        for name, value in values.items():
            setattr(resource, name, value)
        resource.source, resource.resource_key = "assets", key
        resource.withdrawn_reason = None
    resource.published_at = stamp or utcnow()
    resource.updated_at = utcnow()
    resource.updated_by = "assets"
    session.flush()
    cancelled = []
    reason = bookings.unbookable_reason(resource)
    if was_bookable and reason:
        cancelled = cancel_future(tx, resource, f"Dibatalkan sistem: {reason}")
    publish_changed(tx, resource, "assets", cancelled=cancelled)
    return resource, outcome


def apply_withdrawn(tx, data: dict) -> Resource | None:
    """assets withdrew the resource (``AssetsWithdrawnIn``): never bookable again until re-published; its future
    bookings cancelled."""
    resource = _by_key(tx.session, data["resource_key"])
    if resource is None:
        return None
    stamp = data.get("withdrawn_at")
    if resource.published_at and stamp and stamp < resource.published_at:
        return resource
    resource.withdrawn_reason = data["reason"]
    resource.published_at = stamp or utcnow()
    resource.updated_at = utcnow()
    resource.updated_by = "assets"
    tx.session.flush()
    cancelled = cancel_future(tx, resource, f"Dibatalkan sistem: {bookings.unbookable_reason(resource)}")
    publish_changed(tx, resource, "withdrawn", cancelled=cancelled)
    return resource


def _maintenance_resource(session: Session, data: dict) -> Resource | None:
    if data.get("resource_key"):
        return _by_key(session, data["resource_key"])
    if data.get("asset_id"):
        return session.scalar(select(Resource).where(Resource.asset_id == data["asset_id"],
                                                     Resource.source == "assets").limit(1).with_for_update())
    return None


def apply_maintenance(tx, data: dict) -> ResourceBlock | None:
    """assets' maintenance window (``AssetsMaintenanceIn``): a ``maintenance`` block upserted by
    ``maintenance:<record_id>``; approved bookings it overlaps are cancelled by the system."""
    session = tx.session
    resource = _maintenance_resource(session, data)
    if resource is None:
        return None
    ref = f"maintenance:{data['record_id']}"
    if data["ends_at"] <= data["starts_at"]:
        return None
    block = session.scalar(select(ResourceBlock).where(ResourceBlock.source_ref == ref).with_for_update())
    reason = f"Pemeliharaan: {data.get('work') or ''}".strip(": ")
    if block is None:
        block = ResourceBlock(resource_id=resource.id, kind="maintenance", source_ref=ref, created_by="assets",
                              starts_at=data["starts_at"], ends_at=data["ends_at"], reason=reason)
        session.add(block)
    else:
        block.resource_id, block.starts_at, block.ends_at, block.reason = (resource.id, data["starts_at"],
                                                                           data["ends_at"], reason)
    session.flush()
    cancelled = []
    for booking in overlapping_approved(session, resource.id, data["starts_at"], data["ends_at"]):
        note = (f"Dibatalkan sistem: {rules.KIND_LABELS[resource.kind]} dalam pemeliharaan "
                f"{periods.wita_text(data['starts_at'])}–{periods.wita_text(data['ends_at'])} WITA.")
        bookings.cancel(tx, SYSTEM, booking.id, note, check=False)
        cancelled.append(booking.id)
    publish_changed(tx, resource, "maintenance", block_id=block.id, cancelled=cancelled)
    return block


def apply_maintenance_ended(tx, data: dict) -> None:
    """The window ended (done or cancelled) at ``ended_at``: the block is removed, or cut there when it had
    begun."""
    session = tx.session
    block = session.scalar(select(ResourceBlock).where(
        ResourceBlock.source_ref == f"maintenance:{data['record_id']}").with_for_update())
    if block is None:
        return
    resource = bookings.get_resource(session, block.resource_id, lock="update")
    ended = data["ended_at"]
    block_id = block.id
    if ended <= block.starts_at:
        session.delete(block)
    elif ended < block.ends_at:
        block.ends_at = ended
    session.flush()
    publish_changed(tx, resource, "maintenance", block_id=block_id)


def apply_snapshot(tx, rows: list[dict]) -> dict:
    """assets' whole list (``booking_resource_snapshot``, each row ``AssetsResourceIn`` loaded)."""
    counts = {"resources": len(rows), "created": 0, "linked": 0}
    for row in rows:
        _, outcome = apply_published(tx, row)
        if outcome in counts:
            counts[outcome] += 1
    return counts


def demo(session: Session) -> dict:
    """Sample resources for ``make run`` (local, when assets has published none): two rooms, a hall, a car."""
    if session.scalar(select(func.count()).select_from(Resource)):
        return {"resources": 0}
    samples = [
        Resource(kind="room", name="Ruang Rapat Biro Umum", code="RR-01", location="Gedung A, Lantai 2",
                 capacity=20, facilities=["ac", "proyektor", "layar", "wifi"], buffer_after_minutes=15),
        Resource(kind="room", name="Ruang Rapat Kecil", code="RR-02", location="Gedung A, Lantai 1", capacity=8,
                 facilities=["ac", "televisi"]),
        Resource(kind="building", name="Gedung Wiswa Sabha", code="GWS", location="Kantor Gubernur",
                 capacity=300, facilities=["ac", "sound_system", "panggung", "mikrofon"], guest_bookable=True,
                 buffer_before_minutes=60, buffer_after_minutes=60),
        Resource(kind="vehicle", name="Toyota Innova", code="DK 1234 AB", capacity=7, fuel="solar",
                 condition="B", buffer_after_minutes=30),
    ]
    session.add_all(samples)
    session.flush()
    return {"resources": len(samples)}
