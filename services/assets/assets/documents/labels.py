"""QR labels of the register's items, printed on A4 label sheets.

A label: the QR code of the item's page (``<base_url>/aset/barang/<id>``: a phone's camera, or the web's scan
page, opens it), the bureau's name, the item's code, its register number (``0001``), its name (shortened to
fit two lines) and acquisition year. The sheets are the usual A4 label papers, described as data
(``LAYOUTS``: columns × rows, label size, page margins and pitch), so another paper is one more row.

The QR is drawn as dark squares straight on the canvas (``qr_modules``: reportlab's encoder, level M, a fixed
mask), with a quiet zone of two modules inside the label's margin. Nothing here reads a database or a clock.
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from situok_kit.letters.styles import FONT, FONT_BOLD


@dataclass(frozen=True)
class LabelLayout:
    """An A4 (or other) label paper: ``columns`` × ``rows`` labels of ``width`` × ``height`` points, the first
    one ``left``/``top`` from the page's edges, the next one ``h_pitch``/``v_pitch`` further."""

    key: str
    name: str
    page: tuple[float, float]
    columns: int
    rows: int
    width: float
    height: float
    left: float
    top: float
    h_pitch: float
    v_pitch: float

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def origin(self, index: int) -> tuple[float, float]:
        """The bottom-left corner of label ``index`` (0-based, left to right, top to bottom) on its sheet."""
        row, col = divmod(index % self.per_sheet, self.columns)
        x = self.left + col * self.h_pitch
        y = self.page[1] - self.top - row * self.v_pitch - self.height
        return x, y


LAYOUTS = {
    layout.key: layout for layout in (
        # 24 labels of 70 × 37 mm, edge to edge (the common "A4 3×8" paper, e.g. Avery 3474 / Tom & Jerry 24)
        LabelLayout("a4-3x8", "A4, 3 × 8 label 70 × 37 mm", A4, 3, 8, 70 * mm, 37 * mm, 0, 0.5 * mm,
                    70 * mm, 37 * mm),
        # 21 labels of 63.5 × 38.1 mm (Avery L7160)
        LabelLayout("a4-3x7", "A4, 3 × 7 label 63,5 × 38,1 mm", A4, 3, 7, 63.5 * mm, 38.1 * mm, 7.2 * mm,
                    15.15 * mm, 66.04 * mm, 38.1 * mm),
    )
}
DEFAULT_LAYOUT = "a4-3x8"
PAD = 2.5 * mm
QR_BORDER = 2
QR_MASK = 0


@dataclass(frozen=True)
class Label:
    url: str
    code: str
    register_number: int
    name: str
    acquisition_year: int
    bureau_name: str


def qr_box(layout: LabelLayout, index: int) -> tuple[float, float, float]:
    """Where label ``index``'s QR is drawn: (x, y, size) in points, its quiet zone included."""
    x, y = layout.origin(index)
    size = layout.height - 2 * PAD
    return x + PAD, y + PAD, size


def shorten(text: str, font: str, size: float, width: float, lines: int) -> list[str]:
    """``text`` wrapped to at most ``lines`` lines of ``width``, the last cut with "…" when it is longer."""
    wrapped = simpleSplit(" ".join(str(text).split()), font, size, width)
    if len(wrapped) <= lines:
        return wrapped
    kept, rest = wrapped[:lines - 1], " ".join(wrapped[lines - 1:])
    while rest and stringWidth(rest + "…", font, size) > width:
        rest = rest[:-1]
    return [*kept, rest.rstrip() + "…"]


def qr_modules(value: str) -> list[list[bool]]:
    """The dark/light matrix of ``value`` at error-correction level M, as ``situok_kit.letters.qr.qr_modules`` with
    one difference: the mask is fixed (``QR_MASK``) instead of the best of eight. Scoring the eight masks is nine
    tenths of reportlab's pure-Python encoder, and a sheet of 1,000 labels must fit in an RPC's time; any mask
    makes a valid code (readers take it from the format bits), a fixed one only looks less even."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(value)
    code.version = code.calculate_version()
    code.makeImpl(False, QR_MASK)
    return [[bool(m) for m in row] for row in code.modules]


def _draw_qr(c: Canvas, value: str, x: float, y: float, size: float) -> None:
    """The dark modules as filled rectangles, one per run of dark modules in a row, written as raw PDF operators
    (reportlab's path objects format every number through pure Python: a sheet of 240 labels took seconds)."""
    modules = qr_modules(value)
    count = len(modules) + 2 * QR_BORDER
    box = size / count
    ops = []
    for r, row in enumerate(modules):
        top = y + size - (r + QR_BORDER + 1) * box
        start = None
        for col, dark in enumerate([*row, False]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                ops.append(f"{x + (start + QR_BORDER) * box:.3f} {top:.3f} {(col - start) * box:.3f} "
                           f"{box * 1.02:.3f} re")
                start = None
    c.setFillGray(0)
    c._code.append("\n".join(ops) + "\nf")


def _draw_label(c: Canvas, layout: LabelLayout, index: int, label: Label) -> None:
    qx, qy, size = qr_box(layout, index)
    _draw_qr(c, label.url, qx, qy, size)
    x0, y0 = layout.origin(index)
    left = qx + size + 1.5 * mm
    width = x0 + layout.width - PAD - left
    y = y0 + layout.height - PAD
    c.setFillGray(0)
    for line in shorten(label.bureau_name, FONT, 5.2, width, 2):
        y -= 6
        c.setFont(FONT, 5.2)
        c.drawString(left, y, line)
    y -= 2
    c.setLineWidth(0.4)
    c.line(left, y, left + width, y)
    y -= 8.5
    c.setFont(FONT_BOLD, 7.2)
    c.drawString(left, y, shorten(label.code, FONT_BOLD, 7.2, width, 1)[0])
    y -= 9.5
    c.setFont(FONT_BOLD, 8)
    c.drawString(left, y, f"No. Reg. {label.register_number:04d}")
    c.setFont(FONT, 6.5)
    for line in shorten(label.name, FONT, 6.5, width, 2):
        y -= 8
        c.drawString(left, y, line)
    c.setFont(FONT, 6.5)
    c.drawString(left, y0 + PAD, f"Tahun {label.acquisition_year}")


def render(labels: Sequence[Label], layout_key: str = DEFAULT_LAYOUT, *, skip: int = 0) -> bytes:
    """The labels on as many sheets as they need; ``skip`` leaves the first labels of the first sheet blank (a
    sheet already partly used)."""
    layout = LAYOUTS[layout_key]
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=layout.page, invariant=1)
    c.setTitle("Label barang")
    c.setCreator("SITU OK")
    for n, label in enumerate(labels, skip):
        if n and n % layout.per_sheet == 0 and n != skip:
            c.showPage()
        _draw_label(c, layout, n, label)
    c.showPage()
    c.save()
    return buffer.getvalue()
