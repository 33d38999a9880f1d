"""booking's series contract: a weekly/monthly series (``SeriesIn`` → ``SeriesOut`` with its occurrences as
``BookingOut``), the approver's decision on a whole series and its report (``SeriesDecisionOut``: what was
approved, each occurrence that conflicts and what with), "this and following" (``SeriesEditIn``), and the
three series events (never a guest's contact details: a series is always an employee's)."""
from __future__ import annotations

from marshmallow import fields, validate, validates_schema
from marshmallow.exceptions import ValidationError
from situok_contracts.events import Booking as BookingEvents
from situok_kit.outputs import choice, day, integer, listing, moment, nested, text
from situok_kit.schema import ContractSchema, Text, describe, one_of

from ..models.resources import RESOURCE_KINDS
from ..models.series import SERIES_FREQUENCIES, SERIES_STATUSES
from .requests import BookingOut, ConflictOut

SERIES_ACTIONS = ("approve", "reject", "cancel", "edit_following")
SERIES_DECISIONS = ("approve", "reject")

_weekday = fields.Integer(strict=True, validate=validate.Range(min=1, max=7, error="Hari 1 (Senin) sampai 7."))


class _RuleFields(ContractSchema):
    start_time = fields.Time(required=True, metadata=describe("Jam mulai tiap kejadian (WITA, HH:MM)."))
    end_time = fields.Time(required=True, metadata=describe("Jam selesai (WITA, HH:MM), hari yang sama."))
    weekdays = fields.List(_weekday, validate=validate.Length(max=7), metadata=describe(
        "Mingguan: hari ISO 1 (Senin) … 7 (Minggu)."))
    month_day = fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=1, max=31),
                               metadata=describe("Bulanan: tanggal (bawaan: tanggal `starts_on`); bulan tanpa "
                                                 "tanggal itu dilewati."))
    interval = fields.Integer(load_default=1, strict=True, validate=validate.Range(min=1, max=12),
                              metadata=describe("Setiap N minggu/bulan (1–12)."))
    until_on = fields.Date(required=True, metadata=describe("Tanggal terakhir (WITA); paling lama setahun dan 100 "
                                                            "kejadian."))
    except_dates = fields.List(fields.Date(), load_default=list, validate=validate.Length(max=100),
                               metadata=describe("Tanggal yang dilewati (mis. hari libur; tidak dilewati otomatis)."))
    purpose = Text(required=True, validate=validate.Length(min=3, max=500), metadata=describe("Keperluan."))
    participants = fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=1, max=10000),
                                  metadata=describe("Jumlah peserta."))
    contact_name = Text(allow_none=True, validate=validate.Length(max=200), metadata=describe("Narahubung."))
    contact_phone = Text(allow_none=True, validate=validate.Length(max=40), metadata=describe("Telepon."))


class SeriesIn(_RuleFields):
    """A new series (``create_series``): a room or building, a rule, the times in WITA."""

    resource_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1),
                                 metadata=describe("Sumber daya (id)."))
    frequency = fields.String(required=True, validate=one_of(SERIES_FREQUENCIES),
                              metadata=describe("`weekly` (mingguan) atau `monthly` (bulanan)."))
    starts_on = fields.Date(required=True, metadata=describe("Tanggal pertama (WITA)."))


class SeriesEditIn(ContractSchema):
    """"This and following" (``edit_following``): what changes from this occurrence on; a field not sent keeps
    the series' value (``until_on`` too)."""

    start_time = fields.Time(metadata=describe("Jam mulai baru (WITA)."))
    end_time = fields.Time(metadata=describe("Jam selesai baru (WITA)."))
    weekdays = fields.List(_weekday, validate=validate.Length(min=1, max=7),
                           metadata=describe("Hari baru (seri mingguan)."))
    month_day = fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=1, max=31),
                               metadata=describe("Tanggal baru (seri bulanan)."))
    interval = fields.Integer(strict=True, validate=validate.Range(min=1, max=12), metadata=describe("Selang baru."))
    until_on = fields.Date(metadata=describe("Tanggal terakhir seri baru."))
    except_dates = fields.List(fields.Date(), validate=validate.Length(max=100),
                               metadata=describe("Tanggal yang dilewati seri baru."))
    purpose = Text(validate=validate.Length(min=3, max=500), metadata=describe("Keperluan baru."))
    participants = fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=1, max=10000),
                                  metadata=describe("Jumlah peserta baru."))
    contact_name = Text(allow_none=True, validate=validate.Length(max=200), metadata=describe("Narahubung."))
    contact_phone = Text(allow_none=True, validate=validate.Length(max=40), metadata=describe("Telepon."))

    @validates_schema
    def _something(self, data, **kwargs):
        if not data:
            raise ValidationError("Kirim sedikitnya satu perubahan.", "_schema")


class SeriesDecisionIn(ContractSchema):
    """The approver's decision on every pending occurrence; a rejection needs a reason (``note``)."""

    decision = fields.String(required=True, validate=one_of(SERIES_DECISIONS),
                             metadata=describe("`approve` atau `reject`."))
    note = Text(allow_none=True, validate=validate.Length(max=1000), metadata=describe("Catatan/alasan."))

    @validates_schema
    def _reason(self, data, **kwargs):
        if data.get("decision") == "reject" and not data.get("note"):
            raise ValidationError("Alasan penolakan wajib diisi.", "note")


class SeriesCancelIn(ContractSchema):
    reason = Text(required=True, validate=validate.Length(min=3, max=1000), metadata=describe("Alasan pembatalan."))


class OccurrenceConflictOut(ContractSchema):
    """An occurrence that cannot be approved now and what it collides with (approved bookings, blocks)."""

    booking_id = integer("Kejadian (id peminjaman).", attribute="id")
    occurrence_start = moment("Jadwal asli kejadian ini dalam seri")
    starts_at = moment("Mulai", nullable=False)
    ends_at = moment("Selesai", nullable=False)
    conflicts = listing(ConflictOut, "Yang bentrok dengannya.")


class SeriesCountsOut(ContractSchema):
    pending = integer("Menunggu persetujuan.")
    approved = integer("Disetujui.")
    rejected = integer("Ditolak.")
    cancelled = integer("Dibatalkan.")


class SeriesOut(ContractSchema):
    id = integer("Seri (id).")
    resource_id = integer("Sumber daya (id).")
    resource_kind = choice("Jenis sumber daya.", RESOURCE_KINDS)
    resource_name = text("Nama sumber daya.")
    requester_employee_id = integer("Pemohon (id pegawai).", nullable=True)
    requester_name = text("Nama pemohon.", nullable=True)
    requester_unit_id = integer("Unit pemohon.", nullable=True)
    frequency = choice("Frekuensi.", SERIES_FREQUENCIES)
    interval = integer("Setiap N minggu/bulan.")
    weekdays = listing(fields.Integer(), "Hari ISO (mingguan).")
    month_day = integer("Tanggal (bulanan).", nullable=True)
    starts_on = day("Tanggal pertama")
    until_on = day("Tanggal terakhir")
    start_time = fields.Time(metadata=describe("Jam mulai (WITA)."))
    end_time = fields.Time(metadata=describe("Jam selesai (WITA)."))
    except_dates = listing(fields.Date(), "Tanggal yang dilewati.")
    skipped_months = listing(fields.Date(), "Bulan yang tidak punya tanggal seri (dilewati; tanggal 1 bulan itu).")
    rule_text = text("Aturan dalam bahasa Indonesia.")
    purpose = text("Keperluan.")
    participants = integer("Jumlah peserta.", nullable=True)
    contact_name = text("Narahubung.", nullable=True)
    contact_phone = text("Telepon narahubung.", nullable=True)
    status = choice("Status seri.", SERIES_STATUSES)
    status_label = text("Status dalam bahasa Indonesia.")
    split_from_id = integer("Seri asal (diubah \"ini dan berikutnya\").", nullable=True)
    split_into_id = integer("Seri pengganti (\"ini dan berikutnya\").", nullable=True)
    created_at = moment("Dibuat", nullable=False)
    created_by = text("Dibuat oleh.", nullable=True)
    counts = nested(SeriesCountsOut, "Jumlah kejadian per status.")
    conflicting = listing(OccurrenceConflictOut, "Kejadian menunggu yang bentrok (tidak dapat disetujui sekarang).")
    occurrences = listing(BookingOut, "Kejadian menurut tanggal (pada halaman detail).")
    allowed_actions = listing(choice("Aksi.", SERIES_ACTIONS), "Yang dapat Anda lakukan pada seri ini sekarang.")


class SeriesPage(ContractSchema):
    items = listing(SeriesOut, "Seri.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.", nullable=True,
                       required=True)


class SeriesDecisionOut(ContractSchema):
    """The report of a decision on a series."""

    decision = choice("Keputusan.", SERIES_DECISIONS)
    approved_ids = listing(fields.Integer(), "Kejadian yang disetujui.")
    rejected_ids = listing(fields.Integer(), "Kejadian yang ditolak.")
    conflicting = listing(OccurrenceConflictOut, "Kejadian yang bentrok, tetap menunggu.")
    series = nested(SeriesOut, "Seri setelah keputusan.")


class _SeriesEventBase(ContractSchema):
    series_id = integer("Seri (id).", attribute="id")
    resource_id = integer("Sumber daya (id).")
    resource_key = text("Kunci aset sumber daya; null bila dimasukkan di layanan peminjaman.", nullable=True)
    resource_kind = choice("Jenis sumber daya.", RESOURCE_KINDS)
    resource_name = text("Nama sumber daya.")
    requester_employee_id = integer("Pemohon (pegawai).", nullable=True)
    requester_unit_id = integer("Unit pemohon.", nullable=True)
    purpose = text("Keperluan.")


class SeriesCreatedEvent(_SeriesEventBase):
    """``booking.series_created``: a series and its occurrences, all pending (no ``booking.requested`` per
    occurrence)."""

    frequency = choice("Frekuensi.", SERIES_FREQUENCIES)
    rule_text = text("Aturan dalam bahasa Indonesia.")
    starts_on = day("Tanggal pertama")
    until_on = day("Tanggal terakhir")
    split_from_id = integer("Seri asal.", nullable=True)
    occurrence_ids = listing(fields.Integer(), "Kejadian (id peminjaman).")
    conflicting_ids = listing(fields.Integer(), "Kejadian yang sudah bentrok saat dibuat.")


class ConflictingOccurrenceEvent(ContractSchema):
    booking_id = integer("Kejadian.", attribute="id")
    starts_at = moment("Mulai", nullable=False)
    ends_at = moment("Selesai", nullable=False)
    with_booking_ids = listing(fields.Integer(), "Peminjaman yang bentrok dengannya.")
    with_block_ids = listing(fields.Integer(), "Masa tutup/pemeliharaan yang bentrok dengannya.")


class SeriesDecidedEvent(_SeriesEventBase):
    """``booking.series_decided``: the decision's report (each occurrence also has its own
    ``booking.approved``/``booking.rejected``)."""

    decision = choice("Keputusan.", SERIES_DECISIONS)
    decided_by_employee_id = integer("Pemutus (pegawai).", nullable=True)
    note = text("Catatan/alasan.", nullable=True)
    approved_ids = listing(fields.Integer(), "Disetujui.")
    rejected_ids = listing(fields.Integer(), "Ditolak.")
    conflicting = listing(ConflictingOccurrenceEvent, "Bentrok, tetap menunggu.")


class SeriesSplitEvent(_SeriesEventBase):
    """``booking.series_split``: "this and following" — the series ends before ``split_on``, ``new_series_id``
    goes on from it."""

    new_series_id = integer("Seri baru.")
    split_on = day("Tanggal kejadian tempat seri dipisah")
    cancelled_ids = listing(fields.Integer(), "Kejadian seri lama yang dibatalkan (diganti seri baru).")
    kept_ids = listing(fields.Integer(), "Kejadian seri lama yang diubah tersendiri dan tetap.")
    occurrence_ids = listing(fields.Integer(), "Kejadian seri baru (menunggu).")


SCHEMAS = {
    "BookingSeriesIn": SeriesIn,
    "BookingSeriesEditIn": SeriesEditIn,
    "BookingSeriesDecisionIn": SeriesDecisionIn,
    "BookingSeriesCancelIn": SeriesCancelIn,
    "BookingOccurrenceConflictOut": OccurrenceConflictOut,
    "BookingSeriesCountsOut": SeriesCountsOut,
    "BookingSeriesOut": SeriesOut,
    "BookingSeriesPage": SeriesPage,
    "BookingSeriesDecisionOut": SeriesDecisionOut,
    "BookingSeriesCreatedEvent": SeriesCreatedEvent,
    "BookingConflictingOccurrenceEvent": ConflictingOccurrenceEvent,
    "BookingSeriesDecidedEvent": SeriesDecidedEvent,
    "BookingSeriesSplitEvent": SeriesSplitEvent,
}

EVENTS = {
    BookingEvents.SERIES_CREATED: SeriesCreatedEvent,
    BookingEvents.SERIES_DECIDED: SeriesDecidedEvent,
    BookingEvents.SERIES_SPLIT: SeriesSplitEvent,
}
