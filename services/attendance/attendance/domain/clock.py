"""The server's clock and WITA days. Tests replace ``now`` (``monkeypatch.setattr(clock, "now", ...)``)."""
from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

WITA = ZoneInfo("Asia/Makassar")


def now() -> datetime:
    """The current instant (UTC). The server's clock decides every check-in/out time."""
    return datetime.now(UTC)


def wita_day(moment: datetime | None = None) -> date:
    """The WITA calendar day of ``moment`` (default: now)."""
    return (moment or now()).astimezone(WITA).date()


def wita_time(moment: datetime) -> time:
    return moment.astimezone(WITA).time()


def at_wita(day: date, clock_time: time) -> datetime:
    """``day`` at ``clock_time`` WITA, as an aware UTC datetime."""
    return datetime.combine(day, clock_time, tzinfo=WITA).astimezone(UTC)


def hhmm(moment: datetime | None) -> str | None:
    return moment.astimezone(WITA).strftime("%H.%M") if moment else None
