"""Bahasa Indonesia first, English second: gettext catalogs built with Babel, and Indonesian formats.

Source strings are Indonesian (the bureau's language) and need no catalog. English lives in
``translations/en/LC_MESSAGES/messages.po``; its compiled ``messages.mo`` is committed beside it (a unit test fails
when the two disagree), so the web runs from a checkout or an image without a build step. Should the
``.mo`` be missing all the same, it is compiled in memory from the ``.po`` at first use. See the Makefile's
``i18n-extract`` / ``i18n-update`` / ``i18n-compile`` and ``babel.cfg``.

Templates get ``_`` / ``gettext`` / ``ngettext`` from ``jinja2.ext.i18n`` (``web.rendering``); Python code gets
``gettext_for(lang)`` and ``ngettext_for(lang)`` (``visit._``, ``visit.ngettext``), which translate, then fill in
``%(name)s`` values: ``_("Selamat datang, %(name)s.", name=...)``. Labels kept in data (menus, status names) are
marked with ``gettext_noop`` imported as ``_``, so ``pybabel extract`` finds them; pages translate them when they
show them. Dates, times and rupiah are formatted the Indonesian way (``Rp1.250.000``; times in WITA).
"""
from __future__ import annotations

import io
import logging
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from .sessions import DEFAULT_LOCALE, LOCALES

log = logging.getLogger("situok.web")

TRANSLATIONS = Path(__file__).parent / "translations"
DOMAIN = "messages"
WITA = ZoneInfo("Asia/Makassar")
BABEL_LOCALE = {"id": "id_ID", "en": "en_GB"}


def gettext_noop(message: str) -> str:
    """Marks a string for the catalog without translating it (import it as ``_``): the page translates it later,
    in the visitor's language."""
    return message


def catalog_path(lang: str, suffix: str) -> Path:
    """``translations/<lang>/LC_MESSAGES/messages.<suffix>`` (``po`` or ``mo``)."""
    return TRANSLATIONS / lang / "LC_MESSAGES" / f"{DOMAIN}.{suffix}"


@cache
def translations(lang: str) -> NullTranslations:
    """The gettext catalog of ``lang``; the source language (and any unknown one) translates nothing."""
    if lang not in LOCALES or lang == DEFAULT_LOCALE:
        return NullTranslations()
    mo = catalog_path(lang, "mo")
    if mo.exists():
        with mo.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    log.warning("%s is missing (make i18n-compile): compiling %s in memory", mo, mo.with_suffix(".po").name)
    with catalog_path(lang, "po").open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def gettext_for(lang: str) -> Callable[..., str]:
    """``_(message, **values)`` in ``lang``: the translation, ``%``-formatted with ``values`` when there are any
    (so a message from a service, ``%`` and all, passes through untouched)."""
    catalog = translations(lang)

    def gettext(message: str, **values) -> str:
        text = catalog.gettext(message)
        return text % values if values else text

    return gettext


def ngettext_for(lang: str) -> Callable[..., str]:
    """``ngettext(singular, plural, num, **values)`` in ``lang``, formatted with ``num`` and ``values`` (as
    templates' ``ngettext`` is)."""
    catalog = translations(lang)

    def ngettext(singular: str, plural: str, num: int, **values) -> str:
        return catalog.ngettext(singular, plural, num) % {"num": num, **values}

    return ngettext


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
