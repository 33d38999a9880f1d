"""Indonesian formatting of money, number words and dates, as the letters print them."""
from __future__ import annotations

from datetime import date

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember")
DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

_DIGITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
           "sebelas")
# Largest scale first; "ribu" alone becomes "seribu" for exactly one thousand.
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu"))


def _check_int(n: object) -> int:
    # Money is integer rupiah: a float here is a bug upstream, so refuse it rather than round it.
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"expected an integer, got {type(n).__name__}")
    return n


def format_rupiah(n: int) -> str:
    """1250000 -> "Rp1.250.000"; negative amounts get a leading minus ("-Rp5.000")."""
    n = _check_int(n)
    sign = "-" if n < 0 else ""
    return f"{sign}Rp{abs(n):,}".replace(",", ".")


def format_number(n: int) -> str:
    """1250000 -> "1.250.000" (dot thousands separator, no currency)."""
    return f"{_check_int(n):,}".replace(",", ".")


def _below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds:
        words += [_DIGITS[hundreds], "ratus"]
    if rest < 12:
        if rest:
            words.append(_DIGITS[rest])
    elif rest < 20:
        words += [_DIGITS[rest - 10], "belas"]
    else:
        tens, ones = divmod(rest, 10)
        words += [_DIGITS[tens], "puluh"]
        if ones:
            words.append(_DIGITS[ones])
    return words


def terbilang(n: int) -> str:
    """Indonesian number words in lower case: 1250000 -> "satu juta dua ratus lima puluh ribu".

    0 -> "nol", 11 -> "sebelas", 100 -> "seratus", 1000 -> "seribu"; up to the triliun scale
    (larger numbers repeat "triliun", e.g. "seribu triliun"). Negative numbers start with "minus".
    """
    n = _check_int(n)
    if n == 0:
        return "nol"
    if n < 0:
        return "minus " + terbilang(-n)
    words: list[str] = []
    for scale, name in _SCALES:
        count, n = divmod(n, scale)
        if not count:
            continue
        if count == 1 and scale == 1000:
            words.append("seribu")
        else:
            words += (terbilang(count).split() if count >= 1000 else _below_thousand(count)) + [name]
    words += _below_thousand(n)
    return " ".join(words)


def terbilang_rupiah(n: int) -> str:
    """1250000 -> "satu juta dua ratus lima puluh ribu rupiah" (lower case; capitalise where printed)."""
    return f"{terbilang(n)} rupiah"


def format_date_id(d: date) -> str:
    """date(2026, 11, 28) -> "28 November 2026" (day without a leading zero)."""
    return f"{d.day} {MONTHS_ID[d.month - 1]} {d.year}"


def format_day_date_id(d: date) -> str:
    """date(2026, 11, 28) -> "Sabtu, 28 November 2026"."""
    return f"{DAYS_ID[d.weekday()]}, {format_date_id(d)}"


def format_days(days: int) -> str:
    """3 -> "3 (tiga) hari", as travel letters write a duration."""
    return f"{days} ({terbilang(days)}) hari"


def inclusive_days(start: date, end: date) -> int:
    """Calendar days from start to end, both counted: a trip leaving and returning the same day is 1 day."""
    if end < start:
        raise ValueError(f"end date {end} is before start date {start}")
    return (end - start).days + 1
