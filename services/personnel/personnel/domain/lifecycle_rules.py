"""The employee's status lifecycle as one transition table (pure: no database, no clock).

Statuses (``situok_contracts.positions.EMPLOYEE_STATUSES``) and their legal source:

* ``cltn`` — cuti di luar tanggungan negara (PP 11/2017 Pasal 310 ff., at most 3 years + 1; the employee comes
  back to ``aktif`` with a decree);
* ``diberhentikan_sementara`` — pemberhentian sementara (PP 11/2017 Pasal 276 ff., as amended by PP 17/2020),
  ending with reinstatement (``aktif``) or dismissal;
* ``pensiun`` — batas usia pensiun or at own request (PP 11/2017 Pasal 239 ff.), ``mutasi_keluar`` — moved to
  another agency (Pasal 190 ff.), ``meninggal`` — died (Pasal 244); these end the career here;
* ``nonaktif`` — made inactive without a decree (the old ``deactivate_employee``).

Every status other than ``aktif`` makes the employee inactive (``active`` false). An employee made inactive by
mistake is restored (``restore_employee``), never "changed" back, so the correction is visible as such.
"""
from __future__ import annotations

from datetime import date

from situok_contracts.positions import EMPLOYEE_STATUSES

#: From a status, the statuses ``change_employee_status`` may set.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "aktif": ("cltn", "diberhentikan_sementara", "pensiun", "mutasi_keluar", "meninggal", "nonaktif"),
    "cltn": ("aktif", "pensiun", "mutasi_keluar", "meninggal", "nonaktif"),
    "diberhentikan_sementara": ("aktif", "pensiun", "meninggal", "nonaktif"),
    "pensiun": (),
    "mutasi_keluar": (),
    "meninggal": (),
    "nonaktif": (),
}
assert set(TRANSITIONS) == set(EMPLOYEE_STATUSES)

#: Statuses set without a decree (a plain deactivation).
WITHOUT_DECREE = frozenset({"nonaktif"})

RECORD, CHANGE_STATUS, RESTORE = "record_career_change", "change_status", "restore"


def next_statuses(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def may_change(current: str, new: str) -> bool:
    return new in next_statuses(current)


def may_restore(status: str) -> bool:
    """Only an inactive employee can be restored (409 otherwise)."""
    return status != "aktif"


def status_errors(data: dict, today: date, tmt_cpns: date | None) -> dict[str, str]:
    """Field errors of a status change (the transition itself is judged by ``may_change``)."""
    errors: dict[str, str] = {}
    number, decree_date = data.get("decree_number"), data.get("decree_date")
    if data["status"] not in WITHOUT_DECREE:
        if not number:
            errors["decree_number"] = "Nomor SK wajib diisi untuk status ini."
        if decree_date is None:
            errors["decree_date"] = "Tanggal SK wajib diisi untuk status ini."
    elif bool(number) != (decree_date is not None):
        errors["decree_date" if number else "decree_number"] = "Nomor dan tanggal SK diisi bersama."
    errors.update(date_errors(data.get("since"), decree_date, today, tmt_cpns, "since"))
    return errors


def date_errors(tmt: date | None, decree_date: date | None, today: date, tmt_cpns: date | None,
                tmt_field: str = "tmt") -> dict[str, str]:
    errors: dict[str, str] = {}
    if decree_date is not None and decree_date > today:
        errors["decree_date"] = "Tanggal SK tidak boleh sesudah hari ini."
    if tmt is not None and tmt_cpns is not None and tmt < tmt_cpns:
        errors[tmt_field] = "TMT tidak boleh sebelum TMT CPNS/PPPK."
    return errors


def allowed_actions(status: str, manager: bool) -> list[str]:
    """What a caller may do on an employee now (the web's buttons)."""
    if not manager:
        return []
    actions = []
    if status == "aktif":
        actions.append(RECORD)
    if next_statuses(status):
        actions.append(CHANGE_STATUS)
    if may_restore(status):
        actions.append(RESTORE)
    return actions
