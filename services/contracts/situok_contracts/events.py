"""The name of every event, by the service that publishes it: ``<service>.<noun>_<verb-ed>``.

A publisher's ``events.py`` builds the payload (through its output schemas) and lists what it publishes; a
consumer imports the name from here, never a string of its own, so a renamed event breaks at import time.
Payloads are described in docs/contracts.md.
"""
from __future__ import annotations


class Personnel:
    EMPLOYEE_CREATED = "personnel.employee_created"
    EMPLOYEE_UPDATED = "personnel.employee_updated"
    EMPLOYEE_DEACTIVATED = "personnel.employee_deactivated"
    ACCOUNT_CREATED = "personnel.account_created"
    ACCOUNT_UPDATED = "personnel.account_updated"
    ACCOUNT_DEACTIVATED = "personnel.account_deactivated"
    SESSION_REVOKED = "personnel.session_revoked"
    ORG_UNIT_CREATED = "personnel.org_unit_created"
    ORG_UNIT_UPDATED = "personnel.org_unit_updated"
    #: A change of unit, position, rank, grade or salary step (KGB) recorded with its effective date (TMT) and
    #: decree (SK number and date) — the employee's history; ``employee_updated`` follows when it is current.
    CAREER_RECORDED = "personnel.career_recorded"
    #: A status with its date (aktif, cltn, diberhentikan_sementara, pensiun, mutasi_keluar, meninggal).
    EMPLOYEE_STATUS_CHANGED = "personnel.employee_status_changed"
    #: An employee made inactive by mistake, made active again (with the reason).
    EMPLOYEE_RESTORED = "personnel.employee_restored"


class Travel:
    ORDER_SUBMITTED = "travel.order_submitted"
    ORDER_APPROVED = "travel.order_approved"
    ORDER_REJECTED = "travel.order_rejected"
    ORDER_ISSUED = "travel.order_issued"
    ORDER_CANCELLED = "travel.order_cancelled"
    ORDER_COMPLETED = "travel.order_completed"
    ORDER_REALIZED = "travel.order_realized"


class Attendance:
    CHECKED_IN = "attendance.checked_in"
    CHECKED_OUT = "attendance.checked_out"
    REQUEST_SUBMITTED = "attendance.request_submitted"
    REQUEST_APPROVED = "attendance.request_approved"
    REQUEST_REJECTED = "attendance.request_rejected"
    REQUEST_CANCELLED = "attendance.request_cancelled"
    CORRECTION_SUBMITTED = "attendance.correction_submitted"
    CORRECTION_APPROVED = "attendance.correction_approved"
    CORRECTION_REJECTED = "attendance.correction_rejected"
    CORRECTION_CANCELLED = "attendance.correction_cancelled"
    RECORD_REVIEWED = "attendance.record_reviewed"


class Finance:
    BUDGET_LOADED = "finance.budget_loaded"
    SPJ_DRAFTED = "finance.spj_drafted"
    SPJ_SUBMITTED = "finance.spj_submitted"
    SPJ_RETURNED = "finance.spj_returned"
    SPJ_VERIFIED = "finance.spj_verified"
    SPJ_ENDORSED = "finance.spj_endorsed"
    SPJ_APPROVED = "finance.spj_approved"
    SPJ_REJECTED = "finance.spj_rejected"
    SPJ_PAID = "finance.spj_paid"
    SPJ_CLOSED = "finance.spj_closed"
    SPJ_CANCELLED = "finance.spj_cancelled"
    TAX_DEPOSITED = "finance.tax_deposited"
    CASH_POSTED = "finance.cash_posted"
    MONTH_CLOSED = "finance.month_closed"
    DOCUMENT_ARCHIVED = "finance.document_archived"
    ARCHIVE_MISMATCH_FOUND = "finance.archive_mismatch_found"


class Assets:
    ITEM_REGISTERED = "assets.item_registered"
    ITEM_CHANGED = "assets.item_changed"
    ITEM_HANDED_OVER = "assets.item_handed_over"
    ITEM_DISPOSED = "assets.item_disposed"
    #: A vehicle, room or building as booking offers it: created, or its capacity, condition or availability
    #: changed (the whole resource each time).
    RESOURCE_PUBLISHED = "assets.resource_published"
    #: A vehicle, room or building that can no longer be booked at all (disposed, or no longer bookable).
    RESOURCE_WITHDRAWN = "assets.resource_withdrawn"
    #: A maintenance window (the resource cannot be booked from ``starts_at`` to ``ends_at``) set, changed or
    #: ended/cancelled.
    MAINTENANCE_SCHEDULED = "assets.maintenance_scheduled"
    MAINTENANCE_ENDED = "assets.maintenance_ended"
    MAINTENANCE_RECORDED = "assets.maintenance_recorded"
    CAMPAIGN_APPLIED = "assets.campaign_applied"
    DISPOSAL_PROPOSED = "assets.disposal_proposed"
    DISPOSAL_DECIDED = "assets.disposal_decided"
    SUPPLY_REQUESTED = "assets.supply_requested"
    SUPPLY_REQUEST_DECIDED = "assets.supply_request_decided"
    SUPPLY_ISSUED = "assets.supply_issued"
    SUPPLY_RECEIVED = "assets.supply_received"
    STOCK_LOW = "assets.stock_low"


class Booking:
    """What booking publishes (``booking.events``): payloads in ``booking.schemas`` and docs/contracts.md."""

    #: A request was made (by an employee, a guest from the public portal, or for travel's SPT).
    REQUESTED = "booking.requested"
    APPROVED = "booking.approved"
    REJECTED = "booking.rejected"
    CANCELLED = "booking.cancelled"
    #: A booking's time changed (one occurrence of a series moved alone, or a pending request edited).
    RESCHEDULED = "booking.rescheduled"
    SERIES_CREATED = "booking.series_created"
    #: A series was decided: each occurrence approved, or reported as conflicting and left pending.
    SERIES_DECIDED = "booking.series_decided"
    #: "This and following": the series ended at an occurrence and a new one continues from it.
    SERIES_SPLIT = "booking.series_split"
    DRIVER_ASSIGNED = "booking.driver_assigned"
    TRIP_CHECKED_OUT = "booking.trip_checked_out"
    #: A vehicle trip returned: the asset's id, odometer at check-out and return, fuel, damage reported.
    TRIP_RETURNED = "booking.trip_returned"
    #: A vehicle not returned by its planned end (plus the grace): flagged.
    TRIP_OVERDUE = "booking.trip_overdue"
    #: travel's approved SPT with an official vehicle: a vehicle and driver reserved, or none free.
    TRAVEL_VEHICLE_RESERVED = "booking.travel_vehicle_reserved"
    TRAVEL_VEHICLE_UNAVAILABLE = "booking.travel_vehicle_unavailable"
    #: A resource booking owns was entered or changed (manager, buffers, blackouts), or assets' copy changed.
    RESOURCE_CHANGED = "booking.resource_changed"


class Agenda:
    """What agenda publishes (``agenda.events``): payloads in ``agenda.schemas`` and docs/contracts.md. No payload
    carries a guest's, visitor's or sender's contact details."""

    #: An event entered in a leader's agenda (tentative or confirmed), or changed (time, place, leaders, status).
    EVENT_CREATED = "agenda.event_created"
    EVENT_UPDATED = "agenda.event_updated"
    #: Confirmed: the portal lists it when it is public.
    EVENT_CONFIRMED = "agenda.event_confirmed"
    EVENT_POSTPONED = "agenda.event_postponed"
    EVENT_CANCELLED = "agenda.event_cancelled"
    EVENT_DONE = "agenda.event_done"
    #: An event's documentation was submitted, returned, approved, and became public (at approval, or when its
    #: embargo ended).
    DOCUMENTATION_SUBMITTED = "agenda.documentation_submitted"
    DOCUMENTATION_RETURNED = "agenda.documentation_returned"
    DOCUMENTATION_PUBLISHED = "agenda.documentation_published"
    #: An official visit or audience request from the public: received, decided (approved with a time and a
    #: room, or refused with a reason), the visitors checked in at reception.
    VISIT_REQUESTED = "agenda.visit_requested"
    VISIT_DECIDED = "agenda.visit_decided"
    VISIT_CHECKED_IN = "agenda.visit_checked_in"
    #: The public's feedback: received, triaged to a unit, answered, closed.
    FEEDBACK_RECEIVED = "agenda.feedback_received"
    FEEDBACK_TRIAGED = "agenda.feedback_triaged"
    FEEDBACK_ANSWERED = "agenda.feedback_answered"
    FEEDBACK_CLOSED = "agenda.feedback_closed"


class Kepegawaian:
    """What kepegawaian publishes (``kepegawaian.events``): payloads in ``kepegawaian.schemas`` and
    docs/contracts.md."""

    #: A leave request: made, given the direct supervisor's consideration, decided by the authorised official
    #: (approved, approved with changes sent back, deferred, refused), cancelled.
    LEAVE_REQUESTED = "kepegawaian.leave_requested"
    LEAVE_CONSIDERED = "kepegawaian.leave_considered"
    #: Approved: the employee is on leave from ``start_date`` to ``end_date`` (travel refuses trips then,
    #: attendance shows cuti for non-ASN staff, booking's driver is unavailable).
    LEAVE_APPROVED = "kepegawaian.leave_approved"
    LEAVE_CHANGE_REQUESTED = "kepegawaian.leave_change_requested"
    LEAVE_DEFERRED = "kepegawaian.leave_deferred"
    LEAVE_REFUSED = "kepegawaian.leave_refused"
    #: An approved leave withdrawn (or a pending one cancelled): the days are free again.
    LEAVE_CANCELLED = "kepegawaian.leave_cancelled"
    #: A personnel document uploaded, verified, or refused by the staff officer.
    DOCUMENT_UPLOADED = "kepegawaian.document_uploaded"
    DOCUMENT_VERIFIED = "kepegawaian.document_verified"
    DOCUMENT_REJECTED = "kepegawaian.document_rejected"
    #: A KGB, KP or retirement date coming due, announced to the staff officers once per employee and date.
    CAREER_DUE = "kepegawaian.career_due"
    #: SKP: a year's plan submitted and agreed by the supervisor, progress recorded, the year assessed (the
    #: rating per the matrix — insights reports per unit).
    SKP_PLAN_SUBMITTED = "kepegawaian.skp_plan_submitted"
    SKP_PLAN_APPROVED = "kepegawaian.skp_plan_approved"
    SKP_PROGRESS_RECORDED = "kepegawaian.skp_progress_recorded"
    SKP_ASSESSED = "kepegawaian.skp_assessed"


def names(publisher: type) -> tuple[str, ...]:
    """Every event name ``publisher`` (one of the classes above) declares, in declaration order."""
    return tuple(value for key, value in vars(publisher).items() if key.isupper())


#: Every event of the platform.
ALL = (names(Personnel) + names(Travel) + names(Attendance) + names(Finance) + names(Assets)
       + names(Booking) + names(Agenda) + names(Kepegawaian))
