"""Sample letters (made-up people, realistic shapes) for the tests, the benchmark and previews.

``python -m travel.documents.samples OUTDIR`` writes one PDF of each kind there.
"""
from __future__ import annotations

import sys
from datetime import date, time
from pathlib import Path

from travel.documents.data import (
    STATUS_CANCELLED,
    CostBreakdownData,
    CostLine,
    Follower,
    Kop,
    Leg,
    Person,
    ReceiptData,
    Signer,
    SppdData,
    SptData,
)

KOP = Kop()
VERIFY = "https://situok.baliprov.go.id/v/"

HEAD = Signer(position="KEPALA BIRO UMUM DAN PROTOKOL\nSEKRETARIAT DAERAH PROVINSI BALI",
              name="Dr. I Gusti Ngurah Wiryanata, S.H., M.H.", nip="197305121998031007",
              rank="Pembina Utama Muda (IV/c)")
PPK = Signer(position="Pejabat Pembuat Komitmen", name="Ni Made Ayu Sukmawati, S.E., M.Si.",
             nip="197811232005012003", rank="Pembina (IV/a)")
TREASURER = Signer(position="Bendahara Pengeluaran", name="Kadek Dwi Purnamasari, S.Ak.",
                   nip="199002142015032001", rank="Penata Muda Tingkat I (III/b)")

WAYAN = Person(name="I Wayan Sudarma, S.Sos.", nip="198204172009011002", rank="Penata Tingkat I (III/d)",
               position="Kepala Subbagian Rumah Tangga", unit="Biro Umum dan Protokol Setda Provinsi Bali",
               cost_level="C")
PUTU = Person(name="Ni Putu Eka Lestari, S.Kom.", nip="199108262019032014", rank="Penata Muda (III/a)",
              position="Pranata Komputer Ahli Pertama", unit="Biro Umum dan Protokol Setda Provinsi Bali",
              cost_level="C")
KETUT = Person(name="Ketut Arya Mahendra", nip=None, rank="-", position="Pengemudi (Non-ASN)",
               unit="Biro Umum dan Protokol Setda Provinsi Bali", cost_level="D")


def spt(status: str = "issued") -> SptData:
    return SptData(
        number="000.1.2.3/15/Biro Umum/2026", status=status, issued_place="Denpasar",
        issued_on=date(2026, 11, 28), verify_url=VERIFY + "spt/7d1c0e52a9", kop=KOP,
        basis=("Peraturan Gubernur Bali Nomor 54 Tahun 2025 tentang Perjalanan Dinas;",
               "Dokumen Pelaksanaan Anggaran (DPA) Sekretariat Daerah Provinsi Bali Tahun Anggaran 2026;",
               "Surat Kementerian Dalam Negeri Nomor 000.1.5/4821/SJ tanggal 20 November 2026 perihal "
               "Undangan Rapat Koordinasi Nasional Tata Usaha Pimpinan."),
        assignees=(WAYAN, PUTU, KETUT),
        purpose="Mengikuti Rapat Koordinasi Nasional Tata Usaha Pimpinan & Keprotokolan",
        destination="Jakarta", start_date=date(2026, 12, 1), end_date=date(2026, 12, 3),
        instructions=("Melaporkan hasil pelaksanaan tugas kepada pimpinan paling lambat 5 (lima) hari kerja "
                      "setelah tugas selesai.",),
        signer=HEAD,
        copies_to=("Sekretaris Daerah Provinsi Bali (sebagai laporan);", "Inspektur Provinsi Bali;",
                   "Arsip."),
    )


def sppd(status: str = "issued", traveller: Person = WAYAN, number: str = "000.1.2.3/16/Biro Umum/2026",
         verify_url: str | None = None) -> SppdData:
    return SppdData(
        number=number, status=status, issued_place="Denpasar", issued_on=date(2026, 11, 28),
        verify_url=verify_url or VERIFY + "sppd/3b9f41aa07", kop=KOP, sheet_no="I", code_no="BUP-16",
        commitment_official="Kepala Biro Umum dan Protokol Setda Provinsi Bali selaku Kuasa Pengguna Anggaran",
        traveller=traveller,
        purpose="Mengikuti Rapat Koordinasi Nasional Tata Usaha Pimpinan dan Keprotokolan",
        transport="Pesawat Udara (Kendaraan Umum)", depart_place="Denpasar", destination="Jakarta",
        depart_date=date(2026, 12, 1), return_date=date(2026, 12, 3),
        followers=(Follower(name="Ni Luh Gede Sari", birth_date=date(1995, 3, 9), note="Staf pendamping"),),
        budget_agency="Sekretariat Daerah Provinsi Bali",
        budget_account="5.1.02.04.01.0001 Belanja Perjalanan Dinas Biasa",
        notes="Sub Kegiatan Penyelenggaraan Administrasi Keprotokolan",
        signer=PPK,
        legs=(
            Leg(depart_from="Denpasar", depart_to="Jakarta", depart_date=date(2026, 12, 1), depart_time=time(7, 15)),
            Leg(arrive_place="Jakarta", arrive_date=date(2026, 12, 1), arrive_time=time(9, 5),
                depart_from="Jakarta", depart_to="Denpasar", depart_date=date(2026, 12, 3),
                arrive_signer=Signer(position="Kepala Bagian Umum Kementerian Dalam Negeri",
                                     name="Drs. Bambang Setiawan, M.M.", nip="197006151995031002",
                                     place="Jakarta")),
        ),
        returned_place="Denpasar", returned_date=date(2026, 12, 3),
    )


def rincian(status: str = "issued") -> CostBreakdownData:
    return CostBreakdownData(
        number="000.1.2.3/16/Biro Umum/2026/RB", status=status, issued_place="Denpasar",
        issued_on=date(2026, 12, 4), verify_url=VERIFY + "rincian/5e22c81f3d", kop=KOP,
        sppd_number="000.1.2.3/16/Biro Umum/2026", sppd_date=date(2026, 11, 28), traveller=WAYAN,
        lines=(
            CostLine(label="Uang harian luar provinsi (DKI Jakarta)", quantity=3, unit="hari", unit_amount=530_000,
                     amount=1_590_000),
            CostLine(label="Biaya penginapan", quantity=2, unit="malam", unit_amount=950_000, amount=1_900_000,
                     note="Sesuai bill hotel"),
            CostLine(label="Tiket pesawat Denpasar - Jakarta - Denpasar", amount=3_245_600, note="At cost"),
            CostLine(label="Taksi Denpasar dan Jakarta", quantity=4, unit="kali", unit_amount=150_000,
                     amount=600_000, note="Daftar Pengeluaran Riil"),
        ),
        treasurer=TREASURER, approver=PPK, advance_paid=7_000_000,
    )


def kuitansi(status: str = "issued", amount: int = 1_250_000) -> ReceiptData:
    return ReceiptData(
        number="KW-0412/BUP/XII/2026", status=status, issued_place="Denpasar", issued_on=date(2026, 12, 4),
        verify_url=VERIFY + "kuitansi/c04d7e19b2", kop=KOP,
        payer="Bendahara Pengeluaran Sekretariat Daerah Provinsi Bali",
        recipient=WAYAN, amount=amount,
        purpose="Uang harian perjalanan dinas ke Jakarta dalam rangka Rapat Koordinasi Nasional Tata Usaha "
                "Pimpinan dan Keprotokolan, 1 s.d. 3 Desember 2026, sesuai SPT Nomor 000.1.2.3/15/Biro Umum/2026",
        budget_account="5.1.02.04.01.0001", activity="Penyelenggaraan Administrasi Keprotokolan",
        fiscal_year=2026,
        approver=Signer(position="Kuasa Pengguna Anggaran\nKEPALA BIRO UMUM DAN PROTOKOL",
                        name="Dr. I Gusti Ngurah Wiryanata, S.H., M.H.", nip="197305121998031007",
                        rank="Pembina Utama Muda (IV/c)"),
        acknowledger=Signer(position="Pejabat Pelaksana Teknis Kegiatan", name="I Made Suardana, S.T.",
                            nip="198506302010011015", rank="Penata (III/c)"),
        treasurer=TREASURER,
    )


SAMPLES = {"spt": spt, "sppd1": sppd, "sppd2": sppd, "rincian": rincian, "kuitansi": kuitansi}


def sample(kind: str, status: str = "issued"):
    return SAMPLES[kind](status)


def main(argv: list[str]) -> int:
    from travel.documents import filename, render

    out = Path(argv[0] if argv else ".")
    out.mkdir(parents=True, exist_ok=True)
    for kind, make in SAMPLES.items():
        data = make()
        (out / filename(kind, data.number)).write_bytes(render(kind, data))
        cancelled = make(STATUS_CANCELLED)
        (out / ("batal-" + filename(kind, cancelled.number))).write_bytes(render(kind, cancelled))
    big = kuitansi(amount=7_500_000)
    (out / ("besar-" + filename("kuitansi", big.number))).write_bytes(render("kuitansi", big))
    print(f"wrote {len(SAMPLES) * 2 + 1} PDFs to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
