"""Handovers (mutasi) of items, each documented by a BAST (berita acara serah terima):

* ``Handover``: one handover, return or move, dated (a WITA day), numbered from the settings' template
  (``numbering.next_letter_number(session, "handover", day)``, gap-free per year) in the transaction that
  applies it — a handover is immediate: there is no draft, the items' ``room_id``/``holder_employee_id`` change
  with it. ``kind``: ``handover`` (to a holder and/or a room), ``return`` (the holder gives the items back: to
  the store or a room, the holder cleared), ``move`` (room to room, holders unchanged). The two parties
  (pihak pertama hands over, pihak kedua receives) are employees on the roster copy.
* ``HandoverItem``: each item with where it stood and who held it before, its condition before and at the
  handover (a changed condition is also a ``condition_changed`` row of the item's history). An item appears
  once per handover.
"""
from __future__ import annotations

from datetime import date, datetime

from situok_kit.tables import sql_in as _in
from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base

__all__ = ["HANDOVER_KINDS", "Handover", "HandoverItem"]

HANDOVER_KINDS = ("handover", "return", "move")


class Handover(Base):
    __tablename__ = "handovers"
    __table_args__ = (
        CheckConstraint(_in("kind", HANDOVER_KINDS), name="kind"),
        Index("ix_handovers_handover_date_id", "handover_date", "id"),
        Index(None, "to_holder_employee_id"),
        Index(None, "to_room_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    #: The BAST's number as printed (unique: the counter never gives one twice).
    number: Mapped[str] = mapped_column(String(120), unique=True)
    handover_date: Mapped[date] = mapped_column(Date)
    to_room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id"))
    to_holder_employee_id: Mapped[int | None] = mapped_column(Integer)
    #: Pihak pertama (hands over) and pihak kedua (receives): employees on the roster copy.
    first_party_employee_id: Mapped[int | None] = mapped_column(Integer)
    second_party_employee_id: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    created_by: Mapped[str] = mapped_column(String(100))

    items: Mapped[list[HandoverItem]] = relationship(back_populates="handover", order_by="HandoverItem.id")


class HandoverItem(Base):
    __tablename__ = "handover_items"
    __table_args__ = (
        UniqueConstraint("handover_id", "asset_id"),
        CheckConstraint("quantity > 0", name="quantity"),
        Index(None, "asset_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    handover_id: Mapped[int] = mapped_column(ForeignKey("handovers.id"))
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id"))
    from_room_id: Mapped[int | None] = mapped_column(Integer)
    from_holder_employee_id: Mapped[int | None] = mapped_column(Integer)
    condition_before: Mapped[str] = mapped_column(String(2))
    condition: Mapped[str] = mapped_column(String(2))
    quantity: Mapped[int] = mapped_column(SmallInteger, server_default=text("1"))
    note: Mapped[str | None] = mapped_column(String(300))

    handover: Mapped[Handover] = relationship(back_populates="items")
