"""The series area's entrypoints: recurring series, single occurrences, this-and-following
(``domain.series``; the rule ``domain.recurrence``)."""
from __future__ import annotations

from situok_kit.pagination import clamp_limit
from situok_kit.rpc import api
from situok_kit.schema import load_input
from situok_kit.schema import record_id as checked_id

from ..domain import bookings, series
from ..schemas.requests import BookingOut, CancelIn, RescheduleIn
from ..schemas.series import (
    SeriesCancelIn,
    SeriesDecisionIn,
    SeriesDecisionOut,
    SeriesEditIn,
    SeriesIn,
    SeriesOut,
    SeriesPage,
)

_series_in = SeriesIn()
_edit_in = SeriesEditIn()
_decision_in = SeriesDecisionIn()
_series_cancel_in = SeriesCancelIn()
_cancel_in = CancelIn()
_reschedule_in = RescheduleIn()
_series_out = SeriesOut()
_series_page = SeriesPage()
_decision_out = SeriesDecisionOut()
_booking_out = BookingOut()


class SeriesEntrypoints:
    """RPCs of the series area (mixed into ``BookingService``)."""

    @api
    def create_series(self, data):
        """An employee: a weekly/monthly series of a room or building; every occurrence pending (each shows
        its conflicts), ``booking.series_created``."""
        caller = self._caller()
        payload = load_input(_series_in, data)
        with self.db.transaction() as tx:
            made = series.create(tx, caller, payload)
            return _series_out.dump(series.series_view(tx.session, caller, made))

    @api
    def get_series(self, series_id):
        """The requester, the resource's approvers and the keepers: the series with its occurrences by date,
        the conflicting ones listed (404 for anyone else)."""
        caller = self._caller()
        session = self.db.session
        found = series.get_series(session, checked_id(series_id, "series_id"))
        series.readable(session, caller, found)
        return _series_out.dump(series.series_view(session, caller, found))

    @api
    def list_my_series(self, cursor=None, limit=50):
        """The caller's series, newest first (keyset-paginated)."""
        caller = self._caller()
        return _series_page.dump(series.list_mine(self.db.session, caller, cursor, clamp_limit(limit)))

    @api
    def decide_series(self, series_id, data):
        """The resource's approver (never the requester): ``approve`` every pending occurrence that does not
        conflict (the others stay pending, reported) or ``reject`` them all with a reason;
        ``booking.series_decided`` with the report."""
        caller = self._caller()
        series_id = checked_id(series_id, "series_id")
        payload = load_input(_decision_in, data)
        with self.db.transaction() as tx:
            report = series.decide(tx, caller, series_id, payload)
            found = series.get_series(tx.session, series_id)
            return _decision_out.dump({**report, "series": series.series_view(tx.session, caller, found)})

    @api
    def cancel_series(self, series_id, data):
        """The requester or the resource's approver: every future pending/approved occurrence cancelled with
        the reason."""
        caller = self._caller()
        series_id = checked_id(series_id, "series_id")
        payload = load_input(_series_cancel_in, data)
        with self.db.transaction() as tx:
            found = series.cancel(tx, caller, series_id, payload)
            return _series_out.dump(series.series_view(tx.session, caller, found))

    @api
    def move_occurrence(self, booking_id, data):
        """One occurrence alone to a new time (the requester or the approver); the series' later edits leave
        it as it is."""
        caller = self._caller()
        booking_id = checked_id(booking_id, "booking_id")
        payload = load_input(_reschedule_in, data)
        with self.db.transaction() as tx:
            booking = series.move_occurrence(tx, caller, booking_id, payload)
            return _booking_out.dump(bookings.views(tx.session, caller, [booking], detail=True)[0])

    @api
    def cancel_occurrence(self, booking_id, data):
        """One occurrence alone cancelled, a reason required."""
        caller = self._caller()
        booking_id = checked_id(booking_id, "booking_id")
        payload = load_input(_cancel_in, data)
        with self.db.transaction() as tx:
            booking = series.cancel_occurrence(tx, caller, booking_id, payload)
            return _booking_out.dump(bookings.views(tx.session, caller, [booking], detail=True)[0])

    @api
    def edit_following(self, booking_id, data):
        """The requester: "this and following" — the series ends the day before this occurrence, a new series
        with the changes starts on it (``booking.series_split``). The new series."""
        caller = self._caller()
        booking_id = checked_id(booking_id, "booking_id")
        payload = load_input(_edit_in, data)
        with self.db.transaction() as tx:
            new = series.edit_following(tx, caller, booking_id, payload)
            return _series_out.dump(series.series_view(tx.session, caller, new))
