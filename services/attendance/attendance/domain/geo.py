"""Distances on the earth (haversine) and the nearest work location."""
from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two WGS84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    radius_m: int


@dataclass(frozen=True)
class Fix:
    place: Place
    distance_m: int

    @property
    def inside(self) -> bool:
        return self.distance_m <= self.place.radius_m


def nearest(places: list[Place], latitude: float, longitude: float) -> Fix | None:
    """The nearest place (rounded metres), or None when there is none."""
    best = None
    for place in places:
        d = haversine_m(latitude, longitude, place.latitude, place.longitude)
        if best is None or d < best[1]:
            best = (place, d)
    return Fix(best[0], round(best[1])) if best else None


def format_m(metres: int) -> str:
    """``350 m``, ``1.250 m`` (Indonesian thousands separator)."""
    return f"{metres:,} m".replace(",", ".")
