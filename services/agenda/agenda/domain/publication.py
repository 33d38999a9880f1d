"""What the public may see — one pure rule for every public page, feed and sitemap (no database, no clock: the
caller passes ``now``).

* an **event** is public while it is marked public (``is_public``) and ``confirmed``, ``postponed`` or ``done``
  (a tentative event is a plan, a cancelled one is gone from the portal);
* its **documentation** is public once ``approved`` and past its embargo (``public_from <= now``), while its
  event is not cancelled — whether or not the event itself was listed beforehand;
* a published documentation's **minutes** only when ``minutes_public``; an **attachment** only when ``public``;
* never, anywhere public: a VIP guest's contact details or ID numbers, the protocol notes, the internal
  description, who entered or approved it.

The database queries that serve the portal (``domain.portal``) apply the same conditions in SQL
(``PUBLIC_EVENT_STATUSES``); a test checks both agree.
"""
from __future__ import annotations

from datetime import datetime

PUBLIC_EVENT_STATUSES = ("confirmed", "postponed", "done")


def event_is_public(*, is_public: bool, status: str) -> bool:
    return bool(is_public) and status in PUBLIC_EVENT_STATUSES


def documentation_is_public(*, status: str, public_from: datetime | None, event_status: str,
                            now: datetime) -> bool:
    return (status == "approved" and public_from is not None and public_from <= now
            and event_status != "cancelled")


def public_from(approved_at: datetime, embargo_until: datetime | None) -> datetime:
    """When approved documentation becomes public: at approval, or when its embargo ends if that is later."""
    return max(approved_at, embargo_until) if embargo_until else approved_at
