"""What the caller may do in travel, in general (``TravelCapabilitiesOut``): what an edge offers them — a menu
link, a page, a "Buat SPT" button. A pure function of the ``access.Caller`` (the identity with the approval
rules and the caller's units, looked up once), so it says exactly what ``access`` decides; each order still
carries its own ``allowed_actions``.

* ``create_order``: may request a trip (admin for anyone; everyone else with an employee record — for
  themselves, a unit head also for their unit, ``Caller.request_problem``);
* ``request_for_others``: picks travellers other than themselves (admin, a unit head of a unit);
* ``decide``: an approver under the approval rules (holds a role a rule names and has an active roster
  entry), so orders may reach them to approve or reject;
* ``issue``: may issue approved letters (an approver, or admin);
* ``see_all``: sees every order (admin, pimpinan);
* ``manage_rules``: changes rules, rate tables and the roster copy (admin).
"""
from __future__ import annotations

from .access import Caller

#: Every capability, in the order ``TravelCapabilitiesOut`` lists them.
CAPABILITIES = ("create_order", "request_for_others", "decide", "issue", "see_all", "manage_rules")


def is_approver(caller: Caller) -> bool:
    """Holds a role the approval rules name (for any rank) and has an active roster entry with a unit."""
    roles = frozenset().union(*caller.approver_roles.values()) if caller.approver_roles else frozenset()
    return caller.identity.has_role(*roles) and caller.own_units is not None


def capabilities(caller: Caller) -> dict[str, bool]:
    ident = caller.identity
    admin = ident.is_admin
    decide = is_approver(caller)
    return {
        "create_order": caller.request_problem([]) is None,
        "request_for_others": admin or bool(caller.headed_units),
        "decide": decide,
        "issue": decide or admin,
        "see_all": caller.sees_all,
        "manage_rules": admin,
    }
