"""The budget line's running amounts (``domain.ledger``) against the real database: commit, release, realize,
the 409 naming what is left, the CHECK that holds even when the code is bypassed, and 20 concurrent commits
against a line that affords only some of them."""
from concurrent.futures import ThreadPoolExecutor

import pytest
from finance.domain import ledger
from finance.models import BudgetLine
from situok_kit.errors import Conflict
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration


def _amounts(engine, line_id):
    with Session(engine) as session:
        line = session.get(BudgetLine, line_id)
        return line.ceiling, line.committed, line.realized


def test_commit_release_realize(finance_db, bureau):
    engine = finance_db[1]
    line_id = bureau.budget_line(1_000_000, account_code="5.1.02.01.01.0001")
    with Session(engine) as session, session.begin():
        assert ledger.commit(session, line_id, 600_000).remaining == 400_000
    with Session(engine) as session, session.begin():
        ledger.realize(session, line_id, 500_000)
        ledger.release(session, line_id, 100_000)
    assert _amounts(engine, line_id) == (1_000_000, 0, 500_000)


def test_a_commit_beyond_the_ceiling_is_refused_naming_what_is_left(finance_db, bureau):
    engine = finance_db[1]
    line_id = bureau.budget_line(300_000, account_code="5.1.02.01.01.0002")
    with Session(engine) as session, session.begin():
        ledger.commit(session, line_id, 200_000)
    with Session(engine) as session, session.begin(), pytest.raises(Conflict) as refused:
        ledger.commit(session, line_id, 100_001)
    assert "Rp100.000" in refused.value.message
    assert _amounts(engine, line_id) == (300_000, 200_000, 0)


def test_the_database_refuses_an_overspent_line_even_without_the_code(finance_db, bureau):
    line_id = bureau.budget_line(100, account_code="5.1.02.01.01.0003")
    with Session(finance_db[1]) as session, pytest.raises(IntegrityError, match="no_overspend"):
        session.execute(text("UPDATE budget_lines SET committed = 101 WHERE id = :id"), {"id": line_id})
        session.commit()


def test_twenty_concurrent_commits_end_with_exactly_the_affordable_ones(finance_db, bureau):
    engine = finance_db[1]
    line_id = bureau.budget_line(7 * 150_000 + 99_999, account_code="5.1.02.01.01.0004")

    def attempt(_):
        with Session(engine) as session:
            try:
                with session.begin():
                    ledger.commit(session, line_id, 150_000)
                return True
            except Conflict:
                return False

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(attempt, range(20)))
    assert results.count(True) == 7
    ceiling, committed, realized = _amounts(engine, line_id)
    assert (committed, realized) == (7 * 150_000, 0) and ceiling - committed == 99_999
