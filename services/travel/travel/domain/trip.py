"""The trip itself: sheet II legs, the trip report, the realization of actual costs, their files, and what a
letter's QR code tells anyone.
"""
from __future__ import annotations

import hashlib

from situok_kit import uploads
from situok_kit.errors import NotFound, ValidationFailed
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from ..models import Attachment, Leg, Order, RealizationLine, TripReport, utcnow
from ..schemas import LETTER_TOKEN
from . import access, claims, letters, rates, reading, settings
from .commands import move, take
from .common import View


def record_leg(tx, caller: access.Caller, order_id: int, data: dict) -> Leg:
    """The caller arrives at / leaves a stop on their own SPPD; the server's clock decides the time."""
    order, _ = take(tx, caller, order_id, "record_leg", "travel.record_leg")
    mine = next(t for t in order.travellers if t.employee_id == caller.identity.employee_id)
    leg = Leg(traveller_id=mine.id, kind=data["kind"], place=data["place"], latitude=data.get("latitude"),
              longitude=data.get("longitude"), accuracy_m=data.get("accuracy"), recorded_at=utcnow(),
              recorded_by=caller.identity.account_id)
    tx.session.add(leg)
    tx.session.flush()
    return leg


#: What a report attachment or receipt may be, judged by its content (``uploads.sniff``), whatever it is declared as.
ATTACHMENT_KINDS = frozenset({"jpeg", "png", "webp", "heic", "pdf", "docx", "text"})
#: The longer side (pixels) a re-encoded photo keeps.
MAX_IMAGE_PX = 2560


def checked_file(item: dict, field: str) -> dict:
    """An uploaded file (``filename``, ``content_type``, ``content_b64``) as it is kept: its kind read from its
    content (a 422 naming ``field`` when not an allowed kind), photos re-encoded without metadata, labelled with
    the type it really is and a safe ASCII name. HEIC is kept as sent (Pillow cannot decode it); it is only ever
    served back as a download."""
    content = item["content_b64"]
    kind = uploads.require_kind(content, ATTACHMENT_KINDS, field, declared=item["content_type"])
    if kind in uploads.IMAGE_KINDS:
        content = uploads.reencode_image(content, MAX_IMAGE_PX, field)
    return {"filename": uploads.safe_filename(item["filename"], kind)[:200],
            "content_type": uploads.CONTENT_TYPES[kind], "content_b64": content}


def _store_attachment(session: Session, order: Order, kind: str, item: dict,
                      line_id: int | None = None) -> Attachment:
    content = item["content_b64"]
    attachment = Attachment(order_id=order.id, kind=kind, line_id=line_id, filename=item["filename"],
                            content_type=item["content_type"], size=len(content),
                            sha256=hashlib.sha256(content).hexdigest(), content=content)
    session.add(attachment)
    return attachment


def file_report(tx, caller: access.Caller, order_id: int, data: dict) -> Order:
    """File (or replace, until completion) the trip report with its attachments."""
    session = tx.session
    order, _ = take(tx, caller, order_id, "report", "travel.file_report")
    files = [checked_file(item, f"attachments.{i}.content_b64") for i, item in enumerate(data["attachments"])]
    session.execute(delete(Attachment).where(Attachment.order_id == order.id, Attachment.kind == "report"))
    report = session.get(TripReport, order.id)
    if report is None:
        report = TripReport(order_id=order.id)
        session.add(report)
    report.summary, report.filed_by_account_id, report.filed_at = (data["summary"], caller.identity.account_id,
                                                                   utcnow())
    for item in files:
        _store_attachment(session, order, "report", item)
    order.updated_at = utcnow()
    session.flush()
    return order


def _budget_line(order: Order, data: dict) -> dict:
    """The structured budget line charged: the realization's codes, else the order's; a 422 when neither."""
    codes = {name: data.get(name) or getattr(order, name) for name in ("sub_activity_code", "account_code")}
    missing = {name: "Wajib diisi: keuangan menyusun SPJ pada baris anggaran ini." for name, value in codes.items()
               if not value}
    if missing:
        raise ValidationFailed("Baris anggaran yang dibebani belum diisi.", missing)
    return codes


def _claimed(order: Order, data: dict) -> list[dict]:
    """The lines as claimed: quantity, rate and amount made whole (quantity × rate = amount) and each one's kind."""
    out = []
    for item in data["lines"]:
        quantity = item.get("quantity") or 1
        rate = item["rate"] if item.get("rate") is not None else item["amount"]
        out.append({**item, "quantity": quantity, "rate": rate, "amount": quantity * rate,
                    "receipt_count": len(item["receipts"]),
                    "kind": claims.cost_kind(item["category"], len(item["receipts"]))})
    return out


def realize(tx, caller: access.Caller, order_id: int, data: dict) -> Order:
    """Record the actual costs (with receipts) of a completed trip and close it: each traveller's costs as
    quantity × rate within the rate table (``domain.claims``), their advances, the budget line charged and the
    configured signers — all that finance's travel SPJ needs (``travel.order_realized``)."""
    session = tx.session
    order, step = take(tx, caller, order_id, "realize", "travel.realize_order")
    receipts = [[checked_file(r, f"lines.{i}.receipts.{j}.content_b64") for j, r in enumerate(line["receipts"])]
                for i, line in enumerate(data["lines"])]
    travellers = {t.employee_id: t for t in order.travellers}
    errors = {f"lines.{i}.employee_id": "Bukan pelaksana perjalanan dinas ini."
              for i, line in enumerate(data["lines"]) if line["employee_id"] not in travellers}
    errors.update({f"advances.{i}.employee_id": "Bukan pelaksana perjalanan dinas ini."
                   for i, advance in enumerate(data["advances"]) if advance["employee_id"] not in travellers})
    if errors:
        raise ValidationFailed("Rincian realisasi tidak valid.", errors)
    codes = _budget_line(order, data)
    claimed = _claimed(order, data)
    config = settings.letters(session)
    errors = claims.problems(rates.rate_book(session, order.departure_date.year),
                             province=order.destinations[0]["province_code"], category=order.category,
                             days=(order.return_date - order.departure_date).days + 1,
                             levels={t.employee_id: t.cost_level for t in order.travellers}, lines=claimed,
                             lodging_without_receipt_percent=config.lodging_without_receipt_percent)
    if errors:
        raise ValidationFailed("Biaya yang diklaim melampaui tabel tarif.", errors)
    order.sub_activity_code, order.account_code = codes["sub_activity_code"], codes["account_code"]
    order.signers = settings.signers(session)
    advances = {a["employee_id"]: a["amount"] for a in data["advances"]}
    for t in order.travellers:
        t.advance_paid = advances.get(t.employee_id, 0)
    session.execute(delete(RealizationLine).where(RealizationLine.order_id == order.id))
    lines = []
    for item, files in zip(claimed, receipts, strict=True):
        line = RealizationLine(order_id=order.id, employee_id=item["employee_id"], category=item["category"],
                               kind=item["kind"], description=item["description"], quantity=item["quantity"],
                               rate=item["rate"], amount=item["amount"])
        session.add(line)
        session.flush()
        stored = [_store_attachment(session, order, "receipt", receipt, line.id) for receipt in files]
        session.flush()
        lines.append(View(line, receipt_count=len(stored), receipts=stored))
    order.realized_total = sum(line.amount for line in lines)
    advance_total = sum(advances.values())
    return move(tx, caller, order, step, lines=lines, advances=[
        {"employee_id": t.employee_id, "amount": t.advance_paid} for t in order.travellers],
        advance_paid=advance_total, balance=order.realized_total - advance_total)


def get_attachment(session: Session, caller: access.Caller, attachment_id: int) -> Attachment:
    """A report attachment or receipt, to whoever sees its order."""
    attachment = session.scalar(select(Attachment).where(Attachment.id == attachment_id))
    if attachment is None:
        raise NotFound("Lampiran tidak ditemukan.")
    reading.visible_order(session, caller, attachment.order_id, "travel.get_attachment")
    return attachment


def verify_letter(session: Session, token) -> View:
    """What anyone holding a letter's QR code may learn (``LetterVerificationOut``): enough to tell a genuine
    letter from a forgery."""
    if not isinstance(token, str) or not LETTER_TOKEN.match(token):
        raise NotFound("Surat tidak ditemukan.")
    order = session.scalar(select(Order).where(Order.verify_token == token)
                           .options(selectinload(Order.travellers)))
    if order is None:
        raise NotFound("Surat tidak ditemukan.")
    return View(order, kind="SPT/SPPD", travellers=[t.name for t in order.travellers],
                destination=letters.destination(order), valid=order.status != "cancelled")
