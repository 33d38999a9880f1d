"""What a realization may claim against the rate table (``travel.domain.claims``): pure rules, no database."""
from travel.domain.claims import cost_kind, problems, trip_nights
from travel.domain.rates import RateBook

BOOK = RateBook(2026, {
    ("uang_harian", "31", "luar_kota", None): 530_000,
    ("uang_harian", "31", "dalam_kota_8jam", None): 210_000,
    ("penginapan", "31", None, "C"): 2_225_000,
    ("penginapan", "31", None, "E"): 1_005_000,
    ("representasi", None, "luar_kota", "C"): 150_000,
})
LEVELS = {1: "C", 2: "E"}


def line(employee_id, category, quantity, rate, receipts=0):
    return {"employee_id": employee_id, "category": category, "quantity": quantity, "rate": rate,
            "receipt_count": receipts}


def check(lines, days=3, category="luar_kota", percent=30):
    return problems(BOOK, province="31", category=category, days=days, levels=LEVELS, lines=lines,
                    lodging_without_receipt_percent=percent)


def test_kinds_lump_sum_at_cost_and_riil():
    assert cost_kind("uang_harian", 0) == cost_kind("uang_harian", 2) == "lump_sum"
    assert cost_kind("representasi", 0) == "lump_sum"
    assert cost_kind("penginapan", 1) == cost_kind("transport", 3) == cost_kind("lainnya", 1) == "at_cost"
    assert cost_kind("penginapan", 0) == cost_kind("transport", 0) == "riil"
    assert (trip_nights("luar_kota", 3), trip_nights("dalam_kota_8jam", 1), trip_nights("diklat", 4)) == (2, 0, 0)


def test_within_the_table_passes():
    assert check([line(1, "uang_harian", 3, 530_000), line(1, "representasi", 3, 150_000),
                  line(1, "penginapan", 2, 2_225_000, receipts=1), line(2, "uang_harian", 3, 530_000),
                  line(2, "penginapan", 2, 301_500), line(2, "transport", 1, 9_999_999)]) == {}


def test_uang_harian_is_exactly_the_rate_and_at_most_the_days():
    errors = check([line(2, "uang_harian", 3, 529_999), line(1, "uang_harian", 2, 530_000),
                    line(1, "uang_harian", 2, 530_000)])
    assert set(errors) == {"lines.0.rate", "lines.2.quantity"}
    assert "Rp530.000" in errors["lines.0.rate"] and "lumpsum" in errors["lines.0.rate"]
    assert "3 hari" in errors["lines.2.quantity"]                   # 2 + 2 days of one traveller on a 3-day trip
    assert set(check([line(2, "uang_harian", 1, 530_000)], days=1, category="dalam_kota_8jam")) == {"lines.0.rate"}


def test_representasi_only_for_an_entitled_level_at_its_rate():
    errors = check([line(2, "representasi", 1, 150_000), line(1, "representasi", 1, 200_000),
                    line(1, "representasi", 4, 150_000)])
    assert set(errors) == {"lines.0.category", "lines.1.rate", "lines.2.quantity"}
    assert "Tingkat biaya E tidak berhak" in errors["lines.0.category"]


def test_lodging_up_to_the_ceiling_and_thirty_percent_without_a_bill():
    assert check([line(2, "penginapan", 2, 1_005_000, receipts=1)]) == {}
    over = check([line(2, "penginapan", 1, 1_005_001, receipts=1)])
    assert set(over) == {"lines.0.rate"} and "Rp1.005.000" in over["lines.0.rate"]
    assert check([line(2, "penginapan", 1, 301_500)]) == {}          # 30% of Rp1.005.000, no hotel bill
    no_bill = check([line(2, "penginapan", 1, 301_501)])
    assert "30%" in no_bill["lines.0.rate"] and "Rp301.500" in no_bill["lines.0.rate"]
    assert check([line(2, "penginapan", 1, 502_500)], percent=50) == {}
    assert set(check([line(2, "penginapan", 3, 1_000_000, receipts=1)])) == {"lines.0.quantity"}   # 2 nights
    assert set(check([line(2, "penginapan", 1, 100_000, receipts=1)], days=1,
                     category="dalam_kota_8jam")) == {"lines.0.category"}
