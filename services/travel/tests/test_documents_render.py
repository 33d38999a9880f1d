"""Each letter renders, and its PDF text carries what the form requires.

Text is read back with pypdf and whitespace-normalised, so a phrase that wraps still matches.
Rasterising (pdftoppm) and QR decoding (zbarimg) run only where those tools are installed.
"""
import io
import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader
from travel.documents import KINDS, filename, render, samples
from travel.documents.data import STATUS_CANCELLED, STATUS_DRAFT, CostLine, Kop, Person
from travel.documents.sppd import ITEM_LABELS, PERHATIAN, TELAH_DIPERIKSA
from travel.documents.spt import trip_sentence

KOP_LINES = ("PEMERINTAH PROVINSI BALI", "SEKRETARIAT DAERAH", "BIRO UMUM DAN PROTOKOL",
             "Jalan Basuki Rahmat, Niti Mandala Renon, Denpasar")


def pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def text(pdf: bytes) -> str:
    return " ".join(pages(pdf))


def xobjects(pdf: bytes) -> list[str]:
    names = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        names += list(page["/Resources"].get("/XObject", {}).keys())
    return names


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_is_a_one_page_a4_pdf_with_a_qr(kind):
    data = samples.sample(kind)
    pdf = render(kind, data)
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert any("QR" in name for name in xobjects(pdf)), "the verification QR is drawn as a form XObject"
    body = text(pdf)
    assert "Pindai untuk memeriksa keaslian surat" in body
    assert data.verify_url not in body, "the URL is in the QR, not printed"
    assert "DIBATALKAN" not in body


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_cancelled_letters_carry_the_watermark_and_keep_their_number(kind):
    data = samples.sample(kind, STATUS_CANCELLED)
    body = text(render(kind, data))
    assert "DIBATALKAN" in body
    assert data.number in body


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_unnumbered_draft_prints_a_line_for_the_number(kind):
    data = replace(samples.sample(kind, STATUS_DRAFT), number="")
    body = text(render(kind, data))
    assert "DRAF" in body and "DIBATALKAN" not in body
    assert "." * 24 in body


@pytest.mark.parametrize("kind", ["spt", "sppd1", "rincian", "kuitansi"])
def test_kop(kind):
    body = text(render(kind, samples.sample(kind)))
    for line in KOP_LINES:
        assert line in body
    assert "Telepon (0361) 222387" in body


def test_spt():
    data = samples.spt()
    body = text(render("spt", data))
    for phrase in ("SURAT PERINTAH TUGAS", "Nomor: 000.1.2.3/15/Biro Umum/2026", "Dasar", "MEMERINTAHKAN :",
                   "Kepada", "Untuk", "Peraturan Gubernur Bali Nomor 54 Tahun 2025",
                   "Mengikuti Rapat Koordinasi Nasional Tata Usaha Pimpinan & Keprotokolan di Jakarta",
                   "selama 3 (tiga) hari, dari tanggal 1 Desember 2026 s.d. 3 Desember 2026",
                   "Melaporkan hasil pelaksanaan tugas", "Denpasar, 28 November 2026",
                   "KEPALA BIRO UMUM DAN PROTOKOL", "Dr. I Gusti Ngurah Wiryanata, S.H., M.H.",
                   "Pembina Utama Muda (IV/c)", "NIP. 197305121998031007", "Tembusan", "Inspektur Provinsi Bali"):
        assert phrase in body, phrase
    for person in data.assignees:
        assert person.name in body and person.position in body and person.rank in body
        if person.nip:
            assert person.nip in body
    # Numbered per person, with the four fields each.
    assert body.count("Pangkat/Gol.") == 3 and body.count("Jabatan") >= 3
    assert re.search(r"1\. Nama : I Wayan Sudarma", body)
    assert re.search(r"3\. Nama : Ketut Arya Mahendra NIP : -", body), "a non-ASN prints '-' for NIP"


def test_spt_one_day_and_explicit_days():
    assert trip_sentence("Rapat", "Singaraja", date(2026, 12, 1), date(2026, 12, 1), None) == (
        "Rapat di Singaraja selama 1 (satu) hari, pada tanggal 1 Desember 2026.")
    assert "selama 2 (dua) hari" in trip_sentence("Rapat", "Bangli", date(2026, 12, 1), date(2026, 12, 3), 2)


def test_spt_with_many_assignees_flows_onto_a_second_page():
    many = tuple(Person(name=f"Pegawai Nomor {i}", nip=f"19800101200501100{i % 10}", rank="Penata (III/c)",
                        position="Analis") for i in range(14))
    pdf = render("spt", replace(samples.spt(), assignees=many))
    got = pages(pdf)
    assert len(got) >= 2
    assert "PEMERINTAH PROVINSI BALI" in got[0] and "PEMERINTAH PROVINSI BALI" not in got[1]
    assert "Pegawai Nomor 13" in " ".join(got)
    assert "NIP. 197305121998031007" in got[-1]


def test_user_text_is_escaped():
    data = replace(samples.spt(), purpose="Rapat <b>A & B</b>", assignees=(Person(name="A & <B>", nip=None),))
    body = text(render("spt", data))
    assert "Rapat <b>A & B</b>" in body and "A & <B>" in body


def test_sppd_sheet_one_has_the_ten_items():
    data = samples.sppd()
    body = text(render("sppd1", data))
    for phrase in ("SURAT PERINTAH PERJALANAN DINAS (SPPD)", "Lembar ke : I", "Kode No : BUP-16",
                   "Nomor : 000.1.2.3/16/Biro Umum/2026"):
        assert phrase in body, phrase
    for number, labels in ITEM_LABELS:
        assert f" {number} " in f" {body} ", number
        for label in labels:
            assert label in body, label
    assert "Pejabat Pembuat Komitmen / Pengguna Anggaran" in body
    for phrase in ("I Wayan Sudarma, S.Sos.", "NIP. 198204172009011002", "a. Penata Tingkat I (III/d)",
                   "b. Kepala Subbagian Rumah Tangga", "c. C", "Pesawat Udara", "a. Denpasar", "b. Jakarta",
                   "a. 3 (tiga) hari", "b. 1 Desember 2026", "c. 3 Desember 2026", "Tanggal Lahir", "Keterangan",
                   "1. Ni Luh Gede Sari 9 Maret 1995 Staf pendamping", "a. Sekretariat Daerah Provinsi Bali",
                   "b. 5.1.02.04.01.0001", "Dikeluarkan di : Denpasar", "Tanggal : 28 November 2026",
                   "Ni Made Ayu Sukmawati, S.E., M.Si.", "NIP. 197811232005012003"):
        assert phrase in body, phrase


def test_sppd_sheet_two_has_the_legs_return_and_perhatian():
    data = samples.sppd()
    body = text(render("sppd2", data))
    for roman in ("I.", "II.", "III.", "IV.", "V.", "VI.", "VII."):
        assert f" {roman} " in f" {body} ", roman
    assert body.count("Berangkat dari") == 4 and body.count("Tiba di") == 3
    assert body.count("Pada tanggal") == 8 and body.count("Kepala") >= 6
    for phrase in ("Lembar II SPPD Nomor : 000.1.2.3/16/Biro Umum/2026", "Denpasar (Tempat Kedudukan)",
                   "1 Desember 2026 pkl. 07.15", "Tiba di : Jakarta", "1 Desember 2026 pkl. 09.05",
                   "Drs. Bambang Setiawan, M.M.", "Tiba kembali di : Denpasar", "3 Desember 2026",
                   TELAH_DIPERIKSA, "PERHATIAN", PERHATIAN, "Catatan Lain-lain"):
        assert phrase in body, phrase
    assert "Keuangan Daerah" in body and "Negara" not in body      # a regional government's liability note


def test_sppd_title_perhatian_and_item_one_are_configurable():
    data = replace(samples.sppd(), title="SURAT PERJALANAN DINAS (SPD)", perhatian="Teks perhatian uji.",
                   commitment_label="Pejabat Pembuat Komitmen", commitment_official="Ni Made Ayu Sukmawati")
    one, two = text(render("sppd1", data)), text(render("sppd2", data))
    assert "SURAT PERJALANAN DINAS (SPD)" in one and "PERINTAH PERJALANAN" not in one
    assert "1. Pejabat Pembuat Komitmen Ni Made Ayu Sukmawati" in one
    assert "Teks perhatian uji." in two and "Keuangan Daerah" not in two


def test_sppd_sheet_two_blank_legs_leave_room_to_write():
    body = text(render("sppd2", replace(samples.sppd(), legs=(), returned_date=None)))
    assert body.count("....") > 10
    assert "Tiba kembali di : Denpasar" in body


def test_rincian():
    data = samples.rincian()
    body = text(render("rincian", data))
    assert data.total == 7_335_600
    for phrase in ("RINCIAN BIAYA PERJALANAN DINAS", "Lampiran SPPD Nomor : 000.1.2.3/16/Biro Umum/2026",
                   "Tanggal : 28 November 2026", "No Perincian Biaya Jumlah Keterangan",
                   "3 hari x Rp530.000", "Rp1.590.000", "Rp3.245.600", "JUMLAH Rp7.335.600",
                   "Terbilang: Tujuh juta tiga ratus tiga puluh lima ribu enam ratus rupiah",
                   "Telah dibayar sejumlah", "Telah menerima jumlah uang sebesar", "Bendahara Pengeluaran",
                   "Kadek Dwi Purnamasari, S.Ak.", "I Wayan Sudarma, S.Sos.", "Denpasar, 4 Desember 2026",
                   "PERHITUNGAN SPPD RAMPUNG", "Rp335.600 (kurang)"):
        assert phrase in body, phrase


def test_rincian_without_advance_or_approver():
    data = replace(samples.rincian(), advance_paid=None, approver=None,
                   lines=(CostLine(label="Uang harian dalam kota > 8 jam", quantity=1, unit="hari",
                                   unit_amount=190_000, amount=190_000),))
    body = text(render("rincian", data))
    assert "RAMPUNG" not in body and "JUMLAH Rp190.000" in body
    assert "Seratus sembilan puluh ribu rupiah" in body


def test_kuitansi():
    body = text(render("kuitansi", samples.kuitansi()))
    for phrase in ("KUITANSI", "Nomor : KW-0412/BUP/XII/2026", "Tahun Anggaran : 2026",
                   "Kode Rekening : 5.1.02.04.01.0001", "Sudah terima dari", "Uang sebanyak",
                   "Satu juta dua ratus lima puluh ribu rupiah", "Untuk pembayaran", "Rp1.250.000",
                   "Setuju dibayar", "Kuasa Pengguna Anggaran", "Dr. I Gusti Ngurah Wiryanata, S.H., M.H.",
                   "Mengetahui", "Pejabat Pelaksana Teknis Kegiatan", "I Made Suardana, S.T.",
                   "Lunas dibayar", "Bendahara Pengeluaran", "Yang menerima", "Denpasar, 4 Desember 2026"):
        assert phrase in body, phrase
    assert "Mengetahui/Setuju" not in body
    # one row: the PA/KPA's "Setuju dibayar" on the left, the PPTK's "Mengetahui" on the right, names likewise
    assert body.index("Setuju dibayar") < body.index("Mengetahui")
    assert body.index("Dr. I Gusti Ngurah") < body.index("I Made Suardana") < body.index("Lunas dibayar")
    assert "Meterai" not in body, "no meterai at or under Rp5.000.000"


def test_kuitansi_over_five_million_asks_for_meterai():
    assert "Meterai" not in text(render("kuitansi", samples.kuitansi(amount=5_000_000)))
    body = text(render("kuitansi", samples.kuitansi(amount=5_000_001)))
    assert "Meterai Rp10.000" in body and "Rp5.000.001" in body
    assert "Lima juta satu rupiah" in body


def test_logo_path_draws_an_emblem_or_a_placeholder(tmp_path):
    from PIL import Image

    logo = tmp_path / "bali.png"
    Image.new("RGB", (40, 40), (200, 30, 30)).save(logo)
    with_logo = replace(samples.spt(), kop=Kop(logo_path=str(logo)))
    pdf = render("spt", with_logo)
    assert len(xobjects(pdf)) == 2  # the emblem image beside the QR form
    missing = text(render("spt", replace(samples.spt(), kop=Kop(logo_path=str(tmp_path / "none.png")))))
    assert "LAMBANG" in missing and "PEMERINTAH PROVINSI BALI" in missing


def test_render_is_deterministic():
    assert render("sppd1", samples.sppd()) == render("sppd1", samples.sppd())


def test_unknown_kind_and_wrong_record():
    with pytest.raises(ValueError, match="unknown letter kind"):
        render("sppd3", samples.sppd())
    with pytest.raises(TypeError):
        render("spt", samples.sppd())
    with pytest.raises(ValueError, match="unknown status"):
        render("spt", replace(samples.spt(), status="void"))
    with pytest.raises(ValueError):
        filename("memo", "1")


def test_filename():
    assert filename("sppd1", "000.1.2.3/16/Biro Umum/2026") == "SPPD-lembar-I_000.1.2.3-16-Biro-Umum-2026.pdf"
    assert filename("spt", "000.1.2.3/15/Biro Umum/2026") == "SPT_000.1.2.3-15-Biro-Umum-2026.pdf"
    assert filename("kuitansi", "") == "Kuitansi_tanpa-nomor.pdf"
    assert "/" not in filename("sppd2", "../../etc/passwd")


PDFTOPPM = shutil.which("pdftoppm")
ZBARIMG = shutil.which("zbarimg")


def _png(pdf: bytes, tmp_path, dpi: int = 60) -> list:
    (tmp_path / "letter.pdf").write_bytes(pdf)
    subprocess.run([PDFTOPPM, "-r", str(dpi), "-png", str(tmp_path / "letter.pdf"), str(tmp_path / "page")],
                   check=True, timeout=60)
    return sorted(tmp_path.glob("page*.png"))


def _reddish(path) -> int:
    from PIL import Image

    image = Image.open(path).convert("RGB")
    return sum(1 for r, g, b in image.getdata() if r > 200 and g < 190 and b < 190)


@pytest.mark.skipif(PDFTOPPM is None, reason="pdftoppm (poppler-utils) not installed")
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_rasterises_and_the_watermark_shows(kind, tmp_path):
    from PIL import Image

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    issued = _png(render(kind, samples.sample(kind)), tmp_path / "a")
    cancelled = _png(render(kind, samples.sample(kind, STATUS_CANCELLED)), tmp_path / "b")
    assert len(issued) == len(cancelled) == 1
    width, height = Image.open(issued[0]).size
    assert abs(width - 496) <= 1 and abs(height - 702) <= 1  # A4 at 60 dpi, portrait
    assert _reddish(issued[0]) == 0
    assert _reddish(cancelled[0]) > 2000


@pytest.mark.skipif(PDFTOPPM is None or ZBARIMG is None, reason="pdftoppm or zbarimg not installed")
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_qr_decodes_to_the_verify_url(kind, tmp_path):
    data = samples.sample(kind)
    png = _png(render(kind, data), tmp_path, dpi=200)[0]
    out = subprocess.run([ZBARIMG, "--quiet", "--raw", str(png)], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == data.verify_url
