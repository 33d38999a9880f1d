"""How far a check-in or check-out's position can be believed: a pure function (no database, no clock).

The position, its accuracy and the selfie all come from the browser, and a browser can be told anything
(developer tools, a fake-GPS app, a replayed request). The server cannot prove where a phone is; what it can do
is notice what does not add up and send those records to the supervisor's review queue (the record's
``*_review`` flag, with the reasons in ``*_review_reasons``) instead of accepting them silently. Every rule is
a setting (``settings`` rows; defaults in ``DEFAULTS``, 0/empty/false switches one off):

``geofence_max_accuracy_m``  the browser reports its accuracy worse than this many metres (or none at all)
                              → ``akurasi`` (a spoofer often reports a round or huge value; a real indoor fix
                              is usually under 100 m)
``selfie_required``           no selfie sent → refused (``ValidationFailed`` on ``selfie_b64``), not flagged
``office_networks``           CIDR ranges of the office networks (e.g. ``["10.20.0.0/16"]``); a client address
                              outside all of them, or none known, → ``jaringan``
``max_speed_kmh``             the implied speed from the employee's previous check-in/out to this one is
                              above this (e.g. Denpasar → Jakarta in an hour) → ``kecepatan``

Being outside the geofence is ``luar_area`` when ``geofence_mode`` is ``tinjau`` (``tolak`` refuses it before
these rules run).
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime

from . import geo

DEFAULTS = {"geofence_max_accuracy_m": 100, "selfie_required": False, "office_networks": [],
            "max_speed_kmh": 150}
#: Why a record is in the review queue, and how a supervisor reads each reason.
REASONS = {
    "luar_area": "Di luar area kantor",
    "akurasi": "Akurasi lokasi buruk atau tidak dilaporkan",
    "jaringan": "Bukan dari jaringan kantor",
    "kecepatan": "Perpindahan tidak wajar dari absen sebelumnya",
}
#: Below this distance (metres) two fixes are one place whatever the time between them (GPS jitter).
JITTER_M = 1000


@dataclass(frozen=True)
class Point:
    """Where and when the employee was last recorded (their previous check-in or check-out)."""

    at: datetime
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Verdict:
    reasons: tuple[str, ...]

    @property
    def suspicious(self) -> bool:
        return bool(self.reasons)


def parse_networks(values) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """CIDR strings as networks (``ValueError`` on a malformed one; host bits are allowed)."""
    return [ipaddress.ip_network(str(v).strip(), strict=False) for v in values or []]


def client_ip(address: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The client's address (``X-Forwarded-For``'s first entry as the edge saw it), or None if unusable."""
    if not address:
        return None
    text = str(address).rsplit(",", 1)[-1].strip()
    if text.startswith("[") and "]" in text:            # [v6]:port
        text = text[1:text.index("]")]
    elif text.count(":") == 1:                           # v4:port
        text = text.split(":", 1)[0]
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        return ip.ipv4_mapped
    return ip


def speed_kmh(previous: Point, at: datetime, latitude: float, longitude: float) -> float | None:
    """The implied speed from ``previous`` to here and now (None when the two are one place)."""
    metres = geo.haversine_m(previous.latitude, previous.longitude, latitude, longitude)
    if metres < JITTER_M:
        return None
    hours = max((at - previous.at).total_seconds(), 1.0) / 3600
    return metres / 1000 / hours


def judge(settings: dict, *, at: datetime, latitude: float, longitude: float, accuracy: float | None,
          outside: bool, client_address: str | None, previous: Point | None) -> Verdict:
    """The reasons (``REASONS`` keys, in that order) a position should be reviewed; none: accept it as is.

    ``settings`` is attendance's settings (missing keys take ``DEFAULTS``); ``outside`` says the position is
    outside every work location and ``geofence_mode`` let it through; ``previous`` is the employee's latest
    earlier check-in or check-out."""
    rules = {**DEFAULTS, **{k: v for k, v in settings.items() if k in DEFAULTS and v is not None}}
    reasons = []
    if outside:
        reasons.append("luar_area")
    limit = rules["geofence_max_accuracy_m"]
    if limit and (accuracy is None or accuracy > limit):
        reasons.append("akurasi")
    networks = parse_networks(rules["office_networks"])
    if networks:
        ip = client_ip(client_address)
        if ip is None or not any(ip.version == n.version and ip in n for n in networks):
            reasons.append("jaringan")
    max_speed = rules["max_speed_kmh"]
    if max_speed and previous is not None:
        speed = speed_kmh(previous, at, latitude, longitude)
        if speed is not None and speed > max_speed:
            reasons.append("kecepatan")
    return Verdict(tuple(reasons))


def describe(reasons) -> str | None:
    """The reasons as one line for people (``None`` without any)."""
    return "; ".join(REASONS.get(r, r) for r in reasons) or None
