"""The SPJ's own printout (small purchases): kop, title and number, the budget line charged, every purchase
with its items, the taxes, the totals with the net payable spelled out (terbilang), and the signature blocks
of the PPTK, the Bendahara Pengeluaran and the PPK. Built from plain data (``SpjPrint``) with the kit's letter
parts, so it is the same look as travel's letters; a draft/cancelled SPJ carries the watermark.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Spacer, Table, TableStyle
from situok_kit.letters.data import STATUS_CANCELLED, STATUS_DRAFT, STATUS_ISSUED, Kop, Signer
from situok_kit.letters.formatting import format_date_id, format_number, format_rupiah, terbilang_rupiah
from situok_kit.letters.kop import KopFlowable
from situok_kit.letters.layout import build_pdf, esc, fields, para, shown_number, signature_grid
from situok_kit.letters.styles import (
    BODY,
    CELL,
    CELL_BOLD,
    CELL_CENTER_BOLD,
    CELL_RIGHT,
    CELL_RIGHT_BOLD,
    CONTENT_WIDTH,
    LEFT,
    SMALL_ITALIC,
    TITLE,
)

TITLE_TEXT = "SURAT PERTANGGUNGJAWABAN (SPJ) BELANJA"


@dataclass(frozen=True)
class PrintItem:
    description: str
    quantity: str
    unit: str
    unit_price: int
    amount: int
    category: str
    taxes: str


@dataclass(frozen=True)
class PrintPurchase:
    vendor: str
    npwp: str
    day: object
    receipt: str
    evidence: str
    total: int
    meterai: bool
    items: tuple[PrintItem, ...]


@dataclass(frozen=True)
class PrintTax:
    label: str
    base: int
    rate: str
    amount: int
    ntpn: str


@dataclass(frozen=True)
class SpjPrint:
    number: str | None
    status: str
    title: str
    fiscal_year: int
    sub_activity_code: str
    account_code: str
    account_name: str
    purchases: tuple[PrintPurchase, ...]
    taxes: tuple[PrintTax, ...]
    gross: int
    tax_withheld: int
    net_payable: int
    place_date: str
    pptk: Signer
    bendahara: Signer
    ppk: Signer
    #: Above the approval amount the PA/KPA approves what the PPK-SKPD endorsed: "Setuju dibayar".
    pa_kpa: Signer | None = None
    kop: Kop = field(default_factory=Kop)


def _letter_status(status: str) -> str:
    if status == "cancelled":
        return STATUS_CANCELLED
    return STATUS_DRAFT if status in ("draft", "submitted", "rejected") else STATUS_ISSUED


def _grid(rows, widths, header_rows=1, total_rows=0) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=header_rows, hAlign="LEFT")
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.Color(0.92, 0.92, 0.92)),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    if total_rows:
        style.append(("BACKGROUND", (0, -total_rows), (-1, -1), colors.Color(0.96, 0.96, 0.96)))
    table.setStyle(TableStyle(style))
    return table


def _purchases_table(data: SpjPrint) -> Table:
    widths = [0.8 * cm, 5.0 * cm, 2.2 * cm, 2.4 * cm, 2.6 * cm, CONTENT_WIDTH - 13.0 * cm]
    rows = [[para(h, CELL_CENTER_BOLD) for h in ("No", "Uraian", "Volume", "Harga satuan", "Jumlah", "Pajak")]]
    for n, purchase in enumerate(data.purchases, start=1):
        head = (f"<b>{esc(purchase.vendor)}</b> (NPWP {esc(purchase.npwp)}) — "
                f"{esc(format_date_id(purchase.day))}, bukti {esc(purchase.receipt)}: {esc(purchase.evidence)}"
                + (" — <i>bermeterai Rp10.000</i>" if purchase.meterai else ""))
        rows.append([para(str(n), CELL_CENTER_BOLD), para(head, CELL, markup=True), "", "", "", ""])
        for item in purchase.items:
            rows.append(["", para(f"{esc(item.description)} ({esc(item.category)})", CELL, markup=True),
                         para(f"{item.quantity} {item.unit}", CELL_RIGHT),
                         para(format_rupiah(item.unit_price), CELL_RIGHT), para(format_rupiah(item.amount), CELL_RIGHT),
                         para(item.taxes, CELL)])
        rows.append(["", para("Jumlah pembelian", CELL_BOLD), "", "", para(format_rupiah(purchase.total),
                                                                           CELL_RIGHT_BOLD), ""])
    table = _grid(rows, widths)
    spans = []
    row = 1
    for purchase in data.purchases:
        spans.append(("SPAN", (1, row), (5, row)))
        row += len(purchase.items) + 1
        spans.append(("SPAN", (1, row), (3, row)))
        row += 1
    table.setStyle(TableStyle(spans))
    return table


def _taxes_table(data: SpjPrint) -> Table:
    widths = [4.2 * cm, 3.4 * cm, 1.8 * cm, 3.2 * cm, CONTENT_WIDTH - 12.6 * cm]
    rows = [[para(h, CELL_CENTER_BOLD) for h in ("Jenis pajak", "Dasar pengenaan", "Tarif", "Jumlah", "NTPN")]]
    for tax in data.taxes:
        rows.append([para(tax.label, CELL), para(format_rupiah(tax.base), CELL_RIGHT), para(tax.rate, CELL_RIGHT),
                     para(format_rupiah(tax.amount), CELL_RIGHT), para(tax.ntpn, CELL)])
    return _grid(rows, widths)


def _totals(data: SpjPrint) -> Table:
    rows = [(label, format_rupiah(value)) for label, value in (
        ("Jumlah bruto", data.gross), ("Pajak dipungut/dipotong", data.tax_withheld),
        ("Jumlah bersih dibayarkan", data.net_payable))]
    table = Table([[para(a, CELL_BOLD), para(b, CELL_RIGHT_BOLD)] for a, b in rows],
                  colWidths=[6 * cm, 4 * cm], hAlign="RIGHT")
    table.setStyle(TableStyle([("LINEABOVE", (0, 2), (-1, 2), 0.8, colors.black)]))
    return table


def build(data: SpjPrint) -> bytes:
    words = terbilang_rupiah(data.net_payable)
    story = [
        KopFlowable(data.kop),
        para(TITLE_TEXT, TITLE),
        para(f"Nomor: {shown_number(data.number)}", LEFT.clone("number", alignment=1)),
        Spacer(1, 0.4 * cm),
        fields([("Uraian", data.title), ("Tahun anggaran", str(data.fiscal_year)),
                ("Sub kegiatan", data.sub_activity_code),
                ("Kode rekening", f"{data.account_code} — {data.account_name}")], BODY, 3.6 * cm),
        Spacer(1, 0.3 * cm),
        _purchases_table(data),
        Spacer(1, 0.3 * cm),
    ]
    if data.taxes:
        story += [para("Pajak yang dipungut/dipotong dan disetor", CELL_BOLD), Spacer(1, 0.1 * cm),
                  _taxes_table(data), Spacer(1, 0.3 * cm)]
    story += [
        _totals(data),
        Spacer(1, 0.2 * cm),
        para(f"Terbilang: <i>{esc(words[0].upper() + words[1:])}</i>", BODY, markup=True),
        Spacer(1, 0.6 * cm),
        signature_grid([
            (["Mengetahui,"], data.ppk, None),
            (["&nbsp;"], data.bendahara, None),
            ([esc(data.place_date)], data.pptk, None),
        ]),
        Spacer(1, 0.3 * cm),
    ]
    if data.pa_kpa is not None:
        third = CONTENT_WIDTH / 3
        story += [Table([["", signature_grid([(["Setuju dibayar,"], data.pa_kpa, None)], width=third), ""]],
                        colWidths=[third] * 3, hAlign="LEFT"), Spacer(1, 0.3 * cm)]
    story += [para(f"Jumlah {format_number(len(data.purchases))} pembelian; dicetak dari SITU OK.", SMALL_ITALIC)]
    return build_pdf(story, title=f"SPJ {data.number or 'konsep'}", status=_letter_status(data.status),
                     subject=data.title)
