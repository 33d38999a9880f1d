"""The monthly closing of the books: a closed month is frozen.

A month of a year's books is ``open`` or ``closed``; its one step is a table (``books.MONTH``), so a month's
``allowed_actions`` and the ``close_month`` command decide alike:

* only the bendahara pengeluaran closes (``keep_books``; capacity ``treasurer``);
* months close in order: January first, then each after the one before it (guard ``previous_closed``);
* a month closes once it is over, on or after the 1st of the next month, WITA (guard ``month_over``);
* a closed month stays closed (409).

Closing takes the year's BKU lock (``postings.lock_year``), so it and a posting never interleave; records the
closing (who, when, and which bendahara signs the month's books); closes the SPJ paid in the month
(``spj.close_paid``); and writes ``finance.month_closed`` with the month's receipts, expenditures and closing
balance. From then on ``postings.post`` refuses a date in the month (409) and the database's trigger refuses
any INSERT, UPDATE or DELETE of a posting dated in it.
"""
from __future__ import annotations

from datetime import date

from situok_kit.clock import utcnow
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import CashPosting, MonthClosing
from . import books, postings, spj
from .access import Caller
from .capabilities import capabilities

MONTH = books.MONTH


def capacities(caller: Caller) -> frozenset[str]:
    return frozenset({"treasurer"} if capabilities(caller)["keep_books"] else ())


def closings(session: Session, fiscal_year: int) -> dict[int, MonthClosing]:
    rows = session.scalars(select(MonthClosing).where(MonthClosing.fiscal_year == fiscal_year))
    return {row.month: row for row in rows}


def month_end_passed(fiscal_year: int, month: int, today: date) -> bool:
    """The month is over on ``today``: it is the 1st of the next month or later."""
    return today >= (date(fiscal_year + 1, 1, 1) if month == 12 else date(fiscal_year, month + 1, 1))


def guards(closed: dict[int, MonthClosing], fiscal_year: int, month: int, today: date) -> dict:
    def previous_closed():
        if month == 1 or month - 1 in closed:
            return None
        return ("month", f"Bulan {books.month_name(month - 1)} {fiscal_year} belum ditutup; bulan ditutup "
                         "berurutan.")

    def month_over():
        if month_end_passed(fiscal_year, month, today):
            return None
        return ("month", f"Bulan {books.month_name(month)} {fiscal_year} belum berakhir.")

    return {"previous_closed": previous_closed, "month_over": month_over}


def _view(fiscal_year: int, month: int, closing: MonthClosing | None, allowed: list[str]) -> dict:
    return {"fiscal_year": fiscal_year, "month": month, "month_name": books.month_name(month),
            "status": "closed" if closing else "open", "closed_at": closing.closed_at if closing else None,
            "closed_by": closing.closed_by if closing else None, "allowed_actions": allowed}


def list_months(session: Session, caller: Caller, fiscal_year: int, today: date) -> dict:
    """``CashMonthListOut``: the twelve months of the year, each open or closed, with what the caller may do."""
    books.require_reader(caller)
    closed = closings(session, fiscal_year)
    mine = capacities(caller)
    items = []
    for month in range(1, 13):
        state = "closed" if month in closed else "open"
        allowed = MONTH.allowed_actions(state, mine, guards(closed, fiscal_year, month, today))
        items.append(_view(fiscal_year, month, closed.get(month), allowed))
    return {"fiscal_year": fiscal_year, "items": items}


def month_movement(session: Session, fiscal_year: int, month: int) -> dict:
    """The month's receipts and expenditures, and the treasurer's balance at its end."""
    P = CashPosting
    receipts, expenditures, closing = session.execute(select(
        func.coalesce(func.sum(P.debit).filter(P.month == month), 0),
        func.coalesce(func.sum(P.credit).filter(P.month == month), 0),
        func.coalesce(func.sum(P.debit - P.credit), 0),
    ).where(P.fiscal_year == fiscal_year, P.month <= month)).one()
    return {"receipts": int(receipts), "expenditures": int(expenditures), "closing_balance": int(closing)}


def close_month(tx, caller: Caller, fiscal_year: int, month: int, today: date) -> dict:
    """Close the month (``CashMonthClosedOut``): the table's 403/409/422, or the month frozen, its paid SPJ
    closed and ``finance.month_closed`` written, all in ``tx``."""
    session = tx.session
    books.require_keeper(caller)
    postings.lock_year(session, fiscal_year)
    closed = closings(session, fiscal_year)
    step = MONTH.check("close", "closed" if month in closed else "open", capacities(caller),
                       guards(closed, fiscal_year, month, today), verb="ditutup")
    spj_closed = spj.close_paid(tx, caller, fiscal_year, month)
    closing = MonthClosing(fiscal_year=fiscal_year, month=month, closed_by=caller.username,
                           closed_by_employee_id=caller.employee_id, closed_at=utcnow())
    session.add(closing)
    session.flush()
    answer = {"fiscal_year": fiscal_year, "month": month, "month_name": books.month_name(month),
              "closed_at": closing.closed_at, "closed_by": closing.closed_by, "spj_closed": spj_closed,
              **month_movement(session, fiscal_year, month)}
    from ..schemas.books import CashMonthClosedEvent  # the contract imports this module's table

    tx.emit(step.event, CashMonthClosedEvent().dump(answer))
    return answer
