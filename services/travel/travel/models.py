"""The travel database: the roster copy, rate tables, rules, orders (SPT) with one SPPD per traveller.

Invariants concurrency could break live in the database:

* one number per letter kind and counter scope (``uq_orders_number``, ``uq_order_travellers_sppd_number``);
  numbers come from ``number_counters`` rows locked ``FOR UPDATE`` in the issuing transaction;
* no traveller in two overlapping trips that block (approved, issued, completed, realized): an
  exclusion constraint on ``(employee_id, daterange(departure_date, return_date, '[]'))`` (btree_gist);
* one rate per (year, kind, province, category, level); amounts are non-negative integer rupiah;
* one kept leave per kepegawaian leave request (``kepegawaian_leaves``, ``situok_kit.leave_copy``); a cancelled one
  stays cancelled.
"""
from __future__ import annotations

from datetime import date, datetime

from situok_kit.leave_copy import LeaveCopyColumns
from situok_kit.roster import RosterEmployeeColumns, RosterSyncRunColumns, RosterUnitColumns
from situok_kit.tables import add_kit_tables, service_metadata, utcnow
from situok_kit.tables import sql_in as _in
from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, ExcludeConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

STATUSES = ("draft", "submitted", "approved", "rejected", "issued", "completed", "realized", "cancelled")
#: Statuses in which a traveller is committed to the trip's dates (no overlapping trip allowed).
BLOCKING_STATUSES = ("approved", "issued", "completed", "realized")
TRANSPORT_MODES = ("dinas", "umum", "pribadi")
CATEGORIES = ("luar_kota", "dalam_kota_8jam", "diklat")
COST_LEVELS = ("A", "B", "C", "D", "E", "F")
RANKS = ("staff", "eselon_iv", "kepala_bagian", "pimpinan")
RATE_KINDS = ("uang_harian", "penginapan", "transport", "representasi")
LEG_KINDS = ("arrival", "departure")
OFFICIAL_VEHICLE_STATUSES = ("reserved", "unavailable")
ATTACHMENT_KINDS = ("report", "receipt")
RESET_SCOPES = ("year", "unit_year", "never")
#: What a realized cost is to finance's SPJ: a lump sum (uang harian, representasi), at cost against receipts,
#: or riil (a cost without a receipt, listed in the Daftar Pengeluaran Riil).
COST_KINDS = ("lump_sum", "at_cost", "riil")
#: Who signs item 1 and sheet I of the SPPD: the PA/KPA or the PPK (``letter_settings.sppd_signer``).
SPPD_SIGNER_ROLES = ("pa_kpa", "ppk")
#: personnel's employment types, as level rules match them.
EMPLOYMENT_TYPES = ("pns", "pppk", "non_asn")
#: What a kept leave is (kepegawaian's ``leave_approved`` / ``leave_cancelled``).


class Base(DeclarativeBase):
    metadata = service_metadata()


kit_tables = add_kit_tables(Base.metadata)


# -- the roster copy (fed by personnel's events and the snapshot sync) ------------------

class RosterUnit(RosterUnitColumns, Base):
    pass


class RosterEmployee(RosterEmployeeColumns, Base):
    """What travel knows of an employee: the shared columns, the facts its letters and level rules read
    (ASN or not, golongan, pangkat, PPPK grade, position), and ``rank`` and ``cost_level``, which come from
    ``level_rules``."""

    __table_args__ = (
        CheckConstraint(_in("rank", RANKS), name="rank"),
        CheckConstraint(_in("cost_level", COST_LEVELS), name="cost_level"),
        Index(None, "unit_id"),
        Index("ix_roster_employees_name_id", "name", "id"),
    )

    is_asn: Mapped[bool] = mapped_column(Boolean)
    golongan: Mapped[str | None] = mapped_column(String(6))
    pangkat: Mapped[str | None] = mapped_column(String(60))
    pppk_grade: Mapped[str | None] = mapped_column(String(5))
    position_id: Mapped[int | None] = mapped_column(Integer)
    rank: Mapped[str] = mapped_column(String(20))
    cost_level: Mapped[str] = mapped_column(String(1))


class RosterSyncRun(RosterSyncRunColumns, Base):
    pass


# -- configuration tables (seeded from travel/data, editable by an admin) ---------------

class LevelRule(Base):
    """First matching rule (by ``priority``) gives an employee's approval rank and travel-cost level."""

    __tablename__ = "level_rules"
    __table_args__ = (
        CheckConstraint(_in("rank", RANKS), name="rank"),
        CheckConstraint(_in("cost_level", COST_LEVELS), name="cost_level"),
    )

    priority: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    position_prefix: Mapped[str | None] = mapped_column(String(200))
    golongan_prefix: Mapped[str | None] = mapped_column(String(6))
    employment_type: Mapped[str | None] = mapped_column(String(10))
    rank: Mapped[str] = mapped_column(String(20))
    cost_level: Mapped[str] = mapped_column(String(1))
    note: Mapped[str | None] = mapped_column(Text)


class ApprovalRule(Base):
    """Who may approve (and sign) the trip of a traveller of ``traveller_rank``."""

    __tablename__ = "approval_rules"
    __table_args__ = (CheckConstraint(_in("traveller_rank", RANKS), name="traveller_rank"),)

    traveller_rank: Mapped[str] = mapped_column(String(20), primary_key=True)
    approver_role: Mapped[str] = mapped_column(String(32), primary_key=True)


class NumberTemplate(Base):
    """How letters of ``kind`` (spt, sppd) are numbered: ``{seq}``, ``{unit}``, ``{unit_code}``, ``{year}``,
    ``{month}``; the counter restarts per ``reset`` scope."""

    __tablename__ = "number_templates"
    __table_args__ = (CheckConstraint(_in("reset", RESET_SCOPES), name="reset"),)

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    template: Mapped[str] = mapped_column(String(200))
    reset: Mapped[str] = mapped_column(String(20))
    unit_label: Mapped[str] = mapped_column(String(100))


class LetterSettings(Base):
    """The one row (``id = 1``) of what the letters and the realization take from configuration: who signs
    (PA/KPA, PPK, PPTK, bendahara pengeluaran: roster employee ids), which of PA/KPA and PPK is the SPPD's
    item 1 and signer, the SPPD's title and PERHATIAN text, and the share of the lodging ceiling paid without a
    hotel bill. Seeded with regional-government defaults (``domain.settings.DEFAULT_LETTERS``)."""

    __tablename__ = "letter_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="one_row"),
        CheckConstraint(_in("sppd_signer", SPPD_SIGNER_ROLES), name="sppd_signer"),
        CheckConstraint("lodging_without_receipt_percent BETWEEN 0 AND 100", name="lodging_percent"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False, default=1)
    pa_kpa_employee_id: Mapped[int | None] = mapped_column(Integer)
    ppk_employee_id: Mapped[int | None] = mapped_column(Integer)
    pptk_employee_id: Mapped[int | None] = mapped_column(Integer)
    bendahara_employee_id: Mapped[int | None] = mapped_column(Integer)
    sppd_signer: Mapped[str] = mapped_column(String(10), server_default=text("'pa_kpa'"))
    sppd_title: Mapped[str] = mapped_column(String(200))
    perhatian: Mapped[str] = mapped_column(Text)
    lodging_without_receipt_percent: Mapped[int] = mapped_column(Integer, server_default=text("30"))


class NumberCounter(Base):
    __tablename__ = "number_counters"
    __table_args__ = (CheckConstraint("last_seq >= 0", name="last_seq"),)

    scope: Mapped[str] = mapped_column(String(120), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))


class RateTable(Base):
    __tablename__ = "rate_tables"

    fiscal_year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(String(200))
    is_default: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    row_count: Mapped[int] = mapped_column(Integer)
    loaded_by: Mapped[str | None] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())


class Rate(Base):
    """One amount: uang_harian (province × category), penginapan (province × level),
    transport (province), representasi (category × level)."""

    __tablename__ = "rates"
    __table_args__ = (
        CheckConstraint(_in("kind", RATE_KINDS), name="kind"),
        CheckConstraint("amount >= 0", name="amount"),
        UniqueConstraint("fiscal_year", "kind", "province_code", "category", "cost_level",
                         name="uq_rates_key", postgresql_nulls_not_distinct=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fiscal_year: Mapped[int] = mapped_column(ForeignKey("rate_tables.fiscal_year", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    province_code: Mapped[str | None] = mapped_column(String(2))
    category: Mapped[str | None] = mapped_column(String(20))
    cost_level: Mapped[str | None] = mapped_column(String(1))
    amount: Mapped[int] = mapped_column(BigInteger)
    note: Mapped[str | None] = mapped_column(Text)


# -- orders (SPT) and their SPPDs ----------------------------------------------------------

class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint(_in("status", STATUSES), name="status"),
        CheckConstraint(_in("transport", TRANSPORT_MODES), name="transport"),
        CheckConstraint(_in("category", CATEGORIES), name="category"),
        CheckConstraint("return_date >= departure_date", name="dates"),
        CheckConstraint("length(btrim(budget_account)) > 0", name="budget_account"),
        CheckConstraint("(number IS NULL) = (number_seq IS NULL)", name="number_seq"),
        # the keyset listing: newest departure first, by id
        Index("ix_orders_departure_id", "departure_date", "id"),
        Index("ix_orders_unit_departure_id", "unit_id", "departure_date", "id"),
        Index("ix_orders_status_departure_id", "status", "departure_date", "id"),
        Index("ix_orders_requester_account_id", "requester_account_id"),
        UniqueConstraint("number_scope", "number_seq", name="uq_orders_scope_seq"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    unit_id: Mapped[int] = mapped_column(Integer)
    requester_account_id: Mapped[int] = mapped_column(Integer)
    requester_employee_id: Mapped[int | None] = mapped_column(Integer)
    requester_name: Mapped[str] = mapped_column(String(150))
    basis: Mapped[list] = mapped_column(JSONB)
    purpose: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(120))
    destinations: Mapped[list] = mapped_column(JSONB)
    departure_date: Mapped[date] = mapped_column(Date)
    return_date: Mapped[date] = mapped_column(Date)
    category: Mapped[str] = mapped_column(String(20))
    transport: Mapped[str] = mapped_column(String(10))
    budget_agency: Mapped[str] = mapped_column(String(200))
    budget_account: Mapped[str] = mapped_column(String(120))
    #: The structured budget line charged (DPA sub-kegiatan and kode rekening); null on orders drafted before
    #: they existed, required by the realization (finance's SPJ charges this line).
    sub_activity_code: Mapped[str | None] = mapped_column(String(40))
    account_code: Mapped[str | None] = mapped_column(String(40))
    #: The signer ids of the realization (``letter_settings`` when realized): pa_kpa, ppk, pptk, bendahara.
    signers: Mapped[dict | None] = mapped_column(JSONB)
    notes: Mapped[str | None] = mapped_column(Text)
    estimate: Mapped[dict] = mapped_column(JSONB)
    estimate_total: Mapped[int] = mapped_column(BigInteger)
    number: Mapped[str | None] = mapped_column(String(200), unique=True)
    number_scope: Mapped[str | None] = mapped_column(String(120))
    number_seq: Mapped[int | None] = mapped_column(Integer)
    issued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    issued_date: Mapped[date | None] = mapped_column(Date)
    verify_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    approver_account_id: Mapped[int | None] = mapped_column(Integer)
    approver_employee_id: Mapped[int | None] = mapped_column(Integer)
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    realized_total: Mapped[int | None] = mapped_column(BigInteger)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())

    travellers: Mapped[list[OrderTraveller]] = relationship(
        back_populates="order", order_by="OrderTraveller.position", cascade="all, delete-orphan")


class OrderTraveller(Base):
    """One assignee of an order and their SPPD. Name/rank/position are frozen when the order is
    approved (the letter shows them as they were)."""

    __tablename__ = "order_travellers"
    __table_args__ = (
        UniqueConstraint("order_id", "employee_id", name="uq_order_travellers_order_employee"),
        UniqueConstraint("sppd_scope", "sppd_seq", name="uq_order_travellers_scope_seq"),
        CheckConstraint("return_date >= departure_date", name="dates"),
        Index(None, "employee_id"),
        ExcludeConstraint(
            ("employee_id", "="),
            (text("daterange(departure_date, return_date, '[]')"), "&&"),
            using="gist", where=text("blocking"), name="ex_order_travellers_no_overlap",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    employee_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    nip: Mapped[str | None] = mapped_column(String(18))
    pangkat: Mapped[str | None] = mapped_column(String(60))
    golongan: Mapped[str | None] = mapped_column(String(6))
    position_name: Mapped[str | None] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(Integer)
    unit_name: Mapped[str | None] = mapped_column(String(200))
    rank: Mapped[str] = mapped_column(String(20))
    cost_level: Mapped[str] = mapped_column(String(1))
    followers: Mapped[list] = mapped_column(JSONB, default=list)
    departure_date: Mapped[date] = mapped_column(Date)
    return_date: Mapped[date] = mapped_column(Date)
    blocking: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    estimate: Mapped[dict] = mapped_column(JSONB)
    estimate_total: Mapped[int] = mapped_column(BigInteger)
    sppd_number: Mapped[str | None] = mapped_column(String(200), unique=True)
    sppd_scope: Mapped[str | None] = mapped_column(String(120))
    sppd_seq: Mapped[int | None] = mapped_column(Integer)
    #: Uang muka already paid to this traveller (recorded with the realization).
    advance_paid: Mapped[int | None] = mapped_column(BigInteger)

    order: Mapped[Order] = relationship(back_populates="travellers")
    legs: Mapped[list[Leg]] = relationship(order_by="Leg.id", cascade="all, delete-orphan")


class Transition(Base):
    __tablename__ = "order_transitions"
    __table_args__ = (Index(None, "order_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    actor_account_id: Mapped[int] = mapped_column(Integer)
    actor_employee_id: Mapped[int | None] = mapped_column(Integer)
    actor_username: Mapped[str] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())


class Leg(Base):
    """SPPD sheet II: an arrival at or a departure from a stop, timed by the server's clock."""

    __tablename__ = "sppd_legs"
    __table_args__ = (
        CheckConstraint(_in("kind", LEG_KINDS), name="kind"),
        CheckConstraint("latitude IS NULL OR latitude BETWEEN -90 AND 90", name="latitude"),
        CheckConstraint("longitude IS NULL OR longitude BETWEEN -180 AND 180", name="longitude"),
        Index(None, "traveller_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    traveller_id: Mapped[int] = mapped_column(ForeignKey("order_travellers.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    place: Mapped[str] = mapped_column(String(200))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    accuracy_m: Mapped[float | None] = mapped_column(Float)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    recorded_by: Mapped[int] = mapped_column(Integer)


class TripReport(Base):
    __tablename__ = "trip_reports"

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True)
    summary: Mapped[str] = mapped_column(Text)
    filed_by_account_id: Mapped[int] = mapped_column(Integer)
    filed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RealizationLine(Base):
    """One realized cost. ``kind``, ``quantity`` and ``rate`` (quantity × rate = amount) are null only on lines
    realized before they existed."""

    __tablename__ = "realization_lines"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount"),
        CheckConstraint("kind IS NULL OR " + _in("kind", COST_KINDS), name="kind"),
        CheckConstraint("quantity IS NULL OR (quantity >= 1 AND rate >= 0 AND amount = quantity * rate)",
                        name="quantity_rate"),
        Index(None, "order_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    employee_id: Mapped[int | None] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(30))
    kind: Mapped[str | None] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[int | None] = mapped_column(Integer)
    rate: Mapped[int | None] = mapped_column(BigInteger)
    amount: Mapped[int] = mapped_column(BigInteger)


class Attachment(Base):
    """A file kept in the database (trip report attachments, receipts), with its checksum."""

    __tablename__ = "attachments"
    __table_args__ = (
        CheckConstraint(_in("kind", ATTACHMENT_KINDS), name="kind"),
        CheckConstraint("size > 0", name="size"),
        Index(None, "order_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))
    line_id: Mapped[int | None] = mapped_column(ForeignKey("realization_lines.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, server_default=func.now())


class OfficialVehicle(Base):
    """What booking did about an order with an official vehicle (``transport`` ``dinas``), from its
    ``booking.travel_vehicle_reserved`` / ``booking.travel_vehicle_unavailable`` events: the vehicle and driver
    reserved for the trip's dates, or why none was free. One row per order, replaced by a later event (an
    older one — by ``reported_at`` — is ignored)."""

    __tablename__ = "official_vehicles"
    __table_args__ = (CheckConstraint(_in("status", OFFICIAL_VEHICLE_STATUSES), name="status"),)

    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(12))
    booking_id: Mapped[int | None] = mapped_column(Integer)
    vehicle_name: Mapped[str | None] = mapped_column(String(200))
    plate: Mapped[str | None] = mapped_column(String(60))
    driver_employee_id: Mapped[int | None] = mapped_column(Integer)
    driver_name: Mapped[str | None] = mapped_column(String(300))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str | None] = mapped_column(Text)
    #: When booking published what this row says (its event's time): a late redelivery of an older event loses.
    reported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class KepegawaianLeave(LeaveCopyColumns, Base):
    """An employee's approved leave (cuti) as kepegawaian published it, kept so that no SPT sends a traveller on a
    day of it (``domain.leave``); the copy's rules (order, cancellation first, the later decision wins) are
    ``situok_kit.leave_copy``'s."""
