"""The books against the real database: the treasurer's postings and their rules, the BKU's running and
opening balance (and its pages), each subsidiary book from the same postings, the monthly closing (refused by
the code and by the trigger), the accountability report's columns, and gap-free numbering under concurrent
posts. Each test keeps to a fiscal year of its own (the database is shared by the run)."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date

import pytest
from finance.domain import access, books, closing, postings, reports
from finance.models import Base, CashPosting
from situok_kit.db import Transaction
from situok_kit.errors import Conflict, Forbidden, ValidationFailed
from situok_kit.tables import add_kit_tables
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

TODAY = date(2026, 12, 3)
KIT = add_kit_tables(Base.metadata)


@contextmanager
def transaction(engine):
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield Transaction(session, KIT, {}, None)


def cash(engine, caller, kind, on, amount, description="Uraian", medium=None, reference=None):
    with transaction(engine) as tx:
        return books.post_cash(tx, caller, {"kind": kind, "posted_on": on, "amount": amount, "medium": medium,
                                            "description": description, "reference": reference}, TODAY)


def spend(engine, on, amount, line_id, medium="cash", taxes=(), spj_reference="SPJ-1"):
    """What the SPJ's payment books: the gross as an expenditure charged to the line, each tax as a receipt."""
    with Session(engine) as session, session.begin():
        postings.post(session, posted_on=on, kind="spj_payment", medium=medium, credit=amount,
                      description=f"Pembayaran {spj_reference}", reference=spj_reference, budget_line_id=line_id,
                      posted_by="bendahara")
        for tax_kind, tax in taxes:
            postings.post(session, posted_on=on, kind="tax_withheld", medium=medium, debit=tax,
                          description=f"Penerimaan {tax_kind}", reference=spj_reference, budget_line_id=line_id,
                          tax_kind=tax_kind, posted_by="bendahara")


def deposit(engine, on, tax_kind, amount, medium="cash"):
    with Session(engine) as session, session.begin():
        postings.post(session, posted_on=on, kind="tax_deposit", medium=medium, credit=amount, tax_kind=tax_kind,
                      description=f"Setoran {tax_kind}", reference="NTPN", posted_by="bendahara")


def year_of_books(engine, bureau, year):
    """A small year: UP, a withdrawal, purchases on two lines with taxes, a deposit, GU, a panjar."""
    treasurer = access.caller_of(bureau.bendahara())
    line_a = bureau.budget_line(30_000_000, account_code="5.1.02.01.01.0024", year=year)
    line_b = bureau.budget_line(12_000_000, account_code="5.1.02.01.01.0026", year=year,
                                account_name="Belanja Alat/Bahan untuk Kegiatan Kantor-Kertas dan Cover")
    cash(engine, treasurer, "up_receipt", date(year, 1, 3), 50_000_000, "Penerimaan UP", reference="SP2D-UP-1")
    cash(engine, treasurer, "bank_to_cash", date(year, 1, 5), 10_000_000, "Penarikan tunai")
    spend(engine, date(year, 1, 10), 2_000_000, line_a, taxes=(("pph22", 30_000), ("ppn", 198_198)))
    spend(engine, date(year, 1, 20), 1_500_000, line_b, medium="bank", taxes=(("pph23", 30_000),),
          spj_reference="SPJ-2")
    deposit(engine, date(year, 1, 25), "pph22", 30_000)
    spend(engine, date(year, 2, 4), 3_000_000, line_a, spj_reference="SPJ-3")
    cash(engine, treasurer, "gu_replenishment", date(year, 2, 10), 3_500_000, "GU 1", reference="SP2D-GU-1")
    cash(engine, treasurer, "advance_given", date(year, 2, 12), 1_000_000, "Panjar rapat", reference="PJ-1")
    cash(engine, treasurer, "advance_settled", date(year, 2, 20), 400_000, "Sisa panjar", reference="PJ-1")
    deposit(engine, date(year, 3, 2), "ppn", 198_198)
    cash(engine, treasurer, "cash_to_bank", date(year, 3, 3), 1_000_000, "Setor ke bank")
    spend(engine, date(year, 3, 15), 700_000, line_b, spj_reference="SPJ-4")
    return treasurer, line_a, line_b


def all_pages(fetch, limit):
    cursor, items = None, []
    while True:
        page = fetch(cursor=cursor, limit=limit)
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items


def test_the_bku_runs_its_balance_and_opens_with_what_the_months_before_left(finance_db, bureau):
    engine = finance_db[1]
    year_of_books(engine, bureau, 2016)
    with Session(engine) as session:
        year = books.bku(session, 2016, limit=None)
        spring = books.bku(session, 2016, 2, 3, limit=None)
        paged = all_pages(lambda **k: books.bku(session, 2016, 2, 3, **k), limit=2)
    balance = 0
    for entry in year["items"]:
        balance += entry["debit"] - entry["credit"]
        assert entry["balance"] == balance
    assert [(e["posted_on"], e["seq"]) for e in year["items"]] == sorted((e["posted_on"], e["seq"])
                                                                         for e in year["items"])
    january = [e for e in year["items"] if e["month"] == 1]
    opening = sum(e["debit"] - e["credit"] for e in january)
    assert spring["totals"]["opening_balance"] == opening == january[-1]["balance"]
    first = spring["items"][0]
    assert first["balance"] == opening + first["debit"] - first["credit"]
    assert spring["totals"]["closing_balance"] == spring["items"][-1]["balance"] == year["totals"]["closing_balance"]
    assert spring["totals"]["debit_before"] == sum(e["debit"] for e in january)
    assert spring["totals"]["credit"] == sum(e["credit"] for e in spring["items"])
    assert paged == spring["items"]                       # keyset pages stitch into the whole period
    assert year["totals"]["closing_balance"] == 50_000_000 - 2_000_000 + 228_198 - 1_500_000 + 30_000 - 30_000 \
        - 3_000_000 + 3_500_000 - 1_000_000 + 400_000 - 198_198 - 700_000
    assert {e["account_code"] for e in year["items"] if e["kind"] == "spj_payment"} == {"5.1.02.01.01.0024",
                                                                                       "5.1.02.01.01.0026"}


def test_each_subsidiary_book_is_read_from_the_same_postings(finance_db, bureau):
    engine = finance_db[1]
    _, line_a, line_b = year_of_books(engine, bureau, 2017)
    with Session(engine) as session:
        bku = books.bku(session, 2017, limit=None)
        tunai = books.subsidiary_book(session, 2017, "kas_tunai", limit=None)
        bank = books.subsidiary_book(session, 2017, "bank", limit=None)
        pajak = books.subsidiary_book(session, 2017, "pajak", limit=None)
        pph22 = books.subsidiary_book(session, 2017, "pajak", tax_kind="pph22", limit=None)
        panjar = books.subsidiary_book(session, 2017, "panjar", month=2, limit=None)
        rekening = books.subsidiary_book(session, 2017, "rekening", limit=None)
        one_line = books.subsidiary_book(session, 2017, "rekening", month=3, line_id=line_b, limit=None)
        march_cash = books.subsidiary_book(session, 2017, "kas_tunai", month=3, limit=None)
    ids = {e["id"] for e in bku["items"]}
    assert {e["id"] for e in tunai["items"]} | {e["id"] for e in bank["items"]} == ids
    assert all(e["medium"] == "cash" for e in tunai["items"]) and all(e["medium"] == "bank" for e in bank["items"])
    assert tunai["totals"]["closing_balance"] + bank["totals"]["closing_balance"] == bku["totals"]["closing_balance"]
    assert tunai["items"][-1]["balance"] == tunai["totals"]["closing_balance"]
    assert march_cash["totals"]["opening_balance"] == next(
        e["balance"] for e in reversed(tunai["items"]) if e["month"] < 3)

    taxes = {t["tax_kind"]: t for t in pajak["taxes"]}
    def tax(kind):
        return taxes[kind]["withheld"], taxes[kind]["deposited"], taxes[kind]["outstanding"]

    assert tax("pph22") == (30_000, 30_000, 0) and tax("ppn") == (198_198, 198_198, 0)
    assert taxes["pph23"]["outstanding"] == 30_000 == pajak["totals"]["closing_balance"]
    assert {e["kind"] for e in pajak["items"]} == {"tax_withheld", "tax_deposit"}
    assert [t["tax_kind"] for t in pph22["taxes"]] == ["pph22"] and len(pph22["items"]) == 2

    assert panjar["advances"] == [{"reference": "PJ-1", "given_on": date(2017, 2, 12), "description": "Panjar rapat",
                                   "given": 1_000_000, "settled": 400_000, "outstanding": 600_000}]
    assert panjar["items"][-1]["balance"] == 600_000 == panjar["totals"]["closing_balance"]

    accounts = {a["budget_line_id"]: a for a in rekening["accounts"]}
    assert accounts[line_a]["to_date"] == 5_000_000 and accounts[line_a]["remaining"] == 25_000_000
    assert accounts[line_b]["to_date"] == 2_200_000
    assert {e["kind"] for e in rekening["items"]} == {"spj_payment"}
    per_line = [e["balance"] for e in rekening["items"] if e["budget_line_id"] == line_a]
    assert per_line == [2_000_000, 5_000_000]            # the running realization is per budget line
    assert [e["reference"] for e in one_line["items"]] == ["SPJ-4"]
    assert one_line["items"][0]["balance"] == 2_200_000
    assert one_line["accounts"][0]["before"] == 1_500_000 and one_line["accounts"][0]["this_period"] == 700_000


def test_the_treasurers_postings_follow_their_rules(finance_db, bureau):
    engine = finance_db[1]
    treasurer = access.caller_of(bureau.bendahara())
    year = 2018
    with pytest.raises(ValidationFailed) as refused:
        cash(engine, treasurer, "gu_replenishment", date(year, 1, 2), 1_000, reference="SP2D-GU")
    assert "posted_on" in refused.value.fields
    with pytest.raises(ValidationFailed) as refused:
        cash(engine, treasurer, "up_receipt", date(year, 1, 2), 1_000, medium="cash", reference="SP2D")
    assert "medium" in refused.value.fields
    with pytest.raises(ValidationFailed) as refused:
        cash(engine, treasurer, "up_receipt", date(year, 1, 2), 1_000)
    assert "reference" in refused.value.fields
    with pytest.raises(ValidationFailed) as refused:
        cash(engine, treasurer, "up_receipt", date(2027, 1, 2), 1_000, reference="SP2D")
    assert "posted_on" in refused.value.fields                       # after today

    up = cash(engine, treasurer, "up_receipt", date(year, 1, 2), 5_000_000, reference="SP2D-UP")
    assert [(p.kind, p.medium, p.debit) for p in up["postings"]] == [("up_receipt", "bank", 5_000_000)]
    with pytest.raises(Conflict):
        cash(engine, treasurer, "up_receipt", date(year, 1, 3), 1_000, reference="SP2D-UP-2")
    with pytest.raises(Conflict) as refused:
        cash(engine, treasurer, "bank_to_cash", date(year, 1, 4), 5_000_001)
    assert "amount" in refused.value.fields
    moved = cash(engine, treasurer, "bank_to_cash", date(year, 1, 4), 2_000_000)
    assert [(p.kind, p.medium, p.debit, p.credit) for p in moved["postings"]] == [
        ("bank_to_cash", "bank", 0, 2_000_000), ("bank_to_cash", "cash", 2_000_000, 0)]
    with pytest.raises(Conflict):                                    # no cash before the withdrawal
        cash(engine, treasurer, "advance_given", date(year, 1, 3), 1_000, reference="PJ-0")
    cash(engine, treasurer, "advance_given", date(year, 1, 5), 500_000, reference="PJ-1")
    # a back-dated expenditure may not overdraw a balance a later posting relied on
    with pytest.raises(Conflict):
        cash(engine, treasurer, "cash_to_bank", date(year, 1, 4), 1_600_000)
    with pytest.raises(Conflict):
        cash(engine, treasurer, "advance_given", date(year, 1, 6), 1_000, reference="PJ-1")
    with pytest.raises(ValidationFailed) as refused:
        cash(engine, treasurer, "advance_settled", date(year, 1, 7), 500_001, reference="PJ-1")
    assert "amount" in refused.value.fields
    with pytest.raises(ValidationFailed):
        cash(engine, treasurer, "advance_settled", date(year, 1, 7), 1, reference="PJ-9")
    with pytest.raises(ValidationFailed):
        cash(engine, treasurer, "cash_to_bank", date(year, 1, 7), 1, medium="cash")
    with pytest.raises(Forbidden):
        cash(engine, access.caller_of(bureau.ppk()), "up_return", date(year, 12, 30), 1)
    returned = cash(engine, treasurer, "up_return", date(year, 12, 30), 3_000_000)
    assert returned["postings"][0].credit == 3_000_000
    assert bureau.scalar("SELECT count(*) FROM outbox_events WHERE event_type = 'finance.cash_posted' "
                         "AND (envelope->'data'->>'fiscal_year')::int = 2018") == 4
    # what was refused wrote nothing: the year's numbers are gap-free
    seqs = [row[0] for row in bureau.rows("SELECT seq FROM cash_postings WHERE fiscal_year = 2018 ORDER BY seq")]
    assert seqs == list(range(1, 6))


def test_closing_freezes_the_month_in_the_code_and_in_the_database(finance_db, bureau):
    engine = finance_db[1]
    treasurer, line_a, _ = year_of_books(engine, bureau, 2019)
    ppk = access.caller_of(bureau.ppk())
    with Session(engine) as session:
        months = closing.list_months(session, treasurer, 2019, TODAY)["items"]
        assert [m["allowed_actions"] for m in months[:2]] == [["close"], []]     # January first
        assert closing.list_months(session, ppk, 2019, TODAY)["items"][0]["allowed_actions"] == []
    with pytest.raises(ValidationFailed) as refused, transaction(engine) as tx:
        closing.close_month(tx, treasurer, 2019, 2, TODAY)
    assert "Januari" in refused.value.message
    with pytest.raises(Forbidden), transaction(engine) as tx:
        closing.close_month(tx, ppk, 2019, 1, TODAY)
    with pytest.raises(ValidationFailed) as refused, transaction(engine) as tx:
        closing.close_month(tx, treasurer, 2027, 1, TODAY)
    assert "belum berakhir" in refused.value.message

    with transaction(engine) as tx:
        closed = closing.close_month(tx, treasurer, 2019, 1, TODAY)
    january = [r for r in bureau.rows("SELECT debit, credit FROM cash_postings WHERE fiscal_year = 2019 AND month = 1")]
    assert closed["receipts"] == sum(r[0] for r in january) and closed["expenditures"] == sum(r[1] for r in january)
    assert closed["closed_by"] == treasurer.username and closed["spj_closed"] == 0
    with pytest.raises(Conflict), transaction(engine) as tx:
        closing.close_month(tx, treasurer, 2019, 1, TODAY)

    # the code refuses a posting dated in the closed month ...
    with pytest.raises(Conflict) as refused:
        spend(engine, date(2019, 1, 31), 1_000, line_a)
    assert "Januari 2019" in refused.value.message
    with pytest.raises(Conflict):
        cash(engine, treasurer, "bank_to_cash", date(2019, 1, 30), 1_000)
    # ... and the database refuses it from code that bypasses ``post``: insert, update, delete
    refusals = (
        "INSERT INTO cash_postings (fiscal_year, month, seq, posted_on, kind, medium, description, debit, credit, "
        "posted_by) VALUES (2019, 1, 999, '2019-01-31', 'gu_replenishment', 'bank', 'x', 1, 0, 'x')",
        "UPDATE cash_postings SET description = 'diubah' WHERE fiscal_year = 2019 AND month = 1",
        "DELETE FROM cash_postings WHERE fiscal_year = 2019 AND month = 1",
        "UPDATE cash_postings SET posted_on = '2019-01-31', month = 1 WHERE fiscal_year = 2019 AND month = 2",
    )
    for statement in refusals:
        with Session(engine) as session, pytest.raises(DBAPIError, match="month 2019-1 is closed") as refused:
            session.execute(text(statement))
            session.commit()
        assert refused.value.orig.diag.constraint_name == "ck_cash_postings_open_month"
    assert bureau.scalar("SELECT count(*) FROM cash_postings WHERE fiscal_year = 2019 AND month = 1") == len(january)
    # February is still open
    spend(engine, date(2019, 2, 28), 1_000, line_a, spj_reference="SPJ-late")
    with Session(engine) as session:
        months = closing.list_months(session, treasurer, 2019, TODAY)["items"]
    assert [m["status"] for m in months[:3]] == ["closed", "open", "open"]
    assert [m["allowed_actions"] for m in months[:3]] == [[], ["close"], []]


def test_the_accountability_reports_columns_add_up(finance_db, bureau):
    engine = finance_db[1]
    _, line_a, line_b = year_of_books(engine, bureau, 2020)
    with Session(engine) as session:
        february = reports.accountability_report(session, 2020, 2)
        january = reports.accountability_report(session, 2020, 1)
        march = reports.accountability_report(session, 2020, 3)
        bku = books.bku(session, 2020, 1, 2, limit=None)
    lines = {line["budget_line_id"]: line for line in february["lines"]}
    assert (lines[line_a]["before"], lines[line_a]["this_period"], lines[line_a]["to_date"]) == (
        2_000_000, 3_000_000, 5_000_000)
    assert lines[line_a]["remaining"] == 25_000_000 and lines[line_b]["remaining"] == 10_500_000
    for report in (january, february, march):
        for line in report["lines"]:
            assert line["before"] + line["this_period"] == line["to_date"]
            assert line["ceiling"] - line["to_date"] == line["remaining"]
        for key in ("ceiling", "before", "this_period", "to_date", "remaining"):
            assert report["totals"][key] == sum(line[key] for line in report["lines"])
        for rows, total in ((report["receipts"], report["receipts_total"]),
                            (report["expenditures"], report["expenditures_total"])):
            for row in rows + [total]:
                assert row["before"] + row["this_month"] == row["to_date"]
            assert total["to_date"] == sum(r["to_date"] for r in rows)
        balance = report["balance"]
        assert report["receipts_total"]["to_date"] - report["expenditures_total"]["to_date"] == balance["total"]
        assert balance["cash"] + balance["bank"] == balance["total"]
    assert february["balance"]["total"] == bku["totals"]["closing_balance"]
    assert february["balance"]["opening"] == january["balance"]["total"]
    for before, after in ((january, february), (february, march)):
        assert [line["to_date"] for line in before["lines"]] == [line["before"] for line in after["lines"]]
        assert before["receipts_total"]["to_date"] == after["receipts_total"]["before"]
    rows = {row["code"]: row for row in february["receipts"] + february["expenditures"]}
    assert rows["sp2d_gu"]["this_month"] == 3_500_000 and rows["spj"]["this_month"] == 3_000_000
    assert rows["tax_withheld_pph22"]["before"] == 30_000 and rows["tax_deposit_pph22"]["before"] == 30_000
    assert rows["advance_given"]["this_month"] == 1_000_000 and rows["advance_settled"]["this_month"] == 400_000


def test_numbering_stays_gap_free_under_concurrent_posts(finance_db, bureau):
    engine = finance_db[1]
    year = 2021
    line_id = bureau.budget_line(1_000_000_000, account_code="5.1.02.01.01.0029", year=year)
    start = threading.Barrier(12)

    def attempt(i):
        start.wait()
        with Session(engine) as session:
            try:
                with session.begin():
                    posting = postings.post(session, posted_on=date(year, 4, 1 + i % 28), kind="spj_payment",
                                            medium="cash", credit=1_000 + i, description=f"SPJ {i}",
                                            budget_line_id=line_id, posted_by="bendahara")
                    if i % 4 == 3:
                        raise RuntimeError("the payment's other work failed")       # rolled back: number freed
                    return posting.seq
            except RuntimeError:
                return None

    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(attempt, range(24)))
    kept = sorted(r for r in results if r is not None)
    stored = [row[0] for row in bureau.rows(select(CashPosting.seq).where(CashPosting.fiscal_year == year)
                                            .order_by(CashPosting.seq))]
    assert len(kept) == 18 and kept == stored == list(range(1, 19))
