"""agenda's declarative base, the kit's tables and the roster copy (employees and units from personnel:
organisers, protocol staff, approvers, staff who answer feedback)."""
from __future__ import annotations

from situok_kit.roster import RosterEmployeeColumns, RosterSyncRunColumns, RosterUnitColumns
from situok_kit.tables import add_kit_tables, service_metadata, utcnow  # noqa: F401  (utcnow for the models)
from sqlalchemy import Index
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    metadata = service_metadata()


kit_tables = add_kit_tables(Base.metadata)


class RosterUnit(RosterUnitColumns, Base):
    pass


class RosterEmployee(RosterEmployeeColumns, Base):
    __table_args__ = (Index(None, "unit_id"), Index("ix_roster_employees_name_id", "name", "id"))


class RosterSyncRun(RosterSyncRunColumns, Base):
    pass
