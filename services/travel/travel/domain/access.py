"""Who may see and do what with travel orders. Deny by default.

Seeing (unseen records answer 404, never revealing they exist):

* ``admin`` and ``pimpinan`` (the signer) see every order;
* a unit head (``kepala_bagian``, ``kasubbag``) sees the orders of their unit and every unit below it
  (the order's unit or any traveller's unit);
* everyone sees the orders they requested and the orders they travel on.

Requesting: a pegawai for themselves only; a unit head for employees of their unit and its sub-units; admin
for anyone.

Acting on an order is ``workflow.ORDER``'s table; this module says what the caller is to an order — its
*capacities*: ``requester``, ``traveller``, ``approver`` (a role ``approval_rules`` lists for the highest rank
among its travellers, heading a unit that contains every traveller's unit, not travelling on it) and
``admin``; and the parties separation of duties keeps from deciding (``creator``, ``participant``).

The facts these rules need (the approval rules, the caller's unit and the units below it) are looked up once
per request (``look_up``); every decision after that is a pure function of the ``Caller`` and the order, so a
page of orders costs no query per order. The caller's unit is read from the roster (not the token) so a
transfer takes effect at once.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NoReturn

from situok_contracts.roles import heads_unit
from situok_kit.errors import Forbidden
from situok_kit.identity import Identity
from situok_kit.workflow import parties
from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from ..models import RANKS, ApprovalRule, Order, OrderTraveller, RosterEmployee
from .roster import subunit_ids

audit = logging.getLogger("situok.audit")
SEES_ALL_ROLES = ("admin", "pimpinan")


@dataclass(frozen=True)
class Caller:
    """The identity with the facts its rights depend on."""

    identity: Identity
    #: Approval rules: traveller rank -> the roles that approve it.
    approver_roles: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: The caller's unit and every unit below it; None without an active roster entry (or when no rule the
    #: caller could meet needs it).
    own_units: frozenset[int] | None = None

    @property
    def sees_all(self) -> bool:
        return self.identity.has_role(*SEES_ALL_ROLES)

    @property
    def headed_units(self) -> frozenset[int]:
        """The units whose orders a unit head sees and requests for; empty for everyone else."""
        return (self.own_units or frozenset()) if heads_unit(self.identity.roles) else frozenset()

    def is_requester(self, order: Order) -> bool:
        return order.requester_account_id == self.identity.account_id

    def is_traveller(self, order: Order) -> bool:
        employee_id = self.identity.employee_id
        return bool(employee_id) and any(t.employee_id == employee_id for t in order.travellers)

    # -- seeing -----------------------------------------------------------------------------------------
    def can_see(self, order: Order) -> bool:
        if self.sees_all or self.is_requester(order) or self.is_traveller(order):
            return True
        units = self.headed_units
        return order.unit_id in units or any(t.unit_id in units for t in order.travellers)

    def order_condition(self):
        """SQL condition on ``Order`` selecting what this caller sees (None: everything)."""
        if self.sees_all:
            return None
        return own_or_unit_orders(self.identity, self.headed_units)

    def own_orders_condition(self):
        """SQL condition on ``Order``: the orders this caller requested or travels on."""
        return own_or_unit_orders(self.identity, frozenset())

    # -- requesting and approving -------------------------------------------------------------------------
    def request_problem(self, travellers: list[RosterEmployee]) -> str | None:
        """Why this caller may not request a trip for ``travellers``, else None."""
        ident = self.identity
        if ident.is_admin:
            return None
        if not ident.employee_id:
            return "Akun tanpa data pegawai tidak dapat mengajukan perjalanan dinas."
        if heads_unit(ident.roles):
            outside = [t.full_name for t in travellers
                       if t.unit_id not in self.headed_units and t.id != ident.employee_id]
            if outside:
                return f"Di luar unit kerja Anda: {', '.join(outside)}."
            return None
        if any(t.id != ident.employee_id for t in travellers):
            return "Pegawai hanya dapat mengajukan perjalanan dinas untuk dirinya sendiri."
        return None

    def approval_problem(self, order: Order) -> str | None:
        """Why this caller may not approve (or sign) ``order``, else None."""
        if not order.travellers:
            return "Perjalanan dinas ini belum memiliki pelaksana."
        if self.is_traveller(order):
            return "Tidak dapat menyetujui perjalanan dinas yang Anda ikuti sendiri."
        rank = highest_rank(order)
        roles = self.approver_roles.get(rank, frozenset())
        if not self.identity.has_role(*roles):
            return f"Perjalanan dinas pegawai tingkat {rank} disetujui oleh: {', '.join(sorted(roles)) or '-'}."
        if self.own_units is None:
            return "Akun tanpa data pegawai aktif tidak dapat menyetujui."
        if any(t.unit_id not in self.own_units for t in order.travellers):
            return "Pelaksana perjalanan dinas ini berada di luar unit kerja Anda."
        return None


def capacities(caller: Caller, order: Order) -> frozenset[str]:
    """What ``caller`` is to ``order``: the ``who`` of ``workflow.ORDER``'s rows, and the parties (``creator``:
    drafted it, ``participant``: travels on it) its ``not_by`` keeps from deciding. Pure."""
    found = set(parties(caller.is_requester(order), caller.is_traveller(order)))
    if caller.is_requester(order):
        found.add("requester")
    if caller.is_traveller(order):
        found.add("traveller")
    if caller.approval_problem(order) is None:
        found.add("approver")
    if caller.identity.is_admin:
        found.add("admin")
    return frozenset(found)


def highest_rank(order: Order) -> str:
    return max((t.rank for t in order.travellers), key=RANKS.index)


def own_or_unit_orders(identity: Identity, units: frozenset[int]):
    """SQL condition on ``Order``: requested by ``identity``, travelled on by them, or of one of ``units``."""
    parts = [Order.requester_account_id == identity.account_id]
    if identity.employee_id:
        parts.append(exists().where(OrderTraveller.order_id == Order.id,
                                    OrderTraveller.employee_id == identity.employee_id))
    if units:
        ordered = sorted(units)
        parts.append(Order.unit_id.in_(ordered))
        parts.append(exists().where(OrderTraveller.order_id == Order.id, OrderTraveller.unit_id.in_(ordered)))
    return or_(*parts)


# -- looking the facts up -------------------------------------------------------------------------------

def look_up(session: Session, identity: Identity) -> Caller:
    """The caller with the approval rules and — when a rule they could meet or a unit they head needs it —
    their unit and the units below it."""
    rules: dict[str, set[str]] = {}
    for rank, role in session.execute(select(ApprovalRule.traveller_rank, ApprovalRule.approver_role)):
        rules.setdefault(rank, set()).add(role)
    approver_roles = {rank: frozenset(roles) for rank, roles in rules.items()}
    could_approve = any(identity.has_role(*roles) for roles in approver_roles.values())
    own_units = None
    if could_approve or heads_unit(identity.roles):
        unit_id = own_unit(session, identity)
        if unit_id is not None:
            own_units = frozenset(subunit_ids(session, unit_id))
    return Caller(identity, approver_roles, own_units)


def own_unit(session: Session, identity: Identity) -> int | None:
    if not identity.employee_id:
        return None
    return session.scalar(select(RosterEmployee.unit_id).where(RosterEmployee.id == identity.employee_id,
                                                               RosterEmployee.active))


def log_hidden(identity: Identity, action: str, record: str) -> None:
    audit.warning("denied: %s not visible", record,
                  extra={"action": action, "decision": "not_visible", "account_id": identity.account_id,
                         "record": record})


def deny(identity: Identity, action: str, why: str) -> NoReturn:
    """Refuse ``action`` with a 403 saying ``why``, and log it to the audit trail."""
    audit.warning("denied: %s", why, extra={"action": action, "decision": "forbidden",
                                            "account_id": identity.account_id})
    raise Forbidden(why)
