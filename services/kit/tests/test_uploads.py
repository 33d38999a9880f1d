"""situok_kit.uploads: files judged by their content, images re-encoded, XLSX opened with limits."""
from __future__ import annotations

import io
import time
import zipfile

import pytest
from PIL import Image
from situok_kit import uploads
from situok_kit.errors import ValidationFailed

SCRIPT = b"<script>alert(document.cookie)</script>"


def image_bytes(fmt: str = "PNG", size=(8, 6), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 40)).save(out, fmt, **save)
    return out.getvalue()


def jpeg_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"        # Make
    exif[0x0131] = "EvilSoft"      # Software
    return image_bytes("JPEG", exif=exif.tobytes())


def xlsx_bytes(rows) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zip_bomb_xlsx(inflated_mb: int = 8) -> bytes:
    """A real XLSX whose sheet XML is a few MB of repeated text compressed a thousandfold."""
    good = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["a", "b"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in good.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                body = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                        + b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + b"A" * (inflated_mb * 1024 * 1024)
                        + b"</t></is></c></row></sheetData></worksheet>")
                bomb.writestr(info.filename, body)
            else:
                bomb.writestr(info.filename, good.read(info.filename))
    return out.getvalue()


# -- sniffing ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("data, kind", [
    (image_bytes("PNG"), "png"),
    (image_bytes("JPEG"), "jpeg"),
    (image_bytes("WEBP"), "webp"),
    (b"%PDF-1.7\n...", "pdf"),
    (b"jenis;provinsi;kategori\nuang_harian;51;luar_kota\n", "text"),
    (b"<html><body>hi</body></html>", "html"),
    (b"  <!DOCTYPE html><p>x", "html"),
    (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>', "svg"),
    (b"<svg onload=alert(1)>", "svg"),
    (SCRIPT, "html"),
    (b"\x00\x01\x02binary", "unknown"),
    (b"", "unknown"),
])
def test_sniff_reads_the_content(data, kind):
    assert uploads.sniff(data) == kind


def test_sniff_tells_xlsx_from_other_zips():
    assert uploads.sniff(xlsx_bytes([["a"]])) == "xlsx"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as plain:
        plain.writestr("a.txt", "x")
    assert uploads.sniff(out.getvalue()) == "zip"


def test_a_png_declared_as_pdf_is_accepted_only_where_png_is():
    png = image_bytes("PNG")
    assert uploads.require_kind(png, {"pdf", "png", "jpeg"}, "attachment") == "png"
    with pytest.raises(ValidationFailed) as caught:
        uploads.require_kind(png, {"pdf"}, "attachment.content_b64")
    assert caught.value.status == 422 and "attachment.content_b64" in caught.value.fields


@pytest.mark.parametrize("data", [b"<html><script>alert(1)</script></html>",
                                  b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
                                  b"alert(document.cookie); fetch('//evil')"])
def test_markup_or_script_named_jpg_is_refused_naming_the_field(data):
    with pytest.raises(ValidationFailed) as caught:
        uploads.require_kind(data, uploads.IMAGE_KINDS, "selfie_b64")
    assert caught.value.status == 422 and set(caught.value.fields) == {"selfie_b64"}


# -- images --------------------------------------------------------------------------------------------

def test_jpeg_with_trailing_script_and_exif_is_reencoded_clean():
    dirty = jpeg_with_exif() + SCRIPT
    assert b"SpyCam" in dirty
    clean = uploads.reencode_image(dirty, 1024)
    assert clean != dirty and SCRIPT not in clean and b"SpyCam" not in clean and b"Exif" not in clean
    with Image.open(io.BytesIO(clean)) as im:
        im.load()
        assert im.format == "JPEG" and im.size == (8, 6)
        assert not im.getexif()


def test_png_text_chunks_are_dropped_and_big_images_shrunk():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "<script>x</script>")
    dirty = image_bytes("PNG", size=(400, 100), pnginfo=info)
    clean = uploads.reencode_image(dirty, 200)
    assert b"<script>" not in clean
    with Image.open(io.BytesIO(clean)) as im:
        assert im.format == "PNG" and im.size == (200, 50)


def test_reencode_refuses_what_is_not_a_decodable_image():
    with pytest.raises(ValidationFailed) as caught:
        uploads.reencode_image(b"\xff\xd8\xff" + b"garbage" * 10, 100, field="selfie_b64")
    assert "selfie_b64" in caught.value.fields
    with pytest.raises(ValidationFailed):
        uploads.reencode_image(b"%PDF-1.4", 100)


# -- XLSX ----------------------------------------------------------------------------------------------

def test_xlsx_rows_are_read():
    assert uploads.open_xlsx_safely(xlsx_bytes([["a", 1], ["b", 2]]), 10) == [("a", 1), ("b", 2)]


def test_xlsx_past_the_row_limit_is_refused():
    with pytest.raises(ValidationFailed) as caught:
        uploads.open_xlsx_safely(xlsx_bytes([[i] for i in range(30)]), 20, "file")
    assert "20" in caught.value.fields["file"]


def test_zip_bomb_xlsx_is_refused_quickly_without_inflating(monkeypatch):
    bomb = zip_bomb_xlsx()
    sheet = next(i for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist() if i.filename.endswith("sheet1.xml"))
    assert sheet.file_size / sheet.compress_size > 100 and len(bomb) < 100_000

    def no_inflating(*args, **kwargs):
        raise AssertionError("a member was inflated")

    monkeypatch.setattr(zipfile.ZipFile, "read", no_inflating)
    monkeypatch.setattr(zipfile.ZipFile, "open", no_inflating)
    started = time.monotonic()
    with pytest.raises(ValidationFailed) as caught:
        uploads.open_xlsx_safely(bomb, 5000, "content_b64")
    assert caught.value.status == 422 and "rasio" in caught.value.fields["content_b64"]
    assert time.monotonic() - started < 1


def test_too_many_zip_members_are_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as many:
        many.writestr("[Content_Types].xml", "<Types/>")
        for i in range(300):
            many.writestr(f"xl/x{i}.xml", "<x/>")
    with pytest.raises(ValidationFailed):
        uploads.open_xlsx_safely(out.getvalue(), 10)


def test_defusedxml_is_what_openpyxl_parses_with():
    from openpyxl import xml

    assert xml.DEFUSEDXML is True


# -- names ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, kind, safe", [
    ("../../etc/passwd", None, "passwd"),
    ("C:\\x\\laporan.pdf", "pdf", "laporan.pdf"),
    ('a"b\r\nc.pdf', "pdf", "a_b_c.pdf"),
    ("scan.pdf", "png", "scan.png"),
    ("foto.JPEG", "jpeg", "foto.jpeg"),
    ("Foto Pérez.jpg", "jpeg", "Foto Perez.jpg"),
    ("", None, "berkas"),
    (None, "png", "berkas.png"),
    (".htaccess", None, "htaccess"),
])
def test_safe_filename(name, kind, safe):
    assert uploads.safe_filename(name, kind) == safe


def test_text_is_only_text_when_declared_so():
    script = b"alert(document.cookie)"
    assert uploads.require_kind(script, {"text"}, "f") == "text"
    assert uploads.require_kind(b"a,b\n1,2\n", {"text"}, "f", declared="text/csv; charset=utf-8") == "text"
    with pytest.raises(ValidationFailed) as caught:
        uploads.require_kind(script, {"jpeg", "text"}, "receipts.0.content_b64", declared="image/jpeg")
    assert "receipts.0.content_b64" in caught.value.fields


# -- tables (CSV or XLSX) -------------------------------------------------------------------------------------

def test_a_table_reads_alike_from_csv_with_either_separator_and_from_xlsx():
    expected = [(1, ["kode", "pagu"]), (2, ["5.1.02", "15000000"])]
    assert uploads.read_table(b"kode,pagu\n 5.1.02 ,15000000\n", 10) == expected
    assert uploads.read_table("\ufeffkode;pagu\n5.1.02;15000000\n".encode(), 10) == expected
    assert uploads.read_table(xlsx_bytes([["kode", "pagu"], ["5.1.02", 15000000.0]]), 10) == expected


def test_a_table_stops_at_its_row_limit_and_refuses_what_is_not_one():
    assert len(uploads.read_table("\n".join(f"r{i}" for i in range(50)).encode(), 5)) == 5
    with pytest.raises(ValidationFailed) as latin:
        # the kind is sniffed from the first 4 KB; a Latin-1 byte after them is caught when the table is read
        uploads.read_table(("kode,nama\n" + "1,Badung\n" * 600 + "2,Dénpasar\n").encode("latin-1"), 10_000,
                           "Berkas DPA")
    assert latin.value.message == "Berkas DPA tidak dapat dibaca." and "UTF-8" in latin.value.fields["file"]
    with pytest.raises(ValidationFailed):
        uploads.read_table(b"%PDF-1.4 not a table", 10)


def test_photo_variants_are_each_clean_and_sized():
    from PIL import Image
    from situok_kit.uploads import photo_variants

    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    buffer = io.BytesIO()
    Image.new("RGB", (3000, 1500), (200, 120, 40)).save(buffer, "JPEG", exif=exif)
    made = photo_variants(buffer.getvalue(), "content_b64", original_px=2000, web_px=800, thumbnail_px=100)
    assert (made.width, made.height) == (2000, 1000)
    for data, longest in ((made.original, 2000), (made.web_copy, 800), (made.thumbnail, 100)):
        with Image.open(io.BytesIO(data)) as image:
            assert max(image.size) == longest and not image.getexif()
        assert b"KameraRahasia" not in data


def test_a_declared_type_naming_another_kind_is_refused_only_when_asked():
    import pytest
    from situok_kit.errors import ValidationFailed
    from situok_kit.uploads import require_kind

    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    assert require_kind(png, {"png", "jpeg"}, "f", "image/jpeg") == "png"  # kept as what it is
    with pytest.raises(ValidationFailed) as lied:
        require_kind(png, {"png", "jpeg"}, "f", "image/jpeg", refuse_mismatch=True)
    assert list(lied.value.fields) == ["content_type"]
    assert require_kind(png, {"png"}, "f", "image/jpg", refuse_mismatch=True) == "png"  # names no kind
