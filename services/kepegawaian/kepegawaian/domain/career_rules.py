"""The career dates, as pure functions (no database, no clock: ``today`` is an argument) of an employee's facts
in the roster copy and the rules (``CareerRules``, loaded from the ``career_rules`` table; ``DEFAULT_ROWS`` are
the seed, each with its legal source).

* **KGB** (kenaikan gaji berkala; PP 15/1985 as amended, the salary tables' PPs): every ``kgb_interval_years``
  (2) from the last KGB TMT (``kgb_tmt``, else ``tmt_cpns``). A KGB's TMT is always the 1st of a month: when
  the base date plus two years is not a 1st, the KGB falls on the **1st of the following month** (TMT 15 March
  2024 → KGB 1 April 2026). PNS and PPPK both; for PPPK the date is flagged ``verify`` (their contract's rules
  decide: Perpres 11/2024 on PPPK salaries).
* **KP reguler** (kenaikan pangkat; PP 99/2000 as amended by PP 12/2002): at least ``kp_min_years`` (4) in the
  current rank (``rank_tmt``) → the first KP period on or after ``rank_tmt + 4 years``. The periods are data
  with the date they take effect, and the set in force **on the period's date** is used: before 2024 1 April and
  1 October (PP 99/2000 Pasal 3); from 1 January 2024 six periods — 1 February, April, June, August, October,
  December (Peraturan BKN 4/2023); from 1 October 2025 every month on the 1st (Peraturan BKN 4/2025). No KP
  beyond IV/e. The ceiling for a pelaksana or per education level (ijazah) is **not** modelled (out of scope):
  the date is when the years in rank are met. PNS only.
* **BUP** (batas usia pensiun; UU 20/2023 on ASN, PP 11/2017 Pasal 239 as amended by PP 17/2020): 58 for
  administrasi (administrator, pengawas, pelaksana), fungsional ahli muda, ahli pertama and keterampilan; 60 for
  JPT and fungsional ahli madya; 65 for fungsional ahli utama; no level recorded → 58, flagged
  ``level_missing``. The employee reaches the BUP in their birth month of the year ``birth year + BUP`` and the
  pension TMT is **the 1st of the following month** (born 1 or 31 March 1968, BUP 58 → pension TMT 1 April 2026;
  born 29 February → 1 March). PNS only (a PPPK's end is their contract's: out of scope).
* **Masa kerja** (years, months) from ``tmt_cpns`` to a day, whole months (for the DUK).

"``years`` after a date" that lands on a 29 February of a common year means 1 March (the full years are only
complete then); KGB and KP dates move to a 1st anyway.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from situok_kit.letters.formatting import format_date_id

KINDS = ("kgb", "kp", "bup")
KIND_LABELS = {"kgb": "Kenaikan Gaji Berkala", "kp": "Kenaikan Pangkat", "bup": "Pensiun (BUP)"}
MAX_GOLONGAN = "IV/e"
ALL_MONTHS = tuple(range(1, 13))
#: The order of golongan/ruang (I/a lowest … IV/e highest): the DUK sorts by it.
GOLONGAN_ORDER = tuple(f"{g}/{r}" for g, rooms in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde"))
                       for r in rooms)
#: The struktural order of position levels for the DUK's tie-break (JPT first … pelaksana, then fungsional).
LEVEL_ORDER = ("jpt_utama", "jpt_madya", "jpt_pratama", "administrator", "pengawas", "ahli_utama", "ahli_madya",
               "ahli_muda", "ahli_pertama", "penyelia", "mahir", "terampil", "pemula", "pelaksana")

# -- the rules as rows (the seed; ``domain.career.seed`` writes them, ``load_rules`` reads them back) ----------
KGB_SOURCE = "PP 15/1985 tentang Gaji PNS sebagaimana diubah terakhir dengan PP 5/2024, Pasal 7 (KGB tiap 2 tahun)"
KP_SOURCE = "PP 99/2000 jo. PP 12/2002 tentang Kenaikan Pangkat PNS, Pasal 7 (paling singkat 4 tahun dalam pangkat)"
BUP_SOURCE = "UU 20/2023 tentang ASN; PP 11/2017 Pasal 239 sebagaimana diubah dengan PP 17/2020"
BUP_AGES = {
    "jpt_utama": 60, "jpt_madya": 60, "jpt_pratama": 60, "ahli_madya": 60,
    "ahli_utama": 65,
    "administrator": 58, "pengawas": 58, "pelaksana": 58, "ahli_muda": 58, "ahli_pertama": 58,
    "penyelia": 58, "mahir": 58, "terampil": 58, "pemula": 58,
}
DEFAULT_BUP = 58
#: ``(kind, key, value, months, effective_from, source)``.
DEFAULT_ROWS: tuple[tuple[str, str, int | None, str | None, date, str], ...] = (
    ("kgb_interval_years", "", 2, None, date(1985, 1, 1), KGB_SOURCE),
    ("kp_min_years", "", 4, None, date(2000, 1, 1), KP_SOURCE),
    ("kp_periods", "", None, "4,10", date(2000, 1, 1), "PP 99/2000 Pasal 3: 1 April dan 1 Oktober"),
    ("kp_periods", "", None, "2,4,6,8,10,12", date(2024, 1, 1),
     "Peraturan BKN 4/2023: 1 Februari, April, Juni, Agustus, Oktober, Desember"),
    ("kp_periods", "", None, ",".join(str(m) for m in ALL_MONTHS), date(2025, 10, 1),
     "Peraturan BKN 4/2025: setiap bulan tanggal 1 mulai 1 Oktober 2025"),
    ("bup_age", "default", DEFAULT_BUP, None, date(2017, 1, 1), BUP_SOURCE + " (jenjang jabatan belum tercatat)"),
    *(("bup_age", level, age, None, date(2017, 1, 1), BUP_SOURCE) for level, age in BUP_AGES.items()),
)


@dataclass(frozen=True)
class KpPeriods:
    effective_from: date
    months: tuple[int, ...]


@dataclass(frozen=True)
class CareerRules:
    kgb_years: int = 2
    kp_min_years: int = 4
    kp_periods: tuple[KpPeriods, ...] = ()
    bup_ages: dict[str, int] = field(default_factory=dict)
    bup_default: int = DEFAULT_BUP


def rules_from_rows(rows) -> CareerRules:
    """``rows``: ``(kind, key, value, months, effective_from)`` tuples (the table's or ``DEFAULT_ROWS``)."""
    kgb, kp, periods, ages, default = 2, 4, [], {}, DEFAULT_BUP
    for kind, key, value, months, effective_from, *_ in rows:
        if kind == "kgb_interval_years":
            kgb = int(value)
        elif kind == "kp_min_years":
            kp = int(value)
        elif kind == "kp_periods":
            periods.append(KpPeriods(effective_from, tuple(sorted(int(m) for m in months.split(",") if m))))
        elif kind == "bup_age":
            if key == "default":
                default = int(value)
            else:
                ages[key] = int(value)
    return CareerRules(kgb, kp, tuple(sorted(periods, key=lambda p: p.effective_from)), ages, default)


DEFAULT_RULES = rules_from_rows(DEFAULT_ROWS)


# -- date arithmetic -----------------------------------------------------------------------------------------
def add_years(day: date, years: int) -> date:
    """``day`` plus whole years; 29 February into a common year → 1 March (the years are complete then)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def first_of_next_month(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


def first_on_or_after(day: date) -> date:
    """``day`` when it is a 1st, else the 1st of the following month."""
    return day if day.day == 1 else first_of_next_month(day)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


# -- the rules -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CareerDate:
    kind: str
    due_date: date
    base_date: date
    #: Why the date needs a human look: ``pppk_contract`` (KGB of a PPPK), ``level_missing`` (BUP without a
    #: position level), ``kgb_base_is_tmt_cpns`` (no KGB recorded yet).
    flags: tuple[str, ...] = ()
    detail: str = ""


def next_kgb(kgb_tmt: date | None, tmt_cpns: date | None, employment_type: str | None,
             rules: CareerRules = DEFAULT_RULES) -> CareerDate | None:
    """The KGB after the last recorded one (or after TMT CPNS): base + 2 years, moved to a 1st."""
    if employment_type not in ("pns", "pppk"):
        return None
    base = kgb_tmt or tmt_cpns
    if base is None:
        return None
    flags = []
    if kgb_tmt is None:
        flags.append("kgb_base_is_tmt_cpns")
    if employment_type == "pppk":
        flags.append("pppk_contract")
    due = first_on_or_after(add_years(base, rules.kgb_years))
    return CareerDate("kgb", due, base, tuple(flags), f"{rules.kgb_years} tahun sejak TMT {format_date_id(base)}")


def kp_periods_on(day: date, rules: CareerRules = DEFAULT_RULES) -> tuple[int, ...]:
    """The months whose 1st is a KP period under the rules in force on ``day``."""
    current = ()
    for periods in rules.kp_periods:
        if periods.effective_from <= day:
            current = periods.months
    return current


def first_kp_period(earliest: date, rules: CareerRules = DEFAULT_RULES) -> date | None:
    """The first KP period (a 1st of a month whose period set in force then lists that month) on or after
    ``earliest``."""
    day = first_on_or_after(earliest)
    for _ in range(36):
        if day.month in kp_periods_on(day, rules):
            return day
        day = first_of_next_month(day)
    return None


def next_kp(golongan: str | None, rank_tmt: date | None, employment_type: str | None,
            rules: CareerRules = DEFAULT_RULES) -> CareerDate | None:
    """The regular KP: the first period on or after ``rank_tmt + 4 years``; none for IV/e, PPPK, non-ASN."""
    if employment_type != "pns" or rank_tmt is None or not golongan or golongan == MAX_GOLONGAN:
        return None
    earliest = add_years(rank_tmt, rules.kp_min_years)
    due = first_kp_period(earliest, rules)
    if due is None:
        return None
    return CareerDate("kp", due, rank_tmt, (), f"{rules.kp_min_years} tahun dalam pangkat {golongan} "
                                              f"sejak {format_date_id(rank_tmt)}")


def bup_age(position_level: str | None, rules: CareerRules = DEFAULT_RULES) -> tuple[int, bool]:
    """``(age, level_missing)``."""
    if position_level and position_level in rules.bup_ages:
        return rules.bup_ages[position_level], False
    return rules.bup_default, True


def retirement(birth_date: date | None, position_level: str | None, employment_type: str | None,
               rules: CareerRules = DEFAULT_RULES) -> CareerDate | None:
    """The pension TMT: the 1st of the month after the birth month of the year the BUP is reached."""
    if employment_type != "pns" or birth_date is None:
        return None
    age, missing = bup_age(position_level, rules)
    reached_month = date(birth_date.year + age, birth_date.month, 1)
    return CareerDate("bup", first_of_next_month(reached_month), birth_date,
                      ("level_missing",) if missing else (), f"BUP {age} tahun")


def masa_kerja(tmt_cpns: date | None, on: date) -> tuple[int, int] | None:
    """Whole years and months from ``tmt_cpns`` to ``on`` (``None`` without a TMT or before it)."""
    if tmt_cpns is None or on < tmt_cpns:
        return None
    months = (on.year - tmt_cpns.year) * 12 + (on.month - tmt_cpns.month)
    if on.day < tmt_cpns.day:
        months -= 1
    return months // 12, months % 12


def age_on(birth_date: date | None, on: date) -> int | None:
    if birth_date is None:
        return None
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def career_dates(facts, rules: CareerRules = DEFAULT_RULES) -> dict[str, CareerDate | None]:
    """Every next date of an employee; ``facts`` has the roster copy's attributes (``kgb_tmt``, ``tmt_cpns``,
    ``golongan``, ``rank_tmt``, ``birth_date``, ``position_level``, ``employment_type``)."""
    return {
        "kgb": next_kgb(facts.kgb_tmt, facts.tmt_cpns, facts.employment_type, rules),
        "kp": next_kp(facts.golongan, facts.rank_tmt, facts.employment_type, rules),
        "bup": retirement(facts.birth_date, facts.position_level, facts.employment_type, rules),
    }


def due_in(dates: dict[str, CareerDate | None], kinds, start: date, end: date, today: date) -> list[tuple]:
    """``(CareerDate, overdue)`` of ``kinds`` falling in ``[start, end]``, plus the overdue ones (before
    ``today`` and before ``start``: the record was not updated) when the period is not in the past."""
    found = []
    for kind in kinds:
        item = dates.get(kind)
        if item is None:
            continue
        if start <= item.due_date <= end:
            found.append((item, item.due_date < today))
        elif item.due_date < start and item.due_date < today and end >= today:
            found.append((item, True))
    return found


def golongan_rank(golongan: str | None) -> int:
    """Position of a golongan in ``GOLONGAN_ORDER`` (-1 when unknown)."""
    return GOLONGAN_ORDER.index(golongan) if golongan in GOLONGAN_ORDER else -1


def level_rank(level: str | None) -> int:
    return LEVEL_ORDER.index(level) if level in LEVEL_ORDER else len(LEVEL_ORDER)


def duk_key(row, today: date):
    """The DUK's order: golongan desc, rank TMT asc, position level (struktural order), masa kerja desc, age
    desc (then name). ``row`` has ``golongan, rank_tmt, position_level, tmt_cpns, birth_date, full_name``."""
    far = date.max
    return (-golongan_rank(row.golongan), row.rank_tmt or far, level_rank(row.position_level),
            row.tmt_cpns or far, row.birth_date or far, row.full_name or "")


def reminder_window(due: date, lead_days: int, today: date, grace_days: int = 30) -> bool:
    """Whether a reminder is due today: from ``lead_days`` before the date until ``grace_days`` after it (a run
    missed while the service was down still reminds)."""
    return (due.toordinal() - lead_days) <= today.toordinal() <= due.toordinal() + grace_days
