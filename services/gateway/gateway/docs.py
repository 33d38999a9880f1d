"""``/api/v1/docs``: Swagger UI over ``/api/v1/openapi.json``, fully offline.

The UI's files come from the ``swagger-ui-bundle`` package and are served by
the gateway itself; the page and its start script reference only paths on this
host (no CDN, no validator badge), so the docs work without internet.
"""
from __future__ import annotations

import threading

from swagger_ui_bundle import swagger_ui_path

DOCS_PATH = "/api/v1/docs"
SPEC_PATH = "/api/v1/openapi.json"

PAGE = f"""<!DOCTYPE html>
<html lang="id">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>SITU OK API — Dokumentasi</title>
  <link rel="stylesheet" href="{DOCS_PATH}/swagger-ui.css">
  <link rel="icon" type="image/png" href="{DOCS_PATH}/favicon-32x32.png">
  <link rel="stylesheet" href="{DOCS_PATH}/docs.css">
</head>
<body>
  <noscript>Halaman ini memerlukan JavaScript. Dokumen mentahnya: <a href="{SPEC_PATH}">{SPEC_PATH}</a>.</noscript>
  <div id="swagger-ui"></div>
  <script src="{DOCS_PATH}/swagger-ui-bundle.js"></script>
  <script src="{DOCS_PATH}/init.js"></script>
</body>
</html>
"""

INIT_JS = f"""window.addEventListener("load", function () {{
  window.ui = SwaggerUIBundle({{
    url: "{SPEC_PATH}",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  }});
}});
"""

#: The page's own few rules, served as a file: the edge's Content-Security-Policy allows no inline style.
DOCS_CSS = "body { margin: 0; } .topbar { display: none; }\n"

#: Asset name -> content type; only these files are served.
ASSETS = {
    "swagger-ui.css": "text/css; charset=utf-8",
    "swagger-ui-bundle.js": "application/javascript; charset=utf-8",
    "favicon-32x32.png": "image/png",
    "favicon-16x16.png": "image/png",
    "init.js": "application/javascript; charset=utf-8",
    "docs.css": "text/css; charset=utf-8",
}

_cache: dict[str, bytes] = {"init.js": INIT_JS.encode(), "docs.css": DOCS_CSS.encode()}
_lock = threading.Lock()


def asset(name: str) -> tuple[bytes, str] | None:
    """``(content, content type)`` of a docs asset, read once; ``None`` if there is no such asset."""
    content_type = ASSETS.get(name)
    if content_type is None:
        return None
    data = _cache.get(name)
    if data is None:
        with _lock:
            data = _cache.get(name)
            if data is None:
                data = _cache[name] = (swagger_ui_path / name).read_bytes()
    return data, content_type
