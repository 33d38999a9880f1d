"""The career pages without a running service: an employee's own dates with kepegawaian's flags; the due list
with its month, kinds and unit going to kepegawaian as picked, its counts and export links; the exports answered
as downloads; the reminders with the button kepegawaian allows; the settings page (admin) sending the form as
kepegawaian reads it and showing its messages by field; each page closed (403) without its capability."""
from __future__ import annotations

import base64
from datetime import UTC, date, datetime

import pytest
from kepegawaian.schemas import SCHEMAS
from kepegawaian.schemas.common import KepegawaianCapabilitiesOut
from situok_kit.errors import ValidationFailed
from test_web_page_actions import STAFF, Browser, assert_calls_fit, menu_links, posts, text
from web.views.kepegawaian_career import settings_payload

NONE = dict.fromkeys(KepegawaianCapabilitiesOut().fields, False)
MADE: list[Browser] = []
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


def dated(kind, due, flags=(), overdue=False):
    return {"kind": kind, "kind_name": kind, "due_date": due, "base_date": date(2024, 3, 15), "flags": list(flags),
            "detail": "2 tahun sejak TMT 2024-03-15", "overdue": overdue}


def test_my_dates_show_each_kind_and_the_flags():
    made = browser("own_records")
    made.service.kepegawaian.my_career_dates.return_value = SCHEMAS["CareerDatesOut"]().dump({
        "employee_id": 5, "full_name": "I Kadek Agus Wirawan", "nip": "199001012015031001", "employment_type": "pns",
        "golongan": "III/a", "unit_name": "Subbagian Perbendaharaan", "position_name": "Pengadministrasi",
        "masa_kerja_years": 11, "masa_kerja_months": 2, "kgb": dated("kgb", date(2026, 4, 1)),
        "kp": None, "bup": dated("bup", date(2048, 2, 1), ["level_missing"])})
    response = made.call("kepegawaian_my_career", "/kepegawaian/karier")
    body = text(response)
    assert response.status_code == 200 and "1 April 2026" in body and "1 Februari 2048" in body
    assert "Jenjang jabatan belum tercatat" in body and "Tidak berlaku" in body
    assert "/kepegawaian/karier" in menu_links(body) and "/kepegawaian/karier/jatuh-tempo" not in menu_links(body)
    assert browser().call("kepegawaian_my_career", "/kepegawaian/karier").status_code == 403


def test_the_due_list_goes_as_picked_with_counts_and_export_links():
    made = browser("view_due_dates", "export")
    made.service.kepegawaian.due_list.return_value = SCHEMAS["CareerDueListOut"]().dump({
        "start": date(2026, 6, 1), "end": date(2026, 6, 30), "kinds": ["kgb", "kp"], "unit_id": 4,
        "counts": {"kgb": 1, "kp": 0, "bup": 0, "overdue": 1},
        "items": [{"employee_id": 9, "full_name": "Ni Luh Sari", "nip": "198001012005012001",
                   "employment_type": "pns", "golongan": "III/c", "pangkat": "Penata", "position_name": "Analis",
                   "unit_id": 4, "unit_name": "Subbagian Kepegawaian", "kind": "kgb", "kind_name": "KGB",
                   "due_date": date(2026, 6, 1), "base_date": date(2024, 5, 15), "flags": [],
                   "detail": "2 tahun", "overdue": True}]})
    path = "/kepegawaian/karier/jatuh-tempo?month=2026-06&kind=kgb&kind=kp&unit_id=4"
    body = text(made.call("kepegawaian_due", path))
    made.service.kepegawaian.due_list.assert_called_once_with(month="2026-06", kinds=["kgb", "kp"], unit_id=4)
    assert "Ni Luh Sari" in body and "1 Juni 2026" in body and "terlambat" in body
    assert "/kepegawaian/karier/jatuh-tempo/unduh?format=pdf&amp;month=2026-06&amp;unit_id=4&amp;kind=kgb" in body
    made.service.kepegawaian.due_list.side_effect = ValidationFailed("Rentang bulan tidak valid.",
                                                                     {"until": "Paling banyak 24 bulan."})
    refused = made.call("kepegawaian_due", "/kepegawaian/karier/jatuh-tempo?month=2026-06&until=2029-01")
    assert refused.status_code == 422 and "Paling banyak 24 bulan." in text(refused)
    assert browser("own_records").call("kepegawaian_due", "/kepegawaian/karier/jatuh-tempo").status_code == 403


def test_the_exports_are_downloads():
    made = browser("export")
    made.service.kepegawaian.export_duk.return_value = {
        "filename": "duk-2026-12-03.xlsx", "content_type": XLSX, "content_b64": base64.b64encode(b"PK").decode()}
    response = made.call("kepegawaian_list_export", "/kepegawaian/karier/daftar/duk?format=xlsx&unit_id=3",
                         kind="duk")
    assert response.status_code == 200 and response.get_data() == b"PK"
    assert response.headers["Content-Disposition"].startswith("attachment")
    made.service.kepegawaian.export_duk.assert_called_once_with(format="xlsx", unit_id=3)
    made.service.kepegawaian.export_due_list.return_value = {
        "filename": "jatuh-tempo-2026-06.pdf", "content_type": "application/pdf",
        "content_b64": base64.b64encode(b"%PDF").decode()}
    made.call("kepegawaian_due_export", "/kepegawaian/karier/jatuh-tempo/unduh?format=pdf&month=2026-06")
    made.service.kepegawaian.export_due_list.assert_called_once_with(format="pdf", month="2026-06")
    page = text(made.call("kepegawaian_lists", "/kepegawaian/karier/daftar"))
    assert "/kepegawaian/karier/daftar/duk" in page and "/kepegawaian/karier/daftar/nominatif" in page
    assert browser("own_records").call("kepegawaian_lists", "/kepegawaian/karier/daftar").status_code == 403


def test_the_reminders_show_the_button_kepegawaian_allows():
    made = browser("manage_records")
    row = {"id": 11, "employee_id": 9, "employee_name": "Ni Luh Sari", "nip": None, "unit_id": 4, "kind": "bup",
           "kind_name": "Pensiun", "due_date": date(2027, 1, 1), "created_at": datetime(2026, 1, 5, tzinfo=UTC),
           "read_at": None, "allowed_actions": ["mark_read"]}
    made.service.kepegawaian.list_reminders.return_value = SCHEMAS["CareerReminderPage"]().dump(
        {"items": [row, {**row, "id": 12, "read_at": datetime(2026, 1, 6, tzinfo=UTC), "allowed_actions": []}],
         "next_cursor": None})
    body = text(made.call("kepegawaian_reminders", "/kepegawaian/karier/pengingat?unread=1"))
    made.service.kepegawaian.list_reminders.assert_called_once_with(unread_only=True, cursor=None, limit=25)
    assert posts(body) - {"/keluar"} == {"/kepegawaian/karier/pengingat/11/dibaca"}
    made.service.kepegawaian.mark_reminder_read.return_value = row
    done = made.call("kepegawaian_reminder_read", "/kepegawaian/karier/pengingat/11/dibaca", "POST", reminder_id=11)
    assert done.status_code == 303
    made.service.kepegawaian.mark_reminder_read.assert_called_once_with(11)


def test_the_settings_page_is_the_admins():
    form = {"staff_unit_code": "BUP.TU.KPG", "official_role": "pimpinan", "half_days": "on", "reminder_days": "45",
            "retirement_reminder_days": "abc"}
    assert settings_payload(form) == {"staff_unit_code": "BUP.TU.KPG", "official_role": "pimpinan",
                                      "half_days": True, "reminder_days": 45, "retirement_reminder_days": "abc"}
    made = browser("manage_settings")
    made.service.kepegawaian.get_settings.return_value = {
        "staff_unit_code": "BUP.TU.KPG", "official_role": "pimpinan", "half_days": False, "reminder_days": 60,
        "retirement_reminder_days": 365}
    body = text(made.call("kepegawaian_settings", "/kepegawaian/pengaturan"))
    assert 'value="BUP.TU.KPG"' in body and 'value="365"' in body and "/kepegawaian/pengaturan" in posts(body)
    made.service.kepegawaian.update_settings.side_effect = ValidationFailed(
        "Data tidak valid.", {"retirement_reminder_days": "Harus bilangan bulat."})
    refused = made.call("kepegawaian_settings_save", "/kepegawaian/pengaturan", "POST", form)
    assert refused.status_code == 422 and "Harus bilangan bulat." in text(refused)
    made.service.kepegawaian.update_settings.side_effect = None
    fixed = {**form, "retirement_reminder_days": "400"}
    saved = made.call("kepegawaian_settings_save", "/kepegawaian/pengaturan", "POST", fixed)
    assert saved.status_code == 303
    made.service.kepegawaian.update_settings.assert_called_with({**settings_payload(fixed)})
    assert browser("manage_records").call("kepegawaian_settings", "/kepegawaian/pengaturan").status_code == 403
