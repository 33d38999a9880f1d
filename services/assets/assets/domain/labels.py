"""Label sheets: the QR labels of chosen items (by id, or every active item of a room), printed by the pengurus
barang; each printed item gets ``label_printed_at`` (in the same transaction as the sheet is made).

The QR holds the item's page on the web: ``<base_url>/aset/barang/<id>``; the base comes from the caller (the
web passes its own site URL, the gateway the request's host), so a label printed from the API points where the
printer reached the platform.
"""
from __future__ import annotations

from datetime import datetime

from situok_kit.errors import Conflict, NotFound, ValidationFailed
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..documents import labels as label_document
from ..models import Asset, Room
from . import settings

MAX_ITEMS = 1000
ITEM_PATH = "/aset/barang/{id}"


def item_url(base_url: str, asset_id: int) -> str:
    return base_url.rstrip("/") + ITEM_PATH.format(id=asset_id)


def chosen(session: Session, asset_ids: list[int] | None, room_id: int | None) -> list:
    """The items to label, in code then register order (``asset_ids``: every one must exist and be active;
    ``room_id``: the room's active items)."""
    columns = (Asset.id, Asset.code, Asset.register_number, Asset.name, Asset.acquisition_year, Asset.status)
    if room_id is not None:
        if session.get(Room, room_id) is None:
            raise NotFound("Ruangan tidak ditemukan.")
        found = session.execute(select(*columns).where(Asset.room_id == room_id, Asset.status == "active")
                                .order_by(Asset.code, Asset.register_number).limit(MAX_ITEMS + 1)).all()
        if not found:
            raise ValidationFailed("Tidak ada barang untuk dicetak labelnya.",
                                   {"room_id": "Ruangan ini belum berisi barang aktif."})
    else:
        wanted = list(dict.fromkeys(asset_ids or ()))
        found = session.execute(select(*columns).where(Asset.id.in_(wanted))
                                .order_by(Asset.code, Asset.register_number)).all()
        missing = sorted(set(wanted) - {r.id for r in found})
        if missing:
            raise ValidationFailed("Sebagian barang tidak ditemukan.", {
                "asset_ids": "Tidak ditemukan: " + ", ".join(str(i) for i in missing[:20])})
        disposed = [r for r in found if r.status != "active"]
        if disposed:
            raise Conflict("Barang yang sudah dihapuskan tidak diberi label: " + ", ".join(
                f"{r.code}/{r.register_number:04d}" for r in disposed[:20]) + ".")
    if len(found) > MAX_ITEMS:
        raise ValidationFailed("Terlalu banyak barang.", {
            "room_id" if room_id is not None else "asset_ids": f"Paling banyak {MAX_ITEMS} barang per cetakan."})
    return found


def label_sheet(session: Session, asset_ids: list[int] | None, room_id: int | None, base_url: str,
                layout: str, skip: int, now: datetime) -> dict:
    """``AssetsDocumentOut``: the sheet as a PDF; marks the items' ``label_printed_at`` with ``now``."""
    items = chosen(session, asset_ids, room_id)
    bureau = settings.current(session).bureau_name
    content = label_document.render([
        label_document.Label(item_url(base_url, r.id), r.code, r.register_number, r.name, r.acquisition_year, bureau)
        for r in items], layout, skip=skip)
    session.execute(update(Asset).where(Asset.id.in_([r.id for r in items]))
                    .values(label_printed_at=now, updated_at=Asset.updated_at)   # a print is not an edit
                    .execution_options(synchronize_session=False))
    return {"filename": f"label-barang-{now:%Y%m%d-%H%M%S}.pdf", "content_type": "application/pdf",
            "content": content, "count": len(items)}
