"""kepegawaian's settings (one row, ``id = 1``; seeded with the defaults by ``domain.settings.seed``).

* ``staff_unit_code``: the org unit whose staff are the **staff officers** (pengelola kepegawaian: Subbagian
  Kepegawaian, ``BUP.TU.KPG``) — they and its sub-units' staff verify documents, keep the career record, see
  every employee's leave and SKP, and receive the career reminders;
* ``official_role``: who decides leave as the authorised official (Pejabat yang Berwenang Memberikan Cuti,
  delegated by the PPK — the Gubernur — to the Kepala Biro here: ``pimpinan``);
* ``half_days``: whether annual leave may be taken as half days (the bureau's choice; off by default);
* ``reminder_days``: how many days ahead of a KGB or KP date the staff officers are reminded;
  ``retirement_reminder_days``: ahead of a retirement (BUP) date.
"""
from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class KepegawaianSettings(Base):
    __tablename__ = "kepegawaian_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("reminder_days BETWEEN 1 AND 366", name="reminder_days"),
        CheckConstraint("retirement_reminder_days BETWEEN 1 AND 1096", name="retirement_reminder_days"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, server_default=text("1"))
    staff_unit_code: Mapped[str] = mapped_column(String(40), server_default=text("'BUP.TU.KPG'"))
    official_role: Mapped[str] = mapped_column(String(40), server_default=text("'pimpinan'"))
    half_days: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    reminder_days: Mapped[int] = mapped_column(Integer, server_default=text("60"))
    retirement_reminder_days: Mapped[int] = mapped_column(Integer, server_default=text("365"))


__all__ = ["KepegawaianSettings"]
