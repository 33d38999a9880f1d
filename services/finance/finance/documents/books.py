"""The books as files: the monthly accountability report (LPJ/SPJ fungsional), the BKU and each subsidiary
book, as PDF (A4 landscape, the kop surat, the signature blocks) and XLSX (the same rows, numbers as numbers).

Both files are made from one ``Printable`` (title, the lines under it, one or more grids, notes, the place and
date, the signers), itself built from the answers the RPCs give (``CashReportOut``, ``CashBookPage``,
``CashSubsidiaryBookOut``), so a file shows the same figures as the screen.

The layouts follow the usual formats of the Bendahara Pengeluaran's books (Permendagri 77/2020): the BKU's
columns No | Tanggal | No. Bukti | Uraian | Kode Rekening | Penerimaan | Pengeluaran | Saldo, closed with the
period's totals, the totals up to the previous period and to date, and the balance split into cash and bank;
the LPJ per kode rekening with Jumlah Anggaran, SPJ s.d. bulan lalu / bulan ini / s.d. bulan ini and Sisa
Pagu, then receipts and expenditures and the balance; signed by the PA/KPA ("Mengetahui") on the left and the
Bendahara Pengeluaran on the right, under "Denpasar, <last day of the period>".

People's text (descriptions, names) is escaped before reportlab reads it as mark-up and written into the XLSX as
string cells, never formulas (``situok_kit.exports``). Nothing here reads a database or a clock.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import KeepTogether
from situok_kit.exports import append_row, pdf_text
from situok_kit.letters.data import Kop, Signer
from situok_kit.letters.formatting import MONTHS_ID, format_date_id, format_number, format_rupiah
from situok_kit.letters.kop import KopFlowable
from situok_kit.letters.layout import esc, signature_grid
from situok_kit.letters.styles import FONT, FONT_BOLD

CONTENT_TYPES = {"pdf": "application/pdf",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
PLACE = "Denpasar"
OFFICE = "Biro Umum dan Protokol Sekretariat Daerah Provinsi Bali"
BOOK_TITLES = {
    "bku": "BUKU KAS UMUM",
    "kas_tunai": "BUKU PEMBANTU KAS TUNAI",
    "bank": "BUKU PEMBANTU BANK",
    "pajak": "BUKU PEMBANTU PAJAK",
    "panjar": "BUKU PEMBANTU PANJAR",
    "rekening": "BUKU PEMBANTU RINCIAN OBJEK BELANJA",
}
#: The two amount columns of each book: (what a debit is, what a credit is), and the balance's name.
BOOK_SIDES = {
    "bku": ("Penerimaan", "Pengeluaran", "Saldo"),
    "kas_tunai": ("Penerimaan", "Pengeluaran", "Saldo"),
    "bank": ("Penerimaan", "Pengeluaran", "Saldo"),
    "pajak": ("Pemotongan/ Pemungutan", "Penyetoran", "Belum Disetor"),
    "panjar": ("Pertanggung- jawaban", "Pemberian", "Sisa Panjar"),
    "rekening": ("Pengembalian", "Realisasi", "Realisasi s.d. Tanggal"),
}

PAGE = landscape(A4)
MARGIN = 1.5 * cm
WIDTH = PAGE[0] - 2 * MARGIN
TITLE = ParagraphStyle("books_title", fontName=FONT_BOLD, fontSize=12, leading=15, alignment=TA_CENTER)
SUBTITLE = ParagraphStyle("books_subtitle", fontName=FONT_BOLD, fontSize=10, leading=13, alignment=TA_CENTER)
LINE = ParagraphStyle("books_line", fontName=FONT, fontSize=9, leading=12)
CELL = ParagraphStyle("books_cell", fontName=FONT, fontSize=7.5, leading=9)
CELL_BOLD = ParagraphStyle("books_cell_bold", parent=CELL, fontName=FONT_BOLD)
SIGN = ParagraphStyle("books_sign", fontName=FONT, fontSize=9.5, leading=12.5)


@dataclass(frozen=True)
class Period:
    """What the file covers: the year, the month (None: the year) and its first and last day."""

    fiscal_year: int
    month: int | None
    first: date
    last: date

    @property
    def label(self) -> str:
        return f"{format_date_id(self.first)} s.d. {format_date_id(self.last)}"

    @property
    def slug(self) -> str:
        return f"{self.fiscal_year}-{self.month:02d}" if self.month else str(self.fiscal_year)


@dataclass(frozen=True)
class Column:
    header: str
    width: float            # share of the page width
    kind: str = "text"      # text (wraps) | money | date | center


@dataclass
class Grid:
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    bold: set[int] = field(default_factory=set)
    caption: str | None = None
    #: A header row above the columns: (label, span) pairs covering every column.
    groups: list[tuple[str, int]] | None = None


@dataclass
class Printable:
    slug: str
    title: str
    lines: list[str]
    grids: list[Grid]
    notes: list[str]
    sign_on: date
    signers: tuple[Signer, Signer]


# -- building the printables from the answers -----------------------------------------------------------

def _ddmmyyyy(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def _header_lines(period: Period, extra: tuple[str, ...] = ()) -> list[str]:
    return [f"SKPD : {OFFICE}", f"Tahun Anggaran : {period.fiscal_year}", *extra, f"Periode : {period.label}"]


def book_printable(kind: str, page: dict, period: Period, signers: tuple[Signer, Signer],
                   media: dict | None = None) -> Printable:
    """The BKU (``kind`` ``bku``, with ``media``: cash and bank at the end) or a subsidiary book."""
    debit_label, credit_label, balance_label = BOOK_SIDES[kind]
    third = {"pajak": Column("Jenis Pajak", 0.08, "center"), "panjar": Column("No. Panjar", 0.10)}.get(
        kind, Column("Kode Rekening", 0.13))
    columns = [Column("No", 0.04, "center"), Column("Tanggal", 0.075, "center"), Column("No. Bukti", 0.11),
               Column("Uraian", 0.0, "text"), third, Column(debit_label, 0.11, "money"),
               Column(credit_label, 0.11, "money"), Column(balance_label, 0.12, "money")]
    if kind == "panjar":       # the book's own order: given, then accounted for
        columns[5], columns[6] = columns[6], columns[5]
    columns[3] = Column("Uraian", 1 - sum(c.width for c in columns), "text")
    totals = page["totals"]
    grid = Grid(columns)
    grid.rows.append(["", "", "", "Saldo awal periode", "", None, None, totals["opening_balance"]])
    for entry in page["items"]:
        third_value = {"pajak": (entry.get("tax_kind") or "").upper(), "panjar": entry.get("reference") or ""}.get(
            kind, (entry.get("account_code") or "") if entry["kind"] == "spj_payment" else "")
        amounts = [entry["debit"] or None, entry["credit"] or None]
        if kind == "panjar":
            amounts.reverse()
        grid.rows.append([entry["seq"], entry["posted_on"], entry.get("reference") or "", entry["description"],
                          third_value, *amounts, entry["balance"]])

    def total_row(label: str, debit: int, credit: int, balance: int | None) -> None:
        amounts = [credit, debit] if kind == "panjar" else [debit, credit]
        grid.bold.add(len(grid.rows))
        grid.rows.append(["", "", "", label, "", *amounts, balance])

    when = "bulan ini" if period.month else "periode ini"
    before = "bulan lalu" if period.month else "periode lalu"
    total_row(f"Jumlah {when}", totals["debit"], totals["credit"], None)
    total_row(f"Jumlah s.d. {before}", totals["debit_before"], totals["credit_before"], None)
    total_row(f"Jumlah s.d. {when}", totals["debit_before"] + totals["debit"],
              totals["credit_before"] + totals["credit"], totals["closing_balance"])
    notes = []
    if media is not None:
        notes = [f"Pada hari ini, {format_date_id(period.last)}, Bendahara Pengeluaran dapat menjelaskan "
                 f"jumlah uang sebesar {format_rupiah(totals['closing_balance'])} terdiri dari:",
                 f"a. Tunai : {format_rupiah(media['cash'])}", f"b. Saldo bank : {format_rupiah(media['bank'])}"]
    grids = [grid, *_summary_grids(kind, page)]
    extra: tuple[str, ...] = ()
    if kind == "rekening" and page.get("line_id") and page.get("accounts"):
        line = page["accounts"][0]
        extra = (f"Sub Kegiatan : {line['sub_activity_code']}",
                 f"Kode Rekening : {line['account_code']} {line['account_name']}",
                 f"Pagu Anggaran : {format_rupiah(line['ceiling'])}")
    if kind == "pajak" and page.get("tax_kind"):
        extra = (f"Jenis Pajak : {page['tax_kind'].upper()}",)
    return Printable(slug=f"{kind.replace('_', '-')}-{period.slug}", title=BOOK_TITLES[kind],
                     lines=_header_lines(period, extra), grids=grids, notes=notes, sign_on=period.last,
                     signers=signers)


def _summary_grids(kind: str, page: dict) -> list[Grid]:
    if kind == "pajak":
        grid = Grid([Column("Jenis Pajak", 0.28), Column("Belum Disetor Awal", 0.18, "money"),
                     Column("Dipotong/Dipungut", 0.18, "money"), Column("Disetor", 0.18, "money"),
                     Column("Belum Disetor Akhir", 0.18, "money")], caption="Rekapitulasi per jenis pajak")
        grid.rows = [[t["label"], t["opening_balance"], t["withheld"], t["deposited"], t["outstanding"]]
                     for t in page["taxes"]]
        return [grid]
    if kind == "panjar":
        grid = Grid([Column("No. Panjar", 0.14), Column("Tanggal", 0.1, "center"), Column("Uraian", 0.34),
                     Column("Diberikan", 0.14, "money"), Column("Dipertanggungjawabkan", 0.14, "money"),
                     Column("Sisa", 0.14, "money")], caption="Rekapitulasi per panjar")
        grid.rows = [[a["reference"], a["given_on"], a["description"], a["given"], a["settled"], a["outstanding"]]
                     for a in page["advances"]]
        return [grid]
    if kind == "rekening" and not page.get("line_id"):
        grid = _accounts_grid(page["accounts"], "Rekapitulasi per rincian objek")
        return [grid]
    return []


def _accounts_grid(lines: list[dict], caption: str | None = None, totals: dict | None = None) -> Grid:
    grid = Grid([Column("Kode Rekening", 0.14), Column("Uraian", 0.30), Column("Jumlah Anggaran", 0.112, "money"),
                 Column("s.d. Bulan Lalu", 0.112, "money"), Column("Bulan Ini", 0.112, "money"),
                 Column("s.d. Bulan Ini", 0.112, "money"), Column("Sisa Pagu Anggaran", 0.112, "money")],
                caption=caption, groups=[("", 3), ("Realisasi SPJ (UP/GU)", 3), ("", 1)])
    current = None
    for line in lines:
        if line["sub_activity_code"] != current:
            current = line["sub_activity_code"]
            grid.bold.add(len(grid.rows))
            grid.rows.append([current, "Sub Kegiatan", None, None, None, None, None])
        grid.rows.append([line["account_code"], line["account_name"], line["ceiling"], line["before"],
                          line["this_period"], line["to_date"], line["remaining"]])
    if totals is not None:
        grid.bold.add(len(grid.rows))
        grid.rows.append(["", "JUMLAH", totals["ceiling"], totals["before"], totals["this_period"],
                          totals["to_date"], totals["remaining"]])
    return grid


def report_printable(report: dict, period: Period, signers: tuple[Signer, Signer]) -> Printable:
    """The monthly accountability report (``CashReportOut``)."""
    accounts = _accounts_grid(report["lines"], totals=report["totals"])
    cash = Grid([Column("Uraian", 0.46), Column("s.d. Bulan Lalu", 0.18, "money"),
                 Column("Bulan Ini", 0.18, "money"), Column("s.d. Bulan Ini", 0.18, "money")],
                caption="Penerimaan dan pengeluaran kas")
    for heading, rows, total in (("Penerimaan", report["receipts"], report["receipts_total"]),
                                 ("Pengeluaran", report["expenditures"], report["expenditures_total"])):
        cash.bold.add(len(cash.rows))
        cash.rows.append([heading, None, None, None])
        cash.rows += [[f"   {r['label']}", r["before"], r["this_month"], r["to_date"]] for r in rows]
        cash.bold.add(len(cash.rows))
        cash.rows.append([total["label"], total["before"], total["this_month"], total["to_date"]])
    balance = report["balance"]
    cash.bold.add(len(cash.rows))
    cash.rows.append(["Saldo kas di Bendahara Pengeluaran", None, None, balance["total"]])
    notes = [f"Saldo kas awal bulan {format_rupiah(balance['opening'])}; saldo akhir bulan "
             f"{format_rupiah(balance['total'])} terdiri dari tunai {format_rupiah(balance['cash'])} dan saldo bank "
             f"{format_rupiah(balance['bank'])}."]
    month = MONTHS_ID[report["month"] - 1]
    return Printable(slug=f"lpj-{period.slug}", title="LAPORAN PERTANGGUNGJAWABAN BENDAHARA PENGELUARAN",
                     lines=["(SPJ ADMINISTRATIF/FUNGSIONAL)", f"SKPD : {OFFICE}",
                            f"Tahun Anggaran : {report['fiscal_year']}", f"Bulan : {month} {report['fiscal_year']}"],
                     grids=[accounts, cash], notes=notes, sign_on=period.last, signers=signers)


# -- rendering -----------------------------------------------------------------------------------------

def _pdf_cell(value, column: Column, bold: bool):
    if value is None:
        return ""
    if isinstance(value, date):
        return _ddmmyyyy(value)
    if column.kind == "money" and isinstance(value, int):
        return format_number(value)
    if column.kind == "text":
        return Paragraph(pdf_text(value), CELL_BOLD if bold else CELL)
    return str(value)


def _pdf_grid(grid: Grid) -> Table:
    widths = [c.width * WIDTH for c in grid.columns]
    header = [Paragraph(f"<b>{esc(c.header)}</b>", ParagraphStyle("h", parent=CELL, alignment=TA_CENTER))
              for c in grid.columns]
    data, style = [], [
        ("FONT", (0, 0), (-1, -1), FONT, 7.5), ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    top = 0
    if grid.groups:
        row, col = [], 0
        for label, span in grid.groups:
            row += [Paragraph(f"<b>{esc(label)}</b>", ParagraphStyle("g", parent=CELL, alignment=TA_CENTER))]
            row += [""] * (span - 1)
            if span > 1:
                style.append(("SPAN", (col, 0), (col + span - 1, 0)))
            col += span
        data.append(row)
        top = 1
        for i, (label, span) in enumerate(grid.groups):   # an empty group cell joins the header under it
            start = sum(s for _, s in grid.groups[:i])
            if not label:
                for c in range(start, start + span):
                    style.append(("SPAN", (c, 0), (c, 1)))
                    data[0][c] = header[c]
    data.append(header)
    data.append([str(i + 1) for i in range(len(grid.columns))])
    style += [("BACKGROUND", (0, 0), (-1, top + 1), colors.Color(0.9, 0.9, 0.9)),
              ("ALIGN", (0, top + 1), (-1, top + 1), "CENTER"), ("FONT", (0, top + 1), (-1, top + 1), FONT, 6.5)]
    first = len(data)
    for i, row in enumerate(grid.rows):
        bold = i in grid.bold
        data.append([_pdf_cell(v, c, bold) for v, c in zip(row, grid.columns, strict=True)])
        if bold:
            style.append(("FONT", (0, first + i), (-1, first + i), FONT_BOLD, 7.5))
    for j, column in enumerate(grid.columns):
        if column.kind == "money":
            style.append(("ALIGN", (j, first), (j, -1), "RIGHT"))
        elif column.kind in ("center", "date"):
            style.append(("ALIGN", (j, first), (j, -1), "CENTER"))
    return Table(data, colWidths=widths, repeatRows=first, style=TableStyle(style), hAlign="LEFT")


def _signature_block(printable: Printable):
    pa_kpa, treasurer = printable.signers
    return signature_grid([(["Mengetahui,"], pa_kpa, None),
                           ([f"{PLACE}, {esc(format_date_id(printable.sign_on))}"], treasurer, None)],
                          width=WIDTH, style=SIGN, space=1.8 * cm)


def _page_number(canvas, doc):
    canvas.saveState()
    canvas.setFont(FONT, 7)
    canvas.drawRightString(PAGE[0] - MARGIN, MARGIN / 2, f"Halaman {doc.page}")
    canvas.restoreState()


def render_pdf(printable: Printable) -> bytes:
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                          bottomMargin=MARGIN, title=printable.title, creator="SITU OK", invariant=1,
                          author="Biro Umum dan Protokol Setda Provinsi Bali")
    frame = Frame(MARGIN, MARGIN, WIDTH, PAGE[1] - 2 * MARGIN, id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("books", [frame], onPageEnd=_page_number)])
    story = [KopFlowable(Kop()), Paragraph(esc(printable.title), TITLE)]
    lines = list(printable.lines)
    if lines and lines[0].startswith("("):
        story.append(Paragraph(esc(lines.pop(0)), SUBTITLE))
    story.append(Spacer(1, 6))
    story += [Paragraph(esc(line), LINE) for line in lines]
    for grid in printable.grids:
        story.append(Spacer(1, 8))
        if grid.caption:
            story.append(Paragraph(f"<b>{esc(grid.caption)}</b>", LINE))
            story.append(Spacer(1, 3))
        story.append(_pdf_grid(grid))
    notes = [Paragraph(esc(note), LINE) for note in printable.notes]
    story.append(KeepTogether([Spacer(1, 8), *notes, Spacer(1, 10), _signature_block(printable)]))
    doc.build(story)
    return buffer.getvalue()


def render_xlsx(printable: Printable) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = printable.title[:31]
    width = max(len(g.columns) for g in printable.grids)
    bold = Font(bold=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    grey = PatternFill("solid", fgColor="E6E6E6")
    kop = Kop()
    for text in (kop.government, kop.office, kop.unit, printable.title):
        append_row(ws, [text])
        ws.cell(ws.max_row, 1).font = bold
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)
        ws.cell(ws.max_row, 1).alignment = Alignment(horizontal="center")
    for line in printable.lines:
        append_row(ws, [line])
    for grid in printable.grids:
        append_row(ws, [])
        if grid.caption:
            append_row(ws, [grid.caption])
            ws.cell(ws.max_row, 1).font = bold
        if grid.groups:
            row = []
            for label, span in grid.groups:
                row += [label] + [None] * (span - 1)
            append_row(ws, row)
            col = 1
            for _label, span in grid.groups:
                if span > 1:
                    ws.merge_cells(start_row=ws.max_row, start_column=col, end_row=ws.max_row,
                                   end_column=col + span - 1)
                col += span
            for cell in ws[ws.max_row][:len(grid.columns)]:
                cell.font, cell.border, cell.fill = bold, box, grey
                cell.alignment = Alignment(horizontal="center")
        append_row(ws, [c.header for c in grid.columns])
        for cell in ws[ws.max_row][:len(grid.columns)]:
            cell.font, cell.border, cell.fill = bold, box, grey
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for i, values in enumerate(grid.rows):
            append_row(ws, values)
            for cell, column in zip(ws[ws.max_row][:len(grid.columns)], grid.columns, strict=False):
                cell.border = box
                if i in grid.bold:
                    cell.font = bold
                if column.kind == "money":
                    cell.number_format = "#,##0"
                elif isinstance(cell.value, date):
                    cell.number_format = "DD-MM-YYYY"
                    cell.alignment = Alignment(horizontal="center")
                elif column.kind == "text":
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    append_row(ws, [])
    for note in printable.notes:
        append_row(ws, [note])
    append_row(ws, [])
    pa_kpa, treasurer = printable.signers
    right = max(width - 2, 2)

    def pair(left: str, right_text: str, strong: bool = False) -> None:
        row = [None] * width
        row[1], row[right - 1] = left, right_text
        append_row(ws, row)
        if strong:
            ws.cell(ws.max_row, 2).font = bold
            ws.cell(ws.max_row, right).font = bold

    pair("Mengetahui,", f"{PLACE}, {format_date_id(printable.sign_on)}")
    left_lines, right_lines = pa_kpa.position.split("\n"), treasurer.position.split("\n")
    for k in range(max(len(left_lines), len(right_lines))):
        pair(left_lines[k] if k < len(left_lines) else "", right_lines[k] if k < len(right_lines) else "")
    for _ in range(3):
        append_row(ws, [])
    pair(pa_kpa.name or "." * 30, treasurer.name or "." * 30, strong=True)
    pair(f"NIP. {pa_kpa.nip}" if pa_kpa.nip else "", f"NIP. {treasurer.nip}" if treasurer.nip else "")
    for index, column in enumerate(printable.grids[0].columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = max(8, round(column.width * 150))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def render(printable: Printable, fmt: str) -> dict:
    """``{filename, content_type, content}`` of ``printable`` as ``fmt`` (``pdf`` or ``xlsx``)."""
    content = render_xlsx(printable) if fmt == "xlsx" else render_pdf(printable)
    return {"filename": f"{printable.slug}.{fmt}", "content_type": CONTENT_TYPES[fmt], "content": content}
