"""The books: the treasurer's own postings, and the BKU (Buku Kas Umum) and its subsidiary books read from the
same rows of ``cash_postings``.

**Posting** (``post_cash``, bendahara only) — each kind by its rule (``RULES``), written through
``postings.post`` (gap-free numbering, closed months refused):

* ``up_receipt``: the year's uang persediaan received (receipt, bank; once a year, the SP2D number as
  reference — the database keeps it to one);
* ``gu_replenishment``: UP replenished through GU (receipt, bank; after the UP receipt; SP2D number);
* ``bank_to_cash`` / ``cash_to_bank``: a withdrawal from or deposit into the bank: two postings of the same
  kind, an expenditure of the medium it leaves and a receipt of the one it enters;
* ``advance_given``: a panjar handed to an implementer (expenditure, cash by default; its number as
  reference, unique in the year);
* ``advance_settled``: a panjar accounted for or returned (receipt; the number of an advance given, at most
  what is still outstanding on it, not before it was given);
* ``up_return``: what is left of the UP paid back at the end of the year (expenditure, bank; after the UP
  receipt).

An expenditure of the treasurer's never takes its medium below zero on its date or on any later date of the
year. A date after today (WITA) is refused.

**Reading** — every book is the year's rows that belong to it, in date order (then BKU number), with the
running balance computed by a window function over the year (so a book for a month range opens with what the
months before left), filtered to the period and keyset-paginated on ``(posted_on, seq)``:

* BKU: every posting, balance = receipts − expenditures; ``kas_tunai``/``bank``: one medium's;
* ``pajak``: tax withheld (receipt) and deposited (expenditure), balance = not yet deposited, per tax kind;
* ``panjar``: advances given and settled, balance = outstanding advances, per advance;
* ``rekening`` (rincian objek): SPJ payments charged to budget lines, balance = realized on that line so far
  (per line), with each line's ceiling, realized before and in the period, and remaining.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from situok_contracts.events import Finance
from situok_kit.errors import Conflict, NotFound, ValidationFailed
from situok_kit.letters.formatting import MONTHS_ID, format_date_id, format_rupiah
from situok_kit.pagination import decode_cursor, encode_cursor
from situok_kit.workflow import Step, Workflow
from sqlalchemy import ColumnElement, and_, func, literal, select, tuple_
from sqlalchemy.orm import Session

from ..models import BudgetLine, CashPosting
from . import postings
from .access import Caller
from .capabilities import capabilities

P = CashPosting

CASH_KINDS = ("up_receipt", "gu_replenishment", "bank_to_cash", "cash_to_bank", "advance_given",
              "advance_settled", "up_return")
BOOKS = ("kas_tunai", "bank", "pajak", "panjar", "rekening")
#: Printable books (``books_document(kind=...)``): the monthly report, the BKU and each subsidiary book.
DOCUMENT_KINDS = ("lpj", "bku") + BOOKS
DOCUMENT_FORMATS = ("pdf", "xlsx")
TAX_KINDS = ("ppn", "pph21", "pph22", "pph23")
TAX_LABELS = {"ppn": "PPN", "pph21": "PPh Pasal 21", "pph22": "PPh Pasal 22", "pph23": "PPh Pasal 23"}
MEDIUM_LABELS = {"cash": "kas tunai", "bank": "bank"}
KIND_LABELS = {
    "up_receipt": "Penerimaan UP", "gu_replenishment": "Penggantian UP (GU)", "spj_payment": "Pembayaran SPJ",
    "tax_withheld": "Potongan pajak", "tax_deposit": "Penyetoran pajak", "advance_given": "Pemberian panjar",
    "advance_settled": "Pertanggungjawaban panjar", "cash_to_bank": "Setoran kas tunai ke bank",
    "bank_to_cash": "Penarikan bank ke kas tunai", "up_return": "Pengembalian sisa UP",
}
ADVANCE_KINDS = ("advance_given", "advance_settled")
TAX_POSTING_KINDS = ("tax_withheld", "tax_deposit")
TRANSFERS = {"bank_to_cash": ("bank", "cash"), "cash_to_bank": ("cash", "bank")}
NOT_KEEPER = "Hanya bendahara pengeluaran yang dapat membukukan dan menutup buku."
NOT_READER = "Anda tidak berwenang melihat buku kas bendahara."

#: A month of a year's books: ``open`` until the bendahara closes it (``domain.closing`` applies the table and
#: supplies the guards: the month before is closed, the month is over).
MONTH_STATES = ("open", "closed")
MONTH = Workflow("bulan buku", [
    Step("close", ("open",), "closed", who=("treasurer",), event=Finance.MONTH_CLOSED,
         requires=("previous_closed", "month_over"), denied=NOT_KEEPER),
], labels={"open": "terbuka", "closed": "ditutup"})


@dataclass(frozen=True)
class Rule:
    """How one kind of the treasurer's posting is booked: its side, the media it may use (the first is the
    default), whether it needs a reference, and the facts it needs first."""

    side: str                      # "debit" (receipt) or "credit" (expenditure)
    media: tuple[str, ...]
    reference: bool = False
    after_up: bool = False         # needs the year's UP receipt on or before its date


RULES = {
    "up_receipt": Rule("debit", ("bank",), reference=True),
    "gu_replenishment": Rule("debit", ("bank",), reference=True, after_up=True),
    "advance_given": Rule("credit", ("cash", "bank"), reference=True),
    "advance_settled": Rule("debit", ("cash", "bank"), reference=True),
    "up_return": Rule("credit", ("bank",), after_up=True),
}


def require_keeper(caller: Caller) -> Caller:
    return caller.require(capabilities(caller)["keep_books"], NOT_KEEPER)


def require_reader(caller: Caller) -> Caller:
    return caller.require(capabilities(caller)["view_books"], NOT_READER)


def month_name(month: int) -> str:
    return MONTHS_ID[month - 1]


# -- posting -----------------------------------------------------------------------------------------

def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, {field: message})


def medium_balance_floor(session: Session, fiscal_year: int, medium: str, on: date) -> int:
    """The least the medium's balance will be from ``on`` to the end of the year's postings: its balance
    after every posting dated up to ``on``, and its running balance at every later posting (window function).
    An expenditure dated ``on`` may take at most this."""
    signed = P.debit - P.credit
    at_date = session.scalar(select(func.coalesce(func.sum(signed), 0)).where(
        P.fiscal_year == fiscal_year, P.medium == medium, P.posted_on <= on))
    running = (select(P.posted_on, func.sum(signed).over(order_by=(P.posted_on, P.seq)).label("balance"))
               .where(P.fiscal_year == fiscal_year, P.medium == medium).subquery())
    later = session.scalar(select(func.min(running.c.balance)).where(running.c.posted_on > on))
    return int(at_date if later is None else min(at_date, later))


def _ensure_funds(session: Session, fiscal_year: int, medium: str, on: date, amount: int) -> None:
    floor = medium_balance_floor(session, fiscal_year, medium, on)
    if amount > floor:
        message = (f"Saldo {MEDIUM_LABELS[medium]} pada {format_date_id(on)} tidak cukup: tersedia "
                   f"{format_rupiah(max(floor, 0))}, diperlukan {format_rupiah(amount)}.")
        raise Conflict(message, {"amount": f"Melebihi saldo {MEDIUM_LABELS[medium]} ({format_rupiah(max(floor, 0))})."})


def _up_received_on(session: Session, fiscal_year: int) -> date | None:
    return session.scalar(select(P.posted_on).where(P.fiscal_year == fiscal_year, P.kind == "up_receipt"))


def advance_state(session: Session, fiscal_year: int, reference: str) -> tuple[date, int] | None:
    """The advance ``reference`` of the year: the day it was given and what is still outstanding on it."""
    given = session.execute(select(P.posted_on, P.credit).where(
        P.fiscal_year == fiscal_year, P.kind == "advance_given", P.reference == reference)).first()
    if given is None:
        return None
    settled = session.scalar(select(func.coalesce(func.sum(P.debit), 0)).where(
        P.fiscal_year == fiscal_year, P.kind == "advance_settled", P.reference == reference))
    return given.posted_on, int(given.credit - settled)


def _check(session: Session, data: dict, today: date) -> None:
    """The rules of ``data["kind"]`` that the input schema cannot know (they depend on the books)."""
    kind, on, amount, reference = data["kind"], data["posted_on"], data["amount"], data.get("reference")
    year = on.year
    if on > today:
        raise _invalid("posted_on", "Tanggal buku tidak boleh setelah hari ini.")
    if kind in TRANSFERS:
        if data.get("medium"):
            raise _invalid("medium", "Pemindahan kas/bank tidak memakai medium: jenisnya sudah menentukan arah.")
        _ensure_funds(session, year, TRANSFERS[kind][0], on, amount)
        return
    rule = RULES[kind]
    medium = data.get("medium") or rule.media[0]
    if medium not in rule.media:
        raise _invalid("medium", f"{KIND_LABELS[kind]} hanya melalui {MEDIUM_LABELS[rule.media[0]]}.")
    if rule.reference and not reference:
        what = "nomor panjar" if kind in ADVANCE_KINDS else "nomor SP2D"
        raise _invalid("reference", f"Isi {what}.")
    if kind == "up_receipt" and _up_received_on(session, year) is not None:
        raise Conflict(f"UP tahun {year} sudah diterima; tambahan dana dibukukan sebagai penggantian GU.",
                       {"kind": "UP tahun ini sudah dibukukan."})
    if rule.after_up:
        received = _up_received_on(session, year)
        if received is None or received > on:
            raise _invalid("posted_on", f"{KIND_LABELS[kind]} hanya setelah UP tahun {year} diterima.")
    if kind == "advance_given" and advance_state(session, year, reference) is not None:
        raise Conflict(f"Nomor panjar {reference} sudah dipakai tahun {year}.",
                       {"reference": "Nomor panjar sudah dipakai."})
    if kind == "advance_settled":
        state = advance_state(session, year, reference)
        if state is None:
            raise _invalid("reference", f"Panjar {reference} tidak ditemukan pada tahun {year}.")
        given_on, outstanding = state
        if on < given_on:
            raise _invalid("posted_on", f"Panjar {reference} baru diberikan {format_date_id(given_on)}.")
        if amount > outstanding:
            raise _invalid("amount", f"Melebihi sisa panjar {reference} ({format_rupiah(outstanding)}).")
    if rule.side == "credit":
        _ensure_funds(session, year, medium, on, amount)


def post_cash(tx, caller: Caller, data: dict, today: date) -> dict:
    """Book one of the treasurer's own postings (``data``: a loaded ``CashPostingIn``); ``finance.cash_posted``
    is written with it. Answers ``CashPostedOut``."""
    require_keeper(caller)
    session = tx.session
    kind, on, amount = data["kind"], data["posted_on"], data["amount"]
    # the year's lock first: the checks below read the balances the posting changes
    postings.lock_year(session, on.year)
    _check(session, data, today)
    common = dict(posted_on=on, kind=kind, description=data["description"], reference=data.get("reference"),
                  posted_by=caller.username)
    if kind in TRANSFERS:
        source, target = TRANSFERS[kind]
        made = [postings.post(session, medium=source, credit=amount, **common),
                postings.post(session, medium=target, debit=amount, **common)]
    else:
        rule = RULES[kind]
        made = [postings.post(session, medium=data.get("medium") or rule.media[0], **{rule.side: amount}, **common)]
    answer = {"kind": kind, "fiscal_year": on.year, "postings": made}
    from ..schemas.books import CashPostedEvent  # the contract imports this module's enumerations

    tx.emit(Finance.CASH_POSTED, CashPostedEvent().dump(answer))
    return answer


# -- reading -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Book:
    """Which of the year's postings a book holds, how its balance moves, and whether it runs per budget line."""

    conditions: tuple[ColumnElement, ...]
    signed: ColumnElement
    per_line: bool = False


def book_of(name: str, *, medium: str | None = None, line_id: int | None = None,
            tax_kind: str | None = None) -> Book:
    receipts = P.debit - P.credit
    if name in ("bku", "kas_tunai", "bank"):
        medium = {"kas_tunai": "cash", "bank": "bank"}.get(name, medium)
        return Book((P.medium == medium,) if medium else (), receipts)
    if name == "pajak":
        where = (P.kind.in_(TAX_POSTING_KINDS), P.tax_kind.is_not(None))
        return Book(where + ((P.tax_kind == tax_kind,) if tax_kind else ()), receipts)
    if name == "panjar":
        return Book((P.kind.in_(ADVANCE_KINDS),), P.credit - P.debit)
    if name == "rekening":
        where = (P.kind == "spj_payment", P.budget_line_id.is_not(None))
        return Book(where + ((P.budget_line_id == line_id,) if line_id else ()), P.credit - P.debit, per_line=True)
    raise ValueError(f"no book {name!r}")


def _cursor(cursor: str | None) -> tuple[date, int] | None:
    values = decode_cursor(cursor, 2)
    if values is None:
        return None
    try:
        return date.fromisoformat(values[0]), int(values[1])
    except (TypeError, ValueError):
        raise ValidationFailed("Cursor tidak valid.", {"cursor": "Cursor tidak dikenali; mulai dari halaman pertama."})


def entries(session: Session, book: Book, fiscal_year: int, month_from: int, month_to: int,
            cursor: str | None = None, limit: int | None = None) -> dict:
    """The book's entries dated in ``month_from``–``month_to`` with their running balance (from the start of
    the year: one window function over the year's rows of the book), after ``cursor``, at most ``limit``
    (``None``: all): ``{"items", "next_cursor"}``."""
    order = (P.posted_on, P.seq)
    running = func.sum(book.signed).over(partition_by=P.budget_line_id if book.per_line else None, order_by=order)
    inner = (select(P.id, P.seq, P.fiscal_year, P.month, P.posted_on, P.kind, P.medium, P.description,
                    P.reference, P.debit, P.credit, P.budget_line_id, P.spj_id, P.tax_kind, P.posted_by,
                    running.label("balance"))
             .where(P.fiscal_year == fiscal_year, *book.conditions).subquery())
    query = (select(inner, BudgetLine.account_code, BudgetLine.account_name)
             .outerjoin(BudgetLine, BudgetLine.id == inner.c.budget_line_id)
             .where(inner.c.month.between(month_from, month_to))
             .order_by(inner.c.posted_on, inner.c.seq))
    after = _cursor(cursor)
    if after is not None:
        query = query.where(tuple_(inner.c.posted_on, inner.c.seq) > tuple_(literal(after[0]), literal(after[1])))
    if limit is not None:
        query = query.limit(limit + 1)
    rows = [{**row, "balance": int(row["balance"])} for row in session.execute(query).mappings()]
    more = limit is not None and len(rows) > limit
    rows = rows[:limit] if limit is not None else rows
    last = rows[-1] if rows and more else None
    return {"items": rows, "next_cursor": encode_cursor([last["posted_on"].isoformat(), last["seq"]]) if last else None}


def totals(session: Session, book: Book, fiscal_year: int, month_from: int, month_to: int) -> dict:
    """``CashBookTotalsOut``: the balance, debits and credits before ``month_from``, the period's debits and
    credits, the closing balance (one aggregate query)."""
    in_period = P.month.between(month_from, month_to)
    before = P.month < month_from
    row = session.execute(select(
        func.coalesce(func.sum(book.signed).filter(before), 0),
        func.coalesce(func.sum(P.debit).filter(before), 0),
        func.coalesce(func.sum(P.credit).filter(before), 0),
        func.coalesce(func.sum(P.debit).filter(in_period), 0),
        func.coalesce(func.sum(P.credit).filter(in_period), 0),
        func.coalesce(func.sum(book.signed).filter(in_period), 0),
    ).where(P.fiscal_year == fiscal_year, P.month <= month_to, *book.conditions)).one()
    opening, debit_before, credit_before, debit, credit, moved = (int(x) for x in row)
    return {"opening_balance": opening, "debit_before": debit_before, "credit_before": credit_before,
            "debit": debit, "credit": credit, "closing_balance": opening + moved}


def bku(session: Session, fiscal_year: int, month_from: int = 1, month_to: int = 12, medium: str | None = None,
        cursor: str | None = None, limit: int | None = 100) -> dict:
    """``CashBookPage``: the BKU (or one medium's book) for the months, a page of entries and the totals."""
    book = book_of("bku", medium=medium)
    page = entries(session, book, fiscal_year, month_from, month_to, cursor, limit)
    return {"fiscal_year": fiscal_year, "month_from": month_from, "month_to": month_to, "medium": medium,
            "totals": totals(session, book, fiscal_year, month_from, month_to), **page}


def tax_summary(session: Session, fiscal_year: int, month_from: int, month_to: int,
                tax_kind: str | None = None) -> list[dict]:
    """Per tax kind: not deposited before the period, withheld and deposited in it, outstanding at its end."""
    in_period = P.month.between(month_from, month_to)
    rows = session.execute(
        select(P.tax_kind,
               func.coalesce(func.sum(P.debit - P.credit).filter(P.month < month_from), 0),
               func.coalesce(func.sum(P.debit).filter(in_period), 0),
               func.coalesce(func.sum(P.credit).filter(in_period), 0))
        .where(P.fiscal_year == fiscal_year, P.month <= month_to, *book_of("pajak", tax_kind=tax_kind).conditions)
        .group_by(P.tax_kind)).all()
    found = {r[0]: [int(x) for x in r[1:]] for r in rows}
    kinds = [tax_kind] if tax_kind else [*TAX_KINDS, *sorted(set(found) - set(TAX_KINDS))]
    out = []
    for kind in kinds:
        opening, withheld, deposited = found.get(kind, (0, 0, 0))
        out.append({"tax_kind": kind, "label": TAX_LABELS.get(kind, kind.upper()), "opening_balance": opening,
                    "withheld": withheld, "deposited": deposited, "outstanding": opening + withheld - deposited})
    return out


def advance_summary(session: Session, fiscal_year: int, month_to: int) -> list[dict]:
    """Per advance given up to the end of ``month_to``: given, settled by then, outstanding."""
    settled = (select(P.reference, func.sum(P.debit).label("settled"))
               .where(P.fiscal_year == fiscal_year, P.kind == "advance_settled", P.month <= month_to)
               .group_by(P.reference).subquery())
    rows = session.execute(
        select(P.reference, P.posted_on, P.description, P.credit, func.coalesce(settled.c.settled, 0))
        .outerjoin(settled, settled.c.reference == P.reference)
        .where(P.fiscal_year == fiscal_year, P.kind == "advance_given", P.month <= month_to)
        .order_by(P.posted_on, P.seq)).all()
    return [{"reference": r[0], "given_on": r[1], "description": r[2], "given": int(r[3]), "settled": int(r[4]),
             "outstanding": int(r[3] - r[4])} for r in rows]


def account_lines(session: Session, fiscal_year: int, month_from: int, month_to: int,
                  line_id: int | None = None) -> list[dict]:
    """``CashAccountLineOut`` per budget line of the year (or one): ceiling, realized before ``month_from``,
    in the period and to its end (SPJ payments in the cash book, one grouped query), remaining."""
    realized = P.credit - P.debit
    paid = and_(P.budget_line_id == BudgetLine.id, P.fiscal_year == fiscal_year, P.kind == "spj_payment",
                P.month <= month_to)
    before = func.coalesce(func.sum(realized).filter(P.month < month_from), 0)
    this = func.coalesce(func.sum(realized).filter(P.month >= month_from), 0)
    to_date = func.coalesce(func.sum(realized), 0)
    query = (select(BudgetLine.id.label("budget_line_id"), BudgetLine.sub_activity_code, BudgetLine.account_code,
                    BudgetLine.account_name, BudgetLine.ceiling, before.label("before"), this.label("this_period"),
                    to_date.label("to_date"), (BudgetLine.ceiling - to_date).label("remaining"))
             .outerjoin(P, paid)
             .where(BudgetLine.fiscal_year == fiscal_year)
             .group_by(BudgetLine.id)
             .order_by(BudgetLine.sub_activity_code, BudgetLine.account_code))
    if line_id is not None:
        query = query.where(BudgetLine.id == line_id)
    return [{k: (int(v) if k in ("ceiling", "before", "this_period", "to_date", "remaining") else v)
             for k, v in row.items()} for row in session.execute(query).mappings()]


def subsidiary_book(session: Session, fiscal_year: int, book: str, month: int | None = None,
                    line_id: int | None = None, tax_kind: str | None = None, cursor: str | None = None,
                    limit: int | None = 100) -> dict:
    """``CashSubsidiaryBookOut``: a page of the book for the month (or the year), its totals and summary."""
    if line_id is not None and book != "rekening":
        raise _invalid("line_id", "Baris anggaran hanya untuk buku rekening.")
    if tax_kind is not None and book != "pajak":
        raise _invalid("tax_kind", "Jenis pajak hanya untuk buku pajak.")
    if line_id is not None and session.scalar(select(BudgetLine.fiscal_year).where(BudgetLine.id == line_id)) \
            != fiscal_year:
        raise NotFound("Baris anggaran tidak ditemukan pada tahun anggaran ini.")
    first, last = (month, month) if month else (1, 12)
    spec = book_of(book, line_id=line_id, tax_kind=tax_kind)
    page = entries(session, spec, fiscal_year, first, last, cursor, limit)
    answer = {"book": book, "fiscal_year": fiscal_year, "month": month, "line_id": line_id, "tax_kind": tax_kind,
              "totals": totals(session, spec, fiscal_year, first, last), "taxes": [], "advances": [],
              "accounts": [], **page}
    if book == "pajak":
        answer["taxes"] = tax_summary(session, fiscal_year, first, last, tax_kind)
    elif book == "panjar":
        answer["advances"] = advance_summary(session, fiscal_year, last)
    elif book == "rekening":
        answer["accounts"] = account_lines(session, fiscal_year, first, last, line_id)
    return answer


def medium_balances(session: Session, fiscal_year: int, month_to: int) -> dict[str, int]:
    """Each medium's balance at the end of ``month_to``."""
    rows = session.execute(select(P.medium, func.sum(P.debit - P.credit))
                           .where(P.fiscal_year == fiscal_year, P.month <= month_to).group_by(P.medium)).all()
    found = {medium: int(amount) for medium, amount in rows}
    return {"cash": found.get("cash", 0), "bank": found.get("bank", 0)}

