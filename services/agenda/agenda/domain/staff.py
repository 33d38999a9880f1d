"""The facts ``domain.access`` needs from the database, read once per call: the protocol unit's id and its
sub-units' (from the roster copy, by ``AgendaSettings.protocol_unit_code``), the extra approving role, and the
caller's own unit as the roster copy has it."""
from __future__ import annotations

from situok_kit.identity import Identity
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import RosterEmployee, RosterUnit
from . import roster, settings
from .access import Caller, ProtocolUnit


def protocol_unit(session: Session) -> ProtocolUnit:
    row = settings.get_settings(session)
    unit_id = session.scalar(select(RosterUnit.id).where(RosterUnit.code == row.protocol_unit_code))
    ids = frozenset(roster.subunit_ids(session, unit_id)) if unit_id is not None else frozenset()
    return ProtocolUnit(unit_id, ids, row.approver_role)


def caller_of(session: Session, identity: Identity) -> Caller:
    home = None
    if identity.employee_id:
        home = session.scalar(select(RosterEmployee.unit_id).where(RosterEmployee.id == identity.employee_id))
    return Caller(identity, protocol_unit(session), home)
