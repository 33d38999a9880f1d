"""The leaders' agenda: leaders, the protocol order, events and everything about one event.

* ``Leader``: a leader the bureau serves (Gubernur, Wakil Gubernur, Sekda, Asisten, Kepala Biro …) — data, kept by
  protocol staff; ``precedence_code`` places them in the protocol order.
* ``PrecedenceRank``: the order of precedence (tata urutan) per UU 9/2010 tentang Keprotokolan and PP 39/2018,
  as data (``domain.precedence`` seeds it): a lower ``rank`` sits first.
* ``AgendaEvent``: one event — time (``[starts_at, ends_at)``, stored in UTC, shown in WITA), place (a room booked
  through booking when internal: ``room_resource_id`` and ``room_booking_id``; an address otherwise), organiser,
  dress code, protocol notes, ``status`` (tentative → confirmed → done; postponed, cancelled: the transitions in
  ``domain.events_workflow``), ``is_public`` (the portal lists it while confirmed, postponed or done).
* ``EventLeader``: which leaders attend (the conflicts of a leader's agenda are overlapping events that are not
  cancelled).
* ``EventParticipant``: participants (a name or a group and a count).
* ``EventGuest``: VIP guests with their title and precedence; their contact and ID numbers are **personal data**
  — shown to protocol staff only, never published, never in an event payload.
* ``RundownItem``: the run-down (susunan acara): time, item, who.
* ``ProtocolAssignment``: the protocol staff assigned and their duty.
* ``EventStep``: every action on an event, who took it and their note.
"""
from __future__ import annotations

from datetime import datetime, time

from situok_kit.migrate import COMPARED
from situok_kit.tables import sql_in as _in
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

EVENT_STATUSES = ("tentative", "confirmed", "postponed", "cancelled", "done")
LOCATION_KINDS = ("internal", "external")
ROOM_STATUSES = ("none", "reserved", "unavailable", "released")


class PrecedenceRank(Base):
    __tablename__ = "precedence_ranks"
    __table_args__ = (UniqueConstraint("code"), Index(None, "rank"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    #: Lower sits first.
    rank: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200))
    #: Where the order comes from (the article of the law or regulation).
    basis: Mapped[str | None] = mapped_column(String(200))


class Leader(Base):
    __tablename__ = "leaders"
    __table_args__ = (UniqueConstraint("code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    #: The office (``Gubernur Bali``) and who holds it now.
    title: Mapped[str] = mapped_column(String(200))
    holder_name: Mapped[str | None] = mapped_column(String(200))
    precedence_code: Mapped[str | None] = mapped_column(ForeignKey("precedence_ranks.code"))
    position: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))


class AgendaEvent(Base):
    __tablename__ = "agenda_events"
    __table_args__ = (
        CheckConstraint(_in("status", EVENT_STATUSES), name="status"),
        CheckConstraint(_in("location_kind", LOCATION_KINDS), name="location_kind"),
        CheckConstraint(_in("room_status", ROOM_STATUSES), name="room_status"),
        CheckConstraint("ends_at > starts_at", name="period"),
        CheckConstraint("location_kind <> 'external' OR address IS NOT NULL", name="external_address"),
        Index(None, "starts_at", "id"),
        Index(None, "status", "starts_at"),
        Index("ix_agenda_events_public", "starts_at", "id", postgresql_where=text("is_public")),
        #: the portal's search (``domain.portal``, migration 0005: the query uses the same expression)
        Index("ix_agenda_events_search", text(
            "to_tsvector('simple'::regconfig, (((COALESCE(title, ''::character varying))::text || ' '::text) || "
            "COALESCE(public_summary, ''::text)))"), postgresql_using="gin", info={COMPARED: False}),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    location_kind: Mapped[str] = mapped_column(String(10), server_default=text("'external'"))
    #: booking's resource (an internal room or building) and the booking made for it.
    room_resource_id: Mapped[int | None] = mapped_column(Integer)
    room_name: Mapped[str | None] = mapped_column(String(200))
    room_booking_id: Mapped[int | None] = mapped_column(Integer)
    room_status: Mapped[str] = mapped_column(String(12), server_default=text("'none'"))
    room_note: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(String(300))
    organiser: Mapped[str | None] = mapped_column(String(200))
    dress_code: Mapped[str | None] = mapped_column(String(200))
    protocol_notes: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), server_default=text("'tentative'"))
    status_note: Mapped[str | None] = mapped_column(Text)
    is_public: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    #: What the public page says (the description stays internal).
    public_summary: Mapped[str | None] = mapped_column(Text)
    created_by_employee_id: Mapped[int | None] = mapped_column(Integer)
    unit_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    #: Optimistic concurrency: an edit names the version it read (409 when another edit came first).
    version: Mapped[int] = mapped_column(Integer, server_default=text("1"))


class EventLeader(Base):
    __tablename__ = "event_leaders"
    __table_args__ = (Index(None, "leader_id", "event_id"),)

    event_id: Mapped[int] = mapped_column(ForeignKey("agenda_events.id", ondelete="CASCADE"), primary_key=True)
    leader_id: Mapped[int] = mapped_column(ForeignKey("leaders.id"), primary_key=True)
    #: ``attends`` (in person) or ``represented`` (someone attends for the leader: ``represented_by``).
    role: Mapped[str] = mapped_column(String(12), server_default=text("'attends'"))
    represented_by: Mapped[str | None] = mapped_column(String(200))


class EventParticipant(Base):
    __tablename__ = "event_participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("agenda_events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    count: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, server_default=text("0"))


class EventGuest(Base):
    __tablename__ = "event_guests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("agenda_events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    #: Their office or title as it is read out (``Menteri Dalam Negeri``).
    title: Mapped[str | None] = mapped_column(String(200))
    agency: Mapped[str | None] = mapped_column(String(200))
    precedence_code: Mapped[str | None] = mapped_column(ForeignKey("precedence_ranks.code"))
    # -- personal data: protocol staff only, never published, never in an event
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(254))
    id_number: Mapped[str | None] = mapped_column(String(40))
    contact_note: Mapped[str | None] = mapped_column(Text)


class RundownItem(Base):
    __tablename__ = "rundown_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("agenda_events.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[time] = mapped_column(Time)
    ends_at: Mapped[time | None] = mapped_column(Time)
    item: Mapped[str] = mapped_column(String(300))
    who: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, server_default=text("0"))


class ProtocolAssignment(Base):
    __tablename__ = "protocol_assignments"

    event_id: Mapped[int] = mapped_column(ForeignKey("agenda_events.id", ondelete="CASCADE"), primary_key=True)
    employee_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    duty: Mapped[str | None] = mapped_column(String(200))


class EventStep(Base):
    __tablename__ = "event_steps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("agenda_events.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    actor_employee_id: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(80))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


__all__ = ["PrecedenceRank", "Leader", "AgendaEvent", "EventLeader", "EventParticipant", "EventGuest",
           "RundownItem", "ProtocolAssignment", "EventStep", "EVENT_STATUSES", "LOCATION_KINDS", "ROOM_STATUSES"]
