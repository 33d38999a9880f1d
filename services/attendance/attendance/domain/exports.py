"""The monthly unit recap as a file: XLSX, or PDF (A4 landscape, with the bureau's kop). Both are made from
the recap as answered (``RecapOut``), so the file and the screen show the same numbers.

Names, units and NIKs are people's text: in the XLSX every text is a string cell, never a formula
(``situok_kit.exports.append_row``); in the PDF it is escaped before reportlab reads it as mark-up
(``pdf_text``)."""
from __future__ import annotations

import io

from situok_kit.exports import append_row, pdf_text

from .status import CODES, LABELS

EXPORT_FORMATS = ("xlsx", "pdf")
CONTENT_TYPES = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "pdf": "application/pdf"}
KOP = ("PEMERINTAH PROVINSI BALI", "SEKRETARIAT DAERAH", "BIRO UMUM DAN PROTOKOL")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")
COLUMNS = [("hadir", "H"), ("terlambat", "TL"), ("pulang_cepat", "PC"), ("tidak_absen_pulang", "TAP"),
           ("izin", "I"), ("sakit", "S"), ("cuti", "C"), ("dinas_luar", "DL"), ("alpa", "A")]


def _title(recap: dict) -> str:
    year, month = (int(x) for x in recap["month"].split("-"))
    unit = recap.get("unit_name") or "Semua unit"
    return f"REKAPITULASI KEHADIRAN PEGAWAI NON-ASN — {MONTHS[month - 1].upper()} {year} — {unit.upper()}"


def _header() -> list[str]:
    return (["No", "Nama", "NIK", "Unit", "Hari kerja"] + [short for _, short in COLUMNS]
            + [c for c in CODES if c != "ALPA"] + ["Menit terlambat", "Potongan (%)"])


def _line(i: int, r: dict) -> list:
    return ([i, r["name"], r["nik"] or "", r["unit_name"] or "", r["working_days"]]
            + [r["days"][s] for s, _ in COLUMNS] + [r["codes"][c] for c in CODES if c != "ALPA"]
            + [r["late_minutes"], f"{r['deduction_bp'] / 100:.2f}".replace(".", ",")])


def export_xlsx(recap: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Rekap " + recap["month"]
    for text in (*KOP, _title(recap)):
        append_row(ws, [text])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
    append_row(ws, [f"Sampai dengan {recap['until']}. Keterangan: "
                    + ", ".join(f"{short} = {LABELS[s]}" for s, short in COLUMNS)])
    append_row(ws, [])
    append_row(ws, _header())
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
    for i, r in enumerate(recap["employees"], start=1):
        append_row(ws, _line(i, r))
    ws.column_dimensions["B"].width = 32
    ws.column_dimensions["C"].width = 18
    ws.column_dimensions["D"].width = 28
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def export_pdf(recap: dict) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, title=_title(recap))
    kop = ParagraphStyle("kop", fontName="Helvetica-Bold", fontSize=12, alignment=1, leading=15)
    small = ParagraphStyle("small", fontName="Helvetica", fontSize=7, leading=8.5)
    story = [Paragraph(pdf_text(line), kop) for line in KOP]
    story += [Spacer(1, 4 * mm), Paragraph(pdf_text(_title(recap)), ParagraphStyle("t", parent=kop, fontSize=10)),
              Spacer(1, 3 * mm)]
    # Name and unit wrap (paragraphs: escaped); other cells are plain table strings, never read as mark-up.
    data = [_header()] + [[Paragraph(pdf_text(c), small) if j in (1, 3) else c for j, c in enumerate(_line(i, r))]
                          for i, r in enumerate(recap["employees"], start=1)]
    table = Table(data, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "Helvetica", 7), ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 7),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.grey), ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story += [table, Spacer(1, 3 * mm),
              Paragraph(pdf_text(f"Sampai dengan {recap['until']}. " + ", ".join(f"{short} = {LABELS[s]}"
                                                                                  for s, short in COLUMNS)), small)]
    doc.build(story)
    return buffer.getvalue()


def export(recap: dict, fmt: str) -> dict:
    """``{filename, content_type, content}`` of ``recap`` (a ``RecapOut`` answer) in ``fmt``."""
    slug = f"rekap-kehadiran-{recap['month']}" + (f"-unit{recap['unit_id']}" if recap.get("unit_id") else "")
    content = export_xlsx(recap) if fmt == "xlsx" else export_pdf(recap)
    return {"filename": f"{slug}.{fmt}", "content_type": CONTENT_TYPES[fmt], "content": content}
