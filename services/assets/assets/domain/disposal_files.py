"""Disposal files (``documents.disposal``): the proposal's list and the berita acara (PDF), the report of
disposed items (XLSX/PDF) — from the same answers the screen shows."""
from __future__ import annotations

from situok_kit.clock import wita_day
from sqlalchemy.orm import Session

from ..documents import disposal as documents
from . import disposal
from . import settings as settings_area
from .access import Caller
from .stocktaking_people import KEPALA_BIRO, PENGURUS, kepala_biro, pengurus_barang, signer

PDF = "application/pdf"


def document(session: Session, caller: Caller, proposal_id: int, kind: str) -> dict:
    proposal = disposal.load(session, caller, proposal_id)
    data = disposal.detail(session, caller, proposal)
    letter = documents.DisposalLetter(proposal=data, bureau=settings_area.current(session).bureau_name,
                                      pengurus=signer(pengurus_barang(session), PENGURUS),
                                      kepala=signer(kepala_biro(session), KEPALA_BIRO))
    if kind == "proposal":
        return {"filename": f"usulan-penghapusan-{proposal.id}.pdf", "content_type": PDF,
                "content": documents.proposal_pdf(letter)}
    number = (proposal.ba_number or f"draf-{proposal.id}").replace("/", "-")
    return {"filename": f"BA-penghapusan-{number}.pdf", "content_type": PDF,
            "content": documents.berita_acara_pdf(letter)}


def report_file(session: Session, caller: Caller, year: int, method: str | None, fmt: str) -> dict:
    data = disposal.report(session, caller, year, method)
    bureau = settings_area.current(session).bureau_name
    stem = f"penghapusan-{year}" + (f"-{method}" if method else "")
    if fmt == "pdf":
        return {"filename": f"{stem}.pdf", "content_type": PDF,
                "content": documents.report_pdf(data, bureau, signer(pengurus_barang(session), PENGURUS),
                                                   wita_day())}
    return {"filename": f"{stem}.xlsx", "content_type": documents.XLSX, "content": documents.report_xlsx(data, bureau)}


