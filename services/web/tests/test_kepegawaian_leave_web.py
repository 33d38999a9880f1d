"""The leave pages without a running service: "Cuti saya" shows kepegawaian's balance with the carry-over
explained and the caller's requests; the form counts days through ``preview_leave`` (nothing sent as a request)
and sends the request with the doctor's letter as base64; kepegawaian's problems land by their fields; a request
shows its steps and notes and only the buttons of its ``allowed_actions``; the inbox and the staff list; the PDF
form is a download; every page is closed (403) without its capability."""
from __future__ import annotations

import base64
import io
from datetime import UTC, date, datetime

import pytest
from kepegawaian.schemas import SCHEMAS
from kepegawaian.schemas.common import KepegawaianCapabilitiesOut
from situok_kit.errors import ValidationFailed
from test_web_page_actions import STAFF, Browser, assert_calls_fit, menu_links, posts, text
from web.views.kepegawaian_leave import days_label, leave_payload, list_filters, steps_of

NONE = dict.fromkeys(KepegawaianCapabilitiesOut().fields, False)
MADE: list[Browser] = []
PDF = b"%PDF-1.4 dokter"
BALANCE = SCHEMAS["LeaveBalanceOut"]().dump({
    "employee_id": 31, "employee_name": "I Kadek Agus Wirawan", "year": 2030, "eligible": True,
    "eligible_from": None, "entitlement": 12, "carry": 6, "carry_two_years": False, "deferred": 0, "total": 18,
    "used": 3, "pending": 2, "remaining": 15, "available": 13, "from_opening": False, "took_besar": False,
    "explanation": ["Hak cuti tahunan 2030: 12 hari kerja.", "Sisa cuti 2029 yang dibawa: 6 hari (paling banyak 6 "
                    "hari)."]})
KINDS = [SCHEMAS["LeaveRuleOut"]().dump({
    "id": 1, "employment_type": "pns", "kind": "tahunan", "name": "Cuti Tahunan", "active": True, "unit": "working",
    "min_days": 1, "carry_max_days": 6, "min_service_years": 1, "backdate_days": 0, "half_day_allowed": False,
    "cuti_bersama_counts": False, "takes_annual": False, "reason_required": False, "verify": False,
    "rule_text": "12 hari kerja setahun.", "source": "PP 11/2017"})]


def leave_row(actions, status="submitted", **extra) -> dict:
    return SCHEMAS["LeaveOut"]().dump({
        "id": 7, "employee_id": 31, "employee_name": "I Kadek Agus Wirawan", "nip": "199209222019031002",
        "employment_type": "pns", "unit_id": 5, "supervisor_id": 12, "kind": "tahunan", "kind_name": "Cuti Tahunan",
        "start_date": date(2030, 12, 23), "end_date": date(2030, 12, 27), "days": 3.0, "half_day": None,
        "reason": "Urusan keluarga", "status": status, "status_label": status, "government_doctor": False,
        "has_attachment": False, "filed_by": "pegawai", "created_at": datetime(2030, 12, 1, tzinfo=UTC),
        "allowed_actions": actions} | extra)


def browser(*names: str) -> Browser:
    caps = {**NONE, **dict.fromkeys(names, True)}
    made = Browser({**STAFF, "kepegawaian": caps})
    made.service.kepegawaian.capabilities.return_value = caps
    made.service.kepegawaian.my_leave_balance.return_value = BALANCE
    made.service.kepegawaian.leave_kinds.return_value = KINDS
    MADE.append(made)
    return made


@pytest.fixture(autouse=True)
def calls_fit_the_rpcs():
    from kepegawaian.service import KepegawaianService

    MADE.clear()
    yield
    assert_calls_fit(MADE, KepegawaianService, "kepegawaian")


def test_shaping():
    assert days_label(3.0) == "3" and days_label(0.5) == "0,5" and days_label(None) == "–"
    form = {"kind": "sakit", "start_date": "2030-07-01", "end_date": "2030-07-03", "reason": " ", "child_order": "",
            "employee_id": "9", "government_doctor": "1"}
    assert leave_payload(form, {"filename": "s.pdf", "content_b64": "JVBERg=="}) == {
        "kind": "sakit", "start_date": "2030-07-01", "end_date": "2030-07-03", "government_doctor": True,
        "employee_id": 9, "attachment_b64": "JVBERg==", "attachment_name": "s.pdf"}
    assert list_filters({"status": "approved", "year": "2030", "unit_id": "x", "kind": ""}) == {
        "status": "approved", "year": 2030}
    assert list_filters({"status": "liburan"}) == {}
    steps = steps_of(leave_row([], "approved", considered_at=datetime(2030, 12, 2, tzinfo=UTC),
                               considered_option="setuju", decided_option="setuju",
                               decided_at=datetime(2030, 12, 3, tzinfo=UTC), decided_note=None))
    assert [s["option"] for s in steps] == [None, "setuju", "setuju"]


def test_my_leave_shows_the_balance_explained_and_my_requests():
    made = browser("own_records")
    made.service.kepegawaian.list_leave.return_value = {"items": [leave_row(["cancel"])], "next_cursor": None}
    response = made.call("kepegawaian_my_leave", "/kepegawaian/cuti")
    assert response.status_code == 200
    body = text(response)
    assert "Sisa cuti 2029 yang dibawa: 6 hari" in body and "Cuti Tahunan" in body and "/kepegawaian/cuti/7" in body
    assert "/kepegawaian/cuti" in menu_links(body)
    made.service.kepegawaian.list_leave.assert_called_once()
    assert made.service.kepegawaian.list_leave.call_args.kwargs["employee_id"] is not None


def test_the_form_counts_through_the_service_then_sends_with_the_letter():
    made = browser("own_records")
    assert made.call("kepegawaian_leave_new", "/kepegawaian/cuti/ajukan").status_code == 200
    made.service.kepegawaian.preview_leave.return_value = SCHEMAS["LeavePreviewOut"]().dump({
        "kind": "tahunan", "start_date": date(2030, 12, 23), "end_date": date(2030, 12, 27), "days": 3.0,
        "unit": "working", "ok": True, "problems": {}, "balance": None})
    form = {"kind": "tahunan", "start_date": "2030-12-23", "end_date": "2030-12-27", "reason": "Keluarga"}
    preview = made.call("kepegawaian_leave_create", "/kepegawaian/cuti/ajukan", "POST", {**form, "intent": "preview"})
    assert preview.status_code == 200 and 'data-days="3.0"' in text(preview) and "3 hari kerja" in text(preview)
    made.service.kepegawaian.request_leave.assert_not_called()
    made.service.kepegawaian.request_leave.return_value = leave_row(["cancel"])
    sent = made.call("kepegawaian_leave_create", "/kepegawaian/cuti/ajukan", "POST",
                     {**form, "intent": "send", "attachment": (io.BytesIO(PDF), "dokter.pdf", "application/pdf")})
    assert sent.status_code == 303 and sent.headers["Location"].endswith("/kepegawaian/cuti/7")
    payload = made.service.kepegawaian.request_leave.call_args.args[0]
    assert base64.b64decode(payload["attachment_b64"]) == PDF and payload["kind"] == "tahunan"


def test_the_services_problems_land_by_their_fields():
    made = browser("own_records")
    made.service.kepegawaian.request_leave.side_effect = ValidationFailed(
        "Permohonan cuti belum benar.", {"end_date": "Sisa cuti tahunan 2030 tidak cukup: tersedia 2 hari.",
                                         "start_date": "Tanggal bertumpang tindih dengan perjalanan dinas."})
    response = made.call("kepegawaian_leave_create", "/kepegawaian/cuti/ajukan", "POST",
                         {"kind": "tahunan", "start_date": "2030-12-23", "end_date": "2030-12-27", "intent": "send"})
    assert response.status_code == 422
    body = text(response)
    assert body.index("tersedia 2 hari") > body.index('id="f-end_date"')
    assert body.index("perjalanan dinas") > body.index('id="f-start_date"')


def test_a_request_shows_its_steps_and_only_the_allowed_buttons():
    made = browser("supervise")
    made.service.kepegawaian.get_leave.return_value = leave_row(["consider"])
    body = text(made.call("kepegawaian_leave_detail", "/kepegawaian/cuti/7", leave_id=7))
    assert posts(body) - {"/keluar"} == {"/kepegawaian/cuti/7/pertimbangan"} and "/kepegawaian/cuti/7/formulir" in body
    made.service.kepegawaian.consider_leave.return_value = leave_row([], "change_requested")
    done = made.call("kepegawaian_leave_consider", "/kepegawaian/cuti/7/pertimbangan", "POST",
                     {"option": "perubahan", "note": "Geser sepekan"}, leave_id=7)
    assert done.status_code == 303
    made.service.kepegawaian.consider_leave.assert_called_once_with(7, {"option": "perubahan",
                                                                        "note": "Geser sepekan"})
    made.service.kepegawaian.get_leave.return_value = leave_row(
        [], "refused", considered_at=datetime(2030, 12, 2, tzinfo=UTC), considered_option="setuju",
        decided_option="tidak_disetujui", decided_note="Akhir tahun anggaran",
        decided_at=datetime(2030, 12, 3, tzinfo=UTC))
    body = text(made.call("kepegawaian_leave_detail", "/kepegawaian/cuti/7", leave_id=7))
    assert posts(body) - {"/keluar"} == set() and "Akhir tahun anggaran" in body and "Tidak disetujui" in body


def test_decide_and_cancel_pass_through_and_errors_come_back():
    made = browser("decide_leave")
    made.service.kepegawaian.decide_leave.side_effect = ValidationFailed("Permohonan cuti belum benar.",
                                                                         {"note": "Catatan wajib diisi."})
    answer = made.call("kepegawaian_leave_decide", "/kepegawaian/cuti/7/keputusan", "POST",
                       {"option": "ditangguhkan"}, leave_id=7)
    assert answer.status_code == 303
    made.service.kepegawaian.decide_leave.assert_called_once_with(7, {"option": "ditangguhkan", "note": None})
    made.service.kepegawaian.cancel_leave.return_value = leave_row([], "cancelled")
    made.call("kepegawaian_leave_cancel", "/kepegawaian/cuti/7/batalkan", "POST", {"reason": "Tugas"}, leave_id=7)
    made.service.kepegawaian.cancel_leave.assert_called_once_with(7, {"reason": "Tugas"})


def test_inbox_staff_list_and_the_pdf():
    made = browser("supervise", "manage_records")
    made.service.kepegawaian.leave_inbox.return_value = {"items": [leave_row(["consider"])], "next_cursor": None}
    assert "I Kadek Agus Wirawan" in text(made.call("kepegawaian_leave_inbox", "/kepegawaian/cuti/kotak-masuk"))
    made.service.kepegawaian.list_leave.return_value = {"items": [leave_row([])], "next_cursor": "abc"}
    listed = made.call("kepegawaian_leave_all", "/kepegawaian/cuti/semua?status=approved&year=2030")
    assert listed.status_code == 200 and "cursor=abc" in text(listed)
    assert made.service.kepegawaian.list_leave.call_args.kwargs["status"] == "approved"
    made.service.kepegawaian.leave_form_pdf.return_value = {
        "filename": "formulir-cuti-7.pdf", "content_type": "application/pdf",
        "content_b64": base64.b64encode(b"%PDF form").decode()}
    pdf = made.call("kepegawaian_leave_form_pdf", "/kepegawaian/cuti/7/formulir", leave_id=7)
    assert pdf.get_data() == b"%PDF form" and pdf.headers["Content-Type"].startswith("application/pdf")


def test_pages_are_closed_without_the_capability():
    made = browser()
    assert made.call("kepegawaian_my_leave", "/kepegawaian/cuti").status_code == 403
    assert made.call("kepegawaian_leave_inbox", "/kepegawaian/cuti/kotak-masuk").status_code == 403
    assert made.call("kepegawaian_leave_all", "/kepegawaian/cuti/semua").status_code == 403
