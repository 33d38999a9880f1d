"""The employee history: one entry per change of unit, position, rank, grade, KGB or status, with its TMT and
decree, who recorded it and when; read newest TMT first."""
from __future__ import annotations

from datetime import date, datetime

from situok_contracts.positions import STATUS_LABELS
from situok_kit.errors import ValidationFailed
from situok_kit.identity import Identity
from situok_kit.pagination import decode_cursor, page
from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from ..models import EmployeeHistory, OrgUnit, Position, utcnow
from .identifiers import PANGKAT

KIND_LABELS = {"unit": "Unit kerja", "position": "Jabatan", "rank": "Pangkat/golongan", "grade": "Kelas jabatan",
               "kgb": "Kenaikan gaji berkala", "status": "Status pegawai"}
#: Employee columns whose plain change appends an entry, and the entry's kind.
TRACKED = {"unit_id": "unit", "position_id": "position", "golongan": "rank", "pppk_grade": "rank"}


def label(session: Session, column: str, value) -> str | None:
    """The readable text of a tracked value."""
    if value is None:
        return None
    if column == "unit_id":
        unit = session.get(OrgUnit, int(value))
        return unit.name if unit is not None else str(value)
    if column == "position_id":
        position = session.get(Position, int(value))
        return position.name if position is not None else str(value)
    if column == "golongan":
        return f"{value} ({PANGKAT[value]})" if value in PANGKAT else str(value)
    if column == "pppk_grade":
        return f"Golongan PPPK {value}"
    if column == "status":
        return STATUS_LABELS.get(value, value)
    if column == "kelas_jabatan":
        return f"Kelas jabatan {value}"
    if column == "kgb_tmt":
        return f"KGB TMT {value:%d-%m-%Y}" if isinstance(value, date) else str(value)
    return str(value)


def add_entry(session: Session, employee_id: int, kind: str, before: tuple, after: tuple, tmt: date,
              actor: Identity | None, decree: dict | None = None, note: str | None = None,
              now: datetime | None = None) -> EmployeeHistory:
    """Append one entry; ``before``/``after`` are ``(value, label)``."""
    decree = decree or {}
    entry = EmployeeHistory(
        employee_id=employee_id, kind=kind,
        before_value=None if before[0] is None else str(before[0]), before_label=before[1],
        after_value=None if after[0] is None else str(after[0]), after_label=after[1],
        tmt=tmt, decree_number=decree.get("decree_number"), decree_date=decree.get("decree_date"),
        note=note if note is not None else decree.get("note"),
        recorded_by_account_id=actor.account_id if actor is not None else None,
        recorded_by=actor.username if actor is not None else None, recorded_at=now or utcnow())
    session.add(entry)
    session.flush()
    return entry


def entry_out(entry: EmployeeHistory) -> dict:
    """The fields of ``HistoryEntryOut`` (dump it with the schema)."""
    return {c: getattr(entry, c) for c in (
        "id", "employee_id", "kind", "before_value", "before_label", "after_value", "after_label", "tmt",
        "decree_number", "decree_date", "note", "recorded_by", "recorded_by_account_id", "recorded_at",
    )} | {"kind_label": KIND_LABELS[entry.kind]}


def list_history(session: Session, employee_id: int, kind: str | None, cursor: str | None, limit: int) -> dict:
    """A keyset page of one employee's entries, newest TMT first (then newest entry)."""
    query = select(EmployeeHistory).where(EmployeeHistory.employee_id == employee_id)
    if kind:
        query = query.where(EmployeeHistory.kind == kind)
    after = decode_cursor(cursor, 2)
    if after is not None:
        try:
            tmt, last_id = date.fromisoformat(after[0]), after[1]
            if isinstance(last_id, bool) or not isinstance(last_id, int):
                raise ValueError
        except (TypeError, ValueError):
            raise ValidationFailed("Cursor tidak valid.",
                                   {"cursor": "Cursor tidak dikenali; mulai dari halaman pertama."}) from None
        query = query.where(tuple_(EmployeeHistory.tmt, EmployeeHistory.id) < tuple_(tmt, last_id))
    rows = session.scalars(query.order_by(EmployeeHistory.tmt.desc(), EmployeeHistory.id.desc()).limit(limit + 1))
    items = [entry_out(e) for e in rows]
    return page(items, limit, lambda e: [e["tmt"].isoformat(), e["id"]])
