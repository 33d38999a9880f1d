"""agenda's events contract: an event of the leaders' agenda as it is entered and edited (``AgendaEventIn``,
``AgendaEventUpdateIn``), shown (``AgendaEventOut``: everything, to signed-in staff — a VIP guest's contact
and ID number to protocol staff only; ``AgendaEventSummaryOut`` in lists), its status steps' arguments, the
staff's day and week views, and the payload of every ``agenda.event_*`` event (``AgendaEventEvent``: never a
guest's contact, never the protocol notes).

Times with an offset; without one they are WITA. Run-down times are WITA clock times (``HH:MM``) within the
event's WITA day(s).
"""
from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates_schema
from situok_contracts.events import Agenda
from situok_kit.clock import WITA
from situok_kit.outputs import choice, day, flag, integer, listing, moment, text
from situok_kit.schema import ID, ContractSchema, Text, describe, max_length, one_of, required_text

from ..domain import event_rules as rules
from ..domain.events_workflow import EVENT
from ..models.agenda import EVENT_STATUSES, LOCATION_KINDS, ROOM_STATUSES

LEADER_ROLES = ("attends", "represented")
PHONE = r"^\+?[0-9][0-9 ()\-]{5,28}$"
TIME_ERRORS = {"invalid": "Harus jam HH:MM."}
PHONE_MESSAGE = "Nomor telepon hanya angka (boleh diawali +), 6–30 karakter."


def _moment_in(description: str, required: bool = True) -> fields.AwareDateTime:
    return fields.AwareDateTime(required=required, default_timezone=WITA, metadata=describe(
        description + " (ISO 8601; tanpa offset dianggap WITA).", example="2031-03-04T09:00:00+08:00"))


def _list(item: type, description: str, most: int) -> fields.List:
    return fields.List(fields.Nested(item), validate=validate.Length(
        max=most, error=f"Paling banyak {most} baris."), metadata=describe(f"{description} (paling banyak {most})."))


# -- input ------------------------------------------------------------------------------------------------

class AgendaEventLeaderIn(ContractSchema):
    leader_id = fields.Integer(required=True, **ID, metadata=describe("Pimpinan (id)."))
    role = fields.String(load_default="attends", validate=one_of(LEADER_ROLES), metadata=describe(
        "`attends` (hadir sendiri) atau `represented` (diwakilkan)."))
    represented_by = Text(allow_none=True, validate=max_length(200), metadata=describe("Diwakili oleh."))

    @validates_schema(skip_on_field_errors=True)
    def _representative(self, data, **kwargs):
        if data.get("role") == "represented" and not data.get("represented_by"):
            raise ValidationError({"represented_by": "Sebutkan siapa yang mewakili."})


class AgendaEventParticipantIn(ContractSchema):
    name = Text(required=True, validate=required_text(200), metadata=describe("Nama peserta atau kelompok."))
    count = fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=1, max=100000),
                           metadata=describe("Jumlah orang."))


class AgendaEventGuestIn(ContractSchema):
    name = Text(required=True, validate=required_text(200), metadata=describe("Nama tamu VIP."))
    title = Text(allow_none=True, validate=max_length(200), metadata=describe("Jabatan/sebutan yang dibacakan."))
    agency = Text(allow_none=True, validate=max_length(200), metadata=describe("Instansi."))
    precedence_code = Text(allow_none=True, validate=max_length(40), metadata=describe(
        "Kode tata urutan (daftar tata urutan); kosong: sesudah yang berurutan."))
    phone = Text(allow_none=True, validate=[max_length(30), validate.Regexp(PHONE, error=PHONE_MESSAGE)],
                 metadata=describe("Telepon (data pribadi: hanya staf protokol)."))
    email = fields.Email(allow_none=True, validate=max_length(254), error_messages={
        "invalid": "Alamat surel tidak valid."}, metadata=describe("Surel (data pribadi)."))
    id_number = Text(allow_none=True, validate=max_length(40), metadata=describe("Nomor identitas (data pribadi)."))
    contact_note = Text(allow_none=True, validate=max_length(1000), metadata=describe("Catatan kontak/ajudan."))


class AgendaRundownItemIn(ContractSchema):
    starts_at = fields.Time(required=True, error_messages=TIME_ERRORS, metadata=describe(
        "Jam mulai (WITA, `HH:MM`).", example="09:00"))
    ends_at = fields.Time(allow_none=True, error_messages=TIME_ERRORS, metadata=describe(
        "Jam selesai (WITA, `HH:MM`); boleh kosong."))
    item = Text(required=True, validate=required_text(300), metadata=describe("Acara."))
    who = Text(allow_none=True, validate=max_length(200), metadata=describe("Pelaksana/petugas."))


class AgendaProtocolStaffIn(ContractSchema):
    employee_id = fields.Integer(required=True, **ID, metadata=describe("Pegawai (id)."))
    duty = Text(allow_none=True, validate=max_length(200), metadata=describe("Tugas."))


class AgendaEventIn(ContractSchema):
    """A new event (protocol staff). Lists replace nothing here: they are the event's."""

    title = Text(required=True, validate=required_text(200), metadata=describe("Nama kegiatan."))
    description = Text(allow_none=True, validate=max_length(5000), metadata=describe("Uraian (internal)."))
    starts_at = _moment_in("Mulai")
    ends_at = _moment_in("Selesai")
    location_kind = fields.String(load_default="external", validate=one_of(LOCATION_KINDS), metadata=describe(
        "`internal`: ruangan dipesan lewat layanan peminjaman; `external`: alamat."))
    room_resource_id = fields.Integer(allow_none=True, **ID, metadata=describe(
        "Ruangan/gedung pada layanan peminjaman (wajib untuk `internal`)."))
    address = Text(allow_none=True, validate=max_length(300), metadata=describe("Alamat (wajib untuk `external`)."))
    organiser = Text(allow_none=True, validate=max_length(200), metadata=describe("Penyelenggara."))
    dress_code = Text(allow_none=True, validate=max_length(200), metadata=describe("Pakaian."))
    protocol_notes = Text(allow_none=True, validate=max_length(5000), metadata=describe(
        "Catatan protokol (internal, tidak pernah dipublikasikan)."))
    is_public = fields.Boolean(load_default=False, metadata=describe(
        "Ditampilkan di portal saat pasti/ditunda/selesai."))
    public_summary = Text(allow_none=True, validate=max_length(2000), metadata=describe("Ringkasan untuk portal."))
    leaders = fields.List(fields.Nested(AgendaEventLeaderIn), required=True, validate=validate.Length(
        min=1, max=rules.MAX_LEADERS, error=f"Pilih 1–{rules.MAX_LEADERS} pimpinan."),
        metadata=describe("Pimpinan yang hadir (minimal satu)."))
    participants = _list(AgendaEventParticipantIn, "Peserta", rules.MAX_PARTICIPANTS)
    guests = _list(AgendaEventGuestIn, "Tamu VIP", rules.MAX_GUESTS)
    rundown = _list(AgendaRundownItemIn, "Susunan acara", rules.MAX_RUNDOWN)
    protocol_staff = _list(AgendaProtocolStaffIn, "Petugas protokol", rules.MAX_STAFF)


class AgendaEventUpdateIn(AgendaEventIn):
    """An edit: ``version`` (as read) and any of ``AgendaEventIn``'s fields; a list given replaces the event's
    list, a list left out stays."""

    version = fields.Integer(required=True, strict=True, validate=validate.Range(min=1), metadata=describe(
        "Versi yang dibaca (409 bila sudah diubah orang lain)."))


#: The fields of an edit that may be left out (all but ``version``).
UPDATE_OPTIONAL = tuple(name for name in AgendaEventUpdateIn().fields if name != "version")


class AgendaEventReasonIn(ContractSchema):
    """Postpone or cancel: the reason."""

    reason = Text(required=True, validate=[validate.Length(min=3, max=1000, error="Alasan 3–1000 karakter.")],
                  metadata=describe("Alasan."))


class AgendaEventNoteIn(ContractSchema):
    """Confirm or mark done: an optional note."""

    note = Text(allow_none=True, validate=max_length(1000), metadata=describe("Catatan."))


class AgendaEventRescheduleIn(ContractSchema):
    """A postponed event's new time (back to tentative)."""

    starts_at = _moment_in("Mulai baru")
    ends_at = _moment_in("Selesai baru")
    note = Text(allow_none=True, validate=max_length(1000), metadata=describe("Catatan."))


class AgendaEventQuery(ContractSchema):
    """``list_events``'s filters: the events overlapping ``[starts_from, starts_before)``, by start."""

    starts_from = _moment_in("Dari", required=False)
    starts_before = _moment_in("Sampai", required=False)
    leader_id = fields.Integer(allow_none=True, **ID, metadata=describe("Hanya pimpinan ini."))
    status = fields.String(allow_none=True, validate=one_of(EVENT_STATUSES), metadata=describe("Hanya status ini."))

    @validates_schema(skip_on_field_errors=True)
    def _window(self, data, **kwargs):
        if data.get("starts_from") and data.get("starts_before") and data["starts_before"] <= data["starts_from"]:
            raise ValidationError({"starts_before": "Harus setelah starts_from."})


class AgendaDayQuery(ContractSchema):
    day = fields.Date(allow_none=True, metadata=describe("Tanggal (WITA, `YYYY-MM-DD`); bawaan: hari ini."))
    leader_id = fields.Integer(allow_none=True, **ID, metadata=describe("Hanya pimpinan ini."))
    include_cancelled = fields.Boolean(load_default=False, metadata=describe("Tampilkan yang dibatalkan juga."))


# -- output -----------------------------------------------------------------------------------------------

class AgendaEventLeaderOut(ContractSchema):
    leader_id = integer("Pimpinan (id).")
    code = text("Kode pimpinan.")
    title = text("Jabatan.")
    holder_name = text("Pejabat.", nullable=True)
    role = choice("`attends` atau `represented`.", LEADER_ROLES)
    represented_by = text("Diwakili oleh.", nullable=True)


class AgendaEventParticipantOut(ContractSchema):
    name = text("Peserta.")
    count = integer("Jumlah.", nullable=True)


class AgendaEventGuestOut(ContractSchema):
    """A VIP guest: the contact fields are null for anyone but protocol staff."""

    name = text("Nama.")
    title = text("Jabatan.", nullable=True)
    agency = text("Instansi.", nullable=True)
    precedence_code = text("Kode tata urutan.", nullable=True)
    precedence_rank = integer("Peringkat tata urutan (kecil duluan); null bila tidak berurutan.", nullable=True)
    order = integer("Urutan protokol (1, 2, …).")
    phone = text("Telepon (staf protokol saja).", nullable=True)
    email = text("Surel (staf protokol saja).", nullable=True)
    id_number = text("Nomor identitas (staf protokol saja).", nullable=True)
    contact_note = text("Catatan kontak (staf protokol saja).", nullable=True)


class AgendaRundownItemOut(ContractSchema):
    starts_at = fields.Time(metadata=describe("Jam mulai (WITA)."))
    ends_at = fields.Time(allow_none=True, metadata=describe("Jam selesai (WITA)."))
    item = text("Acara.")
    who = text("Pelaksana.", nullable=True)


class AgendaProtocolStaffOut(ContractSchema):
    employee_id = integer("Pegawai (id).")
    name = text("Nama (salinan roster).", nullable=True)
    duty = text("Tugas.", nullable=True)


class AgendaEventConflictOut(ContractSchema):
    """Another event of one of the same leaders at an overlapping time."""

    event_id = integer("Kegiatan yang bentrok (id).")
    title = text("Nama kegiatan.")
    starts_at = moment("Mulai", nullable=False)
    ends_at = moment("Selesai", nullable=False)
    status = choice("Status.", EVENT_STATUSES)
    leader_codes = listing(fields.String(), "Pimpinan yang sama pada kedua kegiatan.")


class AgendaEventStepOut(ContractSchema):
    action = text("Langkah.")
    actor = text("Oleh (nama pengguna, atau `system`).")
    note = text("Catatan/alasan.", nullable=True)
    at = moment("Waktu", nullable=False)


class AgendaEventSummaryOut(ContractSchema):
    """An event in a list or an agenda view."""

    id = integer("Kegiatan (id).")
    title = text("Nama kegiatan.")
    starts_at = moment("Mulai", nullable=False)
    ends_at = moment("Selesai", nullable=False)
    status = choice("Status.", EVENT_STATUSES)
    status_label = text("Status dalam bahasa Indonesia.")
    location_kind = choice("Tempat: internal (ruangan) atau external (alamat).", LOCATION_KINDS)
    room_name = text("Ruangan (internal).", nullable=True)
    room_status = choice("Pemesanan ruangan.", ROOM_STATUSES)
    address = text("Alamat (eksternal).", nullable=True)
    organiser = text("Penyelenggara.", nullable=True)
    dress_code = text("Pakaian.", nullable=True)
    is_public = flag("Ditandai publik.")
    leaders = listing(AgendaEventLeaderOut, "Pimpinan.")
    leader_codes = listing(fields.String(), "Kode pimpinan.")
    conflicts = listing(AgendaEventConflictOut, "Kegiatan lain pimpinan yang sama pada waktu yang bertumpang.")
    version = integer("Versi (kirim saat mengubah).")
    allowed_actions = listing(fields.String(validate=validate.OneOf(EVENT.actions)),
                              "Tindakan yang boleh dilakukan pemanggil sekarang.")


class AgendaEventOut(AgendaEventSummaryOut):
    """One event with everything staff see (guests in protocol order, run-down by time, steps)."""

    description = text("Uraian (internal).", nullable=True)
    room_resource_id = integer("Ruangan pada layanan peminjaman (id).", nullable=True)
    room_booking_id = integer("Peminjaman ruangan (id).", nullable=True)
    room_note = text("Catatan pemesanan ruangan.", nullable=True)
    protocol_notes = text("Catatan protokol (internal).", nullable=True)
    status_note = text("Alasan penundaan/pembatalan terakhir.", nullable=True)
    public_summary = text("Ringkasan untuk portal.", nullable=True)
    shown_publicly = flag("Tampil di portal sekarang (publik dan pasti/ditunda/selesai).")
    participants = listing(AgendaEventParticipantOut, "Peserta.")
    guests = listing(AgendaEventGuestOut, "Tamu VIP dalam urutan protokol.")
    guest_contacts_visible = flag("Kontak tamu ditampilkan (staf protokol).")
    rundown = listing(AgendaRundownItemOut, "Susunan acara menurut jam.")
    protocol_staff = listing(AgendaProtocolStaffOut, "Petugas protokol.")
    steps = listing(AgendaEventStepOut, "Riwayat langkah.")
    created_at = moment("Dibuat", nullable=False)
    updated_at = moment("Diubah", nullable=False)


class AgendaEventPage(ContractSchema):
    items = listing(AgendaEventSummaryOut, "Kegiatan.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.", nullable=True,
                       required=True)


class AgendaDayOut(ContractSchema):
    """One WITA day of the leaders' agenda."""

    day = day("Tanggal (WITA)")
    items = listing(AgendaEventSummaryOut, "Kegiatan hari itu menurut jam mulai.", required=True)
    conflicts = integer("Kegiatan hari itu yang bentrok.")


class AgendaWeekOut(ContractSchema):
    """A week (Monday–Sunday, WITA) of the leaders' agenda."""

    week_start = day("Senin")
    week_end = day("Minggu")
    leader_id = integer("Pimpinan yang disaring.", nullable=True)
    days = listing(AgendaDayOut, "Tujuh hari.", required=True)


class AgendaEventConflictList(ContractSchema):
    event_id = integer("Kegiatan (id).")
    items = listing(AgendaEventConflictOut, "Kegiatan yang bentrok.", required=True)


class AgendaEventEvent(ContractSchema):
    """Every ``agenda.event_*`` event: the event as it is after the step. Never a guest's contact, never the
    protocol notes, never the internal description."""

    event_id = integer("Kegiatan (id).", attribute="id")
    title = text("Nama kegiatan.")
    starts_at = moment("Mulai", nullable=False)
    ends_at = moment("Selesai", nullable=False)
    status = choice("Status setelah langkah ini.", EVENT_STATUSES)
    leader_codes = listing(fields.String(), "Kode pimpinan.")
    is_public = flag("Ditandai publik.")
    location_kind = choice("Tempat.", LOCATION_KINDS)
    room_name = text("Ruangan (internal).", nullable=True)
    address = text("Alamat (eksternal).", nullable=True)
    note = text("Alasan/catatan langkah ini.", nullable=True)


SCHEMAS = {
    "AgendaEventLeaderIn": AgendaEventLeaderIn, "AgendaEventParticipantIn": AgendaEventParticipantIn,
    "AgendaEventGuestIn": AgendaEventGuestIn, "AgendaRundownItemIn": AgendaRundownItemIn,
    "AgendaProtocolStaffIn": AgendaProtocolStaffIn, "AgendaEventIn": AgendaEventIn,
    "AgendaEventUpdateIn": AgendaEventUpdateIn, "AgendaEventReasonIn": AgendaEventReasonIn,
    "AgendaEventNoteIn": AgendaEventNoteIn, "AgendaEventRescheduleIn": AgendaEventRescheduleIn,
    "AgendaEventQuery": AgendaEventQuery, "AgendaDayQuery": AgendaDayQuery,
    "AgendaEventLeaderOut": AgendaEventLeaderOut, "AgendaEventParticipantOut": AgendaEventParticipantOut,
    "AgendaEventGuestOut": AgendaEventGuestOut, "AgendaRundownItemOut": AgendaRundownItemOut,
    "AgendaProtocolStaffOut": AgendaProtocolStaffOut, "AgendaEventConflictOut": AgendaEventConflictOut,
    "AgendaEventStepOut": AgendaEventStepOut, "AgendaEventSummaryOut": AgendaEventSummaryOut,
    "AgendaEventOut": AgendaEventOut, "AgendaEventPage": AgendaEventPage, "AgendaDayOut": AgendaDayOut,
    "AgendaWeekOut": AgendaWeekOut, "AgendaEventConflictList": AgendaEventConflictList,
    "AgendaEventEvent": AgendaEventEvent,
}
EVENTS = {
    Agenda.EVENT_CREATED: AgendaEventEvent, Agenda.EVENT_UPDATED: AgendaEventEvent,
    Agenda.EVENT_CONFIRMED: AgendaEventEvent, Agenda.EVENT_POSTPONED: AgendaEventEvent,
    Agenda.EVENT_CANCELLED: AgendaEventEvent, Agenda.EVENT_DONE: AgendaEventEvent,
}
