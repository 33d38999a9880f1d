"""The public's feedback: suggestions, questions and complaints sent from the portal without an account.

* ``Feedback``: one message — its ``kind`` (suggestion, question, complaint), subject and text (size-limited),
  optionally about a public event (``event_id``), the sender's name and contact (optional; ``reply_by_contact``
  asks for a reply by e-mail or telephone and then needs one of them), whether the sender agrees to the answered
  question being published (``consent_publish``), the SHA-256 of its tracking code (``code_hash``, the code
  itself is shown once and stored nowhere) and of the client's address (``client_hash``: the per-client hourly
  limit). Staff move it ``received → triaged → answered → closed`` (``domain.feedback_rules``): triage sets the
  ``category`` (``FEEDBACK_CATEGORIES``) and the roster ``unit_id`` that answers; the first answer sets
  ``first_response_at`` (response times per unit are measured from ``created_at`` to it); ``published`` (with
  ``published_at``) puts the question and its answer on the portal — only with the sender's consent and only
  answered, never with the sender's contact, their name only as initials.
* ``FeedbackStep``: every staff action on a message, who took it and their note.

The sender's name, e-mail and telephone are **personal data**: shown to protocol staff and the staff of the
unit the message was triaged to, never published, never in an event payload.
"""
from __future__ import annotations

from datetime import datetime

from situok_kit.tables import sql_in as _in
from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

FEEDBACK_KINDS = ("suggestion", "question", "complaint")
FEEDBACK_STATUSES = ("received", "triaged", "answered", "closed")
#: The categories staff file a message under (data: labels in ``domain.feedback_rules``).
FEEDBACK_CATEGORIES = ("layanan", "protokol", "fasilitas", "informasi", "lainnya")
#: Size limits (characters), shared by the schemas, the table and the web's ``maxlength``.
FEEDBACK_LIMITS = {"subject": 200, "message": 4000, "name": 120, "email": 254, "phone": 30, "answer": 4000,
                   "note": 1000, "website": 200}


class Feedback(Base):
    __tablename__ = "feedback"
    __table_args__ = (
        CheckConstraint(_in("kind", FEEDBACK_KINDS), name="kind"),
        CheckConstraint(_in("status", FEEDBACK_STATUSES), name="status"),
        CheckConstraint(f"category IS NULL OR {_in('category', FEEDBACK_CATEGORIES)}", name="category"),
        CheckConstraint("char_length(message) <= 4000", name="message_size"),
        CheckConstraint("NOT published OR (consent_publish AND answer IS NOT NULL)", name="published_consent"),
        CheckConstraint("NOT reply_by_contact OR email IS NOT NULL OR phone IS NOT NULL", name="reply_contact"),
        Index(None, "status", "id"),
        Index(None, "unit_id", "id"),
        Index(None, "client_hash", "created_at"),
        Index("ix_feedback_published", "published_at", "id", postgresql_where=text("published")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(12))
    subject: Mapped[str] = mapped_column(String(200))
    message: Mapped[str] = mapped_column(Text)
    #: A public event the message is about (checked public when sent).
    event_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_events.id", ondelete="SET NULL"), index=True)
    name: Mapped[str | None] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(30))
    reply_by_contact: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    consent_publish: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    client_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(10), server_default=text("'received'"))
    category: Mapped[str | None] = mapped_column(String(20))
    #: The roster unit that answers it (set by triage).
    unit_id: Mapped[int | None] = mapped_column(Integer)
    triaged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    triaged_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    answered_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    #: The first answer's time (response times are measured to it).
    first_response_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class FeedbackStep(Base):
    __tablename__ = "feedback_steps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feedback_id: Mapped[int] = mapped_column(ForeignKey("feedback.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    actor_employee_id: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(80))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


__all__ = ["Feedback", "FeedbackStep", "FEEDBACK_KINDS", "FEEDBACK_STATUSES", "FEEDBACK_CATEGORIES",
           "FEEDBACK_LIMITS"]
