"""Shared helpers for the travel tests (a uniquely named module, so several services' tests can share a
pytest session without ``conftest`` clashes)."""
from __future__ import annotations

import base64
import itertools
from dataclasses import dataclass
from datetime import date, timedelta

from situok_kit import testing
from situok_kit.config import ServiceSettings
from situok_kit.identity import Identity
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session
from travel.models import RosterEmployee

FISCAL_YEARS = (2026, 2027)
_windows = itertools.count()


def trip_dates(days: int = 2) -> tuple[str, str]:
    """A fresh (departure, return) window no other test uses, so trips of the same people never overlap by
    accident (the overlap test makes its overlaps on purpose)."""
    start = date(2026, 1, 5) + timedelta(days=3 * next(_windows))
    return start.isoformat(), (start + timedelta(days=days - 1)).isoformat()


def service_config(service: str, amqp_uri: str, db_url: str) -> dict:
    settings = ServiceSettings(service=service, amqp_uri=amqp_uri, db_url=db_url, http_port=testing.free_port(),
                               max_workers=10, rpc_timeout=10)
    config = settings.nameko_config()
    config["WEB_SERVER_ADDRESS"] = f"127.0.0.1:{settings.http_port}"
    return config


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


@dataclass
class Bureau:
    personnel_engine: object
    travel_engine: object
    employee_ids: dict[str, int]
    unit_ids: dict[str, int]

    # -- identities: what the gateway would put in context --------------------------------
    def account(self, username: str) -> Identity:
        return testing.account_identity(self.personnel_engine, username)

    def as_(self, key: str, *roles: str) -> Identity:
        """An identity for the seeded employee ``key`` holding ``roles`` (default: pegawai)."""
        return testing.employee_identity(key, self.employee_ids[key], *roles)

    def admin(self) -> Identity:
        return self.account("admin")

    # -- looking at the databases -----------------------------------------------------------
    def travel(self, statement, params=None):
        with Session(self.travel_engine) as session:
            return session.execute(text(statement) if isinstance(statement, str) else statement,
                                   params or {}).all()

    def travel_scalar(self, statement, params=None):
        with Session(self.travel_engine) as session:
            return session.scalar(text(statement) if isinstance(statement, str) else statement, params or {})

    def roster_count(self) -> int:
        return self.travel_scalar(select(func.count()).select_from(RosterEmployee))

    def roster(self, employee_id: int):
        with Session(self.travel_engine) as session:
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
    }
    data.update(extra)
    return data
