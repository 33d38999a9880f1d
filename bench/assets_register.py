"""Time the assets register at the size of a province's bureau: a register search over 50,000 items (target:
median under 50 ms in-process), the KIB B export of 10,000 items as XLSX and as PDF (target: under 3 s each) and a
label sheet PDF of 240 items (10 A4 sheets).

In-process against a throwaway database (created, migrated to head, seeded with the codes and settings, dropped
here; PostgreSQL from ``SITUOK_TEST_PG_URL`` or the local default). The register is generated deterministically:
5 buildings × 40 rooms, 50,000 items over the seeded registrable codes (10,000 of them KIB B laptops, chairs and
cars with their details, the rest spread over the other codes), register numbers per code in order.

Timed, as the RPCs do them minus transport:

* ``search``: the register's list (``assets.domain.register_search.list_assets``) with filters — a KIB, a room, a
  word of the name, a code prefix with a condition — the first page of 50, each the median of ``-n`` runs;
* ``kib_b_xlsx`` / ``kib_b_pdf``: ``kib_export.document`` of the 10,000 KIB B items (streamed rows, the file
  rendered), best of ``-n`` (at least 1);
* ``labels_240``: ``labels.label_sheet`` for 240 items (the PDF; rolled back, so ``label_printed_at`` stays).

Run: ``.venv/bin/python bench/assets_register.py [-n 5] [--items 50000] [--kib-b 10000]`` (``make bench`` runs it
after ``bench/finance_books.py``). Prints a table, then the figures as JSON.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime

SEARCH_TARGET_MS = 50.0
EXPORT_TARGET_S = 3.0
LABELS = 240
ROOMS_PER_BUILDING = 40
BUILDINGS = 5
B_CODES = ("1.3.2.10.01.02.001", "1.3.2.05.02.01.003", "1.3.2.02.01.01.001")
WORDS = ("Laptop", "Kursi", "Meja", "Lemari", "Printer", "Proyektor", "Sedan", "Filing", "Kabinet", "Rak")
BRANDS = ("Lenovo", "Asus", "HP", "Chitose", "Informa", "Toyota", "Epson", "Brother")


def _generate(session, items: int, kib_b: int) -> dict:
    """Buildings, rooms and items (bulk inserts); counts and a few ids the timings use."""
    from assets.models import Asset, AssetCode, Building, Floor, Room
    from sqlalchemy import func, insert, select

    rng = random.Random(2026)
    room_ids = []
    for b in range(BUILDINGS):
        building = Building(code=f"G{b + 1}", name=f"Gedung {b + 1}")
        session.add(building)
        session.flush()
        floor = Floor(building_id=building.id, name="Lantai 1", level=1)
        session.add(floor)
        session.flush()
        rows = [{"floor_id": floor.id, "code": f"G{b + 1}-R{r + 1:02d}", "name": f"Ruang {b + 1}.{r + 1}"}
                for r in range(ROOMS_PER_BUILDING)]
        room_ids += list(session.scalars(insert(Room).returning(Room.id), rows))
    codes = session.execute(select(AssetCode.code, AssetCode.kib).where(AssetCode.registrable)).all()
    others = [c for c in codes if c.kib != "B"] or codes
    # register numbers continue after what is there (a stack's sample data)
    numbers: dict[str, int] = dict(session.execute(select(Asset.code, func.max(Asset.register_number))
                                                   .group_by(Asset.code)).all())
    batch: list[dict] = []

    def row(code: str, kib: str, n: int) -> dict:
        numbers[code] = numbers.get(code, 0) + 1
        word = WORDS[n % len(WORDS)]
        year = 2005 + n % 21
        details = ({"brand": rng.choice(BRANDS), "type": f"T{n % 97}", "serial_number": f"SN{n:07d}"}
                   if kib == "B" else {"address": "Jl. Basuki Rahmat", "area_m2": 100 + n % 900})
        if code == "1.3.2.02.01.01.001":
            details.update(plate_number=f"DK {1000 + n % 8999} A", frame_number=f"MH{n:09d}",
                           engine_number=f"E{n:08d}", bpkb_number=f"B{n:08d}", size_cc=1500)
        return {"code": code, "register_number": numbers[code], "kib": kib, "name": f"{word} {rng.choice(BRANDS)} "
                f"nomor {n}", "acquisition_year": year, "acquisition_date": date(year, 1 + n % 12, 1 + n % 28),
                "acquisition_value": rng.randrange(5, 5000) * 100_000, "source": "apbd",
                "condition": rng.choice(("B", "B", "B", "KB", "RB")), "room_id": rng.choice(room_ids),
                "details": details, "registered_by": "bench"}

    for n in range(items):
        if n < kib_b:
            batch.append(row(B_CODES[n % len(B_CODES)], "B", n))
        else:
            code = others[n % len(others)]
            batch.append(row(code.code, code.kib, n))
        if len(batch) == 5000:
            session.execute(insert(Asset), batch)
            batch = []
    if batch:
        session.execute(insert(Asset), batch)
    session.flush()
    return {"items": items, "kib_b": kib_b, "rooms": len(room_ids), "room_id": room_ids[7]}


def prepare_stack(db_url: str, items: int = 50_000, kib_b: int = 10_000) -> dict:
    """The same generated register in a running stack's assets database (``bench/run.py``'s through-the-stack
    search scenario): committed and analysed; the stack's database is thrown away with it."""
    from assets.seed import seed
    from situok_kit.db import make_engine
    from sqlalchemy.orm import Session

    engine = make_engine(db_url, pool_size=1)
    try:
        with Session(engine) as session:
            seed(session)
            counts = _generate(session, items, kib_b)
            session.commit()
        with engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE assets")
            connection.commit()
        return counts
    finally:
        engine.dispose()


def _median_ms(fn, rounds: int) -> float:
    fn()                                                                  # warms caches and the plan
    times = []
    for _ in range(max(rounds, 3)):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _best_s(fn, rounds: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(max(rounds, 1)):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--rounds", type=int, default=5, help="timed runs (search: median; files: best)")
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--kib-b", type=int, default=10_000)
    args = parser.parse_args(argv)

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "services", "assets"))
    from assets.domain import kib_export, labels
    from assets.domain.register_search import list_assets as search
    from assets.models import Asset
    from assets.seed import seed
    from situok_kit import testing
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    pg = os.environ.get("SITUOK_TEST_PG_URL") or testing.DEFAULT_PG
    with testing.migrated_database(pg, "assets", "situok_assets_bench") as db:
        engine = db.engine
        with Session(engine) as session:
            seed(session)
            counts = _generate(session, args.items, args.kib_b)
            session.commit()
        with engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE assets")
            connection.exec_driver_sql("ANALYZE rooms")
            connection.commit()
        searches = {
            "kib B": {"kib": "B", "status": "active"},
            "room": {"room_id": counts["room_id"], "status": "active"},
            "word 'laptop'": {"q": "laptop", "status": "active"},
            "code 1.3.2.05 + RB": {"code": "1.3.2.05", "condition": "RB", "status": "active"},
            "none": {"status": "active"},
        }
        timings: dict[str, float] = {}
        with Session(engine) as session:
            for label, filters in searches.items():
                found = search(session, filters, None, 50)
                assert found["items"], f"the search {label!r} found nothing"
                timings[label] = _median_ms(lambda f=filters: search(session, f, None, 50), args.rounds)
            today = date(2026, 12, 3)
            xlsx_s, xlsx = _best_s(lambda: kib_export.document(session, "B", "xlsx", {}, today), args.rounds)
            pdf_s, pdf = _best_s(lambda: kib_export.document(session, "B", "pdf", {}, today), args.rounds)
            ids = list(session.scalars(select(Asset.id).order_by(Asset.id).limit(LABELS)))
            now = datetime(2026, 12, 3, 2, tzinfo=UTC)
            labels_s, sheet = _best_s(lambda: labels.label_sheet(session, ids, None, "https://situok.example",
                                                                 "a4-3x8", 0, now), args.rounds)
            session.rollback()
    assert xlsx["content"][:2] == b"PK" and pdf["content"][:4] == b"%PDF" and sheet["count"] == LABELS
    worst_search = max(timings.values())
    out = {**{k: v for k, v in counts.items() if k != "room_id"}, "rounds": args.rounds,
           "search_median_ms": {k: round(v, 2) for k, v in timings.items()},
           "kib_b_xlsx_seconds": round(xlsx_s, 3), "kib_b_xlsx_bytes": len(xlsx["content"]),
           "kib_b_pdf_seconds": round(pdf_s, 3), "kib_b_pdf_bytes": len(pdf["content"]),
           "labels_240_seconds": round(labels_s, 3), "labels_240_bytes": len(sheet["content"]),
           "targets": {"search_ms": SEARCH_TARGET_MS, "export_seconds": EXPORT_TARGET_S},
           "within_target": worst_search <= SEARCH_TARGET_MS and xlsx_s <= EXPORT_TARGET_S
           and pdf_s <= EXPORT_TARGET_S}
    print(f"assets register: {counts['items']} items ({counts['kib_b']} KIB B) in {counts['rooms']} rooms; "
          "search by assets.domain.register_search.list_assets")
    print(f"  {'what':<34} {'time':>12}  target")
    for label, ms in timings.items():
        print(f"  {'search: ' + label:<34} {ms:>9.1f} ms  < {SEARCH_TARGET_MS:.0f} ms (median)")
    print(f"  {'KIB B export, XLSX (' + str(counts['kib_b']) + ')':<34} {xlsx_s:>10.2f} s  < {EXPORT_TARGET_S:.0f} s")
    print(f"  {'KIB B export, PDF (' + str(counts['kib_b']) + ')':<34} {pdf_s:>10.2f} s  < {EXPORT_TARGET_S:.0f} s")
    print(f"  {'label sheet PDF (240)':<34} {labels_s:>10.2f} s")
    print(f"  targets {'met' if out['within_target'] else 'NOT met'}")
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    # run on its own (``make bench`` runs it after bench/finance_books.py): the PostgreSQL the tests use, or a
    # throwaway one
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
    from tools.local_servers import servers_for_tests

    with servers_for_tests() as server_env:
        os.environ.update(server_env)
        main(sys.argv[1:])
