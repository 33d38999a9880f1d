"""Who approves a resource's bookings (``access.approves`` is the rule; this module reads its facts): the
resource's manager, else the holders of its approving role (the resource's own ``approver_role``, else its
kind's in the settings), and admin."""
from __future__ import annotations

from sqlalchemy import ColumnElement, and_, false, or_, select, true
from sqlalchemy.orm import Session

from ..models import Resource
from . import settings as settings_domain
from .access import Caller, approves


def approver_role(session: Session, resource: Resource) -> str:
    """The role that approves ``resource`` when it names no manager."""
    return resource.approver_role or settings_domain.approver_role_of_kind(
        settings_domain.get_settings(session), resource.kind)


def may_approve(session: Session, caller: Caller, resource: Resource) -> bool:
    return approves(caller, resource.manager_employee_id, approver_role(session, resource))


def approvable(session: Session, caller: Caller) -> ColumnElement[bool]:
    """A condition on ``Resource`` true for the resources ``caller`` approves (the inbox's filter)."""
    if caller.is_admin:
        return true()
    mine = Resource.manager_employee_id == caller.employee_id if caller.employee_id else false()
    settings = settings_domain.get_settings(session)
    by_role = []
    for kind in ("room", "building", "vehicle"):
        kind_role = settings_domain.approver_role_of_kind(settings, kind)
        if caller.has(kind_role):
            by_role.append(and_(Resource.kind == kind, Resource.approver_role.is_(None)))
    own_roles = [role for role in caller.roles if role]
    if own_roles:
        by_role.append(Resource.approver_role.in_(own_roles))
    return or_(mine, and_(Resource.manager_employee_id.is_(None), or_(*by_role) if by_role else false()))


def approves_some(session: Session, caller: Caller) -> bool:
    """Whether ``caller`` approves at least one resource (the capabilities' ``approve``)."""
    if caller.is_admin:
        return True
    return session.scalar(select(Resource.id).where(approvable(session, caller)).limit(1)) is not None
