"""kepegawaian's leave reports entrypoints: travel's approved trips per employee, kept from travel's events
(``domain.trips``) — leave is refused over them — and shown to the leave pages (``employee_trips``)."""
from __future__ import annotations

from situok_contracts.events import Travel
from situok_kit.consumers import event_consumer
from situok_kit.errors import ValidationFailed
from situok_kit.rpc import api
from situok_kit.schema import load_input

from ..domain import trips
from ..schemas.trips import KepegawaianTripOut, KepegawaianTripsQueryIn

_trips_query_in = KepegawaianTripsQueryIn()
_trips_out = KepegawaianTripOut(many=True)

#: The longest span ``employee_trips`` answers for (a year, as a leave request never spans more).
MAX_SPAN_DAYS = 366


class LeaveReportEntrypoints:
    """RPCs and consumers of the leave-reports area (mixed into ``KepegawaianService``)."""

    @api
    def employee_trips(self, employee_id, start, end):
        """The employee's approved, not cancelled trips (travel's SPTs) overlapping ``start``…``end``
        (inclusive): for the employee themself, their supervisors, the staff officers and the leave official
        (``Caller.may_read``; 403 otherwise)."""
        args = load_input(_trips_query_in, {"employee_id": employee_id, "start": start, "end": end})
        if args["end"] < args["start"]:
            raise ValidationFailed("Data tidak valid.", {"end": "Tanggal akhir tidak boleh sebelum tanggal awal."})
        if (args["end"] - args["start"]).days >= MAX_SPAN_DAYS:
            raise ValidationFailed("Data tidak valid.", {"end": f"Rentang paling lama {MAX_SPAN_DAYS} hari."})
        self._caller().require_reader_of(args["employee_id"])
        return _trips_out.dump(trips.conflicts(self.db.session, args["employee_id"], args["start"], args["end"]))

    @event_consumer(Travel.ORDER_APPROVED)
    def on_travel_order_approved(self, tx, event):
        """An approved SPT: its travellers are away on its days (no leave then)."""
        trips.order_approved(tx.session, event.data or {})

    @event_consumer(Travel.ORDER_ISSUED)
    def on_travel_order_issued(self, tx, event):
        """An SPT issued: its travellers' trips get their numbers (a leave refusal names them)."""
        trips.order_issued(tx.session, event.data or {})

    @event_consumer(Travel.ORDER_CANCELLED)
    def on_travel_order_cancelled(self, tx, event):
        """A cancelled SPT: its travellers' days are free again."""
        trips.order_cancelled(tx.session, event.data or {})
