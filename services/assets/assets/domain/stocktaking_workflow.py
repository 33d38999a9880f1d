"""The stock-taking workflows as tables (``situok_kit.workflow``): the campaign's and each of its rooms'. No
database here, so the contract (``schemas.stocktaking``) can name the actions.

::

    open ──close (keeper; every room done, or forced)──▶ closed ──apply (keeper, once)──▶ applied
    open/closed ──cancel (keeper)──▶ cancelled;   check: open (the room's checker or a keeper)
    room: checking ──finish──▶ done ──reopen──▶ checking   (while the campaign is open)
"""
from __future__ import annotations

from situok_contracts.events import Assets
from situok_kit.workflow import Step, Workflow

KEEPER, CHECKER, READER = "keeper", "checker", "reader"
CAMPAIGN_LABELS = {"open": "berjalan", "closed": "ditutup", "applied": "diterapkan", "cancelled": "dibatalkan"}
KEEPERS_ONLY = "Hanya pengurus barang atau admin yang dapat melakukannya."
ROOM_PEOPLE = "Hanya petugas ruangan ini atau pengurus barang."

CAMPAIGN = Workflow("inventarisasi", [
    Step("check", ("open",), None, who=(KEEPER, CHECKER), denied="Hanya petugas ruangan atau pengurus barang."),
    Step("close", ("open",), "closed", who=(KEEPER,), denied=KEEPERS_ONLY),
    Step("apply", ("closed",), "applied", who=(KEEPER,), event=Assets.CAMPAIGN_APPLIED, denied=KEEPERS_ONLY),
    Step("cancel", ("open", "closed"), "cancelled", who=(KEEPER,), denied=KEEPERS_ONLY),
], labels=CAMPAIGN_LABELS)

ROOM = Workflow("ruangan inventarisasi", [
    Step("check", ("checking",), None, who=(KEEPER, CHECKER), denied=ROOM_PEOPLE),
    Step("finish", ("checking",), "done", who=(KEEPER, CHECKER), denied=ROOM_PEOPLE),
    Step("reopen", ("done",), "checking", who=(KEEPER, CHECKER), denied=ROOM_PEOPLE),
], labels={"checking": "sedang diperiksa", "done": "selesai"})
