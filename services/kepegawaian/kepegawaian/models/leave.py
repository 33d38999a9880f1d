"""kepegawaian's leave tables.

* ``LeaveRule``: one row per employment type (``pns``, ``pppk``, ``non_asn``) and kind (``tahunan``, ``besar``,
  ``sakit``, ``melahirkan``, ``alasan_penting``, ``cltn``) — the rule as data, citing its ``source`` (seeded by
  ``domain.leave.seed``, editable by admin). ``unit``: ``working`` days (Monday–Friday minus attendance's holidays)
  or ``calendar`` days; ``max_days``/``max_months`` bound one request; ``entitlement_days`` (a year's annual
  leave), ``carry_max_days`` / ``carry_total_max`` (unused days of N-1 carried, and the total with the year's),
  ``two_year_total_max`` (when the right was not used at all for 2 consecutive years), ``deferred_total_max``
  (days deferred by the official carry in full up to this total); ``min_service_years`` (from ``tmt_cpns``),
  ``gender`` (``P``: women only), ``document_after_days`` (a doctor's letter beyond this many days),
  ``gov_doctor_after_days`` (a government doctor's letter beyond this many), ``backdate_days`` (how far in the
  past a start may be), ``half_day_allowed``, ``cuti_bersama_counts`` (false: cuti bersama is not counted and does
  not reduce the balance), ``max_child`` (melahirkan), ``takes_annual`` (cuti besar: no annual leave that year),
  ``verify`` (the text must still be checked against the regulation).
* ``LeaveRequest``: one request — the employee (copied facts for the form), kind, dates (inclusive), the counted
  ``days`` (working or calendar; .5 for a half day), the reason, the doctor's letter (``attachment``, deferred),
  the consideration (supervisor) and the decision (official) with their notes, and ``status`` (the workflow in
  ``domain.leave_workflow``). ``period`` is the inclusive ``daterange`` of the dates: an **exclusion constraint**
  (btree_gist) refuses two non-final requests (submitted/considered/change_requested/approved) of one employee
  overlapping — a race cannot write two.
* ``LeaveOpeningBalance``: the staff officer's opening balance per employee and year (days left of N-1 and N-2
  and deferred days of N-1, from paper records): the balance of that year starts from it.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from situok_kit.tables import sql_in as _in
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import DATERANGE, ExcludeConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

EMPLOYMENT_TYPES = ("pns", "pppk", "non_asn")
LEAVE_KINDS = ("tahunan", "besar", "sakit", "melahirkan", "alasan_penting", "cltn")
LEAVE_STATUSES = ("submitted", "considered", "change_requested", "approved", "deferred", "refused", "cancelled")
#: Statuses that hold the dates (the exclusion constraint's predicate).
OPEN_STATUSES = ("submitted", "considered", "change_requested", "approved")
COUNT_UNITS = ("working", "calendar")
HALF_DAYS = ("pagi", "siang")


class LeaveRule(Base):
    __tablename__ = "leave_rules"
    __table_args__ = (
        UniqueConstraint("employment_type", "kind"),
        CheckConstraint(_in("employment_type", EMPLOYMENT_TYPES), name="employment_type"),
        CheckConstraint(_in("kind", LEAVE_KINDS), name="kind"),
        CheckConstraint(_in("unit", COUNT_UNITS), name="unit"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employment_type: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(80))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    unit: Mapped[str] = mapped_column(String(10), server_default=text("'calendar'"))
    min_days: Mapped[Decimal] = mapped_column(Numeric(5, 1), server_default=text("1"))
    max_days: Mapped[int | None] = mapped_column(Integer)
    max_months: Mapped[int | None] = mapped_column(Integer)
    entitlement_days: Mapped[int | None] = mapped_column(Integer)
    carry_max_days: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    carry_total_max: Mapped[int | None] = mapped_column(Integer)
    two_year_total_max: Mapped[int | None] = mapped_column(Integer)
    deferred_total_max: Mapped[int | None] = mapped_column(Integer)
    min_service_years: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    gender: Mapped[str | None] = mapped_column(String(1))
    document_after_days: Mapped[int | None] = mapped_column(Integer)
    gov_doctor_after_days: Mapped[int | None] = mapped_column(Integer)
    backdate_days: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    half_day_allowed: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    cuti_bersama_counts: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    max_child: Mapped[int | None] = mapped_column(Integer)
    takes_annual: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    reason_required: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    verify: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    rule_text: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_by: Mapped[str | None] = mapped_column(String(120))


class LeaveRequest(Base):
    __tablename__ = "leave_requests"
    __table_args__ = (
        CheckConstraint(_in("status", LEAVE_STATUSES), name="status"),
        CheckConstraint(_in("kind", LEAVE_KINDS), name="kind"),
        CheckConstraint("end_date >= start_date", name="dates"),
        CheckConstraint("days > 0", name="days"),
        CheckConstraint("half_day IS NULL OR " + _in("half_day", HALF_DAYS), name="half_day"),
        ExcludeConstraint(("employee_id", "="), ("period", "&&"), name="leave_requests_no_overlap",
                          using="gist", where=text("status IN ('submitted', 'considered', 'change_requested', "
                                                   "'approved')")),
        Index(None, "employee_id", "start_date"),
        Index(None, "status", "id"),
        Index(None, "unit_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = mapped_column(Integer)
    employee_name: Mapped[str] = mapped_column(String(200))
    nip: Mapped[str | None] = mapped_column(String(30))
    employment_type: Mapped[str] = mapped_column(String(10))
    unit_id: Mapped[int | None] = mapped_column(Integer)
    supervisor_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    kind_name: Mapped[str] = mapped_column(String(80))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    period = mapped_column(DATERANGE, nullable=False)
    days: Mapped[Decimal] = mapped_column(Numeric(6, 1))
    half_day: Mapped[str | None] = mapped_column(String(5))
    reason: Mapped[str | None] = mapped_column(Text)
    reason_category: Mapped[str | None] = mapped_column(String(30))
    child_order: Mapped[int | None] = mapped_column(Integer)
    address: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(30))
    government_doctor: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    attachment: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    attachment_type: Mapped[str | None] = mapped_column(String(80))
    attachment_name: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), server_default=text("'submitted'"))
    filed_by: Mapped[str | None] = mapped_column(String(120))
    filed_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    considered_option: Mapped[str | None] = mapped_column(String(20))
    considered_note: Mapped[str | None] = mapped_column(Text)
    considered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    considered_by: Mapped[str | None] = mapped_column(String(120))
    considered_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    decided_option: Mapped[str | None] = mapped_column(String(20))
    decided_note: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(120))
    decided_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_by: Mapped[str | None] = mapped_column(String(120))
    version: Mapped[int] = mapped_column(Integer, server_default=text("1"))


class LeaveOpeningBalance(Base):
    __tablename__ = "leave_opening_balances"
    __table_args__ = (
        UniqueConstraint("employee_id", "year"),
        CheckConstraint("remaining_n1 >= 0 AND remaining_n2 >= 0 AND deferred_n1 >= 0", name="non_negative"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    remaining_n1: Mapped[Decimal] = mapped_column(Numeric(5, 1), server_default=text("0"))
    remaining_n2: Mapped[Decimal] = mapped_column(Numeric(5, 1), server_default=text("0"))
    deferred_n1: Mapped[Decimal] = mapped_column(Numeric(5, 1), server_default=text("0"))
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_by: Mapped[str | None] = mapped_column(String(120))


__all__ = ["COUNT_UNITS", "EMPLOYMENT_TYPES", "HALF_DAYS", "LEAVE_KINDS", "LEAVE_STATUSES", "OPEN_STATUSES",
           "LeaveOpeningBalance", "LeaveRequest", "LeaveRule"]
