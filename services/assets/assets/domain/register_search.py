"""The register's list (``list_assets``): filters by KIB, code prefix, room, building, condition, holder,
status, year of acquisition and words; newest first, keyset on the id (``ix_assets_status_kib_id``,
``ix_assets_status_id``, the room and holder indexes, the code's ``text_pattern_ops`` index and the GIN index of
``assets.search`` keep a 50,000-item register fast). Names come with the page: the code's and the room's by
join, the holders' in one roster query per page."""
from __future__ import annotations

import re

from situok_kit.errors import ValidationFailed
from situok_kit.pagination import decode_cursor, page
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Asset, AssetCode, Floor, Room
from . import roster

_WORD = re.compile(r"[0-9a-z]+")


def text_query(q: str) -> str | None:
    """``q`` as a ``to_tsquery('simple', …)`` text: every word, as a prefix (``lap asus`` → ``lap:* & asus:*``)."""
    words = _WORD.findall(q.lower())
    return " & ".join(f"{w}:*" for w in words[:8]) or None


def list_assets(session: Session, filters: dict, cursor: str | None, limit: int) -> dict:
    plate = Asset.details["plate_number"].astext
    query = (select(Asset.id, Asset.code, AssetCode.name.label("code_name"), Asset.register_number, Asset.kib,
                    Asset.name, Asset.acquisition_year, Asset.acquisition_value, Asset.condition, Asset.status,
                    Asset.room_id, Room.code.label("room_code"), Room.name.label("room_name"),
                    Asset.holder_employee_id, plate.label("plate_number"), Asset.updated_at)
             .join(AssetCode, AssetCode.code == Asset.code).outerjoin(Room, Room.id == Asset.room_id)
             .where(Asset.status == filters.get("status", "active")))
    if filters.get("kib"):
        query = query.where(Asset.kib == filters["kib"])
    if filters.get("code"):
        query = query.where(Asset.code.startswith(filters["code"], autoescape=True))
    if filters.get("room_id"):
        query = query.where(Asset.room_id == filters["room_id"])
    if filters.get("building_id"):  # the building's rooms first: a short list the planner weighs well
        room_ids = list(session.scalars(select(Room.id).join(Floor).where(
            Floor.building_id == filters["building_id"])))
        if not room_ids:
            return {"items": [], "next_cursor": None}
        query = query.where(Asset.room_id.in_(room_ids))
    if filters.get("condition"):
        query = query.where(Asset.condition == filters["condition"])
    if filters.get("holder_employee_id"):
        query = query.where(Asset.holder_employee_id == filters["holder_employee_id"])
    if filters.get("acquisition_year"):
        query = query.where(Asset.acquisition_year == filters["acquisition_year"])
    if filters.get("q"):
        words = text_query(filters["q"])
        if words is None:
            return {"items": [], "next_cursor": None}
        query = query.where(Asset.search.op("@@")(func.to_tsquery("simple", words)))
    after = decode_cursor(cursor, 1)
    if after:
        if not isinstance(after[0], int) or isinstance(after[0], bool):
            raise ValidationFailed("Cursor tidak valid.", {
                "cursor": "Cursor tidak dikenali; mulai dari halaman pertama."})
        query = query.where(Asset.id < after[0])
    rows = [dict(r) for r in session.execute(query.order_by(Asset.id.desc()).limit(limit + 1)).mappings()]
    answer = page(rows, limit, lambda row: [row["id"]])
    names = roster.names(session, [r["holder_employee_id"] for r in answer["items"]])
    for row in answer["items"]:
        row["holder_name"] = names.get(row["holder_employee_id"])
    return answer
