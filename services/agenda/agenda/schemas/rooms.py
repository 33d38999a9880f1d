"""What agenda reads of booking's events about its rooms (``booking.cancelled`` of a booking made for agenda)."""
from __future__ import annotations

from marshmallow import EXCLUDE, fields
from situok_kit.schema import ContractSchema, describe


class AgendaBookingCancelledIn(ContractSchema):
    """booking's ``BookingEvent``, the fields agenda reads (others ignored)."""

    class Meta:
        unknown = EXCLUDE

    booking_id = fields.Integer(required=True, metadata=describe("Peminjaman (id di booking)."))
    source = fields.String(allow_none=True, load_default=None, metadata=describe("`agenda`: dipesan agenda."))
    note = fields.String(allow_none=True, load_default=None, metadata=describe("Alasan pembatalan."))


SCHEMAS = {"AgendaBookingCancelledIn": AgendaBookingCancelledIn}
EVENTS: dict = {}
