"""Penyusutan (depreciation) of regional assets: straight line over the useful life (masa manfaat).

Pure functions first (no database, no clock), then the reports that read the register.

Rules (*verify* against Permendagri 1/2019 on penyusutan BMD and the bureau's accounting policy):

* the useful life is the code's (``codes.useful_life``: the longest prefix; data) valid on the acquisition date;
  an item acquired before any row of its code was valid takes the one valid at the report's date (the
  regulation in force applies to what was bought before it, *verify*); 0 or none = not depreciated (land,
  construction in progress, …) — the item keeps its acquisition value as its book value;
* straight line, without residual value: each period's amount is ``value // periods`` in integer rupiah, and
  the rounding remainder goes into the **last** period, so the periods add up to the value exactly;
* by year (``year``: ``years`` periods) or by semester (``semester``: ``2 × years`` periods), as
  ``AssetSettings.depreciation_period`` says;
* **first period** (*verify*): yearly — the whole year of acquisition is depreciated (a laptop bought on 10 March
  2024 has its first full year's amount in 2024); by semester — the whole semester of acquisition (January–June
  is semester 1, July–December semester 2). An item without an acquisition date is taken as acquired on
  1 January of its acquisition year;
* a period is charged in full once it has begun (``book_value`` on a day counts the running period); the book
  value never goes below 0.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from situok_kit.clock import WITA
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ..models import Asset, AssetCode, UsefulLife
from . import codes, kib_export, settings

PERIODS = ("year", "semester")


@dataclass(frozen=True)
class Period:
    """One period of an item's schedule: its 1-based number, year and semester (None by year), first and last
    day, the amount charged, and the accumulated depreciation and book value at its end."""

    index: int
    year: int
    semester: int | None
    starts_on: date
    ends_on: date
    amount: int
    accumulated: int
    book_value: int


def _semester_of(day: date) -> int:
    return 1 if day.month <= 6 else 2


def _bounds(year: int, semester: int | None) -> tuple[date, date]:
    if semester is None:
        return date(year, 1, 1), date(year, 12, 31)
    return (date(year, 1, 1), date(year, 6, 30)) if semester == 1 else (date(year, 7, 1), date(year, 12, 31))


def is_depreciated(value: int, years: int | None) -> bool:
    return bool(years) and value > 0


def schedule(value: int, acquired_on: date, years: int | None, period: str = "year") -> list[Period]:
    """The item's periods from the one of its acquisition; ``[]`` when it is not depreciated."""
    if period not in PERIODS:
        raise ValueError(f"unknown depreciation period {period!r}")
    if not is_depreciated(value, years):
        return []
    count = years if period == "year" else 2 * years
    base, remainder = divmod(value, count)
    year, semester = acquired_on.year, (None if period == "year" else _semester_of(acquired_on))
    periods, accumulated = [], 0
    for index in range(1, count + 1):
        amount = base + (remainder if index == count else 0)
        accumulated += amount
        starts_on, ends_on = _bounds(year, semester)
        periods.append(Period(index, year, semester, starts_on, ends_on, amount, accumulated,
                              max(value - accumulated, 0)))
        if semester is None or semester == 2:
            year, semester = year + 1, (None if semester is None else 1)
        else:
            semester = 2
    return periods


def book_value(value: int, acquired_on: date, years: int | None, period: str, on: date) -> tuple[int, int, int]:
    """``(accumulated, book_value, this_period)`` on the day ``on``: what the periods begun by then charged,
    the value left, and the amount of the period ``on`` falls in (0 outside the schedule)."""
    accumulated = this_period = 0
    for p in schedule(value, acquired_on, years, period):
        if p.starts_on > on:
            break
        accumulated = p.accumulated
        if p.ends_on >= on:
            this_period = p.amount
    return accumulated, max(value - accumulated, 0), this_period


def year_figures(value: int, acquired_on: date, years: int | None, period: str, year: int) -> tuple[int, int, int]:
    """``(of_the_year, accumulated, book_value)`` at the end of ``year`` (31 December)."""
    periods = schedule(value, acquired_on, years, period)
    of_year = sum(p.amount for p in periods if p.year == year)
    accumulated = max((p.accumulated for p in periods if p.year <= year), default=0)
    return of_year, accumulated, max(value - accumulated, 0)


def life_of(lives: list[tuple[str, int, date]], code: str, on: date, or_on: date | None = None) -> int | None:
    """``codes.useful_life`` over rows already read (``(code_prefix, years, valid_from)``): the longest prefix
    of ``code`` with a row valid on ``on`` (the latest ``valid_from`` not after it); when none is, the one valid
    on ``or_on``."""
    found = _life_on(lives, code, on)
    return found if found is not None or or_on is None else _life_on(lives, code, or_on)


def _life_on(lives: list[tuple[str, int, date]], code: str, on: date) -> int | None:
    best = None
    for prefix, years, valid_from in lives:
        if valid_from <= on and (code == prefix or code.startswith(prefix + ".")):
            key = (len(prefix), valid_from)
            if best is None or key > best[0]:
                best = (key, years)
    return best[1] if best else None


def acquired_on(acquisition_date: date | None, acquisition_year: int) -> date:
    return acquisition_date or date(acquisition_year, 1, 1)


# -- reading the register -------------------------------------------------------------------------------

def _period_setting(session: Session) -> str:
    return settings.current(session).depreciation_period


def _wita_day(moment: datetime | None) -> date | None:
    return moment.astimezone(WITA).date() if moment else None


def item_schedule(session: Session, asset_id: int, today: date) -> dict:
    """``AssetDepreciationOut``: the item, its useful life and its schedule."""
    from situok_kit.errors import NotFound

    asset = session.get(Asset, asset_id)
    if asset is None:
        raise NotFound("Barang tidak ditemukan.")
    period = _period_setting(session)
    start = acquired_on(asset.acquisition_date, asset.acquisition_year)
    years = codes.useful_life(session, asset.code, start)
    if years is None:
        years = codes.useful_life(session, asset.code, today)
    periods = schedule(asset.acquisition_value, start, years, period)
    return {"asset_id": asset.id, "code": asset.code, "register_number": asset.register_number,
            "name": asset.name, "kib": asset.kib, "acquisition_value": asset.acquisition_value,
            "acquired_on": start, "useful_life_years": years, "period": period,
            "depreciated": bool(periods), "status": asset.status, "disposed_on": _wita_day(asset.disposed_at),
            "periods": periods}


def _useful_lives(session: Session) -> list[tuple[str, int, date]]:
    return [tuple(r) for r in session.execute(select(UsefulLife.code_prefix, UsefulLife.years, UsefulLife.valid_from))]


def report(session: Session, year: int, kib: str | None = None, with_items: bool = False) -> dict:
    """``DepreciationReportOut``: per KIB (or one KIB) at the end of ``year``: items, acquisition value,
    depreciation of the year, accumulated, book value. Items acquired by then, still active — a disposed item is
    out from its disposal date (WITA). ``with_items`` adds a row per item (one KIB's report and its file)."""
    period = _period_setting(session)
    year_end = date(year, 12, 31)
    # disposed after the year's end (WITA) = still held on 31 December
    after = datetime(year + 1, 1, 1, tzinfo=WITA).astimezone(UTC)
    lives = _useful_lives(session)
    query = (select(Asset.id, Asset.code, Asset.register_number, Asset.name, Asset.kib, Asset.acquisition_year,
                    Asset.acquisition_date, Asset.acquisition_value, AssetCode.name.label("code_name"))
             .join(AssetCode, AssetCode.code == Asset.code)
             .where(Asset.acquisition_year <= year,
                    or_(Asset.status == "active", and_(Asset.disposed_at.is_not(None), Asset.disposed_at >= after)))
             .order_by(Asset.code, Asset.register_number))
    if kib:
        query = query.where(Asset.kib == kib)
    totals: dict[str, dict] = {}
    items = []
    for row in kib_export.batches(session, query):
        start = acquired_on(row.acquisition_date, row.acquisition_year)
        years = life_of(lives, row.code, start, year_end)
        of_year, accumulated, left = year_figures(row.acquisition_value, start, years, period, year)
        line = totals.setdefault(row.kib, {"kib": row.kib, "kib_name": codes.KIB_NAMES[row.kib], "items": 0,
                                           "acquisition_value": 0, "depreciation": 0, "accumulated": 0,
                                           "book_value": 0})
        line["items"] += 1
        line["acquisition_value"] += row.acquisition_value
        line["depreciation"] += of_year
        line["accumulated"] += accumulated
        line["book_value"] += left
        if with_items:
            items.append({"asset_id": row.id, "code": row.code, "register_number": row.register_number,
                          "name": row.name, "kib": row.kib, "acquisition_year": row.acquisition_year,
                          "acquisition_value": row.acquisition_value, "useful_life_years": years,
                          "depreciation": of_year, "accumulated": accumulated, "book_value": left})
    rows = [totals[k] for k in sorted(totals)]
    total = {"kib": "", "kib_name": "Jumlah", "items": sum(r["items"] for r in rows),
             **{k: sum(r[k] for r in rows) for k in ("acquisition_value", "depreciation", "accumulated",
                                                      "book_value")}}
    return {"year": year, "kib": kib, "period": period, "as_of": year_end, "rows": rows, "totals": total,
            "items": items}
