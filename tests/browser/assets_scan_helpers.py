"""What the assets scan tests need besides the conftest's fixtures: a fake camera filming a picture (Y4M), a
printed label as a picture, a Chromium of their own with that camera, and the scan page served on its own.

* Y4M (``--use-file-for-fake-video-capture``): a text header, then per frame ``FRAME\\n`` and the planar Y, U, V
  bytes (4:2:0: U and V at half width and height); a grey picture needs only Y, U and V stay 128.
* ``serve_scan_page``: the web's real ``assets/reports_scan.html`` (rendered by ``web.rendering``), its static
  files, jsQR from ``services/web/node_modules`` and a stub item page, under the production
  Content-Security-Policy — the page, the script and the decoder exactly as the web serves them, without the
  whole stack.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
JSQR = ROOT / "services" / "web" / "node_modules" / "jsqr" / "dist" / "jsQR.js"
#: As deploy/traefik/dynamic/common.yml sends it.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; "
       "connect-src 'self'")
ITEM = re.compile(r"^/aset/barang/(\d+)$")


def write_y4m(picture: Image.Image, path: Path, width: int = 640, height: int = 480, frames: int = 10,
              fps: int = 10) -> Path:
    """``picture`` centred on a white ``width`` × ``height`` frame (scaled down to fit), ``frames`` times."""
    frame = Image.new("L", (width, height), 255)
    shown = picture.convert("L")
    shown.thumbnail((width - 40, height - 40))
    frame.paste(shown, ((width - shown.width) // 2, (height - shown.height) // 2))
    luma = frame.tobytes()
    chroma = bytes([128]) * ((width // 2) * (height // 2))
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + luma + chroma + chroma)
    return path


def label_picture(url: str, workdir: Path, code: str = "1.3.2.10.01.02.001") -> Image.Image:
    """A label as printed: the label sheet's PDF (``assets.documents.labels``), its first label rasterised at
    150 dpi by pdftoppm."""
    from assets.documents import labels

    if not shutil.which("pdftoppm"):
        raise AssertionError("pdftoppm not found: run tools/ensure_system_packages.sh")
    pdf = labels.render([labels.Label(url, code, 1, "Laptop Pindai Uji", 2024, "Biro Umum dan Protokol")])
    (workdir / "label.pdf").write_bytes(pdf)
    # 70 × 37 mm at 150 dpi, from the page's top-left corner
    subprocess.run(["pdftoppm", "-r", "150", "-x", "0", "-y", "0", "-W", "414", "-H", "222", "-png", "-singlefile",
                    str(workdir / "label.pdf"), str(workdir / "label")], check=True, timeout=60)
    return Image.open(workdir / "label.png")


def qr_picture(text: str, scale: int = 10) -> Image.Image:
    from situok_kit.letters.qr import qr_modules

    modules = qr_modules(text)
    size = len(modules) + 8
    picture = Image.new("L", (size, size), 255)
    for r, row in enumerate(modules):
        for c, dark in enumerate(row):
            if dark:
                picture.putpixel((c + 4, r + 4), 0)
    return picture.resize((size * scale, size * scale), Image.NEAREST)


def camera_args(video: Path) -> list[str]:
    return ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}"]


def _scan_html(base_url: str) -> bytes:
    from web.rendering import render

    context = {"lang": "id", "csrf_token": "-", "user": None, "roles": [], "menu": [], "flashes": [],
               "path": "/aset/pindai", "title": "Pindai label", "public_url": base_url,
               "jsqr": "/vendor/jsqr.js?v=test", "site_url": base_url}
    return render("assets/reports_scan.html", context).encode()


@contextmanager
def serve_scan_page():
    """A local server of the scan page (see module doc); yields its base URL."""
    from web.rendering import static_files

    pages: dict[str, tuple[bytes, str]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            path = self.path.split("?", 1)[0]
            found = pages.get(path)
            if path.startswith("/static/") and path[8:] in static_files():
                static = static_files()[path[8:]]
                found = (static.body, static.content_type)
            elif path == "/vendor/jsqr.js":
                found = (JSQR.read_bytes(), "application/javascript; charset=utf-8")
            elif ITEM.match(path):
                found = (f"<!doctype html><title>Barang</title><h1>Barang {ITEM.match(path).group(1)}</h1>".encode(),
                         "text/html; charset=utf-8")
            if found is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", found[1])
            self.send_header("Content-Security-Policy", CSP)
            self.send_header("Permissions-Policy", "camera=(self)")
            self.end_headers()
            self.wfile.write(found[0])

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    pages["/aset/pindai"] = (_scan_html(base_url), "text/html; charset=utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base_url
    finally:
        server.shutdown()
        server.server_close()
