"""Employees: create, change, deactivate, list what a viewer may see."""
from __future__ import annotations

from datetime import datetime

from situok_contracts.positions import STATUS_LABELS
from situok_kit.clock import wita_day
from situok_kit.errors import NotFound, ValidationFailed
from situok_kit.identity import Identity
from situok_kit.pagination import decode_cursor, page
from sqlalchemy import or_, select, tuple_
from sqlalchemy.orm import Session, aliased, joinedload

from .. import events
from ..models import Account, Employee, OrgUnit, Position, full_name, utcnow
from .access import Viewer
from .auth import AuthPolicy, revoke_account_sessions
from .conflicts import ensure_free, flush_or_conflict
from .history import TRACKED, add_entry, entry_out, label
from .identifiers import ASN_TYPES, PANGKAT, derive_from_identifiers, employee_rule_errors
from .orgunits import subunit_ids

#: Every column a client may set (``EmployeeIn``).
EDITABLE = (
    "employment_type", "name", "front_title", "back_title", "nip", "nik", "gender", "birth_date",
    "birth_place", "golongan", "pppk_grade", "position_id", "unit_id", "supervisor_id", "email", "phone",
    "tmt_cpns", "rank_tmt", "kgb_tmt", "position_tmt",
)

NIP_TAKEN = "NIP ini sudah terdaftar atas pegawai lain."
NIK_TAKEN = "NIK ini sudah terdaftar atas pegawai lain."
_UNIQUE = {"uq_employees_nip": ("nip", NIP_TAKEN), "uq_employees_nik": ("nik", NIK_TAKEN)}


def _with_names():
    """Load unit, position and supervisor in the same query (their names are in ``EmployeeOut``)."""
    return (joinedload(Employee.unit), joinedload(Employee.position),
            joinedload(Employee.supervisor).load_only(Employee.name, Employee.front_title, Employee.back_title))


def get_employee(session: Session, employee_id: int, *, for_update: bool = False) -> Employee:
    if for_update:
        employee = session.get(Employee, employee_id, with_for_update=True)
    else:
        employee = session.scalar(select(Employee).options(*_with_names()).where(Employee.id == employee_id))
    if employee is None:
        raise NotFound("Pegawai tidak ditemukan.")
    return employee


_Supervisor = aliased(Employee, name="supervisor")

#: Plain columns of ``EmployeeOut``, read as-is.
_PLAIN = ("id", "employment_type", "name", "front_title", "back_title", "nip", "nik", "gender", "birth_place",
          "golongan", "pppk_grade", "position_id", "unit_id", "supervisor_id", "email", "phone", "active",
          "status")
_DATES = ("birth_date", "tmt_cpns", "rank_tmt", "kgb_tmt", "position_tmt", "status_since", "created_at",
          "updated_at")

_LIST_COLUMNS = (
    *(getattr(Employee, c) for c in _PLAIN + _DATES),
    OrgUnit.name.label("unit_name"),
    Position.name.label("position_name"),
    Position.kind.label("position_kind"),
    Position.level.label("position_level"),
    Position.kelas_jabatan.label("kelas_jabatan"),
    _Supervisor.name.label("supervisor_plain_name"),
    _Supervisor.front_title.label("supervisor_front_title"),
    _Supervisor.back_title.label("supervisor_back_title"),
)


_COLUMN_NAMES = [c.key for c in _LIST_COLUMNS]

#: The listing query without filters, built once (statement construction is a measurable
#: part of the hot path).
_LIST_BASE = (select(*_LIST_COLUMNS).select_from(Employee)
              .join(OrgUnit, Employee.unit_id == OrgUnit.id)
              .outerjoin(Position, Employee.position_id == Position.id)
              .outerjoin(_Supervisor, Employee.supervisor_id == _Supervisor.id))


def employee_row_out(values) -> dict:
    """``EmployeeOut`` of a listing row, built directly (the list is the hot path; a
    marshmallow dump per employee cost more than the query). A test keeps it equal to the dump."""
    out = dict(zip(_COLUMN_NAMES, values, strict=True))
    for c in _DATES:
        value = out[c]
        if value is not None:
            out[c] = value.isoformat()
    out["is_asn"] = out["employment_type"] in ASN_TYPES
    out["full_name"] = full_name(out["name"], out["front_title"], out["back_title"])
    out["pangkat"] = PANGKAT.get(out["golongan"]) if out["golongan"] else None
    out["status_label"] = STATUS_LABELS.get(out["status"], out["status"])
    sup_name, sup_front, sup_back = (out.pop("supervisor_plain_name"), out.pop("supervisor_front_title"),
                                     out.pop("supervisor_back_title"))
    out["supervisor_name"] = full_name(sup_name, sup_front, sup_back) if sup_name is not None else None
    return out


def list_employees(session: Session, viewer: Viewer, filters: dict, cursor: str | None, limit: int) -> dict:
    """A keyset page (``EmployeeOut`` dicts) of the employees ``viewer`` may see, ordered by (name, id)."""
    query = _LIST_BASE
    condition = viewer.employee_condition()
    if condition is not None:
        query = query.where(condition)
    q = filters.get("q")
    if q:
        pattern = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(or_(Employee.name.ilike(f"%{pattern}%", escape="\\"),
                                Employee.nip.like(f"{pattern}%", escape="\\"),
                                Employee.nik.like(f"{pattern}%", escape="\\")))
    if filters.get("unit_id") is not None:
        if filters.get("include_subunits", True):
            query = query.where(Employee.unit_id.in_(sorted(subunit_ids(session, filters["unit_id"]))))
        else:
            query = query.where(Employee.unit_id == filters["unit_id"])
    if filters.get("employment_type"):
        query = query.where(Employee.employment_type == filters["employment_type"])
    if filters.get("is_asn") is not None:
        asn = Employee.employment_type.in_(sorted(ASN_TYPES))
        query = query.where(asn if filters["is_asn"] else ~asn)
    if filters.get("active") is not None:
        query = query.where(Employee.active.is_(filters["active"]))
    if filters.get("golongan"):
        query = query.where(Employee.golongan == filters["golongan"])
    after = decode_cursor(cursor, 2)
    if after is not None:
        name, last_id = cursor_values(after)
        query = query.where(tuple_(Employee.name, Employee.id) > tuple_(name, last_id))
    result = session.execute(query.order_by(Employee.name, Employee.id).limit(limit + 1))
    rows = [employee_row_out(values) for values in result.tuples()]
    return page(rows, limit, lambda e: [e["name"], e["id"]])


def cursor_values(after: list) -> tuple[str, int]:
    """The (text, id) pair of a decoded keyset cursor; anything else is a bad cursor."""
    text, last_id = after
    if not isinstance(text, str) or isinstance(last_id, bool) or not isinstance(last_id, int):
        raise ValidationFailed("Cursor tidak valid.", {"cursor": "Cursor tidak dikenali; mulai dari halaman pertama."})
    return text, last_id


# -- references and rules --------------------------------------------------

def _supervisor_chain(session: Session, supervisor_id: int) -> set[int]:
    """``supervisor_id`` and everyone above it (recursive CTE over supervisor_id)."""
    chain = select(Employee.id, Employee.supervisor_id).where(Employee.id == supervisor_id).cte(
        "chain", recursive=True)
    chain = chain.union(select(Employee.id, Employee.supervisor_id).where(Employee.id == chain.c.supervisor_id))
    return set(session.scalars(select(chain.c.id)))


def _reference_errors(session: Session, data: dict, employee_id: int | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    unit = session.get(OrgUnit, data["unit_id"]) if data.get("unit_id") is not None else None
    if unit is None:
        errors["unit_id"] = "Unit kerja tidak ditemukan."
    elif not unit.active:
        errors["unit_id"] = "Unit kerja tidak aktif."
    if data.get("position_id") is not None:
        position = session.get(Position, data["position_id"])
        if position is None:
            errors["position_id"] = "Jabatan tidak ditemukan."
        elif unit is not None and position.unit_id != unit.id:
            errors["position_id"] = "Jabatan ini milik unit kerja lain; pilih jabatan di unit kerja pegawai."
    supervisor_id = data.get("supervisor_id")
    if supervisor_id is not None:
        supervisor = session.get(Employee, supervisor_id)
        if supervisor_id == employee_id:
            errors["supervisor_id"] = "Pegawai tidak dapat menjadi atasan dirinya sendiri."
        elif supervisor is None:
            errors["supervisor_id"] = "Atasan tidak ditemukan."
        elif not supervisor.active:
            errors["supervisor_id"] = "Atasan sudah tidak aktif."
        elif employee_id is not None and employee_id in _supervisor_chain(session, supervisor_id):
            errors["supervisor_id"] = "Pegawai ini adalah atasan (langsung/tidak langsung) dari atasan yang dipilih."
    return errors


def _validate(session: Session, data: dict, employee_id: int | None = None) -> dict:
    errors = employee_rule_errors(data)
    for name, message in _reference_errors(session, data, employee_id).items():
        errors.setdefault(name, message)
    if errors:
        raise ValidationFailed("Data pegawai tidak valid.", errors)
    return derive_from_identifiers(data)


def _ensure_identifiers_free(session: Session, data: dict, employee_id: int | None) -> None:
    for column, name, message in ((Employee.nip, "nip", NIP_TAKEN), (Employee.nik, "nik", NIK_TAKEN)):
        if data.get(name):
            query = select(Employee.id).where(column == data[name])
            if employee_id is not None:
                query = query.where(Employee.id != employee_id)
            ensure_free(session, query, name, message)


def _forget_derived(current: dict, merged: dict, changes: dict) -> None:
    """A new NIP replaces the birth date, gender and TMT that the old NIP implied (unless sent too)."""
    implied = (derive_from_identifiers({"nip": current["nip"], "employment_type": current["employment_type"]})
               if current["nip"] else {})
    for name in ("birth_date", "gender", "tmt_cpns"):
        if name not in changes and name in implied and current[name] == implied[name]:
            merged[name] = None


def _reload(session: Session, employee: Employee) -> Employee:
    session.flush()
    session.expire(employee, ["unit", "position", "supervisor"])
    return employee


# -- commands --------------------------------------------------------------

def create_employee(tx, data: dict, now: datetime | None = None) -> Employee:
    now = now or utcnow()
    session = tx.session
    record = {name: data.get(name) for name in EDITABLE}
    record = _validate(session, record)
    _ensure_identifiers_free(session, record, None)
    employee = Employee(**record, active=True, created_at=now, updated_at=now)
    session.add(employee)
    flush_or_conflict(session, _UNIQUE)
    _reload(session, employee)
    tx.emit(events.EMPLOYEE_CREATED, events.employee_data(employee))
    return employee


def update_employee(tx, employee_id: int, changes: dict, now: datetime | None = None,
                    actor: Identity | None = None) -> Employee:
    """Apply a partial change; the merged record must satisfy every rule a new one does. A change of unit,
    position, golongan or PPPK grade also appends a history entry (TMT today, no decree)."""
    return change_employee(tx, employee_id, changes, actor, None, now)[0]


def change_employee(tx, employee_id: int, changes: dict, actor: Identity | None, decree: dict | None,
                    now: datetime | None = None) -> tuple[Employee, list]:
    """``update_employee`` with the decree behind it (``{"tmt", "decree_number", "decree_date", "note"}``) or
    None for a plain edit; answers the employee and the history entries appended (each published)."""
    now = now or utcnow()
    session = tx.session
    employee = get_employee(session, employee_id, for_update=True)
    current = {name: getattr(employee, name) for name in EDITABLE}
    merged = {**current, **{k: v for k, v in changes.items() if k in EDITABLE}}
    if merged["nip"] and merged["nip"] != current["nip"]:
        _forget_derived(current, merged, changes)
    merged = _validate(session, merged, employee.id)
    changed = {name: value for name, value in merged.items() if current[name] != value}
    if not changed:
        return employee, []
    _ensure_identifiers_free(session, changed, employee.id)
    for name, value in changed.items():
        setattr(employee, name, value)
    employee.updated_at = now
    flush_or_conflict(session, _UNIQUE)
    entries = []
    tmt = decree["tmt"] if decree else wita_day(now)
    for column, kind in TRACKED.items():
        if column in changed:
            before, after = current[column], changed[column]
            entries.append(add_entry(session, employee.id, kind, (before, label(session, column, before)),
                                     (after, label(session, column, after)), tmt, actor, decree, now=now))
    _reload(session, employee)
    tx.emit(events.EMPLOYEE_UPDATED, events.employee_data(employee))
    for entry in entries:
        tx.emit(events.CAREER_RECORDED, events.history_entry_data(entry_out(entry)))
    return employee, entries


def deactivate_employee(tx, employee_id: int, reason: str | None, policy: AuthPolicy,
                        now: datetime | None = None, actor: Identity | None = None) -> Employee:
    """Mark the employee inactive (status ``nonaktif`` since today), deactivate their account and revoke its
    sessions."""
    from .lifecycle import set_status

    now = now or utcnow()
    employee = get_employee(tx.session, employee_id, for_update=True)
    if not employee.active:
        return employee
    return set_status(tx, employee, {"status": "nonaktif", "since": wita_day(now), "note": reason}, actor,
                      policy, now)[0]


def deactivate_account(tx, employee: Employee, policy: AuthPolicy, now: datetime) -> Account | None:
    """Deactivate the employee's account (if active) and revoke its sessions; answers the account (or None)."""
    session = tx.session
    account = session.scalar(select(Account).where(Account.employee_id == employee.id).with_for_update())
    if account is not None and account.active:
        account.active = False
        account.updated_at = now
        revoke_account_sessions(tx, account.id, policy, now, "employee_deactivated")
        session.flush()
        tx.emit(events.ACCOUNT_DEACTIVATED, events.account_data(account))
    return account


def snapshot(session: Session, cursor: str | None, limit: int) -> dict:
    """Every employee (inactive ones too), ``EmployeeOut`` by id, a keyset page; the first page also carries
    every org unit. For services rebuilding their local copy (``employee_snapshot``)."""
    query = _LIST_BASE
    after = decode_cursor(cursor, 1)
    if after is not None:
        if isinstance(after[0], bool) or not isinstance(after[0], int):
            raise ValidationFailed("Cursor tidak valid.",
                                   {"cursor": "Cursor tidak dikenali; mulai dari halaman pertama."})
        query = query.where(Employee.id > after[0])
    rows = [employee_row_out(values) for values in
            session.execute(query.order_by(Employee.id).limit(limit + 1)).tuples()]
    result = page(rows, limit, lambda e: [e["id"]])
    from .orgunits import list_org_units

    return {"employees": result["items"], "next_cursor": result["next_cursor"],
            "org_units": list_org_units(session) if after is None else []}
