"""The KIB (Kartu Inventaris Barang) A–F as files, and the grid renderer the asset reports share (the KIR, the
depreciation report): a ``Sheet`` — title, the lines under it, columns, rows *streamed* (an iterable: a KIB of
10,000 items is never held as objects), the totals of its money columns, the signers — drawn as a PDF (A4
landscape, the kop surat on the first page, the column headers repeated on every page, the page number) or
written as an XLSX (XlsxWriter, streamed row by row; numbers as numbers, dates as dates, text never a formula).

The PDF is drawn straight on reportlab's canvas, not with platypus tables: a platypus ``Table`` of 10,000 rows
takes seconds; a line of text per cell does not. Long text wraps onto a second line and is cut with "…" after
it. People's text is never read as mark-up (the canvas draws strings as they are; the signature blocks escape).

The KIB columns follow the usual forms of the KIB A–F (Permendagri 19/2016 / 108/2016 formats, *verify* with
the bureau's own forms): each ``Column`` reads its value from an exported row (``domain.kib_export``: the
item's columns plus its ``details``, whose keys per KIB are the register's).
"""
from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

import xlsxwriter
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas
from situok_kit.exports import is_formula_like
from situok_kit.letters.data import Kop, Signer
from situok_kit.letters.formatting import format_number
from situok_kit.letters.kop import KopFlowable
from situok_kit.letters.layout import signature_grid
from situok_kit.letters.styles import FONT, FONT_BOLD, SIGN

CONTENT_TYPES = {"pdf": "application/pdf",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
FORMATS = tuple(CONTENT_TYPES)
PLACE = "Denpasar"
SKPD = "Sekretariat Daerah Provinsi Bali"
PROVINCE = "Provinsi Bali"

PAGE = landscape(A4)
MARGIN = 1.2 * cm
WIDTH = PAGE[0] - 2 * MARGIN
SIZE = 6.5
LEADING = 7.6
PAD = 2.0


@dataclass(frozen=True)
class Column:
    header: str
    #: Share of the page width.
    width: float
    #: ``text`` (wraps), ``short`` (one line, centred), ``money`` (summed), ``number`` (right), ``date``.
    kind: str = "text"
    #: The value from a row (a dict); None: the row is a list already in column order.
    get: Callable[[dict], object] | None = None


@dataclass
class Sheet:
    slug: str
    title: str
    lines: list[str]
    columns: Sequence[Column]
    #: Lists in column order, or dicts read by each column's ``get`` (``number`` fills column "No").
    rows: Iterable
    #: Signature blocks side by side: (lines above the position, the signer).
    signers: list[tuple[list[str], Signer]] = field(default_factory=list)
    #: The label of the totals row (None: no totals row).
    totals_label: str | None = "Jumlah"
    #: Sheet name in the XLSX.
    sheet_name: str = "Laporan"
    notes: list[str] = field(default_factory=list)


def _values(sheet: Sheet) -> Iterable[list]:
    for n, row in enumerate(sheet.rows, 1):
        if isinstance(row, dict):
            yield [n if c.get is None else c.get(row) for c in sheet.columns]
        else:
            yield row


def _shown(value, kind: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, (date, datetime)):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, int):
        return format_number(value) if kind in ("money", "number") else str(value)
    if isinstance(value, float):
        return f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    return str(value)


@lru_cache(maxsize=4)
def _widths(font: str) -> list[int]:
    return getFont(font).widths


@lru_cache(maxsize=50_000)
def _width(text: str, font: str) -> float:
    """The width of ``text`` at ``SIZE`` (the standard fonts' WinAnsi widths: reportlab's own measure, in pure
    Python here, is the slowest part of a 10,000-row KIB)."""
    try:
        encoded = text.encode("cp1252")
    except UnicodeEncodeError:
        return stringWidth(text, font, SIZE)
    widths = _widths(font)
    return sum(widths[b] for b in encoded) * SIZE / 1000


def _fit(text: str, font: str, width: float) -> str:
    if _width(text, font) <= width:
        return text
    while text and _width(text + "…", font) > width:
        text = text[:-1]
    return text + "…"


@lru_cache(maxsize=50_000)
def _cell_lines(text: str, kind: str, width: float, font: str) -> tuple[str, ...]:
    if not text:
        return ()
    if kind != "text" or _width(text, font) <= width:
        return (_fit(text, font, width),)
    lines = simpleSplit(text, font, SIZE, width)
    if len(lines) > 2:
        lines = [lines[0], _fit(" ".join(lines[1:]), font, width)]
    return tuple(line if _width(line, font) <= width else _fit(line, font, width) for line in lines)


#: WinAnsi bytes (read as Latin-1 characters) as a PDF string's text: ``(``, ``)``, ``\\`` escaped, the rest of the
#: bytes outside printable ASCII as octal escapes (the page stream is written as UTF-8 text).
_PDF_ESCAPES = {**{b: f"\\{b:03o}" for b in range(256) if b < 32 or b > 126},
                ord("("): "\\(", ord(")"): "\\)", ord("\\"): "\\\\"}


def _pdf_string(text: str) -> str:
    return text.encode("cp1252", "replace").decode("latin-1").translate(_PDF_ESCAPES)


class _Pdf:
    """The canvas, where the next row goes, and the grid's vertical lines of this page."""

    def __init__(self, sheet: Sheet, buffer):
        self.sheet = sheet
        self.c = Canvas(buffer, pagesize=PAGE, invariant=1)
        self.c.setTitle(sheet.title)
        self.c.setCreator("SITU OK")
        self.c.setAuthor("Biro Umum dan Protokol Setda Provinsi Bali")
        self.widths = [c.width * WIDTH for c in sheet.columns]
        self.xs = [MARGIN]
        for w in self.widths:
            self.xs.append(self.xs[-1] + w)
        self.page = 1
        self.y = PAGE[1] - MARGIN
        self.table_top: float | None = None
        heads = [simpleSplit(c.header, FONT_BOLD, SIZE, w - 2 * PAD) or [""] for c, w in
                 zip(sheet.columns, self.widths, strict=True)]
        self.heads = heads
        self.head_height = max(len(h) for h in heads) * LEADING + 2 * PAD

    def _page_number(self):
        self.c.setFont(FONT, 7)
        self.c.drawRightString(PAGE[0] - MARGIN, MARGIN / 2, f"Halaman {self.page}")

    def _close_grid(self):
        if self.table_top is None:
            return
        c = self.c
        for x in self.xs:
            c.line(x, self.table_top, x, self.y)
        self.table_top = None

    def new_page(self, header: bool):
        self._close_grid()
        self._page_number()
        self.c.showPage()
        self.page += 1
        self.y = PAGE[1] - MARGIN
        if header:
            self.header()

    def top(self):
        c = self.c
        kop = KopFlowable(Kop())
        _, h = kop.wrapOn(c, WIDTH, PAGE[1])
        kop.drawOn(c, MARGIN, self.y - h)
        self.y -= h
        c.setFont(FONT_BOLD, 11)
        for line in self.sheet.title.split("\n"):
            c.drawCentredString(PAGE[0] / 2, self.y - 11, line)
            self.y -= 14
        self.y -= 4
        c.setFont(FONT, 8.5)
        for line in self.sheet.lines:
            c.drawString(MARGIN, self.y - 9, line)
            self.y -= 11
        self.y -= 4

    def header(self):
        c = self.c
        c.setLineWidth(0.4)
        top = self.y
        c.setFillGray(0.9)
        c.rect(MARGIN, top - self.head_height - LEADING - 2, WIDTH, self.head_height + LEADING + 2, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(FONT_BOLD, SIZE)
        for lines, x, w in zip(self.heads, self.xs, self.widths, strict=False):
            for i, line in enumerate(lines):
                c.drawCentredString(x + w / 2, top - PAD - (i + 1) * LEADING + 1.5, line)
        c.line(MARGIN, top, MARGIN + WIDTH, top)
        y = top - self.head_height
        c.line(MARGIN, y, MARGIN + WIDTH, y)
        c.setFont(FONT, SIZE - 1)
        for i, (x, w) in enumerate(zip(self.xs, self.widths, strict=False), 1):
            c.drawCentredString(x + w / 2, y - LEADING + 1, str(i))
        y -= LEADING + 2
        c.line(MARGIN, y, MARGIN + WIDTH, y)
        self.table_top, self.y = top, y

    def row(self, values: list, bold: bool = False):
        font = FONT_BOLD if bold else FONT
        cells = [_cell_lines(_shown(v, col.kind), col.kind, w - 2 * PAD, font)
                 for v, col, w in zip(values, self.sheet.columns, self.widths, strict=True)]
        height = max(1, *(len(lines) for lines in cells)) * LEADING + 2 * PAD - 1
        if self.y - height < MARGIN:
            self.new_page(header=True)
        c = self.c
        c.setFont(font, SIZE)   # the font is in the page's resources; the cells are written as raw operators
        ref = c._doc.getInternalFontName(font)
        ops = []
        for lines, col, x, w in zip(cells, self.sheet.columns, self.xs, self.widths, strict=False):
            for i, line in enumerate(lines):
                base = self.y - PAD - (i + 1) * LEADING + 1.8
                if col.kind in ("money", "number"):
                    left = x + w - PAD - _width(line, font)
                elif col.kind == "text":
                    left = x + PAD
                else:
                    left = x + (w - _width(line, font)) / 2
                ops.append(f"BT {ref} {SIZE} Tf 1 0 0 1 {left:.2f} {base:.2f} Tm ({_pdf_string(line)}) Tj ET")
        self.y -= height
        ops.append(f"{MARGIN:.2f} {self.y:.2f} m {MARGIN + WIDTH:.2f} {self.y:.2f} l S")
        c._code.append("\n".join(ops))

    def flowable(self, flowable, gap: float = 10):
        _, h = flowable.wrapOn(self.c, WIDTH, PAGE[1])
        if self.y - gap - h < MARGIN:
            self.new_page(header=False)
        self.y -= gap
        flowable.drawOn(self.c, MARGIN, self.y - h)
        self.y -= h

    def finish(self) -> None:
        self._close_grid()
        self._page_number()
        self.c.save()


def _totals_row(sheet: Sheet, sums: dict[int, int]) -> list:
    money = [i for i, c in enumerate(sheet.columns) if c.kind == "money"]
    row: list = [None] * len(sheet.columns)
    label_at = max(0, (min(money) if money else len(row)) - 1)
    for i in money:
        row[i] = sums.get(i, 0)
    row[label_at] = sheet.totals_label
    return row


def _add(sums: dict[int, int], sheet: Sheet, values: list) -> None:
    for i, column in enumerate(sheet.columns):
        if column.kind == "money" and isinstance(values[i], int):
            sums[i] = sums.get(i, 0) + values[i]


def render_pdf(sheet: Sheet) -> bytes:
    """The sheet as a PDF. Its page streams are compressed without reportlab's ASCII85 layer (pure Python here,
    and a second of a large KIB): the setting is global, so it is restored at once — nothing in between yields
    to another green thread."""
    from reportlab import rl_config

    a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        return _render_pdf(sheet)
    finally:
        rl_config.useA85 = a85


def _render_pdf(sheet: Sheet) -> bytes:
    from reportlab.platypus import Paragraph

    buffer = io.BytesIO()
    pdf = _Pdf(sheet, buffer)
    pdf.top()
    pdf.header()
    sums: dict[int, int] = {}
    for values in _values(sheet):
        _add(sums, sheet, values)
        pdf.row(values)
    if sheet.totals_label:
        pdf.row(_totals_row(sheet, sums), bold=True)
    pdf._close_grid()
    from situok_kit.letters.layout import esc

    for note in sheet.notes:
        pdf.flowable(Paragraph(esc(note), SIGN), gap=4)
    if sheet.signers:
        blocks = [([esc(line) for line in lead], signer, None) for lead, signer in sheet.signers]
        pdf.flowable(signature_grid(blocks, width=WIDTH, style=SIGN, space=1.6 * cm), gap=14)
    pdf.finish()
    return buffer.getvalue()


# -- XLSX ------------------------------------------------------------------------------------------------
# XlsxWriter in constant-memory mode streams the sheet row by row to a temporary file (a 10,000-row KIB in about
# 2 s, within the 3 s target; openpyxl without lxml spends more). Text is always text (no string becomes a formula
# or a number: ``strings_to_formulas``/``strings_to_numbers`` off; formula-like text also gets Excel's quote
# prefix), numbers are numbers, dates are dates.

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class _Xlsx:
    """One worksheet written top to bottom (XlsxWriter's constant-memory mode needs rows in order)."""

    def __init__(self, buffer: io.BytesIO, sheet_name: str, columns: Sequence[Column]):
        self.book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": False,
                                                 "strings_to_formulas": False, "strings_to_numbers": False,
                                                 "strings_to_urls": False})
        self.sheet = self.book.add_worksheet(sheet_name[:31])
        base = {"font_name": "Arial", "font_size": 10}
        self.plain = self.book.add_format(base)
        self.bold = self.book.add_format({**base, "bold": True})
        self.header = self.book.add_format({**base, "bold": True, "bg_color": "#E6E6E6", "border": 1,
                                            "align": "center", "valign": "vcenter", "text_wrap": True})
        self.money = self.book.add_format({**base, "num_format": "#,##0"})
        self.money_bold = self.book.add_format({**base, "num_format": "#,##0", "bold": True})
        self.day = self.book.add_format({**base, "num_format": "dd-mm-yyyy"})
        self.quoted = self.book.add_format({**base, "quote_prefix": True})
        for i, column in enumerate(columns):
            self.sheet.set_column(i, i, max(5, round(column.width * 230)))
        self.number = -1

    def row(self, values: Sequence = (), style=None, money: frozenset[int] = frozenset(), first: int = 0) -> None:
        self.number += 1
        for i, value in enumerate(values, start=first):
            self.cell(i, value, style, i in money)

    def cell(self, col: int, value, style, money: bool) -> None:
        if value is None or value == "":
            return
        if isinstance(value, bool):
            self.sheet.write_boolean(self.number, col, value, style or self.plain)
        elif isinstance(value, (int, float)):
            fmt = (self.money_bold if style is self.bold else self.money) if money else (style or self.plain)
            self.sheet.write_number(self.number, col, value, fmt)
        elif isinstance(value, (date, datetime)):
            day = value.date() if isinstance(value, datetime) else value
            self.sheet.write_datetime(self.number, col, datetime(day.year, day.month, day.day), self.day)
        else:
            text = _CONTROL.sub("", str(value))
            quoted = style is None and is_formula_like(text)
            self.sheet.write_string(self.number, col, text, self.quoted if quoted else (style or self.plain))

    def close(self) -> None:
        self.book.close()


def render_xlsx(sheet: Sheet) -> bytes:
    columns = sheet.columns
    money = frozenset(i for i, c in enumerate(columns) if c.kind == "money")
    buffer = io.BytesIO()
    out = _Xlsx(buffer, sheet.sheet_name, columns)
    kop = Kop()
    for text in (kop.government, kop.office, kop.unit, *sheet.title.split("\n")):
        out.row([text], out.bold)
    for line in sheet.lines:
        out.row([line])
    out.row()
    out.row([c.header for c in columns], out.header)
    out.row([i + 1 for i in range(len(columns))], out.header)
    sums: dict[int, int] = {}
    for values in _values(sheet):
        _add(sums, sheet, values)
        out.row(values, money=money)
    if sheet.totals_label:
        out.row(_totals_row(sheet, sums), out.bold, money)
    for note in sheet.notes:
        out.row()
        out.row([note])
    if sheet.signers:
        out.row()
        step = max(1, len(columns) // len(sheet.signers))
        blocks = [[*lead, *signer.position.split("\n"), "", "", signer.name or "",
                   *([f"NIP. {signer.nip}"] if signer.nip else [])] for lead, signer in sheet.signers]
        height = max(len(b) for b in blocks)
        for r in range(height):
            out.row()
            for b, block in enumerate(blocks):
                offset = height - len(block)
                if r >= offset:
                    out.cell(b * step + 1, block[r - offset], None, False)
    out.close()
    return buffer.getvalue()


def render(sheet: Sheet, fmt: str) -> dict:
    """The answer of a file RPC: ``{filename, content_type, content}``."""
    content = render_pdf(sheet) if fmt == "pdf" else render_xlsx(sheet)
    return {"filename": f"{sheet.slug}.{fmt}", "content_type": CONTENT_TYPES[fmt], "content": content}


# -- the KIB forms ---------------------------------------------------------------------------------------

SOURCE_LABELS = {"apbd": "APBD", "apbn": "APBN", "hibah": "Hibah", "tukar_menukar": "Tukar Menukar",
                 "ketentuan_hukum": "Ketentuan Hukum", "lainnya": "Lainnya"}
CONDITION_LABELS = {"B": "Baik", "KB": "Kurang Baik", "RB": "Rusak Berat"}


def _d(key: str) -> Callable[[dict], object]:
    return lambda row: (row.get("details") or {}).get(key)


def register_no(number: int | None) -> str:
    return f"{number:04d}" if number else ""


def _floors(row: dict) -> str:
    floors = (row.get("details") or {}).get("floors")
    return "" if floors in (None, "") else ("Bertingkat" if int(floors) > 1 else "Tidak")


def _concrete(row: dict) -> str:
    value = (row.get("details") or {}).get("concrete")
    return "" if value is None else ("Beton" if value else "Tidak")


def _area(key: str) -> Callable[[dict], object]:
    def get(row):
        value = (row.get("details") or {}).get(key)
        try:
            return None if value in (None, "") else float(value)
        except (TypeError, ValueError):
            return str(value)
    return get


NO = Column("No", 0.03, "short")
CODE = Column("Kode Barang", 0.085, "short", lambda r: r["code"])
NAME = Column("Nama Barang / Jenis Barang", 0.11, "text", lambda r: r["name"])
REGISTER = Column("Nomor Register", 0.045, "short", lambda r: register_no(r["register_number"]))
YEAR = Column("Tahun Pembelian", 0.045, "short", lambda r: r["acquisition_year"])
SOURCE = Column("Asal Usul", 0.05, "short", lambda r: SOURCE_LABELS.get(r["source"], r["source"]))
PRICE = Column("Harga (Rp)", 0.08, "money", lambda r: r["acquisition_value"])
CONDITION = Column("Kondisi", 0.045, "short", lambda r: r["condition"])
NOTES = Column("Keterangan", 0.0, "text", lambda r: r.get("notes"))


def _fill(columns: list[Column]) -> tuple[Column, ...]:
    """The last column (Keterangan) takes the width the others leave."""
    rest = 1 - sum(c.width for c in columns[:-1])
    last = columns[-1]
    return (*columns[:-1], Column(last.header, max(rest, 0.04), last.kind, last.get))


KIB_COLUMNS: dict[str, tuple[Column, ...]] = {
    "A": _fill([NO, CODE, Column("Nama Barang / Jenis Barang", 0.12, "text", lambda r: r["name"]), REGISTER,
                Column("Luas (m²)", 0.055, "number", _area("area_m2")),
                Column("Tahun Pengadaan", 0.05, "short", lambda r: r["acquisition_year"]),
                Column("Letak / Alamat", 0.14, "text", _d("address")),
                Column("Hak", 0.05, "short", _d("rights")),
                Column("Sertifikat Tanggal", 0.06, "short", _d("certificate_date")),
                Column("Sertifikat Nomor", 0.08, "text", _d("certificate_number")),
                Column("Penggunaan", 0.08, "text", _d("use")), SOURCE, PRICE, NOTES]),
    "B": _fill([NO, CODE, NAME, REGISTER, Column("Merk / Type", 0.08, "text",
                                                 lambda r: " / ".join(str(v) for v in (
                                                     (r.get("details") or {}).get("brand"),
                                                     (r.get("details") or {}).get("type")) if v)),
                Column("Ukuran / CC", 0.04, "short", _d("size_cc")), Column("Bahan", 0.045, "short", _d("material")),
                YEAR, Column("Nomor Pabrik", 0.06, "text", _d("serial_number")),
                Column("Nomor Rangka", 0.065, "text", _d("frame_number")),
                Column("Nomor Mesin", 0.06, "text", _d("engine_number")),
                Column("Nomor Polisi", 0.05, "short", _d("plate_number")),
                Column("Nomor BPKB", 0.055, "text", _d("bpkb_number")), SOURCE, PRICE, NOTES]),
    "C": _fill([NO, CODE, NAME, REGISTER, CONDITION,
                Column("Bertingkat / Tidak", 0.05, "short", _floors),
                Column("Beton / Tidak", 0.04, "short", _concrete),
                Column("Luas Lantai (m²)", 0.05, "number", _area("floor_area_m2")),
                Column("Letak / Lokasi Alamat", 0.11, "text", _d("address")),
                Column("Dokumen Tanggal", 0.055, "short", _d("document_date")),
                Column("Dokumen Nomor", 0.07, "text", _d("document_number")),
                Column("Luas Tanah (m²)", 0.045, "number", _area("land_area_m2")),
                Column("Status Tanah", 0.05, "short", _d("land_status")),
                Column("Nomor Kode Tanah", 0.065, "short", _d("land_code")), SOURCE, PRICE, NOTES]),
    "D": _fill([NO, CODE, NAME, REGISTER, Column("Konstruksi", 0.06, "text", _d("construction")),
                Column("Panjang (m)", 0.045, "number", _area("length_m")),
                Column("Lebar (m)", 0.04, "number", _area("width_m")),
                Column("Luas (m²)", 0.045, "number", _area("area_m2")),
                Column("Letak / Lokasi", 0.11, "text", _d("address")),
                Column("Dokumen Tanggal", 0.055, "short", _d("document_date")),
                Column("Dokumen Nomor", 0.07, "text", _d("document_number")),
                Column("Status Tanah", 0.05, "short", _d("land_status")), SOURCE, PRICE, CONDITION, NOTES]),
    "E": _fill([NO, CODE, NAME, REGISTER, Column("Buku: Judul / Pencipta", 0.1, "text",
                                                 lambda r: " / ".join(str(v) for v in (
                                                     (r.get("details") or {}).get("title"),
                                                     (r.get("details") or {}).get("author")) if v)),
                Column("Buku: Spesifikasi", 0.07, "text", _d("specification")),
                Column("Kesenian: Asal Daerah", 0.06, "text", _d("origin")),
                Column("Kesenian: Pencipta", 0.06, "text", _d("creator")),
                Column("Kesenian: Bahan", 0.05, "short", _d("material")),
                Column("Hewan/Tumbuhan: Jenis", 0.06, "text", _d("kind")),
                Column("Hewan/Tumbuhan: Ukuran", 0.05, "short", _d("size")),
                Column("Tahun Cetak / Pembelian", 0.05, "short", lambda r: r["acquisition_year"]),
                SOURCE, PRICE, NOTES]),
    "F": _fill([NO, CODE, NAME, REGISTER, Column("Bangunan (P, SP, D)", 0.05, "short", _d("construction")),
                Column("Bertingkat / Tidak", 0.05, "short", _floors),
                Column("Beton / Tidak", 0.04, "short", _concrete),
                Column("Luas (m²)", 0.045, "number", _area("area_m2")),
                Column("Letak / Lokasi Alamat", 0.11, "text", _d("address")),
                Column("Dokumen Tanggal", 0.055, "short", _d("document_date")),
                Column("Dokumen Nomor", 0.07, "text", _d("document_number")),
                Column("Tgl/Bln/Thn Mulai", 0.055, "short", _d("start_date")),
                Column("Status Tanah", 0.05, "short", _d("land_status")), SOURCE,
                Column("Nilai Kontrak (Rp)", 0.08, "money", lambda r: r["acquisition_value"]), NOTES]),
}
KIB_TITLES = {"A": "KARTU INVENTARIS BARANG (KIB) A\nTANAH",
              "B": "KARTU INVENTARIS BARANG (KIB) B\nPERALATAN DAN MESIN",
              "C": "KARTU INVENTARIS BARANG (KIB) C\nGEDUNG DAN BANGUNAN",
              "D": "KARTU INVENTARIS BARANG (KIB) D\nJALAN, IRIGASI DAN JARINGAN",
              "E": "KARTU INVENTARIS BARANG (KIB) E\nASET TETAP LAINNYA",
              "F": "KARTU INVENTARIS BARANG (KIB) F\nKONSTRUKSI DALAM PENGERJAAN"}


def kib_sheet(kib: str, rows: Iterable[dict], *, bureau_name: str, unit_code: str, filters_line: str | None,
              signers: list[tuple[list[str], Signer]], slug: str) -> Sheet:
    lines = [f"Provinsi : {PROVINCE}", f"SKPD : {SKPD}", f"Unit : {bureau_name}",
             f"Kode Lokasi : {unit_code}"]
    if filters_line:
        lines.append(f"Saringan : {filters_line}")
    return Sheet(slug=slug, title=KIB_TITLES[kib], lines=lines, columns=KIB_COLUMNS[kib], rows=rows,
                 signers=signers, sheet_name=f"KIB {kib}")
