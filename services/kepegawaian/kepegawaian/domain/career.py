"""The career area's reads and writes: the rules table (seeded from ``career_rules.DEFAULT_ROWS``), an employee's
next KGB/KP/BUP dates, who is due in a month, and the staff officers' reminders (made by a daily timer).

Reminders are safe with several instances: one row per ``(employee_id, kind, due_date)`` inserted with
``ON CONFLICT DO NOTHING … RETURNING id`` — only the instance whose insert returned a row publishes
``kepegawaian.career_due`` (same transaction: the outbox).

E-mail is **not sent**: the roster copy has no e-mail address for the staff officers (personnel does not publish
one), so even with ``SITUOK_SMTP_HOST`` set there is nobody to address; the reminders are in-app only.
"""
from __future__ import annotations

from datetime import date, datetime

from situok_contracts.events import Kepegawaian
from situok_kit.errors import NotFound, ValidationFailed
from situok_kit.pagination import clamp_limit, decode_cursor, page
from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from ..models import CareerReminder, CareerRule, RosterEmployee, RosterUnit
from ..schemas.career import CareerDueEvent
from . import career_rules as rules_mod
from . import roster, settings
from .access import Caller

#: Employees whose dates are computed: working ASN (PPPK for KGB only; the rules decide).
COUNTED_STATUSES = ("aktif", "cltn", "diberhentikan_sementara")
_due_event = CareerDueEvent()


def seed(session: Session) -> dict:
    """The rules as data (each row with its source); rows already there are left as they are."""
    created = 0
    for kind, key, value, months, effective_from, source in rules_mod.DEFAULT_ROWS:
        result = session.execute(insert(CareerRule).values(
            kind=kind, key=key, value=value, months=months, effective_from=effective_from, source=source,
        ).on_conflict_do_nothing(index_elements=["kind", "key", "effective_from"]).returning(CareerRule.id))
        created += 1 if result.first() is not None else 0
    session.flush()
    return {"career_rules": created}


def load_rules(session: Session) -> rules_mod.CareerRules:
    rows = session.execute(select(CareerRule.kind, CareerRule.key, CareerRule.value, CareerRule.months,
                                  CareerRule.effective_from)).all()
    return rules_mod.rules_from_rows(rows) if rows else rules_mod.DEFAULT_RULES


def rule_rows(session: Session) -> list[CareerRule]:
    return list(session.scalars(select(CareerRule).order_by(CareerRule.kind, CareerRule.key,
                                                             CareerRule.effective_from)))


def _date_view(item: rules_mod.CareerDate | None, today: date) -> dict | None:
    if item is None:
        return None
    return {"kind": item.kind, "kind_name": rules_mod.KIND_LABELS[item.kind], "due_date": item.due_date,
            "base_date": item.base_date, "flags": list(item.flags), "detail": item.detail,
            "overdue": item.due_date < today}


def dates_view(employee: RosterEmployee, rules: rules_mod.CareerRules, today: date) -> dict:
    dates = rules_mod.career_dates(employee, rules)
    mk = rules_mod.masa_kerja(employee.tmt_cpns, today)
    return {"employee_id": employee.id, "full_name": employee.full_name, "nip": employee.nip,
            "employment_type": employee.employment_type, "golongan": employee.golongan,
            "unit_name": employee.unit_name, "position_name": employee.position_name,
            "masa_kerja_years": mk[0] if mk else None, "masa_kerja_months": mk[1] if mk else None,
            "kgb": _date_view(dates["kgb"], today), "kp": _date_view(dates["kp"], today),
            "bup": _date_view(dates["bup"], today)}


def career_dates(session: Session, caller: Caller, employee_id: int, today: date) -> dict:
    caller.require_reader_of(employee_id)
    employee = session.get(RosterEmployee, employee_id)
    if employee is None:
        raise NotFound("Pegawai tidak ditemukan.")
    return dates_view(employee, load_rules(session), today)


def _employees(session: Session, unit_ids: set[int] | None):
    query = select(RosterEmployee).where(RosterEmployee.active.is_(True),
                                         RosterEmployee.employment_type.in_(("pns", "pppk")),
                                         or_(RosterEmployee.status.is_(None),
                                             RosterEmployee.status.in_(COUNTED_STATUSES)))
    if unit_ids is not None:
        query = query.where(RosterEmployee.unit_id.in_(unit_ids))
    return session.scalars(query.order_by(RosterEmployee.name, RosterEmployee.id))


def month_range(month: str | None, until: str | None, today: date) -> tuple[date, date]:
    """``YYYY-MM`` (default: this month) to ``YYYY-MM`` (default: the same month), at most 24 months."""
    def parse(value: str, field: str) -> tuple[int, int]:
        try:
            year, mon = (int(x) for x in value.split("-"))
            date(year, mon, 1)
        except (ValueError, AttributeError):
            raise ValidationFailed("Bulan tidak valid.", {field: "Gunakan format TTTT-BB."}) from None
        return year, mon
    start_ym = parse(month, "month") if month else (today.year, today.month)
    end_ym = parse(until, "until") if until else start_ym
    start = rules_mod.month_bounds(*start_ym)[0]
    end = rules_mod.month_bounds(*end_ym)[1]
    if end < start or (end_ym[0] - start_ym[0]) * 12 + end_ym[1] - start_ym[1] >= 24:
        raise ValidationFailed("Rentang bulan tidak valid.", {"until": "Paling banyak 24 bulan sesudah bulan awal."})
    return start, end


def due_rows(session: Session, start: date, end: date, kinds, unit_ids: set[int] | None, today: date) -> list[dict]:
    """Everyone whose KGB/KP/BUP date falls in ``[start, end]``, plus overdue ones (sorted by date, name)."""
    rules = load_rules(session)
    rows = []
    for employee in _employees(session, unit_ids):
        dates = rules_mod.career_dates(employee, rules)
        for item, overdue in rules_mod.due_in(dates, kinds, start, end, today):
            rows.append({"employee_id": employee.id, "full_name": employee.full_name, "nip": employee.nip,
                         "employment_type": employee.employment_type, "golongan": employee.golongan,
                         "pangkat": employee.pangkat, "position_name": employee.position_name,
                         "unit_id": employee.unit_id, "unit_name": employee.unit_name, "kind": item.kind,
                         "kind_name": rules_mod.KIND_LABELS[item.kind], "due_date": item.due_date,
                         "base_date": item.base_date, "flags": list(item.flags), "detail": item.detail,
                         "overdue": overdue})
    rows.sort(key=lambda r: (r["due_date"], r["full_name"] or "", r["kind"]))
    return rows


def unit_scope(session: Session, unit_id: int | None) -> set[int] | None:
    return set(roster.subunit_ids(session, unit_id)) if unit_id is not None else None


def due_list(session: Session, caller: Caller, month, until, kinds, unit_id, today: date) -> dict:
    caller.require(caller.is_staff_officer or caller.is_official,
                   "Hanya pengelola kepegawaian atau pejabat yang dapat melihat daftar jatuh tempo.")
    start, end = month_range(month, until, today)
    kinds = tuple(k for k in rules_mod.KINDS if not kinds or k in kinds)
    items = due_rows(session, start, end, kinds, unit_scope(session, unit_id), today)
    counts = {k: sum(1 for i in items if i["kind"] == k) for k in rules_mod.KINDS}
    counts["overdue"] = sum(1 for i in items if i["overdue"])
    return {"start": start, "end": end, "kinds": list(kinds), "unit_id": unit_id, "counts": counts,
            "items": items}


# -- reminders ---------------------------------------------------------------------------------------------
def make_reminders(tx, today: date) -> int:
    """The daily run: a reminder (and ``kepegawaian.career_due``) per date entering its lead time, once."""
    session = tx.session
    config = settings.get_settings(session)
    rules = load_rules(session)
    made = 0
    for employee in _employees(session, None):
        for kind, item in rules_mod.career_dates(employee, rules).items():
            if item is None:
                continue
            lead = config.retirement_reminder_days if kind == "bup" else config.reminder_days
            if not rules_mod.reminder_window(item.due_date, lead, today):
                continue
            inserted = session.execute(insert(CareerReminder).values(
                employee_id=employee.id, kind=kind, due_date=item.due_date, employee_name=employee.full_name,
                nip=employee.nip, unit_id=employee.unit_id,
            ).on_conflict_do_nothing(index_elements=["employee_id", "kind", "due_date"])
             .returning(CareerReminder.id)).first()
            if inserted is None:
                continue
            made += 1
            tx.emit(Kepegawaian.CAREER_DUE, _due_event.dump({
                "employee_id": employee.id, "employee_name": employee.full_name, "nip": employee.nip,
                "unit_id": employee.unit_id, "kind": kind, "due_date": item.due_date}))
    return made


def list_reminders(session: Session, caller: Caller, unread_only: bool, cursor, limit) -> dict:
    """Staff officers: the reminders, soonest due first (keyset: ``due_date, id``)."""
    caller.require_staff_officer()
    limit = clamp_limit(limit)
    query = select(CareerReminder)
    if unread_only:
        query = query.where(CareerReminder.read_at.is_(None))
    after = decode_cursor(cursor, 2)
    if after:
        after_day = date.fromisoformat(after[0])
        query = query.where(or_(CareerReminder.due_date > after_day,
                                and_(CareerReminder.due_date == after_day, CareerReminder.id > int(after[1]))))
    rows = list(session.scalars(query.order_by(CareerReminder.due_date, CareerReminder.id).limit(limit + 1)))
    found = page(rows, limit, lambda r: [r.due_date.isoformat(), r.id])
    return {"items": [_reminder_view(r) for r in found["items"]], "next_cursor": found["next_cursor"]}


def _reminder_view(row: CareerReminder) -> dict:
    return {"id": row.id, "employee_id": row.employee_id, "employee_name": row.employee_name, "nip": row.nip,
            "unit_id": row.unit_id, "kind": row.kind, "kind_name": rules_mod.KIND_LABELS[row.kind],
            "due_date": row.due_date, "created_at": row.created_at, "read_at": row.read_at,
            "allowed_actions": [] if row.read_at else ["mark_read"]}


def mark_read(session: Session, caller: Caller, reminder_id: int, now: datetime) -> dict:
    caller.require_staff_officer()
    row = session.get(CareerReminder, reminder_id)
    if row is None:
        raise NotFound("Pengingat tidak ditemukan.")
    if row.read_at is None:
        session.execute(update(CareerReminder).where(CareerReminder.id == reminder_id,
                                                     CareerReminder.read_at.is_(None))
                        .values(read_at=now, read_by=caller.employee_id))
        session.refresh(row)
    return _reminder_view(row)


# -- exports -----------------------------------------------------------------------------------------------
EXPORTERS_ONLY = "Hanya pengelola kepegawaian atau pejabat yang dapat mengunduh daftar ini."


def require_exporter(caller: Caller) -> Caller:
    return caller.require(caller.is_staff_officer or caller.is_official, EXPORTERS_ONLY)


def unit_label(session: Session, unit_id: int | None) -> str:
    if unit_id is None:
        return "Biro Umum dan Protokol Setda Provinsi Bali"
    found = session.get(RosterUnit, unit_id)
    if found is None:
        raise ValidationFailed("Unit tidak dikenal.", {"unit_id": "Unit tidak ditemukan."})
    return found.name
