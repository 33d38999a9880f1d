"""Shared helpers for the travel tests (a uniquely named module, so several services' tests can share a
pytest session without ``conftest`` clashes)."""
from __future__ import annotations

import base64
import itertools
from datetime import date, timedelta

from situok_kit import fixtures
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from travel.models import RosterEmployee

FISCAL_YEARS = (2026, 2027)
_windows = itertools.count()


def trip_dates(days: int = 2) -> tuple[str, str]:
    """A fresh (departure, return) window no other test uses, so trips of the same people never overlap by
    accident (the overlap test makes its overlaps on purpose)."""
    start = date(2026, 1, 5) + timedelta(days=3 * next(_windows))
    return start.isoformat(), (start + timedelta(days=days - 1)).isoformat()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


class Bureau(fixtures.Bureau):
    """The kit's seeded bureau (identities, SQL on travel's database) with travel's names for it."""

    travel = fixtures.Bureau.rows
    travel_scalar = fixtures.Bureau.scalar

    @property
    def travel_engine(self):
        return self.engine

    def roster_count(self) -> int:
        return self.scalar(select(func.count()).select_from(RosterEmployee))

    def roster(self, employee_id: int):
        with Session(self.engine) as session:
            return session.get(RosterEmployee, employee_id)


def order_data(bureau: Bureau, *keys: str, dates: tuple[str, str] | None = None, **extra) -> dict:
    departure, return_ = dates or trip_dates()
    data = {
        "travellers": [{"employee_id": bureau.employee_ids[k]} for k in keys],
        "basis": ["DPA Biro Umum dan Protokol Tahun Anggaran 2026", "Undangan Kementerian Dalam Negeri"],
        "purpose": "Koordinasi pengelolaan tata usaha pimpinan",
        "destinations": [{"province_code": "31", "city": "Jakarta Pusat"}],
        "departure_date": departure, "return_date": return_,
        "category": "luar_kota", "transport": "umum",
        "budget_agency": "Biro Umum dan Protokol Setda Provinsi Bali",
        "budget_account": "5.1.02.04.01.0001",
        "sub_activity_code": "4.01.01.2.06.0001", "account_code": "5.1.02.04.01.0001",
    }
    data.update(extra)
    return data
