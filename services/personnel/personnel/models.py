"""The personnel database: org units, positions, employees, accounts, login sessions.

Invariants that concurrency could break live in the database: unique NIP, NIK,
username and org-unit code, one account per employee, one head position per
unit, and check constraints on every code-like column. The domain layer checks
the same rules first so users get a precise message; the constraints catch races.
"""
from __future__ import annotations

import uuid
from datetime import date, datetime

from situok_contracts.positions import EMPLOYEE_STATUSES, LEVEL_LABELS, POSITION_LEVELS, STATUS_LABELS
from situok_contracts.roles import ROLES
from situok_kit.tables import add_kit_tables, service_metadata, utcnow
from situok_kit.tables import sql_in as _in
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Uuid,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from .domain.identifiers import GOLONGAN, PANGKAT, PPPK_GRADES

ORG_UNIT_KINDS = ("biro", "bagian", "subbagian")
POSITION_KINDS = ("struktural", "fungsional", "pelaksana")
EMPLOYMENT_TYPES = ("pns", "pppk", "non_asn")
GENDERS = ("L", "P")
#: What an employee's history entry records (``EmployeeHistory.kind``): unit, position, rank (golongan of a PNS
#: or grade of a PPPK), grade (kelas jabatan), periodic salary raise (KGB) and status.
HISTORY_KINDS = ("unit", "position", "rank", "grade", "kgb", "status")


def full_name(name: str, front_title: str | None, back_title: str | None) -> str:
    """Name with academic titles as written on letters: ``Dr. I Made Sukarta, S.H., M.Si.``"""
    text_ = f"{front_title} {name}" if front_title else name
    return f"{text_}, {back_title}" if back_title else text_


class Base(DeclarativeBase):
    metadata = service_metadata()


kit_tables = add_kit_tables(Base.metadata)


class OrgUnit(Base):
    """Biro -> Bagian -> Subbagian. ``kind`` must fit the parent's kind (checked in the domain)."""

    __tablename__ = "org_units"
    __table_args__ = (
        CheckConstraint(_in("kind", ORG_UNIT_KINDS), name="kind"),
        CheckConstraint("(kind = 'biro') = (parent_id IS NULL)", name="root_is_biro"),
        CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
        CheckConstraint("code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'", name="code_format"),
        Index(None, "parent_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id", ondelete="RESTRICT"))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    parent: Mapped[OrgUnit | None] = relationship(remote_side=[id])


class Position(Base):
    """A jabatan in a unit. At most one head position (Kepala ...) per unit."""

    __tablename__ = "positions"
    __table_args__ = (
        CheckConstraint(_in("kind", POSITION_KINDS), name="kind"),
        CheckConstraint("NOT is_head OR kind = 'struktural'", name="head_is_struktural"),
        CheckConstraint(f"level IS NULL OR {_in('level', POSITION_LEVELS)}", name="level"),
        CheckConstraint("kelas_jabatan IS NULL OR kelas_jabatan BETWEEN 1 AND 17", name="kelas_jabatan"),
        Index("uq_positions_head_per_unit", "unit_id", unique=True, postgresql_where=text("is_head")),
        Index(None, "unit_id", "name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(20))
    is_head: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    #: Jenjang jabatan (``situok_contracts.positions.POSITION_LEVELS``) and kelas jabatan (1-17); both optional.
    level: Mapped[str | None] = mapped_column(String(20))
    kelas_jabatan: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    @property
    def level_label(self) -> str | None:
        return LEVEL_LABELS.get(self.level) if self.level else None


class Employee(Base):
    """A pegawai: PNS and PPPK (ASN) carry an 18-digit NIP, non-ASN a 16-digit NIK."""

    __tablename__ = "employees"
    __table_args__ = (
        CheckConstraint(_in("employment_type", EMPLOYMENT_TYPES), name="employment_type"),
        CheckConstraint("nip ~ '^[0-9]{18}$'", name="nip_format"),
        CheckConstraint("nik ~ '^[0-9]{16}$'", name="nik_format"),
        CheckConstraint("(employment_type = 'non_asn') = (nip IS NULL)", name="nip_iff_asn"),
        CheckConstraint("employment_type <> 'non_asn' OR nik IS NOT NULL", name="non_asn_has_nik"),
        CheckConstraint(_in("gender", GENDERS), name="gender"),
        CheckConstraint(f"golongan IS NULL OR (employment_type = 'pns' AND {_in('golongan', GOLONGAN)})",
                        name="golongan"),
        CheckConstraint(f"pppk_grade IS NULL OR (employment_type = 'pppk' AND {_in('pppk_grade', PPPK_GRADES)})",
                        name="pppk_grade"),
        CheckConstraint("supervisor_id IS NULL OR supervisor_id <> id", name="not_own_supervisor"),
        CheckConstraint("length(btrim(name)) > 0", name="name_not_blank"),
        CheckConstraint(_in("status", EMPLOYEE_STATUSES), name="status"),
        CheckConstraint("active = (status = 'aktif')", name="active_iff_aktif"),
        Index("ix_employees_name_id", "name", "id"),
        Index("ix_employees_unit_name_id", "unit_id", "name", "id"),
        Index(None, "employment_type"),
        Index(None, "golongan"),
        Index(None, "supervisor_id"),
        Index(None, "position_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employment_type: Mapped[str] = mapped_column(String(10))
    nip: Mapped[str | None] = mapped_column(String(18), unique=True)
    nik: Mapped[str | None] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(150))
    front_title: Mapped[str | None] = mapped_column(String(50))
    back_title: Mapped[str | None] = mapped_column(String(80))
    gender: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[date | None] = mapped_column(Date)
    birth_place: Mapped[str | None] = mapped_column(String(100))
    golongan: Mapped[str | None] = mapped_column(String(6))
    pppk_grade: Mapped[str | None] = mapped_column(String(5))
    tmt_cpns: Mapped[date | None] = mapped_column(Date)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id", ondelete="RESTRICT"))
    position_id: Mapped[int | None] = mapped_column(ForeignKey("positions.id", ondelete="RESTRICT"))
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id", ondelete="RESTRICT"))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(30))
    #: TMT of the current golongan (PNS) or grade (PPPK), of the last KGB, of the current position.
    rank_tmt: Mapped[date | None] = mapped_column(Date)
    kgb_tmt: Mapped[date | None] = mapped_column(Date)
    position_tmt: Mapped[date | None] = mapped_column(Date)
    #: ``active`` is ``status == 'aktif'`` (a check constraint keeps them together).
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    status: Mapped[str] = mapped_column(String(30), default="aktif", server_default=text("'aktif'"))
    status_since: Mapped[date | None] = mapped_column(Date)
    deactivation_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    # Loaded lazily by default; queries that list employees join them explicitly (see domain.employees).
    unit: Mapped[OrgUnit] = relationship()
    position: Mapped[Position | None] = relationship()
    supervisor: Mapped[Employee | None] = relationship(remote_side=[id])

    @property
    def is_asn(self) -> bool:
        return self.employment_type in ("pns", "pppk")

    @property
    def full_name(self) -> str:
        return full_name(self.name, self.front_title, self.back_title)

    @property
    def pangkat(self) -> str | None:
        return PANGKAT.get(self.golongan) if self.golongan else None

    @property
    def unit_name(self) -> str | None:
        return self.unit.name if self.unit is not None else None

    @property
    def position_name(self) -> str | None:
        return self.position.name if self.position is not None else None

    @property
    def supervisor_name(self) -> str | None:
        return self.supervisor.full_name if self.supervisor is not None else None

    @property
    def position_kind(self) -> str | None:
        return self.position.kind if self.position is not None else None

    @property
    def position_level(self) -> str | None:
        return self.position.level if self.position is not None else None

    @property
    def kelas_jabatan(self) -> int | None:
        return self.position.kelas_jabatan if self.position is not None else None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


class EmployeeHistory(Base):
    """One entry of an employee's career history: a change of unit, position, rank, grade, KGB or status, with
    its effective date (TMT) and the decree (SK) behind it. The decree is empty only for entries written by a
    plain edit of the employee record. ``recorded_by_*`` say who recorded it (the audit trail of the register)."""

    __tablename__ = "employee_history"
    __table_args__ = (
        CheckConstraint(_in("kind", HISTORY_KINDS), name="kind"),
        CheckConstraint("(decree_number IS NULL) = (decree_date IS NULL)", name="decree_complete"),
        Index("ix_employee_history_employee_tmt_id", "employee_id", "tmt", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = mapped_column(ForeignKey("employees.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(20))
    before_value: Mapped[str | None] = mapped_column(String(100))
    before_label: Mapped[str | None] = mapped_column(String(300))
    after_value: Mapped[str | None] = mapped_column(String(100))
    after_label: Mapped[str | None] = mapped_column(String(300))
    tmt: Mapped[date] = mapped_column(Date)
    decree_number: Mapped[str | None] = mapped_column(String(100))
    decree_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by_account_id: Mapped[int | None] = mapped_column(Integer)
    recorded_by: Mapped[str | None] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())


class Account(Base):
    """A login. Roles are a Postgres array restricted to the platform's role names."""

    __tablename__ = "accounts"
    __table_args__ = (
        CheckConstraint("username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'", name="username_format"),
        CheckConstraint(f"roles <@ ARRAY[{', '.join(repr(r) for r in ROLES)}]::varchar[]", name="roles_known"),
        CheckConstraint("cardinality(roles) > 0", name="roles_not_empty"),
        CheckConstraint("failed_attempts >= 0", name="failed_attempts"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id", ondelete="RESTRICT"), unique=True)
    roles: Mapped[list[str]] = mapped_column(ARRAY(String(32)))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    password_changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                          server_default=func.now())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    employee: Mapped[Employee | None] = relationship()


class LoginSession(Base):
    """One login: the refresh token (stored only as its SHA-256) rotates; the id stays.

    ``previous_token_hash`` remembers the token replaced by the last rotation so a
    replayed (stolen) refresh token is recognised and the session revoked.
    """

    __tablename__ = "sessions"
    __table_args__ = (
        Index(None, "account_id"),
        Index("ix_sessions_revoked_at", "revoked_at", postgresql_where=text("revoked_at IS NOT NULL")),
        Index("ix_sessions_previous_token_hash", "previous_token_hash"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    refresh_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    previous_token_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    refreshed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    account: Mapped[Account] = relationship()


class LoginThrottle(Base):
    """Recent failed logins of one key — ``account:<username>``, ``pair:<username>|<address>`` or
    ``address:<address>`` — and until when further attempts from that source must wait (``domain.auth``).

    Keys exist for unknown usernames too, so a throttled name tells nothing about whether it has an account.
    Rows whose last failure is older than the window are forgotten (and purged by later failures).
    """

    __tablename__ = "login_throttles"
    __table_args__ = (
        CheckConstraint("failures >= 0", name="failures"),
        Index(None, "last_failure_at"),
    )

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    last_failure_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    blocked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
