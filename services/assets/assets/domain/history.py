"""An item's history: one append-only row per thing that happened to it (``models.AssetHistory``; the
database refuses UPDATE and DELETE of a row). Every area that changes an item writes here in the same
transaction as the change, so the history never disagrees with the register."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Asset, AssetHistory


def record(session: Session, asset: Asset, kind: str, actor: str, *, note: str | None = None,
           reference: tuple[str, int | None, str | None] | None = None, **changes) -> AssetHistory:
    """Append one row for ``asset``. ``reference`` is (kind, id, printed number) of the document behind it;
    ``changes`` are the row's columns (``from_room_id``, ``to_room_id``, ``from_holder_employee_id``,
    ``to_holder_employee_id``, ``from_condition``, ``to_condition``, ``odometer_km``, ``data``)."""
    reference_kind, reference_id, reference_number = reference or (None, None, None)
    row = AssetHistory(asset_id=asset.id, kind=kind, actor=actor, note=note, reference_kind=reference_kind,
                       reference_id=reference_id, reference_number=reference_number, **changes)
    session.add(row)
    session.flush()
    return row


def of(session: Session, asset_id: int, limit: int | None = None) -> list[AssetHistory]:
    """The item's history, oldest first."""
    query = select(AssetHistory).where(AssetHistory.asset_id == asset_id).order_by(AssetHistory.id)
    if limit:
        query = query.limit(limit)
    return list(session.scalars(query))
