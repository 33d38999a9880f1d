"""Who may see and do what in kepegawaian. Deny by default.

What each is to kepegawaian (``situok_contracts.roles``, the caller's place in the roster copy):

* every signed-in **employee** (an account linked to an employee): their own leave, balance, documents, SKP and
  career dates — never another employee's;
* a **supervisor**: the employees whose supervisor chain (``supervisor_id`` in the roster copy) leads to them —
  their staff; the *direct* supervisor gives the consideration on a leave request and assesses the SKP;
* the **staff officers** (pengelola kepegawaian) — employees of ``KepegawaianSettings.staff_unit_code``
  (``BUP.TU.KPG``, Subbagian Kepegawaian) and its sub-units, and admin: every employee's record, verify
  documents, record leave on someone's behalf, the due lists, reminders and exports;
* the **leave official** (Pejabat yang Berwenang Memberikan Cuti) — whoever holds
  ``KepegawaianSettings.official_role`` (``pimpinan``: the Kepala Biro, by delegation of the Gubernur as PPK), and
  admin: decides leave after the supervisor's consideration — never their own.

The facts these rules need (the staff unit's ids, the caller's staff, the official's role) are read once per call
by ``domain.staff`` and passed in: nothing here touches the database.
"""
from __future__ import annotations

from dataclasses import dataclass

from situok_kit.identity import DomainCaller

NOT_STAFF_OFFICER = "Hanya pengelola kepegawaian (Subbagian Kepegawaian) yang dapat melakukan ini."
NOT_OFFICIAL = "Hanya pejabat yang berwenang memberikan cuti yang dapat memutuskan ini."
NOT_EMPLOYEE = "Akun ini tidak terhubung dengan data pegawai."
NOT_YOURS = "Anda hanya dapat melihat data Anda sendiri atau data bawahan Anda."


@dataclass(frozen=True)
class Caller(DomainCaller):
    """The identity in context with the facts kepegawaian's rights depend on (``domain.staff``)."""

    #: The staff officers' unit and its sub-units (empty while the roster has no such unit).
    staff_unit_ids: frozenset[int] = frozenset()
    #: The caller's unit as the roster copy has it (a token's unit can be older), else the token's.
    home_unit_id: int | None = None
    #: Employees the caller supervises directly, and everyone below them (the whole chain).
    direct_staff: frozenset[int] = frozenset()
    all_staff: frozenset[int] = frozenset()
    official_role: str = "pimpinan"

    @property
    def unit(self) -> int | None:
        return self.home_unit_id if self.home_unit_id is not None else self.unit_id

    @property
    def is_staff_officer(self) -> bool:
        return self.is_admin or (self.unit is not None and self.unit in self.staff_unit_ids)

    @property
    def is_official(self) -> bool:
        return self.is_admin or self.has(self.official_role)

    @property
    def is_supervisor(self) -> bool:
        return bool(self.direct_staff)

    def is_self(self, employee_id: int | None) -> bool:
        return employee_id is not None and employee_id == self.employee_id

    def supervises(self, employee_id: int | None) -> bool:
        """Whether ``employee_id`` is in the caller's chain of staff (directly or below)."""
        return employee_id is not None and employee_id in self.all_staff

    def supervises_directly(self, employee_id: int | None) -> bool:
        return employee_id is not None and employee_id in self.direct_staff

    def may_read(self, employee_id: int | None) -> bool:
        """An employee's records: their own, their supervisors', the staff officers' and the official's."""
        return (self.is_self(employee_id) or self.supervises(employee_id) or self.is_staff_officer
                or self.is_official)

    def require_employee(self) -> Caller:
        return self.require(self.is_employee, NOT_EMPLOYEE)

    def require_reader_of(self, employee_id: int | None) -> Caller:
        return self.require(self.may_read(employee_id), NOT_YOURS)

    def require_staff_officer(self) -> Caller:
        return self.require(self.is_staff_officer, NOT_STAFF_OFFICER)

    def require_official(self) -> Caller:
        return self.require(self.is_official, NOT_OFFICIAL)

    def require_admin(self) -> Caller:
        return self.require(self.is_admin, "Hanya admin yang dapat mengubah pengaturan kepegawaian.")
