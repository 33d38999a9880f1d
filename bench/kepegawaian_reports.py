"""Time kepegawaian's heavy reports at ten times the bureau's size: 2,000 employees in 60 units, each with a
verified diploma and 2 training certificates, and a year of 10,000 approved leave requests (targets: under 2 s
and a Python memory peak under 200 MB each, in-process with the real database).

Why these targets: every one of these files is a staff officer's download (Subbagian Kepegawaian) — they click
and wait, through the gateway's RPC (whose default timeout is 10 s, ``SITUOK_RPC_TIMEOUT``) and a browser.
Under 2 s in-process leaves room for the transport (the base64 answer over RabbitMQ) and a busier server, and is
what a person accepts for a file without a progress bar. 200 MB of Python memory per report: a service runs
several workers in one process; a few reports at once must not take the container's memory (a typical
512 MB–1 GB limit per service).

In-process against a throwaway database (created, migrated with the service's Alembic migrations, seeded with
the reference data — settings, leave and career rules, document types — and dropped here; PostgreSQL from
``SITUOK_TEST_PG_URL`` or the local default). Generated deterministically: 60 units (the bureau, 3 bagian, 56
subbagian and teams, one of them ``BUP.TU.KPG`` — the staff officers), 2,000 employees (80 % PNS with golongan,
rank TMT, KGB TMT, position level …; 10 % PPPK, 10 % non-ASN), a verified ijazah and 2 verified training
certificates per employee in the documents tables (one tiny PDF shared as their file), and 10,000 approved leave
requests of 2025 (5 per employee, no two of an employee overlapping: the exclusion constraint holds).

Timed, best of ``-n`` runs after one warm-up, as the RPCs do them minus transport — a fresh session per call (as
a worker has), the caller read (``domain.staff.caller_of``, a staff officer), the domain call, the rendering and
the answer's dump (base64 included):

* ``export_duk`` (``domain.duk.duk_rows`` → ``documents.career_pdf``): the DUK of every unit, XLSX and PDF;
* ``export_nominative`` (``domain.duk.nominative_rows``): the nominative list of every unit, XLSX and PDF;
* ``due_list`` (``domain.career.due_list``): KGB and KP due in 12 months (December 2026 – November 2027, the
  overdue ones included) on screen, and ``export_due_list`` as XLSX and PDF;
* ``export_leave_recap`` (``domain.leave_recap.recap`` → ``documents.leave_recap``): 2025 for every unit, XLSX
  and PDF.

Memory: one more run of each under ``tracemalloc`` (Python allocations only; its peak), not timed — tracemalloc
slows Python code down; that run's SQL statements are counted too (the ``queries`` column: a number growing with
the rows is a query per row).

Run: ``.venv/bin/python bench/kepegawaian_reports.py [-n 3] [--employees 2000] [--units 60] [--leave 10000]``
(``make bench`` runs it). Prints a table (one line per report, then the verdict), then the figures as JSON.
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import random
import sys
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta

TARGET_SECONDS = 2.0
TARGET_MB = 200.0
TODAY = date(2026, 12, 3)
LEAVE_YEAR = 2025
DUE_FROM, DUE_UNTIL = "2026-12", "2027-11"
STAFF_UNIT = "BUP.TU.KPG"
# A one-page PDF, shared by every document row (the reports never read the file).
TINY_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
            b"endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n"
            b"%%EOF\n")
PANGKAT = {"I/a": "Juru Muda", "I/b": "Juru Muda Tingkat I", "I/c": "Juru", "I/d": "Juru Tingkat I",
           "II/a": "Pengatur Muda", "II/b": "Pengatur Muda Tingkat I", "II/c": "Pengatur",
           "II/d": "Pengatur Tingkat I", "III/a": "Penata Muda", "III/b": "Penata Muda Tingkat I",
           "III/c": "Penata", "III/d": "Penata Tingkat I", "IV/a": "Pembina", "IV/b": "Pembina Tingkat I",
           "IV/c": "Pembina Utama Muda", "IV/d": "Pembina Utama Madya", "IV/e": "Pembina Utama"}
GOLONGAN_WEIGHTS = {"I/c": 1, "I/d": 1, "II/a": 4, "II/b": 5, "II/c": 6, "II/d": 5, "III/a": 12, "III/b": 12,
                    "III/c": 10, "III/d": 10, "IV/a": 7, "IV/b": 5, "IV/c": 2, "IV/d": 1}
LEVELS = {"jpt_pratama": 1, "administrator": 3, "pengawas": 10, "ahli_madya": 4, "ahli_muda": 10,
          "ahli_pertama": 12, "terampil": 6, "mahir": 4, "pelaksana": 50}
FIRST = ("I Made", "Ni Luh", "I Wayan", "Ni Kadek", "I Nyoman", "Ni Ketut", "I Gede", "Ni Putu", "Anak Agung",
         "Dewa Ayu", "Komang", "Gusti Ngurah")
LAST = ("Sudarma", "Ariani", "Suardana", "Widiastuti", "Mahendra", "Purnamasari", "Wirawan", "Sukerti",
        "Adnyana", "Yuliani", "Saputra", "Pratiwi", "Artawan", "Sriasih")
TRAININGS = ("Pelatihan Kepemimpinan Pengawas", "Pelatihan Kepemimpinan Administrator", "Diklat Kearsipan",
             "Bimtek Pengelolaan Keuangan Daerah", "Pelatihan Dasar CPNS", "Diklat Protokol dan MC",
             "Bimtek Pengadaan Barang/Jasa", "Pelatihan Analis Kebijakan", "Diklat Teknis Kepegawaian")
MAJORS = (("S1", "Ilmu Administrasi Negara", "Universitas Udayana"), ("S1", "Hukum", "Universitas Udayana"),
          ("S2", "Manajemen", "Universitas Pendidikan Nasional"), ("D3", "Akuntansi", "Politeknik Negeri Bali"),
          ("SMA", "IPS", "SMA Negeri 1 Denpasar"), ("S1", "Ekonomi", "Universitas Warmadewa"),
          ("D4", "Pariwisata", "Politeknik Pariwisata Bali"), ("S2", "Ilmu Komunikasi", "Universitas Udayana"))


def _units(count: int) -> list[dict]:
    """The bureau, 3 bagian and their subbagian/teams (``STAFF_UNIT`` among them): ``count`` units."""
    units = [{"id": 1, "code": "BUP", "name": "Biro Umum dan Protokol", "kind": "biro", "parent_id": None}]
    bagian = (("BUP.TU", "Bagian Tata Usaha dan Kepegawaian"), ("BUP.PROT", "Bagian Protokol"),
              ("BUP.RT", "Bagian Rumah Tangga"))
    for i, (code, name) in enumerate(bagian, start=2):
        units.append({"id": i, "code": code, "name": name, "kind": "bagian", "parent_id": 1})
    units.append({"id": 5, "code": STAFF_UNIT, "name": "Subbagian Kepegawaian", "kind": "subbagian", "parent_id": 2})
    for n in range(len(units), count):
        parent = 2 + n % 3
        units.append({"id": n + 1, "code": f"{units[parent - 1]['code']}.S{n:02d}",
                      "name": f"Subbagian {units[parent - 1]['name'][7:]} {n:02d}", "kind": "subbagian",
                      "parent_id": parent})
    return units[:count]


def _weighted(rng: random.Random, weights: dict) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _working_days(start: date, end: date) -> int:
    return sum(1 for n in range((end - start).days + 1) if (start + timedelta(days=n)).weekday() < 5)


def _generate(session, employees: int, unit_count: int, leave: int) -> dict:
    """Units, employees, their documents and a year of approved leave (bulk inserts); counts."""
    from kepegawaian.models import EmployeeDocument, LeaveRequest, RosterEmployee, RosterUnit
    from psycopg2.extras import DateRange
    from sqlalchemy import insert

    rng = random.Random(2026)
    units = _units(unit_count)
    session.execute(insert(RosterUnit), units)
    unit_names = {u["id"]: u["name"] for u in units}
    people: list[dict] = []
    for i in range(1, employees + 1):
        kind = "pns" if i % 10 < 8 else ("pppk" if i % 10 == 8 else "non_asn")
        unit_id = 5 if i <= 10 else units[i % len(units)]["id"]
        gender = "L" if rng.random() < 0.55 else "P"
        birth = date(1966, 1, 1) + timedelta(days=rng.randrange(0, 34 * 365))
        tmt_cpns = date(max(birth.year + 22, 1990) + rng.randrange(0, 8), 1 + rng.randrange(12), 1)
        if tmt_cpns >= TODAY:
            tmt_cpns = date(2024, 3, 1)
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]} {i:04d}"
        row = {"id": i, "name": name, "full_name": f"{name}, S.E." if i % 3 == 0 else name,
               "employment_type": kind, "unit_id": unit_id, "unit_name": unit_names[unit_id], "active": True,
               "gender": gender, "birth_date": birth, "birth_place": "Denpasar",
               "position_name": f"Analis {i % 40:02d}" if kind != "non_asn" else "Tenaga Pendukung",
               "supervisor_id": None if i == 1 else 1 + (i - 1) // 20, "status": "aktif",
               "nik": f"5171{i:012d}", "nip": None, "golongan": None, "pangkat": None, "pppk_grade": None,
               "tmt_cpns": None, "rank_tmt": None, "kgb_tmt": None, "position_level": None, "position_tmt": None}
        if kind in ("pns", "pppk"):
            row.update(nip=f"{birth:%Y%m%d}{tmt_cpns:%Y%m}{1 if gender == 'L' else 2}{i % 1000:03d}",
                       tmt_cpns=tmt_cpns, position_level=_weighted(rng, LEVELS),
                       position_tmt=max(tmt_cpns, date(2015, 1, 1) + timedelta(days=rng.randrange(0, 3650))),
                       kgb_tmt=date(2023 + rng.randrange(0, 4), 1 + rng.randrange(12), 1))
            if row["kgb_tmt"] > TODAY or row["kgb_tmt"] < tmt_cpns:
                row["kgb_tmt"] = max(tmt_cpns, date(2025, 1, 1))
        if kind == "pns":
            golongan = _weighted(rng, GOLONGAN_WEIGHTS)
            row.update(golongan=golongan, pangkat=PANGKAT[golongan],
                       rank_tmt=max(tmt_cpns, date(2012 + rng.randrange(0, 14), (1, 4, 10)[rng.randrange(3)], 1)))
            if i % 97 == 0:
                row["status"] = "cltn"
        elif kind == "pppk":
            row["pppk_grade"] = ("V", "VII", "IX", "X")[i % 4]
        people.append(row)
    for start in range(0, len(people), 1000):
        session.execute(insert(RosterEmployee), people[start:start + 1000])

    verified_at = datetime(2026, 1, 15, 2, tzinfo=UTC)
    documents = []
    for p in people:
        level, major, institution = MAJORS[p["id"] % len(MAJORS)]
        common = {"employee_id": p["id"], "file_content": TINY_PDF, "file_type": "application/pdf",
                  "file_size": len(TINY_PDF), "status": "verified", "uploaded_by": "bench",
                  "verified_at": verified_at, "verified_by": "bench"}
        graduated = max(1985, p["birth_date"].year + 22)
        documents.append({**common, "type_code": "ijazah", "number": f"IJ-{p['id']:05d}", "file_name": "ijazah.pdf",
                          "issued_on": date(graduated, 7, 1),
                          "details": {"level": level, "major": major, "institution": institution,
                                      "year": graduated}})
        for t in range(2):
            year = 2015 + (p["id"] + 5 * t) % 11
            documents.append({**common, "type_code": "sertifikat_diklat", "number": f"DL-{p['id']:05d}-{t}",
                              "file_name": f"diklat-{t}.pdf", "issued_on": date(year, 6, 1),
                              "details": {"name": TRAININGS[(p["id"] + 3 * t) % len(TRAININGS)],
                                          "organiser": "BPSDM Provinsi Bali", "year": year,
                                          "hours": (40, 24, 60, 120)[(p["id"] + t) % 4]}})
    for start in range(0, len(documents), 2000):
        session.execute(insert(EmployeeDocument), documents[start:start + 2000])

    # leave: ``per`` requests per employee, one in each of ``per`` equal slices of the year (never overlapping)
    kind_names = {"tahunan": "Cuti Tahunan", "sakit": "Cuti Sakit", "alasan_penting": "Cuti karena Alasan Penting",
                  "melahirkan": "Cuti Melahirkan", "besar": "Cuti Besar"}
    year_start = date(LEAVE_YEAR, 1, 2)
    requests = []
    base, extra = divmod(leave, len(people))
    for index, p in enumerate(people):
        per = base + (1 if index < extra else 0)
        if not per:
            continue
        span = 360 // per
        for slot in range(per):
            if p["employment_type"] == "non_asn":
                kind = "tahunan" if slot % 3 else "sakit"
            elif p["gender"] == "P" and slot == per - 1 and p["id"] % 41 == 0:
                kind = "melahirkan"
            else:
                kind = ("tahunan", "sakit", "tahunan", "alasan_penting", "tahunan")[slot % 5]
            start = year_start + timedelta(days=slot * span + rng.randrange(0, max(1, span - 8)))
            if kind == "tahunan":
                while start.weekday() >= 5:
                    start += timedelta(days=1)
                end = start + timedelta(days=rng.randrange(0, 3))
                days = _working_days(start, end)
            else:
                length = {"sakit": rng.randrange(1, 4), "alasan_penting": rng.randrange(1, 6),
                          "melahirkan": min(span - 1, 90)}[kind]
                end = start + timedelta(days=length - 1)
                days = length
            requests.append({"employee_id": p["id"], "employee_name": p["full_name"], "nip": p["nip"],
                             "employment_type": p["employment_type"], "unit_id": p["unit_id"],
                             "supervisor_id": p["supervisor_id"], "kind": kind, "kind_name": kind_names[kind],
                             "start_date": start, "end_date": end, "period": DateRange(start, end, "[]"),
                             "days": days, "status": "approved", "filed_by": "bench", "decided_option": "approve",
                             "decided_at": verified_at, "decided_by": "bench"})
    for start in range(0, len(requests), 2000):
        session.execute(insert(LeaveRequest), requests[start:start + 2000])
    session.flush()
    return {"employees": len(people), "pns": sum(1 for p in people if p["employment_type"] == "pns"),
            "units": len(units), "documents": len(documents), "leave_requests": len(requests)}


def _best(fn, rounds: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(max(rounds, 1) + 1):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times[1:]), result                                        # the first warms caches


def _peak_mb(fn) -> float:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--rounds", type=int, default=3, help="timed runs of each (best reported)")
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--leave", type=int, default=10_000)
    args = parser.parse_args(argv)

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "services", "kepegawaian"))
    from kepegawaian.documents import career_pdf
    from kepegawaian.documents import leave_recap as recap_file
    from kepegawaian.domain import career, duk, leave_recap, staff
    from kepegawaian.entrypoints import career as career_rpc
    from kepegawaian.entrypoints import exports as exports_rpc
    from kepegawaian.seed import seed
    from situok_kit import testing
    from situok_kit.identity import Identity
    from situok_kit.schema import load_input
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    identity = Identity(account_id=1, username="bench.kepegawaian", employee_id=1, unit_id=5,
                        roles=frozenset({"pegawai"}))
    counted: dict[str, int] = {}

    def export_duk(fmt: str) -> dict:                          # entrypoints.career.export_duk
        with Session(engine) as session:
            career.require_exporter(staff.caller_of(session, identity))
            found = load_input(career_rpc._export_in, {"format": fmt, "unit_id": None})
            label = career.unit_label(session, found["unit_id"])
            rows = duk.duk_rows(session, career.unit_scope(session, found["unit_id"]), TODAY)
            counted["duk"] = len(rows)
            return career_rpc._file(career_pdf.render(career_pdf.duk_sheet(rows, label, TODAY), found["format"],
                                                      f"duk-{TODAY.isoformat()}"))

    def export_nominative(fmt: str) -> dict:                   # entrypoints.career.export_nominative
        with Session(engine) as session:
            career.require_exporter(staff.caller_of(session, identity))
            found = load_input(career_rpc._export_in, {"format": fmt, "unit_id": None})
            label = career.unit_label(session, found["unit_id"])
            rows = duk.nominative_rows(session, career.unit_scope(session, found["unit_id"]))
            counted["nominative"] = len(rows)
            return career_rpc._file(career_pdf.render(career_pdf.nominative_sheet(rows, label, TODAY),
                                                      found["format"], f"nominatif-{TODAY.isoformat()}"))

    def due_screen() -> dict:                                  # entrypoints.career.due_list
        with Session(engine) as session:
            caller = staff.caller_of(session, identity)
            found = load_input(career_rpc._due_query, {"month": DUE_FROM, "until": DUE_UNTIL,
                                                       "kinds": ["kgb", "kp"], "unit_id": None})
            answer = career_rpc._due_out.dump(career.due_list(session, caller, found["month"], found["until"],
                                                              found["kinds"], found["unit_id"], TODAY))
            counted["due"] = len(answer["items"])
            return answer

    def export_due(fmt: str) -> dict:                          # entrypoints.career.export_due_list
        with Session(engine) as session:
            caller = staff.caller_of(session, identity)
            found = load_input(career_rpc._due_export_in, {"format": fmt, "month": DUE_FROM, "until": DUE_UNTIL,
                                                           "kinds": ["kgb", "kp"], "unit_id": None})
            listed = career.due_list(session, caller, found["month"], found["until"], found["kinds"],
                                     found["unit_id"], TODAY)
            counted["due"] = len(listed["items"])
            label = career.unit_label(session, found["unit_id"])
            sheet = career_pdf.due_sheet(listed["items"], listed["start"], listed["end"], label)
            return career_rpc._file(career_pdf.render(sheet, found["format"],
                                                      f"jatuh-tempo-{listed['start'].isoformat()[:7]}"))

    def export_recap(fmt: str) -> dict:                        # entrypoints.exports.export_leave_recap
        with Session(engine) as session:
            caller = staff.caller_of(session, identity)
            leave_recap.require_reader(caller)
            found = load_input(exports_rpc._export_in, {"year": LEAVE_YEAR, "unit_id": None, "format": fmt})
            recap = leave_recap.recap(session, caller, found["year"], found["unit_id"])
            counted["recap"] = len(recap["items"])
            made = recap_file.render(exports_rpc._recap_out.dump(recap), found["format"])
            return exports_rpc._file_out.dump({"filename": made["filename"], "content_type": made["content_type"],
                                               "content_b64": base64.b64encode(made["content"]).decode()})

    reports = (
        ("DUK, XLSX", "duk", lambda: export_duk("xlsx")),
        ("DUK, PDF", "duk", lambda: export_duk("pdf")),
        ("nominative list, XLSX", "nominative", lambda: export_nominative("xlsx")),
        ("nominative list, PDF", "nominative", lambda: export_nominative("pdf")),
        (f"KGB/KP due {DUE_FROM}..{DUE_UNTIL}, screen", "due", due_screen),
        (f"KGB/KP due {DUE_FROM}..{DUE_UNTIL}, XLSX", "due", lambda: export_due("xlsx")),
        (f"KGB/KP due {DUE_FROM}..{DUE_UNTIL}, PDF", "due", lambda: export_due("pdf")),
        (f"leave recap {LEAVE_YEAR}, XLSX", "recap", lambda: export_recap("xlsx")),
        (f"leave recap {LEAVE_YEAR}, PDF", "recap", lambda: export_recap("pdf")),
    )
    results = []
    pg = os.environ.get("SITUOK_TEST_PG_URL") or testing.DEFAULT_PG
    with testing.migrated_database(pg, "kepegawaian", "situok_kepegawaian_bench", seed=seed) as db:
        engine = db.engine
        statements = [0]
        event.listen(engine, "before_cursor_execute", lambda *_: statements.__setitem__(0, statements[0] + 1))
        with Session(engine) as session:
            counts = _generate(session, args.employees, args.units, args.leave)
            session.commit()
        with engine.connect() as connection:
            for table in ("roster_units", "roster_employees", "employee_documents", "leave_requests"):
                connection.exec_driver_sql(f"ANALYZE {table}")
            connection.commit()
        for label, rows_of, fn in reports:
            seconds, answer = _best(fn, args.rounds)
            size = len(base64.b64decode(answer["content_b64"])) if "content_b64" in answer else \
                len(json.dumps(answer, default=str).encode())
            statements[0] = 0
            peak = _peak_mb(fn)
            results.append({"report": label, "seconds": round(seconds, 3), "rows": counted[rows_of],
                            "bytes": size, "peak_mb": round(peak, 1), "queries": statements[0],
                            "met": seconds <= TARGET_SECONDS and peak <= TARGET_MB})
    assert results[0]["rows"] == counts["pns"] and results[4]["rows"] > 0
    assert results[2]["rows"] == counts["employees"] and results[7]["rows"] == counts["employees"]
    within = all(r["met"] for r in results)
    print(f"kepegawaian reports: {counts['employees']} employees ({counts['pns']} PNS) in {counts['units']} units, "
          f"{counts['documents']} verified documents, {counts['leave_requests']} approved leave requests of "
          f"{LEAVE_YEAR}; best of {args.rounds}, peak by tracemalloc (one more run)")
    print(f"  {'report':<40} {'time':>9} {'rows':>6} {'file':>10} {'peak':>9} {'queries':>8}  verdict")
    for r in results:
        print(f"  {r['report']:<40} {r['seconds']:>7.2f} s {r['rows']:>6} {r['bytes'] / 1024:>7.0f} kB "
              f"{r['peak_mb']:>6.1f} MB {r['queries']:>8}  {'met' if r['met'] else 'NOT met'}")
    print(f"  targets (< {TARGET_SECONDS:.0f} s and < {TARGET_MB:.0f} MB each) {'met' if within else 'NOT met'}")
    out = {**counts, "rounds": args.rounds, "reports": results,
           "targets": {"seconds": TARGET_SECONDS, "peak_mb": TARGET_MB}, "within_target": within}
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    # run on its own (``make bench`` runs it after bench/booking_availability.py): the PostgreSQL the tests use,
    # or a throwaway one
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
    from tools.local_servers import servers_for_tests

    with servers_for_tests() as server_env:
        os.environ.update(server_env)
        main(sys.argv[1:])
