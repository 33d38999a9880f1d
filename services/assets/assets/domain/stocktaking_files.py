"""The stock-taking berita acara as a file (``documents.census``), from the campaign's result."""
from __future__ import annotations

from situok_kit.letters.data import Signer
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..documents import census
from ..models import Room, RosterEmployee, StocktakingRoom
from . import settings as settings_area
from . import stocktaking
from .access import Caller
from .stocktaking_people import KEPALA_BIRO, PENGURUS, kepala_biro, pengurus_barang, signer


def berita_acara(session: Session, caller: Caller, campaign_id: int) -> dict:
    """``CampaignDocumentOut``: the berita acara (a draft while the campaign is open)."""
    result = stocktaking.result(session, caller, campaign_id)
    campaign = result["campaign"]
    rooms = session.execute(select(Room.code, Room.name).join(StocktakingRoom, StocktakingRoom.room_id == Room.id)
                            .where(StocktakingRoom.campaign_id == campaign_id).order_by(Room.code)).all()
    team = []
    for member in result["team"]:
        employee = session.get(RosterEmployee, member["employee_id"])
        team.append(signer(employee, "Anggota Tim"))
    if not team:
        team = [Signer(position="Anggota Tim", name=campaign["created_by"])]
    letter = census.CensusLetter(
        name=campaign["name"], kind=campaign["kind"], status=census.letter_status(campaign["status"]),
        number=campaign["ba_number"], day=campaign["ba_date"], start_date=campaign["start_date"],
        bureau=settings_area.current(session).bureau_name, rooms=[f"{c} {n}" for c, n in rooms], result=result,
        team=team, pengurus=signer(pengurus_barang(session), PENGURUS),
        kepala=signer(kepala_biro(session), KEPALA_BIRO))
    number = (campaign["ba_number"] or f"draf-{campaign_id}").replace("/", "-")
    return {"filename": f"BA-inventarisasi-{number}.pdf", "content_type": "application/pdf",
            "content": census.render(letter)}
