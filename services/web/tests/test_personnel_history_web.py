"""The employee history pages without a running service: the employee's page shows the status with its date and
the latest entries (TMT, kind, before → after, SK); the history page offers only the forms of personnel's
``allowed_actions`` and statuses of its ``next_statuses``; the forms go to personnel as it reads them, its
messages land by their fields, a restore says the account stays inactive."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from personnel.schemas import EmployeeHistoryEntryOut, EmployeeOut
from situok_kit.errors import Conflict, ValidationFailed
from test_web_page_actions import STAFF, Browser, assert_calls_fit, granting, posts, text
from web.views.personnel_history import career_payload, status_payload

MADE: list[Browser] = []
EMPLOYEE = EmployeeOut().dump(dict.fromkeys(EmployeeOut().fields) | {
    "id": 31, "employment_type": "pns", "is_asn": True, "name": "Ni Kadek Ayu", "full_name": "Ni Kadek Ayu, S.E.",
    "nip": "199209222019031002", "golongan": "III/b", "pangkat": "Penata Muda Tingkat I", "unit_id": 3,
    "unit_name": "Subbagian Perbendaharaan", "position_id": 4, "position_name": "Pengadministrasi Keuangan",
    "kelas_jabatan": 5, "status": "cltn", "status_label": "Cuti di luar tanggungan negara",
    "status_since": date(2026, 2, 1), "rank_tmt": date(2025, 4, 1), "kgb_tmt": date(2025, 3, 1), "active": False,
    "gender": "P", "updated_at": datetime(2026, 2, 1, tzinfo=UTC)})
ENTRY = EmployeeHistoryEntryOut().dump({
    "id": 9, "employee_id": 31, "kind": "rank", "kind_label": "Pangkat/golongan", "before_value": "III/a",
    "before_label": "III/a (Penata Muda)", "after_value": "III/b", "after_label": "III/b (Penata Muda Tingkat I)",
    "tmt": date(2025, 4, 1), "decree_number": "800/123/BKD", "decree_date": date(2025, 3, 20), "note": None,
    "recorded_by": "admin", "recorded_by_account_id": 1, "recorded_at": datetime(2025, 3, 21, tzinfo=UTC)})


def browser(caps=STAFF, actions=(), statuses=()) -> Browser:
    made = Browser(caps)
    made.service.personnel.get_employee.return_value = EMPLOYEE
    made.service.personnel.list_employee_history.return_value = {
        "items": [ENTRY], "next_cursor": None, "allowed_actions": list(actions), "next_statuses": list(statuses)}
    made.service.personnel.list_org_units.return_value = [{"id": 3, "code": "BUP", "name": "Biro", "parent_id": None}]
    made.service.personnel.list_positions.return_value = [{"id": 4, "name": "Pengadministrasi Keuangan",
                                                           "unit_id": 3}]
    MADE.append(made)
    return made


@pytest.fixture(autouse=True)
def calls_fit_the_rpcs():
    from personnel.service import PersonnelService

    MADE.clear()
    yield
    assert_calls_fit(MADE, PersonnelService, "personnel")


def test_the_payloads_are_the_forms_as_personnel_reads_them():
    form = {"kind": "rank", "rank_value": "III/b", "unit_value": "3", "tmt": "2025-04-01",
            "decree_number": "800/1", "decree_date": "2025-03-01", "note": ""}
    assert career_payload(form) == {"kind": "rank", "value": "III/b", "tmt": "2025-04-01",
                                    "decree_number": "800/1", "decree_date": "2025-03-01", "note": None}
    unit = career_payload({"kind": "unit", "unit_value": "5", "unit_position_id": "8"})
    assert unit["value"] == "5" and unit["position_id"] == 8
    assert career_payload({})["kind"] is None
    assert status_payload({"status": "pensiun", "since": "2026-03-01", "status_decree_number": "x",
                           "status_decree_date": "2026-02-01"}) == {
        "status": "pensiun", "since": "2026-03-01", "decree_number": "x", "decree_date": "2026-02-01", "note": None}


def test_the_employee_page_shows_status_since_and_the_latest_history():
    made = browser()
    body = text(made.call("employee_detail", "/pegawai/31", employee_id=31))
    assert 'data-status="cltn"' in body and "Cuti di luar tanggungan negara" in body and "01" in body
    assert "800/123/BKD" in body and "III/a (Penata Muda)" in body and "/pegawai/31/riwayat" in body
    made.service.personnel.list_employee_history.assert_called_once_with(31, None, None, 5)


def test_a_reader_sees_the_history_without_forms():
    made = browser()
    response = made.call("employee_history", "/pegawai/31/riwayat", employee_id=31)
    assert response.status_code == 200
    body = text(response)
    assert "III/b (Penata Muda Tingkat I)" in body and "800/123/BKD" in body
    assert not {p for p in posts(body) if "/riwayat/" in p}


def test_the_forms_follow_allowed_actions_and_next_statuses():
    made = browser(granting("personnel", "manage_employees"), ("change_status", "restore"), ("aktif", "pensiun"))
    body = text(made.call("employee_history", "/pegawai/31/riwayat", employee_id=31))
    assert posts(body) >= {"/pegawai/31/riwayat/status", "/pegawai/31/riwayat/pulihkan"}
    assert "/pegawai/31/riwayat/karier" not in posts(body)
    assert 'value="pensiun"' in body and 'value="meninggal"' not in body


def test_recording_goes_to_personnel_and_its_messages_land_by_field():
    made = browser(granting("personnel", "manage_employees"), ("record_career_change",))
    made.service.personnel.record_career_change.side_effect = ValidationFailed(
        "Perubahan riwayat tidak valid.", {"value": "Golongan PNS: I/a … IV/e.", "decree_date": "Tanggal SK "
                                           "tidak boleh sesudah hari ini."})
    response = made.call("employee_career_record", "/pegawai/31/riwayat/karier", "POST",
                         {"kind": "rank", "rank_value": "III/b", "tmt": "2025-04-01", "decree_number": "1",
                          "decree_date": "2999-01-01"}, employee_id=31)
    assert response.status_code == 422
    body = text(response)
    assert body.index("Golongan PNS") > body.index('id="f-rank_value"')
    assert body.index("Tanggal SK tidak boleh") > body.index('id="f-decree_date"')
    sent = made.service.personnel.record_career_change.call_args[0]
    assert sent[0] == 31 and sent[1]["value"] == "III/b" and sent[1]["kind"] == "rank"
    made.service.personnel.record_career_change.side_effect = None
    made.service.personnel.record_career_change.return_value = {"employee": EMPLOYEE, "entries": [ENTRY]}
    done = made.call("employee_career_record", "/pegawai/31/riwayat/karier", "POST",
                     {"kind": "rank", "rank_value": "III/b"}, employee_id=31)
    assert done.status_code == 303 and done.headers["Location"] == "/pegawai/31/riwayat"


def test_restore_says_the_account_stays_inactive_and_conflicts_come_back():
    made = browser(granting("personnel", "manage_employees"), ("restore",))
    made.service.personnel.restore_employee.return_value = {
        "employee": {**EMPLOYEE, "status": "aktif", "active": True}, "entries": [], "account_id": 12,
        "account_active": False}
    done = made.call("employee_restore", "/pegawai/31/riwayat/pulihkan", "POST", {"reason": "Salah pilih"},
                     employee_id=31)
    assert done.status_code == 303
    made.service.personnel.restore_employee.assert_called_once_with(31, {"reason": "Salah pilih"})
    page = text(made.call("employee_history", "/pegawai/31/riwayat", employee_id=31))
    assert "masih nonaktif" in page
    made.service.personnel.restore_employee.side_effect = Conflict("Pegawai ini masih aktif; tidak ada yang "
                                                                   "dipulihkan.")
    again = made.call("employee_restore", "/pegawai/31/riwayat/pulihkan", "POST", {"reason": "x"}, employee_id=31)
    assert again.status_code == 303
    assert "masih aktif" in text(made.call("employee_history", "/pegawai/31/riwayat", employee_id=31))
