"""Time finance's BKU and monthly accountability report over a year of 5,000 postings on 300 accounts (target:
under 1 s each, in-process with the real database).

In-process against a throwaway database (created, migrated and dropped here; PostgreSQL from
``SITUOK_TEST_PG_URL`` or the local default). The year is generated deterministically: 300 budget lines (10
sub-kegiatan × 30 accounts), the UP receipt, monthly GU replenishments, withdrawals to cash, SPJ payments
spread over the lines with their taxes withheld and deposited, advances given and settled — 5,000 postings
numbered in date order, as ``postings.post`` numbers them. Timed, best of ``-n`` runs each, as the RPCs do
them minus transport (query + the answer's dump):

* ``bku``: the whole year's BKU with its running balance (``books.bku(..., limit=None)``), and a page of 100
  from the middle of the year (keyset cursor);
* ``accountability_report``: December's report (300 lines, the cash summary).

Run: ``.venv/bin/python bench/finance_books.py [-n 5] [--postings 5000] [--accounts 300]`` (``make bench`` runs it
after ``bench/run.py``; where no PostgreSQL answers, a throwaway local one is started as for ``make test``).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta

TARGET_SECONDS = 1.0
YEAR = 2025
TAXES = (("ppn", 0.11), ("pph22", 0.015), ("pph23", 0.02), ("pph21", 0.05))


def _generate(session, postings: int, accounts: int) -> dict:
    """The year's budget lines and postings (bulk inserts); counts."""
    from finance.models import BudgetLine, CashPosting
    from sqlalchemy import select

    rng = random.Random(2025)
    lines = []
    for i in range(accounts):
        sub = f"4.01.01.2.{6 + i // 30:02d}.{1 + (i // 30) % 9:04d}"
        lines.append({"fiscal_year": YEAR, "sub_activity_code": sub,
                      "account_code": f"5.1.02.{1 + i % 4:02d}.01.{i:04d}",
                      "account_name": f"Belanja rincian objek {i:03d}",
                      "ceiling": rng.randrange(50, 500) * 1_000_000})
    session.bulk_insert_mappings(BudgetLine, lines)
    session.flush()
    line_ids = list(session.scalars(select(BudgetLine.id).where(BudgetLine.fiscal_year == YEAR)))
    rows: list[dict] = []

    def add(day: date, kind: str, medium: str, description: str, debit=0, credit=0, **extra):
        rows.append({"fiscal_year": YEAR, "month": day.month, "posted_on": day, "kind": kind, "medium": medium,
                     "description": description, "debit": debit, "credit": credit, "posted_by": "bench",
                     **extra})

    add(date(YEAR, 1, 2), "up_receipt", "bank", "Penerimaan UP", debit=2_000_000_000, reference="SP2D-UP")
    advance = 0
    day = date(YEAR, 1, 3)
    while len(rows) < postings - 2:
        if day.day == 5:
            add(day, "bank_to_cash", "bank", "Penarikan tunai", credit=50_000_000)
            add(day, "bank_to_cash", "cash", "Penarikan tunai", debit=50_000_000)
        if day.day == 10 and day.month > 1:
            add(day, "gu_replenishment", "bank", f"GU {day.month - 1}", debit=150_000_000,
                reference=f"SP2D-GU-{day.month - 1}")
        if day.day == 12:
            advance += 1
            add(day, "advance_given", "cash", f"Panjar {advance}", credit=2_000_000, reference=f"PJ-{advance}")
        if day.day == 20 and advance:
            add(day, "advance_settled", "cash", f"Sisa panjar {advance}", debit=500_000, reference=f"PJ-{advance}")
        for _ in range(rng.randint(4, 6)):
            line_id = rng.choice(line_ids)
            gross = rng.randrange(200, 9_000) * 1_000
            medium = rng.choice(("cash", "bank"))
            reference = f"SPJ-{len(rows):05d}"
            add(day, "spj_payment", medium, f"Pembayaran {reference}", credit=gross, budget_line_id=line_id,
                reference=reference)
            tax_kind, rate = rng.choice(TAXES)
            add(day, "tax_withheld", medium, f"Penerimaan {tax_kind} {reference}", debit=int(gross * rate),
                budget_line_id=line_id, tax_kind=tax_kind, reference=reference)
            if rng.random() < 0.8:
                add(min(day + timedelta(days=rng.randint(0, 6)), date(YEAR, 12, 31)), "tax_deposit", medium,
                    f"Setoran {tax_kind} {reference}", credit=int(gross * rate), tax_kind=tax_kind,
                    budget_line_id=line_id, reference="NTPN")
        day = day + timedelta(days=1) if day < date(YEAR, 12, 30) else date(YEAR, 1, 3)
    rows = rows[:postings - 1]
    add(date(YEAR, 12, 31), "up_return", "bank", "Pengembalian sisa UP", credit=1_000_000)
    rows.sort(key=lambda r: r["posted_on"])
    for seq, row in enumerate(rows, start=1):
        row["seq"] = seq
    for start in range(0, len(rows), 2000):
        session.bulk_insert_mappings(CashPosting, rows[start:start + 2000])
    session.flush()
    return {"postings": len(rows), "accounts": len(line_ids)}


def _best(fn, rounds: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(rounds + 1):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times[1:]), result                                        # the first warms caches


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--rounds", type=int, default=5, help="timed runs of each (best reported)")
    parser.add_argument("--postings", type=int, default=5000)
    parser.add_argument("--accounts", type=int, default=300)
    args = parser.parse_args(argv)

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "services", "finance"))
    from finance.domain import books, reports
    from finance.schemas.books import CashBookPage, CashReportOut
    from situok_kit import testing
    from situok_kit.pagination import encode_cursor
    from sqlalchemy.orm import Session

    pg = os.environ.get("SITUOK_TEST_PG_URL") or testing.DEFAULT_PG
    with testing.migrated_database(pg, "finance", "situok_finance_bench") as db:
        engine = db.engine
        with Session(engine) as session:
            counts = _generate(session, args.postings, args.accounts)
            session.commit()
        with engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE cash_postings")
            connection.exec_driver_sql("ANALYZE budget_lines")
            connection.commit()
        page_out, report_out = CashBookPage(), CashReportOut()
        with Session(engine) as session:
            bku_s, year_page = _best(lambda: page_out.dump(books.bku(session, YEAR, limit=None)), args.rounds)
            middle = year_page["items"][len(year_page["items"]) // 2]
            cursor = encode_cursor([middle["posted_on"], middle["seq"]])
            page_s, page = _best(lambda: page_out.dump(books.bku(session, YEAR, cursor=cursor, limit=100)),
                                 args.rounds)
            report_s, report = _best(lambda: report_out.dump(reports.accountability_report(session, YEAR, 12)),
                                     args.rounds)
    assert len(year_page["items"]) == counts["postings"] and len(page["items"]) == 100
    assert len(report["lines"]) == counts["accounts"]
    assert report["balance"]["total"] == year_page["totals"]["closing_balance"]
    out = {**counts, "rounds": args.rounds, "bku_year_seconds": round(bku_s, 3),
           "bku_page_seconds": round(page_s, 4), "report_seconds": round(report_s, 3),
           "target_seconds": TARGET_SECONDS,
           "within_target": bku_s <= TARGET_SECONDS and report_s <= TARGET_SECONDS}
    print(f"finance books: {counts['postings']} postings over {counts['accounts']} accounts, best of {args.rounds}: "
          f"BKU of the year {bku_s * 1000:.0f} ms (a page of 100 mid-year {page_s * 1000:.1f} ms), "
          f"accountability report {report_s * 1000:.0f} ms (target < {TARGET_SECONDS:.0f} s each: "
          f"{'met' if out['within_target'] else 'NOT met'})")
    return out


if __name__ == "__main__":
    # run on its own (``make bench`` runs it after bench/run.py): the PostgreSQL the tests use, or a throwaway one
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
    from tools.local_servers import servers_for_tests

    with servers_for_tests() as server_env:
        os.environ.update(server_env)
        main(sys.argv[1:])
