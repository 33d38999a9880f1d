"""What the caller may do in personnel, in general (``PersonnelCapabilitiesOut``): what an edge offers them —
menu links, the employee and account pages, an "Ubah" button. Decided by personnel's own rules: ``access``
for reading (the head's unit is read from the database, so a transfer takes effect at once), the admin-only
writes of ``service`` for the rest.

* ``read_employees``: sees other people's employee records — admin everyone, a unit head those of their unit
  and below (everyone sees their own record, ``/profil``);
* ``manage_employees``: creates, edits and deactivates employees (admin);
* ``manage_org_units``: creates and edits org units and positions (admin);
* ``manage_accounts``: user accounts — create, roles, activate/deactivate, unlock (admin).
"""
from __future__ import annotations

from situok_kit.identity import Identity
from sqlalchemy.orm import Session

from .access import viewer_for

#: Every capability, in the order ``PersonnelCapabilitiesOut`` lists them.
CAPABILITIES = ("read_employees", "manage_employees", "manage_org_units", "manage_accounts")
#: The role personnel's writes require (``require_roles("admin")`` on each of them).
MANAGER = "admin"


def capabilities(session: Session, ident: Identity) -> dict[str, bool]:
    viewer = viewer_for(session, ident)
    manager = ident.has_role(MANAGER)
    return {"read_employees": viewer.sees_everything or bool(viewer.unit_ids), "manage_employees": manager,
            "manage_org_units": manager, "manage_accounts": manager}
