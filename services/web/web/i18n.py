"""Bahasa Indonesia first, English second.

Source strings are Indonesian (the bureau's language); ``translations/en``
holds the English catalog, read straight from its ``.po`` file with Babel at
start-up (no compile step). ``Translator`` is what templates see as ``_``:
``_("Selamat datang, %(name)s", name=...)`` translates, then formats. Dates, times and
rupiah are formatted the Indonesian way (``Rp1.250.000``; times in WITA).
"""
from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from babel.messages.pofile import read_po

from .sessions import DEFAULT_LOCALE, LOCALES

TRANSLATIONS = Path(__file__).parent / "translations"
WITA = ZoneInfo("Asia/Makassar")
BABEL_LOCALE = {"id": "id_ID", "en": "en_GB"}


@cache
def catalog(lang: str) -> dict[str, str]:
    """msgid -> msgstr of ``lang`` (empty for Indonesian, the source language)."""
    if lang == DEFAULT_LOCALE:
        return {}
    path = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        po = read_po(handle, locale=lang)
    return {message.id: message.string for message in po if message.id and message.string}


class Translator:
    __slots__ = ("lang", "_messages")

    def __init__(self, lang: str):
        self.lang = lang if lang in LOCALES else DEFAULT_LOCALE
        self._messages = catalog(self.lang)

    def __call__(self, message: str, **values) -> str:
        text = self._messages.get(message, message)
        return text % values if values else text


def rupiah(amount) -> str:
    """``Rp1.250.000`` (integer rupiah, dot thousands separator, minus sign first)."""
    if amount is None or amount == "":
        return "-"
    amount = int(amount)
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")


def _as_date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return to_wita(value).date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def to_wita(value) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(WITA)


def long_date(value, lang: str = DEFAULT_LOCALE) -> str:
    """``28 November 2026`` (WITA day for a timestamp)."""
    day = _as_date(value)
    return format_date(day, "d MMMM y", locale=BABEL_LOCALE[lang]) if day else "-"


def date_time(value, lang: str = DEFAULT_LOCALE) -> str:
    """``28 November 2026 09.15 WITA``."""
    if value in (None, ""):
        return "-"
    moment = to_wita(value)
    clock = moment.strftime("%H.%M") if lang == "id" else format_time(moment, "HH:mm", locale=BABEL_LOCALE[lang])
    return f"{long_date(moment.date(), lang)} {clock} WITA"
