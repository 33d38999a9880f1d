"""kepegawaian's career tables.

* ``career_rules``: the rules behind the KGB, KP and BUP dates, as data (``domain.career_rules.DEFAULT_ROWS`` is
  the seed): ``kind`` (``kgb_interval_years``, ``kp_min_years``, ``kp_periods``, ``bup_age``), ``key`` (a
  position level for ``bup_age``, ``default`` for the fallback, else empty), ``value`` (years), ``months`` (the
  months whose 1st is a KP period, ``"2,4,6"``), ``effective_from`` (the set in force on a day is the latest one
  starting on or before it) and ``source`` (the regulation). One row per ``(kind, key, effective_from)``.
* ``career_reminders``: one row per ``(employee_id, kind, due_date)`` — the unique key is what makes the daily
  timer safe with several instances (``INSERT … ON CONFLICT DO NOTHING``; the event only for the row inserted).
  The employee's name, NIP and unit are copied as they were when reminded. ``read_at``/``read_by``: a staff
  officer marked it read (the reminder is the staff officers' shared inbox, not one per person).
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow

REMINDER_KINDS = ("kgb", "kp", "bup")


class CareerRule(Base):
    __tablename__ = "career_rules"
    __table_args__ = (UniqueConstraint("kind", "key", "effective_from"),
                      CheckConstraint("kind IN ('kgb_interval_years', 'kp_min_years', 'kp_periods', 'bup_age')",
                                      name="kind"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    key: Mapped[str] = mapped_column(String(30), default="")
    value: Mapped[int | None] = mapped_column(Integer)
    months: Mapped[str | None] = mapped_column(String(40))
    effective_from: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(Text)


class CareerReminder(Base):
    __tablename__ = "career_reminders"
    __table_args__ = (UniqueConstraint("employee_id", "kind", "due_date"),
                      CheckConstraint("kind IN ('kgb', 'kp', 'bup')", name="kind"),
                      Index(None, "read_at", "due_date"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    due_date: Mapped[date] = mapped_column(Date)
    employee_name: Mapped[str] = mapped_column(String(300))
    nip: Mapped[str | None] = mapped_column(String(30))
    unit_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    read_by: Mapped[int | None] = mapped_column(Integer)


__all__ = ["CareerRule", "CareerReminder", "REMINDER_KINDS"]
