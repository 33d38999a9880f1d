"""What a purchase's evidence must be (``domain.spj_evidence``, pure): the evidence tiers from the data file at
their edges, the procurement refusal at Rp10 juta, the meterai flag at Rp5 juta, NPWP shapes, vendor names
compared loosely, and the split-purchase grouping."""
from datetime import date

import pytest
from finance.domain import spj_evidence, spj_settings
from finance.domain.spj_evidence import Bought

TIERS = [spj_evidence.Tier(t["kind"], t["label"], t["up_to"]) for t in spj_settings.default_tiers()]


@pytest.mark.parametrize(("total", "kind"), [(1, "nota"), (10_000_000, "nota"), (10_000_001, "kuitansi"),
                                             (50_000_000, "kuitansi"), (50_000_001, "spk"), (200_000_000, "spk"),
                                             (200_000_001, "kontrak")])
def test_evidence_tiers_from_the_data_file(total, kind):
    assert spj_evidence.tier_for(total, TIERS).kind == kind


def test_a_purchase_of_ten_million_or_more_needs_procurement():
    assert spj_evidence.procurement_problem(9_999_999, 10_000_000) is None
    message = spj_evidence.procurement_problem(10_000_000, 10_000_000)
    assert "pengadaan" in message and "Rp10.000.000" in message


def test_meterai_above_five_million():
    assert not spj_evidence.needs_meterai(5_000_000, 5_000_000)
    assert spj_evidence.needs_meterai(5_000_001, 5_000_000)


def test_npwp_is_fifteen_or_sixteen_digits():
    assert spj_evidence.npwp_digits("01.234.567.8-901.000") == "012345678901000"
    assert spj_evidence.npwp_digits("3171 0123 4567 8901") == "3171012345678901"
    assert spj_evidence.npwp_digits("  ") is None
    for bad in ("12345678901234", "12345678901234567", "01.234.567.8-901.00A"):
        with pytest.raises(ValueError, match="15 atau 16 digit"):
            spj_evidence.npwp_digits(bad)
    assert spj_evidence.format_npwp("012345678901000") == "01.234.567.8-901.000"


def test_vendor_names_are_compared_without_legal_forms_and_punctuation():
    assert spj_evidence.vendor_key("CV. Maju Jaya") == spj_evidence.vendor_key("maju  jaya, cv") == "maju jaya"
    assert spj_evidence.vendor_key("Toko Sinar") != spj_evidence.vendor_key("Sinar Abadi")


def _bought(pid, spj_id, name, total, day=date(2026, 3, 2), npwp=None, account="5.1.02.01.01.0024"):
    return Bought(pid, spj_id, f"#{spj_id}", spj_evidence.vendor_key(name), npwp, account,
                  spj_evidence.iso_week(day), total)


def test_split_purchases_same_vendor_account_and_week_reaching_the_limit_are_flagged():
    mine = [_bought(1, 10, "CV Maju Jaya", 6_000_000)]
    others = [_bought(2, 11, "Maju Jaya", 4_000_000, day=date(2026, 3, 8))]  # Sunday, same ISO week
    flags = spj_evidence.split_flags(mine, others, 10_000_000)
    assert flags[1].total == 10_000_000 and flags[1].purchase_ids == (1, 2) and flags[1].spj_labels == ("#10", "#11")


@pytest.mark.parametrize("other", [
    _bought(2, 11, "Maju Jaya", 3_999_999),                                   # the sum stays under the limit
    _bought(2, 11, "Maju Jaya", 4_000_000, day=date(2026, 3, 9)),             # the next ISO week
    _bought(2, 11, "Maju Jaya", 4_000_000, account="5.1.02.01.01.0026"),      # another account
    _bought(2, 11, "Sinar Abadi", 4_000_000),                                 # another vendor
])
def test_no_split_flag_when_one_condition_fails(other):
    assert spj_evidence.split_flags([_bought(1, 10, "CV Maju Jaya", 6_000_000)], [other], 10_000_000) == {}


def test_the_same_npwp_is_the_same_vendor_whatever_the_name():
    mine = [_bought(1, 10, "Maju Jaya", 6_000_000, npwp="012345678901000")]
    others = [_bought(2, 11, "PT Lain Nama", 4_000_000, npwp="012345678901000")]
    assert 1 in spj_evidence.split_flags(mine, others, 10_000_000)
