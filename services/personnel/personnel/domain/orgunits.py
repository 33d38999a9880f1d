"""Org units (Biro -> Bagian -> Subbagian) and positions (jabatan)."""
from __future__ import annotations

from datetime import datetime

from situok_kit.errors import NotFound, ValidationFailed
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import events
from ..models import OrgUnit, Position, utcnow
from .conflicts import ensure_free, flush_or_conflict

#: The kind a unit's parent must have (None: no parent).
PARENT_KIND = {"biro": None, "bagian": "biro", "subbagian": "bagian"}
KIND_LABEL = {"biro": "Biro", "bagian": "Bagian", "subbagian": "Subbagian"}


def kind_error(kind: str, parent_kind: str | None) -> str | None:
    """Why a unit of ``kind`` cannot sit under a parent of ``parent_kind``, else None."""
    wanted = PARENT_KIND.get(kind)
    if wanted == parent_kind:
        return None
    if wanted is None:
        return f"{KIND_LABEL[kind]} adalah unit tertinggi dan tidak boleh memiliki unit induk."
    return f"{KIND_LABEL[kind]} harus berada di bawah {KIND_LABEL[wanted]}."


def subunit_ids(session: Session, unit_id: int) -> set[int]:
    """``unit_id`` and every unit below it (recursive CTE)."""
    tree = select(OrgUnit.id).where(OrgUnit.id == unit_id).cte("tree", recursive=True)
    tree = tree.union_all(select(OrgUnit.id).where(OrgUnit.parent_id == tree.c.id))
    return set(session.scalars(select(tree.c.id)))


def _head_positions(session: Session) -> dict[int, int]:
    rows = session.execute(select(Position.unit_id, Position.id).where(Position.is_head))
    return {unit_id: position_id for unit_id, position_id in rows}


def _view(unit: OrgUnit, depth: int, heads: dict[int, int]) -> dict:
    return {
        "id": unit.id, "code": unit.code, "name": unit.name, "kind": unit.kind,
        "parent_id": unit.parent_id, "head_position_id": heads.get(unit.id),
        "depth": depth, "active": unit.active,
    }


def list_org_units(session: Session) -> list[dict]:
    """Every unit, flat, in tree order (parent before children; siblings by code)."""
    units = list(session.scalars(select(OrgUnit).order_by(OrgUnit.code)))
    heads = _head_positions(session)
    children: dict[int | None, list[OrgUnit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    out: list[dict] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for unit in children.get(parent_id, []):
            out.append(_view(unit, depth, heads))
            walk(unit.id, depth + 1)

    walk(None, 0)
    return out


def _depth(session: Session, unit: OrgUnit) -> int:
    depth, parent_id = 0, unit.parent_id
    while parent_id is not None:
        depth += 1
        parent_id = session.scalar(select(OrgUnit.parent_id).where(OrgUnit.id == parent_id))
    return depth


def org_unit_view(session: Session, unit: OrgUnit) -> dict:
    return _view(unit, _depth(session, unit), _head_positions(session))


def get_org_unit(session: Session, unit_id: int) -> dict:
    unit = session.get(OrgUnit, unit_id)
    if unit is None:
        raise NotFound("Unit kerja tidak ditemukan.")
    heads = _head_positions(session)
    depth = _depth(session, unit)
    view = _view(unit, depth, heads)
    kids = session.scalars(select(OrgUnit).where(OrgUnit.parent_id == unit.id).order_by(OrgUnit.code))
    view["children"] = [_view(child, depth + 1, heads) for child in kids]
    return view


def _parent_kind(session: Session, parent_id: int | None) -> tuple[str | None, dict[str, str]]:
    if parent_id is None:
        return None, {}
    parent = session.get(OrgUnit, parent_id)
    if parent is None:
        return None, {"parent_id": "Unit induk tidak ditemukan."}
    return parent.kind, {}


CODE_TAKEN = "Kode unit kerja sudah dipakai unit lain."
_UNIQUE = {"uq_org_units_code": ("code", CODE_TAKEN)}


def create_org_unit(tx, data: dict) -> dict:
    session = tx.session
    parent_kind, errors = _parent_kind(session, data.get("parent_id"))
    if not errors:
        message = kind_error(data["kind"], parent_kind)
        if message:
            errors["parent_id"] = message
    if errors:
        raise ValidationFailed("Data unit kerja tidak valid.", errors)
    ensure_free(session, select(OrgUnit.id).where(OrgUnit.code == data["code"]), "code", CODE_TAKEN)
    unit = OrgUnit(code=data["code"], name=data["name"], kind=data["kind"], parent_id=data.get("parent_id"),
                   active=data.get("active", True))
    session.add(unit)
    flush_or_conflict(session, _UNIQUE)
    view = org_unit_view(session, unit)
    tx.emit(events.ORG_UNIT_CREATED, events.org_unit_data(view))
    return view


def update_org_unit(tx, unit_id: int, changes: dict, now: datetime | None = None) -> dict:
    session = tx.session
    unit = session.get(OrgUnit, unit_id, with_for_update=True)
    if unit is None:
        raise NotFound("Unit kerja tidak ditemukan.")
    kind = changes.get("kind", unit.kind)
    parent_id = changes["parent_id"] if "parent_id" in changes else unit.parent_id
    errors: dict[str, str] = {}
    if parent_id is not None and parent_id == unit.id:
        errors["parent_id"] = "Unit kerja tidak dapat menjadi induk dirinya sendiri."
    else:
        parent_kind, errors = _parent_kind(session, parent_id)
        if not errors:
            message = kind_error(kind, parent_kind)
            if message:
                field = "kind" if "kind" in changes and "parent_id" not in changes else "parent_id"
                errors[field] = message
    if kind != unit.kind:
        child_kinds = set(session.scalars(select(OrgUnit.kind).where(OrgUnit.parent_id == unit.id)))
        misfits = [k for k in child_kinds if kind_error(k, kind)]
        if misfits:
            errors.setdefault("kind", f"Unit ini masih membawahi {KIND_LABEL[misfits[0]]}; "
                                         f"jenisnya tidak dapat diubah menjadi {KIND_LABEL[kind]}.")
    if errors:
        raise ValidationFailed("Data unit kerja tidak valid.", errors)
    if "code" in changes and changes["code"] != unit.code:
        ensure_free(session, select(OrgUnit.id).where(OrgUnit.code == changes["code"]), "code", CODE_TAKEN)
    changed = False
    for name in ("code", "name", "kind", "parent_id", "active"):
        if name in changes and getattr(unit, name) != changes[name]:
            setattr(unit, name, changes[name])
            changed = True
    if changed:
        unit.updated_at = now or utcnow()
        flush_or_conflict(session, _UNIQUE)
    view = org_unit_view(session, unit)
    if changed:
        tx.emit(events.ORG_UNIT_UPDATED, events.org_unit_data(view))
    return view


# -- positions -------------------------------------------------------------

def list_positions(session: Session, unit_id: int | None = None) -> list[Position]:
    query = select(Position).order_by(Position.unit_id, Position.is_head.desc(), Position.name, Position.id)
    if unit_id is not None:
        query = query.where(Position.unit_id == unit_id)
    return list(session.scalars(query))


HEAD_TAKEN = "Unit ini sudah memiliki jabatan kepala."
_POSITION_UNIQUE = {"uq_positions_head_per_unit": ("is_head", HEAD_TAKEN)}


def create_position(tx, data: dict) -> Position:
    session = tx.session
    errors: dict[str, str] = {}
    if session.get(OrgUnit, data["unit_id"]) is None:
        errors["unit_id"] = "Unit kerja tidak ditemukan."
    if data.get("is_head") and data["kind"] != "struktural":
        errors["is_head"] = "Jabatan kepala unit harus jabatan struktural."
    if errors:
        raise ValidationFailed("Data jabatan tidak valid.", errors)
    if data.get("is_head"):
        ensure_free(session, select(Position.id).where(Position.unit_id == data["unit_id"], Position.is_head),
                    "is_head", HEAD_TAKEN)
    position = Position(name=data["name"], unit_id=data["unit_id"], kind=data["kind"],
                        is_head=bool(data.get("is_head")), level=data.get("level"),
                        kelas_jabatan=data.get("kelas_jabatan"))
    session.add(position)
    flush_or_conflict(session, _POSITION_UNIQUE)
    return position
