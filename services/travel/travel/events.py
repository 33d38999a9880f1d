"""Events travel publishes (through the outbox, exchange ``travel.events``) and the ones it consumes.

Every ``travel.order_*`` payload carries ``views.event_data``: ``order_id, status, number, unit_id,
requester_employee_id, purpose, destinations, category, departure_date, return_date, estimate_total,
travellers[{employee_id, name, nip, unit_id, sppd_number, departure_date, return_date}]`` plus:

* ``order_submitted``: ``note``
* ``order_approved``: ``approved_by_employee_id``, ``note`` (attendance marks the travellers "dinas luar")
* ``order_rejected``: ``reason``
* ``order_issued``: ``issued_at``, ``issued_date``, ``verify_url``
* ``order_cancelled``: ``from_status``, ``reason`` (a cancelled issued letter keeps its ``number``)
* ``order_completed``: ``report_summary``
* ``order_realized``: ``fiscal_year, budget_agency, budget_account, realized_total,
  lines[{employee_id, category, description, amount, receipt_count}]`` (finance drafts the SPJ from it)

Consumed: ``personnel.employee_created/updated/deactivated`` and ``personnel.org_unit_created/updated``
(the roster copy).
"""
from __future__ import annotations

ORDER_SUBMITTED = "travel.order_submitted"
ORDER_APPROVED = "travel.order_approved"
ORDER_REJECTED = "travel.order_rejected"
ORDER_ISSUED = "travel.order_issued"
ORDER_CANCELLED = "travel.order_cancelled"
ORDER_COMPLETED = "travel.order_completed"
ORDER_REALIZED = "travel.order_realized"

PUBLISHED = (ORDER_SUBMITTED, ORDER_APPROVED, ORDER_REJECTED, ORDER_ISSUED, ORDER_CANCELLED, ORDER_COMPLETED,
             ORDER_REALIZED)

#: Event emitted when an order enters a status.
FOR_STATUS = {
    "submitted": ORDER_SUBMITTED, "approved": ORDER_APPROVED, "rejected": ORDER_REJECTED,
    "issued": ORDER_ISSUED, "cancelled": ORDER_CANCELLED, "completed": ORDER_COMPLETED,
    "realized": ORDER_REALIZED,
}

EMPLOYEE_CREATED = "personnel.employee_created"
EMPLOYEE_UPDATED = "personnel.employee_updated"
EMPLOYEE_DEACTIVATED = "personnel.employee_deactivated"
ORG_UNIT_CREATED = "personnel.org_unit_created"
ORG_UNIT_UPDATED = "personnel.org_unit_updated"
