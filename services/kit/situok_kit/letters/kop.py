"""The kop surat: emblem (optional), three centred bold lines, address, contacts, a double rule."""
from __future__ import annotations

import os
from functools import lru_cache

from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from situok_kit.letters.data import Kop
from situok_kit.letters.styles import FONT, FONT_BOLD

# (font, size, gap above) of the lines top to bottom; the last two are address and contacts.
_LINES = ((FONT_BOLD, 13.0, 0.0), (FONT_BOLD, 15.0, 3.0), (FONT_BOLD, 14.0, 3.0), (FONT, 9.0, 4.0), (FONT, 9.0, 1.5))
LOGO_SIZE = 2.3 * cm
_RULE_GAP = 6.0  # from the last text line's baseline down to the thick rule
_AFTER = 10.0  # space between the rule and the title below


@lru_cache(maxsize=8)
def _logo(path: str) -> ImageReader | None:
    """The emblem, read once per path; None when it cannot be read (a placeholder is drawn instead)."""
    try:
        return ImageReader(path) if os.path.isfile(path) else None
    except Exception:  # noqa: BLE001 - a broken image must not stop a letter from printing
        return None


class KopFlowable(Flowable):
    """The letterhead as a flowable, so it opens the first page only and the story flows under it."""

    def __init__(self, kop: Kop):
        super().__init__()
        self.kop = kop
        self._width = 0.0
        self._height = sum(size + gap for _, size, gap in _LINES) + _RULE_GAP + 3 + _AFTER

    def wrap(self, avail_width, avail_height):
        self._width = avail_width
        return avail_width, self._height

    def _fit(self, text: str, font: str, size: float, width: float) -> float:
        """Shrink a line that would not fit; a long address must not run into the margin."""
        while size > 6 and stringWidth(text, font, size) > width:
            size -= 0.5
        return size

    def draw(self):
        c = self.canv
        kop = self.kop
        width = self._width
        text_left = 0.0
        text_width = width
        if kop.logo_path:
            # Emblem to the left; the text stays centred on the page, narrowed to clear the emblem.
            text_left = LOGO_SIZE + 0.2 * cm
            text_width = width - 2 * text_left
            rule_top = _AFTER + 5
            logo_y = rule_top + (self._height - rule_top - LOGO_SIZE) / 2
            image = _logo(kop.logo_path)
            if image is not None:
                c.drawImage(image, 0, logo_y, LOGO_SIZE, LOGO_SIZE, preserveAspectRatio=True, mask="auto")
            else:
                c.saveState()
                c.setLineWidth(0.6)
                c.setDash(2, 2)
                c.rect(0, logo_y, LOGO_SIZE, LOGO_SIZE)
                c.setFont(FONT, 6)
                c.drawCentredString(LOGO_SIZE / 2, logo_y + LOGO_SIZE / 2 - 2, "LAMBANG")
                c.restoreState()
        lines = (kop.government, kop.office, kop.unit, kop.address, kop.contact)
        y = self._height
        centre = width / 2
        for text, (font, size, gap) in zip(lines, _LINES, strict=True):
            y -= gap + size
            if not text:
                continue
            size = self._fit(text, font, size, text_width)
            c.setFont(font, size)
            c.drawCentredString(centre, y + 0.2 * size, text)
        # The double rule: thick over thin, across the full text width.
        c.setLineWidth(2.2)
        c.line(0, _AFTER + 3.8, width, _AFTER + 3.8)
        c.setLineWidth(0.6)
        c.line(0, _AFTER + 0.8, width, _AFTER + 0.8)
