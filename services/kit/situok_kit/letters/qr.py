"""The verification QR code: reportlab's own encoder, drawn once as a form XObject per letter.

A form XObject keeps the many small squares in one reusable object, and lets a test see the
QR on the page (``/Resources /XObject``) without decoding it.
"""
from __future__ import annotations

import hashlib

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import FILL_NON_ZERO
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from situok_kit.letters.styles import CAPTION

QR_SIZE = 2.2 * cm
QR_CAPTION = "Pindai untuk memeriksa keaslian surat"
_BORDER = 2  # quiet zone in modules; the page margin around it adds the rest


def qr_modules(value: str) -> list[list[bool]]:
    """The dark/light matrix of ``value`` at error-correction level M (survives a stamp or a fold)."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(value)
    code.make()
    return [[bool(m) for m in row] for row in code.modules]


def form_name(value: str) -> str:
    return "QR" + hashlib.sha1(value.encode()).hexdigest()[:12]


class QrFlowable(Flowable):
    """A square QR code of ``value``, ``size`` points wide."""

    def __init__(self, value: str, size: float = QR_SIZE):
        super().__init__()
        self.value = value
        self.size = size
        self.width = self.height = size
        self.hAlign = "CENTER"

    def wrap(self, avail_width, avail_height):
        return self.size, self.size

    def draw(self):
        c = self.canv
        name = form_name(self.value)
        if not c.hasForm(name):
            modules = qr_modules(self.value)
            count = len(modules) + 2 * _BORDER
            box = self.size / count
            c.beginForm(name, 0, 0, self.size, self.size)
            path = c.beginPath()
            for r, row in enumerate(modules):
                y = self.size - (r + _BORDER + 1) * box
                start = None
                for col, dark in enumerate(row + [False]):
                    if dark and start is None:
                        start = col
                    elif not dark and start is not None:
                        # Runs of dark modules become one rectangle; a hair of overlap hides seams.
                        path.rect((start + _BORDER) * box, y, (col - start) * box, box * 1.04)
                        start = None
            c.setFillColorRGB(0, 0, 0)
            # non-zero winding: with reportlab's default even-odd rule the hair of overlap between rows would
            # be subtracted — thin light seams a reader at print resolution takes for module edges
            c.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
            c.endForm()
        c.doForm(name)


def qr_with_caption(value: str, size: float = QR_SIZE, align: str = "LEFT", caption: str = QR_CAPTION) -> Table:
    """The QR with its caption (a letter's by default) centred under it, as one block for a table cell or a
    page."""
    width = max(size + 0.8 * cm, 3.0 * cm)
    return Table([[QrFlowable(value, size)], [Paragraph(caption, CAPTION)]], colWidths=[width], hAlign=align,
                 style=TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
