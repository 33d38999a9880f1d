"""The booking API — the resources area: buildings, rooms and vehicles (entered here or kept from assets),
blackouts and maintenance windows, the availability search with its nearest alternatives, calendars.

booking decides who may do what (403 not allowed, 404 unknown, 409 a clash, 422 per field): every signed-in
employee searches and reads the calendars; the pengurus barang (and admin) keeps the resources; a keeper or the
resource's approver sets its blackouts. Each resource carries the caller's ``allowed_actions``.
"""
from __future__ import annotations

from booking.models.resources import FACILITIES, RESOURCE_KINDS
from booking.schemas.resources import CALENDAR_VIEWS
from marshmallow import ValidationError, fields, validate
from situok_kit.errors import ValidationFailed

from ..queries import PageQuery, QuerySchema, bool_param, date_param, int_param, one_of_param, parse_query, text_param
from ..routes import Json, Route
from . import Domain, Tag

BOOKING_RESOURCES = "Peminjaman: sumber daya dan ketersediaan"
RESOURCE = "/booking/resources/<int:resource_id>"
KEEPERS = "Pengurus barang atau admin (selain itu 403)."
BLOCKERS = "Pengurus barang, pengelola/penyetuju sumber daya ini, atau admin (selain itu 403)."
READERS = "Setiap pegawai yang masuk."


class ResourceQuery(PageQuery):
    kind = one_of_param(RESOURCE_KINDS, "Jenis: room, building, vehicle.")
    q = text_param("Kata pada nama, kode/nomor polisi atau letak.", 100)
    include_inactive = bool_param("Sertakan yang nonaktif dan yang ditarik aset (pengurus barang).")


class CalendarQuery(QuerySchema):
    view = one_of_param(CALENDAR_VIEWS, "day, week (Senin–Minggu, bawaan) atau month.", load_default="week")
    date = date_param("Tanggal acuan (WITA; bawaan hari ini).")


class OverviewQuery(QuerySchema):
    kind = one_of_param(RESOURCE_KINDS, "Jenis (bawaan room).", load_default="room")
    date = date_param("Tanggal (WITA; bawaan hari ini).")


class BlockQuery(QuerySchema):
    starts_at = text_param("Yang berakhir sesudah saat ini (ISO 8601; tanpa offset WITA).", 40)
    ends_at = text_param("Yang mulai sebelum saat ini.", 40)


def _facilities(value: str) -> list[str]:
    chosen = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [name for name in chosen if name not in FACILITIES]
    if unknown:
        raise ValidationError(f"Tidak dikenal: {', '.join(unknown)}. Pilihan: {', '.join(FACILITIES)}.")
    return chosen


class AvailabilityQuery(QuerySchema):
    kind = one_of_param(RESOURCE_KINDS, "Jenis: room, building, vehicle.", required=True)
    starts_at = fields.String(required=True, validate=validate.Length(max=40), metadata={
        "description": "Mulai (ISO 8601; tanpa offset dianggap WITA)."})
    ends_at = fields.String(required=True, validate=validate.Length(max=40), metadata={"description": "Selesai."})
    participants = int_param("Jumlah peserta (ruangan/gedung).", 1, 10000, "Harus antara 1 dan 10000.")
    passengers = int_param("Jumlah penumpang (kendaraan).", 1, 60, "Harus antara 1 dan 60.")
    needs_driver = bool_param("Kendaraan dengan pengemudi (bawaan true).")
    destination = text_param("Tujuan (kendaraan; dibawa ke permohonan).", 200)
    facilities = text_param("Fasilitas yang harus ada, dipisah koma: " + ", ".join(FACILITIES) + ".", 300)
    cursor = text_param("Cursor dari `next_cursor` halaman sebelumnya.", 1000)
    limit = int_param("Jumlah per halaman (1–200, bawaan 50).", 1, 200, "Harus antara 1 dan 200.")


def _route(name: str) -> Route:
    return next(r for r in DOMAIN.routes if r.operation_id == name)


def search_availability(service, request):
    """The query string as ``search_availability``'s ``data`` (facilities comma-separated)."""
    route = _route("booking_availability")
    data = parse_query(route.query, request)
    if data.get("facilities") is not None:
        try:
            data["facilities"] = _facilities(data["facilities"])
        except ValidationError as err:
            raise ValidationFailed("Parameter tidak valid.", {"facilities": err.messages[0]}) from None
    answer = service.booking.search_availability(data=data)
    return route.reply(answer, {"data": data})


DOMAIN = Domain(
    service="booking",
    position=60,
    schemas="booking.schemas",
    tags=(Tag(BOOKING_RESOURCES, "Gedung, ruangan dan kendaraan yang dipinjamkan: cari yang bebas, kalender, "
                                 "masa tutup, pengelola dan jeda."),),
    routes=(
        Route("GET", "/booking/availability", "search_availability", "Cari sumber daya yang bebas", BOOKING_RESOURCES,
              name="booking_availability", response="AvailabilityOut", query=AvailabilityQuery(),
              handler=search_availability,
              description="Yang dapat dipinjam, muat (peserta/penumpang), punya semua fasilitas yang diminta dan "
                          "tidak terpakai pada waktu itu termasuk jedanya; paling pas dulu (kapasitas terkecil yang "
                          "cukup). Bila tidak ada: `alternatives`, waktu bebas terdekat (±7 hari, jam kerja "
                          "07.00–18.00 WITA). " + READERS),
        Route("GET", "/booking/resources", "list_resources", "Daftar sumber daya", BOOKING_RESOURCES,
              name="list_booking_resources", response="ResourcePage", query=ResourceQuery(),
              description="Urut jenis lalu nama; halaman dengan `cursor`. " + READERS),
        Route("POST", "/booking/resources", "create_resource", "Tambah sumber daya lokal", BOOKING_RESOURCES,
              name="create_booking_resource", response="ResourceOut", status=201, body=Json("ResourceIn"),
              location="/booking/resources/{id}", errors=(403,),
              description="Gedung, ruangan atau kendaraan yang belum ada di register aset (bila aset kemudian "
                          "menerbitkan kode/nomor polisi yang sama, keduanya dikaitkan). " + KEEPERS),
        Route("POST", "/booking/resources/sync", "sync_resources", "Tarik ulang sumber daya dari aset (admin)",
              BOOKING_RESOURCES, name="sync_booking_resources", response="ResourceSyncOut", errors=(403,),
              description="Seluruh gedung, ruangan dan kendaraan yang dipinjamkan menurut aset. 503 bila aset "
                          "tidak menjawab (sumber daya yang ada tetap dipakai). Hanya admin."),
        Route("GET", RESOURCE, "get_resource", "Data satu sumber daya", BOOKING_RESOURCES,
              name="get_booking_resource", response="ResourceOut", errors=(404,), description=READERS),
        Route("PATCH", RESOURCE, "update_resource", "Ubah sumber daya", BOOKING_RESOURCES,
              name="update_booking_resource", response="ResourceOut", body=Json("ResourceIn", partial=True),
              errors=(403, 404),
              description="Kolom yang dikirim saja. Sumber daya dari aset: hanya pengelola, peran penyetuju, jeda, "
                          "tamu dan aktif (kolom lain 422). " + KEEPERS),
        Route("GET", f"{RESOURCE}/calendar", "resource_calendar", "Kalender satu sumber daya", BOOKING_RESOURCES,
              name="booking_resource_calendar", response="ResourceCalendarOut", query=CalendarQuery(),
              errors=(404,),
              description="Per hari: peminjaman disetujui dan menunggu (ditandai), masa tutup, pemeliharaan; "
                          "keperluan dan waktu, tanpa kontak tamu. " + READERS),
        Route("GET", "/booking/calendar", "calendar_overview", "Kalender harian semua sumber daya satu jenis",
              BOOKING_RESOURCES, name="booking_calendar_overview", response="CalendarOverviewOut",
              query=OverviewQuery(), description=READERS),
        Route("GET", f"{RESOURCE}/blocks", "list_blocks", "Masa tutup dan pemeliharaan sumber daya",
              BOOKING_RESOURCES, name="list_booking_blocks", response="ResourceBlockListOut", query=BlockQuery(),
              errors=(404,), description=READERS),
        Route("POST", f"{RESOURCE}/blocks", "add_blackout", "Tambah masa tutup", BOOKING_RESOURCES,
              name="add_booking_blackout", response="BlackoutOut", status=201, body=Json("BlackoutIn"),
              errors=(403, 404, 409),
              description="Tidak membatalkan apa pun dengan sendirinya: 409 menyebut peminjaman disetujui yang "
                          "bertumpang tindih, kecuali `cancel_overlapping` (dibatalkan dengan alasan ini). "
                          + BLOCKERS),
        Route("DELETE", "/booking/blocks/<int:block_id>", "remove_blackout", "Hapus masa tutup", BOOKING_RESOURCES,
              name="remove_booking_blackout", response="ResourceBlockListOut", errors=(403, 404, 409),
              description="Jawaban: masa tutup sumber daya yang tersisa. Jendela pemeliharaan dari aset tidak "
                          "dihapus di sini (409). " + BLOCKERS),
    ),
)
