"""The SPT & SPPD pages' pieces that need no running services: form <-> travel data, messages, filters."""
from __future__ import annotations

from web import i18n
from web.views.travel import (
    approver_roles,
    field_errors,
    form_field,
    list_filters,
    order_payload,
    order_values,
    parse_amount,
)
from werkzeug.datastructures import MultiDict


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
    assert values["destination_province"] == "51" and values["destination_city"] == "Singaraja"


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
                                  "baris_3.kolom": "Aneh."}, i18n.Translator("id"))
    assert errors["traveller"] == "Pelaksana ke-2: Pegawai tidak ditemukan."
    assert errors["basis"] == "Dasar ke-1: Wajib diisi. Dasar ke-3: Terlalu panjang."
    assert errors["return_date"].startswith("Tanggal kembali")
    assert other == [("baris_3.kolom", "Aneh.")]


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


def test_approver_roles_follow_the_highest_rank():
    rules = {"approval_rules": [{"traveller_rank": "staff", "approver_role": "kepala_bagian"},
                                {"traveller_rank": "staff", "approver_role": "pimpinan"},
                                {"traveller_rank": "kepala_bagian", "approver_role": "pimpinan"}]}
    assert approver_roles(rules, {"travellers": [{"rank": "staff"}]}) == {"kepala_bagian", "pimpinan"}
    assert approver_roles(rules, {"travellers": [{"rank": "staff"}, {"rank": "kepala_bagian"}]}) == {"pimpinan"}
    assert approver_roles(rules, {"travellers": []}) == set()
