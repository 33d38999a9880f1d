"""Building blocks shared by the letters: escaped paragraphs, label : value rows, numbered lists,
signature blocks with the QR beside them, the status watermark, and the document itself."""
from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import KeepTogether

from situok_kit.letters.data import STATUS_CANCELLED, STATUS_DRAFT, Signer
from situok_kit.letters.qr import qr_with_caption
from situok_kit.letters.styles import (
    CONTENT_WIDTH,
    FONT_BOLD,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SIGN,
    SIGNATURE_SPACE,
)

Cell = str | Flowable | list

# No borders, no padding: label/value grids that read like typed text.
PLAIN = TableStyle([
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
])

WATERMARKS = {STATUS_CANCELLED: ("DIBATALKAN", colors.Color(0.8, 0.0, 0.0, alpha=0.28)),
              STATUS_DRAFT: ("DRAF", colors.Color(0.3, 0.3, 0.3, alpha=0.18))}


def esc(text: object) -> str:
    """User text made safe for reportlab's paragraph mark-up ("&", "<" in names and purposes)."""
    return escape("" if text is None else str(text))


def shown_number(number: str) -> str:
    """A letter number as printed; a draft has none yet and shows a line to write it on."""
    return number or "." * 24


def para(text: str, style, *, markup: bool = False) -> Flowable:
    """A paragraph of plain text (escaped) or, with ``markup``, of trusted mark-up; "" is one empty line."""
    if not text:
        return Spacer(1, style.leading)
    return Paragraph(text if markup else esc(text), style)


def fields(rows: Sequence[tuple[Cell, Cell]], style, label_width: float, width: float = CONTENT_WIDTH,
           colon_width: float = 10) -> Table:
    """Rows of "label : value" with the colons aligned."""
    data = [[para(label, style) if isinstance(label, str) else label, para(":", style),
             para(value, style) if isinstance(value, str) else value] for label, value in rows]
    return Table(data, colWidths=[label_width, colon_width, width - label_width - colon_width], style=PLAIN,
                 hAlign="LEFT")


def numbered(items: Iterable[Cell], style, width: float, num_width: float = 18, start: int = 1,
             suffix: str = ".") -> Table:
    """A numbered list whose wrapped lines hang under the text, not under the number."""
    data = [[para(f"{i}{suffix}", style), para(item, style) if isinstance(item, str) else item]
            for i, item in enumerate(items, start)]
    return Table(data or [["", ""]], colWidths=[num_width, width - num_width], style=PLAIN, hAlign="LEFT")


def signature(signer: Signer, lead: Sequence[str] = (), style=SIGN, space: float = SIGNATURE_SPACE,
              in_space: Flowable | None = None, rank: bool = True) -> list[Flowable]:
    """Place/date lines, position, room to sign (``in_space`` drawn there, e.g. a meterai box), then
    name (bold, underlined), rank and NIP."""
    out: list[Flowable] = [para(line, style) for line in lead]
    out += [para(line, style) for line in signer.position.split("\n") if line]
    out.append(in_space if in_space is not None else Spacer(1, space))
    name = esc(signer.name) if signer.name else "." * 40
    out.append(para(f"<u><b>{name}</b></u>", style, markup=True))
    if rank and signer.rank:
        out.append(para(signer.rank, style))
    if signer.nip:
        out.append(para(f"NIP. {signer.nip}", style))
    return out


def signature_grid(blocks: Sequence[tuple[Sequence[str], Signer, Flowable | None]], width: float = CONTENT_WIDTH,
                   style=SIGN, space: float = SIGNATURE_SPACE) -> Table:
    """Signature blocks side by side, one table row per part, so the names line up however many lines
    each block's lead and position take. Each block: (lead lines as trusted mark-up, so escape user text with
    ``esc``; signer; what to draw in the signing space, or None)."""
    def lines(texts: Sequence[str]) -> list[Flowable]:
        return [para(t, style, markup=True) for t in texts]

    leads = max(len(lead) for lead, _, _ in blocks)
    cells = []
    for lead, signer, in_space in blocks:
        top = [""] * (leads - len(lead)) + list(lead)  # short leads sit low, next to the position
        cells.append([
            lines(top),
            lines([esc(x) for x in signer.position.split("\n") if x]),
            in_space if in_space is not None else "",
            para(f"<u><b>{esc(signer.name) or '.' * 40}</b></u>", style, markup=True),
            para(signer.rank, style) if signer.rank else "",
            para(f"NIP. {signer.nip}", style) if signer.nip else "",
        ])
    rows = [list(part) for part in zip(*cells, strict=True)]
    table = Table(rows, colWidths=[width / len(blocks)] * len(blocks), hAlign="LEFT",
                  rowHeights=[None, None, space, None, None, None])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table


def with_qr(verify_url: str, right: list[Flowable], width: float = CONTENT_WIDTH,
            right_width: float | None = None) -> Table:
    """The signature block on the right half and the QR, with its caption, bottom-left of it."""
    right_width = right_width or width * 0.5
    table = Table([[qr_with_caption(verify_url), right]], colWidths=[width - right_width, right_width],
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (0, 0), "BOTTOM"),
        ("VALIGN", (1, 0), (1, 0), "TOP"),
        ("ALIGN", (0, 0), (0, 0), "LEFT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def keep(*flowables: Flowable) -> KeepTogether:
    return KeepTogether(list(flowables))


def _stamp(status: str):
    mark = WATERMARKS.get(status)

    def draw(canvas, doc):
        if mark is None:
            return
        text, colour = mark
        canvas.saveState()
        canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        canvas.rotate(45)
        canvas.setFillColor(colour)
        canvas.setStrokeColor(colour)
        size = 96 if len(text) > 6 else 140
        canvas.setFont(FONT_BOLD, size)
        canvas.drawCentredString(0, -size * 0.35, text)
        canvas.restoreState()

    return draw


def build_pdf(story: list[Flowable], *, title: str, status: str, subject: str = "") -> bytes:
    """One A4 document; the watermark (if the status has one) is drawn over each finished page."""
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title, subject=subject,
        author="Biro Umum dan Protokol Setda Provinsi Bali", creator="SITU OK", invariant=1,
    )
    frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT,
                  PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("letter", [frame], onPageEnd=_stamp(status))])
    doc.build(story)
    return buf.getvalue()
