"""Career changes with their decree, status changes and restoring an employee made inactive by mistake.

Every write appends a history entry saying who recorded it, and publishes ``employee_updated`` (so every roster
copy follows) beside its own event. A TMT after today is applied at once and keeps its TMT in the history (there
is no scheduler for pending changes).
"""
from __future__ import annotations

from datetime import datetime

from situok_kit.clock import wita_day
from situok_kit.errors import Conflict, ValidationFailed
from situok_kit.identity import Identity
from sqlalchemy import select

from .. import events
from ..models import Account, Employee, utcnow
from . import lifecycle_rules as rules
from .auth import AuthPolicy
from .history import add_entry, entry_out, label
from .identifiers import GOLONGAN, PPPK_GRADES


def _reload(session, employee: Employee) -> Employee:
    session.flush()
    session.expire(employee, ["unit", "position", "supervisor"])
    return employee


def _int_value(value, field: str = "value") -> int:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        raise ValidationFailed("Data tidak valid.", {field: "Harus berupa id (bilangan bulat)."}) from None
    if number < 1:
        raise ValidationFailed("Data tidak valid.", {field: "Harus berupa id (bilangan bulat)."})
    return number


def record_career_change(tx, employee_id: int, data: dict, actor: Identity, now: datetime | None = None):
    """Record a change of unit, position, rank, grade or KGB with its decree; answers ``(employee, entries)``."""
    from .employees import change_employee, get_employee

    now = now or utcnow()
    session = tx.session
    employee = get_employee(session, employee_id, for_update=True)
    if not employee.active:
        raise Conflict(f"Pegawai berstatus {employee.status_label}; pulihkan atau ubah statusnya dahulu.")
    errors = rules.date_errors(data["tmt"], data["decree_date"], wita_day(now), employee.tmt_cpns)
    kind, value = data["kind"], data.get("value")
    decree = {k: data.get(k) for k in ("tmt", "decree_number", "decree_date", "note")}
    changes: dict = {}
    if kind != "unit" and data.get("position_id") is not None:
        errors["position_id"] = "Hanya untuk perpindahan unit kerja."
    if kind == "unit":
        changes["unit_id"] = _int_value(value)
        if changes["unit_id"] == employee.unit_id:
            errors["value"] = "Pegawai sudah di unit kerja ini."
        if "position_id" in data:
            changes["position_id"] = data["position_id"]
            changes["position_tmt"] = data["tmt"]
    elif kind == "position":
        changes["position_id"] = _int_value(value)
        changes["position_tmt"] = data["tmt"]
        if changes["position_id"] == employee.position_id:
            errors["value"] = "Pegawai sudah memegang jabatan ini."
    elif kind == "rank":
        column, allowed = (("golongan", GOLONGAN) if employee.employment_type == "pns"
                           else ("pppk_grade", PPPK_GRADES) if employee.employment_type == "pppk" else (None, ()))
        if column is None:
            errors["kind"] = "Pegawai non-ASN tidak memiliki golongan."
        elif value not in allowed:
            errors["value"] = ("Golongan PNS: I/a … IV/e." if column == "golongan" else "Golongan PPPK: I … XVII.")
        elif value == getattr(employee, column):
            errors["value"] = "Golongan ini sudah golongan pegawai sekarang."
        else:
            changes[column] = value
            changes["rank_tmt"] = data["tmt"]
    elif kind == "grade":
        if not (value or "").isdigit() or not 1 <= int(value) <= 17:
            errors["value"] = "Kelas jabatan 1 sampai 17."
    elif kind == "kgb":
        if not employee.is_asn:
            errors["kind"] = "Kenaikan gaji berkala hanya untuk ASN."
    if errors:
        raise ValidationFailed("Perubahan riwayat tidak valid.", errors)
    entries: list = []
    if changes:
        employee, entries = change_employee(tx, employee.id, changes, actor, decree, now)
    if kind == "grade":
        before = employee.kelas_jabatan
        entries.append(add_entry(session, employee.id, "grade", (before, label(session, "kelas_jabatan", before)),
                                 (int(value), label(session, "kelas_jabatan", int(value))), data["tmt"], actor,
                                 decree, now=now))
    elif kind == "kgb":
        before = employee.kgb_tmt
        employee, _ = change_employee(tx, employee.id, {"kgb_tmt": data["tmt"]}, actor, decree, now)
        after_label = label(session, "kgb_tmt", data["tmt"]) + (f" — {value}" if value else "")
        entries.append(add_entry(session, employee.id, "kgb", (before, label(session, "kgb_tmt", before)),
                                 (data["tmt"], after_label), data["tmt"], actor, decree, now=now))
    if kind in ("grade", "kgb"):
        for entry in entries:
            tx.emit(events.CAREER_RECORDED, events.history_entry_data(entry_out(entry)))
    return employee, entries


def set_status(tx, employee: Employee, data: dict, actor: Identity | None, policy: AuthPolicy,
               now: datetime | None = None):
    """Give the (locked) employee a new status; answers ``(employee, entry)``. Leaving ``aktif`` deactivates
    the account and revokes its sessions, as ``deactivate_employee`` always did."""
    from .employees import deactivate_account

    now = now or utcnow()
    session = tx.session
    previous, was_active = employee.status, employee.active
    employee.status = data["status"]
    employee.status_since = data["since"]
    employee.active = data["status"] == "aktif"
    employee.deactivation_reason = None if employee.active else data.get("note")
    employee.updated_at = now
    if was_active and not employee.active:
        deactivate_account(tx, employee, policy, now)
    decree = {k: data.get(k) for k in ("decree_number", "decree_date")}
    entry = add_entry(session, employee.id, "status", (previous, label(session, "status", previous)),
                      (employee.status, label(session, "status", employee.status)), data["since"], actor,
                      decree if decree["decree_number"] else None, note=data.get("note"), now=now)
    _reload(session, employee)
    tx.emit(events.EMPLOYEE_UPDATED, events.employee_data(employee))
    if was_active and not employee.active:
        tx.emit(events.EMPLOYEE_DEACTIVATED, events.employee_deactivated_data(employee, data.get("note")))
    tx.emit(events.EMPLOYEE_STATUS_CHANGED, events.status_changed_data({
        "employee_id": employee.id, "status": employee.status, "status_label": employee.status_label,
        "previous_status": previous, "since": employee.status_since, "decree_number": entry.decree_number,
        "decree_date": entry.decree_date, "note": entry.note, "entry_id": entry.id}))
    return employee, entry


def change_status(tx, employee_id: int, data: dict, actor: Identity, policy: AuthPolicy,
                  now: datetime | None = None):
    """``change_employee_status``: the transition table decides (409), the input rules name fields (422)."""
    from .employees import get_employee

    now = now or utcnow()
    employee = get_employee(tx.session, employee_id, for_update=True)
    if not rules.may_change(employee.status, data["status"]):
        raise Conflict(f"Status {employee.status_label} tidak dapat diubah menjadi {data['status']}"
                       + ("; gunakan pemulihan." if employee.status != "aktif" else "."))
    errors = rules.status_errors(data, wita_day(now), employee.tmt_cpns)
    if errors:
        raise ValidationFailed("Perubahan status tidak valid.", errors)
    return set_status(tx, employee, data, actor, policy, now)


def restore(tx, employee_id: int, reason: str, actor: Identity, policy: AuthPolicy, now: datetime | None = None):
    """Make an employee inactive by mistake active again (status ``aktif`` since today). Their account is NOT
    re-activated: an admin does that with ``update_account`` (the sessions revoked stay revoked). Answers
    ``(employee, entry, account)``."""
    from .employees import get_employee

    now = now or utcnow()
    session = tx.session
    employee = get_employee(session, employee_id, for_update=True)
    if not rules.may_restore(employee.status):
        raise Conflict("Pegawai ini masih aktif; tidak ada yang dipulihkan.")
    previous = employee.status
    employee, entry = set_status(tx, employee, {"status": "aktif", "since": wita_day(now), "note": reason},
                                 actor, policy, now)
    account = session.scalar(select(Account).where(Account.employee_id == employee.id))
    tx.emit(events.EMPLOYEE_RESTORED, events.restored_data({
        "employee_id": employee.id, "previous_status": previous, "since": employee.status_since, "reason": reason,
        "entry_id": entry.id, "account_id": account.id if account else None,
        "account_active": account.active if account else None}))
    return employee, entry, account
