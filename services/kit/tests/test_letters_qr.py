"""The letters' QR code read back from the printed page at several sizes and print resolutions (pdftoppm +
zbarimg): the rows' hair of overlap must fill (non-zero winding), not cut light seams a reader takes for module
edges — found on agenda's 4 cm visitor pass, unreadable at 200 dpi and above before."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from reportlab.lib.units import cm
from situok_kit.letters.layout import build_pdf
from situok_kit.letters.qr import qr_with_caption

PDFTOPPM, ZBARIMG = shutil.which("pdftoppm"), shutil.which("zbarimg")
URL = "http://localhost:8000/kunjungan/periksa/" + "Q" * 32


@pytest.mark.skipif(PDFTOPPM is None or ZBARIMG is None, reason="pdftoppm or zbarimg not installed")
@pytest.mark.parametrize("size_cm, dpi", [(2.2, 200), (2.2, 600), (4.0, 200), (4.0, 300), (4.0, 600), (6.0, 300)])
def test_the_qr_reads_back_at_print_resolutions(tmp_path, size_cm, dpi):
    pdf = build_pdf([qr_with_caption(URL, size=size_cm * cm, caption="Pindai")], title="QR", status="issued")
    (tmp_path / "qr.pdf").write_bytes(pdf)
    subprocess.run([PDFTOPPM, "-r", str(dpi), "-png", str(tmp_path / "qr.pdf"), str(tmp_path / "page")],
                   check=True, timeout=60)
    png = sorted(tmp_path.glob("page*.png"))[0]
    read = subprocess.run([ZBARIMG, "--quiet", "--raw", str(png)], capture_output=True, text=True, timeout=60)
    assert read.stdout.strip() == URL
