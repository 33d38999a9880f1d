"""A leader's daily or weekly agenda as a PDF (A4, the bureau's kop): "AGENDA KEGIATAN <LEADER>", then per day its
Indonesian day and date and a table — time (WITA), event, place, organiser, dress code, notes — or "Tidak ada
kegiatan."; a footer on every page with the print time (WITA) and the page number.

The sheet (``AgendaSheet``) is shaped by ``domain.leaders`` (``agenda_sheet``, ``day_rows``); this module only
draws it. The kit's letter pieces (``situok_kit.letters``: kop, styles, margins, ``esc``) make it look like the
bureau's other prints; the page template is built here rather than with ``layout.build_pdf`` because the agenda
carries a footer on every page (``build_pdf`` only stamps a watermark).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import KeepTogether
from situok_kit.clock import WITA
from situok_kit.letters.data import Kop
from situok_kit.letters.formatting import format_date_id, format_day_date_id
from situok_kit.letters.kop import KopFlowable
from situok_kit.letters.layout import esc
from situok_kit.letters.styles import (
    CELL,
    CELL_BOLD,
    CENTER,
    CONTENT_WIDTH,
    FONT,
    LEFT,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TITLE,
)

CONTENT_TYPE = "application/pdf"
EMPTY_DAY = "Tidak ada kegiatan."
HEADERS = ("Waktu (WITA)", "Kegiatan", "Tempat", "Penyelenggara", "Pakaian", "Catatan")
_WIDTHS = [w * cm for w in (2.3, 4.3, 3.0, 2.6, 2.0, 2.3)]
_FOOTER_GAP = 0.7 * cm


@dataclass(frozen=True)
class AgendaRow:
    """One line of a day's table, as printed."""

    time: str
    event: str
    place: str
    organiser: str
    dress_code: str
    notes: str
    status: str = "confirmed"


@dataclass(frozen=True)
class AgendaDay:
    day: date
    rows: list[AgendaRow]


@dataclass(frozen=True)
class AgendaSheet:
    """A leader's agenda for one day (``weekly`` false) or Monday–Sunday, ready to draw."""

    leader_code: str
    leader_title: str
    holder_name: str | None
    weekly: bool
    days: list[AgendaDay]
    printed_at: datetime


def title_of(sheet: AgendaSheet) -> str:
    return f"AGENDA KEGIATAN {sheet.leader_title.upper()}"


def period_of(sheet: AgendaSheet) -> str:
    """``Senin, 7 Desember 2026``, or ``Pekan 7 Desember 2026 s.d. 13 Desember 2026``."""
    if not sheet.weekly:
        return format_day_date_id(sheet.days[0].day)
    return f"Pekan {format_date_id(sheet.days[0].day)} s.d. {format_date_id(sheet.days[-1].day)}"


def filename_of(sheet: AgendaSheet) -> str:
    first = sheet.days[0].day.isoformat()
    kind = "pekan-" if sheet.weekly else ""
    return f"agenda-{sheet.leader_code}-{kind}{first}.pdf"


def printed_text(moment: datetime) -> str:
    local = moment.astimezone(WITA)
    return f"Dicetak {format_day_date_id(local.date())} pukul {local.strftime('%H.%M')} WITA"


def _day_table(day: AgendaDay) -> Table:
    data = [[Paragraph(esc(h), CELL_BOLD) for h in HEADERS]]
    for row in day.rows:
        data.append([Paragraph(esc(v), CELL) for v in (row.time, row.event, row.place, row.organiser,
                                                        row.dress_code, row.notes)])
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    for index, row in enumerate(day.rows, 1):
        if row.status in ("tentative", "postponed"):
            style.append(("TEXTCOLOR", (0, index), (-1, index), colors.Color(0.35, 0.35, 0.35)))
    return Table(data, colWidths=_WIDTHS, repeatRows=1, style=TableStyle(style), hAlign="LEFT")


def story(sheet: AgendaSheet) -> list:
    parts = [KopFlowable(Kop()), Paragraph(esc(title_of(sheet)), TITLE)]
    if sheet.holder_name:
        parts.append(Paragraph(esc(sheet.holder_name), CENTER))
    if sheet.weekly:
        parts.append(Paragraph(esc(period_of(sheet)), CENTER))
    parts.append(Spacer(1, 10))
    for day in sheet.days:
        heading = Paragraph(f"<b>{esc(format_day_date_id(day.day))}</b>", LEFT)
        if day.rows:
            # the heading never ends a page alone (a long table still splits, its header repeated)
            parts.append(KeepTogether([heading, Spacer(1, 3), _day_table(day)]))
        else:
            parts += [heading, Spacer(1, 2), Paragraph(esc(EMPTY_DAY), LEFT)]
        parts.append(Spacer(1, 10))
    return parts


def _footer(printed: str):
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawString(MARGIN_LEFT, MARGIN_BOTTOM - _FOOTER_GAP, printed)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, MARGIN_BOTTOM - _FOOTER_GAP, f"Halaman {doc.page}")
        canvas.restoreState()

    return draw


def render(sheet: AgendaSheet) -> bytes:
    """The sheet as an A4 PDF."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=f"{title_of(sheet)} — {period_of(sheet)}",
        author="Biro Umum dan Protokol Setda Provinsi Bali", creator="SITU OK", invariant=1)
    frame = Frame(MARGIN_LEFT, MARGIN_BOTTOM, CONTENT_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("agenda", [frame], onPageEnd=_footer(printed_text(sheet.printed_at)))])
    doc.build(story(sheet))
    return buffer.getvalue()
