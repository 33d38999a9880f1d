"""booking's agenda contract: agenda books rooms here as the system (``reserve_for_agenda``,
``release_for_agenda``) for a leader's internal event (``agenda-event:<id>``) or an approved official visit
(``agenda-visit:<id>``).

``AgendaRoomIn`` is what agenda sends (times ISO 8601; without an offset they are WITA), ``AgendaRoomReleaseIn``
its release, ``AgendaRoomOut`` the answer: the one booking that holds the reference's room. A room already
taken is a ``Conflict`` (409) whose message names the booking holding the time and whose ``extra['conflicts']``
lists what collides (``kind``, ``booking_id`` or ``block_id``, ``purpose``, ``starts_at``, ``ends_at``; over RPC
numbers arrive as text). No event of its own: the bookings publish booking's usual ``booking.approved``,
``booking.rescheduled`` and ``booking.cancelled``.
"""
from __future__ import annotations

from marshmallow import ValidationError, fields, validate, validates_schema
from situok_kit.clock import WITA
from situok_kit.outputs import choice, integer, moment, text
from situok_kit.schema import ContractSchema, Text, describe

from ..models.agenda import AGENDA_REFERENCE_PATTERN
from ..models.bookings import BOOKING_STATUSES

_REFERENCE = Text(required=True, validate=validate.Regexp(
    AGENDA_REFERENCE_PATTERN, error="Harus berbentuk agenda-event:<id> atau agenda-visit:<id>."),
    metadata=describe("Rujukan agenda: `agenda-event:<id>` (acara internal) atau `agenda-visit:<id>` "
                      "(kunjungan/audiensi yang disetujui).", example="agenda-event:12"))


class AgendaRoomIn(ContractSchema):
    """``reserve_for_agenda``: the room of one agenda reference over ``[starts_at, ends_at)``."""

    reference = _REFERENCE
    resource_id = fields.Integer(required=True, strict=True, validate=validate.Range(
        min=1, error="Harus bilangan bulat positif."), metadata=describe("Ruangan atau gedung (id)."))
    starts_at = fields.AwareDateTime(required=True, default_timezone=WITA, metadata=describe(
        "Mulai (ISO 8601; tanpa offset dianggap WITA)."))
    ends_at = fields.AwareDateTime(required=True, default_timezone=WITA, metadata=describe(
        "Selesai (ISO 8601; tanpa offset dianggap WITA)."))
    purpose = Text(required=True, validate=validate.Length(min=3, max=500, error="Keperluan 3–500 karakter."),
                   metadata=describe("Keperluan (tampil di kalender peminjaman)."))
    contact_employee_id = fields.Integer(allow_none=True, strict=True, validate=validate.Range(
        min=1, error="Harus bilangan bulat positif."), metadata=describe(
        "Narahubung (id pegawai): pemohon peminjaman; kosong bila tidak ada."))

    @validates_schema
    def _period(self, data, **kwargs):
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            raise ValidationError("Waktu selesai harus setelah waktu mulai.", "ends_at")


class AgendaRoomReleaseIn(ContractSchema):
    """``release_for_agenda``: the reference whose booking is cancelled, and why."""

    reference = _REFERENCE
    reason = Text(required=True, validate=validate.Length(min=3, max=1000, error="Alasan 3–1000 karakter."),
                  metadata=describe("Alasan pembatalan (tercatat pada peminjaman)."))


class AgendaRoomOut(ContractSchema):
    """The booking that holds (or held, once released) the room of an agenda reference."""

    reference = text("Rujukan agenda (`agenda-event:<id>` / `agenda-visit:<id>`).")
    booking_id = integer("Peminjaman (id).")
    resource_id = integer("Ruangan/gedung (id).")
    resource_name = text("Nama ruangan/gedung.")
    starts_at = moment("Mulai", nullable=False)
    ends_at = moment("Selesai", nullable=False)
    status = choice("Status peminjaman: approved (dipesan), cancelled (dilepas).", BOOKING_STATUSES)


SCHEMAS: dict = {
    "AgendaRoomIn": AgendaRoomIn,
    "AgendaRoomReleaseIn": AgendaRoomReleaseIn,
    "AgendaRoomOut": AgendaRoomOut,
}
