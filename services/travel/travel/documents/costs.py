"""Money letters: the rincian biaya perjalanan dinas and the kuitansi."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Spacer, Table, TableStyle
from situok_kit.letters.formatting import format_date_id, format_rupiah, terbilang_rupiah
from situok_kit.letters.kop import KopFlowable
from situok_kit.letters.layout import (
    PLAIN,
    build_pdf,
    esc,
    fields,
    para,
    shown_number,
    signature,
    signature_grid,
    with_qr,
)
from situok_kit.letters.styles import (
    BODY,
    CELL,
    CELL_BOLD,
    CELL_CENTER,
    CELL_CENTER_BOLD,
    CELL_RIGHT,
    CELL_RIGHT_BOLD,
    CONTENT_WIDTH,
    FONT_BOLD,
    FONT_ITALIC,
    LEFT,
    SIGNATURE_SPACE,
    SMALL_ITALIC,
    TITLE,
    TITLE_BIG,
)

from travel.documents.data import CostBreakdownData, CostLine, ReceiptData, Signer

RINCIAN_TITLE = "RINCIAN BIAYA PERJALANAN DINAS"
KUITANSI_TITLE = "KUITANSI"

_WORDS = ParagraphStyle("words", parent=BODY, fontName=FONT_ITALIC)
_AMOUNT = ParagraphStyle("amount", parent=BODY, fontName=FONT_BOLD, fontSize=14, leading=17)


def spelled(amount: int) -> str:
    """"Satu juta dua ratus lima puluh ribu rupiah" (capitalised, as printed after "Terbilang")."""
    words = terbilang_rupiah(amount)
    return words[0].upper() + words[1:]


def _detail(line: CostLine) -> str:
    text = esc(line.label)
    if line.quantity is not None and line.unit_amount is not None:
        text += f"<br/>{line.quantity} {esc(line.unit)} x {format_rupiah(line.unit_amount)}"
    return text


def _cost_table(data: CostBreakdownData) -> Table:
    widths = [1.0 * cm, 8.3 * cm, 3.4 * cm, CONTENT_WIDTH - 12.7 * cm]
    rows: list[list] = [[para(h, CELL_CENTER_BOLD) for h in ("No", "Perincian Biaya", "Jumlah", "Keterangan")]]
    for i, line in enumerate(data.lines, 1):
        rows.append([para(f"{i}.", CELL_CENTER), para(_detail(line), CELL, markup=True),
                     para(format_rupiah(line.amount), CELL_RIGHT), para(line.note, CELL)])
    rows.append([para("JUMLAH", CELL_RIGHT_BOLD), "", para(format_rupiah(data.total), CELL_RIGHT_BOLD), ""])
    rows.append([para(f"Terbilang: <i>{esc(spelled(data.total))}</i>", CELL, markup=True), "", "", ""])
    n = len(rows)
    return Table(rows, colWidths=widths, hAlign="LEFT", repeatRows=1, style=TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
        ("SPAN", (0, n - 2), (1, n - 2)),
        ("SPAN", (0, n - 1), (-1, n - 1)),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))


def _recipient(person, position: str) -> Signer:
    return Signer(position=position, name=person.name, nip=person.nip)


def rincian_story(data: CostBreakdownData) -> list:
    out: list = [KopFlowable(data.kop), para(f"<u>{RINCIAN_TITLE}</u>", TITLE, markup=True), Spacer(1, 12)]
    out.append(fields([("Nomor", shown_number(data.number)), ("Lampiran SPPD Nomor", shown_number(data.sppd_number)),
                       ("Tanggal", format_date_id(data.sppd_date)), ("Nama", data.traveller.name)],
                      LEFT, 4.2 * cm))
    out += [Spacer(1, 8), _cost_table(data), Spacer(1, 14)]
    total = format_rupiah(data.total)
    half = CONTENT_WIDTH / 2
    out.append(signature_grid([
        (["", "Telah dibayar sejumlah", f"<b>{total}</b>"], data.treasurer, None),
        ([f"{esc(data.issued_place)}, {format_date_id(data.issued_on)}", "Telah menerima jumlah uang sebesar",
          f"<b>{total}</b>"], _recipient(data.traveller, "Yang menerima,"), None),
    ], style=CELL))
    out.append(Spacer(1, 12))
    closing: list = []
    if data.advance_paid is not None:
        rest = data.total - data.advance_paid
        closing += [para("<b>PERHITUNGAN SPPD RAMPUNG</b>", CELL, markup=True),
                    fields([("Ditetapkan sejumlah", format_rupiah(data.total)),
                            ("Yang telah dibayar semula", format_rupiah(data.advance_paid)),
                            ("Sisa kurang/lebih", f"{format_rupiah(abs(rest))} "
                                                  f"({'kurang' if rest > 0 else 'lebih' if rest < 0 else 'nihil'})")],
                           CELL, 4.2 * cm, half), Spacer(1, 8)]
    if data.approver is not None:
        closing += signature(data.approver, ["Mengetahui/Menyetujui,"], style=CELL)
    out.append(with_qr(data.verify_url, closing))
    return out


def _meterai_box(value: int) -> Table:
    box = Table([[para(f"Meterai<br/>{format_rupiah(value)}", CELL_CENTER, markup=True)]],
                colWidths=[2.4 * cm], rowHeights=[SIGNATURE_SPACE - 6], hAlign="LEFT")
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, colors.grey, 1, (2, 2)),
                             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                             ("TEXTCOLOR", (0, 0), (-1, -1), colors.grey)]))
    return Table([[box]], style=PLAIN, hAlign="LEFT")


def kuitansi_story(data: ReceiptData) -> list:
    head_rows = [("Nomor", shown_number(data.number))]
    if data.fiscal_year:
        head_rows.append(("Tahun Anggaran", str(data.fiscal_year)))
    if data.budget_account:
        head_rows.append(("Kode Rekening", data.budget_account))
    head = fields(head_rows, CELL, 2.8 * cm, 7.6 * cm)
    head.hAlign = "RIGHT"
    out: list = [KopFlowable(data.kop), head, Spacer(1, 6), para(f"<u>{KUITANSI_TITLE}</u>", TITLE_BIG, markup=True),
                 Spacer(1, 14)]
    words = Table([[para(f"# {esc(spelled(data.amount))} #", _WORDS, markup=True)]], hAlign="LEFT",
                  style=TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.Color(0.92, 0.92, 0.92)),
                                    ("BOX", (0, 0), (-1, -1), 0.5, colors.black)]))
    rows = [("Sudah terima dari", data.payer), ("Uang sebanyak", words), ("Untuk pembayaran", data.purpose)]
    if data.activity:
        rows.append(("Sub Kegiatan", data.activity))
    body = fields(rows, BODY, 3.8 * cm)
    body.setStyle([("BOTTOMPADDING", (0, 0), (-1, -1), 8)])
    out += [body, Spacer(1, 10)]
    amount = Table([[para(format_rupiah(data.amount), _AMOUNT)]], colWidths=[5.2 * cm], hAlign="LEFT",
                   style=TableStyle([("BOX", (0, 0), (-1, -1), 1.4, colors.black),
                                     ("INNERGRID", (0, 0), (-1, -1), 0, colors.white),
                                     ("BACKGROUND", (0, 0), (-1, -1), colors.Color(0.92, 0.92, 0.92)),
                                     ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                                     ("LEFTPADDING", (0, 0), (-1, -1), 8)]))
    out += [Table([[[para("Jumlah", CELL_BOLD), amount], ""]], colWidths=[CONTENT_WIDTH / 3, 2 * CONTENT_WIDTH / 3],
                  style=PLAIN, hAlign="LEFT"), Spacer(1, 14)]
    stamp = _meterai_box(data.meterai_value) if data.needs_meterai else None
    # Top row: the PA/KPA agrees to pay, the PPTK knows of it; bottom row: the bendahara paid, the payee received.
    top = [(["Setuju dibayar,"], data.approver, None)]
    if data.acknowledger is not None:
        top.append((["Mengetahui,"], data.acknowledger, None))
    bottom = [(["Lunas dibayar,"], data.treasurer, None),
              ([f"{esc(data.issued_place)}, {format_date_id(data.issued_on)}"],
               _recipient(data.recipient, "Yang menerima,"), stamp)]
    half = CONTENT_WIDTH / 2
    out += [signature_grid(top, width=half * len(top), style=CELL), Spacer(1, 10),
            signature_grid(bottom, style=CELL), Spacer(1, 12)]
    note = []
    if data.needs_meterai:
        note.append(para(f"Catatan: jumlah di atas {format_rupiah(data.meterai_threshold)}; kuitansi ini "
                         f"wajib dibubuhi meterai {format_rupiah(data.meterai_value)} oleh yang menerima.",
                         SMALL_ITALIC))
    out.append(with_qr(data.verify_url, note, right_width=CONTENT_WIDTH * 0.7))
    return out


def render_rincian(data: CostBreakdownData) -> bytes:
    return build_pdf(rincian_story(data), title=f"{RINCIAN_TITLE} {data.sppd_number}", status=data.status)


def render_kuitansi(data: ReceiptData) -> bytes:
    return build_pdf(kuitansi_story(data), title=f"{KUITANSI_TITLE} {data.number}", status=data.status)
