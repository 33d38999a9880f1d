"""Consumables files: the stock card (kartu persediaan) and the semester persediaan report, as PDF (A4 landscape,
kop surat, "Mengetahui" the Kepala Biro on the left and the pengurus barang on the right) and XLSX (the same
rows; numbers as numbers, people's text as string cells, never formulas — ``situok_kit.exports``).

Both files come from one ``Printable`` built from the RPC answers (``SupplyStockCardOut``, ``SupplyReportOut``),
so a file shows the same figures as the screen. Nothing here reads a database or a clock.
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
from situok_kit.letters.formatting import format_date_id, format_number
from situok_kit.letters.kop import KopFlowable
from situok_kit.letters.layout import esc, signature_grid
from situok_kit.letters.styles import FONT, FONT_BOLD

CONTENT_TYPES = {"pdf": "application/pdf",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
PLACE = "Denpasar"
KINDS = {"receipt": "Penerimaan", "issue": "Pengeluaran", "adjustment_in": "Penyesuaian (lebih)",
         "adjustment_out": "Penyesuaian (kurang)"}
PAGE = landscape(A4)
MARGIN = 1.5 * cm
WIDTH = PAGE[0] - 2 * MARGIN
TITLE = ParagraphStyle("supplies_title", fontName=FONT_BOLD, fontSize=12, leading=15, alignment=TA_CENTER)
LINE = ParagraphStyle("supplies_line", fontName=FONT, fontSize=9, leading=12)
CELL = ParagraphStyle("supplies_cell", fontName=FONT, fontSize=7.5, leading=9)
HEAD = ParagraphStyle("supplies_head", parent=CELL, fontName=FONT_BOLD, alignment=TA_CENTER)
SIGN = ParagraphStyle("supplies_sign", fontName=FONT, fontSize=9.5, leading=12.5)


@dataclass(frozen=True)
class Column:
    header: str
    width: float            # share of the page width
    kind: str = "text"      # text | number | center


@dataclass
class Printable:
    slug: str
    title: str
    lines: list[str]
    columns: list[Column]
    #: Header groups above the columns: (label, span) covering every column.
    groups: list[tuple[str, int]]
    rows: list[list] = field(default_factory=list)
    bold: set[int] = field(default_factory=set)
    sign_on: date | None = None
    signers: tuple[Signer, Signer] | None = None


def _ddmmyyyy(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def card_printable(card: dict, bureau: str, signers: tuple[Signer, Signer]) -> Printable:
    """The stock card (``SupplyStockCardOut`` with every row)."""
    item, totals = card["item"], card["totals"]
    columns = [Column("No", 0.035, "center"), Column("Tanggal", 0.07, "center"), Column("Uraian/Referensi", 0.33),
               Column("Jumlah", 0.055, "number"), Column("Harga Satuan", 0.085, "number"),
               Column("Nilai", 0.09, "number"), Column("Jumlah", 0.055, "number"), Column("Nilai", 0.09, "number"),
               Column("Jumlah", 0.06, "number"), Column("Nilai", 0.0, "number")]
    columns[-1] = Column("Nilai", 1 - sum(c.width for c in columns), "number")
    groups = [("", 3), ("Masuk", 3), ("Keluar", 2), ("Saldo", 2)]
    start, end = card.get("date_from"), card.get("date_to")
    period = (f"{format_date_id(start) if start else 'awal'} s.d. {format_date_id(end) if end else 'sekarang'}")
    printable = Printable(
        slug=f"kartu-persediaan-{item['code']}", title="KARTU PERSEDIAAN BARANG",
        lines=[f"SKPD : {bureau}", f"Kode/Nama Barang : {item['code']} — {item['name']}",
               f"Satuan : {item['unit']}", f"Kode Rekening : {item.get('account_code') or '-'}",
               f"Periode : {period}"],
        columns=columns, groups=groups, sign_on=end or None, signers=signers)
    printable.rows.append(["", start or "", "Saldo awal", None, None, None, None, None, totals["opening_qty"],
                           totals["opening_value"]])
    for n, row in enumerate(card["items"], start=1):
        printable.rows.append([
            n, row["moved_on"], f"{KINDS.get(row['kind'], row['kind'])}: {row['reference']}",
            row["qty_in"] or None, row["unit_price"], row["value_in"] or None, row["qty_out"] or None,
            row["value_out"] or None, row["balance_qty"], row["balance_value"]])
    printable.bold.add(len(printable.rows))
    printable.rows.append(["", "", "Jumlah", totals["in_qty"], None, totals["in_value"], totals["out_qty"],
                           totals["out_value"], totals["closing_qty"], totals["closing_value"]])
    return printable


def report_printable(report: dict, bureau: str, signers: tuple[Signer, Signer]) -> Printable:
    """The semester report (``SupplyReportOut``)."""
    semester = "I (Januari–Juni)" if report["semester"] == 1 else "II (Juli–Desember)"
    columns = [Column("No", 0.03, "center"), Column("Kode Barang", 0.07), Column("Nama Barang", 0.18),
               Column("Satuan", 0.05, "center")]
    for _ in range(5):
        columns += [Column("Jumlah", 0.045, "number"), Column("Nilai (Rp)", 0.0, "number")]
    value_width = (1 - sum(c.width for c in columns)) / 5
    columns = [Column(c.header, value_width, c.kind) if c.width == 0.0 else c for c in columns]
    groups = [("", 4), ("Saldo Awal", 2), ("Penerimaan", 2), ("Pengeluaran", 2), ("Penyesuaian (Opname)", 2),
              ("Saldo Akhir", 2)]
    printable = Printable(
        slug=f"laporan-persediaan-{report['year']}-s{report['semester']}",
        title="LAPORAN PERSEDIAAN SEMESTERAN",
        lines=[f"SKPD : {bureau}", f"Tahun : {report['year']}", f"Semester : {semester}",
               f"Periode : {format_date_id(report['period_start'])} s.d. {format_date_id(report['period_end'])}"],
        columns=columns, groups=groups, sign_on=report["period_end"], signers=signers)

    def amounts(row):
        return [row["opening_qty"], row["opening_value"], row["received_qty"], row["received_value"],
                row["issued_qty"], row["issued_value"], row["adjusted_qty"], row["adjusted_value"],
                row["closing_qty"], row["closing_value"]]

    for n, row in enumerate(report["rows"], start=1):
        printable.rows.append([n, row["code"], row["name"], row["unit"], *amounts(row)])
    printable.bold.add(len(printable.rows))
    printable.rows.append(["", "", "JUMLAH", "", *amounts(report["totals"])])
    return printable


# -- rendering ---------------------------------------------------------------------------------------------------

def _pdf_cell(value, column: Column, bold: bool):
    if value is None:
        return ""
    if isinstance(value, date):
        return _ddmmyyyy(value)
    if column.kind == "number" and isinstance(value, int):
        return format_number(value) if value >= 0 else f"-{format_number(-value)}"
    if column.kind == "text":
        return Paragraph(pdf_text(value), ParagraphStyle("b", parent=CELL, fontName=FONT_BOLD) if bold else CELL)
    return str(value)


def _pdf_table(printable: Printable) -> Table:
    columns = printable.columns
    style = [("FONT", (0, 0), (-1, -1), FONT, 7.5), ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 3),
             ("RIGHTPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (-1, -1), 2),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("BACKGROUND", (0, 0), (-1, 2), colors.Color(0.9, 0.9, 0.9)),
             ("ALIGN", (0, 2), (-1, 2), "CENTER"), ("FONT", (0, 2), (-1, 2), FONT, 6.5)]
    groups, headers = [], [Paragraph(esc(c.header), HEAD) for c in columns]
    col = 0
    for label, span in printable.groups:
        groups += [Paragraph(esc(label), HEAD)] + [""] * (span - 1)
        if label:
            if span > 1:
                style.append(("SPAN", (col, 0), (col + span - 1, 0)))
        else:                     # no group: the column's header spans both header rows
            for c in range(col, col + span):
                style.append(("SPAN", (c, 0), (c, 1)))
                groups[c] = headers[c]
        col += span
    data = [groups, headers, [str(i + 1) for i in range(len(columns))]]
    first = len(data)
    for i, row in enumerate(printable.rows):
        bold = i in printable.bold
        data.append([_pdf_cell(v, c, bold) for v, c in zip(row, columns, strict=True)])
        if bold:
            style.append(("FONT", (0, first + i), (-1, first + i), FONT_BOLD, 7.5))
    for j, column in enumerate(columns):
        if column.kind == "number":
            style.append(("ALIGN", (j, first), (j, -1), "RIGHT"))
        elif column.kind == "center":
            style.append(("ALIGN", (j, first), (j, -1), "CENTER"))
    return Table(data, colWidths=[c.width * WIDTH for c in columns], repeatRows=first, style=TableStyle(style),
                 hAlign="LEFT")


def _page_number(canvas, doc):
    canvas.saveState()
    canvas.setFont(FONT, 7)
    canvas.drawRightString(PAGE[0] - MARGIN, MARGIN / 2, f"Halaman {doc.page}")
    canvas.restoreState()


def render_pdf(printable: Printable) -> bytes:
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                          bottomMargin=MARGIN, title=printable.title, creator="SITU OK", invariant=1)
    frame = Frame(MARGIN, MARGIN, WIDTH, PAGE[1] - 2 * MARGIN, id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("supplies", [frame], onPageEnd=_page_number)])
    story = [KopFlowable(Kop()), Paragraph(esc(printable.title), TITLE), Spacer(1, 6)]
    story += [Paragraph(esc(line), LINE) for line in printable.lines]
    story += [Spacer(1, 8), _pdf_table(printable)]
    if printable.signers:
        head, keeper = printable.signers
        when = f"{PLACE}, {esc(format_date_id(printable.sign_on))}" if printable.sign_on else f"{PLACE}, ............"
        story.append(KeepTogether([Spacer(1, 14), signature_grid(
            [(["Mengetahui,"], head, None), ([when], keeper, None)], width=WIDTH, style=SIGN, space=1.8 * cm)]))
    doc.build(story)
    return buffer.getvalue()


def render_xlsx(printable: Printable) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = printable.title[:31]
    width = len(printable.columns)
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
    append_row(ws, [])
    row = []
    for label, span in printable.groups:
        row += [label] + [None] * (span - 1)
    append_row(ws, row)
    col = 1
    for _label, span in printable.groups:
        if span > 1:
            ws.merge_cells(start_row=ws.max_row, start_column=col, end_row=ws.max_row, end_column=col + span - 1)
        col += span
    append_row(ws, [c.header for c in printable.columns])
    for r in (ws.max_row - 1, ws.max_row):
        for cell in ws[r][:width]:
            cell.font, cell.border, cell.fill = bold, box, grey
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, values in enumerate(printable.rows):
        append_row(ws, values)
        for cell, column in zip(ws[ws.max_row][:width], printable.columns, strict=False):
            cell.border = box
            if i in printable.bold:
                cell.font = bold
            if column.kind == "number":
                cell.number_format = "#,##0"
            elif isinstance(cell.value, date):
                cell.number_format = "DD-MM-YYYY"
    if printable.signers:
        head, keeper = printable.signers
        right = max(width - 2, 2)
        append_row(ws, [])

        def pair(left: str, right_text: str) -> None:
            cells = [None] * width
            cells[1], cells[right - 1] = left, right_text
            append_row(ws, cells)

        when = format_date_id(printable.sign_on) if printable.sign_on else "............"
        pair("Mengetahui,", f"{PLACE}, {when}")
        pair(head.position, keeper.position)
        for _ in range(3):
            append_row(ws, [])
        pair(head.name or "." * 30, keeper.name or "." * 30)
        pair(f"NIP. {head.nip}" if head.nip else "", f"NIP. {keeper.nip}" if keeper.nip else "")
    for index, column in enumerate(printable.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = max(7, round(column.width * 150))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def render(printable: Printable, fmt: str) -> dict:
    """``{filename, content_type, content}`` of ``printable`` as ``fmt`` (``pdf`` or ``xlsx``)."""
    content = render_xlsx(printable) if fmt == "xlsx" else render_pdf(printable)
    return {"filename": f"{printable.slug}.{fmt}", "content_type": CONTENT_TYPES[fmt], "content": content}
