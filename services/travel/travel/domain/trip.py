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
from . import access, letters, reading
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


def _store_attachment(session: Session, order: Order, kind: str, item: dict, line_id: int | None = None) -> None:
    content = item["content_b64"]
    session.add(Attachment(order_id=order.id, kind=kind, line_id=line_id, filename=item["filename"],
                           content_type=item["content_type"], size=len(content),
                           sha256=hashlib.sha256(content).hexdigest(), content=content))


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


def realize(tx, caller: access.Caller, order_id: int, data: dict) -> Order:
    """Record the actual costs (with receipts) of a completed trip and close it."""
    session = tx.session
    order, step = take(tx, caller, order_id, "realize", "travel.realize_order")
    receipts = [[checked_file(r, f"lines.{i}.receipts.{j}.content_b64") for j, r in enumerate(line["receipts"])]
                for i, line in enumerate(data["lines"])]
    travellers = {t.employee_id for t in order.travellers}
    errors = {f"lines.{i}.employee_id": "Bukan pelaksana perjalanan dinas ini."
              for i, line in enumerate(data["lines"])
              if line.get("employee_id") is not None and line["employee_id"] not in travellers}
    if errors:
        raise ValidationFailed("Rincian realisasi tidak valid.", errors)
    session.execute(delete(RealizationLine).where(RealizationLine.order_id == order.id))
    lines = []
    for item, files in zip(data["lines"], receipts, strict=True):
        line = RealizationLine(order_id=order.id, employee_id=item.get("employee_id"), category=item["category"],
                               description=item["description"], amount=item["amount"])
        session.add(line)
        session.flush()
        for receipt in files:
            _store_attachment(session, order, "receipt", receipt, line.id)
        lines.append(View(line, receipt_count=len(item["receipts"])))
    order.realized_total = sum(line.amount for line in lines)
    return move(tx, caller, order, step, lines=lines)


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
