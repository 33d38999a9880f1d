"""Printable travel letters (SPT, SPPD sheets I and II, rincian biaya, kuitansi) as PDF bytes.

``render(kind, data)`` is the one entry point; ``data`` is the matching record from
``travel.documents.data``. Rendering needs no database, network or font files.
"""
from __future__ import annotations

import re

from situok_kit.letters.formatting import format_date_id, format_rupiah, terbilang, terbilang_rupiah

from travel.documents.data import (
    STATUS_CANCELLED,
    STATUS_DRAFT,
    STATUS_ISSUED,
    STATUSES,
    CostBreakdownData,
    CostLine,
    Follower,
    Kop,
    Leg,
    Letter,
    Person,
    ReceiptData,
    Signer,
    SppdData,
    SptData,
)

__all__ = [
    "KINDS", "STATUSES", "STATUS_CANCELLED", "STATUS_DRAFT", "STATUS_ISSUED", "CostBreakdownData", "CostLine",
    "Follower", "Kop", "Leg", "Letter", "Person", "ReceiptData", "Signer", "SppdData", "SptData", "filename",
    "format_date_id", "format_rupiah", "render", "terbilang", "terbilang_rupiah",
]

# kind -> (record type, file-name prefix)
KINDS: dict[str, tuple[type, str]] = {
    "spt": (SptData, "SPT"),
    "sppd1": (SppdData, "SPPD-lembar-I"),
    "sppd2": (SppdData, "SPPD-lembar-II"),
    "rincian": (CostBreakdownData, "Rincian-Biaya"),
    "kuitansi": (ReceiptData, "Kuitansi"),
}


def _check(kind: str, data: object) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown letter kind {kind!r}; expected one of {', '.join(KINDS)}")
    expected = KINDS[kind][0]
    if not isinstance(data, expected):
        raise TypeError(f"{kind} needs a {expected.__name__}, got {type(data).__name__}")
    if data.status not in STATUSES:
        raise ValueError(f"unknown status {data.status!r}; expected one of {', '.join(STATUSES)}")


def render(kind: str, data: Letter) -> bytes:
    """The letter as PDF bytes (A4). ``kind``: spt, sppd1, sppd2, rincian or kuitansi."""
    _check(kind, data)
    # Imported here so that importing the data classes stays cheap for the service's models.
    if kind == "spt":
        from travel.documents.spt import render as render_spt

        return render_spt(data)
    if kind in ("sppd1", "sppd2"):
        from travel.documents.sppd import render_sheet_one, render_sheet_two

        return (render_sheet_one if kind == "sppd1" else render_sheet_two)(data)
    from travel.documents.costs import render_kuitansi, render_rincian

    return (render_rincian if kind == "rincian" else render_kuitansi)(data)


def filename(kind: str, number: str) -> str:
    """A safe download name for a letter.

    ("sppd1", "000.1.2.3/16/Biro Umum/2026") -> "SPPD-lembar-I_000.1.2.3-16-Biro-Umum-2026.pdf"
    """
    if kind not in KINDS:
        raise ValueError(f"unknown letter kind {kind!r}; expected one of {', '.join(KINDS)}")
    safe = re.sub(r"[^0-9A-Za-z.]+", "-", number).strip("-.") or "tanpa-nomor"
    return f"{KINDS[kind][1]}_{safe}.pdf"
