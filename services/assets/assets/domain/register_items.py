"""Registering and editing items, their files and their page.

* ``register``: on a registrable, active code; the KIB comes from the code; the KIB's ``details`` validated by its
  schema (a vehicle code's by ``VehicleDetailsIn``), messages under ``details.<field>``; the register number is
  the code's next (gap-free, inside the transaction); history ``registered``; ``assets.item_registered``; a
  lendable vehicle is published to booking.
* ``edit``: partial; the code is never changed (409: re-register), the room and holder only by a handover
  (422); a condition change writes ``condition_changed``, other changes ``edited`` with old/new values;
  ``assets.item_changed``.
* files: photos (JPEG/PNG/WebP by content, ≤ 8 MB) kept re-encoded without metadata, with a thumbnail and a
  web-sized copy; documents (PDF ≤ 10 MB); history ``file_added``.
"""
from __future__ import annotations

import hashlib
from datetime import date

from situok_kit.clock import wita_day
from situok_kit.errors import Conflict, NotFound, ValidationFailed
from situok_kit.schema import load_input
from situok_kit.uploads import CONTENT_TYPES, IMAGE_KINDS, photo_variants, require_kind, safe_filename
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Asset, AssetCode, AssetFile, Floor, Room
from ..schemas.register import ASSET_ACTIONS, KIB_DETAILS, MAX_PHOTO_BYTES, VehicleDetailsIn
from . import codes as codes_area
from . import history, numbering, resources, roster
from .access import Caller
from .register import emit_changed, emit_registered, known_employee, known_room, registrable_code

THUMBNAIL_PX = 200
WEB_PX = 1280
ORIGINAL_PX = 2560
#: Fields an edit may change (the code never; room and holder by a handover).
EDITABLE = ("name", "acquisition_year", "acquisition_date", "acquisition_value", "source", "condition", "notes",
            "details")


def details_schema(code: AssetCode):
    """The details schema of an item on ``code``."""
    if code.kib == "B" and code.vehicle_wheels:
        return VehicleDetailsIn
    return KIB_DETAILS[code.kib]


def validate_details(code: AssetCode, details: dict | None, prefix: str = "details.") -> dict:
    """``details`` checked and normalised by the code's KIB schema; a 422 with ``details.<field>`` messages."""
    try:
        return load_input(details_schema(code)(), details or {})
    except ValidationFailed as failed:
        raise ValidationFailed("Data KIB tidak valid.", {f"{prefix}{k}": v for k, v in failed.fields.items()}) from None


def get(session: Session, asset_id: int, *, lock: bool = False) -> Asset:
    query = select(Asset).where(Asset.id == asset_id)
    if lock:
        query = query.with_for_update()
    asset = session.scalar(query)
    if asset is None:
        raise NotFound("Barang tidak ditemukan.")
    return asset


def register(tx, caller: Caller, payload: dict) -> Asset:
    session = tx.session
    code = registrable_code(session, payload["code"])
    details = validate_details(code, payload.get("details"))
    known_room(session, payload.get("room_id"))
    known_employee(session, payload.get("holder_employee_id"), "holder_employee_id")
    number = numbering.next_register_number(session, code.code)
    asset = Asset(code=code.code, register_number=number, kib=code.kib, name=payload["name"],
                  acquisition_year=payload["acquisition_year"], acquisition_date=payload.get("acquisition_date"),
                  acquisition_value=payload["acquisition_value"], source=payload["source"],
                  condition=payload["condition"], room_id=payload.get("room_id"),
                  holder_employee_id=payload.get("holder_employee_id"), details=details,
                  notes=payload.get("notes"), status="active", registered_by=caller.username)
    session.add(asset)
    session.flush()
    history.record(session, asset, "registered", caller.username, to_room_id=asset.room_id,
                   to_holder_employee_id=asset.holder_employee_id, to_condition=asset.condition,
                   data={"register_number": number})
    session.refresh(asset)
    emit_registered(tx, asset)
    resources.publish_vehicle(tx, asset)
    return asset


def _jsonable(value):
    return value.isoformat() if isinstance(value, date) else value


def edit(tx, caller: Caller, asset_id: int, payload: dict) -> Asset:
    session = tx.session
    asset = get(session, asset_id, lock=True)
    if asset.status != "active":
        raise Conflict("Barang yang sudah dihapuskan tidak dapat diubah.")
    if "code" in payload and payload["code"] != asset.code:
        raise Conflict("Kode barang tidak dapat diubah; daftarkan ulang barangnya.",
                       {"code": "Kode tidak dapat diubah (daftarkan ulang)."})
    moved = {k: "Gunakan serah terima untuk mengubah ruangan/pemegang." for k in ("room_id", "holder_employee_id")
             if k in payload and payload[k] != getattr(asset, k)}
    if moved:
        raise ValidationFailed("Ruangan dan pemegang diubah lewat serah terima.", moved)
    expected = payload.get("updated_at")
    if expected is not None and asset.updated_at is not None and abs(
            (asset.updated_at - expected).total_seconds()) > 0.001:
        raise Conflict("Barang sudah diubah orang lain; muat ulang halamannya.",
                       {"updated_at": "Data yang diubah sudah tidak terbaru."})
    year = payload.get("acquisition_year", asset.acquisition_year)
    when = payload.get("acquisition_date", asset.acquisition_date) if "acquisition_date" in payload \
        else asset.acquisition_date
    if when is not None and when.year != year:
        raise ValidationFailed("Tanggal perolehan tidak cocok.", {
            "acquisition_date": "Tahun tanggal perolehan harus sama dengan tahun perolehan."})
    changes = {}
    for key in EDITABLE:
        if key not in payload:
            continue
        new = payload[key]
        if key == "details":
            code = session.get(AssetCode, asset.code)
            new = validate_details(code, {**(asset.details or {}), **(new or {})})
        if new != getattr(asset, key):
            changes[key] = (getattr(asset, key), new)
    if not changes:
        return asset
    old_condition = asset.condition
    for key, (_, new) in changes.items():
        setattr(asset, key, new)
    session.flush()
    if "condition" in changes:
        history.record(session, asset, "condition_changed", caller.username, from_condition=old_condition,
                       to_condition=asset.condition)
    others = {k: {"old": _jsonable(old), "new": _jsonable(new)} for k, (old, new) in changes.items()
              if k != "condition"}
    if others:
        history.record(session, asset, "edited", caller.username, data=others)
    session.refresh(asset)
    emit_changed(tx, asset)
    resources.publish_vehicle(tx, asset)
    return asset


# -- files ----------------------------------------------------------------------------------------------------

def add_file(tx, caller: Caller, asset_id: int, payload: dict) -> AssetFile:
    session = tx.session
    asset = get(session, asset_id, lock=True)
    data: bytes = payload["content_b64"]
    if payload["kind"] == "photo":
        kind = require_kind(data, IMAGE_KINDS, "content_b64")
        if len(data) > MAX_PHOTO_BYTES:
            raise ValidationFailed("Foto terlalu besar.", {"content_b64": "Foto maksimal 8 MB."})
        made = photo_variants(data, "content_b64", original_px=ORIGINAL_PX, web_px=WEB_PX,
                              thumbnail_px=THUMBNAIL_PX)
        content, thumbnail, web_copy = made.original, made.thumbnail, made.web_copy
    else:
        kind = require_kind(data, {"pdf"}, "content_b64")
        content, thumbnail, web_copy = data, None, None
    row = AssetFile(asset_id=asset.id, kind=payload["kind"], filename=safe_filename(payload["filename"], kind),
                    content_type=CONTENT_TYPES[kind], size=len(content), sha256=hashlib.sha256(content).hexdigest(),
                    caption=payload.get("caption"), content=content, thumbnail=thumbnail, web_copy=web_copy,
                    uploaded_by=caller.username)
    session.add(row)
    session.flush()
    history.record(session, asset, "file_added", caller.username, note=row.caption,
                   data={"file_id": row.id, "kind": row.kind, "filename": row.filename})
    session.refresh(row)
    return row


def file_view(row: AssetFile) -> dict:
    return {c: getattr(row, c) for c in ("id", "asset_id", "kind", "filename", "content_type", "size", "sha256",
                                         "caption", "uploaded_at", "uploaded_by")} | {
        "has_thumbnail": row.thumbnail is not None}


def files_of(session: Session, asset_id: int) -> list[dict]:
    """An item's files without their content (only the columns the list needs are read)."""
    rows = session.execute(select(AssetFile.id, AssetFile.asset_id, AssetFile.kind, AssetFile.filename,
                                  AssetFile.content_type, AssetFile.size, AssetFile.sha256, AssetFile.caption,
                                  AssetFile.uploaded_at, AssetFile.uploaded_by,
                                  AssetFile.thumbnail.isnot(None).label("has_thumbnail"))
                           .where(AssetFile.asset_id == asset_id).order_by(AssetFile.id)).mappings().all()
    return [dict(r) for r in rows]


def file_content(session: Session, file_id: int, variant: str) -> dict:
    row = session.get(AssetFile, file_id)
    if row is None:
        raise NotFound("Berkas tidak ditemukan.")
    content = {"original": row.content, "thumbnail": row.thumbnail, "web": row.web_copy}[variant]
    if content is None:  # a document has no thumbnail: the file itself
        content = row.content
    stem, _, ext = row.filename.rpartition(".")
    name = row.filename if variant == "original" else f"{stem or row.filename}-{variant}.{ext or 'bin'}"
    return {"filename": name, "content_type": row.content_type, "content": content}


# -- reading --------------------------------------------------------------------------------------------------

def allowed_actions(caller: Caller, asset: Asset) -> list[str]:
    if not caller.is_keeper or asset.status != "active":
        return []
    return list(ASSET_ACTIONS)


def detail(session: Session, caller: Caller, asset_id: int) -> dict:
    asset = get(session, asset_id)
    code = session.get(AssetCode, asset.code)
    room = session.get(Room, asset.room_id) if asset.room_id else None
    floor: Floor | None = room.floor if room else None
    rows = history.of(session, asset.id)
    room_ids = {r.from_room_id for r in rows} | {r.to_room_id for r in rows}
    room_names = dict(session.execute(select(Room.id, Room.name).where(Room.id.in_(room_ids - {None})))
                      .all()) if room_ids - {None} else {}
    names = roster.names(session, {asset.holder_employee_id} | {r.from_holder_employee_id for r in rows}
                         | {r.to_holder_employee_id for r in rows})
    history_rows = [{**{c.key: getattr(r, c.key) for c in r.__table__.columns},
                     "from_room_name": room_names.get(r.from_room_id), "to_room_name": room_names.get(r.to_room_id),
                     "from_holder_name": names.get(r.from_holder_employee_id),
                     "to_holder_name": names.get(r.to_holder_employee_id)} for r in rows]
    details = asset.details or {}
    return {
        **{c.key: getattr(asset, c.key) for c in Asset.__table__.columns if c.key != "search"},
        "code_name": code.name if code else None, "code_vehicle_wheels": code.vehicle_wheels if code else None,
        "room_code": room.code if room else None, "room_name": room.name if room else None,
        "floor_name": floor.name if floor else None, "building_id": floor.building_id if floor else None,
        "building_name": floor.building.name if floor else None,
        "holder_name": names.get(asset.holder_employee_id), "plate_number": details.get("plate_number"),
        "useful_life_years": codes_area.useful_life(session, asset.code, wita_day()),
        "files": files_of(session, asset.id), "history": history_rows,
        "allowed_actions": allowed_actions(caller, asset), "suggest_disposal": asset.condition == "RB",
    }
