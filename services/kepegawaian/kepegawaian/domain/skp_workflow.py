"""An SKP plan's workflow as one table (``situok_kit.workflow``). No database here.

::

    draft/returned ──edit, submit (the employee)──▶ submitted
    submitted ──approve (the direct supervisor)──▶ approved
    submitted/approved ──return with a note (the direct supervisor)──▶ returned (editable again)
    approved ──record_progress (the employee) / give_feedback (the direct supervisor)
    approved ──assess (the direct supervisor)──▶ assessed

An approved plan is revised only by the supervisor returning it (``return`` from ``approved``) — the employee
cannot reopen it. No one approves, gives feedback on or assesses their own plan (``PARTICIPANT``).
"""
from __future__ import annotations

from situok_contracts.events import Kepegawaian as Events
from situok_kit.workflow import PARTICIPANT, Step, Workflow

EMPLOYEE, SUPERVISOR = "employee", "supervisor"
STATUSES = ("draft", "submitted", "approved", "returned", "assessed")
STATUS_LABELS = {"draft": "konsep", "submitted": "diajukan", "approved": "disetujui", "returned": "dikembalikan",
                 "assessed": "dinilai"}
ONLY_EMPLOYEE = "Hanya pegawai pemilik SKP yang dapat mengubah rencana dan mencatat realisasinya."
ONLY_SUPERVISOR = "Hanya atasan langsung pegawai yang dapat menyetujui, memberi umpan balik, dan menilai SKP."

PLAN = Workflow("SKP", [
    Step("edit", ("draft", "returned"), None, who=(EMPLOYEE,), denied=ONLY_EMPLOYEE),
    Step("submit", ("draft", "returned"), "submitted", who=(EMPLOYEE,), event=Events.SKP_PLAN_SUBMITTED,
         requires=("complete",), denied=ONLY_EMPLOYEE),
    Step("approve", ("submitted",), "approved", who=(SUPERVISOR,), event=Events.SKP_PLAN_APPROVED,
         denied=ONLY_SUPERVISOR, not_by=(PARTICIPANT,)),
    Step("return", ("submitted", "approved"), "returned", who=(SUPERVISOR,), denied=ONLY_SUPERVISOR,
         not_by=(PARTICIPANT,)),
    Step("record_progress", ("approved",), None, who=(EMPLOYEE,), event=Events.SKP_PROGRESS_RECORDED,
         denied=ONLY_EMPLOYEE),
    Step("give_feedback", ("approved",), None, who=(SUPERVISOR,), denied=ONLY_SUPERVISOR, not_by=(PARTICIPANT,)),
    Step("assess", ("approved",), "assessed", who=(SUPERVISOR,), event=Events.SKP_ASSESSED,
         denied=ONLY_SUPERVISOR, not_by=(PARTICIPANT,)),
], labels=STATUS_LABELS)


def capacities(is_employee: bool, is_direct_supervisor: bool) -> frozenset[str]:
    """What the caller is to a plan: its employee (also the ``PARTICIPANT``) and/or the direct supervisor."""
    found = set()
    if is_employee:
        found |= {EMPLOYEE, PARTICIPANT}
    if is_direct_supervisor:
        found.add(SUPERVISOR)
    return frozenset(found)
