"""A disposal proposal's workflow as one table (``situok_kit.workflow``). No database here, so the contract
(``schemas.disposal``) can name the actions.

::

    draft ──submit (keeper)──▶ proposed ──approve (Kepala Biro, not the proposer)──▶ approved
                                   └──reject (Kepala Biro, with a reason)──▶ rejected
    approved ──decide (keeper: SK number and date)──▶ decided ──complete (keeper: berita acara)──▶ done
    draft/proposed/approved ──cancel (keeper, with a reason)──▶ cancelled;   edit: draft (keeper)
"""
from __future__ import annotations

from situok_contracts.events import Assets
from situok_kit.workflow import CREATOR, Step, Workflow

KEEPER, LEADER, READER = "keeper", "leader", "reader"
STATUS_LABELS = {"draft": "konsep", "proposed": "diusulkan", "approved": "disetujui", "rejected": "ditolak",
                 "decided": "ditetapkan (SK)", "done": "selesai", "cancelled": "dibatalkan"}
KEEPERS_ONLY = "Hanya pengurus barang atau admin yang dapat melakukannya."
LEADER_ONLY = "Hanya Kepala Biro (kuasa pengguna barang) yang dapat menyetujui atau menolak usulan penghapusan."

PROPOSAL = Workflow("usulan penghapusan", [
    Step("edit", ("draft",), None, who=(KEEPER,), denied=KEEPERS_ONLY),
    Step("submit", ("draft",), "proposed", who=(KEEPER,), event=Assets.DISPOSAL_PROPOSED, requires=("items",),
         denied=KEEPERS_ONLY),
    Step("approve", ("proposed",), "approved", who=(LEADER,), not_by=(CREATOR,), denied=LEADER_ONLY),
    Step("reject", ("proposed",), "rejected", who=(LEADER,), not_by=(CREATOR,), denied=LEADER_ONLY),
    Step("decide", ("approved",), "decided", who=(KEEPER,), denied=KEEPERS_ONLY),
    Step("complete", ("decided",), "done", who=(KEEPER,), event=Assets.DISPOSAL_DECIDED, denied=KEEPERS_ONLY),
    Step("cancel", ("draft", "proposed", "approved"), "cancelled", who=(KEEPER,), denied=KEEPERS_ONLY),
], labels=STATUS_LABELS)

VERBS = {"edit": "diubah", "submit": "diajukan", "approve": "disetujui", "reject": "ditolak",
         "decide": "dicatat SK-nya", "complete": "diselesaikan", "cancel": "dibatalkan"}
