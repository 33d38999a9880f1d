"""The career area on the real stack: the due list of a month from roster rows written for it (ids ≥ 900000, a
unit of their own), an employee's own dates and who may read them, reminders made once with two timer runs
racing (the event only for the row inserted), marking read, the rules seeded as data, and the exports (the DUK's
columns and order in XLSX, the PDFs, 403 for others)."""
from __future__ import annotations

import base64
import io
import itertools
import threading
from datetime import date

import pytest
from kepegawaian.domain import career, career_rules
from kepegawaian.models import kit_tables
from openpyxl import load_workbook
from situok_kit.clock import wita_day
from situok_kit.db import Transaction
from situok_kit.errors import Forbidden, ValidationFailed
from situok_kit.testing import employee_identity, wait_for
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

pytestmark = pytest.mark.integration

_ids = itertools.count(900_000 + (id(object()) % 1000) * 50)
MONTH = "2030-06"


def _unit(engine) -> int:
    unit_id = next(_ids)
    with Session(engine) as session, session.begin():
        session.execute(text("INSERT INTO roster_units (id, code, name, kind, parent_id, active) "
                             "VALUES (:id, :code, :name, 'subbagian', NULL, true)"),
                        {"id": unit_id, "code": f"T.CAR.{unit_id}", "name": f"Unit Uji Karier {unit_id}"})
    return unit_id


def _employee(engine, unit_id: int, name: str, **facts) -> int:
    employee_id = next(_ids)
    values = {"id": employee_id, "name": name, "full_name": name, "nip": f"19{employee_id:016d}"[:18],
              "employment_type": "pns", "position_name": "Analis", "unit_id": unit_id,
              "unit_name": f"Unit Uji Karier {unit_id}", "active": True, "status": "aktif", "golongan": None,
              "pangkat": None, "pppk_grade": None, "tmt_cpns": None, "rank_tmt": None, "kgb_tmt": None,
              "birth_date": None, "position_level": None, "gender": "L", "nik": None, "position_tmt": None} | facts
    columns = ", ".join(values)
    with Session(engine) as session, session.begin():
        session.execute(text(f"INSERT INTO roster_employees ({columns}) VALUES "
                             f"({', '.join(':' + c for c in values)})"), values)
    return employee_id


def test_the_due_list_of_a_month_with_the_overdue(rpc, bureau, kepegawaian_db):
    _, engine = kepegawaian_db
    unit = _unit(engine)
    birth = date(1980, 1, 1)
    kgb = _employee(engine, unit, "KGB Tengah Bulan", kgb_tmt=date(2028, 5, 15), tmt_cpns=date(2010, 1, 1),
                    birth_date=birth, position_level="pelaksana")
    kp = _employee(engine, unit, "KP Tepat Empat Tahun", golongan="III/b", rank_tmt=date(2026, 6, 1),
                   kgb_tmt=date(2029, 1, 1), birth_date=birth, position_level="pelaksana")
    bup_first = _employee(engine, unit, "BUP Lahir Tanggal Satu", birth_date=date(1972, 5, 1),
                          position_level="pengawas", kgb_tmt=date(2029, 1, 1))
    bup_31 = _employee(engine, unit, "BUP Lahir Tanggal 31", birth_date=date(1972, 5, 31),
                       kgb_tmt=date(2029, 1, 1))
    _employee(engine, unit, "KGB Juli", kgb_tmt=date(2028, 7, 1), birth_date=birth, position_level="pelaksana")
    stale = _employee(engine, unit, "KGB Belum Dicatat", kgb_tmt=date(2020, 1, 1), birth_date=birth,
                      position_level="pelaksana")
    _employee(engine, unit, "Sudah Pensiun", kgb_tmt=date(2028, 6, 1), status="pensiun", birth_date=birth)
    _employee(engine, unit, "Honorer", employment_type="non_asn", nip=None, kgb_tmt=date(2028, 6, 1))

    officer = rpc(bureau.staff_officer())
    found = officer.due_list(month=MONTH, unit_id=unit)
    got = {(i["employee_id"], i["kind"]): i for i in found["items"]}
    assert set(got) == {(kgb, "kgb"), (kp, "kp"), (bup_first, "bup"), (bup_31, "bup"), (stale, "kgb")}
    assert got[(kgb, "kgb")]["due_date"] == "2030-06-01" and got[(kgb, "kgb")]["overdue"] is False
    assert got[(kp, "kp")]["due_date"] == "2030-06-01"
    assert got[(bup_first, "bup")]["due_date"] == got[(bup_31, "bup")]["due_date"] == "2030-06-01"
    assert got[(bup_31, "bup")]["flags"] == ["level_missing"]
    assert got[(stale, "kgb")]["overdue"] is True and got[(stale, "kgb")]["due_date"] == "2022-01-01"
    assert found["counts"] == {"kgb": 2, "kp": 1, "bup": 2, "overdue": 1}
    only_kp = officer.due_list(month=MONTH, kinds=["kp"], unit_id=unit)
    assert [(i["employee_id"], i["kind"]) for i in only_kp["items"]] == [(kp, "kp")]
    # a range: June–July adds July's KGB
    assert len(officer.due_list(month=MONTH, until="2030-07", unit_id=unit)["items"]) == 6
    with pytest.raises(ValidationFailed):
        officer.due_list(month="2030-13", unit_id=unit)
    assert len(rpc(bureau.official()).due_list(month=MONTH, unit_id=unit)["items"]) == 5
    for outsider in (bureau.pegawai(), bureau.supervisor(), bureau.non_asn()):
        with pytest.raises(Forbidden):
            rpc(outsider).due_list(month=MONTH, unit_id=unit)


def test_an_employee_sees_their_own_dates_and_readers_theirs(rpc, bureau, kepegawaian_db):
    _, engine = kepegawaian_db
    unit = _unit(engine)
    me = _employee(engine, unit, "Pegawai Sendiri", golongan="III/c", rank_tmt=date(2022, 12, 2),
                   kgb_tmt=date(2025, 3, 15), tmt_cpns=date(2010, 3, 1), birth_date=date(1968, 3, 31),
                   position_level="ahli_madya")
    mine = rpc(employee_identity("sendiri", me)).my_career_dates()
    assert mine["kgb"]["due_date"] == "2027-04-01" and mine["kp"]["due_date"] == "2027-01-01"
    assert mine["bup"]["due_date"] == "2028-04-01" and mine["bup"]["detail"] == "BUP 60 tahun"
    assert rpc(bureau.staff_officer()).career_dates(me)["kgb"]["due_date"] == "2027-04-01"
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).career_dates(me)
    own = rpc(bureau.pegawai()).my_career_dates()
    assert own["employee_id"] == bureau.employee_ids["pegawai"]


def _make(engine_url_or_engine, today):
    engine = engine_url_or_engine
    with Session(engine) as session, session.begin():
        return career.make_reminders(Transaction(session, kit_tables, {}, None), today)


def test_reminders_are_made_once_with_two_runs_racing(rpc, bureau, kepegawaian_db):
    url, engine = kepegawaian_db
    unit = _unit(engine)
    today = wita_day()
    due = career_rules.first_of_next_month(today)
    someone = _employee(engine, unit, "Diingatkan KGB", kgb_tmt=career_rules.add_years(due, -2),
                        birth_date=date(1985, 1, 1), position_level="pelaksana")
    second_engine = create_engine(url, poolclass=NullPool)
    failed: list[BaseException] = []
    found: dict[str, int] = {}

    def second_instance():
        try:
            found["second"] = _make(second_engine, today)
        except BaseException as exc:
            failed.append(exc)
            raise

    with Session(engine) as first, first.begin():
        found["first"] = career.make_reminders(Transaction(first, kit_tables, {}, None), today)
        waiting = threading.Thread(target=second_instance, daemon=True)
        waiting.start()

        def second_is_waiting() -> bool:
            with engine.connect() as watch:
                return bool(failed) or bool(watch.scalar(text(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND query ILIKE 'INSERT INTO career_reminders%'")))

        wait_for(second_is_waiting, timeout=30, message="the second run waiting on the reminder row")
        assert not failed, failed
    waiting.join(timeout=30)
    second_engine.dispose()
    assert not failed, failed
    rows = bureau.rows("SELECT kind, due_date FROM career_reminders WHERE employee_id = :e", {"e": someone})
    assert rows == [("kgb", due)]
    events = bureau.rows("SELECT envelope FROM outbox_events WHERE event_type = 'kepegawaian.career_due' "
                         "AND (envelope->'data'->>'employee_id')::int = :e", {"e": someone})
    assert len(events) == 1
    data = events[0][0]["data"]
    assert data == {"employee_id": someone, "employee_name": "Diingatkan KGB", "nip": data["nip"], "unit_id": unit,
                    "kind": "kgb", "due_date": due.isoformat()}
    _make(engine, today)  # a later run: nothing new for the same date
    assert bureau.scalar("SELECT count(*) FROM career_reminders WHERE employee_id = :e", {"e": someone}) == 1
    assert bureau.scalar("SELECT count(*) FROM outbox_events WHERE event_type = 'kepegawaian.career_due' "
                         "AND (envelope->'data'->>'employee_id')::int = :e", {"e": someone}) == 1

    # the staff officers see it and mark it read; others may not
    officer = rpc(bureau.staff_officer())
    page = officer.list_reminders(unread_only=True, limit=200)
    while not any(r["employee_id"] == someone for r in page["items"]) and page["next_cursor"]:
        page = officer.list_reminders(unread_only=True, cursor=page["next_cursor"], limit=200)
    mine = next(r for r in page["items"] if r["employee_id"] == someone)
    assert mine["allowed_actions"] == ["mark_read"]
    read = officer.mark_reminder_read(mine["id"])
    assert read["read_at"] and read["allowed_actions"] == []
    for outsider in (bureau.pegawai(), bureau.official()):
        with pytest.raises(Forbidden):
            rpc(outsider).list_reminders()
        with pytest.raises(Forbidden):
            rpc(outsider).mark_reminder_read(mine["id"])


def test_a_date_outside_its_lead_time_is_not_reminded(bureau, kepegawaian_db):
    _, engine = kepegawaian_db
    unit = _unit(engine)
    today = wita_day()
    far = _employee(engine, unit, "Masih Lama", kgb_tmt=date(today.year, 1, 1), birth_date=date(1990, 1, 1),
                    position_level="pelaksana")
    _make(engine, today)
    assert bureau.scalar("SELECT count(*) FROM career_reminders WHERE employee_id = :e", {"e": far}) == 0


def test_the_rules_are_seeded_as_data_with_their_sources(rpc, bureau, kepegawaian_db):
    _, engine = kepegawaian_db
    with Session(engine) as session, session.begin():
        career.seed(session)
    with Session(engine) as session, session.begin():
        assert career.seed(session) == {"career_rules": 0}
    rules = rpc(bureau.pegawai()).career_rules()["items"]
    periods = [r for r in rules if r["kind"] == "kp_periods"]
    assert [p["effective_from"] for p in periods] == ["2000-01-01", "2024-01-01", "2025-10-01"]
    assert all(r["source"] for r in rules)
    assert {r["key"]: r["value"] for r in rules if r["kind"] == "bup_age"}["ahli_utama"] == 65


def _xlsx(answer) -> list[tuple]:
    book = load_workbook(io.BytesIO(base64.b64decode(answer["content_b64"])))
    return list(book.active.iter_rows(values_only=True))


def test_the_duk_in_rank_order_with_its_columns_and_the_other_exports(rpc, bureau, kepegawaian_db):
    _, engine = kepegawaian_db
    unit = _unit(engine)
    common = {"birth_date": date(1980, 1, 1), "kgb_tmt": date(2029, 1, 1)}
    _employee(engine, unit, "Junior III/a", golongan="III/a", pangkat="Penata Muda",
                       rank_tmt=date(2020, 4, 1), position_level="pelaksana", tmt_cpns=date(2015, 1, 1), **common)
    _employee(engine, unit, "Senior IV/a", golongan="IV/a", pangkat="Pembina",
                       rank_tmt=date(2021, 4, 1), position_level="pelaksana", tmt_cpns=date(2000, 1, 1), **common)
    _employee(engine, unit, "III/d lebih dulu", golongan="III/d", pangkat="Penata Tingkat I",
                        rank_tmt=date(2018, 10, 1), position_level="pelaksana", tmt_cpns=date(2008, 3, 1), **common)
    _employee(engine, unit, "III/d pengawas", golongan="III/d", pangkat="Penata Tingkat I",
                         rank_tmt=date(2019, 4, 1), position_level="pengawas", tmt_cpns=date(2009, 1, 1), **common)
    _employee(engine, unit, "PPPK Tidak di DUK", employment_type="pppk", pppk_grade="IX", **common)
    officer = rpc(bureau.staff_officer())
    answer = officer.export_duk(format="xlsx", unit_id=unit)
    assert answer["filename"].endswith(".xlsx")
    rows = _xlsx(answer)
    assert rows[2] == ("No", "Nama / NIP", "Pangkat Gol/Ruang", "TMT Pangkat", "Jabatan", "TMT Jabatan",
                       "Masa Kerja Thn", "Masa Kerja Bln", "Latihan Jabatan Nama", "Latihan Jabatan Tahun",
                       "Latihan Jabatan Jml Jam", "Pendidikan Nama", "Pendidikan Lulus Tahun",
                       "Pendidikan Tingkat Ijazah", "Usia", "Catatan Mutasi", "Ket.")
    body = rows[3:]
    assert [r[1].split("\n")[0] for r in body] == ["Senior IV/a", "III/d lebih dulu", "III/d pengawas",
                                                   "Junior III/a"]
    assert [r[0] for r in body] == [1, 2, 3, 4]
    assert body[1][2] == "Penata Tingkat I III/d" and body[1][3] == "1 Oktober 2018"
    pdf = officer.export_duk(format="pdf", unit_id=unit)
    assert base64.b64decode(pdf["content_b64"]).startswith(b"%PDF") and pdf["content_type"] == "application/pdf"

    nominative = _xlsx(rpc(bureau.official()).export_nominative(unit_id=unit))
    assert nominative[2][:4] == ("No", "Nama", "NIP/NIK", "Jenis Pegawai")
    assert len(nominative) == 3 + 5 and any(r[3] == "PPPK" and r[4] == "IX" for r in nominative[3:])
    due = officer.export_due_list(format="pdf", month="2031-01", unit_id=unit)
    assert base64.b64decode(due["content_b64"]).startswith(b"%PDF")
    due_rows = _xlsx(officer.export_due_list(month="2031-01", kinds="kgb,kp", unit_id=unit))
    assert {r[1] for r in due_rows[3:]} >= {"Junior III/a", "PPPK Tidak di DUK"}
    for outsider in (bureau.pegawai(), bureau.supervisor()):
        caller = rpc(outsider)
        for export in (caller.export_duk, caller.export_nominative, caller.export_due_list):
            with pytest.raises(Forbidden):
                export(unit_id=unit)


def test_the_duk_takes_education_and_training_from_the_documents_area(rpc, bureau, kepegawaian_db, monkeypatch):
    """The documents area's answers (its own tests cover which documents count) land in the DUK's columns, asked
    once for all the rows."""
    from kepegawaian.domain import documents

    _, engine = kepegawaian_db
    unit = _unit(engine)
    someone = _employee(engine, unit, "Berijazah", golongan="III/b", pangkat="Penata Muda Tingkat I",
                        rank_tmt=date(2022, 4, 1), tmt_cpns=date(2012, 3, 1), birth_date=date(1988, 8, 17),
                        position_level="pelaksana")
    asked = []

    def education_of(session, ids):
        asked.append(("education", sorted(ids)))
        return {someone: {"level": "S1", "major": "Manajemen", "institution": "Universitas Udayana", "year": 2010}}

    def trainings_of(session, ids):
        asked.append(("training", sorted(ids)))
        return {someone: [{"name": "Latsar CPNS", "year": 2013, "hours": 120},
                          {"name": "Diklat Kepegawaian", "year": 2019, "hours": 40}]}

    monkeypatch.setattr(documents, "education_of", education_of)
    monkeypatch.setattr(documents, "trainings_of", trainings_of)
    rows = _xlsx(rpc(bureau.staff_officer()).export_duk(unit_id=unit))
    assert asked == [("education", [someone]), ("training", [someone])]
    row = rows[3]
    assert row[8:14] == ("Latsar CPNS; Diklat Kepegawaian", "2013; 2019", 160, "Manajemen Universitas Udayana",
                         2010, "S1")
    assert row[6] is not None and row[14] is not None  # masa kerja (years) and age
