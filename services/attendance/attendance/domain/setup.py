"""Setup data the admin manages: work locations, schedules per unit and period, special periods (Ramadan),
the holiday calendar (CSV import: all rows or none), deduction weights and settings. Functions return the
stored rows (or ``Week``s); the service dumps them with the answer schemas."""
from __future__ import annotations

import base64
import binascii
import csv
import io
from dataclasses import dataclass
from datetime import date

from situok_kit import roster as kit_roster
from situok_kit import uploads
from situok_kit.errors import NotFound, ValidationFailed
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from ..models import HOLIDAY_KINDS, DeductionWeight, Holiday, Setting, SpecialPeriod, WorkLocation, WorkSchedule
from . import honesty

#: Settings with their defaults (*verify* with the bureau): ``geofence_mode`` "tolak" refuses a check-in
#: outside every location, "tinjau" accepts it marked "perlu ditinjau"; ``selfie_max_kb`` caps a selfie;
#: ``tracking_start`` (ISO date) is the first day attendance counts — days before it are not shown or
#: recapped, so an installation does not mark everyone alpa for the days before it went live (the seed
#: sets it to the day it first runs; null: no limit).
#: The check-in honesty rules' settings (``geofence_max_accuracy_m``, ``selfie_required``, ``office_networks``,
#: ``max_speed_kmh``) are ``honesty.DEFAULTS``; see ``domain/honesty.py``.
DEFAULT_SETTINGS = {"geofence_mode": "tolak", "selfie_max_kb": 512, "tracking_start": None, **honesty.DEFAULTS}
GEOFENCE_MODES = ("tolak", "tinjau")


# -- settings ----------------------------------------------------------------------------------

def get_settings(session: Session) -> dict:
    """``SettingsOut``: the stored settings over their defaults (``tracking_start`` a date or None)."""
    stored = {s.key: s.value.get("v") for s in session.scalars(select(Setting))}
    settings = {**DEFAULT_SETTINGS, **{k: v for k, v in stored.items() if k in DEFAULT_SETTINGS}}
    start = settings["tracking_start"]
    return {**settings, "tracking_start": date.fromisoformat(start) if start else None}


def tracking_start(session: Session) -> date | None:
    return get_settings(session)["tracking_start"]


def update_settings(session: Session, changes: dict) -> dict:
    for key, value in changes.items():
        if isinstance(value, date):
            value = value.isoformat()
        session.execute(pg_insert(Setting).values(key=key, value={"v": value}).on_conflict_do_update(
            index_elements=[Setting.key], set_={"value": {"v": value}}))
    session.flush()
    return get_settings(session)


# -- locations ---------------------------------------------------------------------------------

def list_locations(session: Session) -> list[WorkLocation]:
    return list(session.scalars(select(WorkLocation).order_by(WorkLocation.name)))


def _name_free(session: Session, name: str, own_id: int | None = None) -> None:
    other = session.scalar(select(WorkLocation.id).where(WorkLocation.name == name))
    if other is not None and other != own_id:
        raise ValidationFailed("Data tidak valid.", {"name": "Nama lokasi sudah dipakai."})


def create_location(session: Session, data: dict) -> WorkLocation:
    _name_free(session, data["name"])
    loc = WorkLocation(**data)
    session.add(loc)
    session.flush()
    return loc


def update_location(session: Session, location_id: int, data: dict) -> WorkLocation:
    loc = session.get(WorkLocation, location_id, with_for_update=True)
    if loc is None:
        raise NotFound("Lokasi kerja tidak ditemukan.")
    if "name" in data:
        _name_free(session, data["name"], loc.id)
    for key, value in data.items():
        setattr(loc, key, value)
    session.flush()
    return loc


# -- schedules and periods -----------------------------------------------------------------------

@dataclass(frozen=True)
class Week:
    """The working days of (unit or default, period), Monday first; a weekday without a row is off."""

    unit_id: int | None
    period: str
    days: list[WorkSchedule]


def weeks(rows: list[WorkSchedule]) -> list[Week]:
    grouped: dict = {}
    for r in rows:
        grouped.setdefault((r.unit_id, r.period), []).append(r)
    return [Week(unit, period, sorted(days, key=lambda d: d.weekday))
            for (unit, period), days in sorted(grouped.items(), key=lambda kv: (kv[0][0] or 0, kv[0][1]))]


def list_schedules(session: Session) -> list[Week]:
    return weeks(list(session.scalars(select(WorkSchedule))))


def set_schedule(session: Session, data: dict) -> Week:
    """Replace the week of (unit, period); an empty ``days`` removes a unit's own schedule."""
    unit_id, period = data.get("unit_id"), data["period"]
    cond = WorkSchedule.unit_id.is_(None) if unit_id is None else WorkSchedule.unit_id == unit_id
    session.execute(delete(WorkSchedule).where(cond, WorkSchedule.period == period))
    for day in data["days"]:
        session.add(WorkSchedule(unit_id=unit_id, period=period, **day))
    session.flush()
    rows = list(session.scalars(select(WorkSchedule).where(cond, WorkSchedule.period == period)))
    return (weeks(rows) or [Week(unit_id, period, [])])[0]


def list_periods(session: Session) -> list[SpecialPeriod]:
    return list(session.scalars(select(SpecialPeriod).order_by(SpecialPeriod.start_date)))


def _overlap(session: Session, start: date, end: date, own_id: int | None) -> None:
    q = select(SpecialPeriod.name).where(SpecialPeriod.start_date <= end, SpecialPeriod.end_date >= start)
    if own_id:
        q = q.where(SpecialPeriod.id != own_id)
    other = session.scalar(q.limit(1))
    if other:
        raise ValidationFailed("Data tidak valid.", {"start_date": f"Bertumpang tindih dengan periode {other}."})


def save_period(session: Session, data: dict, period_id: int | None = None) -> SpecialPeriod:
    _overlap(session, data["start_date"], data["end_date"], period_id)
    if period_id is None:
        p = SpecialPeriod(**data)
        session.add(p)
    else:
        p = session.get(SpecialPeriod, period_id, with_for_update=True)
        if p is None:
            raise NotFound("Periode tidak ditemukan.")
        for key, value in data.items():
            setattr(p, key, value)
    session.flush()
    return p


def delete_period(session: Session, period_id: int) -> dict:
    p = session.get(SpecialPeriod, period_id)
    if p is None:
        raise NotFound("Periode tidak ditemukan.")
    session.delete(p)
    return {"deleted": True}


# -- holidays -------------------------------------------------------------------------------------

def list_holidays(session: Session, year: int | None) -> list[Holiday]:
    q = select(Holiday).order_by(Holiday.day)
    if year:
        q = q.where(Holiday.day.between(date(year, 1, 1), date(year, 12, 31)))
    return list(session.scalars(q))


def upsert_holidays(session: Session, rows: list[dict]) -> int:
    return kit_roster.upsert_rows(session, Holiday, rows, key="day")


def save_holiday(session: Session, data: dict) -> Holiday:
    """Add or replace the holiday of ``data["day"]`` (source: admin)."""
    upsert_holidays(session, [{**data, "source": "admin"}])
    return session.get(Holiday, data["day"], populate_existing=True)


def import_holidays(session: Session, rows: list[dict]) -> dict:
    """``HolidayImportOut``: store parsed CSV rows (``parse_holiday_csv``)."""
    return {"imported": upsert_holidays(session, rows), "from": min(r["day"] for r in rows),
            "to": max(r["day"] for r in rows)}


def delete_holiday(session: Session, day: date) -> dict:
    h = session.get(Holiday, day)
    if h is None:
        raise NotFound("Hari libur tidak ditemukan.")
    session.delete(h)
    return {"deleted": True}


HOLIDAY_COLUMNS = ("tanggal", "nama", "jenis")
_TRUE = {"1", "ya", "y", "true", "verify", "verifikasi"}


def parse_holiday_csv(content_b64: str, source: str) -> list[dict]:
    """Rows of a holiday CSV (``tanggal,nama,jenis[,verifikasi]``; ``;`` also accepted). Every bad row is
    reported (``fields["baris_<n>.<kolom>"]``, ``extra.rows``); any problem means nothing is loaded."""
    try:
        raw = base64.b64decode(content_b64, validate=True)
        text = raw.decode("utf-8-sig")
    except (binascii.Error, ValueError):
        raise ValidationFailed("Berkas tidak valid.",
                               {"content_b64": "Harus berupa berkas CSV UTF-8 dalam base64."}) from None
    if not text.strip():
        raise ValidationFailed("Berkas tidak valid.", {"content_b64": "Berkas kosong."})
    uploads.require_kind(raw, {"text"}, "content_b64")           # plain text by its content, not markup
    first = text.splitlines()[0]
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if first.count(";") > first.count(",") else ",")
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in HOLIDAY_COLUMNS if c not in header]
    if missing:
        raise ValidationFailed("Kolom berkas tidak lengkap.",
                               {"content_b64": f"Kolom wajib tidak ada: {', '.join(missing)}."})
    problems: list[dict] = []
    rows: list[dict] = []
    seen: dict[date, int] = {}
    for n, raw_row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw_row.items() if k}
        if not any(row.values()):
            continue
        bad = []
        try:
            day = date.fromisoformat(row["tanggal"])
        except ValueError:
            day = None
            bad.append(("tanggal", "Harus tanggal YYYY-MM-DD."))
        if not row["nama"]:
            bad.append(("nama", "Wajib diisi."))
        elif len(row["nama"]) > 200:
            bad.append(("nama", "Maksimal 200 karakter."))
        if row["jenis"] not in HOLIDAY_KINDS:
            bad.append(("jenis", f"Harus salah satu dari: {', '.join(HOLIDAY_KINDS)}."))
        if day is not None and day in seen:
            bad.append(("tanggal", f"Tanggal sama dengan baris {seen[day]}."))
        if bad:
            problems += [{"row": n, "column": col, "problem": msg} for col, msg in bad]
            continue
        seen[day] = n
        rows.append({"day": day, "name": row["nama"], "kind": row["jenis"],
                     "verify": row.get("verifikasi", "").lower() in _TRUE, "source": source[:200]})
    if problems:
        raise ValidationFailed(f"{len({p['row'] for p in problems})} baris bermasalah; tidak ada yang dimuat.",
                               {f"baris_{p['row']}.{p['column']}": p["problem"] for p in problems},
                               {"rows": problems})
    if not rows:
        raise ValidationFailed("Berkas tidak valid.", {"content_b64": "Tidak ada baris data."})
    return rows


# -- deduction weights ------------------------------------------------------------------------------

def list_weights(session: Session) -> list[DeductionWeight]:
    return list(session.scalars(select(DeductionWeight).order_by(DeductionWeight.code)))


def weights_map(session: Session) -> dict[str, int]:
    return dict(session.execute(select(DeductionWeight.code, DeductionWeight.weight_bp)).all())


def update_weights(session: Session, items: list[dict]) -> list[DeductionWeight]:
    for item in items:
        stmt = pg_insert(DeductionWeight).values(code=item["code"], weight_bp=item["weight_bp"],
                                                 note=item.get("note"), verify=False)
        session.execute(stmt.on_conflict_do_update(
            index_elements=[DeductionWeight.code],
            set_={"weight_bp": stmt.excluded.weight_bp, "note": stmt.excluded.note, "verify": False}))
    session.flush()
    return list_weights(session)


def overview(session: Session) -> dict:
    """``SetupOut``: everything but the holidays."""
    return {"locations": list_locations(session), "schedules": list_schedules(session),
            "periods": list_periods(session), "weights": list_weights(session), "settings": get_settings(session)}
