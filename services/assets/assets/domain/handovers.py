"""Handovers (mutasi) with their BAST: ``handover`` (to a holder and/or a room), ``return`` (the holder gives
items back, to the store or a room: the holder cleared) and ``move`` (room to room, holders unchanged).

A handover is immediate: ``create`` checks everything, then in the caller's one transaction takes the BAST's
number (gap-free: a failure rolls the counter back with the rest), changes each item's ``room_id`` /
``holder_employee_id`` (and condition, when the handover records a change), writes the item's history
(``handed_over`` / ``returned`` / ``moved``, plus ``condition_changed``) and publishes ``assets.item_handed_over``
per item and a lendable vehicle's new state. The items are locked ``FOR UPDATE`` (in id order), so two handovers
of the same item run one after the other and the second sees where the first left it.

Who: the keeper (pengurus barang, admin) creates them and reads them all; an employee reads the BASTs they are a
party to (the new or former holder, pihak pertama or kedua). Anyone else gets 404.
"""
from __future__ import annotations

from datetime import date

from situok_contracts.events import Assets
from situok_kit.clock import wita_day
from situok_kit.errors import NotFound, ValidationFailed
from situok_kit.pagination import decode_cursor, page
from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from ..models import Asset, Handover, HandoverItem, Room, RosterEmployee
from ..schemas.handovers import HandoverItemEvent
from . import history, numbering, resources
from . import settings as settings_area
from .access import Caller

HISTORY_KIND = {"handover": "handed_over", "return": "returned", "move": "moved"}
KIND_LABELS = {"handover": "serah terima", "return": "pengembalian", "move": "pemindahan"}
_item_event = HandoverItemEvent()


# -- creating ------------------------------------------------------------------------------------------------

def _active_employee(session: Session, employee_id: int | None, field: str, problems: dict) -> RosterEmployee | None:
    if employee_id is None:
        return None
    employee = session.get(RosterEmployee, employee_id)
    if employee is None or not employee.active:
        problems[field] = "Pegawai tidak ditemukan atau tidak aktif."
        return None
    return employee


def _lock_items(session: Session, asset_ids: list[int]) -> dict[int, Asset]:
    """The items, locked in id order (no deadlock between two handovers sharing items)."""
    rows = session.scalars(select(Asset).where(Asset.id.in_(asset_ids)).order_by(Asset.id)
                           .with_for_update()).all()
    return {a.id: a for a in rows}


def create(tx, caller: Caller, data: dict, today: date | None = None) -> Handover:
    """Apply a handover (see module doc): 422 naming each bad field, nothing written; the keeper only."""
    caller.require_keeper()
    session = tx.session
    today = today or wita_day()
    kind = data["kind"]
    problems: dict[str, str] = {}
    on = data["handover_date"]
    if on > today:
        problems["handover_date"] = "Tanggal serah terima tidak boleh di masa depan."

    to_holder_id = data.get("to_holder_employee_id")
    to_room_id = data.get("to_room_id")
    if kind == "handover" and to_holder_id is None and to_room_id is None:
        problems["to_holder_employee_id"] = "Pilih pegawai penerima dan/atau ruangan tujuan."
    if kind in ("return", "move") and to_holder_id is not None:
        problems["to_holder_employee_id"] = ("Pengembalian mengosongkan pemegang; pemindahan tidak mengubahnya: "
                                             "jangan isi pegawai penerima.")
    if kind == "move" and to_room_id is None:
        problems["to_room_id"] = "Pilih ruangan tujuan."
    to_holder = _active_employee(session, to_holder_id, "to_holder_employee_id", problems)
    room = None
    if to_room_id is not None:
        room = session.get(Room, to_room_id)
        if room is None or not room.active:
            problems["to_room_id"] = "Ruangan tidak ditemukan atau tidak aktif."
            room = None
    first = _active_employee(session, data.get("first_party_employee_id"), "first_party_employee_id", problems)
    second = _active_employee(session, data.get("second_party_employee_id"), "second_party_employee_id", problems)

    wanted = [item["asset_id"] for item in data["items"]]
    assets = _lock_items(session, wanted)
    holders: set[int | None] = set()
    for n, item in enumerate(data["items"]):
        asset = assets.get(item["asset_id"])
        field = f"items.{n}.asset_id"
        if asset is None:
            problems[field] = "Barang tidak ditemukan."
            continue
        if asset.status != "active":
            problems[field] = f"{asset.name} sudah dihapuskan; tidak dapat diserahterimakan."
            continue
        holders.add(asset.holder_employee_id)
        if kind == "return" and asset.holder_employee_id is None:
            problems[field] = f"{asset.name} tidak sedang dipegang pegawai; tidak ada yang dikembalikan."
        elif kind == "move" and room is not None and asset.room_id == room.id:
            problems[field] = f"{asset.name} sudah berada di ruangan tujuan."
        elif kind == "handover" and (to_holder_id is None or asset.holder_employee_id == to_holder_id) and (
                to_room_id is None or asset.room_id == to_room_id) and not item.get("condition"):
            problems[field] = f"{asset.name} sudah dipegang/berada di tujuan; tidak ada yang berubah."
    if kind == "return" and first is None and len(holders - {None}) > 1:
        problems["first_party_employee_id"] = ("Barang dipegang lebih dari satu pegawai: pilih pihak pertama, atau "
                                               "buat satu pengembalian per pemegang.")
    if problems:
        raise ValidationFailed("Serah terima tidak dapat dicatat.", problems)

    keeper = settings_area.pengurus_barang(session)
    if kind == "return":
        holder_id = next(iter(holders - {None}), None)
        first = first or (session.get(RosterEmployee, holder_id) if holder_id else None)
        second = second or keeper
    else:
        first = first or keeper
        if second is None:
            second = to_holder or (session.get(RosterEmployee, room.person_in_charge_employee_id)
                                   if room is not None and room.person_in_charge_employee_id else None)

    number = numbering.next_letter_number(session, "handover", on)
    handover = Handover(kind=kind, number=number, handover_date=on, to_room_id=room.id if room else None,
                        to_holder_employee_id=to_holder.id if to_holder else None,
                        first_party_employee_id=first.id if first else None,
                        second_party_employee_id=second.id if second else None, note=data.get("note"),
                        created_by=caller.username)
    session.add(handover)
    session.flush()
    reference = ("handover", handover.id, number)
    for item in data["items"]:
        asset = assets[item["asset_id"]]
        before_room, before_holder, before_condition = asset.room_id, asset.holder_employee_id, asset.condition
        condition = item.get("condition") or before_condition
        session.add(HandoverItem(handover_id=handover.id, asset_id=asset.id, from_room_id=before_room,
                                 from_holder_employee_id=before_holder, condition_before=before_condition,
                                 condition=condition, quantity=1, note=item.get("note")))
        if room is not None:
            asset.room_id = room.id
        if kind == "handover" and to_holder is not None:
            asset.holder_employee_id = to_holder.id
        elif kind == "return":
            asset.holder_employee_id = None
        asset.condition = condition
        session.flush()
        history.record(session, asset, HISTORY_KIND[kind], caller.username, note=item.get("note") or data.get("note"),
                       reference=reference, from_room_id=before_room, to_room_id=asset.room_id,
                       from_holder_employee_id=before_holder, to_holder_employee_id=asset.holder_employee_id,
                       data={"handover_date": on.isoformat()})
        if condition != before_condition:
            history.record(session, asset, "condition_changed", caller.username, reference=reference,
                           from_condition=before_condition, to_condition=condition,
                           note=f"Kondisi dicatat pada BAST {number}.")
        tx.emit(Assets.ITEM_HANDED_OVER, _item_event.dump({
            "asset_id": asset.id, "handover_id": handover.id, "number": number, "kind": kind, "handover_date": on,
            "from_room_id": before_room, "to_room_id": asset.room_id, "from_holder_employee_id": before_holder,
            "to_holder_employee_id": asset.holder_employee_id, "condition": condition}))
        if before_holder != asset.holder_employee_id or before_condition != condition:
            resources.publish_vehicle(tx, asset)
    session.flush()
    return handover


# -- reading -------------------------------------------------------------------------------------------------

def _party_clause(employee_id: int):
    return or_(Handover.to_holder_employee_id == employee_id, Handover.first_party_employee_id == employee_id,
               Handover.second_party_employee_id == employee_id,
               exists().where(HandoverItem.handover_id == Handover.id,
                              HandoverItem.from_holder_employee_id == employee_id))


def visible(session: Session, caller: Caller, handover_id: int) -> Handover:
    """The handover if the caller may read it (the keeper; a party or holder of it), else 404."""
    query = select(Handover).where(Handover.id == handover_id)
    if not caller.is_keeper:
        if not caller.employee_id:
            raise NotFound("Serah terima tidak ditemukan.")
        query = query.where(_party_clause(caller.employee_id))
    found = session.scalar(query)
    if found is None:
        raise NotFound("Serah terima tidak ditemukan.")
    return found


def _party(employee: RosterEmployee | None) -> dict:
    if employee is None:
        return {"employee_id": None, "name": None, "nip": None, "position": None}
    return {"employee_id": employee.id, "name": employee.name, "nip": employee.nip,
            "position": employee.position_name}


def _employees(session: Session, ids) -> dict[int, RosterEmployee]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {e.id: e for e in session.scalars(select(RosterEmployee).where(RosterEmployee.id.in_(wanted)))}


def _rooms(session: Session, ids) -> dict[int, str]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return dict(session.execute(select(Room.id, Room.name).where(Room.id.in_(wanted))).all())


def brand_of(asset: Asset) -> str | None:
    details = asset.details or {}
    return " ".join(str(details[k]) for k in ("brand", "type") if details.get(k)) or None


def detail(session: Session, caller: Caller, handover: Handover) -> dict:
    """``HandoverOut``."""
    items = list(handover.items)
    assets = {a.id: a for a in session.scalars(select(Asset).where(Asset.id.in_([i.asset_id for i in items])))}
    people = _employees(session, [handover.to_holder_employee_id, handover.first_party_employee_id,
                                  handover.second_party_employee_id, *(i.from_holder_employee_id for i in items)])
    rooms = _rooms(session, [handover.to_room_id, *(i.from_room_id for i in items)])
    holder = people.get(handover.to_holder_employee_id)
    return {
        "id": handover.id, "kind": handover.kind, "number": handover.number, "handover_date": handover.handover_date,
        "to_room_id": handover.to_room_id, "to_room_name": rooms.get(handover.to_room_id),
        "to_holder_employee_id": handover.to_holder_employee_id, "to_holder_name": holder.name if holder else None,
        "first_party": _party(people.get(handover.first_party_employee_id)),
        "second_party": _party(people.get(handover.second_party_employee_id)),
        "note": handover.note, "item_count": len(items),
        "items": [{
            "asset_id": i.asset_id, "code": assets[i.asset_id].code,
            "register_number": assets[i.asset_id].register_number, "name": assets[i.asset_id].name,
            "brand": brand_of(assets[i.asset_id]), "acquisition_year": assets[i.asset_id].acquisition_year,
            "from_room_id": i.from_room_id, "from_room_name": rooms.get(i.from_room_id),
            "from_holder_employee_id": i.from_holder_employee_id,
            "from_holder_name": people[i.from_holder_employee_id].name if i.from_holder_employee_id in people
            else None,
            "condition_before": i.condition_before, "condition": i.condition, "quantity": i.quantity,
            "note": i.note} for i in items],
        "created_at": handover.created_at, "created_by": handover.created_by, "allowed_actions": ["download"],
    }


def list_handovers(session: Session, caller: Caller, filters: dict, cursor: str | None, limit: int) -> dict:
    """``HandoverPage``: newest first (keyset on id); a non-keeper sees only the BASTs they are a party to."""
    query = select(Handover)
    if not caller.is_keeper:
        if not caller.employee_id:
            return {"items": [], "next_cursor": None}
        query = query.where(_party_clause(caller.employee_id))
    if filters.get("kind"):
        query = query.where(Handover.kind == filters["kind"])
    if filters.get("employee_id"):
        query = query.where(_party_clause(filters["employee_id"]))
    if filters.get("room_id"):
        room_id = filters["room_id"]
        query = query.where(or_(Handover.to_room_id == room_id, exists().where(
            HandoverItem.handover_id == Handover.id, HandoverItem.from_room_id == room_id)))
    if filters.get("asset_id"):
        query = query.where(exists().where(HandoverItem.handover_id == Handover.id,
                                           HandoverItem.asset_id == filters["asset_id"]))
    if filters.get("date_from"):
        query = query.where(Handover.handover_date >= filters["date_from"])
    if filters.get("date_to"):
        query = query.where(Handover.handover_date <= filters["date_to"])
    after = decode_cursor(cursor, 1)
    if after is not None:
        query = query.where(Handover.id < int(after[0]))
    rows = list(session.scalars(query.order_by(Handover.id.desc()).limit(limit + 1)))
    result = page(rows, limit, lambda h: [h.id])
    shown = result["items"]
    people = _employees(session, [x for h in shown for x in (h.to_holder_employee_id, h.first_party_employee_id,
                                                               h.second_party_employee_id)])
    rooms = _rooms(session, [h.to_room_id for h in shown])
    first_items: dict[int, tuple[int, str]] = {}
    counts: dict[int, int] = {}
    if shown:
        for handover_id, name in session.execute(
                select(HandoverItem.handover_id, Asset.name).join(Asset, Asset.id == HandoverItem.asset_id)
                .where(HandoverItem.handover_id.in_([h.id for h in shown])).order_by(HandoverItem.id)):
            counts[handover_id] = counts.get(handover_id, 0) + 1
            first_items.setdefault(handover_id, name)

    def name_of(employee_id):
        found = people.get(employee_id)
        return found.name if found else None

    result["items"] = [{
        "id": h.id, "kind": h.kind, "number": h.number, "handover_date": h.handover_date,
        "to_room_id": h.to_room_id, "to_room_name": rooms.get(h.to_room_id),
        "to_holder_employee_id": h.to_holder_employee_id, "to_holder_name": name_of(h.to_holder_employee_id),
        "first_party_name": name_of(h.first_party_employee_id),
        "second_party_name": name_of(h.second_party_employee_id), "item_count": counts.get(h.id, 0),
        "first_item_name": first_items.get(h.id), "created_at": h.created_at} for h in shown]
    return result


def document(session: Session, caller: Caller, handover_id: int) -> dict:
    """``HandoverDocumentOut``: the BAST as PDF (whoever may read the handover)."""
    from ..documents import bast

    handover = visible(session, caller, handover_id)
    shown = detail(session, caller, handover)
    content = bast.render(bast.printable(session, shown))
    safe = "".join(c if c.isalnum() else "-" for c in handover.number).strip("-")
    return {"filename": f"BAST-{safe}.pdf", "content_type": "application/pdf", "content": content}


# -- the form's choices ----------------------------------------------------------------------------------------

def options(session: Session, caller: Caller) -> dict:
    """``HandoverOptionsOut``: the active employees of the roster copy and the active rooms (the keeper's form)."""
    caller.require_keeper()
    employees = session.scalars(select(RosterEmployee).where(RosterEmployee.active.is_(True))
                                .order_by(RosterEmployee.name, RosterEmployee.id)).all()
    rooms = session.scalars(select(Room).where(Room.active.is_(True)).order_by(Room.code)).all()
    return {"employees": [{"id": e.id, "name": e.name, "nip": e.nip, "position": e.position_name,
                           "unit_name": e.unit_name} for e in employees],
            "rooms": [{"id": r.id, "code": r.code, "name": r.name} for r in rooms]}


def find_items(session: Session, caller: Caller, q: str | None, asset_ids: list[int], holder_employee_id: int | None,
               room_id: int | None, limit: int = 30) -> list[dict]:
    """``HandoverCandidateOut``: active items to pick for a handover — the ids given, and those matching ``q``
    (name, code, or ``<code>/<register number>``), a holder or a room; the keeper only."""
    caller.require_keeper()
    found: dict[int, Asset] = {}
    if asset_ids:
        for asset in session.scalars(select(Asset).where(Asset.id.in_(asset_ids)).order_by(Asset.id)):
            found[asset.id] = asset
    conditions = []
    if q:
        text_ = q.strip()
        pattern = text_.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        matches = [Asset.name.ilike(f"%{pattern}%", escape="\\"), Asset.code.like(f"{pattern}%", escape="\\")]
        code, _, number = text_.rpartition("/")
        if code and number.isdigit():
            matches.append((Asset.code == code) & (Asset.register_number == int(number)))
        if text_.isdigit():
            matches.append(Asset.id == int(text_))
        conditions.append(or_(*matches))
    if holder_employee_id:
        conditions.append(Asset.holder_employee_id == holder_employee_id)
    if room_id:
        conditions.append(Asset.room_id == room_id)
    if conditions:
        query = select(Asset).where(Asset.status == "active", *conditions).order_by(Asset.name, Asset.id).limit(limit)
        for asset in session.scalars(query):
            found.setdefault(asset.id, asset)
    shown = list(found.values())
    people = {e.id: e.name for e in _employees(session, [a.holder_employee_id for a in shown]).values()}
    rooms = _rooms(session, [a.room_id for a in shown])
    return [{"id": a.id, "code": a.code, "register_number": a.register_number, "name": a.name,
             "brand": brand_of(a), "condition": a.condition, "status": a.status, "room_id": a.room_id,
             "room_name": rooms.get(a.room_id), "holder_employee_id": a.holder_employee_id,
             "holder_name": people.get(a.holder_employee_id)} for a in shown]
