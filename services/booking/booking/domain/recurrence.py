"""The occurrences of a series' rule. Pure: no database, no clock (``today`` is given).

* weekly: every ``interval`` (1–12) weeks on the ISO ``weekdays`` (1 Monday … 7 Sunday);
* monthly: every ``interval`` months on ``month_day`` (else the day of ``starts_on``); a month without that
  day (the 31st in April, the 30th in February) is **skipped** and said so (``Expansion.skipped``);
* from ``starts_on`` until ``until_on`` (WITA dates) — at most a year (``MAX_SPAN``) and at most
  ``MAX_OCCURRENCES`` occurrences; ``except_dates`` are left out (holidays are not skipped by themselves);
* every occurrence at the wall-clock ``start_time``–``end_time`` in WITA, stored UTC (WITA has no daylight
  saving: UTC+8 all year).

The expansion is ``dateutil.rrule`` (RFC 5545); a broken limit is a ``ValidationFailed`` naming the field.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, WEEKLY, rrule, weekday
from situok_kit.clock import WITA
from situok_kit.errors import ValidationFailed

MAX_OCCURRENCES = 100
MAX_SPAN = relativedelta(years=1)
MAX_INTERVAL = 12
WEEKDAY_NAMES = {1: "Senin", 2: "Selasa", 3: "Rabu", 4: "Kamis", 5: "Jumat", 6: "Sabtu", 7: "Minggu"}


@dataclass(frozen=True)
class Rule:
    frequency: str
    starts_on: date
    until_on: date
    start_time: time
    end_time: time
    interval: int = 1
    weekdays: tuple[int, ...] = ()
    month_day: int | None = None
    except_dates: tuple[date, ...] = ()


@dataclass(frozen=True)
class Occurrence:
    """One slot of the rule: its WITA date and its UTC period."""

    on: date
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class Expansion:
    occurrences: list[Occurrence]
    #: Months the rule's day does not exist in (the 1st of each such month), monthly only.
    skipped: list[date] = field(default_factory=list)
    #: ``except_dates`` that removed an occurrence.
    excepted: list[date] = field(default_factory=list)


def rule_of(series) -> Rule:
    """The rule of a stored series (anything with the same attributes)."""
    return Rule(frequency=series.frequency, starts_on=series.starts_on, until_on=series.until_on,
                start_time=series.start_time, end_time=series.end_time, interval=series.interval or 1,
                weekdays=tuple(series.weekdays or ()), month_day=series.month_day,
                except_dates=tuple(getattr(series, "except_dates", None) or ()))


def to_utc(on: date, at: time) -> datetime:
    """A WITA wall-clock time on a WITA date, in UTC."""
    return datetime.combine(on, at, tzinfo=WITA).astimezone(UTC)


def problems(rule: Rule, today: date | None = None) -> dict[str, str]:
    """``{field: message}`` for a rule that breaks a limit (empty when it is fine)."""
    found: dict[str, str] = {}
    if rule.frequency not in ("weekly", "monthly"):
        found["frequency"] = "Frekuensi harus mingguan (weekly) atau bulanan (monthly)."
        return found
    if not 1 <= rule.interval <= MAX_INTERVAL:
        found["interval"] = f"Selang harus 1 sampai {MAX_INTERVAL}."
    if rule.frequency == "weekly":
        if not rule.weekdays:
            found["weekdays"] = "Pilih sedikitnya satu hari."
        elif any(not 1 <= d <= 7 for d in rule.weekdays):
            found["weekdays"] = "Hari harus 1 (Senin) sampai 7 (Minggu)."
        if rule.month_day is not None:
            found["month_day"] = "Tanggal bulanan hanya untuk seri bulanan."
    else:
        if rule.weekdays:
            found["weekdays"] = "Hari dalam minggu hanya untuk seri mingguan."
        if rule.month_day is not None and not 1 <= rule.month_day <= 31:
            found["month_day"] = "Tanggal harus 1 sampai 31."
    if rule.end_time <= rule.start_time:
        found["end_time"] = "Jam selesai harus setelah jam mulai (pada hari yang sama)."
    if today is not None and rule.starts_on < today:
        found["starts_on"] = "Tanggal mulai sudah lewat."
    if rule.until_on < rule.starts_on:
        found["until_on"] = "Tanggal akhir harus pada atau setelah tanggal mulai."
    elif rule.until_on > rule.starts_on + MAX_SPAN:
        found["until_on"] = "Seri paling lama satu tahun."
    return found


def expand(rule: Rule, today: date | None = None) -> Expansion:
    """Every occurrence of ``rule`` by date (422 naming the field for a broken limit, or for a rule that gives
    no occurrence at all)."""
    found = problems(rule, today)
    if found:
        raise ValidationFailed("Aturan seri belum benar.", found)
    start = datetime.combine(rule.starts_on, time())
    until = datetime.combine(rule.until_on, time())
    skipped: list[date] = []
    if rule.frequency == "weekly":
        days = rrule(WEEKLY, interval=rule.interval, dtstart=start, until=until,
                     byweekday=[weekday(d - 1) for d in sorted(set(rule.weekdays))])
    else:
        day = rule.month_day or rule.starts_on.day
        days = rrule(MONTHLY, interval=rule.interval, dtstart=start, until=until, bymonthday=day)
        month = rule.starts_on.replace(day=1)
        while month <= rule.until_on:
            last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
            # the missing day would fall after the month's last day: within the period when until_on is later
            if day > last.day and rule.starts_on <= last < rule.until_on:
                skipped.append(month)
            month += relativedelta(months=rule.interval)
    excluded = set(rule.except_dates)
    dates = [d.date() for d in days]
    excepted = [d for d in dates if d in excluded]
    unknown = sorted(excluded - set(dates))
    if unknown:
        raise ValidationFailed("Tanggal pengecualian bukan tanggal seri.", {
            "except_dates": "Bukan tanggal kejadian seri: " + ", ".join(d.isoformat() for d in unknown) + "."})
    occurrences = [Occurrence(d, to_utc(d, rule.start_time), to_utc(d, rule.end_time))
                   for d in dates if d not in excluded]
    if not occurrences:
        raise ValidationFailed("Aturan seri tidak menghasilkan satu pun jadwal.", {
            "until_on": "Tidak ada jadwal antara tanggal mulai dan tanggal akhir dengan aturan ini."})
    if len(dates) > MAX_OCCURRENCES:
        raise ValidationFailed("Seri terlalu banyak jadwal.", {
            "until_on": f"Seri paling banyak {MAX_OCCURRENCES} jadwal; aturan ini memberi {len(dates)}."})
    return Expansion(occurrences, skipped, excepted)


def describe(rule: Rule) -> str:
    """The rule in Indonesian: "Setiap 2 minggu pada Senin, Rabu, 09.00–11.00 WITA"."""
    hours = f"{rule.start_time:%H.%M}–{rule.end_time:%H.%M} WITA"
    if rule.frequency == "weekly":
        every = "Setiap minggu" if rule.interval == 1 else f"Setiap {rule.interval} minggu"
        days = ", ".join(WEEKDAY_NAMES.get(d, str(d)) for d in sorted(set(rule.weekdays)))
        return f"{every} pada {days}, {hours}"
    every = "Setiap bulan" if rule.interval == 1 else f"Setiap {rule.interval} bulan"
    return f"{every} pada tanggal {rule.month_day or rule.starts_on.day}, {hours}"
