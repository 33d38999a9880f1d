"""A travel order's workflow as one table: every step, from which statuses, by whom, and what it publishes.

This table is the only place the rules of the workflow live. A command asks ``ORDER.check`` (403 no capacity,
409 wrong status, 422 a guard says what is missing) and every answer carries ``ORDER.allowed_actions`` for
its caller. The capacities (``requester``, ``traveller``, ``approver``, ``admin``) are worked out by
``access.capacities``; a row without its own ``denied`` message is an approver's, and its 403 says why the
caller is not the approver (``access.Caller.approval_problem``).

::

    draft ──submit──▶ submitted ──approve──▶ approved ──issue──▶ issued ──complete──▶ completed ──realize──▶ realized
                          └──reject──▶ rejected                    (trip report filed)
    cancel: draft/submitted (requester, approver, admin), approved/issued (approver, admin) ──▶ cancelled

Separation of duties (``not_by``): nobody approves, rejects or issues an order they drafted (``CREATOR``) or
travel on (``PARTICIPANT``) — another approver does; drafting for a subordinate and deciding it alone is not
possible. Rejecting is separated too: a requester withdraws their own order by cancelling it, so the history
never shows a "rejection" that was not someone else's decision.
"""
from __future__ import annotations

from collections.abc import Callable

from situok_contracts.events import Travel
from situok_kit.workflow import CREATOR, PARTICIPANT, Guard, Step, Workflow

#: How messages name each status.
STATUS_LABELS = {
    "draft": "konsep", "submitted": "diajukan", "approved": "disetujui", "rejected": "ditolak",
    "issued": "terbit", "completed": "selesai", "realized": "direalisasikan", "cancelled": "dibatalkan",
}
PARTICIPANTS = ("requester", "traveller", "admin")
#: The parties who may not decide on an order (separation of duties).
SEPARATED = (CREATOR, PARTICIPANT)
REPORT_MISSING = ("report", "Unggah laporan perjalanan dinas sebelum menyelesaikan.")

ORDER = Workflow("perjalanan dinas", [
    Step("edit", ("draft",), None, who=("requester", "admin"),
         denied="Hanya pengaju yang dapat mengubah perjalanan dinas ini."),
    Step("submit", ("draft",), "submitted", who=("requester", "admin"), event=Travel.ORDER_SUBMITTED,
         denied="Hanya pengaju yang dapat mengajukan perjalanan dinas ini."),
    Step("approve", ("submitted",), "approved", who=("approver",), event=Travel.ORDER_APPROVED,
         not_by=SEPARATED),
    Step("reject", ("submitted",), "rejected", who=("approver",), event=Travel.ORDER_REJECTED,
         not_by=SEPARATED),
    Step("issue", ("approved",), "issued", who=("approver", "admin"), event=Travel.ORDER_ISSUED,
         not_by=SEPARATED),
    Step("cancel", ("draft", "submitted"), "cancelled", who=("requester", "approver", "admin"),
         event=Travel.ORDER_CANCELLED, denied="Anda tidak berwenang membatalkan perjalanan dinas ini."),
    Step("cancel", ("approved", "issued"), "cancelled", who=("approver", "admin"),
         event=Travel.ORDER_CANCELLED, denied="Anda tidak berwenang membatalkan perjalanan dinas ini."),
    Step("record_leg", ("issued",), None, who=("traveller",),
         denied="Hanya pelaksana yang dapat mengisi SPPD lembar II miliknya."),
    Step("report", ("issued",), None, who=PARTICIPANTS,
         denied="Hanya pengaju atau pelaksana yang dapat mengunggah laporan."),
    Step("complete", ("issued",), "completed", who=PARTICIPANTS, event=Travel.ORDER_COMPLETED, requires=("report",),
         denied="Hanya pengaju atau pelaksana yang dapat menyelesaikan perjalanan dinas ini."),
    Step("realize", ("completed",), "realized", who=PARTICIPANTS, event=Travel.ORDER_REALIZED,
         denied="Hanya pengaju atau pelaksana yang dapat mencatat realisasi."),
], labels=STATUS_LABELS)

#: How a 409 words each action: "Perjalanan dinas berstatus <status> tidak dapat <verb>."
VERBS = {
    "edit": "diubah", "submit": "diajukan", "approve": "disetujui", "reject": "ditolak", "issue": "diterbitkan",
    "cancel": "dibatalkan", "record_leg": "diisi lembar II-nya", "report": "diberi laporan",
    "complete": "diselesaikan", "realize": "direalisasikan",
}


def guards(report_filed: Callable[[], bool]) -> dict[str, Guard]:
    """The guards ``ORDER`` names; ``report_filed`` is asked only when a step needs it."""
    return {"report": lambda: None if report_filed() else REPORT_MISSING}
