"""OpenAPI components of travel's answers.

travel's contract (``travel.schemas.SCHEMAS``) describes its inputs and the estimate; the shapes of the other
answers are built in ``travel.views`` and listed in docs/contracts.md. These schemas document those shapes for
the OpenAPI document only (the gateway passes answers through unchanged); ``test_gateway_travel`` checks them
against ``travel.views``. Request bodies specific to HTTP (the rate file without its year, which is in the
path) are here too. Imported only when the document is built (it imports travel's contract).
"""
from __future__ import annotations

from marshmallow import Schema, fields
from travel.schemas import ApprovalRuleIn, EstimateOut, LevelRuleIn, NumberTemplateIn

#: Copies of travel's enumerations (``travel.models``); a test keeps them equal.
STATUSES = ("draft", "submitted", "approved", "rejected", "issued", "completed", "realized", "cancelled")
CATEGORIES = ("luar_kota", "dalam_kota_8jam", "diklat")
TRANSPORT_MODES = ("dinas", "umum", "pribadi")
COST_LEVELS = ("A", "B", "C", "D", "E", "F")
RANKS = ("staff", "eselon_iv", "kepala_bagian", "pimpinan")
LEG_KINDS = ("arrival", "departure")


def _d(text: str, **extra) -> dict:
    return {"metadata": {"description": text, **extra}}


def _date(text: str, nullable: bool = False) -> fields.Date:
    return fields.Date(allow_none=nullable, **_d(text))


def _time(text: str, nullable: bool = True) -> fields.DateTime:
    return fields.DateTime(allow_none=nullable, **_d(text + " (ISO 8601 dengan offset)."))


def _rupiah(text: str, nullable: bool = False) -> fields.Integer:
    return fields.Integer(allow_none=nullable, **_d(text + " (rupiah bulat)."))


class DestinationOut(Schema):
    province_code = fields.String(required=True, **_d("Kode provinsi Kemendagri, mis. `51` Bali."))
    city = fields.String(required=True)


class FollowerOut(Schema):
    name = fields.String(required=True)
    birth_date = fields.String(allow_none=True, **_d("YYYY-MM-DD."))
    note = fields.String(allow_none=True)


class LegOut(Schema):
    id = fields.Integer(required=True)
    kind = fields.String(required=True, **_d("`arrival` (tiba) atau `departure` (berangkat).", enum=list(LEG_KINDS)))
    place = fields.String(required=True)
    latitude = fields.Float(allow_none=True)
    longitude = fields.Float(allow_none=True)
    accuracy = fields.Float(allow_none=True, **_d("Meter."))
    recorded_at = _time("Waktu server saat dicatat", nullable=False)


class TravellerOut(Schema):
    employee_id = fields.Integer(required=True)
    name = fields.String(required=True, **_d("Nama dengan gelar, saat surat dibuat."))
    nip = fields.String(allow_none=True)
    pangkat = fields.String(allow_none=True)
    golongan = fields.String(allow_none=True)
    position_name = fields.String(allow_none=True)
    unit_id = fields.Integer(allow_none=True)
    unit_name = fields.String(allow_none=True)
    rank = fields.String(**_d("Tingkat persetujuan.", enum=list(RANKS)))
    cost_level = fields.String(**_d("Tingkat biaya perjalanan dinas.", enum=list(COST_LEVELS)))
    followers = fields.List(fields.Nested(FollowerOut))
    sppd_number = fields.String(allow_none=True, **_d("Nomor SPPD (setelah diterbitkan)."))
    estimate_total = _rupiah("Perkiraan biaya pelaksana ini", nullable=True)


class TravellerDetailOut(TravellerOut):
    legs = fields.List(fields.Nested(LegOut), **_d("SPPD lembar II: tiba/berangkat."))


class OrderSummaryOut(Schema):
    id = fields.Integer(required=True)
    status = fields.String(required=True, **_d("Status surat.", enum=list(STATUSES)))
    number = fields.String(allow_none=True, **_d("Nomor SPT (setelah diterbitkan)."))
    unit_id = fields.Integer(allow_none=True)
    requester_account_id = fields.Integer(allow_none=True)
    requester_employee_id = fields.Integer(allow_none=True)
    requester_name = fields.String(allow_none=True)
    purpose = fields.String()
    origin = fields.String()
    destinations = fields.List(fields.Nested(DestinationOut))
    departure_date = _date("Tanggal berangkat (WITA).")
    return_date = _date("Tanggal kembali (WITA).")
    days = fields.Integer(**_d("Lama perjalanan (hari, kedua ujung dihitung)."))
    category = fields.String(**_d("Jenis perjalanan.", enum=list(CATEGORIES)))
    transport = fields.String(**_d("Alat angkut.", enum=list(TRANSPORT_MODES)))
    estimate_total = _rupiah("Perkiraan biaya seluruh pelaksana", nullable=True)
    travellers = fields.List(fields.Nested(TravellerOut))
    issued_date = _date("Tanggal terbit (WITA).", nullable=True)
    created_at = _time("Dibuat")
    updated_at = _time("Terakhir diubah")


class AttachmentOut(Schema):
    id = fields.Integer(required=True, **_d("Unduh di `GET /api/v1/travel/attachments/{id}`."))
    kind = fields.String(**_d("`report` (lampiran laporan) atau `receipt` (bukti biaya)."))
    filename = fields.String()
    content_type = fields.String()
    size = fields.Integer(**_d("Byte."))
    sha256 = fields.String()
    line_id = fields.Integer(allow_none=True, **_d("Rincian biaya riil yang dibuktikan (bukti)."))


class TransitionOut(Schema):
    from_status = fields.String(allow_none=True)
    to_status = fields.String()
    actor_account_id = fields.Integer(allow_none=True)
    actor_employee_id = fields.Integer(allow_none=True)
    actor_username = fields.String(allow_none=True)
    note = fields.String(allow_none=True)
    at = _time("Waktu", nullable=False)


class ReportOut(Schema):
    summary = fields.String()
    filed_at = _time("Dilaporkan")
    filed_by_account_id = fields.Integer(allow_none=True)
    attachments = fields.List(fields.Nested(AttachmentOut))


class RealizationLineOut(Schema):
    id = fields.Integer()
    employee_id = fields.Integer(allow_none=True)
    category = fields.String()
    description = fields.String()
    amount = _rupiah("Jumlah riil")
    receipts = fields.List(fields.Nested(AttachmentOut))


class RealizationOut(Schema):
    lines = fields.List(fields.Nested(RealizationLineOut))
    total = _rupiah("Jumlah biaya riil")


class OrderDetailOut(OrderSummaryOut):
    basis = fields.List(fields.String(), **_d("Dasar."))
    budget_agency = fields.String()
    budget_account = fields.String()
    notes = fields.String(allow_none=True)
    estimate = fields.Nested(EstimateOut, allow_none=True, **_d("Perkiraan biaya terperinci."))
    issued_at = _time("Diterbitkan")
    verify_url = fields.String(allow_none=True, **_d("Alamat verifikasi (kode QR pada surat)."))
    cancel_reason = fields.String(allow_none=True)
    approver_employee_id = fields.Integer(allow_none=True)
    realized_total = _rupiah("Jumlah biaya riil", nullable=True)
    travellers = fields.List(fields.Nested(TravellerDetailOut))
    transitions = fields.List(fields.Nested(TransitionOut), **_d("Riwayat status."))
    report = fields.Nested(ReportOut, allow_none=True)
    realization = fields.Nested(RealizationOut, allow_none=True)


class OrderPage(Schema):
    items = fields.List(fields.Nested(OrderSummaryOut), required=True)
    next_cursor = fields.String(allow_none=True, required=True,
                                **_d("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir."))


class RateTableOut(Schema):
    fiscal_year = fields.Integer(required=True)
    source = fields.String(allow_none=True, **_d("Nama berkas asal."))
    is_default = fields.Boolean(**_d("Tarif bawaan yang belum diverifikasi."))
    row_count = fields.Integer()
    loaded_by = fields.String(allow_none=True)
    loaded_at = _time("Dimuat")


class RateOut(Schema):
    kind = fields.String(**_d("uang_harian, penginapan, transport, representasi."))
    province_code = fields.String(allow_none=True)
    category = fields.String(allow_none=True)
    cost_level = fields.String(allow_none=True)
    amount = _rupiah("Jumlah")
    note = fields.String(allow_none=True)


class RateTableDetailOut(RateTableOut):
    rates = fields.List(fields.Nested(RateOut))


class RateTableList(Schema):
    items = fields.List(fields.Nested(RateTableOut), required=True)


class RateFileUploadIn(Schema):
    filename = fields.String(required=True, **_d("Nama berkas, `.csv` atau `.xlsx`."))
    content_b64 = fields.String(required=True, **_d("Isi berkas dalam base64 (maksimal 2 MB)."))


class RulesOut(Schema):
    level_rules = fields.List(fields.Nested(LevelRuleIn), **_d("Aturan tingkat dan biaya (urut priority)."))
    approval_rules = fields.List(fields.Nested(ApprovalRuleIn), **_d("Siapa menyetujui pelaksana tingkat apa."))
    number_templates = fields.List(fields.Nested(NumberTemplateIn), **_d("Templat nomor SPT dan SPPD."))


class RosterSyncOut(Schema):
    employees = fields.Integer(**_d("Pegawai yang ditarik dari personnel."))
    org_units = fields.Integer(**_d("Unit organisasi yang ditarik."))


class RosterStatusOut(Schema):
    employees = fields.Integer()
    units = fields.Integer()
    last_sync_at = _time("Penarikan terakhir")


class LetterVerificationOut(Schema):
    kind = fields.String(required=True, metadata={"example": "SPT/SPPD"})
    number = fields.String(allow_none=True, **_d("Nomor SPT."))
    travellers = fields.List(fields.String(), **_d("Nama pelaksana."))
    destination = fields.String()
    departure_date = _date("Berangkat.")
    return_date = _date("Kembali.")
    status = fields.String(**_d("Status surat (`cancelled` bila dibatalkan).", enum=list(STATUSES)))
    valid = fields.Boolean(**_d("false bila surat dibatalkan."))
    issued_date = _date("Tanggal terbit.", nullable=True)


#: Registered in this order (leaves first, so nested schemas keep these names).
SCHEMAS: dict[str, type[Schema]] = {
    "DestinationOut": DestinationOut, "FollowerOut": FollowerOut, "LegOut": LegOut, "TravellerOut": TravellerOut,
    "TravellerDetailOut": TravellerDetailOut, "AttachmentOut": AttachmentOut, "TransitionOut": TransitionOut,
    "ReportOut": ReportOut, "RealizationLineOut": RealizationLineOut, "RealizationOut": RealizationOut,
    "OrderSummaryOut": OrderSummaryOut, "OrderDetailOut": OrderDetailOut, "OrderPage": OrderPage,
    "RateTableOut": RateTableOut, "RateOut": RateOut, "RateTableDetailOut": RateTableDetailOut,
    "RateTableList": RateTableList, "RateFileUploadIn": RateFileUploadIn, "RulesOut": RulesOut,
    "RosterSyncOut": RosterSyncOut, "RosterStatusOut": RosterStatusOut,
    "LetterVerificationOut": LetterVerificationOut,
}
