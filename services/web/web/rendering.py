"""Jinja2 templates and the static files they link to (all served by us: no CDN)."""
from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from . import i18n
from .sessions import DEFAULT_LOCALE, LOCALES

PACKAGE = Path(__file__).parent
TEMPLATES = PACKAGE / "templates"
STATIC = PACKAGE / "static"


@dataclass(frozen=True)
class StaticFile:
    body: bytes
    content_type: str
    etag: str


@lru_cache(maxsize=1)
def static_files() -> dict[str, StaticFile]:
    """Every static file, read once: they are small, and a hash in each URL lets browsers cache them forever."""
    files = {}
    for path in sorted(STATIC.rglob("*")):
        if path.is_file():
            body = path.read_bytes()
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if content_type.startswith("text/") or content_type in ("application/javascript", "image/svg+xml"):
                content_type += "; charset=utf-8"
            files[path.relative_to(STATIC).as_posix()] = StaticFile(
                body, content_type, hashlib.sha256(body).hexdigest()[:12])
    return files


def static_url(name: str) -> str:
    found = static_files().get(name)
    if found is None:
        raise KeyError(f"no static file {name!r}")
    return f"/static/{name}?v={found.etag}"


@lru_cache(maxsize=len(LOCALES))
def environment(lang: str = DEFAULT_LOCALE) -> Environment:
    """The templates in ``lang``: one environment per locale, with that locale's catalog installed for
    ``jinja2.ext.i18n`` (newstyle gettext: ``_("… %(name)s", name=x)`` escapes ``x``, ``ngettext`` fills in
    ``num``; a catalog's own text is trusted markup, so the catalog test keeps ``<``, ``>`` and ``"`` out of it).
    Labels that arrive as data (menus, statuses) are translated with the ``translated`` filter: plain text, escaped
    like any value."""
    translations = i18n.translations(lang)
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(("html",)),
        undefined=StrictUndefined,  # a misspelt variable is an error in the tests, not a blank on the page
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations, newstyle=True)
    env.globals["static"] = static_url
    env.filters["rupiah"] = i18n.rupiah
    env.filters["translated"] = lambda label: translations.gettext(str(label))
    return env


def render(template: str, context: dict) -> str:
    """``template`` filled with ``context``, in the language ``context["lang"]`` names (Indonesian without one)."""
    lang = context.get("lang")
    return environment(lang if lang in LOCALES else DEFAULT_LOCALE).get_template(template).render(context)
