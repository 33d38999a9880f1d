"""The roster copy: every employee and org unit as personnel publishes them (``situok_kit.roster`` does the
mechanics). agenda reads it for who the protocol staff are (the protocol unit and its sub-units), organisers',
approvers' and assigned staff's names, and the units feedback is triaged to."""
from __future__ import annotations

from situok_kit import roster as kit_roster

from ..models import RosterEmployee, RosterSyncRun, RosterUnit

PAGE = kit_roster.PAGE

#: The copy's upserts and snapshot (``situok_kit.roster.RosterStore``; advisory lock 7_340_010: one sync at a time).
STORE = kit_roster.RosterStore(RosterEmployee, RosterUnit, RosterSyncRun, 7_340_010)
employee_values = STORE.employee_values
upsert_employees = STORE.upsert_employees
upsert_units = STORE.upsert_units
set_inactive = STORE.set_inactive
apply_snapshot = STORE.apply_snapshot
needs_sync = STORE.needs_sync
subunit_ids = STORE.subunit_ids
#: Readers of the copy: its status (``*RosterStatusOut``), one employee (404 when unknown), names by id.
counts = STORE.counts
get_employee = STORE.get_employee
names = STORE.names
