"""Small shared pieces: WITA days, the data files, who did it."""
from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from situok_kit.identity import Identity

from ..models import utcnow

WITA = ZoneInfo("Asia/Makassar")
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def wita_day(moment: datetime | None = None) -> date:
    """The WITA calendar day of ``moment`` (default: now)."""
    return (moment or utcnow()).astimezone(WITA).date()


def read_data(name: str) -> list[dict]:
    """Rows of ``travel/data/<name>`` (CSV with a header; lines starting with ``#`` are comments)."""
    with open(DATA_DIR / name, newline="", encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [{k: (v.strip() if isinstance(v, str) else v) for k, v in row.items()} for row in csv.DictReader(lines)]


def provinces() -> dict[str, str]:
    """Province code -> name (38 provinces)."""
    return {row["code"]: row["name"] for row in read_data("provinces.csv")}


PROVINCES = provinces()


def actor_name(identity: Identity) -> str:
    return identity.username or f"account:{identity.account_id}"
