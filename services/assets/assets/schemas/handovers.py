"""The handovers area's contract: inputs (``*In``), answers (``*Out``, ``*Page``) and event payloads (``*Event``).

A handover (``HandoverOut``) is one BAST: ``handover`` (to a holder and/or a room), ``return`` (the holder gives
items back: to the store or a room) or ``move`` (room to room). It is applied when created — numbered, the items'
room and holder changed, their history written — so it has no workflow and no ``allowed_actions`` beyond
downloading its BAST (``handover_document``)."""
from __future__ import annotations

from marshmallow import ValidationError as MarshmallowError
from marshmallow import fields, validate, validates_schema
from situok_contracts.events import Assets
from situok_kit.outputs import choice, day, integer, listing, moment, text
from situok_kit.schema import ID, Base64Bytes, ContractSchema, Text, describe, max_length, one_of

from ..models.handovers import HANDOVER_KINDS
from ..models.register import CONDITIONS

KIND_HELP = ("`handover` (kepada pemegang dan/atau ke ruangan), `return` (pemegang mengembalikan: ke gudang atau "
             "ruangan, pemegang dikosongkan), `move` (pindah ruangan, pemegang tetap).")
CONDITION_HELP = "Kondisi: B baik, KB kurang baik, RB rusak berat."


class HandoverPartyOut(ContractSchema):
    """A party of the BAST as the roster copy names them."""

    employee_id = integer("Pegawai (id).", nullable=True)
    name = text("Nama.", nullable=True)
    nip = text("NIP.", nullable=True)
    position = text("Jabatan.", nullable=True)


class HandoverItemOut(ContractSchema):
    asset_id = integer("Barang (id).")
    code = text("Kode barang.")
    register_number = integer("Nomor register.")
    name = text("Nama barang.")
    brand = text("Merk/tipe.", nullable=True)
    acquisition_year = integer("Tahun perolehan.")
    from_room_id = integer("Ruangan sebelumnya.", nullable=True)
    from_room_name = text("Nama ruangan sebelumnya.", nullable=True)
    from_holder_employee_id = integer("Pemegang sebelumnya.", nullable=True)
    from_holder_name = text("Nama pemegang sebelumnya.", nullable=True)
    condition_before = choice("Kondisi sebelum serah terima.", CONDITIONS)
    condition = choice("Kondisi saat serah terima. " + CONDITION_HELP, CONDITIONS)
    quantity = integer("Jumlah (selalu 1: satu barang per nomor register).")
    note = text("Keterangan.", nullable=True)


class HandoverOut(ContractSchema):
    """One BAST: a handover, a return or a move, with its items."""

    id = integer("Id serah terima.")
    kind = choice("Jenis. " + KIND_HELP, HANDOVER_KINDS)
    number = text("Nomor BAST.")
    handover_date = day("Tanggal serah terima (WITA)")
    to_room_id = integer("Ruangan tujuan.", nullable=True)
    to_room_name = text("Nama ruangan tujuan.", nullable=True)
    to_holder_employee_id = integer("Pemegang baru (pegawai).", nullable=True)
    to_holder_name = text("Nama pemegang baru.", nullable=True)
    first_party = fields.Nested(HandoverPartyOut, metadata=describe(
        "Pihak pertama (yang menyerahkan)."))
    second_party = fields.Nested(HandoverPartyOut, metadata=describe("Pihak kedua (yang menerima)."))
    note = text("Catatan.", nullable=True)
    item_count = integer("Banyaknya barang.")
    items = listing(HandoverItemOut, "Barang yang diserahterimakan.")
    created_at = moment("Dicatat")
    created_by = text("Dicatat oleh.")
    allowed_actions = fields.List(fields.String(), metadata=describe(
        "Yang boleh dilakukan pemanggil: `download` (unduh BAST).", enum=["download"]))


class HandoverSummaryOut(ContractSchema):
    """A handover in a list."""

    id = integer("Id serah terima.")
    kind = choice("Jenis. " + KIND_HELP, HANDOVER_KINDS)
    number = text("Nomor BAST.")
    handover_date = day("Tanggal serah terima (WITA)")
    to_room_id = integer("Ruangan tujuan.", nullable=True)
    to_room_name = text("Nama ruangan tujuan.", nullable=True)
    to_holder_employee_id = integer("Pemegang baru.", nullable=True)
    to_holder_name = text("Nama pemegang baru.", nullable=True)
    first_party_name = text("Pihak pertama.", nullable=True)
    second_party_name = text("Pihak kedua.", nullable=True)
    item_count = integer("Banyaknya barang.")
    first_item_name = text("Nama barang pertama (ringkasan).", nullable=True)
    created_at = moment("Dicatat")


class HandoverPage(ContractSchema):
    items = listing(HandoverSummaryOut, "Serah terima, terbaru dulu.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.", nullable=True,
                       required=True)


class HandoverItemIn(ContractSchema):
    asset_id = fields.Integer(required=True, **ID, metadata=describe("Barang (id) yang aktif."))
    condition = fields.String(allow_none=True, validate=one_of(CONDITIONS), metadata=describe(
        "Kondisi saat serah terima (kosong: kondisi tercatat). " + CONDITION_HELP, enum=list(CONDITIONS)))
    note = Text(allow_none=True, validate=max_length(300), metadata=describe("Keterangan barang ini."))


class HandoverIn(ContractSchema):
    """A handover, return or move to apply now (one transaction, numbered)."""

    kind = fields.String(required=True, validate=one_of(HANDOVER_KINDS), metadata=describe(
        KIND_HELP, enum=list(HANDOVER_KINDS)))
    handover_date = fields.Date(required=True, metadata=describe("Tanggal serah terima (WITA; tidak di masa depan)."))
    items = fields.List(fields.Nested(HandoverItemIn), required=True, validate=validate.Length(
        min=1, max=500, error="Pilih 1 sampai 500 barang."), metadata=describe("Barang yang diserahterimakan."))
    to_holder_employee_id = fields.Integer(allow_none=True, **ID, metadata=describe(
        "`handover`: pegawai yang menerima (pemegang baru)."))
    to_room_id = fields.Integer(allow_none=True, **ID, metadata=describe(
        "Ruangan tujuan (`move` wajib; `handover`/`return` opsional)."))
    first_party_employee_id = fields.Integer(allow_none=True, **ID, metadata=describe(
        "Pihak pertama (yang menyerahkan); bawaan: pengurus barang, atau pemegang pada `return`."))
    second_party_employee_id = fields.Integer(allow_none=True, **ID, metadata=describe(
        "Pihak kedua (yang menerima); bawaan: pemegang baru, penanggung jawab ruangan, atau pengurus barang pada "
        "`return`."))
    note = Text(allow_none=True, validate=max_length(2000), metadata=describe("Catatan."))

    @validates_schema(skip_on_field_errors=True)
    def _unique_items(self, data, **kwargs):
        seen: set[int] = set()
        for n, item in enumerate(data.get("items") or []):
            if item["asset_id"] in seen:
                raise MarshmallowError({"items": {n: {"asset_id": ["Barang ini sudah ada di daftar."]}}})
            seen.add(item["asset_id"])


class HandoverFilters(ContractSchema):
    kind = fields.String(validate=one_of(HANDOVER_KINDS), metadata=describe("Jenis.", enum=list(HANDOVER_KINDS)))
    employee_id = fields.Integer(**ID, metadata=describe(
        "Yang menyangkut pegawai ini (pemegang baru/lama, pihak pertama atau kedua)."))
    room_id = fields.Integer(**ID, metadata=describe("Ke atau dari ruangan ini."))
    asset_id = fields.Integer(**ID, metadata=describe("Yang memuat barang ini."))
    date_from = fields.Date(metadata=describe("Tanggal pada/sesudah ini."))
    date_to = fields.Date(metadata=describe("Tanggal pada/sebelum ini."))

    @validates_schema(skip_on_field_errors=True)
    def _range(self, data, **kwargs):
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            raise MarshmallowError({"date_to": ["Tidak boleh sebelum date_from."]})


class HandoverDocumentOut(ContractSchema):
    filename = text("Nama berkas unduhan.")
    content_type = choice("Selalu PDF.", ("application/pdf",))
    content_b64 = Base64Bytes(attribute="content", metadata=describe("Isi PDF dalam base64."))


class HandoverItemEvent(ContractSchema):
    """``assets.item_handed_over``: one item changed hands or rooms by a BAST (one event per item)."""

    asset_id = integer("Barang (id).")
    handover_id = integer("Serah terima (id).")
    number = text("Nomor BAST.")
    kind = choice("Jenis. " + KIND_HELP, HANDOVER_KINDS)
    handover_date = day("Tanggal serah terima (WITA)")
    from_room_id = integer("Ruangan sebelumnya.", nullable=True)
    to_room_id = integer("Ruangan sesudahnya.", nullable=True)
    from_holder_employee_id = integer("Pemegang sebelumnya.", nullable=True)
    to_holder_employee_id = integer("Pemegang sesudahnya.", nullable=True)
    condition = choice("Kondisi saat serah terima.", CONDITIONS)


SCHEMAS: dict = {
    "HandoverPartyOut": HandoverPartyOut,
    "HandoverItemOut": HandoverItemOut,
    "HandoverOut": HandoverOut,
    "HandoverSummaryOut": HandoverSummaryOut,
    "HandoverPage": HandoverPage,
    "HandoverItemIn": HandoverItemIn,
    "HandoverIn": HandoverIn,
    "HandoverFilters": HandoverFilters,
    "HandoverDocumentOut": HandoverDocumentOut,
    "HandoverItemEvent": HandoverItemEvent,
}
EVENTS: dict = {Assets.ITEM_HANDED_OVER: HandoverItemEvent}


class HandoverEmployeeOptionOut(ContractSchema):
    id = integer("Pegawai (id).")
    name = text("Nama.")
    nip = text("NIP.", nullable=True)
    position = text("Jabatan.", nullable=True)
    unit_name = text("Unit.", nullable=True)


class HandoverRoomOptionOut(ContractSchema):
    id = integer("Ruangan (id).")
    code = text("Kode ruangan.")
    name = text("Nama ruangan.")


class HandoverOptionsOut(ContractSchema):
    """What the handover form offers: the active employees (roster copy) and rooms."""

    employees = listing(HandoverEmployeeOptionOut, "Pegawai aktif, urut nama.")
    rooms = listing(HandoverRoomOptionOut, "Ruangan aktif, urut kode.")


class HandoverCandidateOut(ContractSchema):
    """An item to pick for a handover."""

    id = integer("Barang (id).")
    code = text("Kode barang.")
    register_number = integer("Nomor register.")
    name = text("Nama barang.")
    brand = text("Merk/tipe.", nullable=True)
    condition = choice("Kondisi tercatat.", CONDITIONS)
    status = choice("`active` atau `disposed`.", ("active", "disposed"))
    room_id = integer("Ruangan sekarang.", nullable=True)
    room_name = text("Nama ruangan sekarang.", nullable=True)
    holder_employee_id = integer("Pemegang sekarang.", nullable=True)
    holder_name = text("Nama pemegang sekarang.", nullable=True)


class HandoverItemSearchIn(ContractSchema):
    q = Text(allow_none=True, validate=max_length(100), metadata=describe(
        "Nama, awal kode barang, `<kode>/<nomor register>` atau id."))
    asset_ids = fields.List(fields.Integer(**ID), load_default=list, validate=validate.Length(
        max=500, error="Paling banyak 500 barang."), metadata=describe("Barang yang sudah dipilih (id)."))
    holder_employee_id = fields.Integer(allow_none=True, **ID, metadata=describe("Yang dipegang pegawai ini."))
    room_id = fields.Integer(allow_none=True, **ID, metadata=describe("Yang berada di ruangan ini."))


SCHEMAS.update({
    "HandoverEmployeeOptionOut": HandoverEmployeeOptionOut,
    "HandoverRoomOptionOut": HandoverRoomOptionOut,
    "HandoverOptionsOut": HandoverOptionsOut,
    "HandoverCandidateOut": HandoverCandidateOut,
    "HandoverItemSearchIn": HandoverItemSearchIn,
})
