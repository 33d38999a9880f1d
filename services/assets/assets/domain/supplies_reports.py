"""The semester persediaan report (laporan persediaan semesteran) and the files of the stock card and the report.

Per item, from the stock card (one grouped query over ``supply_movements``): the opening balance (everything
before the semester's first day), receipts, issues and stock-opname adjustments (net: surplus − shortage) in the
semester, and the closing balance = opening + receipts − issues + adjustments — quantities and values (FIFO:
each movement carries the value of the lot it touched). Semester 1 is January–June, 2 July–December.

Items listed: every active item, and any other item with a balance or a movement up to the semester's end.
The PDF (A4 landscape, kop surat) is signed by the pengurus barang (the settings' ``pengurus_barang_employee_id``,
from the roster copy; else the employee positioned Pengurus Barang) with "Mengetahui" the Kepala Biro (the head
of the roster copy's top unit).
"""
from __future__ import annotations

import base64
from datetime import date

from situok_kit.letters.data import Signer
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..documents import supplies as documents
from ..models import SupplyItem, SupplyMovement
from . import settings, supplies
from . import signers as signing

SUMS = ("opening_qty", "opening_value", "received_qty", "received_value", "issued_qty", "issued_value",
        "adjusted_qty", "adjusted_value", "closing_qty", "closing_value")


def period(year: int, semester: int) -> tuple[date, date]:
    return (date(year, 1, 1), date(year, 6, 30)) if semester == 1 else (date(year, 7, 1), date(year, 12, 31))


def semester_report(session: Session, year: int, semester: int) -> dict:
    """``SupplyReportOut``."""
    start, end = period(year, semester)
    M = SupplyMovement
    before = M.moved_on < start
    inside = M.moved_on.between(start, end)

    def total(column, *conditions):
        return func.coalesce(func.sum(column).filter(*conditions), 0)

    sums = (select(M.item_id,
                   total(M.qty_in - M.qty_out, before).label("opening_qty"),
                   total(M.value_in - M.value_out, before).label("opening_value"),
                   total(M.qty_in, inside, M.kind == "receipt").label("received_qty"),
                   total(M.value_in, inside, M.kind == "receipt").label("received_value"),
                   total(M.qty_out, inside, M.kind == "issue").label("issued_qty"),
                   total(M.value_out, inside, M.kind == "issue").label("issued_value"),
                   total(M.qty_in - M.qty_out, inside, M.kind.in_(("adjustment_in", "adjustment_out")))
                   .label("adjusted_qty"),
                   total(M.value_in - M.value_out, inside, M.kind.in_(("adjustment_in", "adjustment_out")))
                   .label("adjusted_value"))
            .where(M.moved_on <= end).group_by(M.item_id).subquery())
    rows = session.execute(
        select(SupplyItem, sums).outerjoin(sums, sums.c.item_id == SupplyItem.id)
        .where(or_(SupplyItem.active, sums.c.item_id.isnot(None)))
        .order_by(func.coalesce(SupplyItem.account_code, ""), SupplyItem.code)).all()
    out = []
    for row in rows:
        item = row[0]
        values = {key: int(getattr(row, key) or 0) for key in SUMS[:8]}
        values["closing_qty"] = (values["opening_qty"] + values["received_qty"] - values["issued_qty"]
                                 + values["adjusted_qty"])
        values["closing_value"] = (values["opening_value"] + values["received_value"] - values["issued_value"]
                                   + values["adjusted_value"])
        out.append({"item_id": item.id, "code": item.code, "name": item.name, "unit": item.unit,
                    "account_code": item.account_code, **values})
    totals = {"item_id": 0, "code": "", "name": "Jumlah", "unit": "", "account_code": None,
              **{key: sum(r[key] for r in out) for key in SUMS}}
    return {"year": year, "semester": semester, "period_start": start, "period_end": end, "rows": out,
            "totals": totals}


def signers(session: Session) -> tuple[Signer, Signer]:
    """(Mengetahui: the Kepala Biro — the head of the roster copy's top unit, the pengurus barang — the
    settings' ``pengurus_barang_employee_id``, else the employee positioned Pengurus Barang); an unknown person
    prints as a blank line to sign on."""
    head = signing.bureau_head_employee(session)
    return (signing.signer_of(head, (head.position_name if head else None) or "Kepala Biro"),
            signing.signer_of(settings.pengurus_barang(session), "Pengurus Barang"))


def _answer(rendered: dict) -> dict:
    return {"filename": rendered["filename"], "content_type": rendered["content_type"],
            "content_b64": base64.b64encode(rendered["content"]).decode()}


def report_document(session: Session, year: int, semester: int, fmt: str, bureau: str | None = None) -> dict:
    report = semester_report(session, year, semester)
    bureau = bureau or settings.current(session).bureau_name
    return _answer(documents.render(documents.report_printable(report, bureau, signers(session)), fmt))


def stock_card_document(session: Session, item_id: int, date_from: date | None, date_to: date | None,
                        fmt: str) -> dict:
    card = supplies.stock_card(session, item_id, date_from, date_to, limit=None)
    bureau = settings.current(session).bureau_name
    return _answer(documents.render(documents.card_printable(card, bureau, signers(session)), fmt))
