"""Events attendance publishes (outbox, exchange ``attendance.events``) and the ones it consumes.

Published (``data``):

* ``attendance.checked_in`` / ``attendance.checked_out``: the day's record (``id, employee_id, day,
  check_in{at, time, latitude, longitude, accuracy, location, distance_m, needs_review, review_note,
  has_selfie}, check_out{…}``, ``employee_name``, ``unit_id``) — no selfie bytes.
* ``attendance.request_submitted`` / ``_approved`` / ``_rejected``: the leave request (``id, employee_id,
  unit_id, kind, start_date, end_date, reason, attachment{filename, content_type, size, sha256}, status,
  decided_by_employee_id, decided_by_username, decided_at, decision_note, created_at``; submitted adds
  ``supervisor_id``).
* ``attendance.correction_submitted`` / ``_approved`` / ``_rejected``: the correction (``id, employee_id,
  unit_id, day, kind, requested_at, time, reason, status, decided_*``; submitted adds ``supervisor_id``).

Consumed: ``personnel.employee_created/updated/deactivated``, ``personnel.org_unit_created/updated`` (the
roster copy), ``travel.order_approved`` / ``travel.order_cancelled`` (dinas luar days).
"""
from __future__ import annotations

CHECKED_IN = "attendance.checked_in"
CHECKED_OUT = "attendance.checked_out"
REQUEST_SUBMITTED = "attendance.request_submitted"
REQUEST_APPROVED = "attendance.request_approved"
REQUEST_REJECTED = "attendance.request_rejected"
CORRECTION_SUBMITTED = "attendance.correction_submitted"
CORRECTION_APPROVED = "attendance.correction_approved"
CORRECTION_REJECTED = "attendance.correction_rejected"

PUBLISHED = (CHECKED_IN, CHECKED_OUT, REQUEST_SUBMITTED, REQUEST_APPROVED, REQUEST_REJECTED, CORRECTION_SUBMITTED,
             CORRECTION_APPROVED, CORRECTION_REJECTED)

EMPLOYEE_CREATED = "personnel.employee_created"
EMPLOYEE_UPDATED = "personnel.employee_updated"
EMPLOYEE_DEACTIVATED = "personnel.employee_deactivated"
ORG_UNIT_CREATED = "personnel.org_unit_created"
ORG_UNIT_UPDATED = "personnel.org_unit_updated"
ORDER_APPROVED = "travel.order_approved"
ORDER_CANCELLED = "travel.order_cancelled"
