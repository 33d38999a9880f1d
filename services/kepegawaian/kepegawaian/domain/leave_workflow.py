"""A leave request's workflow as one table (``situok_kit.workflow``). No database here.

::

    submitted ──consider (the direct supervisor)──▶ setuju: considered | perubahan: change_requested
                                                    ditangguhkan: deferred | tidak_disetujui: refused
    considered ──decide (the official, never their own)──▶ setuju: approved | perubahan: change_requested
                                                           ditangguhkan: deferred | tidak_disetujui: refused
    change_requested ──update (the employee or a staff officer: new dates)──▶ submitted
    submitted/considered/change_requested ──cancel (the employee, a staff officer)──▶ cancelled
    approved ──cancel (a staff officer or the official, a reason)──▶ cancelled

``consider`` and ``decide`` take an option (``OPTIONS``): the target state is ``OUTCOMES[action][option]`` and the
event ``EVENTS[target]``. No supervisor (the Kepala Biro) → the request starts at ``considered``; a supervisor who
is also the official decides both in one step (``consider`` with ``setuju`` → ``approved``).
"""
from __future__ import annotations

from situok_contracts.events import Kepegawaian as K
from situok_kit.workflow import PARTICIPANT, Step, Workflow

EMPLOYEE, SUPERVISOR, OFFICIAL, STAFF_OFFICER = "employee", "supervisor", "official", "staff_officer"
STATUS_LABELS = {"submitted": "menunggu pertimbangan atasan", "considered": "menunggu keputusan pejabat",
                 "change_requested": "perlu perubahan", "approved": "disetujui", "deferred": "ditangguhkan",
                 "refused": "tidak disetujui", "cancelled": "dibatalkan"}
OPTIONS = {"setuju": "Disetujui", "perubahan": "Perubahan", "ditangguhkan": "Ditangguhkan",
           "tidak_disetujui": "Tidak disetujui"}
OUTCOMES = {
    "consider": {"setuju": "considered", "perubahan": "change_requested", "ditangguhkan": "deferred",
                 "tidak_disetujui": "refused"},
    "decide": {"setuju": "approved", "perubahan": "change_requested", "ditangguhkan": "deferred",
               "tidak_disetujui": "refused"},
}
EVENTS = {"submitted": K.LEAVE_REQUESTED, "considered": K.LEAVE_CONSIDERED, "approved": K.LEAVE_APPROVED,
          "change_requested": K.LEAVE_CHANGE_REQUESTED, "deferred": K.LEAVE_DEFERRED, "refused": K.LEAVE_REFUSED,
          "cancelled": K.LEAVE_CANCELLED}
UNDECIDED = ("submitted", "considered", "change_requested")
FINAL = ("approved", "deferred", "refused", "cancelled")

LEAVE = Workflow("permohonan cuti", [
    Step("consider", ("submitted",), None, who=(SUPERVISOR,), not_by=(PARTICIPANT,),
         denied="Hanya atasan langsung pegawai yang dapat memberi pertimbangan."),
    Step("decide", ("considered",), None, who=(OFFICIAL,), not_by=(PARTICIPANT,),
         denied="Hanya pejabat yang berwenang memberikan cuti yang dapat memutuskan; tidak untuk cuti sendiri."),
    Step("update", ("change_requested",), "submitted", who=(EMPLOYEE, STAFF_OFFICER), event=K.LEAVE_REQUESTED,
         denied="Hanya pegawai yang bersangkutan yang dapat mengubah permohonannya."),
    Step("cancel", UNDECIDED, "cancelled", who=(EMPLOYEE, STAFF_OFFICER), event=K.LEAVE_CANCELLED,
         denied="Hanya pegawai yang bersangkutan yang dapat membatalkan permohonannya."),
    Step("cancel", ("approved",), "cancelled", who=(STAFF_OFFICER, OFFICIAL), event=K.LEAVE_CANCELLED,
         requires=("not_over",),
         denied="Cuti yang sudah disetujui hanya dapat dibatalkan pengelola kepegawaian atau pejabat."),
], labels=STATUS_LABELS)


def capacities(*, own: bool, direct_supervisor: bool, official: bool, staff_officer: bool) -> set[str]:
    found = set()
    if own:
        found |= {EMPLOYEE, PARTICIPANT}
    if direct_supervisor:
        found.add(SUPERVISOR)
    if official:
        found.add(OFFICIAL)
    if staff_officer:
        found.add(STAFF_OFFICER)
    return found
