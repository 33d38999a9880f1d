"""The monthly accountability report (Laporan Pertanggungjawaban Bendahara Pengeluaran — SPJ administratif/
fungsional) and the printable books.

The report for a month, read from the same postings as the BKU:

* per budget line (sub-kegiatan, kode rekening, uraian): the ceiling (pagu), SPJ realized up to last month,
  this month, up to this month, and what remains of the ceiling (``books.account_lines``: one grouped query);
  the columns' totals;
* the cash summary: receipts (SP2D UP, SP2D GU, each tax withheld, advances settled) and expenditures (SPJ
  spending, each tax deposited, advances given, UP returned) up to last month, this month and up to this month
  (one grouped query); transfers between cash and bank move money inside the treasury and are in neither;
  the balance at the start and at the end of the month, and how much of it is cash and how much in the bank.

So: receipts to date − expenditures to date = the balance at the end of the month = cash + bank.

``document`` prints the report, the BKU or a subsidiary book (``documents.books``) with the signature blocks
of the PA/KPA ("Mengetahui") and the Bendahara Pengeluaran, from the roster copy: the bendahara is the caller
when they are one, else whoever closed the month; the PA/KPA is the employee named, else the head of the
bureau (the active employee of the root unit whose position starts with "Kepala").
"""
from __future__ import annotations

from datetime import date, timedelta

from situok_kit.errors import NotFound
from situok_kit.letters.data import Signer
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..documents import books as docs
from ..models import CashPosting, MonthClosing, RosterEmployee, RosterUnit
from . import books
from .access import Caller
from .books import TAX_KINDS, TAX_LABELS

P = CashPosting

#: The cash summary's rows: (code, posting kind, tax kind or None, label); receipts count debits, expenditures
#: credits. Tax rows are added per tax kind.
RECEIPTS = (("sp2d_up", "up_receipt", "Penerimaan SP2D UP"),
            ("sp2d_gu", "gu_replenishment", "Penerimaan SP2D GU (penggantian UP)"),
            ("tax_withheld", "tax_withheld", "Potongan pajak"),
            ("advance_settled", "advance_settled", "Pengembalian/pertanggungjawaban panjar"))
EXPENDITURES = (("spj", "spj_payment", "Belanja (SPJ UP/GU)"),
                ("tax_deposit", "tax_deposit", "Penyetoran pajak"),
                ("advance_given", "advance_given", "Pemberian panjar"),
                ("up_return", "up_return", "Pengembalian sisa UP"))
PA_KPA = "Pengguna Anggaran/\nKuasa Pengguna Anggaran"
BENDAHARA = "Bendahara Pengeluaran"


def _row(code: str, label: str, before: int, this_month: int) -> dict:
    return {"code": code, "label": label, "before": before, "this_month": this_month,
            "to_date": before + this_month}


def _sum_rows(code: str, label: str, rows: list[dict]) -> dict:
    return _row(code, label, sum(r["before"] for r in rows), sum(r["this_month"] for r in rows))


def _movements(session: Session, fiscal_year: int, month: int) -> dict[tuple[str, str | None], tuple]:
    """Per (kind, tax kind): debits and credits before the month and in it (one grouped query)."""
    before, this = P.month < month, P.month == month
    rows = session.execute(
        select(P.kind, P.tax_kind,
               func.coalesce(func.sum(P.debit).filter(before), 0), func.coalesce(func.sum(P.debit).filter(this), 0),
               func.coalesce(func.sum(P.credit).filter(before), 0), func.coalesce(func.sum(P.credit).filter(this), 0))
        .where(P.fiscal_year == fiscal_year, P.month <= month)
        .group_by(P.kind, P.tax_kind)).all()
    return {(r[0], r[1]): tuple(int(x) for x in r[2:]) for r in rows}


def _summary_rows(moves: dict, spec: tuple, receipts: bool) -> list[dict]:
    taxes = sorted({tax for (kind, tax) in moves if tax} - set(TAX_KINDS))
    out = []
    for code, kind, label in spec:
        if kind in ("tax_withheld", "tax_deposit"):
            for tax in (*TAX_KINDS, *taxes):
                amounts = moves.get((kind, tax), (0, 0, 0, 0))
                pair = amounts[:2] if receipts else amounts[2:]
                out.append(_row(f"{code}_{tax}", f"{label} {TAX_LABELS.get(tax, tax.upper())}", *pair))
            continue
        pairs = [amounts[:2] if receipts else amounts[2:] for (k, _), amounts in moves.items() if k == kind]
        out.append(_row(code, label, sum(p[0] for p in pairs), sum(p[1] for p in pairs)))
    return out


def accountability_report(session: Session, fiscal_year: int, month: int) -> dict:
    """``CashReportOut`` of the month."""
    lines = books.account_lines(session, fiscal_year, month, month)
    totals = {key: sum(line[key] for line in lines)
              for key in ("ceiling", "before", "this_period", "to_date", "remaining")}
    moves = _movements(session, fiscal_year, month)
    receipts = _summary_rows(moves, RECEIPTS, receipts=True)
    expenditures = _summary_rows(moves, EXPENDITURES, receipts=False)
    receipts_total = _sum_rows("receipts", "Jumlah penerimaan", receipts)
    expenditures_total = _sum_rows("expenditures", "Jumlah pengeluaran", expenditures)
    media = books.medium_balances(session, fiscal_year, month)
    opening = books.medium_balances(session, fiscal_year, month - 1) if month > 1 else {"cash": 0, "bank": 0}
    closed = session.scalar(select(MonthClosing.id).where(MonthClosing.fiscal_year == fiscal_year,
                                                          MonthClosing.month == month)) is not None
    return {"fiscal_year": fiscal_year, "month": month, "month_name": books.month_name(month), "closed": closed,
            "lines": lines, "totals": totals, "receipts": receipts, "receipts_total": receipts_total,
            "expenditures": expenditures, "expenditures_total": expenditures_total,
            "balance": {"opening": opening["cash"] + opening["bank"], "cash": media["cash"], "bank": media["bank"],
                        "total": media["cash"] + media["bank"]}}


# -- printing ------------------------------------------------------------------------------------------

def _signer(employee: RosterEmployee | None, position: str) -> Signer:
    if employee is None:
        return Signer(position=position, name="")
    return Signer(position=position, name=employee.full_name or employee.name, nip=employee.nip)


def signers(session: Session, caller: Caller, fiscal_year: int, month: int | None,
            pa_kpa_employee_id: int | None = None) -> tuple[Signer, Signer]:
    """(PA/KPA, Bendahara Pengeluaran) for the books of the month (or the year)."""
    if pa_kpa_employee_id is not None:
        head = session.get(RosterEmployee, pa_kpa_employee_id)
        if head is None:
            raise NotFound("Pegawai penanda tangan PA/KPA tidak ditemukan.")
    else:
        head = session.scalars(
            select(RosterEmployee).join(RosterUnit, RosterUnit.id == RosterEmployee.unit_id)
            .where(RosterUnit.parent_id.is_(None), RosterEmployee.active,
                   RosterEmployee.position_name.ilike("Kepala%"))
            .order_by(RosterEmployee.id).limit(1)).first()
    treasurer = None
    if caller.is_treasurer and caller.employee_id:
        treasurer = session.get(RosterEmployee, caller.employee_id)
    if treasurer is None:
        closer = session.scalar(
            select(MonthClosing.closed_by_employee_id)
            .where(MonthClosing.fiscal_year == fiscal_year, MonthClosing.closed_by_employee_id.is_not(None),
                   *((MonthClosing.month == month,) if month else ()))
            .order_by(MonthClosing.month.desc()).limit(1))
        treasurer = session.get(RosterEmployee, closer) if closer else None
    return _signer(head, PA_KPA), _signer(treasurer, BENDAHARA)


def last_day(fiscal_year: int, month: int) -> date:
    return (date(fiscal_year + 1, 1, 1) if month == 12 else date(fiscal_year, month + 1, 1)) - timedelta(days=1)


def document(session: Session, caller: Caller, fiscal_year: int, kind: str, month: int | None, fmt: str,
             line_id: int | None = None, pa_kpa_employee_id: int | None = None) -> dict:
    """``BooksDocumentOut``: the report (``lpj``), the BKU or a subsidiary book of the month (or the year) as
    PDF or XLSX."""
    books.require_reader(caller)
    first, last = (month, month) if month else (1, 12)
    signed = signers(session, caller, fiscal_year, month, pa_kpa_employee_id)
    period = docs.Period(fiscal_year, month, date(fiscal_year, first, 1), last_day(fiscal_year, last))
    if kind == "lpj":
        printable = docs.report_printable(accountability_report(session, fiscal_year, month), period, signed)
    elif kind == "bku":
        page = books.bku(session, fiscal_year, first, last, limit=None)
        printable = docs.book_printable("bku", page, period, signed,
                                        media=books.medium_balances(session, fiscal_year, last))
    else:
        page = books.subsidiary_book(session, fiscal_year, kind, month, line_id=line_id, limit=None)
        printable = docs.book_printable(kind, page, period, signed)
    return docs.render(printable, fmt)
