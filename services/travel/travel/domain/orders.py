"""Travel orders (SPT) and their SPPDs: drafting, the workflow, sheet II legs, trip report, realization.

draft → submitted → approved | rejected → issued → completed (trip report filed) → realized (actual costs);
cancel (with a reason) from draft, submitted, approved or issued — a cancelled issued letter keeps its number.
Every transition is recorded (who, when, from, to, note) and published through the outbox.
"""
from __future__ import annotations

import hashlib
import logging
import re
import secrets
from datetime import date

from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.identity import Identity
from situok_kit.pagination import decode_cursor, page
from sqlalchemy import delete, select, text, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from .. import events, views
from ..models import (
    Attachment,
    Leg,
    Order,
    OrderTraveller,
    RealizationLine,
    RosterEmployee,
    Transition,
    TripReport,
    utcnow,
)
from . import access, numbering, rates, roster
from .common import PROVINCES, actor_name, wita_day
from .estimate import estimate

audit = logging.getLogger("situok.audit")

#: Which statuses each action starts from.
CANCELLABLE = ("draft", "submitted", "approved", "issued")
STATUS_LABEL = {
    "draft": "konsep", "submitted": "diajukan", "approved": "disetujui", "rejected": "ditolak",
    "issued": "terbit", "completed": "selesai", "realized": "direalisasikan", "cancelled": "dibatalkan",
}
OVERLAP_CONSTRAINT = "ex_order_travellers_no_overlap"
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def deny(identity: Identity, action: str, why: str, message: str | None = None):
    audit.warning("denied: %s", why, extra={"action": action, "decision": "forbidden",
                                            "account_id": identity.account_id})
    raise Forbidden(message or why)


# -- reading ---------------------------------------------------------------------------------

def load_order(session: Session, order_id: int, *, for_update: bool = False) -> Order:
    query = select(Order).where(Order.id == order_id).options(
        selectinload(Order.travellers).selectinload(OrderTraveller.legs))
    if for_update:
        query = query.with_for_update(of=Order)
    order = session.scalar(query)
    if order is None:
        raise NotFound("Perjalanan dinas tidak ditemukan.")
    return order


def visible_order(session: Session, identity: Identity, order_id: int, action: str, *,
                  for_update: bool = False) -> Order:
    """The order if ``identity`` may see it; otherwise 404 (existence is not revealed)."""
    order = load_order(session, order_id, for_update=for_update)
    if not access.viewer_for(session, identity).can_see(order):
        access.log_hidden(identity, action, f"travel_order:{order_id}")
        raise NotFound("Perjalanan dinas tidak ditemukan.")
    return order


def order_detail(session: Session, order: Order) -> dict:
    transitions = list(session.scalars(select(Transition).where(Transition.order_id == order.id)
                                       .order_by(Transition.id)))
    report = session.get(TripReport, order.id)
    attachments = list(session.scalars(select(Attachment).where(Attachment.order_id == order.id)
                                       .order_by(Attachment.id)))
    lines = list(session.scalars(select(RealizationLine).where(RealizationLine.order_id == order.id)
                                 .order_by(RealizationLine.id)))
    return views.order_detail(order, transitions, report, attachments, lines)


def list_orders(session: Session, identity: Identity, filters: dict, cursor: str | None, limit: int) -> dict:
    """A keyset page of the orders ``identity`` may see, newest departure first (then id)."""
    query = select(Order).options(selectinload(Order.travellers))
    condition = access.viewer_for(session, identity).order_condition()
    if condition is not None:
        query = query.where(condition)
    if filters.get("status"):
        query = query.where(Order.status == filters["status"])
    if filters.get("unit_id"):
        query = query.where(Order.unit_id.in_(sorted(roster.subunit_ids(session, filters["unit_id"]))))
    if filters.get("date_from"):
        query = query.where(Order.departure_date >= filters["date_from"])
    if filters.get("date_to"):
        query = query.where(Order.departure_date <= filters["date_to"])
    if filters.get("mine"):
        mine = access.Viewer(identity, False, frozenset()).order_condition()
        query = query.where(mine)
    after = decode_cursor(cursor, 2)
    if after is not None:
        try:
            last_date, last_id = date.fromisoformat(after[0]), int(after[1])
        except (TypeError, ValueError):
            raise ValidationFailed("Cursor tidak valid.",
                                   {"cursor": "Cursor tidak dikenali; mulai dari halaman pertama."}) from None
        query = query.where(tuple_(Order.departure_date, Order.id) < tuple_(last_date, last_id))
    orders = list(session.scalars(query.order_by(Order.departure_date.desc(), Order.id.desc()).limit(limit + 1)))
    result = page([views.order_summary(o) for o in orders], limit, lambda o: [o["departure_date"], o["id"]])
    return result


# -- drafting ----------------------------------------------------------------------------------

def roster_travellers(session: Session, items: list[dict]) -> list[RosterEmployee]:
    """The roster entries of the requested travellers; unknown or inactive ones are a 422 naming the row."""
    found = {e.id: e for e in session.scalars(select(RosterEmployee).where(
        RosterEmployee.id.in_([t["employee_id"] for t in items])))}
    errors = {}
    for i, item in enumerate(items):
        employee = found.get(item["employee_id"])
        if employee is None:
            errors[f"travellers.{i}.employee_id"] = "Pegawai tidak ditemukan."
        elif not employee.active:
            errors[f"travellers.{i}.employee_id"] = f"{employee.full_name} sudah tidak aktif."
    if errors:
        raise ValidationFailed("Pelaksana tidak valid.", errors)
    return [found[t["employee_id"]] for t in items]


def estimate_for(session: Session, data: dict, people: list[RosterEmployee]) -> dict:
    book = rates.rate_book(session, data["departure_date"].year)
    return estimate(book, category=data["category"], destinations=data["destinations"],
                    departure_date=data["departure_date"], return_date=data["return_date"],
                    transport=data["transport"],
                    travellers=[{"employee_id": p.id, "name": p.full_name, "cost_level": p.cost_level}
                                for p in people])


def estimate_draft(session: Session, data: dict) -> dict:
    return estimate_for(session, data, roster_travellers(session, data["travellers"]))


def _check_request(session: Session, identity: Identity, people: list[RosterEmployee], action: str) -> None:
    problem = access.request_problem(session, identity, people)
    if problem:
        deny(identity, action, problem)


def _follower(f: dict) -> dict:
    birth = f.get("birth_date")
    return {"name": f["name"], "birth_date": birth.isoformat() if isinstance(birth, date) else birth,
            "note": f.get("note")}


def _apply(session: Session, order: Order, data: dict, people: list[RosterEmployee]) -> None:
    with session.no_autoflush:
        est = estimate_for(session, data, people)
    for name in ("basis", "purpose", "origin", "destinations", "departure_date", "return_date", "category",
                 "transport", "budget_agency", "budget_account", "notes"):
        setattr(order, name, data.get(name))
    order.estimate, order.estimate_total = est, est["total"]
    by_id = {t["employee_id"]: t for t in est["travellers"]}
    followers = {t["employee_id"]: t.get("followers") or [] for t in data["travellers"]}
    if order.travellers:
        order.travellers.clear()
        session.flush()  # the old rows go before the new ones meet the unique (order, employee)
    for position, person in enumerate(people, start=1):
        order.travellers.append(OrderTraveller(
            position=position, employee_id=person.id, name=person.full_name, nip=person.nip,
            pangkat=person.pangkat, golongan=person.golongan or person.pppk_grade,
            position_name=person.position_name, unit_id=person.unit_id, unit_name=person.unit_name,
            rank=person.rank, cost_level=person.cost_level,
            followers=[_follower(f) for f in followers[person.id]],
            departure_date=data["departure_date"], return_date=data["return_date"], blocking=False,
            estimate=by_id[person.id], estimate_total=by_id[person.id]["total"]))


def _record(tx, identity: Identity, order: Order, from_status: str | None, to_status: str,
            note: str | None = None) -> None:
    tx.session.add(Transition(order_id=order.id, from_status=from_status, to_status=to_status,
                              actor_account_id=identity.account_id, actor_employee_id=identity.employee_id,
                              actor_username=actor_name(identity), note=note, at=utcnow()))


def create_order(tx, identity: Identity, data: dict) -> Order:
    session = tx.session
    people = roster_travellers(session, data["travellers"])
    _check_request(session, identity, people, "travel.create_order")
    requester = session.get(RosterEmployee, identity.employee_id) if identity.employee_id else None
    now = utcnow()
    order = Order(status="draft", requester_account_id=identity.account_id,
                  requester_employee_id=identity.employee_id,
                  requester_name=requester.full_name if requester else actor_name(identity),
                  unit_id=requester.unit_id if requester and not identity.is_admin else people[0].unit_id,
                  created_at=now, updated_at=now)
    _apply(session, order, data, people)
    session.add(order)
    session.flush()
    _record(tx, identity, order, None, "draft")
    return order


def order_input(order: Order) -> dict:
    """The stored order as ``OrderIn`` data (to merge a partial change into)."""
    return {
        "travellers": [{"employee_id": t.employee_id, "followers": t.followers or []} for t in order.travellers],
        "destinations": order.destinations, "departure_date": order.departure_date.isoformat(),
        "return_date": order.return_date.isoformat(), "category": order.category, "transport": order.transport,
        "basis": order.basis, "purpose": order.purpose, "origin": order.origin,
        "budget_agency": order.budget_agency, "budget_account": order.budget_account, "notes": order.notes,
    }


def update_order(tx, identity: Identity, order_id: int, load_merged) -> Order:
    """Change a draft. ``load_merged(current_input) -> validated data`` merges and validates the change."""
    session = tx.session
    order = visible_order(session, identity, order_id, "travel.update_order", for_update=True)
    if not (access.is_requester(identity, order) or identity.is_admin):
        deny(identity, "travel.update_order", "Hanya pengaju yang dapat mengubah perjalanan dinas ini.")
    _require_status(order, ("draft",), "diubah")
    data = load_merged(order_input(order))
    people = roster_travellers(session, data["travellers"])
    _check_request(session, identity, people, "travel.update_order")
    _apply(session, order, data, people)
    order.updated_at = utcnow()
    order.version += 1
    return order


# -- the workflow -------------------------------------------------------------------------------

def _require_status(order: Order, allowed: tuple, verb: str) -> None:
    if order.status not in allowed:
        raise Conflict(f"Perjalanan dinas berstatus {STATUS_LABEL[order.status]} tidak dapat {verb}.",
                       {"status": f"Status saat ini: {order.status}."})


def _move(tx, identity: Identity, order: Order, to_status: str, transition_note: str | None = None,
          **extra) -> Order:
    from_status = order.status
    order.status = to_status
    order.updated_at = utcnow()
    order.version += 1
    _record(tx, identity, order, from_status, to_status, transition_note)
    tx.session.flush()
    tx.emit(events.FOR_STATUS[to_status], views.event_data(order, **extra))
    return order


def _overlap_errors(session: Session, order: Order) -> dict:
    errors = {}
    for i, t in enumerate(order.travellers):
        clash = session.execute(
            select(Order.id, Order.number, OrderTraveller.departure_date, OrderTraveller.return_date)
            .join(Order, Order.id == OrderTraveller.order_id)
            .where(OrderTraveller.employee_id == t.employee_id, OrderTraveller.blocking,
                   OrderTraveller.order_id != order.id,
                   OrderTraveller.departure_date <= t.return_date, OrderTraveller.return_date >= t.departure_date)
            .limit(1)).first()
        if clash is not None:
            label = clash.number or f"#{clash.id}"
            errors[f"travellers.{i}.employee_id"] = (
                f"{t.name} sudah bertugas pada perjalanan dinas {label} "
                f"({clash.departure_date.isoformat()} s.d. {clash.return_date.isoformat()}).")
    return errors


def _check_travellers_active(session: Session, order: Order) -> None:
    roster_travellers(session, [{"employee_id": t.employee_id} for t in order.travellers])


def submit(tx, identity: Identity, order_id: int, note: str | None) -> Order:
    session = tx.session
    order = visible_order(session, identity, order_id, "travel.submit_order", for_update=True)
    if not (access.is_requester(identity, order) or identity.is_admin):
        deny(identity, "travel.submit_order", "Hanya pengaju yang dapat mengajukan perjalanan dinas ini.")
    _require_status(order, ("draft",), "diajukan")
    _check_travellers_active(session, order)
    errors = _overlap_errors(session, order)
    if errors:
        raise Conflict("Pelaksana sudah bertugas pada tanggal yang sama.", errors)
    return _move(tx, identity, order, "submitted", note, note=note)


def _require_approver(session: Session, identity: Identity, order: Order, action: str) -> None:
    problem = access.approval_problem(session, identity, order)
    if problem:
        deny(identity, action, problem)


def approve(tx, identity: Identity, order_id: int, note: str | None) -> Order:
    session = tx.session
    order = visible_order(session, identity, order_id, "travel.approve_order", for_update=True)
    _require_approver(session, identity, order, "travel.approve_order")
    _require_status(order, ("submitted",), "disetujui")
    _check_travellers_active(session, order)
    # Lock each traveller's roster row so concurrent approvals of the same person queue here;
    # the exclusion constraint settles anything that slips past.
    session.execute(select(RosterEmployee.id).where(
        RosterEmployee.id.in_(sorted(t.employee_id for t in order.travellers))).order_by(RosterEmployee.id)
        .with_for_update())
    errors = _overlap_errors(session, order)
    if errors:
        raise Conflict("Pelaksana sudah bertugas pada tanggal yang sama.", errors)
    for t in order.travellers:
        t.blocking = True
    try:
        session.flush()
    except IntegrityError as exc:
        if getattr(getattr(exc.orig, "diag", None), "constraint_name", None) == OVERLAP_CONSTRAINT:
            raise Conflict("Pelaksana sudah bertugas pada tanggal yang sama.",
                           {"travellers": "Salah satu pelaksana sudah bertugas pada tanggal yang sama."}) from exc
        raise
    order.approver_account_id, order.approver_employee_id = identity.account_id, identity.employee_id
    return _move(tx, identity, order, "approved", note, approved_by_employee_id=identity.employee_id, note=note)


def reject(tx, identity: Identity, order_id: int, reason: str) -> Order:
    session = tx.session
    order = visible_order(session, identity, order_id, "travel.reject_order", for_update=True)
    _require_approver(session, identity, order, "travel.reject_order")
    _require_status(order, ("submitted",), "ditolak")
    return _move(tx, identity, order, "rejected", reason, reason=reason)


def issue(tx, identity: Identity, order_id: int) -> Order:
    """Number the SPT and every SPPD, make the verification token. Numbers come from counters locked in
    this transaction: no gaps, no duplicates under concurrent issuing."""
    session = tx.session
    order = visible_order(session, identity, order_id, "travel.issue_order", for_update=True)
    if not identity.is_admin:
        _require_approver(session, identity, order, "travel.issue_order")
    _require_status(order, ("approved",), "diterbitkan")
    now = utcnow()
    day = wita_day(now)
    unit_code = roster.unit_code(session, order.unit_id)
    spt = numbering.next_number(session, "spt", unit_code, day)
    order.number, order.number_scope, order.number_seq = spt.number, spt.scope, spt.seq
    for t in order.travellers:
        sppd = numbering.next_number(session, "sppd", unit_code, day)
        t.sppd_number, t.sppd_scope, t.sppd_seq = sppd.number, sppd.scope, sppd.seq
    order.issued_at, order.issued_date = now, day
    order.verify_token = secrets.token_urlsafe(24)
    return _move(tx, identity, order, "issued", None, issued_at=now.isoformat(), issued_date=day.isoformat(),
                 verify_url=views.verify_url(order.verify_token))


def cancel(tx, identity: Identity, order_id: int, reason: str) -> Order:
    session = tx.session
    order = visible_order(session, identity, order_id, "travel.cancel_order", for_update=True)
    _require_status(order, CANCELLABLE, "dibatalkan")
    if order.status in ("draft", "submitted") and access.is_requester(identity, order):
        pass
    elif not identity.is_admin and access.approval_problem(session, identity, order):
        deny(identity, "travel.cancel_order", "Anda tidak berwenang membatalkan perjalanan dinas ini.")
    from_status = order.status
    for t in order.travellers:
        t.blocking = False
    order.cancel_reason = reason
    return _move(tx, identity, order, "cancelled", reason, from_status=from_status, reason=reason)


def _require_participant(identity: Identity, order: Order, action: str, message: str) -> None:
    if not (access.is_requester(identity, order) or access.is_traveller(identity, order) or identity.is_admin):
        deny(identity, action, message)


def complete(tx, identity: Identity, order_id: int, note: str | None) -> Order:
    session = tx.session
    order = visible_order(session, identity, order_id, "travel.complete_order", for_update=True)
    _require_participant(identity, order, "travel.complete_order",
                         "Hanya pengaju atau pelaksana yang dapat menyelesaikan perjalanan dinas ini.")
    _require_status(order, ("issued",), "diselesaikan")
    report = session.get(TripReport, order.id)
    if report is None:
        raise ValidationFailed("Laporan perjalanan dinas belum ada.", {
            "report": "Unggah laporan perjalanan dinas sebelum menyelesaikan."})
    return _move(tx, identity, order, "completed", note, report_summary=report.summary)


def _store_attachment(session: Session, order: Order, kind: str, item: dict, line_id: int | None = None):
    content = item["content_b64"]
    session.add(Attachment(order_id=order.id, kind=kind, line_id=line_id, filename=item["filename"],
                           content_type=item["content_type"], size=len(content),
                           sha256=hashlib.sha256(content).hexdigest(), content=content))


def file_report(tx, identity: Identity, order_id: int, data: dict) -> Order:
    """File (or replace, until completion) the trip report with its attachments."""
    session = tx.session
    order = visible_order(session, identity, order_id, "travel.file_report", for_update=True)
    _require_participant(identity, order, "travel.file_report",
                         "Hanya pengaju atau pelaksana yang dapat mengunggah laporan.")
    _require_status(order, ("issued",), "diberi laporan")
    session.execute(delete(Attachment).where(Attachment.order_id == order.id, Attachment.kind == "report"))
    report = session.get(TripReport, order.id)
    if report is None:
        report = TripReport(order_id=order.id)
        session.add(report)
    report.summary, report.filed_by_account_id, report.filed_at = data["summary"], identity.account_id, utcnow()
    for item in data["attachments"]:
        _store_attachment(session, order, "report", item)
    order.updated_at = utcnow()
    session.flush()
    return order


def realize(tx, identity: Identity, order_id: int, data: dict) -> Order:
    """Record the actual costs (with receipts) of a completed trip and close it."""
    session = tx.session
    order = visible_order(session, identity, order_id, "travel.realize_order", for_update=True)
    _require_participant(identity, order, "travel.realize_order",
                         "Hanya pengaju atau pelaksana yang dapat mencatat realisasi.")
    _require_status(order, ("completed",), "direalisasikan")
    travellers = {t.employee_id for t in order.travellers}
    errors = {f"lines.{i}.employee_id": "Bukan pelaksana perjalanan dinas ini."
              for i, line in enumerate(data["lines"])
              if line.get("employee_id") is not None and line["employee_id"] not in travellers}
    if errors:
        raise ValidationFailed("Rincian realisasi tidak valid.", errors)
    session.execute(delete(RealizationLine).where(RealizationLine.order_id == order.id))
    out_lines = []
    for item in data["lines"]:
        line = RealizationLine(order_id=order.id, employee_id=item.get("employee_id"), category=item["category"],
                               description=item["description"], amount=item["amount"])
        session.add(line)
        session.flush()
        for receipt in item["receipts"]:
            _store_attachment(session, order, "receipt", receipt, line.id)
        out_lines.append({"employee_id": line.employee_id, "category": line.category,
                          "description": line.description, "amount": line.amount,
                          "receipt_count": len(item["receipts"])})
    order.realized_total = sum(line["amount"] for line in out_lines)
    return _move(tx, identity, order, "realized", None, fiscal_year=order.departure_date.year,
                 budget_agency=order.budget_agency, budget_account=order.budget_account,
                 realized_total=order.realized_total, lines=out_lines)


# -- sheet II, attachments, verification --------------------------------------------------------

def record_leg(tx, identity: Identity, order_id: int, data: dict) -> Leg:
    """The caller arrives at / leaves a stop on their own SPPD; the server's clock decides the time."""
    session = tx.session
    order = visible_order(session, identity, order_id, "travel.record_leg", for_update=True)
    mine = next((t for t in order.travellers if identity.employee_id and t.employee_id == identity.employee_id),
                None)
    if mine is None:
        deny(identity, "travel.record_leg", "Hanya pelaksana yang dapat mengisi SPPD lembar II miliknya.")
    _require_status(order, ("issued",), "diisi lembar II-nya")
    leg = Leg(traveller_id=mine.id, kind=data["kind"], place=data["place"], latitude=data.get("latitude"),
              longitude=data.get("longitude"), accuracy_m=data.get("accuracy"), recorded_at=utcnow(),
              recorded_by=identity.account_id)
    session.add(leg)
    session.flush()
    return leg


def get_attachment(session: Session, identity: Identity, attachment_id: int) -> Attachment:
    attachment = session.scalar(select(Attachment).where(Attachment.id == attachment_id))
    if attachment is None:
        raise NotFound("Lampiran tidak ditemukan.")
    visible_order(session, identity, attachment.order_id, "travel.get_attachment")
    return attachment


def verify_letter(session: Session, token) -> dict:
    """What anyone holding a letter's QR code may learn: enough to tell a genuine letter from a forgery."""
    if not isinstance(token, str) or not _TOKEN_RE.match(token):
        raise NotFound("Surat tidak ditemukan.")
    order = session.scalar(select(Order).where(Order.verify_token == token)
                           .options(selectinload(Order.travellers)))
    if order is None:
        raise NotFound("Surat tidak ditemukan.")
    return {
        "kind": "SPT/SPPD",
        "number": order.number,
        "travellers": [t.name for t in order.travellers],
        "destination": "; ".join(f"{d['city']}, {PROVINCES.get(d['province_code'], d['province_code'])}"
                                 for d in order.destinations),
        "departure_date": order.departure_date.isoformat(),
        "return_date": order.return_date.isoformat(),
        "status": order.status,
        "valid": order.status != "cancelled",
        "issued_date": order.issued_date.isoformat() if order.issued_date else None,
    }


def lock_advisory(session: Session, key: int) -> None:
    session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
