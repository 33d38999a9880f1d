"""Rupiah, number words and Indonesian dates as the letters print them."""
from datetime import date

import pytest
from situok_kit.letters.formatting import (
    format_date_id,
    format_day_date_id,
    format_days,
    format_number,
    format_rupiah,
    inclusive_days,
    terbilang,
    terbilang_rupiah,
)


@pytest.mark.parametrize(("n", "text"), [
    (0, "Rp0"), (5, "Rp5"), (999, "Rp999"), (1000, "Rp1.000"), (1_250_000, "Rp1.250.000"),
    (10_000_000, "Rp10.000.000"), (1_234_567_890, "Rp1.234.567.890"), (-5000, "-Rp5.000"),
])
def test_format_rupiah(n, text):
    assert format_rupiah(n) == text


def test_format_number_has_no_currency():
    assert format_number(7_335_600) == "7.335.600"


@pytest.mark.parametrize("bad", [1.5, 1250000.0, "1000", None, True])
def test_money_refuses_non_integers(bad):
    with pytest.raises(TypeError):
        format_rupiah(bad)
    with pytest.raises(TypeError):
        terbilang(bad)


@pytest.mark.parametrize(("n", "words"), [
    (0, "nol"), (1, "satu"), (9, "sembilan"), (10, "sepuluh"), (11, "sebelas"), (12, "dua belas"),
    (19, "sembilan belas"), (20, "dua puluh"), (21, "dua puluh satu"), (99, "sembilan puluh sembilan"),
    (100, "seratus"), (101, "seratus satu"), (110, "seratus sepuluh"), (111, "seratus sebelas"),
    (115, "seratus lima belas"), (200, "dua ratus"), (999, "sembilan ratus sembilan puluh sembilan"),
    (1000, "seribu"), (1001, "seribu satu"), (1100, "seribu seratus"),
    (1999, "seribu sembilan ratus sembilan puluh sembilan"),
    (2000, "dua ribu"), (10_000, "sepuluh ribu"), (11_000, "sebelas ribu"), (100_000, "seratus ribu"),
    (101_000, "seratus satu ribu"), (111_111, "seratus sebelas ribu seratus sebelas"),
    (1_000_000, "satu juta"), (1_001_000, "satu juta seribu"), (1_250_000, "satu juta dua ratus lima puluh ribu"),
    (7_335_600, "tujuh juta tiga ratus tiga puluh lima ribu enam ratus"), (10_000_000, "sepuluh juta"),
    (1_000_000_000, "satu miliar"), (2_500_000_000, "dua miliar lima ratus juta"),
    (1_000_000_001, "satu miliar satu"), (1_000_000_000_000, "satu triliun"),
    (1_000_000_000_000_000, "seribu triliun"), (-15, "minus lima belas"),
])
def test_terbilang(n, words):
    assert terbilang(n) == words


def test_terbilang_rupiah():
    assert terbilang_rupiah(1_250_000) == "satu juta dua ratus lima puluh ribu rupiah"
    assert terbilang_rupiah(0) == "nol rupiah"


def test_terbilang_never_leaves_double_spaces():
    for n in range(0, 2_100_000, 997):
        words = terbilang(n)
        assert "  " not in words and words == words.strip()


@pytest.mark.parametrize(("d", "text"), [
    (date(2026, 11, 28), "28 November 2026"), (date(2026, 1, 1), "1 Januari 2026"),
    (date(2026, 2, 9), "9 Februari 2026"), (date(2026, 3, 31), "31 Maret 2026"), (date(2026, 5, 5), "5 Mei 2026"),
    (date(2026, 8, 17), "17 Agustus 2026"), (date(2026, 12, 3), "3 Desember 2026"),
])
def test_format_date_id(d, text):
    assert format_date_id(d) == text


def test_day_names():
    assert format_day_date_id(date(2026, 11, 28)) == "Sabtu, 28 November 2026"
    assert format_day_date_id(date(2026, 11, 30)) == "Senin, 30 November 2026"
    assert format_day_date_id(date(2026, 11, 27)) == "Jumat, 27 November 2026"


def test_days():
    assert format_days(3) == "3 (tiga) hari"
    assert format_days(11) == "11 (sebelas) hari"
    assert inclusive_days(date(2026, 12, 1), date(2026, 12, 3)) == 3
    assert inclusive_days(date(2026, 12, 1), date(2026, 12, 1)) == 1
    assert inclusive_days(date(2026, 12, 30), date(2027, 1, 2)) == 4
    with pytest.raises(ValueError):
        inclusive_days(date(2026, 12, 3), date(2026, 12, 1))
