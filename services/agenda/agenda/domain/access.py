"""Who may see and do what in agenda. Deny by default.

What each is to agenda (``situok_contracts.roles`` and the caller's unit in the roster copy):

* the **public** (no account, the portal): reads public events that are confirmed, postponed or done and
  documentation that is approved and past its embargo (``domain.publication``); sends visit requests and
  feedback and follows them by tracking code;
* every signed-in **employee**: reads the leaders' agenda by day and week and an event's page (never a VIP
  guest's contact or ID number), prints a leader's daily or weekly agenda;
* **protocol staff** — employees of the protocol unit (``AgendaSettings.protocol_unit_code``, ``BUP.PKP``) and
  its sub-units, and admin: keep the leaders and the order of precedence, enter and edit events (guests with
  their contacts, run-down, protocol staff), prepare documentation and submit it, read and triage visit
  requests and feedback;
* the **publication approver** — the head of the protocol unit itself (a unit-head role held by an employee of
  that unit: the Kepala Bagian Protokol dan Komunikasi Pimpinan), whoever holds ``AgendaSettings.approver_role``
  when one is set, and admin: approves or returns documentation (nothing is public before), decides visit
  requests (not their own: separation of duties does not arise, visitors have no account);
* a unit's staff answer the feedback triaged to their unit (``answers_feedback_of``).

The facts these rules need (the protocol unit's ids, the approving role) are read once per call by
``domain.staff`` and passed in: nothing here touches the database.
"""
from __future__ import annotations

from dataclasses import dataclass

from situok_contracts.roles import UNIT_HEAD_ROLES
from situok_kit.identity import DomainCaller

NOT_PROTOCOL = "Hanya staf Bagian Protokol dan Komunikasi Pimpinan yang dapat melakukan ini."
NOT_APPROVER = "Hanya Kepala Bagian Protokol (atau peran yang ditetapkan) yang dapat memutuskan ini."
NOT_EMPLOYEE = "Akun ini tidak terhubung dengan data pegawai."


@dataclass(frozen=True)
class ProtocolUnit:
    """The protocol unit as the settings and the roster copy say: its id (None when the roster has no unit of
    that code yet), its id and every sub-unit's, and the extra approving role."""

    unit_id: int | None
    unit_ids: frozenset[int]
    approver_role: str | None = None


NO_PROTOCOL_UNIT = ProtocolUnit(None, frozenset())


@dataclass(frozen=True)
class Caller(DomainCaller):
    """The identity in context with the facts agenda's rights depend on (``protocol``: ``domain.staff``)."""

    protocol: ProtocolUnit = NO_PROTOCOL_UNIT
    #: The caller's unit as the roster copy has it (a token's unit can be older), else the token's.
    home_unit_id: int | None = None

    @property
    def unit(self) -> int | None:
        return self.home_unit_id if self.home_unit_id is not None else self.unit_id

    @property
    def is_protocol_staff(self) -> bool:
        return self.is_admin or (self.unit is not None and self.unit in self.protocol.unit_ids)

    @property
    def approves_publication(self) -> bool:
        if self.is_admin:
            return True
        if self.protocol.approver_role and self.has(self.protocol.approver_role):
            return True
        return (self.protocol.unit_id is not None and self.unit == self.protocol.unit_id
                and self.has(*UNIT_HEAD_ROLES))

    def answers_feedback_of(self, unit_id: int | None) -> bool:
        """Whether the caller answers feedback triaged to ``unit_id`` (its staff, protocol staff, admin)."""
        return self.is_protocol_staff or (unit_id is not None and self.unit == unit_id)

    def require_employee(self) -> Caller:
        return self.require(self.is_employee or self.is_admin, NOT_EMPLOYEE)

    def require_protocol_staff(self) -> Caller:
        return self.require(self.is_protocol_staff, NOT_PROTOCOL)

    def require_approver(self) -> Caller:
        return self.require(self.approves_publication, NOT_APPROVER)

    def require_admin(self) -> Caller:
        return self.require(self.is_admin, "Hanya admin yang dapat mengubah pengaturan agenda.")
