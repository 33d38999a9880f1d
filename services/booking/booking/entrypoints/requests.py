"""The requests area's entrypoints: requests, approval, conflicts, cancellation, my bookings, the inbox
(``domain.bookings``, ``domain.inbox``). Every answer is a ``BookingOut`` (or a ``BookingPage`` of them) with the
caller's ``allowed_actions``; who may do what is ``domain.requests_workflow.BOOKING``."""
from __future__ import annotations

from situok_kit.pagination import clamp_limit
from situok_kit.rpc import api
from situok_kit.schema import load_input
from situok_kit.schema import record_id as checked_id

from ..domain import bookings, inbox
from ..schemas.requests import (
    BookingIn,
    BookingInboxFilters,
    BookingListFilters,
    BookingMineFilters,
    BookingOut,
    BookingPage,
    CancelIn,
    DecisionIn,
    RescheduleIn,
)

_booking_in = BookingIn()
_decision_in = DecisionIn()
_cancel_in = CancelIn()
_reschedule_in = RescheduleIn()
_mine_filters = BookingMineFilters()
_inbox_filters = BookingInboxFilters()
_list_filters = BookingListFilters()
_booking_out = BookingOut()
_booking_page = BookingPage()


def _given(**values) -> dict:
    """The filters sent (``None`` is not sent)."""
    return {key: value for key, value in values.items() if value is not None}


class RequestEntrypoints:
    """RPCs of the requests area (mixed into ``BookingService``)."""

    def _booking_answer(self, session, caller, booking) -> dict:
        return _booking_out.dump(bookings.views(session, caller, [booking], detail=True)[0])

    @api
    def create_booking(self, data):
        """An employee's request (``BookingIn``): pending, the ``submitted`` step, ``booking.requested``. 422
        naming each bad field, 404 unknown resource, 409 when the resource cannot be booked or an approved
        booking or a block holds the time (pending requests do not: the approver sees them as conflicts)."""
        caller = self._caller()
        payload = load_input(_booking_in, data)
        with self.db.transaction() as tx:
            booking = bookings.create_for_employee(tx, caller, payload)
            return self._booking_answer(tx.session, caller, booking)

    @api
    def get_booking(self, booking_id):
        """One booking with its steps (anyone signed in: calendars show bookings; a guest's contact and the
        conflicts to the resource's approvers only)."""
        caller = self._caller()
        booking_id = checked_id(booking_id, "booking_id")
        session = self.db.session
        return self._booking_answer(session, caller, bookings.get_booking(session, booking_id))

    @api
    def list_my_bookings(self, status=None, upcoming=None, cursor=None, limit=50):
        """The caller's own bookings (``domain.inbox.mine``)."""
        caller = self._caller()
        filters = load_input(_mine_filters, _given(status=status, upcoming=upcoming))
        return _booking_page.dump(inbox.mine(self.db.session, caller, filters, cursor, clamp_limit(limit)))

    @api
    def list_inbox(self, kind=None, cursor=None, limit=50):
        """The pending requests of the resources the caller approves, oldest first, each with its conflicts
        (other pending requests for the same time included)."""
        caller = self._caller()
        filters = load_input(_inbox_filters, _given(kind=kind))
        return _booking_page.dump(inbox.inbox(self.db.session, caller, filters, cursor, clamp_limit(limit)))

    @api
    def list_bookings(self, resource_id=None, status=None, starts_at=None, ends_at=None, cursor=None, limit=50):
        """Approvers and keepers: every booking of the resources they approve (keepers: all), by start."""
        caller = self._caller()
        filters = load_input(_list_filters, _given(resource_id=resource_id, status=status, starts_at=starts_at,
                                                   ends_at=ends_at))
        return _booking_page.dump(inbox.listing(self.db.session, caller, filters, cursor, clamp_limit(limit)))

    @api
    def approve_booking(self, booking_id, data=None):
        """The resource's approver (never the requester) approves a pending request with an optional note
        (``DecisionIn``). 409 naming ``starts_at`` when another approved booking holds the time — however many
        approvals race, the exclusion constraint lets one win."""
        caller = self._caller()
        booking_id = checked_id(booking_id, "booking_id")
        payload = load_input(_decision_in, data)
        with self.db.transaction() as tx:
            booking = bookings.approve(tx, caller, booking_id, payload.get("note"))
            return self._booking_answer(tx.session, caller, booking)

    @api
    def reject_booking(self, booking_id, data=None):
        """The approver refuses a pending request; ``note`` (the reason) is required."""
        caller = self._caller()
        booking_id = checked_id(booking_id, "booking_id")
        payload = load_input(_decision_in, data)
        with self.db.transaction() as tx:
            booking = bookings.reject(tx, caller, booking_id, payload.get("note"))
            return self._booking_answer(tx.session, caller, booking)

    @api
    def cancel_booking(self, booking_id, data=None):
        """The requester or the approver cancels a pending or approved booking; ``reason`` required."""
        caller = self._caller()
        booking_id = checked_id(booking_id, "booking_id")
        payload = load_input(_cancel_in, data)
        with self.db.transaction() as tx:
            booking = bookings.cancel(tx, caller, booking_id, payload["reason"])
            return self._booking_answer(tx.session, caller, booking)

    @api
    def reschedule_booking(self, booking_id, data=None):
        """The requester or the approver moves a pending or approved booking (``RescheduleIn``); an approved
        booking its requester moves goes back to pending."""
        caller = self._caller()
        booking_id = checked_id(booking_id, "booking_id")
        payload = load_input(_reschedule_in, data)
        with self.db.transaction() as tx:
            booking = bookings.reschedule(tx, caller, booking_id, payload["starts_at"], payload["ends_at"])
            return self._booking_answer(tx.session, caller, booking)
