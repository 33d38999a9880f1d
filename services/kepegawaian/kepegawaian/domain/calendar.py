"""attendance's holiday calendar, asked as the system: ``attendance.list_holidays(year=Y)`` answers
``HolidayOut`` rows (``{date, name, kind, verify, source}``; ``kind`` is ``nasional``, ``cuti_bersama`` or
``bali``). ``holidays`` turns the years a leave touches into ``{date: kind}`` — the map
``leave_rules.count_days`` takes.

attendance away (no queue, no answer in time, the broker unreachable) is ``ServiceUnavailable`` (503): nothing
is written. The leave area takes a **holiday source** (``HolidaySource``: ``years -> {date: kind}``) as a
dependency — ``source(amqp_uri)`` in the service, a fixed map in tests (``fixed``)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from nameko.exceptions import RpcTimeout
from situok_kit.config import env_float
from situok_kit.errors import ServiceUnavailable
from situok_kit.identity import system_context
from situok_kit.outage import is_outage
from situok_kit.rpc import cluster_proxy

AWAY = ("Kalender hari libur (layanan presensi) sedang tidak tersedia, sehingga hari kerja cuti tidak dapat "
        "dihitung; coba lagi sebentar lagi. Tidak ada yang disimpan.")

HolidaySource = Callable[[Iterable[int]], dict[date, str]]


def to_map(rows: Iterable[dict]) -> dict[date, str]:
    """attendance's ``HolidayOut`` rows → ``{date: kind}`` (a national or Bali holiday wins over a cuti bersama
    on the same day)."""
    found: dict[date, str] = {}
    for row in rows:
        raw = row.get("date") or row.get("day")
        day = raw if isinstance(raw, date) else date.fromisoformat(str(raw)[:10])
        kind = row.get("kind") or "nasional"
        if found.get(day) in (None, "cuti_bersama"):
            found[day] = kind
    return found


def fetch(amqp_uri: str, years: Iterable[int], timeout: float | None = None) -> dict[date, str]:
    timeout = env_float("SITUOK_RPC_TIMEOUT") if timeout is None else timeout
    proxy = cluster_proxy(amqp_uri, timeout=timeout, context_data=system_context())
    rows: list[dict] = []
    try:
        attendance = proxy.start().attendance
        for year in sorted(set(years)):
            rows.extend(attendance.list_holidays(year=year))
    except RpcTimeout:
        raise ServiceUnavailable(AWAY) from None
    except Exception as exc:
        if is_outage(exc):
            raise ServiceUnavailable(AWAY) from None
        raise
    finally:
        proxy.stop()
    return to_map(rows)


def source(amqp_uri: str, timeout: float | None = None) -> HolidaySource:
    """attendance's calendar through the broker."""
    return lambda years: fetch(amqp_uri, years, timeout)


def fixed(holidays: dict[date, str]) -> HolidaySource:
    """A fixed map (tests, or a service configured without attendance)."""
    return lambda years: {d: k for d, k in holidays.items() if d.year in set(years)}
