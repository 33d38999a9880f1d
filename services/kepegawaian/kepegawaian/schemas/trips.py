"""kepegawaian's trips schemas: travel's approved trips of an employee as kepegawaian keeps them (from travel's
events), for the leave pages (``employee_trips``) — leave is refused over any of them."""
from __future__ import annotations

from marshmallow import fields, validate
from situok_kit.outputs import day, integer, text
from situok_kit.schema import ContractSchema, describe


class KepegawaianTripsQueryIn(ContractSchema):
    """Which employee and which days (inclusive; at most 366 days apart)."""

    employee_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1),
                                 metadata=describe("Pegawai (id)."))
    start = fields.Date(required=True, metadata=describe("Dari tanggal (YYYY-MM-DD)."))
    end = fields.Date(required=True, metadata=describe("Sampai tanggal (YYYY-MM-DD), inklusif."))


class KepegawaianTripOut(ContractSchema):
    """A travel order (SPT) the employee travels on, approved and not cancelled."""

    order_id = integer("Surat perintah tugas di travel (id).")
    number = text("Nomor SPPD/SPT (null sebelum diterbitkan).", nullable=True)
    purpose = text("Maksud perjalanan dinas.", nullable=True)
    start_date = day("Berangkat")
    end_date = day("Kembali")


SCHEMAS = {"KepegawaianTripsQueryIn": KepegawaianTripsQueryIn, "KepegawaianTripOut": KepegawaianTripOut}
EVENTS: dict = {}
