"""agenda's settings (one row, ``id = 1``; seeded with the defaults by ``domain.settings.seed``).

* ``protocol_unit_code``: the org unit whose staff (and sub-units' staff) keep the agenda, the documentation,
  visit requests and feedback (``BUP.PKP``, Bagian Protokol dan Komunikasi Pimpinan);
* ``approver_role``: a role that also approves publication and decides visits (besides the head of the protocol
  unit and admin), or none;
* the public forms' limits (per client address per hour) and the time-to-submit floor;
* ``form_secret``: the key of the forms' time-to-submit tickets (random, made by the seed; every instance shares
  it).
"""
from __future__ import annotations

from sqlalchemy import CheckConstraint, Integer, LargeBinary, String, text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class AgendaSettings(Base):
    __tablename__ = "agenda_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("visit_requests_per_hour BETWEEN 1 AND 1000", name="visit_limit"),
        CheckConstraint("feedback_per_hour BETWEEN 1 AND 1000", name="feedback_limit"),
        CheckConstraint("form_min_seconds BETWEEN 0 AND 600", name="form_min_seconds"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, server_default=text("1"))
    protocol_unit_code: Mapped[str] = mapped_column(String(40), server_default=text("'BUP.PKP'"))
    approver_role: Mapped[str | None] = mapped_column(String(40))
    visit_requests_per_hour: Mapped[int] = mapped_column(Integer, server_default=text("5"))
    feedback_per_hour: Mapped[int] = mapped_column(Integer, server_default=text("5"))
    form_min_seconds: Mapped[int] = mapped_column(Integer, server_default=text("3"))
    form_secret: Mapped[bytes] = mapped_column(LargeBinary)


__all__ = ["AgendaSettings"]
