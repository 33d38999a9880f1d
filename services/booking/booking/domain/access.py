"""Who may see and do what in booking. Deny by default.

Roles (``situok_contracts.roles``) and what each is to booking:

* every signed-in employee: searches availability, reads the calendars (purposes and times; never a guest's
  contact details), asks for a room, a building or a vehicle, follows and cancels their own requests, and has
  their own iCal feed;
* a resource's **approver**: its manager (``Resource.manager_employee_id``), or when it names none whoever
  holds the role ``BookingSettings`` names for its kind (``Resource.approver_role`` overrides it), and admin:
  approves, rejects and cancels its bookings with a note, sees the conflicts a request would have, assigns a
  vehicle's driver, reads the guest requests for it with their contact details (``domain.approvers``);
* the **keepers** (``pengurus_barang``, ``admin``): enter and edit resources booking owns, set managers, buffers,
  blackouts, the drivers' list and hours; admin alone the settings;
* a **driver** (an employee on the drivers' list): sees their trips and records check-out and return on their
  phone;
* a **guest** (no account, the public portal): asks for a guest-bookable building or hall and follows it by
  its tracking code only.
"""
from __future__ import annotations

from situok_kit.identity import DomainCaller, Identity

#: Roles that keep the resources, the drivers' list and the blackouts.
KEEPER_ROLES = ("pengurus_barang", "admin")
NOT_KEEPER = "Hanya pengurus barang atau admin yang dapat mengelola sumber daya peminjaman."
NOT_APPROVER = "Anda bukan pengelola yang menyetujui peminjaman sumber daya ini."
NOT_OWNER = "Hanya pemohon atau pengelola sumber daya yang dapat melakukan ini."


class Caller(DomainCaller):
    """The identity in context with the facts booking's rights depend on."""

    @property
    def is_keeper(self) -> bool:
        """The pengurus barang (or an admin): keeps resources, drivers and blackouts."""
        return self.has(*KEEPER_ROLES)

    def require_keeper(self) -> Caller:
        return self.require(self.is_keeper, NOT_KEEPER)

    def require_admin(self) -> Caller:
        return self.require(self.is_admin, "Hanya admin yang dapat mengubah pengaturan peminjaman.")

    def require_employee(self) -> Caller:
        return self.require(self.is_employee, "Akun ini tidak terhubung dengan data pegawai.")


def caller_of(identity: Identity) -> Caller:
    return Caller(identity)


def approves(caller: Caller, manager_employee_id: int | None, approver_role: str | None) -> bool:
    """Whether ``caller`` approves a resource whose manager is ``manager_employee_id`` and whose approving role
    (the resource's own, else its kind's from the settings) is ``approver_role`` — a pure rule; the domain
    (``domain.approvers``) reads the two facts."""
    if caller.is_admin:
        return True
    if manager_employee_id is not None:
        return caller.employee_id == manager_employee_id
    return bool(approver_role) and caller.has(approver_role)
