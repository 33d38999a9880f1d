"""What booking learns of assets' bookable resources: vehicles (four-wheeled motor vehicles of KIB B), rooms
and buildings marked bookable. Every change publishes the whole resource (``ResourceEvent``), so a consumer
keeps its copy by ``resource_key`` without reading anything else; a withdrawal and the maintenance windows
name the same key."""
from __future__ import annotations

from marshmallow import fields
from situok_contracts.events import Assets
from situok_kit.outputs import choice, flag, integer, listing, moment, text
from situok_kit.schema import ContractSchema

RESOURCE_KINDS = ("vehicle", "room", "building")


class ResourceEvent(ContractSchema):
    """``assets.resource_published``: a bookable resource created or changed (capacity, condition, availability)."""

    resource_key = text("Kunci sumber daya: 'vehicle:<asset_id>', 'room:<room_id>' atau 'building:<building_id>'.")
    kind = choice("Jenis sumber daya.", RESOURCE_KINDS)
    asset_id = integer("Id barang pada register (kendaraan; gedung bila terdaftar di KIB C).", nullable=True)
    room_id = integer("Id ruangan.", nullable=True)
    building_id = integer("Id gedung.", nullable=True)
    name = text("Nama yang ditampilkan.")
    code = text("Kode ruangan/gedung, atau nomor polisi kendaraan.", nullable=True)
    location = text("Letak: gedung, lantai.", nullable=True)
    capacity = integer("Kapasitas orang (ruangan/gedung) atau jumlah tempat duduk (kendaraan).", nullable=True)
    facilities = listing(fields.String(), "Fasilitas (mis. proyektor, sound_system, video_conference).")
    condition = choice("Kondisi: B baik, KB kurang baik, RB rusak berat.", ("B", "KB", "RB"), nullable=True)
    available = flag("Dapat dipinjam sekarang (aktif, tidak rusak berat, tidak sedang dipelihara).")
    under_maintenance = flag("Sedang dalam pemeliharaan.")
    plate = text("Nomor polisi (kendaraan).", nullable=True)
    brand = text("Merek/tipe (kendaraan).", nullable=True)
    seats = integer("Tempat duduk (kendaraan).", nullable=True)
    fuel = text("Bahan bakar (kendaraan).", nullable=True)
    wheels = integer("Jumlah roda (kendaraan).", nullable=True)
    odometer_km = integer("Odometer terakhir (km).", nullable=True)
    person_in_charge_employee_id = integer("Penanggung jawab (ruangan).", nullable=True)
    updated_at = moment("Saat perubahan")


class ResourceWithdrawnEvent(ContractSchema):
    """``assets.resource_withdrawn``: the resource can no longer be booked at all."""

    resource_key = text("Kunci sumber daya.")
    kind = choice("Jenis sumber daya.", RESOURCE_KINDS)
    asset_id = integer("Id barang.", nullable=True)
    reason = choice("Sebab: dihapuskan, tidak lagi dipinjamkan, dinonaktifkan.",
                    ("disposed", "not_bookable", "inactive"))
    withdrawn_at = moment("Saat penarikan", nullable=False)


class ResourceSnapshotPage(ContractSchema):
    """``booking_resource_snapshot``: every bookable resource as ``assets.resource_published`` carries it."""

    items = listing(ResourceEvent, "Sumber daya, urut jenis lalu id.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.", nullable=True,
                       required=True)


SCHEMAS = {"ResourceEvent": ResourceEvent, "ResourceWithdrawnEvent": ResourceWithdrawnEvent,
           "ResourceSnapshotPage": ResourceSnapshotPage}

EVENTS = {Assets.RESOURCE_PUBLISHED: ResourceEvent, Assets.RESOURCE_WITHDRAWN: ResourceWithdrawnEvent}
