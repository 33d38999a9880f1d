"""The attendance pages' pieces that need no running services: forms <-> attendance data, refusals, months."""
from __future__ import annotations

import io
from datetime import date

from situok_kit.errors import Conflict, ValidationFailed
from web import i18n
from web.forms.attendance import (
    CORRECTION_FIELDS,
    field_errors,
    leave_request,
    parse_month,
    position_payload,
    shift_month,
    time_correction,
)
from web.views.attendance import explain, month_label, percent
from werkzeug.datastructures import FileStorage, MultiDict

translate = i18n.gettext_for("id")


def test_a_refusal_reads_as_one_or_two_sentences():
    outside = ValidationFailed("Di luar area kantor: 350 m dari Kantor Gubernur Bali (Renon).",
                               {"latitude": "di luar area kantor: 350 m dari Kantor Gubernur Bali (Renon)"})
    assert explain(outside, translate) == "Di luar area kantor: 350 m dari Kantor Gubernur Bali (Renon)."
    twice = Conflict("Sudah absen masuk hari ini.", {"check_in": "Sudah absen masuk hari ini pukul 07.45 WITA."})
    assert explain(twice, translate) == "Sudah absen masuk hari ini pukul 07.45 WITA."
    missing = ValidationFailed("Data tidak valid.", {"latitude": "Wajib diisi."})
    assert explain(missing, translate) == "Data tidak valid. Lintang: Wajib diisi."
    # In English the field's name is translated; the service's own words stay, unless the catalog happens to
    # know them.
    assert explain(missing, i18n.gettext_for("en")) == "Data tidak valid. Latitude: Required."


def test_attendance_messages_land_on_their_fields():
    errors, other = field_errors({"attachment.content_b64": "Berkas kosong.", "day": "Tidak boleh.", "x": "?"},
                                 CORRECTION_FIELDS + ("attachment",), translate, prefix="c_")
    assert errors == {"c_attachment": "Berkas kosong.", "c_day": "Tidak boleh."} and other == ["?"]


def test_months_of_the_history_and_the_recap():
    assert parse_month("2026-02", date(2026, 11, 1)) == (2026, 2)
    assert parse_month("2026-13", date(2026, 11, 1)) == (2026, 11)
    assert parse_month(None, date(2026, 11, 1)) == (2026, 11)
    assert shift_month(2026, 1, -1) == "2025-12" and shift_month(2026, 12, 1) == "2027-01"
    assert percent(150, "id") == "1,5%" and percent(300, "en") == "3%" and percent(None, "id") == "0%"
    assert month_label(2026, 8, "id") == "Agustus 2026"


def test_the_check_in_form_is_a_position():
    form = MultiDict({"latitude": " -8.6705 ", "longitude": "115.2126", "accuracy": "", "csrf_token": "x"})
    selfie = FileStorage(io.BytesIO(b"\xff\xd8jpeg"), filename="me.jpg", content_type="image/jpeg")
    data = position_payload(form, MultiDict([("selfie", selfie)]))
    assert data == {"latitude": -8.6705, "longitude": 115.2126, "selfie_b64": "/9hqcGVn"}
    # not a number: attendance says so
    assert position_payload(MultiDict({"latitude": "utara"}), MultiDict()) == {"latitude": "utara"}


def test_a_leave_request_and_a_correction_leave_blanks_out():
    form = MultiDict({"kind": "sakit", "start_date": "2026-11-30", "end_date": "", "reason": " Demam ",
                      "idempotency_key": "k-1"})
    note = FileStorage(io.BytesIO(b"%PDF-1.4"), filename="surat.pdf", content_type="application/pdf")
    values, data = leave_request(form, MultiDict([("attachment", note)]))
    assert values == {"kind": "sakit", "start_date": "2026-11-30", "end_date": "", "reason": "Demam",
                      "idempotency_key": "k-1"}
    assert data == {"kind": "sakit", "start_date": "2026-11-30", "reason": "Demam",
                    "attachment": {"filename": "surat.pdf", "content_type": "application/pdf",
                                   "content_b64": "JVBERi0xLjQ="}}
    values, data = time_correction(MultiDict({"c_day": "2026-11-27", "c_kind": "check_out", "c_time": "16:05",
                                              "c_reason": "", "idempotency_key": "k-2"}))
    assert values["c_reason"] == "" and values["idempotency_key"] == "k-2"
    assert data == {"day": "2026-11-27", "kind": "check_out", "time": "16:05"}


def test_statuses_and_kinds_are_attendances_own_each_with_a_label():
    from attendance import schemas as attendance_schemas
    from web.views import attendance as pages

    for shown, codes in ((pages.DAY_STATUSES, attendance_schemas.DAY_STATUSES),
                         (pages.REQUEST_STATUSES, attendance_schemas.REQUEST_STATUSES),
                         (dict(pages.LEAVE_KINDS), attendance_schemas.LEAVE_KINDS),
                         (dict(pages.CORRECTION_KINDS), attendance_schemas.CORRECTION_KINDS),
                         (dict(pages.TODAY_GROUPS), attendance_schemas.TODAY_GROUPS)):
        assert tuple(shown) == tuple(codes)                    # attendance's codes, in attendance's order
        assert all(label != code for code, label in shown.items()), shown   # each with its words
    assert pages.REQUEST_STATUSES["cancelled"] == "Dibatalkan"
    assert i18n.gettext_for("en")(pages.REQUEST_STATUSES["cancelled"]) == "Cancelled"
