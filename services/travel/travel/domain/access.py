"""Who may see and do what with travel orders. Deny by default.

Seeing (unseen records answer 404, never revealing they exist):

* ``admin`` and ``pimpinan`` (the signer) see every order;
* a unit head (``kepala_bagian``, ``kasubbag``) sees the orders of their unit and every unit below it
  (the order's unit or any traveller's unit);
* everyone sees the orders they requested and the orders they travel on.

Acting (a visible order the caller may not act on answers 403):

* requesting: a pegawai for themselves only; a unit head for employees of their unit and its sub-units;
  admin for anyone;
* editing, submitting, cancelling a draft/submitted order: its requester (or admin);
* approving, rejecting, issuing, cancelling an approved/issued order: an approver under ``approval_rules``
  for the highest rank among its travellers, heading a unit that contains every traveller's unit, and not
  travelling on it (admin may issue and cancel, not approve);
* sheet II legs: the traveller on their own SPPD; trip report, completion, realization: requester or traveller.

The caller's unit is read from the roster (not the token) so a transfer takes effect at once.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from situok_contracts.roles import heads_unit
from situok_kit.identity import Identity
from sqlalchemy import exists, false, or_, select
from sqlalchemy.orm import Session

from ..models import RANKS, ApprovalRule, Order, OrderTraveller, RosterEmployee
from .roster import subunit_ids

audit = logging.getLogger("situok.audit")
SEES_ALL_ROLES = ("admin", "pimpinan")


@dataclass(frozen=True)
class Viewer:
    identity: Identity
    sees_all: bool
    unit_ids: frozenset[int]

    def can_see(self, order: Order) -> bool:
        if self.sees_all:
            return True
        ident = self.identity
        if order.requester_account_id == ident.account_id:
            return True
        travellers = order.travellers
        if ident.employee_id and any(t.employee_id == ident.employee_id for t in travellers):
            return True
        return order.unit_id in self.unit_ids or any(t.unit_id in self.unit_ids for t in travellers)

    def order_condition(self):
        """SQL condition on ``Order`` selecting what this viewer sees (None: everything)."""
        if self.sees_all:
            return None
        ident = self.identity
        parts = [Order.requester_account_id == ident.account_id]
        if ident.employee_id:
            parts.append(exists().where(OrderTraveller.order_id == Order.id,
                                        OrderTraveller.employee_id == ident.employee_id))
        if self.unit_ids:
            units = sorted(self.unit_ids)
            parts.append(Order.unit_id.in_(units))
            parts.append(exists().where(OrderTraveller.order_id == Order.id, OrderTraveller.unit_id.in_(units)))
        return or_(*parts) if parts else false()


def own_unit(session: Session, identity: Identity) -> int | None:
    if not identity.employee_id:
        return None
    return session.scalar(select(RosterEmployee.unit_id).where(RosterEmployee.id == identity.employee_id,
                                                               RosterEmployee.active))


def headed_units(session: Session, identity: Identity) -> frozenset[int]:
    """The units a unit head heads (their unit and below); empty for everyone else."""
    if not heads_unit(identity.roles):
        return frozenset()
    unit_id = own_unit(session, identity)
    return frozenset(subunit_ids(session, unit_id)) if unit_id is not None else frozenset()


def viewer_for(session: Session, identity: Identity) -> Viewer:
    if identity.has_role(*SEES_ALL_ROLES):
        return Viewer(identity, True, frozenset())
    return Viewer(identity, False, headed_units(session, identity))


def request_problem(session: Session, identity: Identity, travellers: list[RosterEmployee]) -> str | None:
    """Why ``identity`` may not request a trip for ``travellers``, else None."""
    if identity.is_admin:
        return None
    if not identity.employee_id:
        return "Akun tanpa data pegawai tidak dapat mengajukan perjalanan dinas."
    if heads_unit(identity.roles):
        units = headed_units(session, identity)
        outside = [t.full_name for t in travellers if t.unit_id not in units and t.id != identity.employee_id]
        if outside:
            return f"Di luar unit kerja Anda: {', '.join(outside)}."
        return None
    if any(t.id != identity.employee_id for t in travellers):
        return "Pegawai hanya dapat mengajukan perjalanan dinas untuk dirinya sendiri."
    return None


def is_requester(identity: Identity, order: Order) -> bool:
    return order.requester_account_id == identity.account_id


def is_traveller(identity: Identity, order: Order) -> bool:
    return bool(identity.employee_id) and any(t.employee_id == identity.employee_id for t in order.travellers)


def highest_rank(order: Order) -> str:
    return max((t.rank for t in order.travellers), key=RANKS.index)


def approver_roles(session: Session, rank: str) -> set[str]:
    return set(session.scalars(select(ApprovalRule.approver_role).where(ApprovalRule.traveller_rank == rank)))


def approval_problem(session: Session, identity: Identity, order: Order) -> str | None:
    """Why ``identity`` may not approve (or sign) ``order``, else None."""
    if is_traveller(identity, order):
        return "Tidak dapat menyetujui perjalanan dinas yang Anda ikuti sendiri."
    rank = highest_rank(order)
    roles = approver_roles(session, rank)
    if not identity.has_role(*roles):
        return f"Perjalanan dinas pegawai tingkat {rank} disetujui oleh: {', '.join(sorted(roles)) or '-'}."
    unit_id = own_unit(session, identity)
    if unit_id is None:
        return "Akun tanpa data pegawai aktif tidak dapat menyetujui."
    units = subunit_ids(session, unit_id)
    if any(t.unit_id not in units for t in order.travellers):
        return "Pelaksana perjalanan dinas ini berada di luar unit kerja Anda."
    return None


def log_hidden(identity: Identity, action: str, record: str) -> None:
    audit.warning("denied: %s not visible", record,
                  extra={"action": action, "decision": "not_visible", "account_id": identity.account_id,
                         "record": record})
