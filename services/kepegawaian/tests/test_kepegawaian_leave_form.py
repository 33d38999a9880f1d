"""The standard leave form (Anak Lampiran 1.b Peraturan BKN 24/2017) as a PDF: one A4 page with every section,
the chosen kind and the given answers ticked, the dates in Indonesian, the annual-leave record for N-2…N; a
leave not yet decided prints empty decision boxes. Text read back with poppler's ``pdftotext -layout``."""
import shutil
import subprocess

import pytest
from kepegawaian.documents import leave_form

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")

SECTIONS = ("FORMULIR PERMINTAAN DAN PEMBERIAN CUTI", "I. DATA PEGAWAI", "II. JENIS CUTI YANG DIAMBIL**",
            "III. ALASAN CUTI", "IV. LAMANYA CUTI", "V. CATATAN CUTI***", "VI. ALAMAT SELAMA MENJALANKAN CUTI",
            "VII. PERTIMBANGAN ATASAN LANGSUNG**", "VIII. KEPUTUSAN PEJABAT YANG BERWENANG MEMBERIKAN CUTI**")

EMPLOYEE = {"full_name": "I Made Pegawai, S.E.", "nip": "199001012015031001", "position_name": "Analis Keuangan",
            "unit_name": "Subbagian Perbendaharaan", "golongan": "III/b", "pangkat": "Penata Muda Tingkat I",
            "masa_kerja": "11 tahun 2 bulan"}
SUPERVISOR = {"full_name": "Ni Luh Kasubbag", "nip": "198001012005012002",
              "position_name": "Kepala Subbagian Perbendaharaan"}
OFFICIAL = {"full_name": "Dr. I Kepala Biro", "nip": "197001011995031001",
            "position_name": "Kepala Biro Umum dan Protokol"}


def full_view(**changes) -> dict:
    view = {"id": 7, "kind": "tahunan", "kind_name": "Cuti Tahunan", "reason": "Upacara adat keluarga di Tabanan",
            "start_date": "2026-12-07", "end_date": "2026-12-09", "days": 3, "half_day": None,
            "address": "Jl. Gatot Subroto Barat No. 12, Denpasar", "phone": "081234567890",
            "created_at": "2026-12-02T17:30:00+00:00",            # 3 December in WITA
            "considered_option": "setuju", "considered_note": "Pekerjaan sudah diserahkan",
            "decided_option": "setuju", "decided_note": None, "status": "approved",
            "balance": {"year": 2026, "entitlement": 12, "carry": 6, "deferred": 0, "carry_two_years": False,
                        "total": 18, "used": 9, "pending": 0, "remaining": 9, "available": 9,
                        "used_by_kind": {"tahunan": 9, "sakit": 2}},
            "employee": EMPLOYEE, "supervisor": SUPERVISOR, "official": OFFICIAL}
    view.update(changes)
    return view


def text_of(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def pages_of(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def line_with(text: str, needle: str) -> str:
    return next(line for line in text.splitlines() if needle in line)


def test_full_form_has_every_section_the_ticks_dates_and_balance(tmp_path):
    pdf = leave_form.render(full_view())
    assert pdf.startswith(b"%PDF") and pages_of(pdf) == 1
    text = text_of(pdf, tmp_path)
    for heading in SECTIONS:
        assert heading in text, heading
    assert "Denpasar, 3 Desember 2026" in text
    assert "Yth. Kepala Biro Umum dan Protokol" in text
    tick = leave_form.TICK if leave_form.TICK_FONT == "DejaVuSans" else None
    if tick:
        # the chosen kind ticked: the mark sits between "1. Cuti Tahunan" and "2. Cuti Besar" on its row
        row = line_with(text, "1. Cuti Tahunan")
        assert row.index("1. Cuti Tahunan") < row.index(tick) < row.index("2. Cuti Besar")
        assert tick not in line_with(text, "3. Cuti Sakit")
        assert tick not in line_with(text, "5. Cuti Karena Alasan Penting")
        # kind + consideration + decision + the footnote's sample
        assert text.count(tick) == 4
    assert "3 (tiga) hari" in text
    assert "7 Desember 2026" in text and "9 Desember 2026" in text
    assert "hari" not in line_with(text, "N-2 (2024)")
    assert "6 hari" in line_with(text, "N-1 (2025)")
    assert "9 hari" in line_with(text, "N (2026)") and "hak 18, dipakai 9" in line_with(text, "N (2026)")
    assert "2 hari" in line_with(text, "3. CUTI SAKIT")
    for name in ("I Made Pegawai, S.E.", "NIP. 199001012015031001", "Ni Luh Kasubbag", "Dr. I Kepala Biro",
                 "Kepala Subbagian Perbendaharaan", "Penata Muda Tingkat I (III/b)", "11 tahun 2 bulan",
                 "Upacara adat keluarga di Tabanan", "081234567890", "Pekerjaan sudah diserahkan", "Hormat saya,"):
        assert name in text, name
    for footnote in ("Coret yang tidak perlu.", "Pilih salah satu dengan memberi tanda centang",
                     "Diisi oleh pejabat yang menangani bidang kepegawaian sebelum PNS mengajukan cuti.",
                     "Diberi tanda centang dan alasannya."):
        assert footnote in text


def test_pending_leave_prints_empty_decision_boxes(tmp_path):
    view = full_view(kind="sakit", kind_name="Cuti Sakit", considered_option=None, considered_note=None,
                     decided_option=None,
                     status="submitted", days=0.5, half_day="pagi", start_date="2026-12-10", end_date="2026-12-10",
                     official=None)
    pdf = leave_form.render(view)
    assert pages_of(pdf) == 1
    text = text_of(pdf, tmp_path)
    for heading in SECTIONS:
        assert heading in text, heading
    assert "0,5 hari (setengah hari, pagi)" in text
    assert "10 Desember 2026" in text
    if leave_form.TICK_FONT == "DejaVuSans":
        tick = leave_form.TICK
        row = line_with(text, "3. Cuti Sakit")
        assert row.index("3. Cuti Sakit") < row.index(tick) < row.index("4. Cuti Melahirkan")
        assert tick not in line_with(text, "1. Cuti Tahunan")
        assert text.count(tick) == 2                       # the kind and the footnote: no answer ticked
    assert "Dr. I Kepala Biro" not in text and "Pekerjaan sudah diserahkan" not in text


def test_values_of_the_form():
    assert leave_form.kind_index({"kind": "alasan_penting"}) == 4
    assert leave_form.kind_index({"kind_name": "Cuti di Luar Tanggungan Negara"}) == 5
    assert leave_form.kind_index({"kind": "non_asn"}) is None
    assert [leave_form.decision_index(v) for v in ("setuju", "perubahan", "ditangguhkan", "tidak_disetujui",
                                                   None)] == [0, 1, 2, 3, None]
    assert leave_form.decision_index("change_requested") == 1
    assert leave_form.balance_rows({"rows": [{"year": 2025, "remaining": 4, "note": "ditangguhkan"}]}, 2026) == [
        ("N-2 (2024)", "", ""), ("N-1 (2025)", "4 hari", "ditangguhkan"), ("N (2026)", "", "")]
    assert leave_form.length_text(1) == "1 (satu) hari"
    deferred = leave_form.balance_rows({"year": 2027, "carry": 6, "deferred": 12, "carry_two_years": True,
                                        "total": 30, "used": 0, "remaining": 30}, None)
    assert deferred == [("N-2 (2025)", "", "2 tahun berturut-turut tidak digunakan"),
                        ("N-1 (2026)", "18 hari", "termasuk 12 hari ditangguhkan"),
                        ("N (2027)", "30 hari", "hak 30, dipakai 0")]


def test_a_view_with_almost_nothing_still_draws_one_page(tmp_path):
    pdf = leave_form.render({"id": 1})
    assert pages_of(pdf) == 1
    assert "Denpasar, ...................." in text_of(pdf, tmp_path)
