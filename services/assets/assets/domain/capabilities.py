"""What the caller may do in assets, in general (``AssetsCapabilitiesOut``): what an edge offers them — a menu
link, a page, a button. A pure function of ``access.Caller``; records still carry their own
``allowed_actions``.
"""
from __future__ import annotations

from .access import Caller

CAPABILITIES = ("read", "manage_register", "manage_reference", "manage_rooms", "print_labels", "hand_over",
                "manage_maintenance", "view_reports", "run_campaigns", "check_campaigns", "propose_disposal",
                "approve_disposal", "request_supplies", "approve_supply_requests", "keep_stock")


def capabilities(caller: Caller) -> dict[str, bool]:
    keeper = caller.is_keeper
    return {
        "read": True,
        "manage_register": keeper,
        "manage_reference": caller.is_admin,
        "manage_rooms": keeper,
        "print_labels": keeper,
        "hand_over": keeper,
        "manage_maintenance": keeper,
        "view_reports": caller.reads_reports,
        "run_campaigns": keeper,
        "check_campaigns": keeper or caller.is_employee,
        "propose_disposal": keeper,
        "approve_disposal": caller.is_leader,
        "request_supplies": caller.is_employee,
        "approve_supply_requests": caller.heads_unit,
        "keep_stock": keeper,
    }
