"""The server's clock. Tests replace ``now`` (``monkeypatch.setattr(clock, "now", ...)``), so every day
attendance reckons without being given a moment goes through ``now`` here; the WITA arithmetic itself is the
kit's (``situok_kit.clock``), re-exported so the domain keeps reading ``clock.<name>``."""
from __future__ import annotations

from datetime import date, datetime

from situok_kit import clock as kit_clock
from situok_kit.clock import WITA, at_wita, hhmm, wita_time

__all__ = ["WITA", "at_wita", "hhmm", "now", "wita_day", "wita_time"]


def now() -> datetime:
    """The current instant (UTC). The server's clock decides every check-in/out time."""
    return kit_clock.utcnow()


def wita_day(moment: datetime | None = None) -> date:
    """The WITA calendar day of ``moment`` (default: ``now()``, the replaceable clock)."""
    return kit_clock.wita_day(moment or now())
