"""What travel answers about orders: the order (summary, detail, page), its SPPD legs, history, trip report,
realization, files, the cost estimate, and a letter's public verification.

Each answer is ``<Schema>().dump(record_or_view)``: a model, or a ``domain.common.View`` of one that adds what
the record does not store (``allowed_actions``, ``days``, its history).
"""
from __future__ import annotations

from situok_kit.schema import ContractSchema

from ..domain.common import PROVINCES
from ..domain.workflow import ORDER
from ..models import (
    ATTACHMENT_KINDS,
    CATEGORIES,
    COST_KINDS,
    COST_LEVELS,
    LEG_KINDS,
    RANKS,
    RATE_KINDS,
    STATUSES,
    TRANSPORT_MODES,
)
from .common import (
    CONTENT_TYPES,
    COST_CATEGORIES,
    Base64Bytes,
    VerifyUrl,
    choice,
    day,
    flag,
    integer,
    listing,
    moment,
    nested,
    number,
    rupiah,
    text,
)

# -- the cost estimate ----------------------------------------------------------------------------

class CostLineOut(ContractSchema):
    code = choice("Jenis biaya.", RATE_KINDS)
    label = text("Nama biaya, seperti ditulis pada rincian.")
    quantity = integer("Banyaknya (hari, malam, kali).", nullable=True)
    unit = text("Satuan banyaknya (`hari`, `malam`, `kali (pergi-pulang)`).")
    unit_amount = integer("Tarif per satuan (rupiah bulat).", nullable=True)
    amount = rupiah("Jumlah")


class TravellerEstimateOut(ContractSchema):
    employee_id = integer("Pelaksana (id pegawai).")
    name = text("Nama pelaksana.", nullable=True)
    cost_level = choice("Tingkat biaya perjalanan dinas.", COST_LEVELS)
    lines = listing(CostLineOut, "Rincian biaya pelaksana ini.")
    total = rupiah("Jumlah biaya pelaksana ini")


class EstimateOut(ContractSchema):
    fiscal_year = integer("Tahun anggaran tabel tarif yang dipakai (tahun keberangkatan).")
    province_code = choice("Provinsi tujuan pertama, yang menentukan tarif.", tuple(PROVINCES))
    province_name = text("Nama provinsi itu.", nullable=True)
    category = choice("Jenis perjalanan.", CATEGORIES)
    transport = choice("Alat angkut.", TRANSPORT_MODES)
    days = integer("Lama perjalanan dalam hari, kedua ujung dihitung.")
    nights = integer("Malam menginap (luar kota: hari - 1; selainnya 0).")
    travellers = listing(TravellerEstimateOut, "Perkiraan per pelaksana.")
    total = rupiah("Jumlah seluruh pelaksana")


# -- the parts of an order ---------------------------------------------------------------------------

class DestinationOut(ContractSchema):
    province_code = choice("Kode provinsi Kemendagri, mis. `51` Bali.", tuple(PROVINCES), required=True)
    city = text("Kota/kabupaten tujuan.", required=True)


class FollowerOut(ContractSchema):
    name = text("Nama pengikut.", required=True)
    birth_date = text("Tanggal lahir pengikut (YYYY-MM-DD).", nullable=True, format="date")
    note = text("Keterangan (mis. hubungan).", nullable=True)


class LegOut(ContractSchema):
    id = integer("Id catatan.", required=True)
    kind = choice("`arrival` (tiba) atau `departure` (berangkat).", LEG_KINDS, required=True)
    place = text("Tempat.", required=True)
    latitude = number("Lintang dari peramban.", nullable=True)
    longitude = number("Bujur dari peramban.", nullable=True)
    accuracy = number("Akurasi lokasi dalam meter.", nullable=True, attribute="accuracy_m")
    recorded_at = moment("Waktu server saat dicatat", nullable=False)


class TravellerOut(ContractSchema):
    employee_id = integer("Pelaksana (id pegawai).", required=True)
    name = text("Nama dengan gelar, saat surat dibuat.", required=True)
    nip = text("NIP.", nullable=True)
    pangkat = text("Pangkat.", nullable=True)
    golongan = text("Golongan/ruang (PNS) atau golongan PPPK.", nullable=True)
    position_name = text("Jabatan.", nullable=True)
    unit_id = integer("Unit kerja (id).")
    unit_name = text("Nama unit kerja.", nullable=True)
    rank = choice("Tingkat persetujuan.", RANKS)
    cost_level = choice("Tingkat biaya perjalanan dinas.", COST_LEVELS)
    followers = listing(FollowerOut, "Pengikut (SPPD butir 8).")
    sppd_number = text("Nomor SPPD (setelah diterbitkan).", nullable=True)
    estimate_total = rupiah("Perkiraan biaya pelaksana ini")


class TravellerDetailOut(TravellerOut):
    legs = listing(LegOut, "SPPD lembar II: tiba/berangkat, urut waktu.")


class AttachmentOut(ContractSchema):
    id = integer("Id lampiran; unduh di `GET /api/v1/travel/attachments/{id}`.", required=True)
    kind = choice("`report` (lampiran laporan) atau `receipt` (bukti biaya).", ATTACHMENT_KINDS)
    filename = text("Nama berkas.")
    content_type = choice("Jenis berkas.", CONTENT_TYPES)
    size = integer("Besar berkas (byte).")
    sha256 = text("Checksum SHA-256 isi berkas (heksadesimal).")
    line_id = integer("Rincian biaya riil yang dibuktikan (bukti).", nullable=True)


class AttachmentFileOut(AttachmentOut):
    content_b64 = Base64Bytes(attribute="content", metadata={"description": "Isi berkas dalam base64."})


class TransitionOut(ContractSchema):
    from_status = choice("Status sebelumnya; null saat dibuat.", STATUSES, nullable=True)
    to_status = choice("Status sesudahnya.", STATUSES)
    actor_account_id = integer("Akun pelaku.")
    actor_employee_id = integer("Pegawai pelaku.", nullable=True)
    actor_username = text("Nama pengguna pelaku.")
    note = text("Catatan atau alasan.", nullable=True)
    at = moment("Waktu", nullable=False)


class ReportOut(ContractSchema):
    summary = text("Laporan perjalanan dinas: hasil yang dicapai.")
    filed_at = moment("Dilaporkan", nullable=False)
    filed_by_account_id = integer("Akun pelapor.")
    attachments = listing(AttachmentOut, "Lampiran laporan.")


class RealizationLineOut(ContractSchema):
    id = integer("Id rincian.")
    employee_id = integer("Pelaksana yang dibayar (id).", nullable=True)
    category = choice("Jenis biaya.", COST_CATEGORIES)
    kind = choice("Sifat biaya: `lump_sum` (uang harian, representasi), `at_cost` (dengan bukti), `riil` (tanpa "
                  "bukti; Daftar Pengeluaran Riil); null pada realisasi lama.", COST_KINDS, nullable=True)
    description = text("Uraian.")
    quantity = integer("Banyaknya (hari, malam, kali); null pada realisasi lama.", nullable=True)
    rate = rupiah("Tarif/harga satuan; null pada realisasi lama", nullable=True)
    amount = rupiah("Jumlah riil")
    receipts = listing(AttachmentOut, "Bukti biaya.")


class RealizationAdvanceOut(ContractSchema):
    employee_id = integer("Pelaksana (id pegawai).")
    amount = rupiah("Uang muka yang sudah dibayar")


class RealizationOut(ContractSchema):
    lines = listing(RealizationLineOut, "Rincian biaya riil.")
    total = rupiah("Jumlah biaya riil")
    advances = listing(RealizationAdvanceOut, "Uang muka per pelaksana.")
    advance_paid = rupiah("Jumlah uang muka")
    balance = rupiah("Sisa: positif kurang bayar (dibayarkan), negatif lebih bayar (dikembalikan)")


# -- orders ------------------------------------------------------------------------------------------

class OrderSummaryOut(ContractSchema):
    id = integer("Id surat.", required=True)
    status = choice("Status surat.", STATUSES, required=True)
    number = text("Nomor SPT (setelah diterbitkan).", nullable=True)
    unit_id = integer("Unit kerja surat (id).")
    requester_account_id = integer("Akun pengaju.")
    requester_employee_id = integer("Pegawai pengaju; null untuk akun tanpa data pegawai.", nullable=True)
    requester_name = text("Nama pengaju.")
    purpose = text("Maksud perjalanan dinas.")
    origin = text("Tempat berangkat.")
    destinations = listing(DestinationOut, "Tujuan; yang pertama menentukan tarif.")
    departure_date = day("Tanggal berangkat (WITA)")
    return_date = day("Tanggal kembali (WITA)")
    days = integer("Lama perjalanan dalam hari, kedua ujung dihitung.")
    category = choice("Jenis perjalanan.", CATEGORIES)
    transport = choice("Alat angkut.", TRANSPORT_MODES)
    estimate_total = rupiah("Perkiraan biaya seluruh pelaksana")
    travellers = listing(TravellerOut, "Pelaksana, urut seperti pada surat.")
    issued_date = day("Tanggal terbit (WITA)", nullable=True)
    created_at = moment("Dibuat", nullable=False)
    updated_at = moment("Terakhir diubah", nullable=False)
    allowed_actions = listing(
        choice("Satu tindakan alur kerja.", ORDER.actions),
        "Tindakan yang boleh dilakukan pemanggil atas surat ini sekarang, menurut statusnya dan kedudukan "
        "pemanggil (pengaju, pelaksana, penyetuju, admin); urutan tabel alur kerja. Tombol di aplikasi "
        "mengikuti daftar ini.", required=True)


class OfficialVehicleOut(ContractSchema):
    """The official vehicle booking reserved for the order (``transport`` ``dinas``), or why none was free."""

    status = choice("`reserved`: kendaraan dan pengemudi dipesan; `unavailable`: tidak ada yang bebas — atur "
                    "alat angkut lain.", ("reserved", "unavailable"))
    booking_id = integer("Peminjaman kendaraan di layanan peminjaman (id).", nullable=True)
    vehicle_name = text("Kendaraan.", nullable=True)
    plate = text("Nomor polisi.", nullable=True)
    driver_employee_id = integer("Pengemudi (id pegawai).", nullable=True)
    driver_name = text("Pengemudi.", nullable=True)
    starts_at = moment("Mulai pemakaian", nullable=False)
    ends_at = moment("Akhir pemakaian", nullable=False)
    reason = text("Mengapa tidak ada kendaraan.", nullable=True)


class OrderDetailOut(OrderSummaryOut):
    basis = listing(text("Satu dasar."), "Dasar (peraturan, undangan, DPA).")
    budget_agency = text("Pembebanan anggaran: instansi (SPPD butir 9a).")
    budget_account = text("Pembebanan anggaran: kode rekening (SPPD butir 9b).")
    sub_activity_code = text("Sub-kegiatan DPA yang dibebani; null sampai diisi.", nullable=True)
    account_code = text("Kode rekening yang dibebani; null sampai diisi.", nullable=True)
    notes = text("Keterangan lain (SPPD butir 10).", nullable=True)
    estimate = nested(EstimateOut, "Perkiraan biaya terperinci.")
    issued_at = moment("Diterbitkan")
    verify_url = VerifyUrl(attribute="verify_token", allow_none=True, metadata={
        "description": "Alamat verifikasi (kode QR pada surat); null sebelum terbit."})
    cancel_reason = text("Alasan pembatalan.", nullable=True)
    approver_employee_id = integer("Pegawai yang menyetujui.", nullable=True)
    realized_total = rupiah("Jumlah biaya riil", nullable=True)
    travellers = listing(TravellerDetailOut, "Pelaksana dengan SPPD lembar II masing-masing.")
    transitions = listing(TransitionOut, "Riwayat status, urut waktu.")
    report = nested(ReportOut, "Laporan perjalanan dinas; null sebelum dilaporkan.", nullable=True)
    realization = nested(RealizationOut, "Biaya riil; null sebelum direalisasikan.", nullable=True)
    official_vehicle = nested(OfficialVehicleOut, "Kendaraan dinas yang dipesan layanan peminjaman untuk SPT "
                              "dengan alat angkut dinas; null bila belum ada kabar atau bukan kendaraan dinas.",
                              nullable=True)


class OrderPage(ContractSchema):
    items = listing(OrderSummaryOut, "Surat, urut tanggal berangkat terbaru lalu id.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.",
                       nullable=True, required=True)


# -- files and the public check --------------------------------------------------------------------------

class OrderDocumentOut(ContractSchema):
    filename = text("Nama berkas unduhan.")
    content_type = choice("Selalu PDF.", ("application/pdf",))
    content_b64 = Base64Bytes(attribute="content", metadata={"description": "Isi PDF dalam base64."})


class LetterVerificationOut(ContractSchema):
    kind = choice("Jenis surat.", ("SPT/SPPD",), required=True)
    number = text("Nomor SPT.", nullable=True)
    travellers = listing(text("Nama pelaksana."), "Nama pelaksana.")
    destination = text("Tujuan: kota, provinsi; beberapa dipisah titik koma.")
    departure_date = day("Berangkat")
    return_date = day("Kembali")
    status = choice("Status surat (`cancelled` bila dibatalkan).", STATUSES)
    valid = flag("false bila surat dibatalkan.")
    issued_date = day("Tanggal terbit", nullable=True)
