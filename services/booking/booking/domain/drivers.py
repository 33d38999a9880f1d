"""Drivers: employees of the roster copy on the drivers' list, their working days and hours, their absences —
and who is free for a trip (active, not absent any WITA day the trip touches, no other trip overlapping).

Working hours are advice: an official trip may go beyond them, so a trip outside them is a *warning*
(``hours_warnings``), never a refusal. One trip at a time per driver is the database's guarantee
(``ex_trips_driver_no_overlap``, ``domain.trips.assign``); ``free_drivers`` is the same question asked first,
to list who can be chosen.

Absences are entered by a keeper (leave, sick, training); kepegawaian's approved leave counts as an absence
too (``domain.driver_leave``, from ``kepegawaian.leave_approved`` / ``leave_cancelled``).
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from situok_kit.clock import WITA, utcnow, wita_day
from situok_kit.errors import Conflict, NotFound, ValidationFailed
from situok_kit.outputs import View
from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session

from ..models import Driver, DriverAbsence, RosterEmployee, Trip
from . import approvers, driver_leave
from .access import Caller

DAY_NAMES = {1: "Sen", 2: "Sel", 3: "Rab", 4: "Kam", 5: "Jum", 6: "Sab", 7: "Min"}
ABSENCE_LABELS = {"leave": "cuti", "sick": "sakit", "training": "pelatihan", "other": "lainnya"}
DEFAULT_DAYS = [1, 2, 3, 4, 5]
DEFAULT_START, DEFAULT_END = time(7, 30), time(16, 0)
MAX_SCHEDULE_DAYS = 62
NOT_MANAGER = "Hanya pengurus barang, admin atau penyetuju kendaraan yang dapat melihat daftar pengemudi."


def is_driver(session: Session, employee_id: int | None) -> bool:
    """Whether ``employee_id`` is an active driver (the capabilities' ``drive``)."""
    if not employee_id:
        return False
    return bool(session.scalar(select(exists().where(Driver.employee_id == employee_id, Driver.active))))


def may_see_all(session: Session, caller: Caller) -> bool:
    """Keepers and approvers see every driver (they assign them)."""
    return caller.is_keeper or approvers.approves_some(session, caller)


# -- hours --------------------------------------------------------------------------------------------

def _days_text(days: list[int]) -> str:
    days = sorted(set(days or []))
    if days and days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
        return f"{DAY_NAMES[days[0]]}–{DAY_NAMES[days[-1]]}"
    return ", ".join(DAY_NAMES[d] for d in days)


def hours_label(driver: Driver) -> str:
    """``Sen–Jum 07.30–16.00 WITA``."""
    return (f"{_days_text(driver.work_days)} {driver.work_start.strftime('%H.%M')}–"
            f"{driver.work_end.strftime('%H.%M')} WITA")


def hours_warnings(driver: Driver, starts_at: datetime, ends_at: datetime) -> list[str]:
    """Why a trip ``[starts_at, ends_at)`` lies outside the driver's working days or hours (empty: it does
    not). Warnings only: an official trip may go beyond them."""
    start, end = starts_at.astimezone(WITA), ends_at.astimezone(WITA)
    warnings = []
    days, day = [], start.date()
    while day <= (end - timedelta(microseconds=1)).date():
        days.append(day)
        day += timedelta(days=1)
    off = [d for d in days if d.isoweekday() not in (driver.work_days or [])]
    if off:
        warnings.append("Di luar hari kerja pengemudi (" + ", ".join(d.strftime("%d-%m-%Y") for d in off)
                        + f"; hari kerja {_days_text(driver.work_days)}).")
    if len(days) > 1 or start.time() < driver.work_start or end.time() > driver.work_end:
        warnings.append(f"Di luar jam kerja pengemudi ({hours_label(driver)}); perjalanan dinas boleh "
                        "melebihinya.")
    return warnings


# -- reading ------------------------------------------------------------------------------------------

def get_driver(session: Session, employee_id: int, *, lock: bool = False) -> Driver:
    statement = select(Driver).where(Driver.employee_id == employee_id)
    if lock:
        statement = statement.with_for_update()
    driver = session.scalar(statement)
    if driver is None:
        raise NotFound("Pengemudi tidak ditemukan.", {"employee_id": "Pegawai ini tidak ada di daftar pengemudi."})
    return driver


def _people(session: Session, ids) -> dict[int, RosterEmployee]:
    ids = {i for i in ids if i}
    if not ids:
        return {}
    return {e.id: e for e in session.scalars(select(RosterEmployee).where(RosterEmployee.id.in_(ids)))}


def absence_views(session: Session, absences: list[DriverAbsence]) -> list[View]:
    people = _people(session, {a.driver_employee_id for a in absences})
    return [View(a, kind_label=ABSENCE_LABELS[a.kind],
                 driver_name=getattr(people.get(a.driver_employee_id), "name", None)) for a in absences]


def views(session: Session, drivers: list[Driver], *, today: date | None = None) -> list[View]:
    """Each driver as ``DriverOut``: the name from the roster, the hours, the absences not yet over."""
    if not drivers:
        return []
    today = today or wita_day()
    ids = [d.employee_id for d in drivers]
    people = _people(session, ids)
    upcoming: dict[int, list[DriverAbsence]] = {i: [] for i in ids}
    for absence in session.scalars(select(DriverAbsence).where(
            DriverAbsence.driver_employee_id.in_(ids), DriverAbsence.ends_on >= today)
            .order_by(DriverAbsence.starts_on, DriverAbsence.id)):
        upcoming[absence.driver_employee_id].append(absence)
    return [View(d, name=getattr(people.get(d.employee_id), "name", None),
                 nip=getattr(people.get(d.employee_id), "nip", None), hours_label=hours_label(d),
                 absences=absence_views(session, upcoming[d.employee_id])) for d in drivers]


def list_drivers(session: Session, caller: Caller) -> list[View]:
    """Keepers and approvers: every driver, by name."""
    caller.require(may_see_all(session, caller), NOT_MANAGER)
    rows = session.execute(select(Driver, RosterEmployee.name).outerjoin(
        RosterEmployee, RosterEmployee.id == Driver.employee_id).order_by(RosterEmployee.name, Driver.employee_id))
    return views(session, [row[0] for row in rows])


def candidates(session: Session, caller: Caller, q: str | None = None, limit: int = 200) -> list[RosterEmployee]:
    """Keeper: active employees of the roster not yet on the drivers' list (by name; ``q`` a part of the name
    or the NIP) — the add form's choice."""
    caller.require_keeper()
    statement = select(RosterEmployee).where(
        RosterEmployee.active, ~exists().where(Driver.employee_id == RosterEmployee.id))
    if q:
        pattern = f"%{q.strip()}%"
        statement = statement.where(RosterEmployee.name.ilike(pattern) | RosterEmployee.nip.ilike(pattern))
    return list(session.scalars(statement.order_by(RosterEmployee.name, RosterEmployee.id).limit(limit)))


# -- changing -----------------------------------------------------------------------------------------

def _check_hours(driver: Driver) -> None:
    if driver.work_end <= driver.work_start:
        raise ValidationFailed("Jam kerja belum benar.", {"work_end": "Jam selesai harus sesudah jam mulai."})


def add_driver(session: Session, caller: Caller, data: dict) -> Driver:
    """Keeper: an employee of the roster onto the drivers' list (409 when already on it)."""
    caller.require_keeper()
    employee = session.get(RosterEmployee, data["employee_id"])
    if employee is None:
        raise ValidationFailed("Pegawai tidak ditemukan.", {"employee_id": "Tidak ada pegawai dengan id ini."})
    if session.get(Driver, employee.id) is not None:
        raise Conflict("Pegawai ini sudah ada di daftar pengemudi.",
                       {"employee_id": "Sudah ada di daftar pengemudi."})
    driver = Driver(employee_id=employee.id, phone=data.get("phone"),
                    work_days=sorted(set(data.get("work_days") or DEFAULT_DAYS)),
                    work_start=data.get("work_start") or DEFAULT_START, work_end=data.get("work_end") or DEFAULT_END,
                    active=data.get("active", True), note=data.get("note"), updated_by=caller.username)
    _check_hours(driver)
    session.add(driver)
    session.flush()
    return driver


def update_driver(session: Session, caller: Caller, employee_id: int, changes: dict) -> Driver:
    """Keeper: change the fields sent (``active = false`` takes the driver off new assignments)."""
    caller.require_keeper()
    driver = get_driver(session, employee_id, lock=True)
    for key, value in changes.items():
        if key == "work_days":
            value = sorted(set(value))
        setattr(driver, key, value)
    _check_hours(driver)
    driver.updated_at = utcnow()
    driver.updated_by = caller.username
    session.flush()
    return driver


def add_absence(session: Session, caller: Caller, employee_id: int, data: dict) -> DriverAbsence:
    """Keeper: the driver is away ``[starts_on, ends_on]`` (WITA days). Trips already assigned then are not
    touched: a warning names them (``absence_clashes``) so the keeper re-assigns them."""
    caller.require_keeper()
    get_driver(session, employee_id)
    absence = DriverAbsence(driver_employee_id=employee_id, kind=data["kind"], starts_on=data["starts_on"],
                            ends_on=data["ends_on"], reason=data.get("reason"), created_by=caller.username)
    session.add(absence)
    session.flush()
    return absence


def remove_absence(session: Session, caller: Caller, absence_id: int) -> None:
    caller.require_keeper()
    absence = session.get(DriverAbsence, absence_id)
    if absence is None:
        raise NotFound("Ketidakhadiran tidak ditemukan.", {"absence_id": "Tidak ada ketidakhadiran dengan id ini."})
    session.delete(absence)
    session.flush()


# -- who is free --------------------------------------------------------------------------------------

def wita_days_of(starts_at: datetime, ends_at: datetime) -> tuple[date, date]:
    """The first and last WITA day ``[starts_at, ends_at)`` touches."""
    return wita_day(starts_at), wita_day(ends_at - timedelta(microseconds=1))


def absent_during(starts_at: datetime, ends_at: datetime):
    """A condition on ``Driver``: absent some WITA day of the period (an absence entered by a keeper, or
    approved leave from kepegawaian)."""
    first, last = wita_days_of(starts_at, ends_at)
    return or_(exists().where(DriverAbsence.driver_employee_id == Driver.employee_id,
                              DriverAbsence.starts_on <= last, DriverAbsence.ends_on >= first),
               driver_leave.on_leave_condition(Driver.employee_id, first, last))


def busy_during(starts_at: datetime, ends_at: datetime, exclude_booking_id: int | None = None):
    """A condition on ``Driver``: holds another (not cancelled) trip overlapping the period."""
    condition = and_(Trip.driver_employee_id == Driver.employee_id, Trip.status != "cancelled",
                     Trip.starts_at < ends_at, Trip.ends_at > starts_at)
    if exclude_booking_id is not None:
        condition = and_(condition, Trip.booking_id != exclude_booking_id)
    return exists().where(condition)


def free_drivers(session: Session, starts_at: datetime, ends_at: datetime, *,
                 exclude_booking_id: int | None = None) -> list[Driver]:
    """Active drivers neither absent nor on another trip during the period, by name."""
    return list(session.scalars(
        select(Driver).outerjoin(RosterEmployee, RosterEmployee.id == Driver.employee_id)
        .where(Driver.active, ~absent_during(starts_at, ends_at),
               ~busy_during(starts_at, ends_at, exclude_booking_id))
        .order_by(RosterEmployee.name, Driver.employee_id)))


def absence_of(session: Session, employee_id: int, starts_at: datetime, ends_at: datetime) -> DriverAbsence | None:
    """The driver's first absence touching the period's WITA days — entered by a keeper, else approved leave
    from kepegawaian (as a transient ``DriverAbsence``, ``driver_leave.leave_of``) — or None."""
    first, last = wita_days_of(starts_at, ends_at)
    found = session.scalar(select(DriverAbsence).where(
        DriverAbsence.driver_employee_id == employee_id, DriverAbsence.starts_on <= last,
        DriverAbsence.ends_on >= first).order_by(DriverAbsence.starts_on).limit(1))
    return found if found is not None else driver_leave.leave_of(session, employee_id, first, last)


# -- the schedule -------------------------------------------------------------------------------------

def schedule(session: Session, caller: Caller, starts_on: date, ends_on: date, employee_id: int | None,
             trip_views) -> dict:
    """Every driver's trips and absences in ``[starts_on, ends_on]`` (WITA days); a driver who is neither a
    keeper nor an approver sees their own. ``trip_views(session, caller, trips)`` is ``trips.views``."""
    if ends_on < starts_on:
        raise ValidationFailed("Rentang tanggal belum benar.", {"ends_on": "Tidak boleh sebelum tanggal mulai."})
    if (ends_on - starts_on).days >= MAX_SCHEDULE_DAYS:
        raise ValidationFailed("Rentang terlalu panjang.", {"ends_on": f"Paling lama {MAX_SCHEDULE_DAYS} hari."})
    if not may_see_all(session, caller):
        caller.require(is_driver(session, caller.employee_id) or
                       session.get(Driver, caller.employee_id or 0) is not None, NOT_MANAGER)
        employee_id = caller.employee_id
    statement = select(Driver)
    if employee_id is not None:
        statement = statement.where(Driver.employee_id == employee_id)
    drivers = list(session.scalars(statement))
    people = _people(session, [d.employee_id for d in drivers])
    drivers.sort(key=lambda d: (getattr(people.get(d.employee_id), "name", "") or "", d.employee_id))
    ids = [d.employee_id for d in drivers]
    start = datetime(starts_on.year, starts_on.month, starts_on.day, tzinfo=WITA)
    end = datetime(ends_on.year, ends_on.month, ends_on.day, tzinfo=WITA) + timedelta(days=1)
    trips = list(session.scalars(select(Trip).where(
        Trip.driver_employee_id.in_(ids), Trip.status != "cancelled", Trip.starts_at < end, Trip.ends_at > start)
        .order_by(Trip.starts_at, Trip.id))) if ids else []
    absences = list(session.scalars(select(DriverAbsence).where(
        DriverAbsence.driver_employee_id.in_(ids), DriverAbsence.starts_on <= ends_on,
        DriverAbsence.ends_on >= starts_on).order_by(DriverAbsence.starts_on, DriverAbsence.id))) if ids else []
    trip_list = trip_views(session, caller, trips)
    absence_list = absence_views(session, absences)
    return {"starts_on": starts_on, "ends_on": ends_on, "drivers": [
        {"employee_id": d.employee_id, "name": getattr(people.get(d.employee_id), "name", None),
         "active": d.active, "hours_label": hours_label(d),
         "trips": [t for t in trip_list if t.driver_employee_id == d.employee_id],
         "absences": [a for a in absence_list if a.driver_employee_id == d.employee_id]} for d in drivers]}


# -- sample data --------------------------------------------------------------------------------------

def demo(session: Session) -> dict:
    """``make run``: the roster's employees whose position is a driver's (Pengemudi) on the drivers' list."""
    added = 0
    for employee in session.scalars(select(RosterEmployee).where(RosterEmployee.position_name.ilike("%pengemudi%"))):
        if session.get(Driver, employee.id) is None:
            session.add(Driver(employee_id=employee.id, updated_by="demo"))
            added += 1
    session.flush()
    return {"drivers": added}
