"""The SPT & SPPD forms (``web.forms.travel``) without a running service: form <-> travel data, messages,
filters; and travel's own enumerations (statuses, provinces, choices) rather than copies of them."""
from __future__ import annotations

import io

from travel import schemas as travel_schemas
from web import i18n
from web.forms import travel as travel_forms
from web.forms.travel import (
    field_errors,
    form_field,
    form_rows,
    form_values,
    leg_payload,
    list_filters,
    order_payload,
    order_values,
    parse_amount,
    realization_lines,
    realization_payload,
    realization_rows,
)
from web.views import travel as travel_pages
from werkzeug.datastructures import FileStorage, MultiDict


def form(**over) -> MultiDict:
    data = MultiDict({"basis": "Undangan A\n\n  DPA 2026  \n", "purpose": " Konsultasi ", "origin": "Denpasar",
                      "destination_province": "31", "destination_city": "Jakarta Pusat", "category": "luar_kota",
                      "departure_date": "2026-12-01", "return_date": "2026-12-03", "transport": "umum",
                      "budget_agency": "Biro", "budget_account": "", "notes": "", "csrf_token": "x",
                      "action": "save"})
    data.setlist("traveller", ["5", "7", ""])
    for key, value in over.items():
        data[key] = value
    return data


def test_order_payload_is_travels_order_in():
    data = order_payload(form())
    assert data["travellers"] == [{"employee_id": 5}, {"employee_id": 7}]
    assert data["basis"] == ["Undangan A", "DPA 2026"]
    assert data["destinations"] == [{"province_code": "31", "city": "Jakarta Pusat"}]
    assert data["purpose"] == "Konsultasi" and data["notes"] is None
    assert "budget_account" not in data  # travel says "Wajib diisi." for it
    assert "csrf_token" not in data and "action" not in data
    assert order_payload(form(destination_province="", destination_city=""))["destinations"] == []


def test_an_order_goes_back_into_the_form():
    order = {"travellers": [{"employee_id": 5}], "basis": ["A", "B"], "purpose": "P", "origin": "Denpasar",
             "destinations": [{"province_code": "51", "city": "Singaraja"}], "category": "diklat",
             "departure_date": "2026-12-01", "return_date": "2026-12-02", "transport": "dinas",
             "budget_agency": "Biro", "budget_account": "5.1", "notes": None}
    values = order_values(order)
    assert values["traveller"] == ["5"] and values["basis"] == "A\nB" and values["notes"] == ""
    assert values["destinations"] == [{"province_code": "51", "city": "Singaraja"}]
    assert values["followers"] == {"5": []}


def several(**over) -> MultiDict:
    """Three destination rows (the middle one blank) and followers for traveller 5 (a blank row between)."""
    data = form(**over)
    data.setlist("destination_province", ["31", "", "32", ""])
    data.setlist("destination_city", ["Jakarta Pusat", " ", "Bandung", ""])
    data.setlist("follower_name-5", ["Ni Luh Ayu", "", "Made Putra"])
    data.setlist("follower_birth_date-5", ["2001-04-02", "", ""])
    data.setlist("follower_note-5", [" Anak ", "", "Ajudan"])
    data.setlist("follower_name-9", ["Tidak dipilih"])  # not a traveller: ignored
    return data


def test_several_destinations_and_followers_go_to_travel():
    data = order_payload(several())
    assert data["destinations"] == [{"province_code": "31", "city": "Jakarta Pusat"},
                                    {"province_code": "32", "city": "Bandung"}]
    assert data["travellers"] == [
        {"employee_id": 5, "followers": [{"name": "Ni Luh Ayu", "birth_date": "2001-04-02", "note": "Anak"},
                                         {"name": "Made Putra", "birth_date": None, "note": "Ajudan"}]},
        {"employee_id": 7}]
    # A row with only a birth date still goes (travel says the name is missing).
    half = several()
    half.setlist("follower_name-7", [""])
    half.setlist("follower_birth_date-7", ["1990-01-01"])
    assert order_payload(half)["travellers"][1]["followers"] == [{"name": "", "birth_date": "1990-01-01",
                                                                  "note": None}]


def test_several_destinations_and_followers_round_trip_through_the_form():
    values = form_values(several())
    assert values["destinations"] == [{"province_code": "31", "city": "Jakarta Pusat"},
                                      {"province_code": "32", "city": "Bandung"}]
    assert [f["name"] for f in values["followers"]["5"]] == ["Ni Luh Ayu", "Made Putra"]
    assert values["followers"]["7"] == [] and "9" not in values["followers"]

    order = {"travellers": [{"employee_id": 5, "followers": [
                 {"name": "Ni Luh Ayu", "birth_date": "2001-04-02", "note": None}]}, {"employee_id": 7}],
             "destinations": [{"province_code": "31", "city": "Jakarta Pusat"},
                              {"province_code": "32", "city": "Bandung"}]}
    values = order_values(order)
    assert values["destinations"] == order["destinations"]
    assert values["followers"] == {"5": [{"name": "Ni Luh Ayu", "birth_date": "2001-04-02", "note": ""}],
                                   "7": []}
    # Shown again, then sent again: the same data.
    again = form()
    again.setlist("destination_province", [d["province_code"] for d in values["destinations"]])
    again.setlist("destination_city", [d["city"] for d in values["destinations"]])
    for field in ("name", "birth_date", "note"):
        again.setlist(f"follower_{field}-5", [f[field] for f in values["followers"]["5"]])
    data = order_payload(again)
    assert data["destinations"] == order["destinations"]
    assert data["travellers"][0]["followers"] == [{"name": "Ni Luh Ayu", "birth_date": "2001-04-02", "note": None}]


def test_the_form_shows_empty_rows_up_to_a_maximum():
    blank = {"city": ""}
    assert [r["extra"] for r in form_rows([], 4, blank)] == [False, True, True]
    assert [r["extra"] for r in form_rows([{"city": "A"}, {"city": "B"}, {"city": "C"}], 4, blank)] == [
        False, False, False, True]
    assert len(form_rows([{"city": str(i)} for i in range(5)], 4, blank)) == 5  # never drops what was typed
    assert [r["extra"] for r in form_rows([], 5, blank, minimum=0)] == [True, True]


def test_travels_field_names_land_on_form_fields():
    assert form_field("budget_account") == "budget_account"
    assert form_field("travellers.0.employee_id") == "traveller"
    assert form_field("travellers") == "traveller"
    assert form_field("destinations.0.province_code") == "destination_province"
    assert form_field("destinations.0.city") == "destination_city"
    assert form_field("destinations") == "destination_city"
    assert form_field("basis.3") == "basis"
    assert form_field("baris_3.kolom") is None and form_field("_schema") is None

    errors, other = field_errors({"travellers.1.employee_id": "Pegawai tidak ditemukan.",
                                  "basis.0": "Wajib diisi.", "basis.2": "Terlalu panjang.",
                                  "return_date": "Tanggal kembali tidak boleh sebelum tanggal berangkat.",
                                  "baris_3.kolom": "Aneh."}, i18n.gettext_for("id"))
    assert errors["traveller"] == "Pelaksana ke-2: Pegawai tidak ditemukan."
    assert errors["basis"] == "Dasar ke-1: Wajib diisi. Dasar ke-3: Terlalu panjang."
    assert errors["return_date"].startswith("Tanggal kembali")
    assert other == [("baris_3.kolom", "Aneh.")]


def test_destination_and_follower_messages_land_on_their_rows():
    assert form_field("destinations.1.city") == "destination_city-1"
    assert form_field("destinations.3.province_code") == "destination_province-3"
    assert form_field("destinations.2") == "destination_city-2"
    travellers = ["5", "7"]
    assert form_field("travellers.1.followers.0.name", travellers) == "follower_name-7-0"
    assert form_field("travellers.0.followers.1.birth_date", travellers) == "follower_birth_date-5-1"
    assert form_field("travellers.0.followers.1.note", travellers) == "follower_note-5-1"
    assert form_field("travellers.1.followers", travellers) == "followers-7"
    assert form_field("travellers.4.followers.0.name", travellers) == "traveller"  # no such traveller sent

    errors, other = field_errors({"destinations.1.city": "Wajib diisi.",
                                  "travellers.0.followers.1.name": "Wajib diisi.",
                                  "travellers.1.followers": "Maksimal 5 pengikut.",
                                  "travellers.1.employee_id": "Pegawai tidak ditemukan."},
                                 i18n.gettext_for("id"), travellers)
    assert errors["destination_city-1"] == "Wajib diisi."
    assert errors["follower_name-5-1"] == "Wajib diisi."
    assert errors["followers-7"] == "Maksimal 5 pengikut."
    assert errors["traveller"] == "Pelaksana ke-2: Pegawai tidak ditemukan."
    assert other == []


def test_list_filters_keep_only_what_travel_understands():
    filters, shown = list_filters(MultiDict({"status": "issued", "unit_id": "4", "date_from": "2026-02-30",
                                             "date_to": "2026-12-31", "mine": "1"}))
    assert filters == {"status": "issued", "unit_id": 4, "date_to": "2026-12-31", "mine": True}
    assert shown["date_from"] == ""
    filters, shown = list_filters(MultiDict({"status": "lost", "unit_id": "x"}))
    assert filters == {} and shown["status"] == "" and shown["unit_id"] == ""


def test_amounts_as_people_type_them():
    assert parse_amount("Rp2.350.000") == 2350000
    assert parse_amount(" 1 590 000 ") == 1590000
    assert parse_amount("banyak") == "banyak"  # travel names the problem


def test_realization_rows_start_from_the_estimate_and_come_back_as_lines():
    order = {"estimate": {"travellers": [{"employee_id": 5, "lines": [
        {"code": "uang_harian", "label": "Uang harian 3 hari", "quantity": 3, "unit_amount": 400000,
         "amount": 1200000},
        {"code": "tiket", "label": "Tiket pesawat", "amount": 2350000},
        {"code": "penginapan", "label": "Penginapan", "amount": 0}]}]}}
    rows = realization_rows(order)
    assert rows[0] == {"employee_id": "5", "category": "uang_harian", "description": "Uang harian 3 hari",
                       "quantity": "3", "rate": "400000", "amount": "1200000"}
    assert rows[1]["category"] == "lainnya"  # a code travel's realization does not know
    assert (rows[1]["quantity"], rows[1]["rate"]) == ("", "")
    assert len(rows) == 6 and rows[-1] == {"employee_id": "", "category": "lainnya", "description": "",
                                           "quantity": "", "rate": "", "amount": ""}

    receipt = FileStorage(io.BytesIO(b"tiket"), filename="tiket.pdf", content_type="application/pdf")
    form = MultiDict({"line-0-employee_id": "5", "line-0-category": "transport", "line-0-description": " Tiket ",
                      "line-0-amount": "Rp2.350.000", "line-1-description": "", "line-1-amount": "",
                      "line-2-employee_id": "5", "line-2-category": "uang_harian", "line-2-description": "Harian",
                      "line-2-quantity": "3", "line-2-rate": "Rp400.000", "line-2-amount": "1.200.000",
                      "line-3-description": "Taksi", "line-3-amount": "banyak",
                      "line-4-description": "Hotel", "line-4-quantity": "2", "line-4-rate": "900000",
                      "line-4-amount": "1.000.000"})
    lines = realization_lines(form, MultiDict([("line-0-receipts", receipt)]))
    assert lines == [
        {"employee_id": 5, "category": "transport", "description": "Tiket", "amount": 2350000,
         "receipts": [{"filename": "tiket.pdf", "content_type": "application/pdf", "content_b64": "dGlrZXQ="}]},
        {"employee_id": 5, "category": "uang_harian", "description": "Harian", "quantity": 3, "rate": 400000,
         "receipts": []},
        {"employee_id": None, "category": "lainnya", "description": "Taksi", "amount": "banyak", "receipts": []},
        # an amount that disagrees with quantity × rate goes to travel, which says so
        {"employee_id": None, "category": "lainnya", "description": "Hotel", "quantity": 2, "rate": 900000,
         "amount": 1000000, "receipts": []}]


def test_the_realization_form_carries_advances_and_the_budget_line():
    form = MultiDict({"line-0-employee_id": "5", "line-0-category": "transport", "line-0-description": "Tiket",
                      "line-0-amount": "100000", "advance-5": "Rp1.000.000", "advance-6": "", "advance-7": "0",
                      "advance-x": "9", "sub_activity_code": " 4.01.01.2.06.0001 ", "account_code": ""})
    data = realization_payload(form, MultiDict())
    assert data["advances"] == [{"employee_id": 5, "amount": 1_000_000}]
    assert data["sub_activity_code"] == "4.01.01.2.06.0001" and "account_code" not in data   # the order's
    assert [line["description"] for line in data["lines"]] == ["Tiket"]


def test_a_leg_of_sheet_two_keeps_a_good_position_and_drops_a_broken_one():
    assert leg_payload(MultiDict({"kind": "arrival", "place": " Jakarta ", "latitude": "-6.2", "longitude": "106.8",
                                  "accuracy": ""})) == {"kind": "arrival", "place": "Jakarta", "latitude": -6.2,
                                                        "longitude": 106.8}
    assert leg_payload(MultiDict({"kind": "departure", "place": "Bandung", "latitude": "x"})) == {
        "kind": "departure", "place": "Bandung"}


def test_statuses_provinces_and_choices_are_travels_own_each_with_a_label():
    assert travel_forms.STATUSES is travel_schemas.STATUSES
    assert travel_forms.PROVINCE_NAMES is travel_schemas.PROVINCES and len(travel_forms.PROVINCES) == 38
    for choices, codes in ((travel_forms.CATEGORIES, travel_schemas.CATEGORIES),
                           (travel_forms.TRANSPORTS, travel_schemas.TRANSPORT_MODES),
                           (travel_forms.COST_CATEGORIES, travel_schemas.COST_CATEGORIES)):
        assert tuple(code for code, _ in choices) == tuple(codes)
        assert all(label != code for code, label in choices), choices  # every code has its words
    assert set(travel_pages.STATUS_LABELS) == set(travel_schemas.STATUSES)
    assert tuple(travel_pages.DOCUMENTS) == travel_schemas.DOCUMENT_KINDS
    assert all(label != kind for kind, label in travel_pages.DOCUMENTS.items() if kind != "spt")


def test_the_pages_hold_no_approval_rule():
    source = (travel_pages.__file__, travel_forms.__file__)
    for path in source:
        text = open(path, encoding="utf-8").read()
        assert "approver_role" not in text and "has_role" not in text and "get_rules" not in text, path
