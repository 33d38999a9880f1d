"""Small shared pieces: WITA days, the data files, who did it, letter links, and ``View``."""
from __future__ import annotations

import csv
import os
import re
from pathlib import Path

from situok_kit.clock import WITA, wita_day  # noqa: F401  (the domain's WITA days: situok_kit.clock)
from situok_kit.config import env
from situok_kit.identity import Identity
from situok_kit.outputs import View  # noqa: F401  (travel's modules take it from here)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def read_data(name: str) -> list[dict]:
    """Rows of ``travel/data/<name>`` (CSV with a header; lines starting with ``#`` are comments)."""
    with open(DATA_DIR / name, newline="", encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [{k: (v.strip() if isinstance(v, str) else v) for k, v in row.items()} for row in csv.DictReader(lines)]


def provinces() -> dict[str, str]:
    """Province code -> name (38 provinces)."""
    return {row["code"]: row["name"] for row in read_data("provinces.csv")}


PROVINCES = provinces()

#: The shapes of a DPA sub-kegiatan code and of a spending account code (Kepmendagri 050-5889/2021), as
#: finance's budget loads them: ``4.01.01.2.06.0001`` and ``5.1.02.04.01.0001``.
SUB_ACTIVITY_CODE = re.compile(r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}$")
ACCOUNT_CODE = re.compile(r"^5\.\d\.\d{2}\.\d{2}\.\d{2}\.\d{4}$")


def actor_name(identity: Identity) -> str:
    return identity.username or f"account:{identity.account_id}"


def public_url() -> str:
    """``SITUOK_PUBLIC_URL`` (the kit's setting; default http://localhost:8000), without a trailing slash."""
    return (env("SITUOK_PUBLIC_URL") or os.environ.get("SITUOK_PUBLIC_URL") or "http://localhost:8000").rstrip("/")


def verify_url(token: str | None) -> str | None:
    """Where a letter's QR code points: the public verification page of its token."""
    return f"{public_url()}/verifikasi/{token}" if token else None
