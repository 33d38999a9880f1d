"""Files between the browser and the services, which carry them as base64 (``content_b64``)."""
from __future__ import annotations

import base64
import mimetypes
import re

from werkzeug.wrappers import Response


def uploaded(files) -> list[dict]:
    """Browser uploads as the services' attachments (``content_b64``); empty file inputs are skipped."""
    out = []
    for item in files:
        if not item or not item.filename:
            continue
        content = item.read()
        if not content:
            continue
        content_type = (item.mimetype or "").lower()
        if content_type in ("", "application/octet-stream"):
            content_type = mimetypes.guess_type(item.filename)[0] or "application/octet-stream"
        out.append({"filename": item.filename[-200:], "content_type": content_type,
                    "content_b64": base64.b64encode(content).decode()})
    return out


def file_response(content: bytes, content_type: str, filename: str, inline: bool = True) -> Response:
    safe = re.sub(r'[^A-Za-z0-9._ -]+', "_", filename or "berkas")[:150] or "berkas"
    disposition = "inline" if inline else "attachment"
    return Response(content, content_type=content_type, headers={
        "Content-Disposition": f'{disposition}; filename="{safe}"', "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff"})


def stored_file_response(item: dict, content_type: str | None = None, inline: bool = True) -> Response:
    """A service's file (``content_b64``, ``content_type``, ``filename``) as a download; ``content_type``
    overrides the one it carries."""
    return file_response(base64.b64decode(item["content_b64"]), content_type or item["content_type"],
                         item["filename"], inline)
