"""The taxes of a small purchase (``domain.taxes``, pure): each tax at the edges of its threshold, the rates
without NPWP, PPN read as included in a PKP vendor's prices, per-item and total amounts that agree, the
versioned rate table, and the seeded data file."""
from datetime import date
from decimal import Decimal

from finance.domain import spj_settings, taxes

SEEDED = [taxes.Rate(kind=r["kind"], valid_from=r["valid_from"], categories=tuple(r["categories"].split("|")),
                     rate_bp=r["rate_bp"], rate_bp_no_npwp=r["rate_bp_no_npwp"], threshold=r["threshold"],
                     pkp_only=r["pkp_only"]) for r in spj_settings.default_tax_rates()]
RATES = taxes.rates_in_force(SEEDED, date(2026, 3, 1))
NPWP = taxes.Vendor(has_npwp=True)
NO_NPWP = taxes.Vendor(has_npwp=False)
PKP = taxes.Vendor(has_npwp=True, pkp=True)


def kinds(result):
    return {e.kind: e.amount for e in result.entries}


def test_the_seeded_table_has_every_tax_unverified_with_its_threshold():
    rows = {r["kind"]: r for r in spj_settings.default_tax_rates()}
    assert set(rows) == {"ppn", "pph21", "pph22", "pph23"}
    assert all(not r["verified"] and "verify" in r["note"] for r in rows.values())
    assert (rows["ppn"]["rate_bp"], rows["ppn"]["threshold"], rows["ppn"]["pkp_only"]) == (1100, 2_000_000, True)
    pph22 = rows["pph22"]
    assert (pph22["rate_bp"], pph22["rate_bp_no_npwp"], pph22["threshold"]) == (150, 300, 2_000_000)
    assert (rows["pph23"]["rate_bp"], rows["pph23"]["rate_bp_no_npwp"]) == (200, 400)
    assert (rows["pph21"]["rate_bp"], rows["pph21"]["rate_bp_no_npwp"]) == (500, 600)


def test_pph22_on_goods_starts_above_two_million():
    assert taxes.purchase_taxes([("barang", 2_000_000)], NPWP, RATES).withheld == 0
    above = taxes.purchase_taxes([("barang", 2_000_001)], NPWP, RATES)
    assert kinds(above) == {"pph22": 30_000}  # 1,5% of 2.000.001 = 30.000,015
    assert above.items[0].pph_kind == "pph22" and above.net == 2_000_001 - 30_000


def test_pph22_without_npwp_is_twice_the_rate():
    assert kinds(taxes.purchase_taxes([("barang", 3_000_000)], NO_NPWP, RATES)) == {"pph22": 90_000}
    assert kinds(taxes.purchase_taxes([("barang", 3_000_000)], NPWP, RATES)) == {"pph22": 45_000}


def test_the_threshold_is_per_purchase_not_per_item():
    result = taxes.purchase_taxes([("barang", 1_500_000), ("barang", 500_001)], NPWP, RATES)
    assert [i.pph for i in result.items] == [22_500, 7_500]
    assert kinds(result) == {"pph22": 30_000}


def test_ppn_is_collected_from_a_pkp_vendor_above_two_million_included_in_the_price():
    assert taxes.purchase_taxes([("barang", 2_000_000)], PKP, RATES).withheld == 0
    result = taxes.purchase_taxes([("barang", 2_000_001)], PKP, RATES)
    item = result.items[0]
    assert (item.dpp, item.ppn) == (1_801_803, 198_198)  # 2.000.001 × 100/111 = 1.801.802,7
    assert item.pph == 27_027  # PPh 22 on the DPP: 1,5% of 1.801.803
    assert kinds(result) == {"ppn": 198_198, "pph22": 27_027}
    assert [(e.kind, e.base, e.rate_bp) for e in result.entries] == [("ppn", 1_801_803, 1100),
                                                                     ("pph22", 1_801_803, 150)]


def test_ppn_is_not_collected_from_a_vendor_that_is_not_pkp():
    result = taxes.purchase_taxes([("barang", 5_000_000)], NPWP, RATES)
    assert "ppn" not in kinds(result) and result.items[0].dpp == 5_000_000


def test_pph23_on_services_has_no_threshold_and_doubles_without_npwp():
    assert kinds(taxes.purchase_taxes([("jasa", 100_000)], NPWP, RATES)) == {"pph23": 2_000}
    assert kinds(taxes.purchase_taxes([("jasa", 100_000)], NO_NPWP, RATES)) == {"pph23": 4_000}
    assert kinds(taxes.purchase_taxes([("jasa", 1)], NPWP, RATES)) == {}  # 0,02 rounds to nothing


def test_pph21_on_honoraria_is_a_flat_five_or_six_percent():
    assert kinds(taxes.purchase_taxes([("honorarium", 1_000_000)], NPWP, RATES)) == {"pph21": 50_000}
    assert kinds(taxes.purchase_taxes([("honorarium", 1_000_000)], NO_NPWP, RATES)) == {"pph21": 60_000}


def test_a_mixed_purchase_sums_per_kind_and_items_agree_with_entries():
    result = taxes.purchase_taxes([("barang", 1_200_000), ("jasa", 900_000), ("barang", 1_000_000)], PKP, RATES)
    assert sum(i.ppn for i in result.items) == kinds(result)["ppn"]
    assert sum(i.pph for i in result.items if i.pph_kind == "pph22") == kinds(result)["pph22"]
    assert sum(i.pph for i in result.items if i.pph_kind == "pph23") == kinds(result)["pph23"]
    assert result.withheld == sum(e.amount for e in result.entries)
    assert result.gross == 3_100_000 and result.net == result.gross - result.withheld


def test_rates_are_versioned_by_valid_from():
    old = taxes.Rate("pph22", date(2020, 1, 1), ("barang",), 100, 200, 2_000_000)
    new = taxes.Rate("pph22", date(2026, 7, 1), ("barang",), 200, 400, 2_000_000)
    assert taxes.rates_in_force([old, new], date(2026, 6, 30))["pph22"] is old
    assert taxes.rates_in_force([old, new], date(2026, 7, 1))["pph22"] is new
    assert taxes.rates_in_force([new], date(2026, 1, 1)) == {}


def test_item_amounts_are_quantity_times_price_in_whole_rupiah():
    assert taxes.item_amount(Decimal("3"), 15_000) == 45_000
    assert taxes.item_amount(Decimal("12.5"), 10_001) == 125_013  # 125.012,5 rounds half up
    assert taxes.rate_label(150) == "1,5%" and taxes.rate_label(1100) == "11%"
