"""The archive without the service: the storage contract (the same tests on a directory and on a real local
S3 server, moto's server mode), and the rules of ``domain.archive`` and ``domain.integrity`` (period, retention,
key layout, content judged, PDF checks, the classification CSV, the verdict of a re-read file)."""
from __future__ import annotations

import hashlib
import io
from datetime import date

import pytest
from finance.domain import archive, integrity
from finance.domain.storage import LocalStorage, S3Storage, StorageMissing, checked_key, storage_for
from finance_s3 import ACCESS_KEY, REGION, SECRET_KEY, s3_server  # noqa: F401  (the session fixture)
from PIL import Image
from situok_kit.errors import ValidationFailed


def pdf(text: str = "Nota pembelian ATK") -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, invariant=1)
    page.drawString(72, 720, text)
    page.save()
    return out.getvalue()


def image(fmt: str = "JPEG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, fmt)
    return out.getvalue()


# -- the storage contract, on both backends ------------------------------------------------------------

@pytest.fixture(params=["local", "s3"])
def storage(request, tmp_path):
    if request.param == "local":
        return LocalStorage(tmp_path / "archive")
    server = request.getfixturevalue("s3_server")
    return S3Storage(server.bucket(), server.endpoint, ACCESS_KEY, SECRET_KEY, REGION)


def test_put_get_exists_delete(storage):
    key = "2026/03/12/0123456789abcdef-nota.pdf"
    assert not storage.exists(key)
    storage.put(key, b"%PDF-1.4 isi", "application/pdf")
    assert storage.exists(key)
    assert storage.get(key) == b"%PDF-1.4 isi"
    storage.put(key, b"diganti", "application/pdf")
    assert storage.get(key) == b"diganti"
    storage.delete(key)
    assert not storage.exists(key)
    storage.delete(key)  # deleting what is not there is not an error


def test_a_missing_key_raises_storage_missing(storage):
    with pytest.raises(StorageMissing):
        storage.get("2026/01/umum/none-such.pdf")
    with pytest.raises(StorageMissing):
        list(storage.chunks("2026/01/umum/none-such.pdf"))


def test_chunks_stream_the_bytes_in_bounded_pieces(storage):
    data = bytes(range(256)) * 5000  # 1.28 MB
    storage.put("2026/02/umum/big.bin", data, "application/octet-stream")
    pieces = list(storage.chunks("2026/02/umum/big.bin", size=64 * 1024))
    assert b"".join(pieces) == data
    assert len(pieces) > 1 and max(len(p) for p in pieces) <= 64 * 1024
    assert integrity.digest(storage, "2026/02/umum/big.bin") == hashlib.sha256(data).hexdigest()
    assert integrity.digest(storage, "2026/02/umum/gone.bin") is None


@pytest.mark.parametrize("key", ["../etc/passwd", "/abs/path", "2026/../../x", "a\\b", "", "2026//x", "./x"])
def test_keys_outside_the_archive_are_refused(storage, key):
    with pytest.raises(ValueError):
        storage.put(key, b"x", "text/plain")
    with pytest.raises(ValueError):
        checked_key(key)


def test_local_storage_keeps_files_under_its_root_by_key(tmp_path):
    store = LocalStorage(tmp_path)
    store.put("2026/03/7/abc-nota.pdf", b"isi", "application/pdf")
    assert (tmp_path / "2026" / "03" / "7" / "abc-nota.pdf").read_bytes() == b"isi"
    assert not [p for p in (tmp_path / "2026" / "03" / "7").iterdir() if p.name.startswith(".part-")]


def test_settings_choose_the_backend(tmp_path):
    local = storage_for(("local", str(tmp_path), "", "", "", "", ""))
    assert isinstance(local, LocalStorage) and local.root == tmp_path.resolve()
    s3 = storage_for(("s3", "", "http://127.0.0.1:9", "bucket-x", "a", "b", "us-east-1"))
    assert isinstance(s3, S3Storage) and s3.bucket == "bucket-x"
    with pytest.raises(RuntimeError, match="SITUOK_FINANCE_STORAGE"):
        storage_for(("ftp", "", "", "", "", "", ""))
    with pytest.raises(RuntimeError, match="SITUOK_FINANCE_S3_BUCKET"):
        storage_for(("s3", "", "", "", "", "", ""))


# -- the rules ------------------------------------------------------------------------------------------

def test_retention_ends_on_31_december_of_year_plus_active_plus_inactive():
    assert archive.retention_until(2026, 2, 8) == date(2036, 12, 31)
    assert archive.retention_until(2026, 0, 0) == date(2026, 12, 31)


def test_period_comes_from_the_document_date_then_the_given_year_month_then_today():
    today = date(2026, 7, 15)
    assert archive.period(date(2025, 11, 3), 2026, 1, today) == (2025, 11)
    assert archive.period(None, 2024, 5, today) == (2024, 5)
    assert archive.period(None, 2024, None, today) == (2024, 7)
    assert archive.period(None, None, None, today) == (2026, 7)


def test_storage_key_is_year_month_unit_then_sha_prefix_and_name():
    sha = "ab" * 32
    assert archive.storage_key(2026, 3, 12, sha, "nota.pdf") == f"2026/03/12/{sha[:16]}-nota.pdf"
    assert archive.storage_key(2026, 11, None, sha, "x.png") == f"2026/11/umum/{sha[:16]}-x.png"
    checked_key(archive.storage_key(2026, 3, 12, sha, "Nota (1).pdf"))


def test_a_pdf_is_kept_as_it_is_under_a_safe_name():
    content = pdf()
    kept, content_type, name = archive.judged(content, "../../Nota Toko “Jaya”.pdf")
    assert kept == content and content_type == "application/pdf"
    assert name.endswith(".pdf") and "/" not in name and '"' not in name


def test_a_photo_is_reencoded_without_trailing_bytes():
    content = image("JPEG") + b"<script>alert(1)</script>"
    kept, content_type, name = archive.judged(content, "struk.png")
    assert content_type == "image/jpeg" and name == "struk.jpg"
    assert b"<script>" not in kept
    with Image.open(io.BytesIO(kept)) as im:
        assert im.format == "JPEG" and im.size == (40, 30)


@pytest.mark.parametrize("content", [
    b"<html><body><script>alert(1)</script></body></html>",
    b"MZ\x90\x00\x03\x00\x00\x00 a windows program",
    b"nama,jumlah\nATK,100000\n",
    b"PK\x03\x04 not really a zip",
])
def test_a_file_lying_about_its_type_is_refused_naming_the_field(content):
    with pytest.raises(ValidationFailed) as err:
        archive.judged(content, "nota.pdf")
    assert err.value.status == 422 and set(err.value.fields) == {"content_b64"}


@pytest.mark.parametrize("content, problem", [
    (b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n%%EOF\n",
     "JavaScript"),
    (b"%PDF-1.7\n1 0 obj << /S /J#61vaScript >>\n%%EOF", "JavaScript"),
    (b"%PDF-1.4\n1 0 obj << /S /Launch /F (cmd.exe) >>\n%%EOF", "Launch"),
    (b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n", "terpotong"),
])
def test_a_pdf_that_is_cut_or_carries_active_content_is_refused(content, problem):
    with pytest.raises(ValidationFailed) as err:
        archive.judged(content, "nota.pdf")
    assert problem in err.value.fields["content_b64"]


def test_more_than_10_mb_is_refused():
    with pytest.raises(ValidationFailed) as err:
        archive.judged(b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024) + b"\n%%EOF", "besar.pdf")
    assert "10 MB" in err.value.fields["content_b64"]


def test_the_shipped_classification_list_parses_and_covers_finance():
    rows = archive.parse_classifications(archive.CLASSIFICATIONS_CSV.read_bytes())
    codes = {row["code"]: row for row in rows}
    assert codes["900.1"]["name"] == "Keuangan Daerah"
    assert codes["900.1.4"]["active_years"] + codes["900.1.4"]["inactive_years"] == 10
    assert all(row["disposition"] in ("musnah", "permanen") and "verify" in row["note"] for row in rows)


def test_a_bad_classification_csv_names_every_bad_row_and_column():
    bad = (b"code,name,active_years,inactive_years,disposition\n"
           b"900.1,Keuangan,2,8,musnah\n"
           b"9x,Salah,2,8,musnah\n"
           b"900.1,Ganda,-1,8,dibakar\n")
    with pytest.raises(ValidationFailed) as err:
        archive.parse_classifications(bad)
    assert set(err.value.fields) == {"baris 3.code", "baris 4.code", "baris 4.active_years", "baris 4.disposition"}
    with pytest.raises(ValidationFailed) as err:
        archive.parse_classifications(b"code,name\n900,Keuangan\n")
    assert "active_years" in err.value.fields["content_b64"]


def test_the_verdict_of_a_reread_file():
    assert integrity.verdict("AB" * 32, "ab" * 32) == "ok"
    assert integrity.verdict("ab" * 32, "cd" * 32) == "mismatch"
    assert integrity.verdict("ab" * 32, None) == "missing"
