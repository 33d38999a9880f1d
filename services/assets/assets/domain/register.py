"""The register area: what its modules share — who may write, the lookups that answer 422 for an unknown
reference, and an item's event payload.

The area's modules:

* ``register_codes``: the Permendagri 108/2016 code list (search, import) and useful lives (admin);
* ``register_locations``: buildings → floors → rooms (the pengurus barang), published to booking when bookable;
* ``register_items``: registering and editing items (per-KIB details), their files and page;
* ``register_search``: the register's list (``list_assets``), fast on a large register (keyset, indexes);
* ``register_import``: the bulk import of an existing register from XLSX/CSV and its template.
"""
from __future__ import annotations

from situok_contracts.events import Assets
from situok_kit.errors import ValidationFailed
from sqlalchemy.orm import Session

from ..models import Asset, AssetCode, Room, RosterEmployee
from ..schemas.register import AssetEvent
from . import codes as codes_area
from .access import Caller

_asset_event = AssetEvent()


def require_keeper(caller: Caller) -> Caller:
    return caller.require_keeper()


def registrable_code(session: Session, code: str, field: str = "code") -> AssetCode:
    """The code an item is registered on: known, of the last level, active; otherwise a 422 naming ``field``."""
    row = session.get(AssetCode, code) if codes_area.is_well_formed(code) else None
    if row is None:
        raise ValidationFailed("Kode barang tidak dikenal.", {field: "Kode barang tidak ada pada kodefikasi."})
    if not row.registrable or not row.active or codes_area.kib_of(code) is None:
        raise ValidationFailed("Kode barang tidak dapat dipakai.", {field: (
            "Barang didaftarkan pada kode tingkat terakhir (sub-sub rincian objek) yang aktif.")})
    return row


def known_room(session: Session, room_id: int | None, field: str = "room_id") -> Room | None:
    if room_id is None:
        return None
    room = session.get(Room, room_id)
    if room is None or not room.active:
        raise ValidationFailed("Ruangan tidak dikenal.", {field: "Ruangan tidak ada atau tidak aktif."})
    return room


def known_employee(session: Session, employee_id: int | None, field: str) -> RosterEmployee | None:
    if employee_id is None:
        return None
    employee = session.get(RosterEmployee, employee_id)
    if employee is None or not employee.active:
        raise ValidationFailed("Pegawai tidak dikenal.", {field: "Pegawai tidak ada pada data kepegawaian."})
    return employee


def event_payload(asset: Asset) -> dict:
    """``AssetEvent`` of ``asset``."""
    return _asset_event.dump(asset)


def emit_registered(tx, asset: Asset) -> None:
    tx.emit(Assets.ITEM_REGISTERED, event_payload(asset))


def emit_changed(tx, asset: Asset) -> None:
    tx.emit(Assets.ITEM_CHANGED, event_payload(asset))
