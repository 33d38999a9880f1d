"""The stock-taking berita acara and the disposal files rendered without a database: the title, the number,
the lists and the signers are on the page (read back with ``pdftotext``), user text is escaped, a draft carries
the watermark, and the report's XLSX keeps numbers as numbers and text as text."""
from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date, datetime

import pytest
from assets.documents import census
from assets.documents import disposal as disposal_documents
from openpyxl import load_workbook
from situok_kit.letters.data import Signer

KEPALA = Signer(position="KEPALA BIRO UMUM DAN PROTOKOL", name="Dr. Kepala Biro", nip="197001011995031001")
PENGURUS = Signer(position="PENGURUS BARANG", name="Komang Pengurus", nip="198501012010011003")


def pdf_text(content: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True,
                          check=True).stdout.decode()


def line(n: int, **extra) -> dict:
    return {"asset_id": n, "code": "1.3.2.05.01.04.002", "register_number": n, "name": f"Lemari <arsip> & rak {n}",
            "condition": "B", "checked_condition": "KB", "from_room_name": "Ruang Arsip",
            "to_room_name": "Ruang Rapat", "note": None, **extra}


def census_letter(status: str = "issued", number: str | None = "000.2.1/7/B.Umum/2026") -> census.CensusLetter:
    result = {"counts": {"found": 3, "condition_changed": 1, "found_elsewhere": 1, "not_found": 1, "findings": 1,
                         "unchecked": 0},
              "condition_changed": [line(1)], "found_elsewhere": [line(2)], "not_found": [line(3)],
              "findings": [{"name": "Kursi lipat", "suggested_code": "1.3.2.05", "registered_code": None,
                            "room_name": "Ruang Arsip", "condition": "B", "quantity": 2}]}
    return census.CensusLetter(
        name="Sensus BMD 2026", kind="sensus", status=status, number=number, day=date(2026, 12, 3),
        start_date=date(2026, 11, 20), bureau="Biro Umum dan Protokol Setda Provinsi Bali",
        rooms=["R01 Ruang Arsip"], result=result, team=[Signer(position="Anggota Tim", name="Ni Luh Uji")],
        pengurus=PENGURUS, kepala=KEPALA)


def test_the_census_berita_acara_has_its_title_number_lists_and_signers():
    text = pdf_text(census.render(census_letter()))
    assert "BERITA ACARA HASIL INVENTARISASI BARANG MILIK DAERAH" in text
    assert "000.2.1/7/B.Umum/2026" in text and "Kamis, 3 Desember 2026" in text
    assert "Lemari <arsip> & rak 2" in text and "Kursi lipat" in text and "Baik → Kurang Baik" in text
    assert "Mengetahui" in text and "Dr. Kepala Biro" in text and "Komang Pengurus" in text and "Ni Luh Uji" in text


def test_an_open_campaign_prints_a_draft():
    text = pdf_text(census.render(census_letter("draft", None)))
    assert "Nomor: ......" in text and "000.2.1" not in text
    assert census.letter_status("open") == "draft" and census.letter_status("applied") == "issued"


def proposal(status: str = "done") -> dict:
    return {"id": 5, "method": "pemusnahan", "reasons": "Rusak berat", "status": status,
            "proposed_at": datetime(2026, 12, 1, 3), "ba_number": "000.2.4/1/B.Umum/2026", "ba_date": date(2026, 12, 3),
            "decree_number": "SK 030/123", "decree_date": date(2026, 12, 2), "decree_by": "Gubernur Bali",
            "items": [{"code": "1.3.2.05.01.04.002", "register_number": 3, "name": "Lemari kayu",
                       "acquisition_year": 2015, "condition": "RB", "acquisition_value": 4_000_000, "value": 250_000,
                       "value_basis": "book_value", "reason": "Lapuk"}]}


def test_the_disposal_letters():
    letter = disposal_documents.DisposalLetter(proposal=proposal(), bureau="Biro Umum", pengurus=PENGURUS,
                                               kepala=KEPALA)
    ba = pdf_text(disposal_documents.berita_acara_pdf(letter))
    assert "BERITA ACARA PENGHAPUSAN BARANG MILIK DAERAH" in ba and "000.2.4/1/B.Umum/2026" in ba
    assert "SK 030/123" in ba and "Rp4.000.000" in ba and "Rp250.000" in ba and "Mengetahui" in ba
    listing = pdf_text(disposal_documents.proposal_pdf(letter))
    assert "DAFTAR USULAN PENGHAPUSAN BARANG MILIK DAERAH" in listing and "Lapuk" in listing


def test_the_report_xlsx_keeps_numbers_and_text():
    row = {**proposal()["items"][0], "kib": "B", "method": "pemusnahan", "decree_number": "=SK 1",
           "decree_date": date(2026, 12, 2), "ba_number": "000.2.4/1/B.Umum/2026", "ba_date": date(2026, 12, 3)}
    report = {"year": 2026, "rows": [row], "acquisition_value": 4_000_000, "value": 250_000,
              "by_method": [{"method": "pemusnahan", "items": 1, "acquisition_value": 4_000_000, "value": 250_000}]}
    sheet = load_workbook(io.BytesIO(disposal_documents.report_xlsx(report, "Biro Umum"))).active
    rows = list(sheet.iter_rows(values_only=True))
    data = rows[4]
    assert data[8] == 4_000_000 and data[9] == 250_000 and data[11] == "=SK 1"
    assert sheet.cell(5, 12).data_type == "s"
    printed = pdf_text(disposal_documents.report_pdf(report, "Biro Umum", PENGURUS, date(2026, 12, 31)))
    assert "000.2.4/1/B.Umum" in printed and "31 Desember 2026" in printed
