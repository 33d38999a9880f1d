"""What the caller may do in booking, in general (``BookingCapabilitiesOut``): what an edge offers them — a menu
link, a page, a button. ``approve`` and ``drive`` need the database (is the caller a manager or an approving
role of some resource; is the caller on the drivers' list), so the service passes them in; records still carry
their own ``allowed_actions``.
"""
from __future__ import annotations

from .access import Caller

CAPABILITIES = ("read", "request", "approve", "manage_resources", "manage_drivers", "manage_settings", "drive",
                "view_guest_requests")


def capabilities(caller: Caller, *, approves_some: bool, is_driver: bool) -> dict[str, bool]:
    keeper = caller.is_keeper
    return {
        "read": True,
        "request": caller.is_employee,
        "approve": approves_some,
        "manage_resources": keeper,
        "manage_drivers": keeper,
        "manage_settings": caller.is_admin,
        "drive": is_driver,
        "view_guest_requests": approves_some,
    }
