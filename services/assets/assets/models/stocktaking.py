"""Stock-taking campaigns (inventarisasi / sensus barang milik daerah) and what they found.

* ``StocktakingCampaign``: one campaign — ``inventarisasi`` (a stock-taking of chosen rooms) or ``sensus`` (the
  full census, at least every five years: Permendagri 19/2016 / 47/2021) — with its chosen rooms. Status
  ``open`` → ``closed`` (the berita acara's number taken) → ``applied`` (the register updated, once), or
  ``cancelled`` (``domain.stocktaking.CAMPAIGN``).
* ``StocktakingRoom``: a room of a campaign, with its checker (an employee on the roster copy; null: the keeper
  checks it) and when the checker marked it done. (campaign, room) is unique.
* ``StocktakingCheck``: the answer for one item in one campaign — ``found`` (``condition``: the condition seen
  when it differs from the register's), ``not_found``, ``found_elsewhere`` (found in ``campaign_room_id``'s room
  while registered in ``expected_room_id``). One row per (campaign, item): the last answer while the campaign is
  open wins; who and when kept.
* ``StocktakingFinding``: an unlabelled item found in a room (not in the register): name, suggested code,
  condition, quantity, description. Applying the campaign may register it (``asset_ids``: the items made).
"""
from __future__ import annotations

from datetime import date, datetime

from situok_kit.tables import sql_in as _in
from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base
from .register import CONDITIONS

__all__ = ["CAMPAIGN_KINDS", "CAMPAIGN_STATUSES", "CHECK_RESULTS", "StocktakingCampaign", "StocktakingCheck",
           "StocktakingFinding", "StocktakingRoom"]

CAMPAIGN_KINDS = ("inventarisasi", "sensus")
CAMPAIGN_STATUSES = ("open", "closed", "applied", "cancelled")
CHECK_RESULTS = ("found", "not_found", "found_elsewhere")


class StocktakingCampaign(Base):
    __tablename__ = "stocktaking_campaigns"
    __table_args__ = (
        CheckConstraint(_in("kind", CAMPAIGN_KINDS), name="kind"),
        CheckConstraint(_in("status", CAMPAIGN_STATUSES), name="status"),
        Index("ix_stocktaking_campaigns_status_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(15))
    start_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), server_default=text("'open'"))
    notes: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(100))
    created_by_account_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_by: Mapped[str | None] = mapped_column(String(100))
    #: Closed by a keeper before every room was done: the unchecked items count as not found.
    closed_early: Mapped[bool] = mapped_column(server_default=text("false"))
    #: The berita acara's number and date, taken when the campaign is closed.
    ba_number: Mapped[str | None] = mapped_column(String(120))
    ba_date: Mapped[date | None] = mapped_column(Date)
    applied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    applied_by: Mapped[str | None] = mapped_column(String(100))
    #: What applying did: counts per kind and the not-found items left for follow-up.
    applied_summary: Mapped[dict] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())


class StocktakingRoom(Base):
    __tablename__ = "stocktaking_rooms"
    __table_args__ = (UniqueConstraint("campaign_id", "room_id"), Index(None, "checker_employee_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("stocktaking_campaigns.id"))
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"))
    checker_employee_id: Mapped[int | None] = mapped_column(Integer)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_by: Mapped[str | None] = mapped_column(String(100))


class StocktakingCheck(Base):
    __tablename__ = "stocktaking_checks"
    __table_args__ = (
        UniqueConstraint("campaign_id", "asset_id"),
        CheckConstraint(_in("result", CHECK_RESULTS), name="result"),
        CheckConstraint("condition IS NULL OR " + _in("condition", CONDITIONS), name="condition"),
        Index(None, "campaign_room_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("stocktaking_campaigns.id"))
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id"))
    #: The campaign's room where the answer was given (where it was found, for ``found_elsewhere``).
    campaign_room_id: Mapped[int] = mapped_column(ForeignKey("stocktaking_rooms.id"))
    #: The room the register had the item in when answered.
    expected_room_id: Mapped[int | None] = mapped_column(Integer)
    result: Mapped[str] = mapped_column(String(16))
    #: The condition seen (null: as registered).
    condition: Mapped[str | None] = mapped_column(String(2))
    note: Mapped[str | None] = mapped_column(Text)
    checked_by: Mapped[str] = mapped_column(String(100))
    checked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class StocktakingFinding(Base):
    __tablename__ = "stocktaking_findings"
    __table_args__ = (
        CheckConstraint(_in("condition", CONDITIONS), name="condition"),
        CheckConstraint("quantity BETWEEN 1 AND 1000", name="quantity"),
        Index(None, "campaign_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("stocktaking_campaigns.id"))
    campaign_room_id: Mapped[int] = mapped_column(ForeignKey("stocktaking_rooms.id"))
    name: Mapped[str] = mapped_column(String(300))
    suggested_code: Mapped[str | None] = mapped_column(String(30))
    condition: Mapped[str] = mapped_column(String(2))
    quantity: Mapped[int] = mapped_column(Integer, server_default=text("1"))
    description: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    #: Registered when the campaign was applied: the code and value the keeper gave, the items made.
    registered_code: Mapped[str | None] = mapped_column(String(30))
    registered_value: Mapped[int | None] = mapped_column(BigInteger)
    asset_ids: Mapped[list] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
