"""The attendance database: roster copy, setup data (locations, schedules, periods, holidays, weights,
settings), daily records, leave requests, corrections and duty days (dinas luar, from travel).

Times are stored in UTC (``timestamptz``); a ``day`` is a WITA (Asia/Makassar) calendar date. Invariants
concurrency could break live in the database:

* one record per employee and day (``uq_attendance_records_employee_id_day``): a double tap or a
  concurrent retry records once;
* one schedule row per (unit, period, weekday) (NULLS NOT DISTINCT: the default schedule has no unit);
* one duty row per (order, employee); weights are integers (basis points).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from situok_kit.leave_copy import LeaveCopyColumns
from situok_kit.roster import RosterEmployeeColumns, RosterSyncRunColumns, RosterUnitColumns
from situok_kit.tables import add_kit_tables, service_metadata, utcnow
from situok_kit.tables import sql_in as _in
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    Time,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

PERIODS = ("normal", "ramadan")
HOLIDAY_KINDS = ("nasional", "cuti_bersama", "bali")
LEAVE_KINDS = ("izin", "sakit", "cuti")
#: Statuses of leave requests and corrections (the states of their workflow tables, ``domain.workflow``).
REQUEST_STATUSES = ("submitted", "approved", "rejected", "cancelled")
CORRECTION_KINDS = ("check_in", "check_out")
#: The sides of a day's record a supervisor reviews, and what the review queue lets them do (``domain.review``).
REVIEW_SIDES = CORRECTION_KINDS
REVIEW_ACTIONS = ("mark_reviewed",)
WEIGHT_CODES = ("TL1", "TL2", "TL3", "TL4", "PSW1", "PSW2", "PSW3", "PSW4", "ALPA")
#: A cancelled request or correction says when it was cancelled; no other one does.
CANCELLED_HAS_TIME = "(status = 'cancelled') = (cancelled_at IS NOT NULL)"


class Base(DeclarativeBase):
    metadata = service_metadata()


kit_tables = add_kit_tables(Base.metadata)


# -- the roster copy (personnel's events + snapshot; see situok_kit.roster) -------------------

class RosterUnit(RosterUnitColumns, Base):
    pass


class RosterEmployee(RosterEmployeeColumns, Base):
    """Every employee (ASN too: supervisors and unit heads are ASN); statuses are kept for non-ASN only.
    Beside the shared columns: the NIK (non-ASN have no NIP) and who approves their requests."""

    __table_args__ = (Index(None, "unit_id"), Index(None, "supervisor_id"),
                      Index("ix_roster_employees_name_id", "name", "id"))

    nik: Mapped[str | None] = mapped_column(String(16))
    supervisor_id: Mapped[int | None] = mapped_column(Integer)


class RosterSyncRun(RosterSyncRunColumns, Base):
    pass


# -- setup data (seeded, the admin's to change) ------------------------------------------------

class WorkLocation(Base):
    __tablename__ = "work_locations"
    __table_args__ = (
        CheckConstraint("latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180", name="coordinates"),
        CheckConstraint("radius_m > 0", name="radius"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    radius_m: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))


class WorkSchedule(Base):
    """Hours of one weekday (0 = Monday) in one period, for a unit (and its sub-units) or, with no unit,
    for everyone. A weekday without a row is not a working day."""

    __tablename__ = "work_schedules"
    __table_args__ = (
        UniqueConstraint("unit_id", "period", "weekday", postgresql_nulls_not_distinct=True),
        CheckConstraint(_in("period", PERIODS), name="period"),
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("start_time < end_time", name="hours"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(Integer)
    period: Mapped[str] = mapped_column(String(20))
    weekday: Mapped[int] = mapped_column(Integer)
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    break_start: Mapped[time | None] = mapped_column(Time)
    break_end: Mapped[time | None] = mapped_column(Time)
    note: Mapped[str | None] = mapped_column(String(200))


class SpecialPeriod(Base):
    """Dates a period other than ``normal`` applies (Ramadan of a year): data, not code."""

    __tablename__ = "special_periods"
    __table_args__ = (
        CheckConstraint(_in("period", PERIODS) + " AND period <> 'normal'", name="period"),
        CheckConstraint("start_date <= end_date", name="dates"),
        UniqueConstraint("period", "start_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(120))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    verify: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))


class Holiday(Base):
    __tablename__ = "holidays"
    __table_args__ = (CheckConstraint(_in("kind", HOLIDAY_KINDS), name="kind"),)

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    verify: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    source: Mapped[str | None] = mapped_column(String(200))


class DeductionWeight(Base):
    """Deduction per band (TL1..TL4, PSW1..PSW4, ALPA) in basis points (100 = 1 %) of the allowance."""

    __tablename__ = "deduction_weights"
    __table_args__ = (CheckConstraint(_in("code", WEIGHT_CODES), name="code"),
                      CheckConstraint("weight_bp BETWEEN 0 AND 10000", name="weight"))

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    weight_bp: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(String(200))
    verify: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[dict] = mapped_column(JSONB)


# -- what happens every day -------------------------------------------------------------------

@dataclass(frozen=True)
class Side:
    """One side of a day's record: the check-in or the check-out (never the selfie's bytes)."""

    at: datetime
    latitude: float
    longitude: float
    accuracy: float | None
    location: str | None
    distance_m: int | None
    needs_review: bool
    has_selfie: bool
    #: Why it needs review (``domain.honesty.REASONS`` keys).
    review_reasons: tuple[str, ...] = ()

    @property
    def review_note(self) -> str | None:
        return "perlu ditinjau" if self.needs_review else None


@dataclass(frozen=True)
class Attachment:
    """A leave request's attachment."""

    filename: str
    content_type: str
    content: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


class AttendanceRecord(Base):
    __tablename__ = "attendance_records"
    __table_args__ = (UniqueConstraint("employee_id", "day"), Index(None, "day"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = mapped_column(Integer)
    day: Mapped[date] = mapped_column(Date)
    check_in_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    check_in_latitude: Mapped[float] = mapped_column(Float)
    check_in_longitude: Mapped[float] = mapped_column(Float)
    check_in_accuracy: Mapped[float | None] = mapped_column(Float)
    check_in_location: Mapped[str | None] = mapped_column(String(200))
    check_in_distance_m: Mapped[int | None] = mapped_column(Integer)
    check_in_review: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    #: Why it is in the review queue (``domain.honesty.REASONS`` keys, comma-separated; null: not flagged).
    check_in_review_reasons: Mapped[str | None] = mapped_column(String(200))
    check_in_selfie: Mapped[bytes | None] = mapped_column(LargeBinary)
    #: Who took it off the review queue (``domain.review.mark_reviewed``), when, with what note.
    check_in_reviewed_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    check_in_reviewed_by_username: Mapped[str | None] = mapped_column(String(100))
    check_in_reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    check_in_review_note: Mapped[str | None] = mapped_column(Text)
    check_in_fingerprint: Mapped[str] = mapped_column(String(64))
    check_out_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    check_out_latitude: Mapped[float | None] = mapped_column(Float)
    check_out_longitude: Mapped[float | None] = mapped_column(Float)
    check_out_accuracy: Mapped[float | None] = mapped_column(Float)
    check_out_location: Mapped[str | None] = mapped_column(String(200))
    check_out_distance_m: Mapped[int | None] = mapped_column(Integer)
    check_out_review: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    check_out_review_reasons: Mapped[str | None] = mapped_column(String(200))
    check_out_selfie: Mapped[bytes | None] = mapped_column(LargeBinary)
    check_out_reviewed_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    check_out_reviewed_by_username: Mapped[str | None] = mapped_column(String(100))
    check_out_reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    check_out_review_note: Mapped[str | None] = mapped_column(Text)
    check_out_fingerprint: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    def _side(self, prefix: str) -> Side | None:
        at = getattr(self, f"{prefix}_at")
        if at is None:
            return None
        return Side(at, getattr(self, f"{prefix}_latitude"), getattr(self, f"{prefix}_longitude"),
                    getattr(self, f"{prefix}_accuracy"), getattr(self, f"{prefix}_location"),
                    getattr(self, f"{prefix}_distance_m"), getattr(self, f"{prefix}_review"),
                    getattr(self, f"{prefix}_selfie") is not None,
                    tuple(filter(None, (getattr(self, f"{prefix}_review_reasons") or "").split(","))))

    @property
    def check_in(self) -> Side | None:
        return self._side("check_in")

    @property
    def check_out(self) -> Side | None:
        return self._side("check_out")


class WorkflowColumns:
    """What a leave request and a correction both keep of their way through their workflow table
    (``domain.workflow``): the status, who submitted it, who decided and how, who cancelled and why (a mixin:
    its columns come after each table's own)."""

    status: Mapped[str] = mapped_column(String(12), default="submitted")
    submitted_by_account_id: Mapped[int] = mapped_column(Integer)
    decided_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    decided_by_username: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decision_note: Mapped[str | None] = mapped_column(Text)
    cancelled_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    cancelled_by_username: Mapped[str | None] = mapped_column(String(100))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())


class LeaveRequest(WorkflowColumns, Base):
    """Izin / sakit / cuti for whole days, with an attachment; the supervisor decides, the employee may cancel.
    ``decided_*`` record the approval or rejection, ``cancelled_*`` the cancellation (both kept)."""

    __tablename__ = "leave_requests"
    __table_args__ = (
        CheckConstraint(_in("kind", LEAVE_KINDS), name="kind"),
        CheckConstraint(_in("status", REQUEST_STATUSES), name="status"),
        CheckConstraint(CANCELLED_HAS_TIME, name="cancelled"),
        CheckConstraint("start_date <= end_date", name="dates"),
        Index(None, "employee_id", "start_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    attachment_name: Mapped[str] = mapped_column(String(200))
    attachment_type: Mapped[str] = mapped_column(String(100))
    attachment_sha256: Mapped[str] = mapped_column(String(64))
    attachment: Mapped[bytes] = mapped_column(LargeBinary)

    @property
    def attachment_file(self) -> Attachment:
        return Attachment(self.attachment_name, self.attachment_type, self.attachment, self.attachment_sha256)


class Correction(WorkflowColumns, Base):
    """A request to set the check-in or check-out time of a day. Rows are never deleted (the history);
    the latest approved one per (employee, day, kind) overrides the recorded time. A submitted one may be
    cancelled by its employee (``cancelled_*``)."""

    __tablename__ = "corrections"
    __table_args__ = (
        CheckConstraint(_in("kind", CORRECTION_KINDS), name="kind"),
        CheckConstraint(_in("status", REQUEST_STATUSES), name="status"),
        CheckConstraint(CANCELLED_HAS_TIME, name="cancelled"),
        Index(None, "employee_id", "day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[int] = mapped_column(Integer)
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(10))
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str] = mapped_column(Text)


class DutyAssignment(Base):
    """Dinas luar days of one traveller of one travel order (``travel.order_approved``); a cancellation
    (``travel.order_cancelled``) marks it cancelled, even if it arrives first, so a late approval stays off."""

    __tablename__ = "duty_assignments"
    __table_args__ = (Index(None, "employee_id", "start_date"),)

    order_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    employee_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    number: Mapped[str | None] = mapped_column(String(120))
    purpose: Mapped[str | None] = mapped_column(Text)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())


class KepegawaianLeave(LeaveCopyColumns, Base):
    """A non-ASN employee's approved leave from kepegawaian: each day from ``start_date`` to ``end_date`` shows
    ``cuti`` (``domain.kepegawaian_leave``); the copy's rules are ``situok_kit.leave_copy``'s."""
