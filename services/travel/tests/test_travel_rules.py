"""Plain rules: cost arithmetic, rate files, level rules, number templates (no broker, no database)."""
import io
from datetime import date

import pytest
from situok_kit.errors import ValidationFailed
from travel.domain import numbering, rates
from travel.domain.common import PROVINCES
from travel.domain.estimate import estimate, trip_days
from travel.domain.roster import Rule, derive_level
from travel.schemas import EstimateIn, OrderIn


def book(**extra) -> rates.RateBook:
    amounts = {("uang_harian", "51", "luar_kota", None): 480_000,
               ("uang_harian", "51", "dalam_kota_8jam", None): 190_000, ("uang_harian", "51", "diklat", None): 140_000,
               ("penginapan", "51", None, "E"): 910_000,
               ("penginapan", "51", None, "C"): 2_015_000, ("transport", "51", None, None): 300_000,
               ("representasi", None, "luar_kota", "C"): 150_000}
    amounts.update(extra)
    return rates.RateBook(2026, amounts)


def trip(**kw):
    args = dict(category="luar_kota", destinations=[{"province_code": "51", "city": "Singaraja"}],
                departure_date=date(2026, 3, 2), return_date=date(2026, 3, 4), transport="umum",
                travellers=[{"employee_id": 1, "name": "A", "cost_level": "E"},
                            {"employee_id": 2, "name": "B", "cost_level": "C"}])
    args.update(kw)
    return estimate(book(), **args)


def test_estimate_arithmetic_per_traveller_and_total():
    result = trip()
    assert (result["days"], result["nights"]) == (3, 2)
    staff, official = result["travellers"]
    assert {line["code"]: line["amount"] for line in staff["lines"]} == {
        "uang_harian": 3 * 480_000, "penginapan": 2 * 910_000, "transport": 300_000}
    assert staff["total"] == 1_440_000 + 1_820_000 + 300_000
    assert {line["code"]: line["amount"] for line in official["lines"]} == {
        "uang_harian": 1_440_000, "penginapan": 2 * 2_015_000, "transport": 300_000, "representasi": 3 * 150_000}
    assert result["total"] == staff["total"] + official["total"]
    assert all(isinstance(line["amount"], int) for t in result["travellers"] for line in t["lines"])


def test_estimate_same_day_in_town_and_official_vehicle():
    result = trip(category="dalam_kota_8jam", return_date=date(2026, 3, 2), transport="dinas",
                  travellers=[{"employee_id": 1, "name": "A", "cost_level": "E"}])
    assert (result["days"], result["nights"]) == (1, 0)
    assert result["travellers"][0]["lines"] == [
        {"code": "uang_harian", "label": "Uang harian", "quantity": 1, "unit": "hari", "unit_amount": 190_000,
         "amount": 190_000}]
    assert result["total"] == 190_000


def test_estimate_without_a_rate_names_the_field():
    with pytest.raises(ValidationFailed) as err:
        trip(destinations=[{"province_code": "31", "city": "Jakarta"}])
    assert "destinations.0.province_code" in err.value.fields
    assert trip_days(date(2026, 1, 31), date(2026, 2, 1)) == 2


def test_dates_and_required_fields_are_checked_in_indonesian():
    from marshmallow import ValidationError

    with pytest.raises(ValidationError) as err:
        OrderIn().load({"travellers": [{"employee_id": 1}], "departure_date": "2026-03-05",
                        "return_date": "2026-03-04", "destinations": [{"province_code": "99", "city": "X"}],
                        "transport": "kuda", "basis": [], "purpose": " "})
    messages = err.value.messages
    assert "budget_account" in messages and messages["budget_account"] == ["Wajib diisi."]
    assert "transport" in messages and "destinations" in messages and "basis" in messages
    with pytest.raises(ValidationError) as err:
        EstimateIn().load({"travellers": [{"employee_id": 1}], "departure_date": "2026-03-05",
                           "return_date": "2026-03-04", "destinations": [{"province_code": "51", "city": "X"}],
                           "transport": "umum", "purpose": "ignored in an estimate"})
    assert err.value.messages == {"return_date": "Tanggal kembali tidak boleh sebelum tanggal berangkat."}


def test_level_rules_first_match_wins():
    rules = [Rule(10, "Kepala Biro", None, None, "pimpinan", "C"), Rule(30, "Kepala Subbagian", None, None,
                                                                        "eselon_iv", "E"),
             Rule(40, None, "IV/", "pns", "staff", "D"), Rule(50, None, "III/", "pns", "staff", "E"),
             Rule(70, None, None, None, "staff", "F")]
    assert derive_level(rules, {"position_name": "Kepala Biro Umum", "golongan": "IV/c",
                                "employment_type": "pns"}) == ("pimpinan", "C")
    assert derive_level(rules, {"position_name": "kepala subbagian protokol", "golongan": "III/c",
                                "employment_type": "pns"}) == ("eselon_iv", "E")
    assert derive_level(rules, {"position_name": "Analis", "golongan": "IV/a", "employment_type": "pns"}) == (
        "staff", "D")
    assert derive_level(rules, {"position_name": "Pengemudi", "golongan": None, "employment_type": "non_asn"}) == (
        "staff", "F")


def test_number_templates():
    day = date(2026, 11, 28)
    assert numbering.render("000.1.2.3/{seq}/{unit}/{year}", seq=15, unit="Biro Umum", unit_code="BUP",
                            day=day) == "000.1.2.3/15/Biro Umum/2026"
    assert numbering.scope_of("spt", "year", "BUP", day) == "spt:2026"
    assert numbering.scope_of("spt", "unit_year", "BUP.TU", day) == "spt:BUP.TU:2026"
    assert numbering.scope_of("spt", "never", "BUP", day) == "spt"
    assert numbering.template_problem("000/{unit}") == "Templat harus memuat {seq}."
    assert numbering.template_problem("{seq}/{nope}") is not None


# -- rate files ---------------------------------------------------------------------------------

def good_rows() -> list[dict]:
    return rates.default_rows()


def test_default_table_covers_38_provinces_with_balis_amounts():
    rows = good_rows()
    assert len(PROVINCES) == 38
    bali = {r["category"]: r["amount"] for r in rows if r["kind"] == "uang_harian" and r["province_code"] == "51"}
    assert bali == {"luar_kota": 480_000, "dalam_kota_8jam": 190_000, "diklat": 140_000}
    parsed = rates.parse_file("tarif.csv", rates.rows_to_csv(rows).encode())
    assert len(parsed) == len(rows)


def test_bad_csv_is_refused_with_a_message_per_row():
    text = rates.rows_to_csv(good_rows()).splitlines()
    text[2] = "uang_harian,51,luar_kota,,empat ratus"          # row 3: amount
    text[5] = "penginapan,99,,E,100000"                          # row 6: province
    text[7] = "makan,51,,,1000"                                  # row 8: kind
    with pytest.raises(ValidationFailed) as err:
        rates.parse_file("tarif.csv", "\n".join(text).encode())
    rows = {(p["row"], p["column"]) for p in err.value.extra["rows"]}
    assert {(3, "jumlah"), (6, "provinsi"), (8, "jenis")} <= rows
    assert "baris_3.jumlah" in err.value.fields and "file" in err.value.fields


def test_amount_formats_and_semicolons():
    assert rates.parse_amount("480000") == 480000
    assert rates.parse_amount("480.000") == 480000
    assert rates.parse_amount("Rp480.000") == 480000
    assert rates.parse_amount("Rp 1.250.000") == 1250000
    assert rates.parse_amount("480,5") is None
    assert rates.parse_amount("-5") is None
    semicolons = rates.rows_to_csv(good_rows()).replace(",", ";").encode()
    assert len(rates.parse_file("tarif.csv", semicolons)) == len(good_rows())


def test_missing_rows_and_duplicates_are_named():
    lines = rates.rows_to_csv(good_rows()).splitlines()
    dropped = [line for line in lines if not line.startswith("uang_harian,11,diklat")]
    dropped.append(dropped[1])
    with pytest.raises(ValidationFailed) as err:
        rates.parse_file("tarif.csv", "\n".join(dropped).encode())
    problems = [p["problem"] for p in err.value.extra["rows"]]
    assert any("sudah ada di baris 2" in p for p in problems)
    dropped.pop()
    with pytest.raises(ValidationFailed) as err:
        rates.parse_file("tarif.csv", "\n".join(dropped).encode())
    assert any("diklat untuk provinsi 11" in p["problem"] for p in err.value.extra["rows"])


def test_xlsx_is_read_like_csv():
    from openpyxl import Workbook

    book_ = Workbook()
    sheet = book_.active
    sheet.append(["Jenis", "Provinsi", "Kategori", "Tingkat", "Jumlah"])
    for r in good_rows():
        sheet.append([r["kind"], r["province_code"], r["category"], r["cost_level"], r["amount"]])
    sheet["E2"] = "seratus"
    out = io.BytesIO()
    book_.save(out)
    with pytest.raises(ValidationFailed) as err:
        rates.parse_file("tarif.xlsx", out.getvalue())
    assert [(p["row"], p["column"]) for p in err.value.extra["rows"]] == [(2, "jumlah")]
    sheet["E2"] = 360000.0
    out = io.BytesIO()
    book_.save(out)
    assert len(rates.parse_file("tarif.xlsx", out.getvalue())) == len(good_rows())


def test_sheet_two_rows_from_recorded_stops():
    from datetime import UTC, datetime
    from types import SimpleNamespace

    from travel.domain.letters import _legs

    def leg(kind, place, hour):
        return SimpleNamespace(kind=kind, place=place, recorded_at=datetime(2026, 3, 2, hour, tzinfo=UTC))

    order = SimpleNamespace(origin="Denpasar", departure_date=date(2026, 3, 2),
                            destinations=[{"province_code": "31", "city": "Jakarta Pusat"}])
    traveller = SimpleNamespace(legs=[leg("departure", "Denpasar", 0), leg("arrival", "Jakarta Pusat", 2),
                                      leg("departure", "Jakarta Pusat", 5), leg("arrival", "Bandung", 8),
                                      leg("departure", "Bandung", 10), leg("arrival", "Denpasar", 14)])
    rows, returned_place, returned_date = _legs(order, traveller)
    assert [(r.arrive_place, r.depart_from, r.depart_to) for r in rows] == [
        (None, "Denpasar", "Jakarta Pusat"), ("Jakarta Pusat", "Jakarta Pusat", "Bandung"),
        ("Bandung", "Bandung", "Denpasar")]
    assert rows[1].arrive_time.hour == 10                        # 02:00 UTC is 10:00 WITA
    assert (returned_place, returned_date) == ("Denpasar", date(2026, 3, 2))
    rows, *_ = _legs(order, SimpleNamespace(legs=[]))
    assert [(r.depart_from, r.depart_to, r.depart_date) for r in rows] == [
        ("Denpasar", "Jakarta Pusat", date(2026, 3, 2))]
