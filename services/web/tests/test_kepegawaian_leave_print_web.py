"""The leave recap page without a running service: the year and unit go to kepegawaian as picked, its rows show
per kind with the total and the annual leave left, the download links carry the same query and answer the file
as a download; a supervisor's recap says it is their staff only; kepegawaian's 422 is shown; the page opens to
the exporters and supervisors (its menu link too) and is closed (403) to anyone else."""
from __future__ import annotations

import base64

import pytest
from kepegawaian.schemas import SCHEMAS
from kepegawaian.schemas.common import KepegawaianCapabilitiesOut
from situok_kit.errors import ValidationFailed
from test_web_page_actions import STAFF, Browser, assert_calls_fit, menu_links, text
from web.views.kepegawaian_leave_print import days_label

NONE = dict.fromkeys(KepegawaianCapabilitiesOut().fields, False)
MADE: list[Browser] = []
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KINDS = [{"kind": "tahunan", "name": "Cuti Tahunan"}, {"kind": "besar", "name": "Cuti Besar"},
         {"kind": "sakit", "name": "Cuti Sakit"}, {"kind": "melahirkan", "name": "Cuti Melahirkan"},
         {"kind": "alasan_penting", "name": "Cuti Karena Alasan Penting"},
         {"kind": "cltn", "name": "Cuti di Luar Tanggungan Negara"}]


def browser(*names: str) -> Browser:
    caps = {**NONE, **dict.fromkeys(names, True)}
    made = Browser({**STAFF, "kepegawaian": caps})
    made.service.kepegawaian.capabilities.return_value = caps
    MADE.append(made)
    return made


@pytest.fixture(autouse=True)
def calls_fit_the_rpcs():
    from kepegawaian.service import KepegawaianService

    MADE.clear()
    yield
    assert_calls_fit(MADE, KepegawaianService, "kepegawaian")


def recap(scope: str = "all") -> dict:
    days = {k["kind"]: 0.0 for k in KINDS}
    return SCHEMAS["LeaveRecapOut"]().dump({
        "year": 2026, "unit_id": 4, "unit_label": "Subbagian Perbendaharaan", "scope": scope, "kinds": KINDS,
        "items": [{"no": 1, "employee_id": 9, "full_name": "I Kadek Agus Wirawan", "nip": "199001012015031001",
                   "unit_name": "Subbagian Perbendaharaan", "golongan": "III/a",
                   "days": {**days, "tahunan": 3.5, "sakit": 2.0}, "total_days": 5.5, "tahunan_remaining": 8.5}]})


def test_days_are_written_the_indonesian_way():
    assert [days_label(v) for v in (3.0, 0.5, 12, None)] == ["3", "0,5", "12", "–"]


def test_the_recap_goes_as_picked_and_shows_each_kind():
    made = browser("export")
    made.service.kepegawaian.leave_recap.return_value = recap()
    response = made.call("kepegawaian_leave_recap", "/kepegawaian/rekap-cuti?year=2026&unit_id=4")
    body = text(response)
    assert response.status_code == 200
    made.service.kepegawaian.leave_recap.assert_called_once_with(year=2026, unit_id=4)
    for shown in ("I Kadek Agus Wirawan", "Subbagian Perbendaharaan", "Cuti Tahunan", "Cuti di Luar Tanggungan Negara",
                  "3,5", "5,5", "8,5"):
        assert shown in body, shown
    assert "Hanya bawahan Anda." not in body
    assert "/kepegawaian/rekap-cuti/unduh?format=xlsx&amp;year=2026&amp;unit_id=4" in body
    assert "/kepegawaian/rekap-cuti/unduh?format=pdf&amp;year=2026&amp;unit_id=4" in body
    assert "/kepegawaian/rekap-cuti" in menu_links(body)


def test_a_supervisor_sees_their_staff_and_kepegawaian_refusals_are_shown():
    made = browser("supervise")
    made.service.kepegawaian.leave_recap.return_value = recap("staff")
    body = text(made.call("kepegawaian_leave_recap", "/kepegawaian/rekap-cuti"))
    made.service.kepegawaian.leave_recap.assert_called_once_with()
    assert "Hanya bawahan Anda." in body and "/kepegawaian/rekap-cuti" in menu_links(body)
    made.service.kepegawaian.leave_recap.side_effect = ValidationFailed("Unit tidak dikenal.",
                                                                        {"unit_id": "Unit tidak ditemukan."})
    refused = made.call("kepegawaian_leave_recap", "/kepegawaian/rekap-cuti?unit_id=999")
    assert refused.status_code == 422 and "Unit tidak ditemukan." in text(refused)


def test_the_downloads_are_files_and_others_are_refused():
    made = browser("export")
    made.service.kepegawaian.export_leave_recap.return_value = {
        "filename": "rekap-cuti-2026-unit4.xlsx", "content_type": XLSX, "content_b64": base64.b64encode(b"PK").decode()}
    response = made.call("kepegawaian_leave_recap_export",
                         "/kepegawaian/rekap-cuti/unduh?format=xlsx&year=2026&unit_id=4")
    assert response.status_code == 200 and response.get_data() == b"PK"
    assert response.headers["Content-Disposition"].startswith("attachment")
    made.service.kepegawaian.export_leave_recap.assert_called_once_with(year=2026, unit_id=4, format="xlsx")
    made.service.kepegawaian.export_leave_recap.return_value = {
        "filename": "rekap-cuti-2026.pdf", "content_type": "application/pdf",
        "content_b64": base64.b64encode(b"%PDF").decode()}
    pdf = made.call("kepegawaian_leave_recap_export", "/kepegawaian/rekap-cuti/unduh?format=pdf")
    assert pdf.get_data() == b"%PDF" and pdf.headers["Content-Type"].startswith("application/pdf")
    other = browser("own_records")
    assert other.call("kepegawaian_leave_recap", "/kepegawaian/rekap-cuti").status_code == 403
    assert other.call("kepegawaian_leave_recap_export", "/kepegawaian/rekap-cuti/unduh").status_code == 403
    other.service.kepegawaian.leave_recap.assert_not_called()
