"""Stock-taking campaigns (inventarisasi / sensus barang milik daerah): rooms checked on a phone, findings, the
berita acara and applying the result to the register in one step.

Rules:

* a keeper (``run_campaigns``) creates a campaign — ``inventarisasi`` of chosen rooms, or ``sensus``: the full
  census the regulation asks for at least once every five years — with its rooms, each optionally with a
  checker (an employee on the roster copy; without one the keepers check it);
* while it is ``open`` the room's checker, or a keeper, answers per item of the room's list (active items whose
  room is the room): ``found`` (optionally the condition seen), ``not_found``; in any room of the campaign an
  item registered in another room is ``found_elsewhere`` (applying moves it here). One answer per (campaign,
  item): the last one while open wins, who and when kept. An unlabelled item is recorded as a **finding**
  (not an item yet);
* a checker marks their room done (``finish``; ``reopen`` takes it back while the campaign is open);
* **closing** (keeper): every room must be done; a keeper may close anyway (``force``) — the items left unchecked
  are then recorded as ``not_found`` (we chose this over refusing: a census cannot wait for a lost key). Closing
  takes the berita acara's number (``numbering.next_letter_number(session, "census", day)``) and date;
* **applying** (keeper, once: again is a 409) updates the register in one transaction: conditions changed
  (history ``census`` with ``condition_changed``), items found elsewhere moved (history ``census`` with the
  rooms), items not found **left active** with a history row ``census`` "tidak ditemukan" and listed for
  follow-up (never disposed automatically), findings the keeper gives a registrable code and a value registered
  as new items (one per unit of the quantity; history ``registered`` with the campaign as reference), vehicles
  re-published; ``assets.campaign_applied`` with the counts;
* who sees a campaign: keepers and report readers (the Kepala Biro signs "Mengetahui") all; a checker the
  campaigns they check (404 otherwise).
"""
from __future__ import annotations

import re
from datetime import date

from situok_kit.clock import utcnow, wita_day
from situok_kit.errors import Conflict, NotFound, ValidationFailed
from situok_kit.pagination import decode_cursor, page
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..models import (
    Asset,
    AssetCode,
    Room,
    RosterEmployee,
    StocktakingCampaign,
    StocktakingCheck,
    StocktakingFinding,
    StocktakingRoom,
)
from . import codes, history, numbering, resources
from . import roster as roster_area
from .access import Caller
from .stocktaking_workflow import CAMPAIGN, CHECKER, KEEPER, READER, ROOM

#: A label's QR leads to the item's page: ``…/aset/barang/<id>`` (or ``…/items/<id>``).
_LABEL_URL = re.compile(r"/(?:barang|items)/(\d+)/?(?:[?#].*)?$")
_CODE_REGISTER = re.compile(r"^(\d+(?:\.\d+)*)\.(\d+)$")


# -- who may do what -------------------------------------------------------------------------------------

def _rooms(session: Session, campaign_id: int) -> list[StocktakingRoom]:
    return list(session.scalars(select(StocktakingRoom).where(StocktakingRoom.campaign_id == campaign_id)
                                .order_by(StocktakingRoom.id)))


def capacities(caller: Caller, rooms: list[StocktakingRoom]) -> set[str]:
    found = set()
    if caller.is_keeper:
        found.add(KEEPER)
    if caller.employee_id and any(r.checker_employee_id == caller.employee_id for r in rooms):
        found.add(CHECKER)
    if caller.reads_reports:
        found.add(READER)
    return found


def room_capacities(caller: Caller, room: StocktakingRoom) -> set[str]:
    found = set()
    if caller.is_keeper:
        found.add(KEEPER)
    if caller.employee_id and room.checker_employee_id == caller.employee_id:
        found.add(CHECKER)
    return found


def room_state(room: StocktakingRoom) -> str:
    return "done" if room.done_at else "checking"


def room_actions(caller: Caller, campaign: StocktakingCampaign, room: StocktakingRoom) -> list[str]:
    if campaign.status != "open":
        return []
    return ROOM.allowed_actions(room_state(room), room_capacities(caller, room))


def load(session: Session, caller: Caller, campaign_id: int, *, lock: bool = False) -> StocktakingCampaign:
    """The campaign the caller may see (404 otherwise)."""
    query = select(StocktakingCampaign).where(StocktakingCampaign.id == campaign_id)
    campaign = session.scalars(query.with_for_update() if lock else query).first()
    if campaign is None or not capacities(caller, _rooms(session, campaign_id)):
        raise NotFound("Inventarisasi tidak ditemukan.")
    return campaign


def _campaign_room(session: Session, campaign: StocktakingCampaign, room_id: int) -> StocktakingRoom:
    found = session.scalars(select(StocktakingRoom).where(StocktakingRoom.campaign_id == campaign.id,
                                                          StocktakingRoom.room_id == room_id)).first()
    if found is None:
        raise NotFound("Ruangan ini tidak termasuk inventarisasi tersebut.")
    return found


# -- creating and listing --------------------------------------------------------------------------------

def create(tx, caller: Caller, payload: dict) -> StocktakingCampaign:
    caller.require_keeper()
    session = tx.session
    errors: dict[str, str] = {}
    rooms = payload["rooms"]
    seen: set[int] = set()
    for n, entry in enumerate(rooms):
        room = session.get(Room, entry["room_id"])
        if room is None or not room.active:
            errors[f"rooms.{n}.room_id"] = "Ruangan tidak ditemukan atau tidak aktif."
        elif room.id in seen:
            errors[f"rooms.{n}.room_id"] = "Ruangan dipilih dua kali."
        seen.add(entry["room_id"])
        checker = entry.get("checker_employee_id")
        if checker is not None:
            employee = session.get(RosterEmployee, checker)
            if employee is None or not employee.active:
                errors[f"rooms.{n}.checker_employee_id"] = "Pegawai tidak ditemukan pada daftar pegawai."
    if errors:
        raise ValidationFailed("Data inventarisasi tidak valid.", errors)
    campaign = StocktakingCampaign(name=payload["name"], kind=payload["kind"], start_date=payload["start_date"],
                                   notes=payload.get("notes"), created_by=caller.username,
                                   created_by_account_id=caller.account_id, status="open")
    session.add(campaign)
    session.flush()
    for entry in rooms:
        session.add(StocktakingRoom(campaign_id=campaign.id, room_id=entry["room_id"],
                                    checker_employee_id=entry.get("checker_employee_id")))
    session.flush()
    return campaign


def list_campaigns(session: Session, caller: Caller, filters: dict, cursor: str | None, limit: int) -> dict:
    """Newest first; keepers and report readers every campaign, others those they check."""
    query = select(StocktakingCampaign)
    if not (caller.is_keeper or caller.reads_reports):
        if not caller.employee_id:
            return {"items": [], "next_cursor": None}
        mine = select(StocktakingRoom.campaign_id).where(StocktakingRoom.checker_employee_id == caller.employee_id)
        query = query.where(StocktakingCampaign.id.in_(mine))
    if filters.get("status"):
        query = query.where(StocktakingCampaign.status == filters["status"])
    if filters.get("kind"):
        query = query.where(StocktakingCampaign.kind == filters["kind"])
    after = decode_cursor(cursor, 1)
    if after:
        query = query.where(StocktakingCampaign.id < int(after[0]))
    rows = list(session.scalars(query.order_by(StocktakingCampaign.id.desc()).limit(limit + 1)))
    result = page(rows, limit, lambda c: [c.id])
    result["items"] = [summary(session, caller, c) for c in result["items"]]
    return result


# -- the rooms' lists and progress ------------------------------------------------------------------------

def _checks(session: Session, campaign_id: int) -> list[StocktakingCheck]:
    return list(session.scalars(select(StocktakingCheck).where(StocktakingCheck.campaign_id == campaign_id)))


def _listed_ids(session: Session, campaign: StocktakingCampaign, room_id: int,
                checks: list[StocktakingCheck]) -> set[int]:
    """The room's list: while open, the active items in the room now plus those answered as registered here;
    once closed, the items answered as registered here (closing answered every unchecked one)."""
    ids = {c.asset_id for c in checks if c.expected_room_id == room_id}
    if campaign.status == "open":
        ids |= set(session.scalars(select(Asset.id).where(Asset.room_id == room_id, Asset.status == "active")))
    return ids


def _progress(session: Session, campaign: StocktakingCampaign, room: StocktakingRoom, checks: list, findings: list,
              names: dict, caller: Caller | None) -> dict:
    listed = _listed_ids(session, campaign, room.room_id, checks)
    answered = {c.asset_id for c in checks}
    place = session.get(Room, room.room_id)
    return {
        "id": room.id, "room_id": room.room_id, "room_code": place.code if place else None,
        "room_name": place.name if place else "", "checker_employee_id": room.checker_employee_id,
        "checker_name": names.get(room.checker_employee_id), "done": room.done_at is not None,
        "done_at": room.done_at, "done_by": room.done_by, "total": len(listed),
        "checked": len(listed & answered),
        "found_here_elsewhere": sum(1 for c in checks if c.campaign_room_id == room.id
                                    and c.result == "found_elsewhere"),
        "findings": sum(1 for f in findings if f.campaign_room_id == room.id),
        "allowed_actions": room_actions(caller, campaign, room) if caller else [],
    }


def summary(session: Session, caller: Caller, campaign: StocktakingCampaign) -> dict:
    rooms = _rooms(session, campaign.id)
    caps = capacities(caller, rooms)
    checks = _checks(session, campaign.id)
    total = checked = 0
    for room in rooms:
        listed = _listed_ids(session, campaign, room.room_id, checks)
        total += len(listed)
        checked += len(listed & {c.asset_id for c in checks})
    return {**_fields(campaign), "rooms_total": len(rooms), "rooms_done": sum(1 for r in rooms if r.done_at),
            "items_total": total, "items_checked": checked,
            "allowed_actions": CAMPAIGN.allowed_actions(campaign.status, caps)}


def _fields(campaign: StocktakingCampaign) -> dict:
    return {name: getattr(campaign, name) for name in (
        "id", "name", "kind", "start_date", "status", "notes", "created_by", "created_at", "closed_at", "closed_by",
        "closed_early", "ba_number", "ba_date", "applied_at", "applied_by", "cancelled_at", "cancel_reason")}


def detail(session: Session, caller: Caller, campaign: StocktakingCampaign) -> dict:
    rooms = _rooms(session, campaign.id)
    checks = _checks(session, campaign.id)
    findings = list(session.scalars(select(StocktakingFinding).where(StocktakingFinding.campaign_id == campaign.id)))
    names = roster_area.names(session, [r.checker_employee_id for r in rooms])
    progress = [_progress(session, campaign, r, checks, findings, names, caller) for r in rooms]
    base = summary(session, caller, campaign)
    return {**base, "rooms": progress, "findings_total": sum(f.quantity for f in findings),
            "applied_summary": campaign.applied_summary or {}}


def _asset_line(asset: Asset, check: StocktakingCheck | None, rooms_by_id: dict) -> dict:
    line = {"asset_id": asset.id, "code": asset.code, "register_number": asset.register_number, "name": asset.name,
            "condition": asset.condition, "room_id": asset.room_id,
            "room_name": rooms_by_id.get(asset.room_id), "status": asset.status, "result": None,
            "checked_condition": None, "note": None, "checked_by": None, "checked_at": None}
    if check is not None:
        line.update(result=check.result, checked_condition=check.condition, note=check.note,
                    checked_by=check.checked_by, checked_at=check.checked_at)
    return line


def _room_names(session: Session, ids) -> dict:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {r.id: r.name for r in session.scalars(select(Room).where(Room.id.in_(wanted)))}


def room_sheet(session: Session, caller: Caller, campaign_id: int, room_id: int) -> dict:
    """``CampaignRoomSheetOut``: one room of a campaign as its checker works it on a phone."""
    campaign = load(session, caller, campaign_id)
    room = _campaign_room(session, campaign, room_id)
    checks = _checks(session, campaign.id)
    by_asset = {c.asset_id: c for c in checks}
    listed = _listed_ids(session, campaign, room.room_id, checks)
    elsewhere = [c for c in checks if c.campaign_room_id == room.id and c.result == "found_elsewhere"]
    assets = {a.id: a for a in session.scalars(select(Asset).where(
        Asset.id.in_(listed | {c.asset_id for c in elsewhere})))}
    rooms_by_id = _room_names(session, [a.room_id for a in assets.values()] + [c.expected_room_id for c in elsewhere])
    items = sorted((_asset_line(assets[i], by_asset.get(i), rooms_by_id) for i in listed if i in assets),
                   key=lambda x: (x["code"], x["register_number"]))
    found_here = []
    for c in elsewhere:
        line = _asset_line(assets[c.asset_id], c, rooms_by_id)
        line["room_id"], line["room_name"] = c.expected_room_id, rooms_by_id.get(c.expected_room_id)
        found_here.append(line)
    findings = list(session.scalars(select(StocktakingFinding).where(StocktakingFinding.campaign_room_id == room.id)
                                    .order_by(StocktakingFinding.id)))
    findings_all = list(session.scalars(select(StocktakingFinding)
                                        .where(StocktakingFinding.campaign_id == campaign.id)))
    names = roster_area.names(session, [room.checker_employee_id])
    return {"campaign": summary(session, caller, campaign),
            "room": _progress(session, campaign, room, checks, findings_all, names, caller),
            "items": items, "found_here": found_here, "findings": [finding_view(f) for f in findings]}


def finding_view(f: StocktakingFinding) -> dict:
    return {name: getattr(f, name) for name in (
        "id", "campaign_room_id", "name", "suggested_code", "condition", "quantity", "description", "recorded_by",
        "recorded_at", "registered_code", "registered_value", "asset_ids")}


# -- recording -----------------------------------------------------------------------------------------------

def resolve_label(session: Session, label: str) -> Asset | None:
    """The item a scanned or typed label names: the label's URL (``…/aset/barang/<id>``) or ``kode.register``."""
    text = (label or "").strip()
    found = _LABEL_URL.search(text)
    if found:
        return session.get(Asset, int(found.group(1)))
    if text.isdigit():
        return None
    found = _CODE_REGISTER.match(text)
    if found:
        return session.scalars(select(Asset).where(Asset.code == found.group(1),
                                                   Asset.register_number == int(found.group(2)))).first()
    return None


def _open_room(tx, caller: Caller, campaign_id: int, room_id: int, action: str,
               verb: str) -> tuple[StocktakingCampaign, StocktakingRoom]:
    session = tx.session
    campaign = load(session, caller, campaign_id, lock=True)
    room = _campaign_room(session, campaign, room_id)
    if campaign.status != "open":
        CAMPAIGN.check("check", campaign.status, capacities(caller, _rooms(session, campaign.id)), verb=verb)
    ROOM.check(action, room_state(room), room_capacities(caller, room), verb=verb)
    return campaign, room


def record_check(tx, caller: Caller, campaign_id: int, room_id: int, payload: dict) -> dict:
    """One answer for an item (by ``asset_id`` or a scanned/typed ``label``); the last answer wins."""
    session = tx.session
    campaign, room = _open_room(tx, caller, campaign_id, room_id, "check", "diperiksa")
    asset = None
    if payload.get("asset_id"):
        asset = session.get(Asset, payload["asset_id"])
        field = "asset_id"
    else:
        asset = resolve_label(session, payload.get("label") or "")
        field = "label"
    if asset is None or asset.status != "active":
        raise ValidationFailed("Barang tidak ditemukan pada register aktif.", {field: "Barang tidak ditemukan."})
    result = payload["result"]
    here = asset.room_id == room.room_id
    if result == "found" and not here:
        result = "found_elsewhere"
    if result == "found_elsewhere" and here:
        result = "found"
    if result == "not_found" and not here:
        raise ValidationFailed("Barang ini tidak terdaftar di ruangan ini.",
                               {"result": "Hanya barang dalam daftar ruangan ini yang dapat dinyatakan tidak ada."})
    condition = payload.get("condition")
    if result == "not_found":
        condition = None
    check = session.scalars(select(StocktakingCheck).where(StocktakingCheck.campaign_id == campaign.id,
                                                           StocktakingCheck.asset_id == asset.id)).first()
    if check is None:
        check = StocktakingCheck(campaign_id=campaign.id, asset_id=asset.id)
        session.add(check)
    elif result == "not_found" and check.campaign_room_id != room.id and check.result == "found_elsewhere":
        raise Conflict("Barang ini sudah ditemukan di ruangan lain pada inventarisasi ini.",
                       {"result": "Ubah jawaban di ruangan tempat barang ditemukan."})
    check.campaign_room_id = room.id
    check.expected_room_id = asset.room_id
    check.result = result
    check.condition = condition if condition != asset.condition else None
    check.note = payload.get("note")
    check.checked_by = caller.username
    check.checked_at = utcnow()
    session.flush()
    rooms_by_id = _room_names(session, [asset.room_id])
    return _asset_line(asset, check, rooms_by_id)


def record_finding(tx, caller: Caller, campaign_id: int, room_id: int, payload: dict) -> StocktakingFinding:
    session = tx.session
    campaign, room = _open_room(tx, caller, campaign_id, room_id, "check", "diperiksa")
    finding = StocktakingFinding(campaign_id=campaign.id, campaign_room_id=room.id, name=payload["name"],
                                 suggested_code=payload.get("suggested_code"), condition=payload["condition"],
                                 quantity=payload.get("quantity") or 1, description=payload.get("description"),
                                 recorded_by=caller.username)
    session.add(finding)
    session.flush()
    return finding


def remove_finding(tx, caller: Caller, campaign_id: int, room_id: int, finding_id: int) -> None:
    session = tx.session
    campaign, room = _open_room(tx, caller, campaign_id, room_id, "check", "diubah")
    finding = session.get(StocktakingFinding, finding_id)
    if finding is None or finding.campaign_room_id != room.id:
        raise NotFound("Temuan tidak ditemukan.")
    session.delete(finding)
    session.flush()


def finish_room(tx, caller: Caller, campaign_id: int, room_id: int, reopen: bool = False) -> StocktakingCampaign:
    action = "reopen" if reopen else "finish"
    verb = "dibuka kembali" if reopen else "diselesaikan"
    campaign, room = _open_room(tx, caller, campaign_id, room_id, action, verb)
    room.done_at = None if reopen else utcnow()
    room.done_by = None if reopen else caller.username
    tx.session.flush()
    return campaign


# -- closing, cancelling ------------------------------------------------------------------------------------

def close(tx, caller: Caller, campaign_id: int, force: bool = False, on: date | None = None) -> StocktakingCampaign:
    session = tx.session
    campaign = load(session, caller, campaign_id, lock=True)
    rooms = _rooms(session, campaign.id)
    CAMPAIGN.check("close", campaign.status, capacities(caller, rooms), verb="ditutup")
    pending = [r for r in rooms if r.done_at is None]
    if pending and not force:
        names = ", ".join(_room_names(session, [r.room_id for r in pending]).values())
        raise ValidationFailed("Masih ada ruangan yang belum selesai diperiksa.",
                               {"force": f"Belum selesai: {names}. Tutup paksa: barang yang belum diperiksa "
                                         f"dicatat tidak ditemukan."})
    checks = _checks(session, campaign.id)
    answered = {c.asset_id for c in checks}
    for room in rooms:
        for asset_id in sorted(_listed_ids(session, campaign, room.room_id, checks) - answered):
            session.add(StocktakingCheck(campaign_id=campaign.id, asset_id=asset_id, campaign_room_id=room.id,
                                         expected_room_id=room.room_id, result="not_found",
                                         note="Tidak diperiksa sampai inventarisasi ditutup.",
                                         checked_by=caller.username))
            answered.add(asset_id)
    day = on or wita_day()
    campaign.status = "closed"
    campaign.closed_at = utcnow()
    campaign.closed_by = caller.username
    campaign.closed_early = bool(pending)
    campaign.ba_date = day
    campaign.ba_number = numbering.next_letter_number(session, "census", day)
    session.flush()
    return campaign


def cancel(tx, caller: Caller, campaign_id: int, reason: str) -> StocktakingCampaign:
    session = tx.session
    campaign = load(session, caller, campaign_id, lock=True)
    CAMPAIGN.check("cancel", campaign.status, capacities(caller, _rooms(session, campaign.id)), verb="dibatalkan")
    campaign.status = "cancelled"
    campaign.cancelled_at = utcnow()
    campaign.cancel_reason = reason
    session.flush()
    return campaign


# -- the result ----------------------------------------------------------------------------------------------

def result(session: Session, caller: Caller, campaign_id: int) -> dict:
    """``CampaignResultOut``: the lists per kind (unchecked items of an open campaign listed apart)."""
    campaign = load(session, caller, campaign_id)
    rooms = _rooms(session, campaign.id)
    by_room = {r.id: r for r in rooms}
    checks = _checks(session, campaign.id)
    by_asset = {c.asset_id: c for c in checks}
    listed: set[int] = set()
    for room in rooms:
        listed |= _listed_ids(session, campaign, room.room_id, checks)
    assets = {a.id: a for a in session.scalars(select(Asset).where(Asset.id.in_(listed | set(by_asset))))}
    room_names = _room_names(session, [r.room_id for r in rooms] + [a.room_id for a in assets.values()]
                             + [c.expected_room_id for c in checks])
    lists: dict[str, list] = {"found": [], "condition_changed": [], "not_found": [], "found_elsewhere": [],
                              "unchecked": []}
    for asset_id in sorted(set(by_asset) | listed, key=lambda i: (assets[i].code, assets[i].register_number)):
        asset = assets[asset_id]
        check = by_asset.get(asset_id)
        line = _asset_line(asset, check, room_names)
        if check is None:
            lists["unchecked"].append(line)
            continue
        where = by_room[check.campaign_room_id].room_id
        line.update(from_room_id=check.expected_room_id, from_room_name=room_names.get(check.expected_room_id),
                    to_room_id=where, to_room_name=room_names.get(where),
                    registered_condition=asset.condition)
        if check.result == "found":
            lists["condition_changed" if check.condition else "found"].append(line)
        else:
            lists[check.result].append(line)
    findings = list(session.scalars(select(StocktakingFinding).where(StocktakingFinding.campaign_id == campaign.id)
                                    .order_by(StocktakingFinding.id)))
    rooms_of_finding = {r.id: room_names.get(r.room_id) for r in rooms}
    team_ids = sorted({r.checker_employee_id for r in rooms if r.checker_employee_id})
    names = roster_area.names(session, team_ids)
    return {"campaign": summary(session, caller, campaign), **lists,
            "findings": [{**finding_view(f), "room_name": rooms_of_finding.get(f.campaign_room_id)} for f in findings],
            "team": [{"employee_id": i, "name": names.get(i, "")} for i in team_ids],
            "counts": {key: len(value) for key, value in lists.items()} | {"findings": len(findings)}}


# -- applying ------------------------------------------------------------------------------------------------

def _registrations(session: Session, campaign: StocktakingCampaign, given: list[dict]) -> list[tuple]:
    errors: dict[str, str] = {}
    chosen = []
    seen: set[int] = set()
    for n, entry in enumerate(given):
        finding = session.get(StocktakingFinding, entry["finding_id"])
        if finding is None or finding.campaign_id != campaign.id:
            errors[f"findings.{n}.finding_id"] = "Temuan tidak ditemukan pada inventarisasi ini."
            continue
        if finding.id in seen:
            errors[f"findings.{n}.finding_id"] = "Temuan disebut dua kali."
        seen.add(finding.id)
        code = session.get(AssetCode, entry["code"])
        if code is None or not code.registrable or not code.active:
            errors[f"findings.{n}.code"] = "Kode barang tidak dikenal atau bukan kode tingkat terakhir."
            continue
        chosen.append((finding, code, entry))
    if errors:
        raise ValidationFailed("Pendaftaran temuan tidak valid.", errors)
    return chosen


def _announce(tx, name: str, asset: Asset) -> None:
    """``assets.item_changed`` / ``assets.item_registered`` through the register's own payload (its module)."""
    from . import register as register_area

    emit = getattr(register_area, name, None)
    if emit is not None:
        emit(tx, asset)


def apply(tx, caller: Caller, campaign_id: int, payload: dict) -> tuple[StocktakingCampaign, dict]:
    """Apply a closed campaign's result to the register, all in this transaction (see module doc)."""
    session = tx.session
    campaign = load(session, caller, campaign_id, lock=True)
    rooms = _rooms(session, campaign.id)
    CAMPAIGN.check("apply", campaign.status, capacities(caller, rooms), verb="diterapkan")
    registrations = _registrations(session, campaign, payload.get("findings") or [])
    by_room = {r.id: r for r in rooms}
    reference = ("campaign", campaign.id, campaign.ba_number)
    counts = {"found": 0, "condition_changed": 0, "moved": 0, "not_found": 0, "registered": 0, "findings": 0}
    not_found: list[int] = []
    for check in sorted(_checks(session, campaign.id), key=lambda c: c.id):
        asset = session.scalars(select(Asset).where(Asset.id == check.asset_id).with_for_update()).first()
        if asset is None or asset.status != "active":
            continue  # disposed meanwhile: nothing to apply
        if check.result == "not_found":
            history.record(session, asset, "census", caller.username, note="Tidak ditemukan pada inventarisasi.",
                           reference=reference, data={"result": "not_found"})
            counts["not_found"] += 1
            not_found.append(asset.id)
            continue
        changes: dict = {}
        data: dict = {"result": check.result}
        if check.condition and check.condition != asset.condition:
            changes.update(from_condition=asset.condition, to_condition=check.condition)
            data["condition_changed"] = {"from": asset.condition, "to": check.condition}
            asset.condition = check.condition
            counts["condition_changed"] += 1
        target = by_room[check.campaign_room_id].room_id
        note = "Ditemukan pada inventarisasi."
        if check.result == "found_elsewhere" and asset.room_id != target:
            changes.update(from_room_id=asset.room_id, to_room_id=target)
            data["moved"] = {"from_room_id": asset.room_id, "to_room_id": target}
            asset.room_id = target
            counts["moved"] += 1
            note = "Ditemukan di ruangan lain pada inventarisasi; dipindahkan."
        counts["found"] += 1
        history.record(session, asset, "census", caller.username, note=note, reference=reference, data=data,
                       **changes)
        if changes:
            resources.publish_vehicle(tx, asset)
            _announce(tx, "emit_changed", asset)
    today = wita_day()
    for finding, code, entry in registrations:
        made = []
        for _ in range(finding.quantity):
            asset = Asset(code=code.code, register_number=numbering.next_register_number(session, code.code),
                          kib=codes.kib_of(code.code) or code.kib, name=entry.get("name") or finding.name,
                          acquisition_year=entry.get("acquisition_year") or today.year,
                          acquisition_value=entry["value"], source=entry.get("source") or "lainnya",
                          condition=finding.condition, room_id=by_room[finding.campaign_room_id].room_id,
                          notes=finding.description, registered_by=caller.username, details={})
            session.add(asset)
            session.flush()
            history.record(session, asset, "registered", caller.username, reference=reference,
                           note="Didaftarkan dari temuan inventarisasi.",
                           to_room_id=asset.room_id, to_condition=asset.condition,
                           data={"finding_id": finding.id})
            resources.publish_vehicle(tx, asset)
            _announce(tx, "emit_registered", asset)
            made.append(asset.id)
        finding.registered_code = code.code
        finding.registered_value = entry["value"]
        finding.asset_ids = made
        counts["registered"] += len(made)
    counts["findings"] = session.scalar(select(func.count()).select_from(StocktakingFinding)
                                        .where(StocktakingFinding.campaign_id == campaign.id))
    campaign.status = "applied"
    campaign.applied_at = utcnow()
    campaign.applied_by = caller.username
    campaign.applied_summary = {**counts, "not_found_asset_ids": not_found}
    session.flush()
    return campaign, counts


def applied_event(campaign: StocktakingCampaign, counts: dict) -> dict:
    return {"campaign_id": campaign.id, "name": campaign.name, "kind": campaign.kind,
            "ba_number": campaign.ba_number, "ba_date": campaign.ba_date, "applied_at": campaign.applied_at,
            **{k: counts[k] for k in ("found", "condition_changed", "moved", "not_found", "registered", "findings")},
            "not_found_asset_ids": campaign.applied_summary.get("not_found_asset_ids", [])}


def choices(session: Session, caller: Caller, q: str | None = None) -> dict:
    """``CampaignChoicesOut``: what a keeper picks from for a new campaign — active rooms (with how many active
    items each holds) and the active employees of the roster copy (the checkers)."""
    caller.require_keeper()
    counts = dict(session.execute(select(Asset.room_id, func.count()).where(Asset.status == "active")
                                  .group_by(Asset.room_id)).all())
    query = select(Room).where(Room.active)
    if q:
        query = query.where(or_(Room.code.ilike(f"%{q}%"), Room.name.ilike(f"%{q}%")))
    rooms = [{"id": r.id, "code": r.code, "name": r.name, "items": counts.get(r.id, 0)}
             for r in session.scalars(query.order_by(Room.code).limit(500))]
    employees = [{"id": e.id, "name": e.name, "unit_name": e.unit_name} for e in session.scalars(
        select(RosterEmployee).where(RosterEmployee.active).order_by(RosterEmployee.name, RosterEmployee.id)
        .limit(2000))]
    return {"rooms": rooms, "employees": employees}
