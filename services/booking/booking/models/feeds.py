"""booking's feeds tables: the iCal feed tokens.

* ``FeedToken``: one per account at most (a new one replaces the old, which stops working at once; revoking
  deletes it). Only the SHA-256 of the token is kept (the token — ``secrets.token_urlsafe(32)``, 256 bits — is
  shown once). ``employee_id`` is whose bookings the ``mine`` feed shows; ``last_used_at`` tells the owner
  whether a calendar still reads it.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Index, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class FeedToken(Base):
    __tablename__ = "feed_tokens"
    __table_args__ = (
        CheckConstraint("char_length(token_hash) = 64", name="token_hash"),
        Index(None, "token_hash", unique=True),
        Index(None, "account_id", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(Integer)
    employee_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


__all__ = ["FeedToken"]
