"""The role matrix: every route of the OpenAPI document × every seeded role, against the real stack.

``ROWS`` names every route and whether it is public; a route in the OpenAPI without a row fails
``test_every_route_has_a_row``, so each new domain adds its rows. The attacker's columns: every non-public
route answers 401 to no token, a token signed with another key, a tampered payload, ``alg: none`` and junk.

``MATRIX`` holds the status each seeded role gets, one line per route: ``cells(default, role=status, ...)``.
The records are chosen so one line reads as own / same-unit / other-unit at once: ``{employee_id}`` and
``{order_id}`` are the demo ``pegawai``'s (their own; ``kasubbag`` is their subbagian head, ``kabag`` their
bagian head, ``bendahara`` a colleague in the same subbagian, the others elsewhere), ``{request_id}`` the
non-ASN ``honorer``'s leave request (Tata Usaha; no demo head above them but ``pimpinan``); both records are
cancelled, so an action answers 409 to whoever may take it and 403/404 to whoever may not, and nothing
changes. Writes send an empty or minimal body: 422 in a cell means the body was refused before any rule
was applied (the gateway or the service validates first); those cells still prove "no 500, no effect".
Finance's rows (``finance_records``) ask about an SPJ the demo ``pptk`` drafted on a budget line of their own
(loaded for the purpose) and cancelled; ``pptk`` and ``ppk`` are finance's PPTK and PPK-SKPD. Assets' rows
(``assets_records``) ask about records the demo ``pengurus_barang`` made and cancelled (see the fixture).
"""
from __future__ import annotations

import base64
import json
import time

import jwt
import pytest
import requests

pytestmark = pytest.mark.e2e

#: Values for path parameters: any well-formed value will do for the columns checked before a lookup.
PATH_VALUES = {"employee_id": "1", "unit_id": "1", "account_id": "1", "request_id": "1", "correction_id": "1",
               "location_id": "1", "period_id": "1", "day": "2026-01-01", "order_id": "1", "kind": "spt",
               "attachment_id": "1", "fiscal_year": "2026", "token": "abc", "asset": "swagger-ui.css",
               "record_id": "1", "line_id": "1", "document_id": "1", "spj_id": "1", "tax_id": "1",
               "book": "kas_tunai", "month": "12", "building_id": "1", "floor_id": "1", "room_id": "1",
               "asset_id": "1", "file_id": "1", "handover_id": "1", "plan_id": "1", "campaign_id": "1",
               "finding_id": "1", "proposal_id": "1", "item_id": "1", "receipt_id": "1", "count_id": "1",
               "year": "2026", "semester": "1", "kib": "B",
               "resource_id": "1", "block_id": "1", "booking_id": "1", "series_id": "1", "absence_id": "1",
               "trip_id": "1", "code": "PGJ-0000-0000-0000-0000", "leader_id": "1", "rank_id": "1", "event_id": "1",
               "documentation_id": "1", "photo_id": "1", "variant": "web", "visit_id": "1", "feedback_id": "1",
               "leave_id": "1", "rule_id": "1", "reminder_id": "1", "skp_id": "1", "progress_id": "1"}

PUBLIC, PRIVATE = True, False
#: (method, path under the server root, public?) — one row per operation of the OpenAPI document.
ROWS = (
    ("POST", "/api/v1/auth/login", PUBLIC),
    ("POST", "/api/v1/auth/refresh", PUBLIC),
    ("POST", "/api/v1/auth/logout", PRIVATE),
    ("POST", "/api/v1/auth/password", PRIVATE),
    ("GET", "/api/v1/me", PRIVATE),
    ("GET", "/api/v1/personnel/capabilities", PRIVATE),
    ("GET", "/api/v1/employees", PRIVATE),
    ("POST", "/api/v1/employees", PRIVATE),
    ("GET", "/api/v1/employees/{employee_id}", PRIVATE),
    ("PATCH", "/api/v1/employees/{employee_id}", PRIVATE),
    ("POST", "/api/v1/employees/{employee_id}/deactivate", PRIVATE),
    ("GET", "/api/v1/employees/{employee_id}/history", PRIVATE),
    ("POST", "/api/v1/employees/{employee_id}/career-changes", PRIVATE),
    ("POST", "/api/v1/employees/{employee_id}/status", PRIVATE),
    ("POST", "/api/v1/employees/{employee_id}/restore", PRIVATE),
    ("GET", "/api/v1/org-units", PRIVATE),
    ("POST", "/api/v1/org-units", PRIVATE),
    ("GET", "/api/v1/org-units/{unit_id}", PRIVATE),
    ("PATCH", "/api/v1/org-units/{unit_id}", PRIVATE),
    ("GET", "/api/v1/positions", PRIVATE),
    ("POST", "/api/v1/positions", PRIVATE),
    ("GET", "/api/v1/accounts", PRIVATE),
    ("POST", "/api/v1/accounts", PRIVATE),
    ("GET", "/api/v1/accounts/{account_id}", PRIVATE),
    ("PATCH", "/api/v1/accounts/{account_id}", PRIVATE),
    ("POST", "/api/v1/accounts/{account_id}/unlock", PRIVATE),
    ("POST", "/api/v1/attendance/check-in", PRIVATE),
    ("POST", "/api/v1/attendance/check-out", PRIVATE),
    ("GET", "/api/v1/attendance/me", PRIVATE),
    ("GET", "/api/v1/attendance/capabilities", PRIVATE),
    ("GET", "/api/v1/attendance/me/today", PRIVATE),
    ("GET", "/api/v1/attendance/days", PRIVATE),
    ("GET", "/api/v1/attendance/recap", PRIVATE),
    ("GET", "/api/v1/attendance/recap/export", PRIVATE),
    ("GET", "/api/v1/attendance/today", PRIVATE),
    ("GET", "/api/v1/attendance/reviews", PRIVATE),
    ("POST", "/api/v1/attendance/records/{record_id}/reviewed", PRIVATE),
    ("GET", "/api/v1/attendance/requests", PRIVATE),
    ("POST", "/api/v1/attendance/requests", PRIVATE),
    ("GET", "/api/v1/attendance/requests/{request_id}", PRIVATE),
    ("GET", "/api/v1/attendance/requests/{request_id}/attachment", PRIVATE),
    ("POST", "/api/v1/attendance/requests/{request_id}/approve", PRIVATE),
    ("POST", "/api/v1/attendance/requests/{request_id}/reject", PRIVATE),
    ("POST", "/api/v1/attendance/requests/{request_id}/cancel", PRIVATE),
    ("GET", "/api/v1/attendance/corrections", PRIVATE),
    ("POST", "/api/v1/attendance/corrections", PRIVATE),
    ("GET", "/api/v1/attendance/corrections/{correction_id}", PRIVATE),
    ("POST", "/api/v1/attendance/corrections/{correction_id}/approve", PRIVATE),
    ("POST", "/api/v1/attendance/corrections/{correction_id}/reject", PRIVATE),
    ("POST", "/api/v1/attendance/corrections/{correction_id}/cancel", PRIVATE),
    ("GET", "/api/v1/attendance/setup", PRIVATE),
    ("POST", "/api/v1/attendance/locations", PRIVATE),
    ("PATCH", "/api/v1/attendance/locations/{location_id}", PRIVATE),
    ("PUT", "/api/v1/attendance/schedules", PRIVATE),
    ("POST", "/api/v1/attendance/periods", PRIVATE),
    ("PUT", "/api/v1/attendance/periods/{period_id}", PRIVATE),
    ("DELETE", "/api/v1/attendance/periods/{period_id}", PRIVATE),
    ("GET", "/api/v1/attendance/holidays", PRIVATE),
    ("POST", "/api/v1/attendance/holidays", PRIVATE),
    ("DELETE", "/api/v1/attendance/holidays/{day}", PRIVATE),
    ("POST", "/api/v1/attendance/holidays/import", PRIVATE),
    ("PUT", "/api/v1/attendance/weights", PRIVATE),
    ("PATCH", "/api/v1/attendance/settings", PRIVATE),
    ("GET", "/api/v1/attendance/roster", PRIVATE),
    ("POST", "/api/v1/attendance/roster/sync", PRIVATE),
    ("GET", "/api/v1/travel/orders", PRIVATE),
    ("POST", "/api/v1/travel/orders", PRIVATE),
    ("GET", "/api/v1/travel/orders/{order_id}", PRIVATE),
    ("PATCH", "/api/v1/travel/orders/{order_id}", PRIVATE),
    ("POST", "/api/v1/travel/estimate", PRIVATE),
    ("POST", "/api/v1/travel/orders/{order_id}/submit", PRIVATE),
    ("POST", "/api/v1/travel/orders/{order_id}/approve", PRIVATE),
    ("POST", "/api/v1/travel/orders/{order_id}/reject", PRIVATE),
    ("POST", "/api/v1/travel/orders/{order_id}/issue", PRIVATE),
    ("POST", "/api/v1/travel/orders/{order_id}/cancel", PRIVATE),
    ("POST", "/api/v1/travel/orders/{order_id}/legs", PRIVATE),
    ("POST", "/api/v1/travel/orders/{order_id}/report", PRIVATE),
    ("POST", "/api/v1/travel/orders/{order_id}/complete", PRIVATE),
    ("POST", "/api/v1/travel/orders/{order_id}/realize", PRIVATE),
    ("GET", "/api/v1/travel/orders/{order_id}/documents/{kind}", PRIVATE),
    ("GET", "/api/v1/travel/attachments/{attachment_id}", PRIVATE),
    ("GET", "/api/v1/travel/rates", PRIVATE),
    ("GET", "/api/v1/travel/rates/{fiscal_year}", PRIVATE),
    ("POST", "/api/v1/travel/rates/{fiscal_year}", PRIVATE),
    ("GET", "/api/v1/travel/capabilities", PRIVATE),
    ("GET", "/api/v1/travel/rules", PRIVATE),
    ("PUT", "/api/v1/travel/rules", PRIVATE),
    ("GET", "/api/v1/travel/roster", PRIVATE),
    ("POST", "/api/v1/travel/roster/sync", PRIVATE),
    # -- finance
    ("GET", "/api/v1/finance/spj", PRIVATE),
    ("POST", "/api/v1/finance/spj", PRIVATE),
    ("POST", "/api/v1/finance/spj/preview", PRIVATE),
    ("GET", "/api/v1/finance/spj/{spj_id}", PRIVATE),
    ("PUT", "/api/v1/finance/spj/{spj_id}", PRIVATE),
    ("POST", "/api/v1/finance/spj/{spj_id}/submit", PRIVATE),
    ("POST", "/api/v1/finance/spj/{spj_id}/return", PRIVATE),
    ("POST", "/api/v1/finance/spj/{spj_id}/verify", PRIVATE),
    ("POST", "/api/v1/finance/spj/{spj_id}/approve", PRIVATE),
    ("POST", "/api/v1/finance/spj/{spj_id}/endorse", PRIVATE),
    ("POST", "/api/v1/finance/spj/{spj_id}/reject", PRIVATE),
    ("POST", "/api/v1/finance/spj/{spj_id}/revise", PRIVATE),
    ("POST", "/api/v1/finance/spj/{spj_id}/cancel", PRIVATE),
    ("POST", "/api/v1/finance/spj/{spj_id}/pay", PRIVATE),
    ("GET", "/api/v1/finance/spj/{spj_id}/document", PRIVATE),
    ("GET", "/api/v1/finance/spj/{spj_id}/travel-document", PRIVATE),
    ("GET", "/api/v1/finance/travel-spj/inbox", PRIVATE),
    ("POST", "/api/v1/finance/travel-spj/inbox/retry", PRIVATE),
    ("POST", "/api/v1/finance/taxes/{tax_id}/deposit", PRIVATE),
    ("GET", "/api/v1/finance/settings", PRIVATE),
    ("PATCH", "/api/v1/finance/settings", PRIVATE),
    ("GET", "/api/v1/finance/tax-rates", PRIVATE),
    ("POST", "/api/v1/finance/tax-rates", PRIVATE),
    ("GET", "/api/v1/finance/evidence-tiers", PRIVATE),
    ("PUT", "/api/v1/finance/evidence-tiers", PRIVATE),
    ("POST", "/api/v1/finance/cash", PRIVATE),
    ("GET", "/api/v1/finance/books/{fiscal_year}/bku", PRIVATE),
    ("GET", "/api/v1/finance/books/{fiscal_year}/{book}", PRIVATE),
    ("GET", "/api/v1/finance/books/{fiscal_year}/months", PRIVATE),
    ("POST", "/api/v1/finance/books/{fiscal_year}/months/{month}/close", PRIVATE),
    ("GET", "/api/v1/finance/books/{fiscal_year}/months/{month}/report", PRIVATE),
    ("GET", "/api/v1/finance/books/{fiscal_year}/export", PRIVATE),
    ("GET", "/api/v1/finance/budget/{fiscal_year}", PRIVATE),
    ("POST", "/api/v1/finance/budget/{fiscal_year}", PRIVATE),
    ("GET", "/api/v1/finance/budget/{fiscal_year}/versions", PRIVATE),
    ("GET", "/api/v1/finance/budget-lines", PRIVATE),
    ("GET", "/api/v1/finance/budget-lines/{line_id}", PRIVATE),
    ("GET", "/api/v1/finance/archive", PRIVATE),
    ("POST", "/api/v1/finance/archive", PRIVATE),
    ("POST", "/api/v1/finance/archive/links", PRIVATE),
    ("GET", "/api/v1/finance/archive/{document_id}", PRIVATE),
    ("GET", "/api/v1/finance/archive/{document_id}/file", PRIVATE),
    ("GET", "/api/v1/finance/archive/classifications", PRIVATE),
    ("POST", "/api/v1/finance/archive/classifications", PRIVATE),
    ("POST", "/api/v1/finance/archive/check", PRIVATE),
    ("GET", "/api/v1/finance/capabilities", PRIVATE),
    ("GET", "/api/v1/finance/roster", PRIVATE),
    ("POST", "/api/v1/finance/roster/sync", PRIVATE),
    # -- assets
    ("GET", "/api/v1/assets/capabilities", PRIVATE),
    ("GET", "/api/v1/assets/codes", PRIVATE),
    ("POST", "/api/v1/assets/codes", PRIVATE),
    ("GET", "/api/v1/assets/useful-lives", PRIVATE),
    ("POST", "/api/v1/assets/useful-lives", PRIVATE),
    ("GET", "/api/v1/assets/buildings", PRIVATE),
    ("POST", "/api/v1/assets/buildings", PRIVATE),
    ("PATCH", "/api/v1/assets/buildings/{building_id}", PRIVATE),
    ("POST", "/api/v1/assets/floors", PRIVATE),
    ("PATCH", "/api/v1/assets/floors/{floor_id}", PRIVATE),
    ("GET", "/api/v1/assets/rooms", PRIVATE),
    ("POST", "/api/v1/assets/rooms", PRIVATE),
    ("GET", "/api/v1/assets/rooms/{room_id}", PRIVATE),
    ("PATCH", "/api/v1/assets/rooms/{room_id}", PRIVATE),
    ("GET", "/api/v1/assets/items", PRIVATE),
    ("POST", "/api/v1/assets/items", PRIVATE),
    ("GET", "/api/v1/assets/items/mine", PRIVATE),
    ("GET", "/api/v1/assets/items/{asset_id}", PRIVATE),
    ("PATCH", "/api/v1/assets/items/{asset_id}", PRIVATE),
    ("POST", "/api/v1/assets/items/{asset_id}/files", PRIVATE),
    ("GET", "/api/v1/assets/files/{file_id}", PRIVATE),
    ("POST", "/api/v1/assets/imports", PRIVATE),
    ("GET", "/api/v1/assets/imports/template", PRIVATE),
    ("POST", "/api/v1/assets/labels", PRIVATE),
    ("GET", "/api/v1/assets/rooms/{room_id}/inventory", PRIVATE),
    ("GET", "/api/v1/assets/rooms/{room_id}/inventory/document", PRIVATE),
    ("GET", "/api/v1/assets/kib/{kib}/export", PRIVATE),
    ("GET", "/api/v1/assets/items/{asset_id}/depreciation", PRIVATE),
    ("GET", "/api/v1/assets/depreciation", PRIVATE),
    ("GET", "/api/v1/assets/depreciation/export", PRIVATE),
    ("GET", "/api/v1/assets/handovers", PRIVATE),
    ("POST", "/api/v1/assets/handovers", PRIVATE),
    ("GET", "/api/v1/assets/handovers/options", PRIVATE),
    ("GET", "/api/v1/assets/handovers/candidates", PRIVATE),
    ("GET", "/api/v1/assets/handovers/{handover_id}", PRIVATE),
    ("GET", "/api/v1/assets/handovers/{handover_id}/document", PRIVATE),
    ("GET", "/api/v1/assets/maintenance/due", PRIVATE),
    ("GET", "/api/v1/assets/maintenance/costs/{year}", PRIVATE),
    ("GET", "/api/v1/assets/maintenance/plans", PRIVATE),
    ("POST", "/api/v1/assets/maintenance/plans", PRIVATE),
    ("PATCH", "/api/v1/assets/maintenance/plans/{plan_id}", PRIVATE),
    ("GET", "/api/v1/assets/maintenance/records", PRIVATE),
    ("POST", "/api/v1/assets/maintenance/records", PRIVATE),
    ("GET", "/api/v1/assets/maintenance/records/{record_id}", PRIVATE),
    ("POST", "/api/v1/assets/maintenance/records/{record_id}/start", PRIVATE),
    ("POST", "/api/v1/assets/maintenance/records/{record_id}/finish", PRIVATE),
    ("POST", "/api/v1/assets/maintenance/records/{record_id}/cancel", PRIVATE),
    ("GET", "/api/v1/assets/campaigns", PRIVATE),
    ("POST", "/api/v1/assets/campaigns", PRIVATE),
    ("GET", "/api/v1/assets/campaigns/choices", PRIVATE),
    ("GET", "/api/v1/assets/campaigns/{campaign_id}", PRIVATE),
    ("GET", "/api/v1/assets/campaigns/{campaign_id}/rooms/{room_id}", PRIVATE),
    ("POST", "/api/v1/assets/campaigns/{campaign_id}/rooms/{room_id}/checks", PRIVATE),
    ("POST", "/api/v1/assets/campaigns/{campaign_id}/rooms/{room_id}/findings", PRIVATE),
    ("DELETE", "/api/v1/assets/campaigns/{campaign_id}/rooms/{room_id}/findings/{finding_id}", PRIVATE),
    ("POST", "/api/v1/assets/campaigns/{campaign_id}/rooms/{room_id}/finish", PRIVATE),
    ("POST", "/api/v1/assets/campaigns/{campaign_id}/rooms/{room_id}/reopen", PRIVATE),
    ("POST", "/api/v1/assets/campaigns/{campaign_id}/close", PRIVATE),
    ("POST", "/api/v1/assets/campaigns/{campaign_id}/cancel", PRIVATE),
    ("GET", "/api/v1/assets/campaigns/{campaign_id}/result", PRIVATE),
    ("GET", "/api/v1/assets/campaigns/{campaign_id}/document", PRIVATE),
    ("POST", "/api/v1/assets/campaigns/{campaign_id}/apply", PRIVATE),
    ("GET", "/api/v1/assets/disposals", PRIVATE),
    ("POST", "/api/v1/assets/disposals", PRIVATE),
    ("GET", "/api/v1/assets/disposals/suggestions", PRIVATE),
    ("GET", "/api/v1/assets/disposals/report", PRIVATE),
    ("GET", "/api/v1/assets/disposals/report/export", PRIVATE),
    ("GET", "/api/v1/assets/disposals/{proposal_id}", PRIVATE),
    ("PUT", "/api/v1/assets/disposals/{proposal_id}", PRIVATE),
    ("POST", "/api/v1/assets/disposals/{proposal_id}/submit", PRIVATE),
    ("POST", "/api/v1/assets/disposals/{proposal_id}/approve", PRIVATE),
    ("POST", "/api/v1/assets/disposals/{proposal_id}/reject", PRIVATE),
    ("POST", "/api/v1/assets/disposals/{proposal_id}/decide", PRIVATE),
    ("POST", "/api/v1/assets/disposals/{proposal_id}/complete", PRIVATE),
    ("POST", "/api/v1/assets/disposals/{proposal_id}/cancel", PRIVATE),
    ("GET", "/api/v1/assets/disposals/{proposal_id}/documents/{kind}", PRIVATE),
    ("GET", "/api/v1/assets/supplies", PRIVATE),
    ("POST", "/api/v1/assets/supplies", PRIVATE),
    ("GET", "/api/v1/assets/supplies/low-stock", PRIVATE),
    ("GET", "/api/v1/assets/supplies/{item_id}", PRIVATE),
    ("PATCH", "/api/v1/assets/supplies/{item_id}", PRIVATE),
    ("GET", "/api/v1/assets/supplies/{item_id}/stock-card", PRIVATE),
    ("GET", "/api/v1/assets/supplies/{item_id}/stock-card/export", PRIVATE),
    ("GET", "/api/v1/assets/supply-receipts", PRIVATE),
    ("POST", "/api/v1/assets/supply-receipts", PRIVATE),
    ("GET", "/api/v1/assets/supply-receipts/{receipt_id}", PRIVATE),
    ("GET", "/api/v1/assets/supply-requests", PRIVATE),
    ("POST", "/api/v1/assets/supply-requests", PRIVATE),
    ("GET", "/api/v1/assets/supply-requests/{request_id}", PRIVATE),
    ("POST", "/api/v1/assets/supply-requests/{request_id}/approve", PRIVATE),
    ("POST", "/api/v1/assets/supply-requests/{request_id}/reject", PRIVATE),
    ("POST", "/api/v1/assets/supply-requests/{request_id}/cancel", PRIVATE),
    ("POST", "/api/v1/assets/supply-requests/{request_id}/issue", PRIVATE),
    ("GET", "/api/v1/assets/supply-counts", PRIVATE),
    ("POST", "/api/v1/assets/supply-counts", PRIVATE),
    ("GET", "/api/v1/assets/supply-counts/{count_id}", PRIVATE),
    ("PUT", "/api/v1/assets/supply-counts/{count_id}", PRIVATE),
    ("POST", "/api/v1/assets/supply-counts/{count_id}/apply", PRIVATE),
    ("GET", "/api/v1/assets/supply-reports/{year}/{semester}", PRIVATE),
    ("GET", "/api/v1/assets/supply-reports/{year}/{semester}/export", PRIVATE),
    ("GET", "/api/v1/assets/settings", PRIVATE),
    ("PATCH", "/api/v1/assets/settings", PRIVATE),
    ("GET", "/api/v1/assets/roster", PRIVATE),
    ("POST", "/api/v1/assets/roster/sync", PRIVATE),
    # booking
    ("GET", "/api/v1/booking/capabilities", PRIVATE),
    ("GET", "/api/v1/booking/settings", PRIVATE),
    ("PATCH", "/api/v1/booking/settings", PRIVATE),
    ("GET", "/api/v1/booking/roster", PRIVATE),
    ("POST", "/api/v1/booking/roster/sync", PRIVATE),
    ("GET", "/api/v1/booking/availability", PRIVATE),
    ("GET", "/api/v1/booking/resources", PRIVATE),
    ("POST", "/api/v1/booking/resources", PRIVATE),
    ("POST", "/api/v1/booking/resources/sync", PRIVATE),
    ("GET", "/api/v1/booking/resources/{resource_id}", PRIVATE),
    ("PATCH", "/api/v1/booking/resources/{resource_id}", PRIVATE),
    ("GET", "/api/v1/booking/resources/{resource_id}/calendar", PRIVATE),
    ("GET", "/api/v1/booking/calendar", PRIVATE),
    ("GET", "/api/v1/booking/resources/{resource_id}/blocks", PRIVATE),
    ("POST", "/api/v1/booking/resources/{resource_id}/blocks", PRIVATE),
    ("DELETE", "/api/v1/booking/blocks/{block_id}", PRIVATE),
    ("POST", "/api/v1/booking/bookings", PRIVATE),
    ("GET", "/api/v1/booking/bookings/mine", PRIVATE),
    ("GET", "/api/v1/booking/inbox", PRIVATE),
    ("GET", "/api/v1/booking/bookings", PRIVATE),
    ("GET", "/api/v1/booking/bookings/{booking_id}", PRIVATE),
    ("POST", "/api/v1/booking/bookings/{booking_id}/approve", PRIVATE),
    ("POST", "/api/v1/booking/bookings/{booking_id}/reject", PRIVATE),
    ("POST", "/api/v1/booking/bookings/{booking_id}/cancel", PRIVATE),
    ("POST", "/api/v1/booking/bookings/{booking_id}/reschedule", PRIVATE),
    ("POST", "/api/v1/booking/series", PRIVATE),
    ("GET", "/api/v1/booking/series/mine", PRIVATE),
    ("GET", "/api/v1/booking/series/{series_id}", PRIVATE),
    ("POST", "/api/v1/booking/series/{series_id}/decide", PRIVATE),
    ("POST", "/api/v1/booking/series/{series_id}/cancel", PRIVATE),
    ("POST", "/api/v1/booking/bookings/{booking_id}/move", PRIVATE),
    ("POST", "/api/v1/booking/bookings/{booking_id}/cancel-occurrence", PRIVATE),
    ("POST", "/api/v1/booking/bookings/{booking_id}/edit-following", PRIVATE),
    ("GET", "/api/v1/booking/drivers", PRIVATE),
    ("GET", "/api/v1/booking/drivers/candidates", PRIVATE),
    ("POST", "/api/v1/booking/drivers", PRIVATE),
    ("PATCH", "/api/v1/booking/drivers/{employee_id}", PRIVATE),
    ("POST", "/api/v1/booking/drivers/{employee_id}/absences", PRIVATE),
    ("DELETE", "/api/v1/booking/driver-absences/{absence_id}", PRIVATE),
    ("GET", "/api/v1/booking/drivers/schedule", PRIVATE),
    ("GET", "/api/v1/booking/bookings/{booking_id}/available-drivers", PRIVATE),
    ("POST", "/api/v1/booking/bookings/{booking_id}/driver", PRIVATE),
    ("GET", "/api/v1/booking/trips/mine", PRIVATE),
    ("POST", "/api/v1/booking/trips/{trip_id}/check-out", PRIVATE),
    ("POST", "/api/v1/booking/trips/{trip_id}/return", PRIVATE),
    ("GET", "/api/v1/booking/trips/overdue", PRIVATE),
    ("GET", "/api/v1/booking/guest-requests", PRIVATE),
    ("GET", "/api/v1/booking/feed-token", PRIVATE),
    ("POST", "/api/v1/booking/feed-token", PRIVATE),
    ("DELETE", "/api/v1/booking/feed-token", PRIVATE),
    ("GET", "/api/v1/agenda/leaders", PRIVATE),
    ("POST", "/api/v1/agenda/leaders", PRIVATE),
    ("GET", "/api/v1/agenda/leaders/{leader_id}", PRIVATE),
    ("PATCH", "/api/v1/agenda/leaders/{leader_id}", PRIVATE),
    ("GET", "/api/v1/agenda/precedence", PRIVATE),
    ("POST", "/api/v1/agenda/precedence", PRIVATE),
    ("PATCH", "/api/v1/agenda/precedence/{rank_id}", PRIVATE),
    ("GET", "/api/v1/agenda/leaders/{leader_id}/agenda.pdf", PRIVATE),
    ("POST", "/api/v1/agenda/events", PRIVATE),
    ("GET", "/api/v1/agenda/events", PRIVATE),
    ("GET", "/api/v1/agenda/day", PRIVATE),
    ("GET", "/api/v1/agenda/week", PRIVATE),
    ("GET", "/api/v1/agenda/events/{event_id}", PRIVATE),
    ("PATCH", "/api/v1/agenda/events/{event_id}", PRIVATE),
    ("GET", "/api/v1/agenda/events/{event_id}/conflicts", PRIVATE),
    ("POST", "/api/v1/agenda/events/{event_id}/confirm", PRIVATE),
    ("POST", "/api/v1/agenda/events/{event_id}/postpone", PRIVATE),
    ("POST", "/api/v1/agenda/events/{event_id}/reschedule", PRIVATE),
    ("POST", "/api/v1/agenda/events/{event_id}/cancel", PRIVATE),
    ("POST", "/api/v1/agenda/events/{event_id}/complete", PRIVATE),
    ("GET", "/api/v1/agenda/roster", PRIVATE),
    ("POST", "/api/v1/agenda/roster/sync", PRIVATE),
    ("GET", "/api/v1/agenda/capabilities", PRIVATE),
    ("GET", "/api/v1/agenda/settings", PRIVATE),
    ("PATCH", "/api/v1/agenda/settings", PRIVATE),
    ("GET", "/api/v1/public/agenda/form-ticket", PUBLIC),
    ("GET", "/api/v1/agenda/documentation", PRIVATE),
    ("GET", "/api/v1/agenda/documentation/queue", PRIVATE),
    ("GET", "/api/v1/agenda/documentation/published", PRIVATE),
    ("GET", "/api/v1/agenda/events/{event_id}/documentation", PRIVATE),
    ("POST", "/api/v1/agenda/events/{event_id}/documentation", PRIVATE),
    ("GET", "/api/v1/agenda/documentation/{documentation_id}", PRIVATE),
    ("PATCH", "/api/v1/agenda/documentation/{documentation_id}", PRIVATE),
    ("POST", "/api/v1/agenda/documentation/{documentation_id}/submit", PRIVATE),
    ("POST", "/api/v1/agenda/documentation/{documentation_id}/approve", PRIVATE),
    ("POST", "/api/v1/agenda/documentation/{documentation_id}/return", PRIVATE),
    ("POST", "/api/v1/agenda/documentation/{documentation_id}/withdraw", PRIVATE),
    ("POST", "/api/v1/agenda/documentation/{documentation_id}/photos", PRIVATE),
    ("PATCH", "/api/v1/agenda/documentation-photos/{photo_id}", PRIVATE),
    ("DELETE", "/api/v1/agenda/documentation-photos/{photo_id}", PRIVATE),
    ("PUT", "/api/v1/agenda/documentation/{documentation_id}/photo-order", PRIVATE),
    ("GET", "/api/v1/agenda/documentation-photos/{photo_id}/file", PRIVATE),
    ("POST", "/api/v1/agenda/documentation/{documentation_id}/attachments", PRIVATE),
    ("PATCH", "/api/v1/agenda/documentation-attachments/{attachment_id}", PRIVATE),
    ("DELETE", "/api/v1/agenda/documentation-attachments/{attachment_id}", PRIVATE),
    ("GET", "/api/v1/agenda/documentation-attachments/{attachment_id}/file", PRIVATE),
    ("GET", "/api/v1/public/agenda/home", PUBLIC),
    ("GET", "/api/v1/public/agenda/events", PUBLIC),
    ("GET", "/api/v1/public/agenda/events/{event_id}", PUBLIC),
    ("GET", "/api/v1/public/agenda/months", PUBLIC),
    ("GET", "/api/v1/public/agenda/months/{month}", PUBLIC),
    ("GET", "/api/v1/public/agenda/search", PUBLIC),
    ("GET", "/api/v1/public/agenda/feed", PUBLIC),
    ("GET", "/api/v1/public/agenda/sitemap", PUBLIC),
    ("GET", "/api/v1/public/agenda/photos/{photo_id}/{variant}", PUBLIC),
    ("GET", "/api/v1/public/agenda/attachments/{attachment_id}", PUBLIC),
    ("POST", "/api/v1/public/agenda/visits", PUBLIC),
    ("GET", "/api/v1/public/agenda/visits/{code}", PUBLIC),
    ("GET", "/api/v1/public/agenda/visits/{code}/pass", PUBLIC),
    ("GET", "/api/v1/agenda/visits", PRIVATE),
    ("GET", "/api/v1/agenda/visits/{visit_id}", PRIVATE),
    ("GET", "/api/v1/agenda/visits/{visit_id}/letter", PRIVATE),
    ("POST", "/api/v1/agenda/visits/{visit_id}/approve", PRIVATE),
    ("POST", "/api/v1/agenda/visits/{visit_id}/refuse", PRIVATE),
    ("POST", "/api/v1/agenda/visits/{visit_id}/cancel", PRIVATE),
    ("GET", "/api/v1/agenda/visit-passes/{token}", PRIVATE),
    ("POST", "/api/v1/agenda/visit-passes/{token}/check-in", PRIVATE),
    ("POST", "/api/v1/public/agenda/feedback", PUBLIC),
    ("GET", "/api/v1/public/agenda/feedback/answered", PUBLIC),
    ("GET", "/api/v1/public/agenda/feedback/events/{event_id}", PUBLIC),
    ("GET", "/api/v1/public/agenda/feedback/{code}", PUBLIC),
    ("GET", "/api/v1/agenda/feedback", PRIVATE),
    ("GET", "/api/v1/agenda/feedback/{feedback_id}", PRIVATE),
    ("POST", "/api/v1/agenda/feedback/{feedback_id}/triage", PRIVATE),
    ("POST", "/api/v1/agenda/feedback/{feedback_id}/answer", PRIVATE),
    ("POST", "/api/v1/agenda/feedback/{feedback_id}/close", PRIVATE),
    ("POST", "/api/v1/agenda/feedback/{feedback_id}/publish", PRIVATE),
    ("POST", "/api/v1/agenda/feedback/{feedback_id}/unpublish", PRIVATE),
    ("GET", "/api/v1/agenda/feedback-units", PRIVATE),
    ("GET", "/api/v1/agenda/feedback-report", PRIVATE),
    ("GET", "/api/v1/agenda/feedback-report.xlsx", PRIVATE),
    ("GET", "/api/v1/kepegawaian/capabilities", PRIVATE),
    ("GET", "/api/v1/kepegawaian/roster", PRIVATE),
    ("POST", "/api/v1/kepegawaian/roster/sync", PRIVATE),
    ("GET", "/api/v1/kepegawaian/settings", PRIVATE),
    ("PATCH", "/api/v1/kepegawaian/settings", PRIVATE),
    ("GET", "/api/v1/kepegawaian/employees/{employee_id}/trips", PRIVATE),
    ("GET", "/api/v1/kepegawaian/leave/kinds", PRIVATE),
    ("GET", "/api/v1/kepegawaian/leave/rules", PRIVATE),
    ("PATCH", "/api/v1/kepegawaian/leave/rules/{rule_id}", PRIVATE),
    ("GET", "/api/v1/kepegawaian/leave/balance", PRIVATE),
    ("GET", "/api/v1/kepegawaian/employees/{employee_id}/leave-balance", PRIVATE),
    ("PUT", "/api/v1/kepegawaian/leave/opening-balances", PRIVATE),
    ("POST", "/api/v1/kepegawaian/leave/preview", PRIVATE),
    ("POST", "/api/v1/kepegawaian/leave", PRIVATE),
    ("GET", "/api/v1/kepegawaian/leave", PRIVATE),
    ("GET", "/api/v1/kepegawaian/leave/inbox", PRIVATE),
    ("GET", "/api/v1/kepegawaian/leave/{leave_id}", PRIVATE),
    ("PUT", "/api/v1/kepegawaian/leave/{leave_id}", PRIVATE),
    ("POST", "/api/v1/kepegawaian/leave/{leave_id}/consider", PRIVATE),
    ("POST", "/api/v1/kepegawaian/leave/{leave_id}/decide", PRIVATE),
    ("POST", "/api/v1/kepegawaian/leave/{leave_id}/cancel", PRIVATE),
    ("GET", "/api/v1/kepegawaian/leave/{leave_id}/attachment", PRIVATE),
    ("GET", "/api/v1/kepegawaian/leave/{leave_id}/form", PRIVATE),
    ("GET", "/api/v1/kepegawaian/reports/leave-recap", PRIVATE),
    ("GET", "/api/v1/kepegawaian/reports/leave-recap/export", PRIVATE),
    ("GET", "/api/v1/kepegawaian/career/me", PRIVATE),
    ("GET", "/api/v1/kepegawaian/career/employees/{employee_id}", PRIVATE),
    ("GET", "/api/v1/kepegawaian/career/rules", PRIVATE),
    ("GET", "/api/v1/kepegawaian/career/due", PRIVATE),
    ("GET", "/api/v1/kepegawaian/career/reminders", PRIVATE),
    ("POST", "/api/v1/kepegawaian/career/reminders/{reminder_id}/read", PRIVATE),
    ("GET", "/api/v1/kepegawaian/career/exports/duk", PRIVATE),
    ("GET", "/api/v1/kepegawaian/career/exports/nominative", PRIVATE),
    ("GET", "/api/v1/kepegawaian/career/exports/due", PRIVATE),
    ("GET", "/api/v1/kepegawaian/document-types", PRIVATE),
    ("PATCH", "/api/v1/kepegawaian/document-types/{code}", PRIVATE),
    ("GET", "/api/v1/kepegawaian/documents/mine", PRIVATE),
    ("GET", "/api/v1/kepegawaian/documents", PRIVATE),
    ("POST", "/api/v1/kepegawaian/documents", PRIVATE),
    ("GET", "/api/v1/kepegawaian/documents/expiring", PRIVATE),
    ("GET", "/api/v1/kepegawaian/documents/{document_id}", PRIVATE),
    ("PATCH", "/api/v1/kepegawaian/documents/{document_id}", PRIVATE),
    ("DELETE", "/api/v1/kepegawaian/documents/{document_id}", PRIVATE),
    ("POST", "/api/v1/kepegawaian/documents/{document_id}/verify", PRIVATE),
    ("POST", "/api/v1/kepegawaian/documents/{document_id}/reject", PRIVATE),
    ("GET", "/api/v1/kepegawaian/documents/{document_id}/file", PRIVATE),
    ("GET", "/api/v1/kepegawaian/employees/{employee_id}/document-completeness", PRIVATE),
    ("GET", "/api/v1/kepegawaian/units/{unit_id}/document-completeness", PRIVATE),
    ("GET", "/api/v1/kepegawaian/skp/reference", PRIVATE),
    ("GET", "/api/v1/kepegawaian/skp/me", PRIVATE),
    ("GET", "/api/v1/kepegawaian/skp", PRIVATE),
    ("POST", "/api/v1/kepegawaian/skp", PRIVATE),
    ("GET", "/api/v1/kepegawaian/skp/inbox", PRIVATE),
    ("GET", "/api/v1/kepegawaian/skp/summary", PRIVATE),
    ("GET", "/api/v1/kepegawaian/skp/{skp_id}", PRIVATE),
    ("PUT", "/api/v1/kepegawaian/skp/{skp_id}", PRIVATE),
    ("PUT", "/api/v1/kepegawaian/skp/{skp_id}/expectations", PRIVATE),
    ("POST", "/api/v1/kepegawaian/skp/{skp_id}/submit", PRIVATE),
    ("POST", "/api/v1/kepegawaian/skp/{skp_id}/approve", PRIVATE),
    ("POST", "/api/v1/kepegawaian/skp/{skp_id}/return", PRIVATE),
    ("POST", "/api/v1/kepegawaian/skp/{skp_id}/progress", PRIVATE),
    ("POST", "/api/v1/kepegawaian/skp/{skp_id}/feedback", PRIVATE),
    ("POST", "/api/v1/kepegawaian/skp/{skp_id}/assessment", PRIVATE),
    ("GET", "/api/v1/kepegawaian/skp/progress/{progress_id}/evidence", PRIVATE),
    ("GET", "/api/v1/public/booking/resources", PUBLIC),
    ("POST", "/api/v1/public/booking/requests", PUBLIC),
    ("GET", "/api/v1/public/booking/requests/{code}", PUBLIC),
    ("GET", "/api/v1/public/booking/feeds/{token}/mine.ics", PUBLIC),
    ("GET", "/api/v1/public/booking/feeds/{token}/resources/{resource_id}.ics", PUBLIC),
    ("GET", "/api/v1/public/letters/{token}", PUBLIC),
    ("GET", "/api/v1/openapi.json", PUBLIC),
    ("GET", "/api/v1/docs", PUBLIC),
    ("GET", "/api/v1/docs/{asset}", PUBLIC),
    ("GET", "/health/live", PUBLIC),
    ("GET", "/health/ready", PUBLIC),
)
PRIVATE_ROWS = [(method, path) for method, path, public in ROWS if not public]


def concrete(path: str, values: dict = PATH_VALUES) -> str:
    for name, value in values.items():
        path = path.replace("{" + name + "}", value)
    return path


def test_every_route_has_a_row(stack):
    spec = requests.get(f"{stack.base_url}/api/v1/openapi.json", timeout=10).json()
    documented = {(method.upper(), path, operation.get("security") == [])
                  for path, operations in spec["paths"].items()
                  for method, operation in operations.items() if method in ("get", "post", "put", "patch", "delete")}
    assert documented - set(ROWS) == set(), "routes without a row in the role matrix"
    assert set(ROWS) - documented == set(), "rows for routes the OpenAPI no longer has"


def _forged_tokens(real: str) -> dict[str, str]:
    """Tokens an attacker can make: another key, a tampered payload, an unsigned one, a refresh-typed one."""
    claims = jwt.decode(real, options={"verify_signature": False})
    elevated = {**claims, "roles": ["admin"], "exp": int(time.time()) + 600}
    head, _payload, signature = real.split(".")
    tampered_payload = base64.urlsafe_b64encode(json.dumps(elevated).encode()).rstrip(b"=").decode()
    return {
        "another key": jwt.encode(elevated, "attacker-secret-" + "x" * 32, algorithm="HS256"),
        "tampered payload": f"{head}.{tampered_payload}.{signature}",
        "alg none": jwt.encode(elevated, None, algorithm="none"),
        "not a token": "situok",
    }


@pytest.fixture(scope="module")
def forged(admin) -> dict[str, str]:
    return _forged_tokens(admin.token)


@pytest.mark.parametrize("method, path", PRIVATE_ROWS)
def test_no_token_is_401(api, method, path):
    response = api.request(method, concrete(path.removeprefix("/api/v1")), token="")
    assert response.status_code == 401, (method, path, response.status_code, response.text[:200])


@pytest.mark.parametrize("method, path", PRIVATE_ROWS)
def test_a_forged_token_is_401(api, forged, method, path):
    for how, token in forged.items():
        response = api.request(method, concrete(path.removeprefix("/api/v1")), token=token)
        assert response.status_code == 401, (how, method, path, response.status_code, response.text[:200])


# -- the per-role cells -----------------------------------------------------------------------------------

ROLES = ("admin", "pimpinan", "kabag", "kasubbag", "pegawai", "bendahara", "pengurus_barang", "operator", "honorer",
         "pptk", "ppk")
#: agenda's own people, asked about agenda's rows only: protocol staff (the Analis Keprotokolan) and the Kepala
#: Bagian Protokol dan Komunikasi Pimpinan — agenda knows them by their unit, not by a role of their own.
AGENDA_ROLES = ROLES + ("protokol", "kabag_protokol")
#: kepegawaian's own person, asked about kepegawaian's rows only: the staff officer (the Analis SDM Aparatur of
#: Subbagian Kepegawaian) — kepegawaian knows the staff officers by their unit, not by a role of their own.
KEPEGAWAIAN_ROLES = ROLES + ("kepegawaian",)
#: ``pptk`` and ``ppk`` (finance's PPTK and PPK-SKPD) also head a subbagian, neither pegawai's nor honorer's.
HEADS = ("pimpinan", "kabag", "kasubbag", "pptk", "ppk")
#: pegawai's chain: who may see pegawai's records (their own, their heads, admin).
PEGAWAI_CHAIN = ("admin", "pimpinan", "kabag", "kasubbag", "pegawai")


def cells(default: int, **by_role: int) -> dict[str, int]:
    unknown = set(by_role) - set(ROLES)
    assert not unknown, unknown
    return {role: by_role.get(role, default) for role in ROLES}


def agenda_cells(default: int, **by_role: int) -> dict[str, int]:
    """``cells`` of an agenda row: ``AGENDA_ROLES`` (agenda's own people too)."""
    unknown = set(by_role) - set(AGENDA_ROLES)
    assert not unknown, unknown
    return {role: by_role.get(role, default) for role in AGENDA_ROLES}


def kep_cells(default: int, **by_role: int) -> dict[str, int]:
    """``cells`` of a kepegawaian row: ``KEPEGAWAIAN_ROLES`` (the staff officer too)."""
    unknown = set(by_role) - set(KEPEGAWAIAN_ROLES)
    assert not unknown, unknown
    return {role: by_role.get(role, default) for role in KEPEGAWAIAN_ROLES}


def kep_only(status: int, roles, otherwise: int) -> dict[str, int]:
    return kep_cells(otherwise, **{role: status for role in roles})


#: Who reads pegawai's kepegawaian records: their chain of supervisors, the staff officer, admin.
PEGAWAI_READERS_ROLES = PEGAWAI_CHAIN + ("kepegawaian",)
PEGAWAI_READERS = kep_only(200, PEGAWAI_READERS_ROLES, 403)
#: The leave recap: the staff officer and the official see every unit, a supervisor their own staff (pptk heads a
#: subbagian with staff; ppk's has none).
RECAP_READERS = kep_only(200, ("admin", "pimpinan", "kabag", "kasubbag", "pptk", "kepegawaian"), 403)
#: The due lists and the exports: the staff officer, the official (pimpinan) and admin.
KEP_EXPORTERS = kep_only(200, ("admin", "pimpinan", "kepegawaian"), 403)
#: A record that does not exist, looked for by the staff officer and admin (everyone else refused first).
KEP_STAFF_404 = kep_only(404, ("admin", "kepegawaian"), 403)


#: Agenda's staff columns (protocol staff and admin) answering one status.
AGENDA_STAFF = ("admin", "protokol", "kabag_protokol")
AGENDA_STAFF_200, AGENDA_STAFF_404, AGENDA_STAFF_409, AGENDA_STAFF_422 = (
    {role: status for role in AGENDA_STAFF} for status in (200, 404, 409, 422))


def only(status: int, roles, otherwise: int) -> dict[str, int]:
    return cells(otherwise, **{role: status for role in roles})


#: Who uses finance at all (its roles; everyone else is refused with 403 before any lookup).
FINANCE = ("admin", "pimpinan", "bendahara", "pptk", "ppk")
#: Who reads the books (BKU, subsidiary books, reports) and sees every SPJ: not the PPTK.
BOOK_READERS = SEES_ALL_SPJ = ("admin", "pimpinan", "bendahara", "ppk")
#: assets: who keeps the register and the store; who reads its reports (the Kepala Biro and heads of bagian).
ASSET_KEEPERS = ("admin", "pengurus_barang")
ASSET_REPORTERS = ("admin", "pengurus_barang", "pimpinan", "kabag")
ADMIN_ONLY_READ = cells(403, admin=200)
ADMIN_ONLY_WRITE = cells(403, admin=422)

#: "METHOD path": (cells, body or query[, path values of its own]), in ROWS order. Public routes and
#: logout/password (they end the caller's own session) are covered elsewhere.
MATRIX = {
    "GET /api/v1/me": (cells(200), None),
    "GET /api/v1/personnel/capabilities": (cells(200), None),
    "GET /api/v1/employees": (cells(200), None),
    "POST /api/v1/employees": (ADMIN_ONLY_WRITE, {}),
    "GET /api/v1/employees/{employee_id}": (only(200, PEGAWAI_CHAIN, 404), None),
    "PATCH /api/v1/employees/{employee_id}": (cells(403, admin=200), {}),
    # An employee that does not exist: deactivating pegawai would end their session for the rows below.
    "POST /api/v1/employees/{employee_id}/deactivate": (cells(403, admin=404), {"reason": "uji"},
                                                         {"employee_id": "999999"}),
    "GET /api/v1/employees/{employee_id}/history": (only(200, PEGAWAI_CHAIN, 403), None),
    "POST /api/v1/employees/{employee_id}/career-changes": (cells(403, admin=422), {}),
    "POST /api/v1/employees/{employee_id}/status": (cells(403, admin=422), {}),
    "POST /api/v1/employees/{employee_id}/restore": (cells(403, admin=409), {"reason": "uji"}),
    "GET /api/v1/org-units": (cells(200), None),
    "POST /api/v1/org-units": (ADMIN_ONLY_WRITE, {}),
    "GET /api/v1/org-units/{unit_id}": (cells(200), None),
    "PATCH /api/v1/org-units/{unit_id}": (cells(403, admin=200), {}),
    "GET /api/v1/positions": (cells(200), None),
    "POST /api/v1/positions": (ADMIN_ONLY_WRITE, {}),
    "GET /api/v1/accounts": (ADMIN_ONLY_READ, None),
    "POST /api/v1/accounts": (ADMIN_ONLY_WRITE, {}),
    "GET /api/v1/accounts/{account_id}": (ADMIN_ONLY_READ, None),
    "PATCH /api/v1/accounts/{account_id}": (ADMIN_ONLY_WRITE, {}),
    "POST /api/v1/accounts/{account_id}/unlock": (ADMIN_ONLY_READ, {}),
    "POST /api/v1/attendance/check-in": (cells(422), {}),
    "POST /api/v1/attendance/check-out": (cells(422), {}),
    "GET /api/v1/attendance/me": (cells(200), None),
    "GET /api/v1/attendance/capabilities": (cells(200), None),
    "GET /api/v1/attendance/me/today": (cells(200, admin=404), None),
    "GET /api/v1/attendance/days": (cells(200, admin=404), {"month": "MONTH"}),  # admin has no days of their own
    "GET /api/v1/attendance/recap": (only(200, ("admin", *HEADS), 403), {"month": "MONTH"}),
    "GET /api/v1/attendance/recap/export": (only(200, ("admin", *HEADS), 403), {"month": "MONTH", "format": "xlsx"}),
    "GET /api/v1/attendance/today": (only(200, ("admin", *HEADS), 403), None),
    "GET /api/v1/attendance/reviews": (only(200, ("admin", *HEADS), 403), None),
    # A record that does not exist: who may review at all looks for it (404), everyone else is refused first.
    "POST /api/v1/attendance/records/{record_id}/reviewed": (only(404, HEADS, 403), {"side": "check_in"},
                                                            {"record_id": "999999"}),
    "GET /api/v1/attendance/requests": (cells(200), None),
    "POST /api/v1/attendance/requests": (cells(422), {}),
    "GET /api/v1/attendance/requests/{request_id}": (only(200, ("admin", "pimpinan", "honorer"), 404), None),
    "GET /api/v1/attendance/requests/{request_id}/attachment": (only(200, ("admin", "pimpinan", "honorer"), 404),
                                                                 None),
    "POST /api/v1/attendance/requests/{request_id}/approve": (cells(404, admin=403, pimpinan=409, honorer=403), {}),
    "POST /api/v1/attendance/requests/{request_id}/reject": (cells(404, admin=403, pimpinan=409, honorer=403),
                                                             {"reason": "uji"}),
    "POST /api/v1/attendance/requests/{request_id}/cancel": (cells(404, admin=403, pimpinan=403, honorer=409), {}),
    "GET /api/v1/attendance/corrections": (cells(200), None),
    "POST /api/v1/attendance/corrections": (cells(422), {}),
    "GET /api/v1/attendance/corrections/{correction_id}": (cells(404), None),
    "POST /api/v1/attendance/corrections/{correction_id}/approve": (cells(404), {}),
    "POST /api/v1/attendance/corrections/{correction_id}/reject": (cells(404), {"reason": "uji"}),
    "POST /api/v1/attendance/corrections/{correction_id}/cancel": (cells(404), {}),
    "GET /api/v1/attendance/setup": (cells(200), None),
    "POST /api/v1/attendance/locations": (ADMIN_ONLY_WRITE, {}),
    "PATCH /api/v1/attendance/locations/{location_id}": (cells(403, admin=200), {}),
    "PUT /api/v1/attendance/schedules": (ADMIN_ONLY_WRITE, {}),
    "POST /api/v1/attendance/periods": (ADMIN_ONLY_WRITE, {}),
    "PUT /api/v1/attendance/periods/{period_id}": (ADMIN_ONLY_WRITE, {}),
    "DELETE /api/v1/attendance/periods/{period_id}": (cells(403, admin=404), None),
    "GET /api/v1/attendance/holidays": (cells(200), None),
    "POST /api/v1/attendance/holidays": (ADMIN_ONLY_WRITE, {}),
    "DELETE /api/v1/attendance/holidays/{day}": (cells(403, admin=404), None),
    "POST /api/v1/attendance/holidays/import": (cells(422), {}),
    "PUT /api/v1/attendance/weights": (ADMIN_ONLY_WRITE, {}),
    "PATCH /api/v1/attendance/settings": (cells(403, admin=200), {}),
    "GET /api/v1/attendance/roster": (cells(200), None),
    "POST /api/v1/attendance/roster/sync": (cells(403, admin=200), {}),
    "GET /api/v1/travel/orders": (cells(200), None),
    "POST /api/v1/travel/orders": (cells(422), {}),
    "GET /api/v1/travel/orders/{order_id}": (only(200, PEGAWAI_CHAIN, 404), None),
    "PATCH /api/v1/travel/orders/{order_id}": (cells(404, admin=409, pimpinan=403, kabag=403, kasubbag=403,
                                                      pegawai=409), {}),
    "POST /api/v1/travel/estimate": (cells(422), {}),
    "POST /api/v1/travel/orders/{order_id}/submit": (cells(404, admin=409, pimpinan=403, kabag=403, kasubbag=403,
                                                          pegawai=409), {}),
    "POST /api/v1/travel/orders/{order_id}/approve": (cells(404, admin=403, pimpinan=409, kabag=409, kasubbag=403,
                                                           pegawai=403), {}),
    "POST /api/v1/travel/orders/{order_id}/reject": (cells(404, admin=403, pimpinan=409, kabag=409, kasubbag=403,
                                                          pegawai=403), {"reason": "uji"}),
    "POST /api/v1/travel/orders/{order_id}/issue": (cells(404, admin=409, pimpinan=409, kabag=409, kasubbag=403,
                                                         pegawai=403), {}),
    "POST /api/v1/travel/orders/{order_id}/cancel": (cells(404, admin=409, pimpinan=409, kabag=409, kasubbag=403,
                                                          pegawai=409), {"reason": "uji"}),
    "POST /api/v1/travel/orders/{order_id}/legs": (cells(422), {}),
    "POST /api/v1/travel/orders/{order_id}/report": (cells(422), {}),
    "POST /api/v1/travel/orders/{order_id}/complete": (cells(404, admin=409, pimpinan=403, kabag=403, kasubbag=403,
                                                            pegawai=409), {}),
    "POST /api/v1/travel/orders/{order_id}/realize": (cells(422), {}),
    "GET /api/v1/travel/orders/{order_id}/documents/{kind}": (only(200, PEGAWAI_CHAIN, 404), None),
    "GET /api/v1/travel/attachments/{attachment_id}": (cells(404), None),
    "GET /api/v1/travel/rates": (cells(200), None),
    "GET /api/v1/travel/rates/{fiscal_year}": (cells(200), None),
    "POST /api/v1/travel/rates/{fiscal_year}": (cells(422), {}),
    "GET /api/v1/travel/capabilities": (cells(200), None),
    "GET /api/v1/travel/rules": (cells(200), None),
    "PUT /api/v1/travel/rules": (ADMIN_ONLY_WRITE, {}),
    "GET /api/v1/travel/roster": (cells(200), None),
    "POST /api/v1/travel/roster/sync": (cells(403, admin=200), {}),
    # -- finance (``finance_records``): ``{spj_id}`` is an SPJ pptk drafted on their own budget line and cancelled
    # (finance's roles see it, nobody else); nothing is archived; a month is December, not over yet.
    "GET /api/v1/finance/spj": (only(200, FINANCE, 403), None),
    "POST /api/v1/finance/spj": (cells(422), {}),
    "POST /api/v1/finance/spj/preview": (only(200, FINANCE, 403), {}),
    "GET /api/v1/finance/spj/{spj_id}": (only(200, FINANCE, 404), None),
    "PUT /api/v1/finance/spj/{spj_id}": (cells(404, admin=403, pimpinan=403, bendahara=403, ppk=403, pptk=409),
                                         {"budget_line_id": "{line_id}", "title": "Matriks peran"}),
    "POST /api/v1/finance/spj/{spj_id}/submit": (cells(404, admin=403, pimpinan=403, bendahara=403, ppk=403,
                                                      pptk=409), {}),
    "POST /api/v1/finance/spj/{spj_id}/return": (cells(404, admin=403, pimpinan=403, bendahara=409, ppk=403,
                                                      pptk=403), {"notes": {"1": "uji"}}),
    "POST /api/v1/finance/spj/{spj_id}/verify": (cells(404, admin=403, pimpinan=403, bendahara=409, ppk=403,
                                                      pptk=403), {}),
    "POST /api/v1/finance/spj/{spj_id}/approve": (cells(404, admin=403, pimpinan=409, bendahara=403, ppk=409,
                                                       pptk=403), {}),
    "POST /api/v1/finance/spj/{spj_id}/endorse": (cells(404, admin=403, pimpinan=403, bendahara=403, ppk=409,
                                                       pptk=403), {}),
    "POST /api/v1/finance/spj/{spj_id}/reject": (cells(404, admin=403, pimpinan=409, bendahara=409, ppk=409,
                                                      pptk=403), {"reason": "uji"}),
    "POST /api/v1/finance/spj/{spj_id}/revise": (cells(404, admin=403, pimpinan=403, bendahara=403, ppk=403,
                                                      pptk=409), {}),
    "POST /api/v1/finance/spj/{spj_id}/cancel": (cells(404, admin=403, pimpinan=409, bendahara=409, ppk=409,
                                                      pptk=409), {"reason": "uji"}),
    "POST /api/v1/finance/spj/{spj_id}/pay": (cells(404, admin=403, pimpinan=403, bendahara=409, ppk=403,
                                                   pptk=403), {"medium": "cash", "paid_on": "2030-01-02"}),
    "GET /api/v1/finance/spj/{spj_id}/document": (only(200, FINANCE, 404), None),
    # a purchase SPJ has no travel printout
    "GET /api/v1/finance/spj/{spj_id}/travel-document": (only(404, FINANCE, 403), {"kind": "rincian"}),
    "GET /api/v1/finance/travel-spj/inbox": (only(200, SEES_ALL_SPJ, 403), None),
    "POST /api/v1/finance/travel-spj/inbox/retry": (only(200, ("admin", "bendahara"), 403), {}),
    "POST /api/v1/finance/taxes/{tax_id}/deposit": (cells(404), {
        "billing_code": "123456789012345", "ntpn": "0A1B2C3D4E5F6G7H", "deposited_on": "2030-01-03"}),
    "GET /api/v1/finance/settings": (only(200, FINANCE, 403), None),
    "PATCH /api/v1/finance/settings": (cells(403, admin=200), {}),
    "GET /api/v1/finance/tax-rates": (only(200, FINANCE, 403), None),
    "POST /api/v1/finance/tax-rates": (cells(422), {}),
    "GET /api/v1/finance/evidence-tiers": (only(200, FINANCE, 403), None),
    "PUT /api/v1/finance/evidence-tiers": (ADMIN_ONLY_WRITE, {}),
    "POST /api/v1/finance/cash": (only(422, ("bendahara",), 403), {}),
    "GET /api/v1/finance/books/{fiscal_year}/bku": (only(200, BOOK_READERS, 403), None),
    "GET /api/v1/finance/books/{fiscal_year}/{book}": (only(200, BOOK_READERS, 403), None),
    "GET /api/v1/finance/books/{fiscal_year}/months": (only(200, BOOK_READERS, 403), None),
    "POST /api/v1/finance/books/{fiscal_year}/months/{month}/close": (only(422, ("bendahara",), 403), {}),
    "GET /api/v1/finance/books/{fiscal_year}/months/{month}/report": (only(200, BOOK_READERS, 403), None),
    "GET /api/v1/finance/books/{fiscal_year}/export": (only(200, BOOK_READERS, 403), {"kind": "bku"}),
    "GET /api/v1/finance/budget/{fiscal_year}": (only(200, FINANCE, 403), None),
    "POST /api/v1/finance/budget/{fiscal_year}": (cells(422), {}),
    "GET /api/v1/finance/budget/{fiscal_year}/versions": (only(200, FINANCE, 403), None),
    "GET /api/v1/finance/budget-lines": (only(200, FINANCE, 403), None),
    "GET /api/v1/finance/budget-lines/{line_id}": (only(200, FINANCE, 403), None),
    "GET /api/v1/finance/archive": (only(200, FINANCE, 403), None),
    "POST /api/v1/finance/archive": (only(422, ("admin", "bendahara", "pptk"), 403), {}),
    "POST /api/v1/finance/archive/links": (only(422, ("admin", "bendahara", "pptk"), 403), {}),
    "GET /api/v1/finance/archive/{document_id}": (only(404, FINANCE, 403), None),
    "GET /api/v1/finance/archive/{document_id}/file": (only(404, FINANCE, 403), None),
    "GET /api/v1/finance/archive/classifications": (only(200, FINANCE, 403), None),
    "POST /api/v1/finance/archive/classifications": (cells(422), {}),
    "POST /api/v1/finance/archive/check": (only(200, ("admin", "bendahara"), 403), {}),
    "GET /api/v1/finance/capabilities": (cells(200), None),
    "GET /api/v1/finance/roster": (cells(200), None),
    "POST /api/v1/finance/roster/sync": (cells(403, admin=200), {}),
    # -- assets (``assets_records``): the keeper's own room and laptop, handed over to pegawai; a maintenance
    # record, a campaign, a disposal proposal and pegawai's supply request, each cancelled. Bodies the gateway
    # validates against the contract (JSON objects with required fields) are 422 for everyone before any rule.
    "GET /api/v1/assets/capabilities": (cells(200), None),
    "GET /api/v1/assets/codes": (cells(200), None),
    "POST /api/v1/assets/codes": (cells(422), {}),
    "GET /api/v1/assets/useful-lives": (cells(200), None),
    "POST /api/v1/assets/useful-lives": (cells(403, admin=422), {}),
    "GET /api/v1/assets/buildings": (cells(200), None),
    "POST /api/v1/assets/buildings": (only(422, ASSET_KEEPERS, 403), {}),
    "PATCH /api/v1/assets/buildings/{building_id}": (only(200, ASSET_KEEPERS, 403), {}),
    "POST /api/v1/assets/floors": (only(422, ASSET_KEEPERS, 403), {}),
    "PATCH /api/v1/assets/floors/{floor_id}": (only(200, ASSET_KEEPERS, 403), {}),
    "GET /api/v1/assets/rooms": (cells(200), None),
    "POST /api/v1/assets/rooms": (only(422, ASSET_KEEPERS, 403), {}),
    "GET /api/v1/assets/rooms/{room_id}": (cells(200), None),
    "PATCH /api/v1/assets/rooms/{room_id}": (only(200, ASSET_KEEPERS, 403), {}),
    "GET /api/v1/assets/items": (cells(200), None),
    "POST /api/v1/assets/items": (only(422, ASSET_KEEPERS, 403), {}),
    "GET /api/v1/assets/items/mine": (cells(200), None),
    "GET /api/v1/assets/items/{asset_id}": (cells(200), None),
    "PATCH /api/v1/assets/items/{asset_id}": (only(200, ASSET_KEEPERS, 403), {}),
    "POST /api/v1/assets/items/{asset_id}/files": (only(422, ASSET_KEEPERS, 403), {}),
    "GET /api/v1/assets/files/{file_id}": (cells(404), None),
    "POST /api/v1/assets/imports": (cells(422), {}),
    "GET /api/v1/assets/imports/template": (only(200, ASSET_KEEPERS, 403), None),
    "POST /api/v1/assets/labels": (only(422, ASSET_KEEPERS, 403), {}),
    "GET /api/v1/assets/rooms/{room_id}/inventory": (cells(200), None),
    "GET /api/v1/assets/rooms/{room_id}/inventory/document": (cells(200), {"format": "pdf"}),
    "GET /api/v1/assets/kib/{kib}/export": (only(200, ASSET_REPORTERS, 403), {"format": "xlsx"}),
    "GET /api/v1/assets/items/{asset_id}/depreciation": (only(200, ASSET_REPORTERS, 403), None),
    "GET /api/v1/assets/depreciation": (only(200, ASSET_REPORTERS, 403), {"year": "2026"}),
    "GET /api/v1/assets/depreciation/export": (only(200, ASSET_REPORTERS, 403), {"year": "2026", "format": "xlsx"}),
    "GET /api/v1/assets/handovers": (cells(200), None),
    "POST /api/v1/assets/handovers": (only(422, ASSET_KEEPERS, 403), {}),
    "GET /api/v1/assets/handovers/options": (only(200, ASSET_KEEPERS, 403), None),
    "GET /api/v1/assets/handovers/candidates": (only(200, ASSET_KEEPERS, 403), None),
    "GET /api/v1/assets/handovers/{handover_id}": (cells(404, admin=200, pegawai=200, pengurus_barang=200), None),
    "GET /api/v1/assets/handovers/{handover_id}/document": (
        cells(404, admin=200, pegawai=200, pengurus_barang=200), None),
    "GET /api/v1/assets/maintenance/due": (only(200, ASSET_REPORTERS, 403), None),
    "GET /api/v1/assets/maintenance/costs/{year}": (only(200, ASSET_REPORTERS, 403), None),
    "GET /api/v1/assets/maintenance/plans": (only(200, ASSET_REPORTERS, 403), None),
    "POST /api/v1/assets/maintenance/plans": (only(422, ASSET_KEEPERS, 403), {}),
    "PATCH /api/v1/assets/maintenance/plans/{plan_id}": (only(200, ASSET_KEEPERS, 403), {}),
    "GET /api/v1/assets/maintenance/records": (only(200, ASSET_REPORTERS, 403), None),
    "POST /api/v1/assets/maintenance/records": (only(422, ASSET_KEEPERS, 403), {}),
    "GET /api/v1/assets/maintenance/records/{record_id}": (only(200, ASSET_REPORTERS, 403), None),
    "POST /api/v1/assets/maintenance/records/{record_id}/start": (only(409, ASSET_KEEPERS, 403), {}),
    "POST /api/v1/assets/maintenance/records/{record_id}/finish": (only(409, ASSET_KEEPERS, 403), {}),
    "POST /api/v1/assets/maintenance/records/{record_id}/cancel": (cells(422), {}),
    "GET /api/v1/assets/campaigns": (cells(200), None),
    "POST /api/v1/assets/campaigns": (cells(422), {}),
    "GET /api/v1/assets/campaigns/choices": (only(200, ASSET_KEEPERS, 403), None),
    "GET /api/v1/assets/campaigns/{campaign_id}": (only(200, ASSET_REPORTERS, 404), None),
    "GET /api/v1/assets/campaigns/{campaign_id}/rooms/{room_id}": (only(200, ASSET_REPORTERS, 404), None),
    "POST /api/v1/assets/campaigns/{campaign_id}/rooms/{room_id}/checks": (cells(422), {}),
    "POST /api/v1/assets/campaigns/{campaign_id}/rooms/{room_id}/findings": (cells(422), {}),
    "DELETE /api/v1/assets/campaigns/{campaign_id}/rooms/{room_id}/findings/{finding_id}": (
        cells(404, admin=409, pimpinan=403, kabag=403, pengurus_barang=409), {}),
    "POST /api/v1/assets/campaigns/{campaign_id}/rooms/{room_id}/finish": (
        cells(404, admin=409, pimpinan=403, kabag=403, pengurus_barang=409), {}),
    "POST /api/v1/assets/campaigns/{campaign_id}/rooms/{room_id}/reopen": (
        cells(404, admin=409, pimpinan=403, kabag=403, pengurus_barang=409), {}),
    "POST /api/v1/assets/campaigns/{campaign_id}/close": (
        cells(404, admin=409, pimpinan=403, kabag=403, pengurus_barang=409), {}),
    "POST /api/v1/assets/campaigns/{campaign_id}/cancel": (cells(422), {}),
    "GET /api/v1/assets/campaigns/{campaign_id}/result": (only(200, ASSET_REPORTERS, 404), None),
    "GET /api/v1/assets/campaigns/{campaign_id}/document": (only(200, ASSET_REPORTERS, 404), None),
    "POST /api/v1/assets/campaigns/{campaign_id}/apply": (
        cells(404, admin=409, pimpinan=403, kabag=403, pengurus_barang=409), {}),
    "GET /api/v1/assets/disposals": (only(200, ASSET_REPORTERS, 403), None),
    "POST /api/v1/assets/disposals": (cells(422), {}),
    "GET /api/v1/assets/disposals/suggestions": (only(200, ASSET_REPORTERS, 403), None),
    "GET /api/v1/assets/disposals/report": (only(200, ASSET_REPORTERS, 403), {"year": "2026"}),
    "GET /api/v1/assets/disposals/report/export": (only(200, ASSET_REPORTERS, 403), {"year": "2026", "format": "xlsx"}),
    "GET /api/v1/assets/disposals/{proposal_id}": (only(200, ASSET_REPORTERS, 403), None),
    "PUT /api/v1/assets/disposals/{proposal_id}": (cells(422), {}),
    "POST /api/v1/assets/disposals/{proposal_id}/submit": (only(409, ASSET_KEEPERS, 403), {}),
    "POST /api/v1/assets/disposals/{proposal_id}/approve": (cells(403, pimpinan=409), {}),
    "POST /api/v1/assets/disposals/{proposal_id}/reject": (cells(422), {}),
    "POST /api/v1/assets/disposals/{proposal_id}/decide": (cells(422), {}),
    "POST /api/v1/assets/disposals/{proposal_id}/complete": (only(409, ASSET_KEEPERS, 403), {}),
    "POST /api/v1/assets/disposals/{proposal_id}/cancel": (cells(422), {}),
    "GET /api/v1/assets/disposals/{proposal_id}/documents/{kind}": (only(200, ASSET_REPORTERS, 403), None),
    "GET /api/v1/assets/supplies": (cells(200), None),
    "POST /api/v1/assets/supplies": (only(422, ASSET_KEEPERS, 403), {}),
    "GET /api/v1/assets/supplies/low-stock": (only(200, ASSET_KEEPERS, 403), None),
    "GET /api/v1/assets/supplies/{item_id}": (cells(200), None),
    "PATCH /api/v1/assets/supplies/{item_id}": (only(200, ASSET_KEEPERS, 403), {}),
    "GET /api/v1/assets/supplies/{item_id}/stock-card": (only(200, ASSET_REPORTERS, 403), None),
    "GET /api/v1/assets/supplies/{item_id}/stock-card/export": (only(200, ASSET_REPORTERS, 403), {"format": "xlsx"}),
    "GET /api/v1/assets/supply-receipts": (only(200, ASSET_KEEPERS, 403), None),
    "POST /api/v1/assets/supply-receipts": (only(422, ASSET_KEEPERS, 403), {}),
    "GET /api/v1/assets/supply-receipts/{receipt_id}": (only(404, ASSET_KEEPERS, 403), None),
    "GET /api/v1/assets/supply-requests": (cells(200), None),
    "POST /api/v1/assets/supply-requests": (cells(422), {}),
    "GET /api/v1/assets/supply-requests/{request_id}": (
        cells(200, bendahara=404, operator=404, honorer=404, pptk=404, ppk=404), None),
    "POST /api/v1/assets/supply-requests/{request_id}/approve": (
        cells(404, admin=403, pimpinan=409, kabag=409, kasubbag=409, pegawai=403, pengurus_barang=403), {}),
    "POST /api/v1/assets/supply-requests/{request_id}/reject": (cells(422), {}),
    "POST /api/v1/assets/supply-requests/{request_id}/cancel": (
        cells(403, pegawai=409, bendahara=404, operator=404, honorer=404, pptk=404, ppk=404), {}),
    "POST /api/v1/assets/supply-requests/{request_id}/issue": (
        cells(404, admin=409, pimpinan=403, kabag=403, kasubbag=403, pegawai=403, pengurus_barang=409), {}),
    "GET /api/v1/assets/supply-counts": (only(200, ASSET_KEEPERS, 403), None),
    "POST /api/v1/assets/supply-counts": (only(422, ASSET_KEEPERS, 403), {}),
    "GET /api/v1/assets/supply-counts/{count_id}": (only(404, ASSET_KEEPERS, 403), None),
    "PUT /api/v1/assets/supply-counts/{count_id}": (only(422, ASSET_KEEPERS, 403), {}),
    "POST /api/v1/assets/supply-counts/{count_id}/apply": (only(404, ASSET_KEEPERS, 403), {}),
    "GET /api/v1/assets/supply-reports/{year}/{semester}": (only(200, ASSET_REPORTERS, 403), None),
    "GET /api/v1/assets/supply-reports/{year}/{semester}/export": (only(200, ASSET_REPORTERS, 403), {"format": "xlsx"}),
    "GET /api/v1/assets/settings": (cells(200), None),
    "PATCH /api/v1/assets/settings": (cells(403, admin=200), {}),
    "GET /api/v1/assets/roster": (cells(200), None),
    "POST /api/v1/assets/roster/sync": (cells(403, admin=200), {}),
    # -- booking (``booking_records``): a room the keeper entered (approved by the settings' role, kepala_bagian:
    # ``kabag``), a blackout on it (deleted by the first role that may, so the rest find nothing), pegawai's
    # booking and weekly series of it, both cancelled. Admin has no employee record: it requests nothing.
    "GET /api/v1/booking/capabilities": (cells(200), None),
    "GET /api/v1/booking/settings": (cells(200), None),
    "PATCH /api/v1/booking/settings": (cells(403, admin=200), {}),
    "GET /api/v1/booking/roster": (cells(200), None),
    "POST /api/v1/booking/roster/sync": (cells(403, admin=200), {}),
    "GET /api/v1/booking/availability": (cells(200), {"kind": "room", "starts_at": "2031-03-04T09:00:00+08:00",
                                                      "ends_at": "2031-03-04T10:00:00+08:00"}),
    "GET /api/v1/booking/resources": (cells(200), None),
    "POST /api/v1/booking/resources": (cells(403, admin=422, pengurus_barang=422), {}),
    "POST /api/v1/booking/resources/sync": (cells(403, admin=200), {}),
    "GET /api/v1/booking/resources/{resource_id}": (cells(200), None),
    "PATCH /api/v1/booking/resources/{resource_id}": (cells(403, admin=200, pengurus_barang=200), {}),
    "GET /api/v1/booking/resources/{resource_id}/calendar": (cells(200), None),
    "GET /api/v1/booking/calendar": (cells(200), None),
    "GET /api/v1/booking/resources/{resource_id}/blocks": (cells(200), None),
    "POST /api/v1/booking/resources/{resource_id}/blocks": (cells(422), {}),
    "DELETE /api/v1/booking/blocks/{block_id}": (cells(404, admin=200), None),
    "POST /api/v1/booking/bookings": (cells(422), {}),
    "GET /api/v1/booking/bookings/mine": (cells(200, admin=403), None),
    "GET /api/v1/booking/inbox": (cells(200), None),
    "GET /api/v1/booking/bookings": (cells(403, admin=200, kabag=200, pengurus_barang=200), None),
    "GET /api/v1/booking/bookings/{booking_id}": (cells(200), None),
    "POST /api/v1/booking/bookings/{booking_id}/approve": (cells(403, admin=409, kabag=409), {}),
    "POST /api/v1/booking/bookings/{booking_id}/reject": (cells(403, admin=409, kabag=409), {"note": "uji"}),
    "POST /api/v1/booking/bookings/{booking_id}/cancel": (cells(403, admin=409, kabag=409, pegawai=409),
                                                         {"reason": "uji"}),
    "POST /api/v1/booking/bookings/{booking_id}/reschedule": (cells(422), {}),
    "POST /api/v1/booking/series": (cells(422), {}),
    "GET /api/v1/booking/series/mine": (cells(200), None),
    "GET /api/v1/booking/series/{series_id}": (cells(404, admin=200, kabag=200, pegawai=200, pengurus_barang=200),
                                               None),
    "POST /api/v1/booking/series/{series_id}/decide": (
        cells(404, admin=409, kabag=409, pegawai=403, pengurus_barang=403), {"decision": "approve"}),
    "POST /api/v1/booking/series/{series_id}/cancel": (
        cells(404, admin=409, kabag=409, pegawai=409, pengurus_barang=403), {"reason": "uji"}),
    "POST /api/v1/booking/bookings/{booking_id}/move": (cells(422), {}),
    "POST /api/v1/booking/bookings/{booking_id}/cancel-occurrence": (cells(422), {"reason": "uji"}),
    "POST /api/v1/booking/bookings/{booking_id}/edit-following": (cells(422), {}),
    "GET /api/v1/booking/drivers": (cells(403, admin=200, kabag=200, pengurus_barang=200), None),
    "GET /api/v1/booking/drivers/candidates": (cells(403, admin=200, pengurus_barang=200), None),
    "POST /api/v1/booking/drivers": (cells(403, admin=422, pengurus_barang=422), {}),
    "PATCH /api/v1/booking/drivers/{employee_id}": (cells(403, admin=404, pengurus_barang=404), {}),
    "POST /api/v1/booking/drivers/{employee_id}/absences": (cells(403, admin=422, pengurus_barang=422), {}),
    "DELETE /api/v1/booking/driver-absences/{absence_id}": (cells(403, admin=404, pengurus_barang=404), None),
    "GET /api/v1/booking/drivers/schedule": (cells(403, admin=200, kabag=200, pengurus_barang=200),
                                             {"starts_on": "2031-03-03", "ends_on": "2031-03-09"}),
    "GET /api/v1/booking/bookings/{booking_id}/available-drivers": (
        cells(403, admin=409, kabag=409, pengurus_barang=409), None),
    "POST /api/v1/booking/bookings/{booking_id}/driver": (cells(422), {}),
    "GET /api/v1/booking/trips/mine": (cells(200, admin=403), None),
    "POST /api/v1/booking/trips/{trip_id}/check-out": (cells(422), {}),
    "POST /api/v1/booking/trips/{trip_id}/return": (cells(422), {}),
    "GET /api/v1/booking/trips/overdue": (cells(403, admin=200, kabag=200, pengurus_barang=200), None),
    "GET /api/v1/booking/guest-requests": (cells(403, admin=200, kabag=200), None),
    "GET /api/v1/booking/feed-token": (cells(200), None),
    "POST /api/v1/booking/feed-token": (cells(201, admin=403), {}),
    "DELETE /api/v1/booking/feed-token": (cells(200), None),
    # -- agenda (``agenda_records``; ``AGENDA_ROLES``: also ``protokol`` and ``kabag_protokol``): a cancelled event,
    # a tentative event's draft documentation, a refused visit request, a closed feedback. Protocol staff
    # (``protokol``, ``kabag_protokol``, admin) keep the agenda; the publication approver (``kabag_protokol``, admin)
    # approves documentation and decides visits; every employee reads the agenda and prints it.
    "GET /api/v1/agenda/roster": (agenda_cells(200), None),
    "POST /api/v1/agenda/roster/sync": (agenda_cells(403, admin=200), {}),
    "GET /api/v1/agenda/capabilities": (agenda_cells(200), None),
    "GET /api/v1/agenda/settings": (agenda_cells(200), None),
    "PATCH /api/v1/agenda/settings": (agenda_cells(403, admin=200), {}),
    "GET /api/v1/agenda/leaders": (agenda_cells(200), None),
    "POST /api/v1/agenda/leaders": (agenda_cells(403, **AGENDA_STAFF_422),
                                    {"code": "gubernur", "title": "Gubernur Bali", "precedence_code": "gubernur"}),
    "GET /api/v1/agenda/leaders/{leader_id}": (agenda_cells(200), None),
    "PATCH /api/v1/agenda/leaders/{leader_id}": (agenda_cells(403, **AGENDA_STAFF_200), {}),
    "GET /api/v1/agenda/precedence": (agenda_cells(200), None),
    "POST /api/v1/agenda/precedence": (agenda_cells(422), {}),
    "PATCH /api/v1/agenda/precedence/{rank_id}": (agenda_cells(403, **AGENDA_STAFF_200), {}),
    "GET /api/v1/agenda/leaders/{leader_id}/agenda.pdf": (agenda_cells(200), None),
    "POST /api/v1/agenda/events": (agenda_cells(403, **AGENDA_STAFF_422), {
        "title": "Matriks peran", "starts_at": "2031-03-04T09:00:00+08:00", "ends_at": "2031-03-04T10:00:00+08:00",
        "location_kind": "external", "address": "Denpasar", "leaders": [{"leader_id": 999999}]}),
    "GET /api/v1/agenda/events": (agenda_cells(200), None),
    "GET /api/v1/agenda/day": (agenda_cells(200), None),
    "GET /api/v1/agenda/week": (agenda_cells(200), None),
    "GET /api/v1/agenda/events/{event_id}": (agenda_cells(200), None),
    "PATCH /api/v1/agenda/events/{event_id}": (agenda_cells(403, **AGENDA_STAFF_409), {"version": 2,
                                                                                       "title": "Matriks peran"}),
    "GET /api/v1/agenda/events/{event_id}/conflicts": (agenda_cells(200), None),
    "POST /api/v1/agenda/events/{event_id}/confirm": (agenda_cells(403, **AGENDA_STAFF_409), {}),
    "POST /api/v1/agenda/events/{event_id}/postpone": (agenda_cells(403, **AGENDA_STAFF_409), {"reason": "uji"}),
    "POST /api/v1/agenda/events/{event_id}/reschedule": (agenda_cells(403, **AGENDA_STAFF_409), {
        "starts_at": "2031-03-05T09:00:00+08:00", "ends_at": "2031-03-05T10:00:00+08:00"}),
    "POST /api/v1/agenda/events/{event_id}/cancel": (agenda_cells(403, **AGENDA_STAFF_409), {"reason": "uji"}),
    "POST /api/v1/agenda/events/{event_id}/complete": (agenda_cells(403, **AGENDA_STAFF_409), {}),
    "GET /api/v1/agenda/documentation": (agenda_cells(403, **AGENDA_STAFF_200), None),
    "GET /api/v1/agenda/documentation/queue": (agenda_cells(403, admin=200, kabag_protokol=200), None),
    "GET /api/v1/agenda/documentation/published": (agenda_cells(403, **AGENDA_STAFF_200), None),
    "GET /api/v1/agenda/events/{event_id}/documentation": (agenda_cells(403, **AGENDA_STAFF_404), None),
    "POST /api/v1/agenda/events/{event_id}/documentation": (agenda_cells(403, **AGENDA_STAFF_409), {}),
    "GET /api/v1/agenda/documentation/{documentation_id}": (agenda_cells(403, **AGENDA_STAFF_200), None),
    "PATCH /api/v1/agenda/documentation/{documentation_id}": (agenda_cells(403, **AGENDA_STAFF_409),
                                                              {"version": 99}),
    "POST /api/v1/agenda/documentation/{documentation_id}/submit": (agenda_cells(403, **AGENDA_STAFF_422), {}),
    "POST /api/v1/agenda/documentation/{documentation_id}/approve": (
        agenda_cells(403, admin=409, kabag_protokol=409), {}),
    "POST /api/v1/agenda/documentation/{documentation_id}/return": (
        agenda_cells(403, admin=409, kabag_protokol=409), {"note": "uji matriks"}),
    "POST /api/v1/agenda/documentation/{documentation_id}/withdraw": (
        agenda_cells(403, admin=409, kabag_protokol=409), {"note": "uji matriks"}),
    "POST /api/v1/agenda/documentation/{documentation_id}/photos": (agenda_cells(422), {}),
    "PATCH /api/v1/agenda/documentation-photos/{photo_id}": (agenda_cells(404), {}),
    "DELETE /api/v1/agenda/documentation-photos/{photo_id}": (agenda_cells(404), None),
    "PUT /api/v1/agenda/documentation/{documentation_id}/photo-order": (agenda_cells(403, **AGENDA_STAFF_200),
                                                                        {"photo_ids": []}),
    "GET /api/v1/agenda/documentation-photos/{photo_id}/file": (agenda_cells(403, **AGENDA_STAFF_404), None),
    "POST /api/v1/agenda/documentation/{documentation_id}/attachments": (agenda_cells(422), {}),
    "PATCH /api/v1/agenda/documentation-attachments/{attachment_id}": (agenda_cells(404), {}),
    "DELETE /api/v1/agenda/documentation-attachments/{attachment_id}": (agenda_cells(404), None),
    "GET /api/v1/agenda/documentation-attachments/{attachment_id}/file": (agenda_cells(403, **AGENDA_STAFF_404),
                                                                          None),
    "GET /api/v1/agenda/visits": (agenda_cells(403, **AGENDA_STAFF_200), None),
    "GET /api/v1/agenda/visits/{visit_id}": (agenda_cells(403, **AGENDA_STAFF_200), None),
    "GET /api/v1/agenda/visits/{visit_id}/letter": (agenda_cells(403, **AGENDA_STAFF_200), None),
    "POST /api/v1/agenda/visits/{visit_id}/approve": (agenda_cells(403, admin=409, kabag_protokol=409), {
        "starts_at": "2031-03-04T09:00:00+08:00", "ends_at": "2031-03-04T10:00:00+08:00",
        "address": "Ruang tamu Biro"}),
    "POST /api/v1/agenda/visits/{visit_id}/refuse": (agenda_cells(403, admin=409, kabag_protokol=409),
                                                     {"reason": "uji matriks"}),
    "POST /api/v1/agenda/visits/{visit_id}/cancel": (agenda_cells(403, **AGENDA_STAFF_409), {"reason": "uji matriks"}),
    "GET /api/v1/agenda/visit-passes/{token}": (agenda_cells(403, **AGENDA_STAFF_200), None),
    "POST /api/v1/agenda/visit-passes/{token}/check-in": (agenda_cells(403, **AGENDA_STAFF_409), {}),
    "GET /api/v1/agenda/feedback": (agenda_cells(200), None),
    "GET /api/v1/agenda/feedback/{feedback_id}": (agenda_cells(403, **AGENDA_STAFF_200), None),
    "POST /api/v1/agenda/feedback/{feedback_id}/triage": (agenda_cells(403, **AGENDA_STAFF_409),
                                                         {"category": "lainnya", "unit_id": 1}),
    "POST /api/v1/agenda/feedback/{feedback_id}/answer": (agenda_cells(403, **AGENDA_STAFF_409),
                                                         {"answer": "Jawaban uji matriks."}),
    "POST /api/v1/agenda/feedback/{feedback_id}/close": (agenda_cells(403, **AGENDA_STAFF_409), {}),
    "POST /api/v1/agenda/feedback/{feedback_id}/publish": (agenda_cells(403, **AGENDA_STAFF_422), {}),
    "POST /api/v1/agenda/feedback/{feedback_id}/unpublish": (agenda_cells(403, **AGENDA_STAFF_422), {}),
    "GET /api/v1/agenda/feedback-units": (agenda_cells(403, **AGENDA_STAFF_200), None),
    "GET /api/v1/agenda/feedback-report": (agenda_cells(403, **AGENDA_STAFF_200),
                                           {"date_from": "2026-01-01", "date_to": "2026-12-31"}),
    "GET /api/v1/agenda/feedback-report.xlsx": (agenda_cells(403, **AGENDA_STAFF_200),
                                                {"date_from": "2026-01-01", "date_to": "2026-12-31"}),
    # -- kepegawaian (``kepegawaian_records``; ``KEPEGAWAIAN_ROLES``: also ``kepegawaian``, the staff officer):
    # pegawai's cancelled leave, rejected BPJS card and assessed SKP of 2025. An employee's records are read by
    # themself, their supervisors (kasubbag, kabag, pimpinan), the staff officer and admin; the leave official
    # (pimpinan) decides; the direct supervisor (kasubbag) considers and assesses; the staff officer verifies and
    # sees the due lists. Lists (leave, documents, SKP) answer 200 to everyone, filtered to what each may read.
    "GET /api/v1/kepegawaian/capabilities": (kep_cells(200), None),
    "GET /api/v1/kepegawaian/roster": (kep_cells(200), None),
    "POST /api/v1/kepegawaian/roster/sync": (kep_cells(403, admin=200), {}),
    "GET /api/v1/kepegawaian/settings": (kep_cells(200), None),
    "PATCH /api/v1/kepegawaian/settings": (kep_cells(403, admin=200), {}),
    "GET /api/v1/kepegawaian/employees/{employee_id}/trips": (PEGAWAI_READERS,
                                                               {"start": "2026-01-01", "end": "2026-12-31"}),
    "GET /api/v1/kepegawaian/leave/kinds": (kep_cells(200, admin=403), None),
    "GET /api/v1/kepegawaian/leave/rules": (kep_cells(403, admin=200, kepegawaian=200), None),
    "PATCH /api/v1/kepegawaian/leave/rules/{rule_id}": (kep_cells(403, admin=200), {}),
    "GET /api/v1/kepegawaian/leave/balance": (kep_cells(200, admin=403), None),
    "GET /api/v1/kepegawaian/employees/{employee_id}/leave-balance": (PEGAWAI_READERS, None),
    "PUT /api/v1/kepegawaian/leave/opening-balances": (KEP_STAFF_404, {"employee_id": 999999, "year": 2020}),
    "POST /api/v1/kepegawaian/leave/preview": (kep_cells(422), {}),
    "POST /api/v1/kepegawaian/leave": (kep_cells(422), {}),
    "GET /api/v1/kepegawaian/leave": (kep_cells(200), None),
    "GET /api/v1/kepegawaian/leave/inbox": (kep_cells(200), None),
    "GET /api/v1/kepegawaian/leave/{leave_id}": (PEGAWAI_READERS, None),
    "PUT /api/v1/kepegawaian/leave/{leave_id}": (
        kep_cells(403, admin=409, pegawai=409, kepegawaian=409),
        {"kind": "tahunan", "start_date": "2031-03-10", "end_date": "2031-03-10"}),
    "POST /api/v1/kepegawaian/leave/{leave_id}/consider": (kep_cells(403, kasubbag=409), {"option": "setuju"}),
    "POST /api/v1/kepegawaian/leave/{leave_id}/decide": (kep_cells(403, admin=409, pimpinan=409), {"option": "setuju"}),
    "POST /api/v1/kepegawaian/leave/{leave_id}/cancel": (
        kep_cells(403, admin=409, pimpinan=409, pegawai=409, kepegawaian=409), {"reason": "uji matriks"}),
    "GET /api/v1/kepegawaian/leave/{leave_id}/attachment": (kep_only(404, PEGAWAI_READERS_ROLES, 403), None),
    "GET /api/v1/kepegawaian/leave/{leave_id}/form": (PEGAWAI_READERS, None),
    "GET /api/v1/kepegawaian/reports/leave-recap": (RECAP_READERS, {"year": "2026"}),
    "GET /api/v1/kepegawaian/reports/leave-recap/export": (RECAP_READERS,
                                                             {"year": "2026", "format": "xlsx"}),
    "GET /api/v1/kepegawaian/career/me": (kep_cells(200, admin=403), None),
    "GET /api/v1/kepegawaian/career/employees/{employee_id}": (PEGAWAI_READERS, None),
    "GET /api/v1/kepegawaian/career/rules": (kep_cells(200), None),
    "GET /api/v1/kepegawaian/career/due": (KEP_EXPORTERS, None),
    "GET /api/v1/kepegawaian/career/reminders": (kep_cells(403, admin=200, kepegawaian=200), None),
    "POST /api/v1/kepegawaian/career/reminders/{reminder_id}/read": (KEP_STAFF_404, {}, {"reminder_id": "999999"}),
    "GET /api/v1/kepegawaian/career/exports/duk": (KEP_EXPORTERS, None),
    "GET /api/v1/kepegawaian/career/exports/nominative": (KEP_EXPORTERS, None),
    "GET /api/v1/kepegawaian/career/exports/due": (KEP_EXPORTERS, None),
    "GET /api/v1/kepegawaian/document-types": (kep_cells(200), None),
    "PATCH /api/v1/kepegawaian/document-types/{code}": (kep_cells(403, admin=200), {}, {"code": "bpjs"}),
    "GET /api/v1/kepegawaian/documents/mine": (kep_cells(200, admin=403), None),
    "GET /api/v1/kepegawaian/documents": (kep_cells(200), None),
    "POST /api/v1/kepegawaian/documents": (kep_cells(422), {}),
    "GET /api/v1/kepegawaian/documents/expiring": (kep_cells(200), None),
    "GET /api/v1/kepegawaian/documents/{document_id}": (PEGAWAI_READERS, None),
    "PATCH /api/v1/kepegawaian/documents/{document_id}": (kep_cells(422), {"issued_on": "bukan-tanggal"}),
    "DELETE /api/v1/kepegawaian/documents/{document_id}": (kep_cells(404), {}, {"document_id": "999999"}),
    "POST /api/v1/kepegawaian/documents/{document_id}/verify": (kep_cells(403, admin=409, kepegawaian=409), {}),
    "POST /api/v1/kepegawaian/documents/{document_id}/reject": (kep_cells(403, admin=409, kepegawaian=409),
                                                               {"reason": "uji matriks"}),
    "GET /api/v1/kepegawaian/documents/{document_id}/file": (PEGAWAI_READERS, None),
    "GET /api/v1/kepegawaian/employees/{employee_id}/document-completeness": (PEGAWAI_READERS, None),
    "GET /api/v1/kepegawaian/units/{unit_id}/document-completeness": (kep_cells(403, admin=200, kepegawaian=200), None),
    "GET /api/v1/kepegawaian/skp/reference": (kep_cells(200), None),
    "GET /api/v1/kepegawaian/skp/me": (kep_cells(200, admin=403), {"year": "2025"}),
    "GET /api/v1/kepegawaian/skp": (kep_cells(200), None),
    "POST /api/v1/kepegawaian/skp": (kep_cells(422), {}),
    "GET /api/v1/kepegawaian/skp/inbox": (kep_cells(200, admin=403), None),
    "GET /api/v1/kepegawaian/skp/summary": (KEP_EXPORTERS, {"year": "2025"}),
    "GET /api/v1/kepegawaian/skp/{skp_id}": (PEGAWAI_READERS, None),
    "PUT /api/v1/kepegawaian/skp/{skp_id}": (kep_cells(403, pegawai=409), {}),
    "PUT /api/v1/kepegawaian/skp/{skp_id}/expectations": (kep_cells(403, kasubbag=409), {"expectations": {}}),
    "POST /api/v1/kepegawaian/skp/{skp_id}/submit": (kep_cells(403, pegawai=409), {}),
    "POST /api/v1/kepegawaian/skp/{skp_id}/approve": (kep_cells(403, kasubbag=409), {}),
    "POST /api/v1/kepegawaian/skp/{skp_id}/return": (kep_cells(403, kasubbag=409), {"note": "uji matriks"}),
    "POST /api/v1/kepegawaian/skp/{skp_id}/progress": (kep_cells(403, pegawai=409), {
        "period": 2, "realisations": [{"indicator_id": "{indicator_id}", "value": 1}]}),
    "POST /api/v1/kepegawaian/skp/{skp_id}/feedback": (kep_cells(403, kasubbag=409),
                                                         {"period": 1, "feedback": "uji matriks"}),
    "POST /api/v1/kepegawaian/skp/{skp_id}/assessment": (kep_cells(403, kasubbag=409), {
        "results_rating": "sesuai_ekspektasi", "behaviour_rating": "sesuai_ekspektasi",
                   "behaviour_ratings": {}}),
    "GET /api/v1/kepegawaian/skp/progress/{progress_id}/evidence": (PEGAWAI_READERS, None),
}
#: Routes whose cells live elsewhere: the caller's own session (tests/e2e/test_auth.py).
OWN_SESSION = {"POST /api/v1/auth/logout", "POST /api/v1/auth/password"}


def test_every_private_route_has_its_cells():
    assert {f"{method} {path}" for method, path in PRIVATE_ROWS} - OWN_SESSION == set(MATRIX)


@pytest.fixture(scope="module")
def by_role(stack, admin) -> dict:
    from .conftest import ADMIN_PASSWORD, signed_in

    admin.request("POST", "/travel/roster/sync").raise_for_status()
    admin.request("POST", "/attendance/roster/sync").raise_for_status()
    admin.request("POST", "/finance/roster/sync").raise_for_status()
    admin.request("POST", "/assets/roster/sync").raise_for_status()
    admin.request("POST", "/booking/roster/sync").raise_for_status()
    admin.request("POST", "/agenda/roster/sync").raise_for_status()
    admin.request("POST", "/kepegawaian/roster/sync").raise_for_status()
    everyone = AGENDA_ROLES + ("kepegawaian",)
    return {role: admin if role == "admin" else signed_in(stack, role) for role in everyone} | {
        "_admin_password": ADMIN_PASSWORD}


@pytest.fixture(scope="module")
def records(by_role) -> dict:
    """The cancelled records the matrix is asked about (see the module doc)."""
    from datetime import date, timedelta

    from tools.fault_stack import draft_order

    pegawai, honorer = by_role["pegawai"], by_role["honorer"]
    me = pegawai.request("GET", "/me").json()
    order = pegawai.request("POST", "/travel/orders", json=draft_order(me["employee"]["id"], "Matriks peran"))
    assert order.status_code == 201, order.text
    pegawai.request("POST", f"/travel/orders/{order.json()['id']}/cancel", json={"reason": "uji"}).raise_for_status()
    start = date.today() + timedelta(days=9)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    leave = honorer.request("POST", "/attendance/requests", json={
        "kind": "izin", "start_date": start.isoformat(), "end_date": start.isoformat(), "reason": "Upacara adat.",
        "attachment": {"filename": "izin.pdf", "content_type": "application/pdf",
                       "content_b64": base64.b64encode(pdf).decode()}})
    assert leave.status_code == 201, leave.text
    honorer.request("POST", f"/attendance/requests/{leave.json()['id']}/cancel", json={}).raise_for_status()
    return {**PATH_VALUES, "employee_id": str(me["employee"]["id"]), "unit_id": str(me["employee"]["unit_id"]),
            "account_id": str(me["account"]["id"]), "order_id": str(order.json()["id"]),
            "request_id": str(leave.json()["id"]), "correction_id": "999999", "period_id": "999999",
            "day": "2031-01-02", "attachment_id": "999999", "fiscal_year": str(date.today().year),
            "month": date.today().strftime("%Y-%m")}


#: The year of the budget ``finance_records`` loads (its own, so no other year's DPA changes).
DPA_YEAR = 2030


@pytest.fixture(scope="module")
def finance_records(by_role) -> dict:
    """Path values of the finance rows: admin loads a one-line DPA whose sub-kegiatan has ``pptk`` as its PPTK;
    ``pptk`` drafts an SPJ on that line and cancels it (so every action answers 409 to whoever may take it,
    403 to a finance role that may not, 404 to whoever cannot see it, and nothing changes)."""
    import csv
    import io

    admin, pptk = by_role["admin"], by_role["pptk"]
    nip = pptk.request("GET", "/me").json()["employee"]["nip"]
    months = ["jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"]
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["kode_program", "nama_program", "kode_kegiatan", "nama_kegiatan", "kode_sub_kegiatan",
                     "nama_sub_kegiatan", "nip_pptk", "kode_rekening", "nama_rekening", "pagu", *months])
    writer.writerow(["4.01.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI", "4.01.01.2.06",
                     "Administrasi Umum Perangkat Daerah", "4.01.01.2.06.0004", "Penyediaan Bahan Logistik Kantor",
                     nip, "5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
                     "12000000", *["1000000"] * 12])
    loaded = admin.request("POST", f"/finance/budget/{DPA_YEAR}", json={
        "filename": "dpa-matriks.csv", "content_b64": base64.b64encode(text.getvalue().encode()).decode()})
    assert loaded.status_code == 201, loaded.text
    lines = pptk.request("GET", "/finance/budget-lines", params={"fiscal_year": DPA_YEAR})
    assert lines.status_code == 200, lines.text
    line_id = lines.json()["items"][0]["id"]
    spj = pptk.request("POST", "/finance/spj", json={"budget_line_id": line_id, "title": "Matriks peran"})
    assert spj.status_code == 201, spj.text
    pptk.request("POST", f"/finance/spj/{spj.json()['id']}/cancel", json={"reason": "uji"}).raise_for_status()
    return {"line_id": str(line_id), "spj_id": str(spj.json()["id"]), "tax_id": "999999", "document_id": "999999",
            "book": "kas_tunai", "month": "12"}


@pytest.fixture(scope="module")
def assets_records(by_role) -> dict:
    """Path values of the assets rows, made by the demo ``pengurus_barang`` (the keeper): a building, floor and
    room of their own, a laptop registered there and handed over to ``pegawai`` (so pegawai is a party of the
    BAST), a maintenance record scheduled and cancelled, a plan, a campaign over the room cancelled, a disposal
    proposal of the laptop cancelled, a consumable and ``pegawai``'s request for it cancelled — so every action
    answers 409 to whoever may take it, 403 to whoever may not, 404 to whoever cannot see it; nothing else
    changes. Files, findings, receipts and counts that do not exist are 999999."""
    from datetime import date, datetime, timedelta

    keeper, pegawai = by_role["pengurus_barang"], by_role["pegawai"]
    tag = datetime.now().strftime("%H%M%S%f")

    def made(response, status=201) -> dict:
        assert response.status_code == status, response.text
        return response.json()

    building = made(keeper.request("POST", "/assets/buildings", json={"code": f"MTX{tag}"[:20],
                                                                       "name": "Gedung matriks peran"}))
    floor = made(keeper.request("POST", "/assets/floors", json={"building_id": building["id"], "name": "Lantai 1"}))
    room = made(keeper.request("POST", "/assets/rooms", json={"floor_id": floor["id"], "code": f"MR{tag}"[:20],
                                                               "name": "Ruang matriks peran"}))
    item = made(keeper.request("POST", "/assets/items", json={
        "code": "1.3.2.10.01.02.002", "name": "Laptop matriks peran", "acquisition_year": 2024,
        "acquisition_value": 12_000_000, "source": "apbd", "condition": "B", "room_id": room["id"], "details": {}}))
    me = pegawai.request("GET", "/me").json()["employee"]["id"]
    today = date.today().isoformat()
    handover = made(keeper.request("POST", "/assets/handovers", json={
        "kind": "handover", "handover_date": today, "items": [{"asset_id": item["id"]}],
        "to_holder_employee_id": me}))
    starts = datetime.now().astimezone() + timedelta(days=30)
    record = made(keeper.request("POST", "/assets/maintenance/records", json={
        "asset_id": item["id"], "work": "Servis berkala", "status": "scheduled",
        "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=4)).isoformat()}))
    made(keeper.request("POST", f"/assets/maintenance/records/{record['id']}/cancel", json={"reason": "uji"}), 200)
    plan = made(keeper.request("POST", "/assets/maintenance/plans", json={
        "asset_id": item["id"], "work": "Pembersihan", "interval_months": 6}))
    campaign = made(keeper.request("POST", "/assets/campaigns", json={
        "name": "Inventarisasi matriks peran", "kind": "inventarisasi", "start_date": today,
        "rooms": [{"room_id": room["id"]}]}))
    made(keeper.request("POST", f"/assets/campaigns/{campaign['id']}/cancel", json={"reason": "uji"}), 200)
    proposal = made(keeper.request("POST", "/assets/disposals", json={
        "method": "pemusnahan", "reasons": "Uji matriks peran.", "items": [{"asset_id": item["id"]}]}))
    made(keeper.request("POST", f"/assets/disposals/{proposal['id']}/cancel", json={"reason": "uji"}), 200)
    supply = made(keeper.request("POST", "/assets/supplies", json={"code": f"MTX{tag}"[:30],
                                                                   "name": "Kertas matriks", "unit": "rim"}))
    asked = made(pegawai.request("POST", "/assets/supply-requests", json={
        "purpose": "Uji matriks peran", "lines": [{"item_id": supply["id"], "quantity": 1}]}))
    made(pegawai.request("POST", f"/assets/supply-requests/{asked['id']}/cancel", json={}), 200)
    return {"building_id": str(building["id"]), "floor_id": str(floor["id"]), "room_id": str(room["id"]),
            "asset_id": str(item["id"]), "file_id": "999999", "handover_id": str(handover["id"]),
            "record_id": str(record["id"]), "plan_id": str(plan["id"]), "campaign_id": str(campaign["id"]),
            "finding_id": "999999", "proposal_id": str(proposal["id"]), "kind": "proposal",
            "item_id": str(supply["id"]), "receipt_id": "999999", "request_id": str(asked["id"]),
            "count_id": "999999", "year": str(date.today().year), "semester": "1", "kib": "B"}


@pytest.fixture(scope="module")
def booking_records(by_role) -> dict:
    """Path values of the booking rows: a room the demo ``pengurus_barang`` (a keeper) enters with no manager (so
    the settings' role, ``kepala_bagian``, approves it), a blackout on it, ``pegawai``'s booking of it and a weekly
    series of it, both cancelled — so every action answers 409 to whoever may take it, 403 to whoever may not;
    nothing else changes. Absences, trips and tracking codes that do not exist are 999999 / a well-formed code."""
    from datetime import date, datetime, timedelta

    keeper, pegawai = by_role["pengurus_barang"], by_role["pegawai"]
    tag = datetime.now().strftime("%H%M%S%f")

    def made(response, status=201) -> dict:
        assert response.status_code == status, response.text
        return response.json()

    room = made(keeper.request("POST", "/booking/resources", json={
        "kind": "room", "name": f"Ruang matriks peran {tag}", "capacity": 12}))
    day = date.today() + timedelta(days=400)
    block = made(keeper.request("POST", f"/booking/resources/{room['id']}/blocks", json={
        "starts_at": f"{day.isoformat()}T08:00:00+08:00", "ends_at": f"{day.isoformat()}T12:00:00+08:00",
        "reason": "Uji matriks peran"}))
    other = day + timedelta(days=1)
    booking = made(pegawai.request("POST", "/booking/bookings", json={
        "resource_id": room["id"], "starts_at": f"{other.isoformat()}T09:00:00+08:00",
        "ends_at": f"{other.isoformat()}T10:00:00+08:00", "purpose": "Uji matriks peran", "participants": 5}))
    made(pegawai.request("POST", f"/booking/bookings/{booking['id']}/cancel", json={"reason": "uji"}), 200)
    start = date.today() + timedelta(days=30)
    series = made(pegawai.request("POST", "/booking/series", json={
        "resource_id": room["id"], "frequency": "weekly", "weekdays": [start.isoweekday()],
        "starts_on": start.isoformat(), "until_on": (start + timedelta(days=14)).isoformat(),
        "start_time": "13:00", "end_time": "14:00", "purpose": "Rapat matriks peran"}))
    made(pegawai.request("POST", f"/booking/series/{series['id']}/cancel", json={"reason": "uji"}), 200)
    return {"resource_id": str(room["id"]), "block_id": str(block["block"]["id"]),
            "booking_id": str(booking["id"]), "series_id": str(series["id"]), "absence_id": "999999",
            "trip_id": "999999"}


@pytest.fixture(scope="module")
def agenda_records(by_role) -> dict:
    """Path values of agenda's rows, made by agenda's own people (``protokol``: protocol staff;
    ``kabag_protokol``: the Kepala Bagian Protokol, the publication approver): an event entered and cancelled;
    a second, tentative event whose documentation is opened (a draft: nothing to submit); a visit request from the
    public refused; a feedback from the public closed — so every step answers 409 (or 422 for a draft that
    cannot be submitted) to whoever may take it and 403 to whoever may not; nothing else changes. The public
    forms' time-to-submit floor is set to 0 for the two submissions and put back."""
    from datetime import date, timedelta

    protokol, approver, admin = by_role["protokol"], by_role["kabag_protokol"], by_role["admin"]

    def made(response, status=201) -> dict:
        assert response.status_code == status, response.text
        return response.json()

    leader = made(protokol.request("GET", "/agenda/leaders"), 200)["items"][0]
    rank = made(protokol.request("GET", "/agenda/precedence"), 200)["items"][0]
    day = date.today() + timedelta(days=420)

    def event(title: str) -> dict:
        return made(protokol.request("POST", "/agenda/events", json={
            "title": title, "starts_at": f"{day.isoformat()}T09:00:00+08:00",
            "ends_at": f"{day.isoformat()}T10:00:00+08:00", "location_kind": "external",
            "address": "Jl. Basuki Rahmat, Denpasar", "leaders": [{"leader_id": leader["id"]}]}))

    cancelled = event("Matriks peran: kegiatan dibatalkan")
    made(protokol.request("POST", f"/agenda/events/{cancelled['id']}/cancel", json={"reason": "uji"}), 200)
    tentative = event("Matriks peran: kegiatan sementara")
    documentation = made(protokol.request("POST", f"/agenda/events/{tentative['id']}/documentation", json={}), 200)
    before = made(admin.request("GET", "/agenda/settings"), 200)["form_min_seconds"]
    made(admin.request("PATCH", "/agenda/settings", json={"form_min_seconds": 0}), 200)
    try:
        ticket = made(protokol.request("GET", "/public/agenda/form-ticket", token=""), 200)["ticket"]
        pdf = base64.b64encode(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").decode()
        made(protokol.request("POST", "/public/agenda/visits", token="", json={
            "agency": "Dinas Uji Matriks", "purpose": "Audiensi uji matriks peran", "visitor_count": 2,
            "wished_dates": [(date.today() + timedelta(days=30)).isoformat()],
            "contact_name": "Penguji", "contact_phone": "+62 811 0000 1111", "letter_b64": pdf,
            "letter_name": "surat.pdf", "ticket": ticket}))
        ticket = made(protokol.request("GET", "/public/agenda/form-ticket", token=""), 200)["ticket"]
        made(protokol.request("POST", "/public/agenda/feedback", token="", json={
            "kind": "question", "subject": "Uji matriks peran", "message": "Pertanyaan uji matriks peran.",
            "ticket": ticket}))
    finally:
        made(admin.request("PATCH", "/agenda/settings", json={"form_min_seconds": before}), 200)
    pending = made(protokol.request("GET", "/agenda/visits", params={"status": "pending", "limit": 100}), 200)
    visit_id = max(v["id"] for v in pending["items"] if v["agency"] == "Dinas Uji Matriks")
    made(approver.request("POST", f"/agenda/visits/{visit_id}/refuse", json={"reason": "uji matriks"}), 200)
    feedbacks = made(protokol.request("GET", "/agenda/feedback", params={"limit": 100}), 200)["items"]
    feedback_id = next(f["id"] for f in feedbacks if f["subject"] == "Uji matriks peran")
    made(protokol.request("POST", f"/agenda/feedback/{feedback_id}/close", json={"note": "uji"}), 200)
    return {"leader_id": str(leader["id"]), "rank_id": str(rank["id"]), "event_id": str(cancelled["id"]),
            "documentation_id": str(documentation["id"]), "photo_id": "999999", "attachment_id": "999999",
            "visit_id": str(visit_id), "feedback_id": str(feedback_id), "token": "A" * 32}


@pytest.fixture(scope="module")
def kepegawaian_records(by_role) -> dict:
    """Path values of kepegawaian's rows, each record in a state where no step is left to take: the demo
    ``pegawai``'s annual leave requested and cancelled; their BPJS card uploaded and rejected by the staff officer
    (``kepegawaian``); their SKP of 2025 agreed by their direct supervisor (``kasubbag``), a quarter's progress
    recorded with a PDF as evidence, and assessed. So a step answers 409 (or 422 for a body refused first) to whoever
    may take it and 403 to whoever may not, and nothing changes."""
    from datetime import date, timedelta

    from kepegawaian.domain.skp_rules import CORE_VALUE_CODES

    pegawai, officer, supervisor = by_role["pegawai"], by_role["kepegawaian"], by_role["kasubbag"]

    def made(response, status=201) -> dict:
        assert response.status_code == status, response.text
        return response.json()

    day = date(date.today().year + 1, 3, 9)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    leave = made(pegawai.request("POST", "/kepegawaian/leave", json={
        "kind": "tahunan", "start_date": day.isoformat(), "end_date": day.isoformat(), "reason": "Uji matriks peran",
        "address": "Jl. Cok Agung Tresna, Denpasar"}))
    made(pegawai.request("POST", f"/kepegawaian/leave/{leave['id']}/cancel", json={"reason": "uji"}), 200)
    pdf = base64.b64encode(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").decode()
    document = made(pegawai.request("POST", "/kepegawaian/documents", json={
        "type_code": "bpjs", "number": "0001234567890", "file": pdf, "file_name": "bpjs.pdf",
        "content_type": "application/pdf"}))
    made(officer.request("POST", f"/kepegawaian/documents/{document['id']}/reject", json={"reason": "uji"}), 200)
    plan = made(pegawai.request("POST", "/kepegawaian/skp", json={"year": 2025, "results": [{
        "text": "Laporan pertanggungjawaban bendahara tersusun tepat waktu", "indicators": [
            {"text": "Laporan tersusun", "target_value": 12, "target_unit": "laporan"}]}]}))
    made(pegawai.request("POST", f"/kepegawaian/skp/{plan['id']}/submit", json={}), 200)
    made(supervisor.request("POST", f"/kepegawaian/skp/{plan['id']}/approve", json={}), 200)
    indicator = plan["results"][0]["indicators"][0]["id"]
    progressed = made(pegawai.request("POST", f"/kepegawaian/skp/{plan['id']}/progress", json={
        "period": 1, "realisations": [{"indicator_id": indicator, "value": 3}], "evidence_b64": pdf,
        "evidence_name": "bukti.pdf", "evidence_type": "application/pdf"}), 200)
    made(supervisor.request("POST", f"/kepegawaian/skp/{plan['id']}/assessment", json={
        "results_rating": "sesuai_ekspektasi", "behaviour_rating": "sesuai_ekspektasi",
        "behaviour_ratings": {code: "sesuai_ekspektasi" for code in CORE_VALUE_CODES}}), 200)
    return {"leave_id": str(leave["id"]), "document_id": str(document["id"]), "skp_id": str(plan["id"]),
            "indicator_id": str(indicator), "progress_id": str(progressed["progress"][0]["id"]),
            "reminder_id": "999999", "rule_id": "1", "code": "bpjs"}


def filled(payload, values: dict):
    """``payload`` with each ``"{name}"`` string replaced by that path value, as an integer id."""
    if isinstance(payload, dict):
        return {key: filled(value, values) for key, value in payload.items()}
    if isinstance(payload, list):
        return [filled(value, values) for value in payload]
    if isinstance(payload, str) and payload[:1] == "{" and payload[-1:] == "}" and payload[1:-1] in values:
        return int(values[payload[1:-1]])
    return payload


@pytest.mark.parametrize("route", list(MATRIX))
def test_role_matrix(by_role, records, route, request):
    expected, payload, *ids = MATRIX[route]
    method, path = route.split(" ", 1)
    # finance's records only for its rows: a problem making them fails those rows, not the whole matrix
    finance = request.getfixturevalue("finance_records") if path.startswith("/api/v1/finance/") else {}
    assets = request.getfixturevalue("assets_records") if path.startswith("/api/v1/assets/") else {}
    booking = request.getfixturevalue("booking_records") if path.startswith("/api/v1/booking/") else {}
    agenda = request.getfixturevalue("agenda_records") if path.startswith("/api/v1/agenda/") else {}
    kepegawaian = request.getfixturevalue("kepegawaian_records") if path.startswith("/api/v1/kepegawaian/") else {}
    values = {**records, **finance, **assets, **booking, **agenda, **kepegawaian, **(ids[0] if ids else {})}
    url = concrete(path.removeprefix("/api/v1"), values)
    seen = {}
    for role in expected:
        if method == "GET":
            params = {k: records["month"] if v == "MONTH" else v for k, v in (payload or {}).items()}
            response = by_role[role].request(method, url, params=params)
        else:
            response = by_role[role].request(method, url, json=filled(payload, values))
        seen[role] = response.status_code
    assert seen == expected, {role: (seen[role], expected[role]) for role in expected if seen[role] != expected[role]}
