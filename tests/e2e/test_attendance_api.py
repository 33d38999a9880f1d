"""The attendance API through Traefik with the real stack: one non-ASN employee's day and month.

The seeded demo accounts are all ASN, so admin creates accounts (``POST /api/v1/accounts``) for a seeded
non-ASN employee and for their supervisor (``supervisor_id``). The employee checks in inside the seeded office
geofence (Kantor Gubernur Bali, Renon) — a repeat records once — is refused outside it with the distance,
and checks out; the supervisor's today board shows them; a leave request is approved by the supervisor; the
month's recap and its XLSX/PDF exports download. Every error is a problem document.
"""
from __future__ import annotations

import base64
import io
import uuid
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from situok_kit.clock import wita_day

from .conftest import XLSX, Api, is_problem, signed_in

pytestmark = pytest.mark.e2e

RENON = {"latitude": -8.6725, "longitude": 115.2334}     # attendance/data/locations.csv, radius 200 m
SANUR = {"latitude": -8.6900, "longitude": 115.2620}     # about 3.7 km away
PASSWORD = "Absen-Sandi-2026"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
GROUPS = ("in", "late", "absent", "on_duty", "leave", "off")


def new_account(admin: Api, employee_id: int) -> str | None:
    """A fresh account for the employee (username), or None when they have one already (409)."""
    username = "absen" + uuid.uuid4().hex[:8]
    response = admin.request("POST", "/accounts", json={
        "username": username, "password": PASSWORD, "employee_id": employee_id, "roles": ["pegawai"]})
    if response.status_code == 409:
        return None
    assert response.status_code == 201, response.text
    return username


@pytest.fixture(scope="module")
def roster(admin: Api) -> dict:
    """attendance pulls the roster at start; make sure it has (the admin-only sync route, too)."""
    synced = admin.request("POST", "/attendance/roster/sync")
    assert synced.status_code == 200, synced.text
    status = admin.request("GET", "/attendance/roster")
    assert status.status_code == 200 and status.json()["active_non_asn"] > 0, status.text
    return status.json()


@pytest.fixture(scope="module")
def people(stack, admin: Api, roster) -> dict:
    """A seeded non-ASN employee and their supervisor, each signed in with a new account."""
    page = admin.request("GET", "/employees", params={"employment_type": "non_asn", "active": "true", "limit": 100})
    assert page.status_code == 200, page.text
    for employee in page.json()["items"]:
        if not employee["supervisor_id"]:
            continue
        employee_user = new_account(admin, employee["id"])
        supervisor_user = employee_user and new_account(admin, employee["supervisor_id"])
        if employee_user and supervisor_user:
            return {"employee": employee,
                    "staff": signed_in(stack, employee_user, PASSWORD),
                    "boss": signed_in(stack, supervisor_user, PASSWORD)}
    pytest.fail("no seeded non-ASN employee whose supervisor has no account yet")


def test_a_day_and_a_month_of_attendance(stack, admin: Api, people: dict):
    staff, boss, employee = people["staff"], people["boss"], people["employee"]
    today = wita_day()
    month = today.strftime("%Y-%m")

    who = staff.request("GET", "/attendance/me")
    assert who.status_code == 200 and who.json()["tracked"] is True and who.json()["supervisor"] is False
    assert boss.request("GET", "/attendance/me").json()["supervisor"] is True
    mode = staff.request("GET", "/attendance/setup").json()["settings"]["geofence_mode"]

    # Outside the geofence: refused naming the field and the distance (unless the mode is "tinjau").
    if mode == "tolak":
        outside = is_problem(staff.request("POST", "/attendance/check-in", json={**SANUR, "accuracy": 15}), 422)
        assert "di luar area kantor" in outside["fields"]["latitude"]
        assert "km dari" in outside["fields"]["latitude"] or " m dari" in outside["fields"]["latitude"]
        assert staff.request("GET", "/attendance/me/today").json()["record"] is None

    # Inside: recorded once — the same key answers the first result, an identical retry says it replayed.
    key = str(uuid.uuid4())
    here = {**RENON, "accuracy": 12.5}
    first = staff.request("POST", "/attendance/check-in", json=here, headers={"Idempotency-Key": key})
    assert first.status_code == 201, first.text
    record = first.json()
    assert record["replayed"] is False and record["day"] == today.isoformat()
    assert record["employee_id"] == employee["id"] and record["check_in"]["needs_review"] is False
    assert record["check_in"]["distance_m"] <= 200 and record["check_out"] is None
    again = staff.request("POST", "/attendance/check-in", json=here, headers={"Idempotency-Key": key})
    assert again.status_code in (200, 201) and again.json()["id"] == record["id"]
    retry = staff.request("POST", "/attendance/check-in", json=here)
    assert retry.status_code == 200 and retry.json()["replayed"] is True and retry.json()["id"] == record["id"]
    other = is_problem(staff.request("POST", "/attendance/check-in", json={**RENON, "accuracy": 40}), 409)
    assert "check_in" in other["fields"]
    mine = staff.request("GET", "/attendance/me/today").json()
    assert mine["record"]["id"] == record["id"] and mine["record"]["check_in"]["at"] == record["check_in"]["at"]

    # An ASN employee is not tracked here; a bad body is 422 per field.
    pegawai = signed_in(stack, "pegawai")
    assert "employee_id" in is_problem(pegawai.request("POST", "/attendance/check-in", json=here), 422)["fields"]
    bad = is_problem(staff.request("POST", "/attendance/check-in", json={"latitude": 91}), 422)
    assert {"latitude", "longitude"} <= set(bad["fields"])

    out = staff.request("POST", "/attendance/check-out", json=here)
    assert out.status_code == 200, out.text
    assert out.json()["id"] == record["id"] and out.json()["check_out"]["time"]

    # The supervisor's board shows them today, in the group of their status.
    board = boss.request("GET", "/attendance/today")
    assert board.status_code == 200, board.text
    board = board.json()
    assert board["day"] == today.isoformat()
    found = {group: row for group in GROUPS for row in board[group] if row["employee_id"] == employee["id"]}
    assert len(found) == 1, board
    [(group, row)] = found.items()
    assert board["counts"][group] >= 1
    if row["status"] != "libur":
        assert group in ("in", "late") and row["check_in"] == record["check_in"]["time"]
    assert is_problem(staff.request("GET", "/attendance/today"), 403)

    # A leave request: the employee asks, cannot decide it, the supervisor approves once.
    start = today + timedelta(days=7)
    leave = {"kind": "izin", "start_date": start.isoformat(), "end_date": (start + timedelta(days=1)).isoformat(),
             "reason": "Upacara adat di kampung halaman.",
             "attachment": {"filename": "surat izin.pdf", "content_type": "application/pdf",
                            "content_b64": base64.b64encode(PDF).decode()}}
    missing = is_problem(staff.request("POST", "/attendance/requests", json={**leave, "attachment": None}), 422)
    assert "attachment" in missing["fields"]
    submitted = staff.request("POST", "/attendance/requests", json=leave, headers={"Idempotency-Key": key})
    assert submitted.status_code == 201, submitted.text
    request = submitted.json()
    assert submitted.headers["Location"].endswith(f"/api/v1/attendance/requests/{request['id']}")
    assert request["status"] == "submitted" and request["attachment"]["size"] == len(PDF)
    assert "content_b64" not in request["attachment"]
    path = f"/attendance/requests/{request['id']}"
    is_problem(staff.request("POST", f"{path}/approve"), 403)
    waiting = boss.request("GET", "/attendance/requests", params={"status": "submitted"}).json()["items"]
    assert request["id"] in {r["id"] for r in waiting}
    attachment = boss.request("GET", f"{path}/attachment")
    assert attachment.status_code == 200 and attachment.content == PDF
    assert attachment.headers["Content-Type"] == "application/pdf"
    assert "surat" in attachment.headers["Content-Disposition"]
    approved = boss.request("POST", f"{path}/approve", json={"note": "Silakan."})
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved" and approved.json()["decision_note"] == "Silakan."
    is_problem(boss.request("POST", f"{path}/reject", json={"reason": "Terlambat"}), 409)
    assert staff.request("GET", path).json()["status"] == "approved"

    # The month: the employee's days, the supervisor's recap and its exports.
    days = staff.request("GET", "/attendance/days", params={"month": month})
    assert days.status_code == 200, days.text
    today_row = next(d for d in days.json()["days"] if d["day"] == today.isoformat())
    assert today_row["check_in"] == record["check_in"]["time"] or today_row["status"] == "libur"
    assert "month" in is_problem(staff.request("GET", "/attendance/days", params={"month": "2026-13"}), 422)["fields"]
    recap = boss.request("GET", "/attendance/recap", params={"month": month})
    assert recap.status_code == 200, recap.text
    rows = {r["employee_id"]: r for r in recap.json()["employees"]}
    assert employee["id"] in rows and "deduction_bp" in rows[employee["id"]]
    is_problem(staff.request("GET", "/attendance/recap", params={"month": month}), 403)

    xlsx = boss.request("GET", "/attendance/recap/export", params={"month": month, "format": "xlsx"})
    assert xlsx.status_code == 200, xlsx.text
    assert xlsx.headers["Content-Type"] == XLSX and xlsx.content[:2] == b"PK"
    assert xlsx.headers["Content-Disposition"].startswith('attachment; filename="rekap-kehadiran-')
    cells = " ".join(str(c) for ws in load_workbook(io.BytesIO(xlsx.content)).worksheets
                     for row in ws.iter_rows(values_only=True) for c in row if c is not None)
    assert employee["name"].split()[-1] in cells
    pdf = boss.request("GET", "/attendance/recap/export", params={"month": month, "format": "pdf"})
    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and len(PdfReader(io.BytesIO(pdf.content)).pages) >= 1
    assert ".pdf" in pdf.headers["Content-Disposition"]
    is_problem(boss.request("GET", "/attendance/recap/export", params={"month": month, "format": "docx"}), 422)


def test_setup_is_read_by_anyone_and_written_by_admin(admin: Api, people: dict):
    staff = people["staff"]
    setup = staff.request("GET", "/attendance/setup")
    assert setup.status_code == 200, setup.text
    locations = setup.json()["locations"]
    assert any(abs(x["latitude"] - RENON["latitude"]) < 1e-6 and x["radius_m"] == 200 for x in locations)
    holidays = staff.request("GET", "/attendance/holidays", params={"year": 2026})
    assert holidays.status_code == 200 and any(h["kind"] == "bali" for h in holidays.json()["items"])
    is_problem(staff.request("PUT", "/attendance/weights", json={"weights": [{"code": "TL1", "weight_bp": 0}]}),
               403)

    # Holidays from a CSV sent as the file itself; a bad file loads nothing and names the row.
    csv = b"tanggal,nama,jenis\n2099-01-01,Tahun Baru 2099 Masehi,nasional\n"
    loaded = admin.request("POST", "/attendance/holidays/import", data=csv,
                           headers={"Content-Type": "text/csv"}, params={"filename": "libur-2099.csv"})
    assert loaded.status_code == 200, loaded.text
    assert loaded.json() == {"imported": 1, "from": "2099-01-01", "to": "2099-01-01"}
    broken = admin.request("POST", "/attendance/holidays/import", headers={"Content-Type": "text/csv"},
                           data=b"tanggal,nama,jenis\n2099-02-30,Salah,nasional\n")
    assert any(key.startswith("baris_") for key in is_problem(broken, 422)["fields"])
    is_problem(admin.request("POST", "/attendance/holidays/import", data=b"x",
                             headers={"Content-Type": "application/pdf"}), 415)
    listed = admin.request("GET", "/attendance/holidays", params={"year": 2099}).json()["items"]
    assert [h["date"] for h in listed] == ["2099-01-01"]
    assert admin.request("DELETE", "/attendance/holidays/2099-01-01").json() == {"deleted": True}
    assert admin.request("GET", "/attendance/holidays", params={"year": 2099}).json()["items"] == []
