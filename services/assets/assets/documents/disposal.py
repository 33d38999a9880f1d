"""Disposal files: the proposal's list (usulan penghapusan) and the berita acara penghapusan as PDF (A4, kop
surat), and the report of disposed items by year/method as XLSX (numbers as numbers, text never a formula) or
PDF (A4 landscape). Built from the answers the RPCs give (``DisposalDetailOut``, ``DisposalReportOut``); user
text is escaped.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer
from situok_kit.clock import wita_day
from situok_kit.exports import append_row
from situok_kit.letters.data import STATUS_CANCELLED, STATUS_DRAFT, STATUS_ISSUED, Kop, Signer
from situok_kit.letters.formatting import format_date_id, format_day_date_id, format_rupiah
from situok_kit.letters.kop import KopFlowable
from situok_kit.letters.layout import build_pdf, esc, shown_number, signature_grid
from situok_kit.letters.styles import BODY, CONTENT_WIDTH, LEFT, TITLE

from .census import CONDITION_WORDS, PLACE, grid, mengetahui

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
METHODS = {"pemusnahan": "Pemusnahan", "penjualan": "Penjualan", "hibah": "Hibah",
           "pemindahtanganan": "Pemindahtanganan", "tukar_menukar": "Tukar-menukar",
           "penyertaan_modal": "Penyertaan modal pemerintah daerah", "lainnya": "Lainnya"}
BASES = {"book_value": "nilai buku", "acquisition_value": "nilai perolehan"}


@dataclass(frozen=True)
class DisposalLetter:
    proposal: dict
    bureau: str
    pengurus: Signer
    kepala: Signer
    kop: Kop = Kop()


def _status(proposal: dict, issued_when: tuple[str, ...]) -> str:
    if proposal["status"] in ("cancelled", "rejected"):
        return STATUS_CANCELLED
    return STATUS_ISSUED if proposal["status"] in issued_when else STATUS_DRAFT


def _items_grid(items: list[dict]):
    w = CONTENT_WIDTH
    rows = [[i, f"{x['code']}.{x['register_number']}", x["name"], x["acquisition_year"],
             CONDITION_WORDS.get(x["condition"], x["condition"]), format_rupiah(x["acquisition_value"]),
             format_rupiah(x["value"]), x["reason"]] for i, x in enumerate(items, 1)]
    rows.append(["", "", "Jumlah", "", "", format_rupiah(sum(x["acquisition_value"] for x in items)),
                 format_rupiah(sum(x["value"] for x in items)), ""])
    return grid(["No", "Kode/Register", "Nama Barang", "Thn", "Kondisi", "Nilai Perolehan", "Nilai Buku*",
                 "Alasan"], rows, [w * s for s in (0.04, 0.21, 0.18, 0.06, 0.09, 0.13, 0.13, 0.16)])


def _basis_note(items: list[dict]) -> str:
    bases = {x["value_basis"] for x in items}
    if bases == {"acquisition_value"}:
        return "* Barang ini tidak disusutkan: nilai yang dicantumkan adalah nilai perolehan."
    return ("* Nilai buku pada tanggal pengajuan (penyusutan garis lurus); barang yang tidak disusutkan: nilai "
            "perolehan.")


def proposal_pdf(letter: DisposalLetter) -> bytes:
    p = letter.proposal
    story = [KopFlowable(letter.kop), Paragraph("DAFTAR USULAN PENGHAPUSAN BARANG MILIK DAERAH", TITLE),
             Paragraph(f"Usulan #{p['id']}", TITLE), Spacer(1, 10),
             Paragraph(f"Cara penghapusan: <b>{esc(METHODS.get(p['method'], p['method']))}</b>", LEFT),
             Paragraph(f"Alasan: {esc(p['reasons'])}", BODY), Spacer(1, 6), _items_grid(p["items"]),
             Paragraph(esc(_basis_note(p["items"])), LEFT), Spacer(1, 14)]
    day = p.get("proposed_at")
    shown = wita_day(day) if isinstance(day, datetime) else day
    lead = f"{PLACE}, {format_date_id(shown)}" if shown else f"{PLACE}, ......"
    blocks = [(["Disetujui,"], letter.kepala, None), ([esc(lead), "Yang mengusulkan,"], letter.pengurus, None)]
    story.append(signature_grid(blocks))
    return build_pdf(story, title="Usulan Penghapusan Barang Milik Daerah",
                     status=_status(p, ("proposed", "approved", "decided", "done")), subject=f"Usulan #{p['id']}")


def berita_acara_pdf(letter: DisposalLetter) -> bytes:
    p = letter.proposal
    ba_day: date | None = p.get("ba_date")
    when = format_day_date_id(ba_day) if ba_day else "........................"
    decree = (f"Keputusan {esc(p.get('decree_by') or 'Gubernur Bali')} Nomor {esc(p.get('decree_number') or '-')} "
              f"tanggal {esc(format_date_id(p['decree_date']) if p.get('decree_date') else '-')}")
    story = [KopFlowable(letter.kop), Paragraph("BERITA ACARA PENGHAPUSAN BARANG MILIK DAERAH", TITLE),
             Paragraph(f"Nomor: {esc(shown_number(p.get('ba_number') or ''))}", TITLE), Spacer(1, 10),
             Paragraph(f"Pada hari ini {esc(when)}, berdasarkan {decree}, telah dilaksanakan penghapusan barang milik "
                       f"daerah pada {esc(letter.bureau)} dengan cara "
                       f"<b>{esc(METHODS.get(p['method'], p['method']).lower())}</b> atas barang sebagai berikut:",
                       BODY), Spacer(1, 6), _items_grid(p["items"]), Paragraph(esc(_basis_note(p["items"])), LEFT),
             Spacer(1, 6),
             Paragraph("Dengan berita acara ini barang tersebut dikeluarkan dari daftar barang milik daerah (register "
                       "aktif dan kartu inventaris ruangan); riwayatnya tetap disimpan. Demikian berita acara ini "
                       "dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.", BODY), Spacer(1, 12)]
    lead = f"{PLACE}, {format_date_id(ba_day)}" if ba_day else f"{PLACE}, ...................."
    story += [signature_grid([([], Signer(position="", name=" "), None), ([esc(lead)], letter.pengurus, None)]),
              Spacer(1, 8), mengetahui(letter.kepala)]
    return build_pdf(story, title="Berita Acara Penghapusan Barang Milik Daerah", status=_status(p, ("done",)),
                     subject=p.get("ba_number") or f"Usulan #{p['id']}")


REPORT_HEADERS = ("No", "Kode Barang", "Register", "Nama Barang", "KIB", "Tahun Perolehan", "Cara Penghapusan",
                  "Kondisi", "Nilai Perolehan", "Nilai", "Dasar Nilai", "Nomor SK", "Tanggal SK", "Nomor BA",
                  "Tanggal BA")


def _report_row(n: int, r: dict) -> list:
    return [n, r["code"], r["register_number"], r["name"], r["kib"], r["acquisition_year"],
            METHODS.get(r["method"], r["method"]), r["condition"], r["acquisition_value"], r["value"],
            BASES.get(r["value_basis"], r["value_basis"]), r.get("decree_number") or "",
            r["decree_date"].isoformat() if r.get("decree_date") else "", r.get("ba_number") or "",
            r["ba_date"].isoformat() if r.get("ba_date") else ""]


def report_xlsx(report: dict, bureau: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = f"Penghapusan {report['year']}"
    append_row(ws, [f"DAFTAR BARANG MILIK DAERAH YANG DIHAPUS TAHUN {report['year']}"])
    ws["A1"].font = Font(bold=True)
    append_row(ws, [bureau])
    append_row(ws, [])
    append_row(ws, REPORT_HEADERS)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for n, r in enumerate(report["rows"], 1):
        append_row(ws, _report_row(n, r))
        for col in (9, 10):
            ws.cell(ws.max_row, col).number_format = "#,##0"
    append_row(ws, ["", "", "", "Jumlah", "", "", "", "", report["acquisition_value"], report["value"]])
    for col in (9, 10):
        ws.cell(ws.max_row, col).number_format = "#,##0"
    append_row(ws, [])
    append_row(ws, ["Per cara penghapusan"])
    for m in report["by_method"]:
        append_row(ws, ["", METHODS.get(m["method"], m["method"]), m["items"], "", "", "", "", "",
                        m["acquisition_value"], m["value"]])
    for letter, width in zip("ABCDEFGHIJKLMNO", (5, 22, 9, 32, 5, 9, 18, 8, 16, 16, 14, 26, 12, 26, 12),
                             strict=True):
        ws.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def report_pdf(report: dict, bureau: str, pengurus: Signer, on: date) -> bytes:
    page = landscape(A4)
    margin = 36
    width = page[0] - 2 * margin
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=page, leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin, title=f"Penghapusan {report['year']}", creator="SITU OK", invariant=1)
    doc.addPageTemplates([PageTemplate("report", [Frame(margin, margin, width, page[1] - 2 * margin, id="body")])])
    rows = [[str(v) if not isinstance(v, int) or i in (0, 2, 5) else format_rupiah(v)
             for i, v in enumerate(_report_row(n, r))] for n, r in enumerate(report["rows"], 1)]
    rows.append(["", "", "", "Jumlah", "", "", "", "", format_rupiah(report["acquisition_value"]),
                 format_rupiah(report["value"]), "", "", "", "", ""])
    shares = (0.025, 0.12, 0.045, 0.13, 0.03, 0.045, 0.08, 0.045, 0.08, 0.08, 0.055, 0.09, 0.06, 0.09, 0.06)
    story = [KopFlowable(Kop()),
             Paragraph(f"DAFTAR BARANG MILIK DAERAH YANG DIHAPUS TAHUN {report['year']}", TITLE),
             Paragraph(esc(bureau), TITLE), Spacer(1, 8),
             grid(REPORT_HEADERS, rows, [width * s for s in shares], small=True), Spacer(1, 12),
             signature_grid([([], Signer(position="", name=" "), None),
                             ([esc(f"{PLACE}, {format_date_id(on)}")], pengurus, None)], width=width)]
    doc.build(story)
    return buf.getvalue()
