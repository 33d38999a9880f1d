"""Gap-free numbers (``situok_kit.numbering``): register numbers per code, and the letters' numbers — BAST
(``handover``), the stock-taking berita acara (``census``) and the disposal berita acara (``disposal``) — per
kind and year, from the settings' templates. Call inside the transaction that uses the number: a rollback takes
the increment back, so no number is skipped or given twice."""
from __future__ import annotations

from datetime import date

from situok_kit.numbering import take_next
from sqlalchemy.orm import Session

from ..models import NumberCounter
from . import settings as settings_area

LETTER_KINDS = ("handover", "census", "disposal")


def next_register_number(session: Session, code: str) -> int:
    """The next register number (nomor register) of ``code``."""
    return take_next(session, NumberCounter, f"register:{code}")


def next_letter_number(session: Session, kind: str, on: date) -> str:
    """The next number of a ``kind`` letter dated ``on``, as printed."""
    if kind not in LETTER_KINDS:
        raise ValueError(f"no letter kind {kind!r}")
    settings = settings_area.current(session)
    template = getattr(settings, f"{kind}_number_template")
    seq = take_next(session, NumberCounter, f"{kind}:{on.year}")
    return settings_area.render_number(template, seq, on.year, on.month, settings.unit_code)
