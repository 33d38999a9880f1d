"""Each KIB (A–F) as a file: the register's active items of the KIB, filtered by room, condition and acquisition
years, *streamed* — the columns are selected (no ORM objects), read ``FETCH`` rows at a time (a keyset walk),
and handed to the renderer one by one (``documents.kib``), so a KIB B of 10,000 items stays small in memory.

Signed "Mengetahui, Kepala Biro … selaku Kuasa Pengguna Barang" and by the pengurus barang, under
"Denpasar, <date>".
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from situok_kit.errors import NotFound
from situok_kit.letters.formatting import format_date_id
from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from ..documents import kib as kib_document
from ..models import Asset, Room
from . import settings
from . import signers as signing

FETCH = 2000


def _query(kib: str, filters: dict):
    query = (select(Asset.id, Asset.code, Asset.register_number, Asset.name, Asset.acquisition_year,
                    Asset.acquisition_value, Asset.source, Asset.condition, Asset.notes, Asset.details)
             .where(Asset.status == "active", Asset.kib == kib)
             .order_by(Asset.code, Asset.register_number))
    if filters.get("room_id"):
        query = query.where(Asset.room_id == filters["room_id"])
    if filters.get("condition"):
        query = query.where(Asset.condition == filters["condition"])
    if filters.get("year_from"):
        query = query.where(Asset.acquisition_year >= filters["year_from"])
    if filters.get("year_to"):
        query = query.where(Asset.acquisition_year <= filters["year_to"])
    return query


def batches(session: Session, query, fetch: int = FETCH) -> Iterator:
    """The rows of ``query`` (ordered by code and register number, both selected) ``fetch`` at a time, each batch
    after the last one's (code, register number): the read session is an autocommit one, where a server-side
    cursor (``yield_per``) cannot live, and a keyset walk holds no more than a batch either."""
    last = None
    while True:
        page = query if last is None else query.where(tuple_(Asset.code, Asset.register_number) > last)
        found = session.execute(page.limit(fetch)).all()
        yield from found
        if len(found) < fetch:
            return
        last = (found[-1].code, found[-1].register_number)


def rows(session: Session, kib: str, filters: dict) -> Iterator[dict]:
    """The KIB's rows as dicts, ``FETCH`` at a time."""
    for row in batches(session, _query(kib, filters)):
        yield row._asdict()


def filters_line(session: Session, filters: dict) -> str | None:
    parts = []
    if filters.get("room_id"):
        room = session.get(Room, filters["room_id"])
        if room is None:
            raise NotFound("Ruangan tidak ditemukan.")
        parts.append(f"ruangan {room.code} {room.name}")
    if filters.get("condition"):
        parts.append(f"kondisi {kib_document.CONDITION_LABELS[filters['condition']]}")
    if filters.get("year_from") or filters.get("year_to"):
        parts.append(f"tahun {filters.get('year_from') or '…'}–{filters.get('year_to') or '…'}")
    return ", ".join(parts) or None


def document(session: Session, kib: str, fmt: str, filters: dict, on: date) -> dict:
    """``AssetsDocumentOut``: the KIB as ``fmt`` (``pdf`` or ``xlsx``)."""
    line = filters_line(session, filters)
    bureau = settings.current(session)
    signers = [(["Mengetahui,"], signing.signer(signing.bureau_head(session),
                                                       signing.KUASA_PENGGUNA)),
               ([f"{kib_document.PLACE}, {format_date_id(on)}"],
                signing.signer(signing.pengurus_barang(session), signing.PENGURUS_BARANG))]
    sheet = kib_document.kib_sheet(kib, rows(session, kib, filters), bureau_name=bureau.bureau_name,
                                   unit_code=bureau.unit_code, filters_line=line, signers=signers,
                                   slug=f"kib-{kib.lower()}-{on.isoformat()}")
    return kib_document.render(sheet, fmt)
