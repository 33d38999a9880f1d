"""kepegawaian's declarative base, the kit's tables and the roster copy: every employee and org unit as personnel
publishes them, with the career facts kepegawaian reasons about (rank and its TMT, the last KGB, the position's
level for the retirement age, birth date, supervisor, status). personnel owns them; kepegawaian never writes
them except from personnel's events and snapshot."""
from __future__ import annotations

from datetime import date

from situok_kit.roster import RosterEmployeeColumns, RosterSyncRunColumns, RosterUnitColumns
from situok_kit.tables import add_kit_tables, service_metadata, utcnow  # noqa: F401  (utcnow for the models)
from sqlalchemy import Date, Index, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    metadata = service_metadata()


kit_tables = add_kit_tables(Base.metadata)


class RosterUnit(RosterUnitColumns, Base):
    pass


class RosterEmployee(RosterEmployeeColumns, Base):
    __table_args__ = (Index(None, "unit_id"), Index("ix_roster_employees_name_id", "name", "id"),
                      Index(None, "supervisor_id"))

    nik: Mapped[str | None] = mapped_column(String(16))
    gender: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date)
    birth_place: Mapped[str | None] = mapped_column(String(100))
    golongan: Mapped[str | None] = mapped_column(String(6))
    pangkat: Mapped[str | None] = mapped_column(String(60))
    pppk_grade: Mapped[str | None] = mapped_column(String(5))
    tmt_cpns: Mapped[date | None] = mapped_column(Date)
    rank_tmt: Mapped[date | None] = mapped_column(Date)
    kgb_tmt: Mapped[date | None] = mapped_column(Date)
    position_id: Mapped[int | None] = mapped_column(Integer)
    position_kind: Mapped[str | None] = mapped_column(String(20))
    position_level: Mapped[str | None] = mapped_column(String(20))
    position_tmt: Mapped[date | None] = mapped_column(Date)
    kelas_jabatan: Mapped[int | None] = mapped_column(Integer)
    supervisor_id: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str | None] = mapped_column(String(30))
    status_since: Mapped[date | None] = mapped_column(Date)


class RosterSyncRun(RosterSyncRunColumns, Base):
    pass
