"""The career area's lists as files: the DUK, the nominative list and the KGB/KP/BUP due list — each as XLSX
(openpyxl, ``situok_kit.exports.append_row``: text never read as a formula) and PDF (A4 landscape, the bureau's
kop, a table whose header repeats on every page). The rows come from ``domain.duk`` and ``domain.career``; this
module only lays them out.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from situok_kit.exports import append_row, pdf_text
from situok_kit.letters.data import Kop
from situok_kit.letters.formatting import format_date_id
from situok_kit.letters.kop import KopFlowable
from situok_kit.letters.styles import CENTER, FONT, TITLE

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
_SMALL = ParagraphStyle("career_small", fontName=FONT, fontSize=7, leading=8.5)
_MARGIN = 1.2 * cm


def _day(value) -> str:
    return format_date_id(value) if isinstance(value, date) else ""


@dataclass(frozen=True)
class Sheet:
    """A list ready to draw: a title, a subtitle, header rows (the last one names the columns) and the cells."""

    name: str
    title: str
    subtitle: str
    headers: list[list[str]]
    rows: list[list]
    widths: list[float]


DUK_HEADERS = [
    ["No", "Nama / NIP", "Pangkat Gol/Ruang", "TMT Pangkat", "Jabatan", "TMT Jabatan", "Masa Kerja Thn",
     "Masa Kerja Bln", "Latihan Jabatan Nama", "Latihan Jabatan Tahun", "Latihan Jabatan Jml Jam",
     "Pendidikan Nama", "Pendidikan Lulus Tahun", "Pendidikan Tingkat Ijazah", "Usia", "Catatan Mutasi", "Ket."],
]
NOMINATIVE_HEADERS = [["No", "Nama", "NIP/NIK", "Jenis Pegawai", "Pangkat/Gol atau Golongan PPPK", "Jabatan",
                       "Unit Kerja", "TMT CPNS", "Jenis Kelamin", "Tanggal Lahir", "Status"]]
DUE_HEADERS = [["No", "Nama", "NIP", "Pangkat/Gol", "Jabatan", "Unit Kerja", "Jenis", "Tanggal (TMT)",
                "Dasar", "Keterangan"]]
FLAG_LABELS = {"pppk_contract": "PPPK: periksa perjanjian kerja", "level_missing": "jenjang jabatan belum tercatat",
               "kgb_base_is_tmt_cpns": "KGB terakhir belum tercatat (dari TMT CPNS)"}


def duk_sheet(rows: list[dict], unit_label: str, today: date) -> Sheet:
    cells = [[r["no"], f"{r['full_name']}\n{r['nip']}", " ".join(x for x in (r["pangkat"], r["golongan"]) if x),
              _day(r["rank_tmt"]), r["position_name"], _day(r["position_tmt"]), r["masa_kerja_years"],
              r["masa_kerja_months"], r["training_name"], r["training_year"], r["training_hours"],
              r["education_name"], r["education_year"], r["education_level"], r["age"], r["mutation_note"],
              r["remark"]] for r in rows]
    return Sheet("DUK", "DAFTAR URUT KEPANGKATAN PEGAWAI NEGERI SIPIL", f"{unit_label} — keadaan {_day(today)}",
                 DUK_HEADERS, cells, [0.8, 4.2, 2.2, 1.9, 3.4, 1.9, 1.0, 1.0, 2.4, 1.2, 1.1, 2.4, 1.2, 1.3, 0.9,
                                      1.6, 1.3])


def nominative_sheet(rows: list[dict], unit_label: str, today: date) -> Sheet:
    cells = [[r["no"], r["full_name"], r["nip"], r["employment_type"], r["rank"], r["position_name"],
              r["unit_name"], _day(r["tmt_cpns"]), r["gender"], _day(r["birth_date"]), r["status"]] for r in rows]
    return Sheet("Nominatif", "DAFTAR NOMINATIF PEGAWAI", f"{unit_label} — keadaan {_day(today)}",
                 NOMINATIVE_HEADERS, cells, [0.9, 4.5, 3.4, 1.8, 3.0, 4.0, 4.0, 2.2, 1.8, 2.2, 1.6])


def due_sheet(rows: list[dict], start: date, end: date, unit_label: str) -> Sheet:
    cells = []
    for number, r in enumerate(rows, 1):
        notes = [FLAG_LABELS.get(f, f) for f in r["flags"]]
        if r["overdue"]:
            notes.insert(0, "terlambat (data belum diperbarui)")
        cells.append([number, r["full_name"], r["nip"] or "", " ".join(x for x in (r["pangkat"], r["golongan"]) if x),
                      r["position_name"] or "", r["unit_name"] or "", r["kind_name"], _day(r["due_date"]),
                      r["detail"], "; ".join(notes)])
    return Sheet("Jatuh tempo", "DAFTAR JATUH TEMPO KGB, KENAIKAN PANGKAT DAN PENSIUN",
                 f"{unit_label} — {_day(start)} s.d. {_day(end)}", DUE_HEADERS, cells,
                 [0.8, 4.0, 3.4, 2.6, 3.6, 3.4, 2.6, 2.4, 3.0, 3.2])


def xlsx(sheet: Sheet) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = sheet.name
    append_row(ws, [sheet.title])
    append_row(ws, [sheet.subtitle])
    for header in sheet.headers:
        append_row(ws, header)
    for row in sheet.rows:
        append_row(ws, row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value, width: float):
    """A row's cell: plain text when each of its lines fits on one line of its column (drawn as it is, in the
    table's font — most cells: numbers, dates, golongan, a name over its NIP), else a paragraph that wraps. A
    paragraph per cell made a 2,000-row list take seconds (reportlab parses and wraps each one several times)."""
    text = "" if value is None else str(value)
    if all(stringWidth(line, _SMALL.fontName, _SMALL.fontSize) <= width - 4 for line in text.split("\n")):
        return text  # the table draws each line of a plain string on a line of its own
    return Paragraph(pdf_text(text).replace("\n", "<br/>"), _SMALL)


def pdf(sheet: Sheet) -> bytes:
    buffer = io.BytesIO()
    page = landscape(A4)
    doc = SimpleDocTemplate(buffer, pagesize=page, leftMargin=_MARGIN, rightMargin=_MARGIN, topMargin=_MARGIN,
                            bottomMargin=_MARGIN, title=sheet.title,
                            author="Biro Umum dan Protokol Setda Provinsi Bali", creator="SITU OK", invariant=1)
    width = page[0] - 2 * _MARGIN
    scale = width / (sum(sheet.widths) * cm)
    widths = [w * cm * scale for w in sheet.widths]
    data = [[Paragraph(f"<b>{pdf_text(h)}</b>", _SMALL) for h in header] for header in sheet.headers]
    data += [[_cell(v, widths[i]) for i, v in enumerate(row)] for row in sheet.rows]
    table = Table(data, colWidths=widths, repeatRows=len(sheet.headers),
                  style=TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                                    ("FONT", (0, 0), (-1, -1), _SMALL.fontName, _SMALL.fontSize, _SMALL.leading),
                                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                    ("BACKGROUND", (0, 0), (-1, len(sheet.headers) - 1), colors.Color(0.9, 0.9, 0.9)),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
    story = [KopFlowable(Kop()), Paragraph(pdf_text(sheet.title), TITLE), Paragraph(pdf_text(sheet.subtitle), CENTER),
             Spacer(1, 8)]
    if sheet.rows:
        story.append(table)
    else:
        story.append(Paragraph("Tidak ada data.", CENTER))
    doc.build(story)
    return buffer.getvalue()


def render(sheet: Sheet, fmt: str, stem: str) -> dict:
    """``{filename, content_type, content}`` in ``fmt`` (``xlsx`` or ``pdf``)."""
    if fmt == "pdf":
        return {"filename": f"{stem}.pdf", "content_type": PDF, "content": pdf(sheet)}
    return {"filename": f"{stem}.xlsx", "content_type": XLSX, "content": xlsx(sheet)}
