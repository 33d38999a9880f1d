"""booking's vehicles contract: drivers, trips, travel's reservations (the vehicles area fills in the rest).

``TravelVehicleEvent`` is what travel reads (``booking.travel_vehicle_reserved`` /
``booking.travel_vehicle_unavailable``): keep its fields as they are; travel's consumer depends on them.
"""
from __future__ import annotations

from situok_contracts.events import Booking as BookingEvents
from situok_kit.outputs import choice, integer, moment, text
from situok_kit.schema import ContractSchema

TRAVEL_RESERVATION_STATUSES = ("reserved", "unavailable")


class TravelVehicleEvent(ContractSchema):
    """An SPT approved in travel with an official vehicle (``transport`` ``dinas``): what booking did about it."""

    travel_order_id = integer("SPT (id di layanan perjalanan dinas).")
    status = choice("`reserved`: kendaraan dan pengemudi dipesan; `unavailable`: tidak ada yang bebas.",
                    TRAVEL_RESERVATION_STATUSES)
    booking_id = integer("Peminjaman kendaraan (id) bila dipesan.", nullable=True)
    resource_id = integer("Kendaraan (id sumber daya) bila dipesan.", nullable=True)
    vehicle_name = text("Kendaraan yang dipesan.", nullable=True)
    plate = text("Nomor polisi.", nullable=True)
    driver_employee_id = integer("Pengemudi (id pegawai) bila dipesan.", nullable=True)
    driver_name = text("Nama pengemudi.", nullable=True)
    starts_at = moment("Mulai pemakaian", nullable=False)
    ends_at = moment("Akhir pemakaian", nullable=False)
    requester_employee_id = integer("Pembuat SPT (pegawai), yang diberi tahu.", nullable=True)
    reason = text("Mengapa tidak ada (bila `unavailable`).", nullable=True)


SCHEMAS: dict = {"TravelVehicleEvent": TravelVehicleEvent}
EVENTS: dict = {
    BookingEvents.TRAVEL_VEHICLE_RESERVED: TravelVehicleEvent,
    BookingEvents.TRAVEL_VEHICLE_UNAVAILABLE: TravelVehicleEvent,
}
