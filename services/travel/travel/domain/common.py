"""Small shared pieces: WITA days, the data files, who did it, letter links, and ``View``."""
from __future__ import annotations

import csv
import os
from pathlib import Path

from situok_kit.clock import WITA, wita_day  # noqa: F401  (the domain's WITA days: situok_kit.clock)
from situok_kit.config import env
from situok_kit.identity import Identity

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


def actor_name(identity: Identity) -> str:
    return identity.username or f"account:{identity.account_id}"


def public_url() -> str:
    """``SITUOK_PUBLIC_URL`` (the kit's setting; default http://localhost:8000), without a trailing slash."""
    return (env("SITUOK_PUBLIC_URL") or os.environ.get("SITUOK_PUBLIC_URL") or "http://localhost:8000").rstrip("/")


def verify_url(token: str | None) -> str | None:
    """Where a letter's QR code points: the public verification page of its token."""
    return f"{public_url()}/verifikasi/{token}" if token else None


class View:
    """A record as one answer shows it: ``facts`` first, then the record's own attributes.

    Output schemas dump a ``View`` like the record itself, so an answer can add what is not stored on the
    record (what the caller may do now, its history, an event's note) without a second description of its
    shape. An attribute neither has is left out of the dump.
    """

    __slots__ = ("record", "facts")

    def __init__(self, record: object = None, **facts):
        self.record = record
        self.facts = facts

    def __getattr__(self, name: str):
        facts = object.__getattribute__(self, "facts")
        if name in facts:
            return facts[name]
        return getattr(object.__getattribute__(self, "record"), name)
