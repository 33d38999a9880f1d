"""Page geometry, fonts and paragraph styles, built once at import and shared by every render.

Helvetica (Arial's metrics, the face Indonesian tata naskah dinas asks for) is one of
reportlab's built-in fonts: nothing to download or embed.
"""
from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm

FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"
FONT_ITALIC = "Helvetica-Oblique"

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 2.5 * cm
MARGIN_RIGHT = 2.0 * cm
MARGIN_TOP = 1.5 * cm
MARGIN_BOTTOM = 1.5 * cm
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

SIZE = 10.5
LEADING = 13.5

BODY = ParagraphStyle("body", fontName=FONT, fontSize=SIZE, leading=LEADING, alignment=TA_JUSTIFY)
LEFT = ParagraphStyle("left", parent=BODY, alignment=TA_LEFT)
CENTER = ParagraphStyle("center", parent=BODY, alignment=TA_CENTER)
RIGHT = ParagraphStyle("right", parent=BODY, alignment=TA_RIGHT)
BOLD_CENTER = ParagraphStyle("bold_center", parent=CENTER, fontName=FONT_BOLD)
TITLE = ParagraphStyle("title", parent=CENTER, fontName=FONT_BOLD, fontSize=13, leading=16)
TITLE_BIG = ParagraphStyle("title_big", parent=TITLE, fontSize=18, leading=22)

# Table cells: a little smaller so the SPPD's ten items and sheet II fit one page.
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=9.5, leading=12, alignment=TA_LEFT)
CELL_BOLD = ParagraphStyle("cell_bold", parent=CELL, fontName=FONT_BOLD)
CELL_CENTER = ParagraphStyle("cell_center", parent=CELL, alignment=TA_CENTER)
CELL_CENTER_BOLD = ParagraphStyle("cell_center_bold", parent=CELL_CENTER, fontName=FONT_BOLD)
CELL_RIGHT = ParagraphStyle("cell_right", parent=CELL, alignment=TA_RIGHT)
CELL_RIGHT_BOLD = ParagraphStyle("cell_right_bold", parent=CELL_RIGHT, fontName=FONT_BOLD)
CELL_JUSTIFY = ParagraphStyle("cell_justify", parent=CELL, alignment=TA_JUSTIFY)
# SPPD sheet II packs five rows of stops and signatures onto one page.
TIGHT = ParagraphStyle("tight", fontName=FONT, fontSize=9, leading=11, alignment=TA_LEFT)
TIGHT_BOLD = ParagraphStyle("tight_bold", parent=TIGHT, fontName=FONT_BOLD)
TIGHT_JUSTIFY = ParagraphStyle("tight_justify", parent=TIGHT, alignment=TA_JUSTIFY)
SMALL = ParagraphStyle("small", fontName=FONT, fontSize=8.5, leading=10.5, alignment=TA_JUSTIFY)
SMALL_ITALIC = ParagraphStyle("small_italic", parent=SMALL, fontName=FONT_ITALIC)
CAPTION = ParagraphStyle("caption", fontName=FONT, fontSize=6.5, leading=8, alignment=TA_CENTER)

# Signature blocks: left-aligned text in the right-hand column, as Indonesian letters set them.
SIGN = ParagraphStyle("sign", parent=LEFT)
SIGN_CELL = ParagraphStyle("sign_cell", parent=CELL)

SIGNATURE_SPACE = 1.9 * cm
