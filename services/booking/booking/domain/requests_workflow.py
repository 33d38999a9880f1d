"""A booking's workflow as one table (``situok_kit.workflow``). No database here, so the contract
(``schemas.requests``) can name the actions.

::

    pending ──approve (approver, not the requester; the database refuses an overlap)──▶ approved
       └──reject (approver, with a note)──▶ rejected
    pending/approved ──cancel (requester or approver, with a reason)──▶ cancelled
    pending/approved ──reschedule (requester or approver)──▶ the same state; an approved booking the requester
       moves goes back to pending (its approver decides the new time), one its approver moves stays approved
       (the exclusion constraint checks the new time)
    approved ──assign_driver (approver, keeper)
"""
from __future__ import annotations

from situok_contracts.events import Booking as BookingEvents
from situok_kit.workflow import CREATOR, Step, Workflow

REQUESTER, APPROVER, KEEPER = "requester", "approver", "keeper"
STATUS_LABELS = {"pending": "menunggu persetujuan", "approved": "disetujui", "rejected": "ditolak",
                 "cancelled": "dibatalkan"}
APPROVERS_ONLY = "Hanya pengelola sumber daya ini (atau peran penyetujunya) yang dapat memutuskan peminjaman."
OWNER_OR_APPROVER = "Hanya pemohon atau pengelola sumber daya yang dapat melakukannya."

BOOKING = Workflow("peminjaman", [
    Step("approve", ("pending",), "approved", who=(APPROVER,), not_by=(CREATOR,), event=BookingEvents.APPROVED,
         denied=APPROVERS_ONLY),
    Step("reject", ("pending",), "rejected", who=(APPROVER,), not_by=(CREATOR,), event=BookingEvents.REJECTED,
         denied=APPROVERS_ONLY),
    Step("reschedule", ("pending", "approved"), None, who=(REQUESTER, APPROVER), event=BookingEvents.RESCHEDULED,
         denied=OWNER_OR_APPROVER),
    Step("cancel", ("pending", "approved"), "cancelled", who=(REQUESTER, APPROVER),
         event=BookingEvents.CANCELLED, denied=OWNER_OR_APPROVER),
    Step("assign_driver", ("approved",), None, who=(APPROVER, KEEPER), event=BookingEvents.DRIVER_ASSIGNED,
         requires=("vehicle",), denied=APPROVERS_ONLY),
], labels=STATUS_LABELS)

VERBS = {"approve": "disetujui", "reject": "ditolak", "reschedule": "diubah jadwalnya", "cancel": "dibatalkan",
         "assign_driver": "diberi pengemudi"}
