"""A service's copy of kepegawaian's approved leave: the days an employee is away on leave (cuti), kept from
``kepegawaian.leave_approved`` and ``kepegawaian.leave_cancelled`` — travel refuses an SPT over them, attendance
shows a non-ASN employee's days as cuti, booking leaves a driver out. The mechanics live here once, as the roster
copy's do in ``situok_kit.roster``; what each service makes of the days stays in its own domain.

* ``LeaveCopyColumns``: the ``kepegawaian_leaves`` table (a mixin for the service's model), one row per leave
  request, keyed by kepegawaian's id; ``create_table(op)`` / ``drop_table(op)`` in the service's migration;
* ``LeaveCopy(model, keeps=...)``: ``approved`` / ``cancelled`` apply an event's payload (``LeaveEventIn``: the
  fields of kepegawaian's ``LeaveEvent`` a copy needs), ``overlapping`` and ``on_leave`` read it.

Order and repetition: an approval inserts the leave or refreshes it — unless it is cancelled, or the kept one
was decided later (a redelivered older approval loses). A cancellation marks it cancelled, and when it arrives
before its approval it leaves a cancelled row behind, so the late approval stays off: kepegawaian never approves
a cancelled request again. Idempotent by leave id (and by event id, ``situok_kit.consumers``).
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema
from sqlalchemy import Boolean, Date, DateTime, Index, Integer, String, and_, exists, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Mapped, Session, declared_attr, mapped_column

from .tables import utcnow

log = logging.getLogger(__name__)


class LeaveCopyColumns:
    """The ``kepegawaian_leaves`` table (mixin for a service's model): its columns and its one index."""

    __tablename__ = "kepegawaian_leaves"

    @declared_attr.directive
    def __table_args__(cls):
        return (Index(None, "employee_id", "start_date"),)

    #: kepegawaian's leave request (id).
    leave_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    employee_id: Mapped[int] = mapped_column(Integer)
    employee_name: Mapped[str | None] = mapped_column(String(300))
    employment_type: Mapped[str | None] = mapped_column(String(10))
    kind: Mapped[str | None] = mapped_column(String(40))
    kind_name: Mapped[str | None] = mapped_column(String(120))
    #: The first and last day away (inclusive); unknown only for a cancellation that carried no dates.
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())


def create_table(op) -> None:
    """In a service's migration: create ``kepegawaian_leaves`` (with its index) as ``LeaveCopyColumns`` says."""
    from alembic.operations import ops
    from sqlalchemy.orm import registry

    from .tables import service_metadata

    metadata = service_metadata()
    registry(metadata=metadata).mapped(type("KepegawaianLeave", (LeaveCopyColumns,), {}))
    table = metadata.tables[LeaveCopyColumns.__tablename__]
    op.invoke(ops.CreateTableOp.from_table(table))
    for index in sorted(table.indexes, key=lambda i: str(i.name)):
        op.invoke(ops.CreateIndexOp.from_index(index))


def drop_table(op) -> None:
    op.drop_table(LeaveCopyColumns.__tablename__)


class LeaveEventIn(Schema):
    """What a copy reads of kepegawaian's ``LeaveEvent`` payload; the other fields are ignored."""

    class Meta:
        unknown = EXCLUDE

    id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    employee_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    employee_name = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=300))
    employment_type = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=10))
    kind = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=40))
    kind_name = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=120))
    start_date = fields.Date(allow_none=True, load_default=None)
    end_date = fields.Date(allow_none=True, load_default=None)
    decided_at = fields.AwareDateTime(allow_none=True, load_default=None)

    @validates_schema
    def _dates_in_order(self, data, **kwargs):
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            raise ValidationError("Tanggal selesai sebelum tanggal mulai.", "end_date")


_event_in = LeaveEventIn()
COLUMNS = ("employee_id", "employee_name", "employment_type", "kind", "kind_name", "start_date", "end_date",
           "decided_at")


class LeaveCopy:
    """``model``'s rows (a ``LeaveCopyColumns`` model) as kepegawaian's events say; ``keeps(payload)`` tells
    which leave the service keeps at all (attendance: non-ASN employees only; default: every one)."""

    def __init__(self, model, keeps: Callable[[dict], bool] | None = None):
        self.model = model
        self.keeps = keeps or (lambda data: True)

    def _load(self, data, event_type: str) -> dict | None:
        try:
            loaded = _event_in.load(data or {})
        except ValidationError as exc:
            log.warning("%s ignored: the payload is not a leave (%s)", event_type, exc.messages)
            return None
        return loaded if self.keeps(loaded) else None

    def approved(self, session: Session, data) -> bool:
        """Keep the approved leave (False: not kept — not one this service keeps, or no dates)."""
        loaded = self._load(data, "kepegawaian.leave_approved")
        if loaded is None or loaded["start_date"] is None or loaded["end_date"] is None:
            return False
        model = self.model
        values = {name: loaded[name] for name in COLUMNS}
        stmt = pg_insert(model).values(leave_id=loaded["id"], cancelled=False, updated_at=utcnow(), **values)
        kept = model.decided_at
        session.execute(stmt.on_conflict_do_update(
            index_elements=[model.leave_id], set_={**{name: stmt.excluded[name] for name in COLUMNS},
                                                   "updated_at": utcnow()},
            where=model.cancelled.is_(False)
            & (kept.is_(None) | stmt.excluded.decided_at.is_(None) | (stmt.excluded.decided_at >= kept))))
        return True

    def cancelled(self, session: Session, data) -> bool:
        """The leave no longer counts: marked cancelled, kept or not yet (False: not one this service keeps)."""
        loaded = self._load(data, "kepegawaian.leave_cancelled")
        if loaded is None:
            return False
        model = self.model
        stmt = pg_insert(model).values(leave_id=loaded["id"], cancelled=True, updated_at=utcnow(),
                                       **{name: loaded[name] for name in COLUMNS})
        session.execute(stmt.on_conflict_do_update(index_elements=[model.leave_id],
                                                   set_={"cancelled": True, "updated_at": utcnow()}))
        return True

    def _in_force(self, first: date, last: date):
        model = self.model
        return and_(model.cancelled.is_(False), model.start_date <= last, model.end_date >= first)

    def overlapping(self, session: Session, first: date, last: date, employee_ids=None) -> list:
        """The approved, not cancelled leave touching ``[first, last]`` (of ``employee_ids`` when given),
        earliest first."""
        model = self.model
        statement = select(model).where(self._in_force(first, last))
        if employee_ids is not None:
            statement = statement.where(model.employee_id.in_(list(employee_ids) or [-1]))
        return list(session.scalars(statement.order_by(model.start_date, model.leave_id)))

    def on_leave(self, employee_id_column, first: date, last: date):
        """A SQL condition: the employee in ``employee_id_column`` is on approved leave some day of
        ``[first, last]``."""
        return exists().where(and_(self.model.employee_id == employee_id_column, self._in_force(first, last)))
