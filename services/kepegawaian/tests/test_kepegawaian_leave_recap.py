"""The leave recap per unit and year through the running service: approved leave (written straight into the
table, as the leave area's workflow would leave it) counted per kind and employee, cancelled leave not; the
unit with its sub-units; staff officers and the official see every unit, a supervisor only their own staff,
anyone else 403; the XLSX cells (openpyxl) and the PDF text (pypdf) carry the same numbers."""
import base64
import io
from datetime import date
from decimal import Decimal

import pytest
from kepegawaian.models.leave import LeaveRequest
from psycopg2.extras import DateRange
from situok_kit.errors import Forbidden, ValidationFailed
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

YEAR = 2031


def leave_row(bureau, username: str, kind: str, start: date, end: date, days: str, status: str = "approved",
              employment_type: str = "pns") -> LeaveRequest:
    return LeaveRequest(employee_id=bureau.employee_ids[username], employee_name=username, nip=None,
                        employment_type=employment_type, unit_id=None, kind=kind, kind_name=kind, start_date=start,
                        end_date=end, period=DateRange(start, end, "[]"), days=Decimal(days), status=status,
                        reason="Rekap", filed_by=username)


@pytest.fixture(scope="module")
def approved(bureau, kepegawaian_db):
    rows = [leave_row(bureau, "pegawai", "tahunan", date(YEAR, 2, 3), date(YEAR, 2, 5), "3"),
            leave_row(bureau, "pegawai", "tahunan", date(YEAR, 3, 10), date(YEAR, 3, 10), "0.5"),
            leave_row(bureau, "pegawai", "tahunan", date(YEAR, 4, 7), date(YEAR, 4, 9), "3", status="cancelled"),
            leave_row(bureau, "bendahara", "sakit", date(YEAR, 2, 10), date(YEAR, 2, 11), "2"),
            leave_row(bureau, "admin_umum", "tahunan", date(YEAR, 5, 4), date(YEAR, 5, 4), "1",
                      employment_type="non_asn")]
    with Session(kepegawaian_db[1]) as session, session.begin():
        session.add_all(rows)
    return bureau


def by_employee(recap: dict) -> dict[int, dict]:
    return {row["employee_id"]: row for row in recap["items"]}


def test_staff_officer_sees_the_unit_and_its_numbers(rpc, approved):
    bureau = approved
    ids = bureau.employee_ids
    officer = rpc(bureau.staff_officer())
    recap = officer.leave_recap(YEAR, bureau.unit_ids["BUP.KA.PBH"])
    assert recap["year"] == YEAR and recap["scope"] == "all" and recap["unit_label"] == "Subbagian Perbendaharaan"
    assert [k["kind"] for k in recap["kinds"]] == ["tahunan", "besar", "sakit", "melahirkan", "alasan_penting", "cltn"]
    rows = by_employee(recap)
    assert rows[ids["pegawai"]]["days"]["tahunan"] == 3.5            # the cancelled leave is not counted
    assert rows[ids["pegawai"]]["total_days"] == 3.5
    assert rows[ids["bendahara"]]["days"]["sakit"] == 2 and rows[ids["bendahara"]]["days"]["tahunan"] == 0
    assert ids["admin_umum"] not in rows                             # another unit
    # the parent unit takes in its sub-units; every unit without one
    assert ids["pegawai"] in by_employee(officer.leave_recap(YEAR, bureau.unit_ids["BUP.KA"]))
    everyone = by_employee(rpc(bureau.official()).leave_recap(YEAR))
    assert {ids["pegawai"], ids["bendahara"], ids["admin_umum"]} <= set(everyone)
    assert everyone[ids["admin_umum"]]["days"]["tahunan"] == 1


def test_a_supervisor_sees_only_their_staff_and_others_are_refused(rpc, approved):
    bureau = approved
    ids = bureau.employee_ids
    mine = rpc(bureau.supervisor()).leave_recap(YEAR)
    assert mine["scope"] == "staff"
    assert {ids["pegawai"], ids["bendahara"]} <= set(by_employee(mine))
    assert ids["admin_umum"] not in by_employee(mine) and ids["karo"] not in by_employee(mine)
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).leave_recap(YEAR)
    with pytest.raises(Forbidden):
        rpc(bureau.non_asn()).export_leave_recap(YEAR)


def test_wrong_arguments_name_their_field(rpc, approved):
    officer = rpc(approved.staff_officer())
    with pytest.raises(ValidationFailed) as wrong:
        officer.export_leave_recap(YEAR, None, "docx")
    assert "format" in wrong.value.fields
    with pytest.raises(ValidationFailed) as year:
        officer.leave_recap(1999)
    assert "year" in year.value.fields
    with pytest.raises(ValidationFailed) as unit:
        officer.leave_recap(YEAR, 99999999)
    assert "unit_id" in unit.value.fields


def test_the_xlsx_and_pdf_carry_the_recap(rpc, approved):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    bureau = approved
    officer = rpc(bureau.staff_officer())
    unit = bureau.unit_ids["BUP.KA.PBH"]
    recap = officer.leave_recap(YEAR, unit)
    name = by_employee(recap)[bureau.employee_ids["pegawai"]]["full_name"]

    xlsx = officer.export_leave_recap(YEAR, unit, "xlsx")
    assert xlsx["filename"] == f"rekap-cuti-{YEAR}-unit{unit}.xlsx"
    assert xlsx["content_type"].endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(base64.b64decode(xlsx["content_b64"]))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == f"REKAPITULASI CUTI PEGAWAI TAHUN {YEAR}"
    assert rows[1][0] == f"Subbagian Perbendaharaan — Tahun {YEAR}"
    header = [v for v in rows[2] if v is not None]
    assert header[:5] == ["No", "Nama", "NIP", "Gol.", "Unit Kerja"]
    assert header[5:] == ["Cuti Tahunan", "Cuti Besar", "Cuti Sakit", "Cuti Melahirkan", "Cuti Karena Alasan Penting",
                          "Cuti di Luar Tanggungan Negara", "Jumlah (hari)", "Sisa Cuti Tahunan"]
    line = next(r for r in rows[3:] if r[1] == name)
    assert line[header.index("Cuti Tahunan")] == 3.5 and line[header.index("Jumlah (hari)")] == 3.5
    assert line[header.index("Cuti Sakit")] == 0

    pdf = officer.export_leave_recap(YEAR, unit, "pdf")
    assert pdf["filename"].endswith(".pdf") and pdf["content_type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(base64.b64decode(pdf["content_b64"])))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height       # landscape
    assert f"REKAPITULASI CUTI PEGAWAI TAHUN {YEAR}" in text and "Subbagian Perbendaharaan" in text
    assert name in text and "3.5" in text


def test_the_recap_reads_every_balance_in_a_fixed_number_of_queries(approved, kepegawaian_db):
    """The whole bureau's recap costs the same few statements as one unit's (no query per employee), and each
    employee's balance is the one their own page shows."""
    from kepegawaian.domain import leave
    from kepegawaian.models import RosterEmployee
    from sqlalchemy import event, select

    engine = kepegawaian_db[1]
    statements = []

    def counted(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", counted)
    try:
        with Session(engine) as session:
            rows = leave.recap_rows(session, None, YEAR)
            during_recap = len(statements)
            employees = list(session.scalars(select(RosterEmployee).where(RosterEmployee.active.is_(True))))
            one_by_one = {e.id: leave.annual_balance_of(session, e, YEAR) for e in employees[:5]}
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    assert len(rows) > 20 and during_recap <= 10, during_recap
    by_employee = {row["employee_id"]: row["tahunan_remaining"] for row in rows}
    for employee_id, balance in one_by_one.items():
        assert by_employee[employee_id] == (balance.remaining if balance else None)
