"""Files between the browser and the services, which carry them as base64 (``content_b64``)."""
from __future__ import annotations

import base64
import mimetypes

from situok_kit import uploads
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


#: Types an uploaded file is served as; any other stored type is served as ``application/octet-stream``.
SERVABLE_UPLOAD_TYPES = frozenset(uploads.CONTENT_TYPES[k] for k in (
    "jpeg", "png", "webp", "gif", "heic", "pdf", "xlsx", "docx", "text"))


def file_response(content: bytes, content_type: str, filename: str, inline: bool = True) -> Response:
    """The file itself: a safe ASCII name (``uploads.safe_filename``), never cached, never sniffed."""
    safe = uploads.safe_filename(filename)
    disposition = "inline" if inline else "attachment"
    return Response(content, content_type=content_type, headers={
        "Content-Disposition": f'{disposition}; filename="{safe}"', "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff"})


def stored_file_response(item: dict, content_type: str | None = None, inline: bool = True) -> Response:
    """A service's file (``content_b64``, ``content_type``, ``filename``) as a download; ``content_type``
    overrides the one it carries. A file somebody uploaded (the services answer those with their ``sha256``)
    is always an attachment of a servable type, whatever ``inline`` says: it is never rendered under the web
    origin. Letters and recaps the services render themselves may open inline."""
    kind = content_type or item["content_type"]
    if "sha256" in item:
        inline = False
        kind = kind if kind in SERVABLE_UPLOAD_TYPES else "application/octet-stream"
    return file_response(base64.b64decode(item["content_b64"]), kind, item["filename"], inline)
