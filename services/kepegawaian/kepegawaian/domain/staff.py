"""The facts ``domain.access`` needs from the database, read once per call: the staff officers' unit and its
sub-units (from the roster copy, by ``KepegawaianSettings.staff_unit_code``), the caller's own unit as the roster
copy has it, and the caller's staff (the supervisor chain below them)."""
from __future__ import annotations

from situok_kit.identity import Identity
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import RosterEmployee, RosterUnit
from . import roster, settings
from .access import Caller


def staff_below(session: Session, employee_id: int) -> tuple[frozenset[int], frozenset[int]]:
    """``(direct, all)``: the employees ``employee_id`` supervises directly, and the whole chain below them
    (one recursive query; a cycle in the data cannot loop: ``UNION`` drops rows already seen)."""
    direct = frozenset(session.scalars(select(RosterEmployee.id).where(RosterEmployee.supervisor_id == employee_id,
                                                                       RosterEmployee.active.is_(True))))
    if not direct:
        return direct, direct
    tree = select(RosterEmployee.id).where(RosterEmployee.supervisor_id == employee_id).cte("chain", recursive=True)
    tree = tree.union(select(RosterEmployee.id).where(RosterEmployee.supervisor_id == tree.c.id))
    return direct, frozenset(session.scalars(select(tree.c.id))) - {employee_id}


def staff_unit_ids(session: Session) -> frozenset[int]:
    code = settings.get_settings(session).staff_unit_code
    unit_id = session.scalar(select(RosterUnit.id).where(RosterUnit.code == code))
    return frozenset(roster.subunit_ids(session, unit_id)) if unit_id is not None else frozenset()


def caller_of(session: Session, identity: Identity) -> Caller:
    home = None
    direct = every = frozenset()
    if identity.employee_id:
        home = session.scalar(select(RosterEmployee.unit_id).where(RosterEmployee.id == identity.employee_id))
        direct, every = staff_below(session, identity.employee_id)
    return Caller(identity, staff_unit_ids(session), home, direct, every,
                  settings.get_settings(session).official_role)
