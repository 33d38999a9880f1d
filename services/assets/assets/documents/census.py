"""The stock-taking berita acara (PDF, A4): "BERITA ACARA HASIL INVENTARISASI BARANG MILIK DAERAH" — the kop
surat, the number and date taken when the campaign was closed, the team, the lists of the result (found with
condition changed, not found, found elsewhere, findings) with the counts, and the signatures: the team and the
pengurus barang, "Mengetahui" the Kepala Biro.

Built from ``CampaignResultOut``'s data (the same figures as the screen); user text is escaped. A campaign not
yet closed prints with the DRAF watermark and a line for the number; a cancelled one DIBATALKAN.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from situok_kit.letters.data import STATUS_CANCELLED, STATUS_DRAFT, STATUS_ISSUED, Kop, Signer
from situok_kit.letters.formatting import format_date_id, format_day_date_id
from situok_kit.letters.kop import KopFlowable
from situok_kit.letters.layout import build_pdf, esc, shown_number, signature, signature_grid
from situok_kit.letters.styles import BODY, CELL, CELL_BOLD, CONTENT_WIDTH, LEFT, TITLE

PLACE = "Denpasar"
KINDS = {"inventarisasi": "inventarisasi", "sensus": "sensus (inventarisasi lima tahunan)"}
CONDITION_WORDS = {"B": "Baik", "KB": "Kurang Baik", "RB": "Rusak Berat"}
SMALL_CELL = ParagraphStyle("census_small", parent=CELL, fontSize=7, leading=8.5)
SMALL_BOLD = ParagraphStyle("census_small_bold", parent=SMALL_CELL, fontName="Helvetica-Bold")
GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
    ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
])


@dataclass(frozen=True)
class CensusLetter:
    name: str
    kind: str
    status: str
    number: str | None
    day: date | None
    start_date: date
    bureau: str
    rooms: list[str]
    result: dict
    team: list[Signer] = field(default_factory=list)
    pengurus: Signer = Signer(position="Pengurus Barang", name="")
    kepala: Signer = Signer(position="Kepala Biro", name="")
    kop: Kop = Kop()


def grid(headers: Sequence[str], rows: list[list], widths: Sequence[float], small: bool = False) -> Table:
    plain, bold = (SMALL_CELL, SMALL_BOLD) if small else (CELL, CELL_BOLD)

    def cell(value, style=plain):
        return value if isinstance(value, Flowable) else Paragraph(esc(value), style)
    data = [[cell(h, bold) for h in headers]] + [[cell(v) for v in row] for row in rows]
    if not rows:
        data.append([cell("-")] + [cell("") for _ in headers[1:]])
    table = Table(data, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(GRID)
    return table


def _code(line: dict) -> str:
    return f"{line['code']}.{line['register_number']}"


def letter_status(campaign_status: str) -> str:
    if campaign_status == "cancelled":
        return STATUS_CANCELLED
    return STATUS_ISSUED if campaign_status in ("closed", "applied") else STATUS_DRAFT


def mengetahui(kepala: Signer) -> Table:
    """The "Mengetahui" block, centred under the others."""
    w = CONTENT_WIDTH
    table = Table([["", signature(kepala, lead=["Mengetahui,"]), ""]], colWidths=[w * 0.25, w * 0.5, w * 0.25],
                  hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def render(letter: CensusLetter) -> bytes:
    result = letter.result
    counts = result["counts"]
    w = CONTENT_WIDTH
    story: list[Flowable] = [KopFlowable(letter.kop),
                             Paragraph("BERITA ACARA HASIL INVENTARISASI BARANG MILIK DAERAH", TITLE),
                             Paragraph(f"Nomor: {esc(shown_number(letter.number or ''))}", TITLE), Spacer(1, 10)]
    when = format_day_date_id(letter.day) if letter.day else "........................"
    story.append(Paragraph(
        f"Pada hari ini {esc(when)}, kami yang bertanda tangan di bawah ini, tim {esc(KINDS.get(letter.kind, ''))} "
        f"barang milik daerah pada {esc(letter.bureau)}, telah melaksanakan <b>{esc(letter.name)}</b> sejak "
        f"{esc(format_date_id(letter.start_date))} pada ruangan: {esc(', '.join(letter.rooms) or '-')}, dengan "
        f"hasil sebagai berikut:", BODY))
    story.append(Spacer(1, 6))
    summary = [["Ditemukan, kondisi sesuai", counts["found"]],
               ["Ditemukan, kondisi berubah", counts["condition_changed"]],
               ["Ditemukan di ruangan lain", counts["found_elsewhere"]], ["Tidak ditemukan", counts["not_found"]],
               ["Temuan barang tanpa label", counts["findings"]]]
    if counts.get("unchecked"):
        summary.append(["Belum diperiksa", counts["unchecked"]])
    story.append(grid(["Uraian", "Jumlah"], summary, [w * 0.7, w * 0.3]))
    sections = [
        ("A. Barang ditemukan dengan kondisi berubah", ["No", "Kode/Register", "Nama Barang", "Ruangan", "Kondisi"],
         [[i, _code(x), x["name"], x.get("to_room_name") or "-",
           f"{CONDITION_WORDS.get(x['condition'], x['condition'])} → "
           f"{CONDITION_WORDS.get(x['checked_condition'], x['checked_condition'])}"]
          for i, x in enumerate(result["condition_changed"], 1)], [0.06, 0.24, 0.3, 0.2, 0.2]),
        ("B. Barang ditemukan di ruangan lain (dipindahkan)", ["No", "Kode/Register", "Nama Barang", "Dari", "Ke"],
         [[i, _code(x), x["name"], x.get("from_room_name") or "-", x.get("to_room_name") or "-"]
          for i, x in enumerate(result["found_elsewhere"], 1)], [0.06, 0.24, 0.3, 0.2, 0.2]),
        ("C. Barang tidak ditemukan (ditindaklanjuti)", ["No", "Kode/Register", "Nama Barang", "Ruangan", "Catatan"],
         [[i, _code(x), x["name"], x.get("from_room_name") or "-", x.get("note") or ""]
          for i, x in enumerate(result["not_found"], 1)], [0.06, 0.24, 0.3, 0.2, 0.2]),
        ("D. Temuan barang tanpa label", ["No", "Nama Barang", "Usulan Kode", "Ruangan", "Kondisi", "Jumlah"],
         [[i, x["name"], x.get("registered_code") or x.get("suggested_code") or "-", x.get("room_name") or "-",
           CONDITION_WORDS.get(x["condition"], x["condition"]), x["quantity"]]
          for i, x in enumerate(result["findings"], 1)], [0.06, 0.3, 0.2, 0.2, 0.14, 0.1]),
    ]
    for title, headers, rows, shares in sections:
        story += [Spacer(1, 8), Paragraph(f"<b>{esc(title)}</b>", LEFT), Spacer(1, 3),
                  grid(headers, rows, [w * s for s in shares])]
    story += [Spacer(1, 8), Paragraph(
        f"Barang yang ditemukan dengan kondisi sesuai register sebanyak {counts['found']} unit tidak dirinci. "
        "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.", BODY),
        Spacer(1, 10)]
    place_date = f"{PLACE}, {format_date_id(letter.day)}" if letter.day else f"{PLACE}, ...................."
    blocks = [([], s, None) for s in letter.team] + [([esc(place_date)], letter.pengurus, None)]
    for i in range(0, len(blocks), 3):
        story += [signature_grid(blocks[i:i + 3]), Spacer(1, 8)]
    story.append(mengetahui(letter.kepala))
    return build_pdf(story, title="Berita Acara Hasil Inventarisasi", status=letter.status,
                     subject=letter.number or letter.name)
