"""An agenda event's workflow as one table (``situok_kit.workflow``). No database here, so the contract
(``schemas``) can name the actions.

::

    tentative ──confirm──▶ confirmed ──mark_done (once it has started)──▶ done
    tentative/confirmed ──postpone (a reason)──▶ postponed ──reschedule (a new time)──▶ tentative
    tentative/confirmed/postponed ──cancel (a reason)──▶ cancelled
    tentative/confirmed/postponed ──edit (time, place, leaders, guests, run-down, staff)

Every step is protocol staff's; ``done`` needs the event to have started (a guard).
"""
from __future__ import annotations

from situok_contracts.events import Agenda as AgendaEvents
from situok_kit.workflow import Step, Workflow

PROTOCOL = "protocol"
STATUS_LABELS = {"tentative": "sementara", "confirmed": "pasti", "postponed": "ditunda", "cancelled": "dibatalkan",
                 "done": "selesai"}
ONLY_PROTOCOL = "Hanya staf protokol yang dapat mengubah agenda pimpinan."
OPEN = ("tentative", "confirmed", "postponed")

EVENT = Workflow("agenda pimpinan", [
    Step("edit", OPEN, None, who=(PROTOCOL,), event=AgendaEvents.EVENT_UPDATED, denied=ONLY_PROTOCOL),
    Step("confirm", ("tentative",), "confirmed", who=(PROTOCOL,), event=AgendaEvents.EVENT_CONFIRMED,
         denied=ONLY_PROTOCOL),
    Step("postpone", ("tentative", "confirmed"), "postponed", who=(PROTOCOL,), event=AgendaEvents.EVENT_POSTPONED,
         denied=ONLY_PROTOCOL),
    Step("reschedule", ("postponed",), "tentative", who=(PROTOCOL,), event=AgendaEvents.EVENT_UPDATED,
         denied=ONLY_PROTOCOL),
    Step("cancel", OPEN, "cancelled", who=(PROTOCOL,), event=AgendaEvents.EVENT_CANCELLED, denied=ONLY_PROTOCOL),
    Step("mark_done", ("confirmed",), "done", who=(PROTOCOL,), event=AgendaEvents.EVENT_DONE,
         requires=("started",), denied=ONLY_PROTOCOL),
], labels=STATUS_LABELS)
