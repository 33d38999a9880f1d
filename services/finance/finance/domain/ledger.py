"""The running amounts of a budget line: commit on approval, release on cancellation, realize on payment.

Each change is one ``UPDATE`` of the ``budget_lines`` row. PostgreSQL serializes updates of a row (the second
waits for the first to commit, then re-reads the row and re-checks the ``WHERE``), so two approvals racing for
the last rupiah never both succeed; and the table's CHECK (``committed + realized <= ceiling``, no amount
negative) refuses any row that would break the rule even if the code here were wrong.

Amounts are integer rupiah; ``amount`` must be positive.
"""
from __future__ import annotations

from situok_kit.errors import Conflict, NotFound
from situok_kit.letters.formatting import format_rupiah
from sqlalchemy import update
from sqlalchemy.orm import Session

from ..models import BudgetLine


def _amount(amount: int) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
        raise ValueError(f"a ledger amount is a positive integer, not {amount!r}")
    return amount


def _line(session: Session, line_id: int) -> BudgetLine:
    line = session.get(BudgetLine, line_id)
    if line is None:
        raise NotFound("Baris anggaran tidak ditemukan.")
    return line


def commit(session: Session, line_id: int, amount: int) -> BudgetLine:
    """Commit ``amount`` against the line (an approval); 409 naming what is left when it does not fit."""
    amount = _amount(amount)
    remaining = BudgetLine.ceiling - BudgetLine.committed - BudgetLine.realized
    done = session.execute(
        update(BudgetLine).where(BudgetLine.id == line_id, remaining >= amount)
        .values(committed=BudgetLine.committed + amount)
        .returning(BudgetLine.id).execution_options(synchronize_session=False)
    ).first()
    line = _line(session, line_id)
    session.refresh(line)
    if done is None:
        raise Conflict(
            f"Sisa pagu rekening {line.account_code} tidak cukup: sisa {format_rupiah(line.remaining)}, "
            f"diperlukan {format_rupiah(amount)}.",
            {"amount": f"Melebihi sisa pagu ({format_rupiah(line.remaining)})."})
    return line


def release(session: Session, line_id: int, amount: int) -> BudgetLine:
    """Give back a committed ``amount`` (a committed SPJ cancelled)."""
    amount = _amount(amount)
    session.execute(update(BudgetLine).where(BudgetLine.id == line_id)
                    .values(committed=BudgetLine.committed - amount)
                    .execution_options(synchronize_session=False))
    line = _line(session, line_id)
    session.refresh(line)
    return line


def realize(session: Session, line_id: int, amount: int) -> BudgetLine:
    """Move a committed ``amount`` to realized (the SPJ is paid)."""
    amount = _amount(amount)
    session.execute(update(BudgetLine).where(BudgetLine.id == line_id)
                    .values(committed=BudgetLine.committed - amount, realized=BudgetLine.realized + amount)
                    .execution_options(synchronize_session=False))
    line = _line(session, line_id)
    session.refresh(line)
    return line
