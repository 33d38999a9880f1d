"""Jinja2 templates and the static files they link to (all served by us: no CDN)."""
from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from . import i18n

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


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(("html",)),
        undefined=StrictUndefined,  # a misspelt variable is an error in the tests, not a blank on the page
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["static"] = static_url
    env.filters["rupiah"] = i18n.rupiah
    return env


def render(template: str, context: dict) -> str:
    return environment().get_template(template).render(context)
