"""Performance plans and ratings (SKP, PermenPANRB 6/2022).

* ``SkpCoreValue``: the seven core values (BerAKHLAK) with the behaviour expected — reference data seeded by
  ``domain.skp.seed`` from ``domain.skp_rules.CORE_VALUES``.
* ``SkpPlan``: one employee's plan for one year (unique per employee and year); its period (1 Jan, or the start
  date of someone who joined mid-year, to 31 Dec), the periodic assessment's kind (``triwulan``/``bulanan``),
  the unit and direct supervisor when it was made, the supervisor's specific expectation per core value
  (``behaviour_expectations``: code → text), the workflow's ``status`` (``domain.skp_workflow``) with the
  return note and who agreed it when; and, once assessed, the supervisor's rating of the results and of the
  behaviour (overall and per core value: ``behaviour_ratings``), the ``predikat`` of the matrix, who and when.
* ``SkpResult``: a work result (rencana hasil kerja), ``utama`` or ``tambahan``, aligned to one of the direct
  supervisor's results of the same year (``aligned_result_id``) or to a free-text organisational goal.
* ``SkpIndicator``: an individual performance indicator of a result: text, target value and unit, aspect.
* ``SkpProgress``: the realisation of one period (unique per plan and period): per indicator
  (``realisations``: ``[{indicator_id, value, note}]``), the evidence (a PDF/JPEG/PNG file judged by content —
  loaded only when asked for — or a link), and the supervisor's feedback (umpan balik).
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from situok_kit.tables import sql_in as _in
from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
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
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..domain.skp_rules import ASPECTS, PERIODS, PREDIKATS, RATINGS, RESULT_KINDS
from ..domain.skp_workflow import STATUSES as SKP_STATUSES
from .base import Base


class SkpCoreValue(Base):
    __tablename__ = "skp_core_values"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)


class SkpPlan(Base):
    __tablename__ = "skp_plans"
    __table_args__ = (
        UniqueConstraint("employee_id", "year"),
        CheckConstraint(_in("status", SKP_STATUSES), name="status"),
        CheckConstraint(_in("period_kind", tuple(PERIODS)), name="period_kind"),
        CheckConstraint("period_end >= period_start", name="period"),
        CheckConstraint(f"results_rating IS NULL OR {_in('results_rating', RATINGS)}", name="results_rating"),
        CheckConstraint(f"behaviour_rating IS NULL OR {_in('behaviour_rating', RATINGS)}",
                        name="behaviour_rating"),
        CheckConstraint(f"predikat IS NULL OR {_in('predikat', PREDIKATS)}", name="predikat"),
        CheckConstraint("status <> 'assessed' OR (predikat IS NOT NULL AND assessed_at IS NOT NULL)",
                        name="assessed_rating"),
        Index(None, "unit_id", "year"),
        Index(None, "supervisor_id", "status"),
        Index(None, "year", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employee_id: Mapped[int] = mapped_column(Integer)
    employee_name: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int | None] = mapped_column(Integer)
    supervisor_id: Mapped[int | None] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    period_kind: Mapped[str] = mapped_column(String(10), server_default=text("'triwulan'"))
    status: Mapped[str] = mapped_column(String(10), server_default=text("'draft'"))
    behaviour_expectations: Mapped[dict] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    return_note: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_by: Mapped[str | None] = mapped_column(String(120))
    results_rating: Mapped[str | None] = mapped_column(String(20))
    behaviour_rating: Mapped[str | None] = mapped_column(String(20))
    behaviour_ratings: Mapped[dict] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    predikat: Mapped[str | None] = mapped_column(String(20))
    assessment_note: Mapped[str | None] = mapped_column(Text)
    assessed_by: Mapped[str | None] = mapped_column(String(120))
    assessed_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    assessed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    results: Mapped[list[SkpResult]] = relationship(
        back_populates="plan", order_by="SkpResult.position", cascade="all, delete-orphan",
        foreign_keys="SkpResult.plan_id")


class SkpResult(Base):
    __tablename__ = "skp_results"
    __table_args__ = (
        CheckConstraint(_in("kind", RESULT_KINDS), name="kind"),
        Index(None, "plan_id", "position"),
        Index(None, "aligned_result_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("skp_plans.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    aligned_result_id: Mapped[int | None] = mapped_column(ForeignKey("skp_results.id", ondelete="SET NULL"))
    aligned_goal: Mapped[str | None] = mapped_column(Text)

    plan: Mapped[SkpPlan] = relationship(back_populates="results", foreign_keys=[plan_id])
    indicators: Mapped[list[SkpIndicator]] = relationship(
        back_populates="result", order_by="SkpIndicator.position", cascade="all, delete-orphan")


class SkpIndicator(Base):
    __tablename__ = "skp_indicators"
    __table_args__ = (
        CheckConstraint(_in("aspect", ASPECTS), name="aspect"),
        CheckConstraint("target_value > 0", name="target_value"),
        Index(None, "result_id", "position"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("skp_results.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    target_value: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    target_unit: Mapped[str] = mapped_column(String(40))
    aspect: Mapped[str] = mapped_column(String(10))

    result: Mapped[SkpResult] = relationship(back_populates="indicators")


class SkpProgress(Base):
    __tablename__ = "skp_progress"
    __table_args__ = (
        UniqueConstraint("plan_id", "period"),
        CheckConstraint("period BETWEEN 1 AND 12", name="period"),
        Index(None, "plan_id", "feedback_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("skp_plans.id", ondelete="CASCADE"))
    period: Mapped[int] = mapped_column(Integer)
    realisations: Mapped[list] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    evidence_content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    evidence_type: Mapped[str | None] = mapped_column(String(80))
    evidence_name: Mapped[str | None] = mapped_column(String(200))
    evidence_url: Mapped[str | None] = mapped_column(String(500))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    recorded_by: Mapped[str] = mapped_column(String(120))
    feedback: Mapped[str | None] = mapped_column(Text)
    feedback_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    feedback_by: Mapped[str | None] = mapped_column(String(120))


__all__ = ["SKP_STATUSES", "SkpCoreValue", "SkpIndicator", "SkpPlan", "SkpProgress", "SkpResult"]
