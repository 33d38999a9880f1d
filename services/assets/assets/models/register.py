"""The register of regional assets (Barang Milik Daerah) and where they stand.

* ``AssetCode``: the Permendagri 108/2016 classification (kodefikasi barang), one row per code of any level —
  ``1`` akun, ``1.3`` kelompok, ``1.3.2`` jenis (which is the KIB: 1.3.1 A tanah … 1.3.6 F KDP), ``1.3.2.02``
  objek, ``1.3.2.02.01`` rincian objek, ``1.3.2.02.01.01`` sub rincian objek, ``1.3.2.02.01.01.001`` sub-sub
  rincian objek. Items are registered on a ``registrable`` code (the last level). ``vehicle_wheels`` marks the
  codes that are motor vehicles (data: booking offers the four-wheeled ones).
* ``UsefulLife``: masa manfaat in years by code prefix (the longest prefix wins; 0 = not depreciated), versioned
  by ``valid_from`` — data, *verify* against the regulation in force.
* ``Building`` → ``Floor`` → ``Room``: where an item stands. A room has its person in charge (for the KIR), an
  optional capacity and facilities, and ``bookable`` (offered to booking).
* ``Asset``: one registered item. ``register_number`` is gap-free per code (``NumberCounter`` scope
  ``register:<code>``), assigned at registration; (code, register_number) is unique. ``kib`` is the code's
  jenis (a CHECK keeps it A–F; ``domain`` derives it). ``details`` holds the KIB's own fields (validated by the
  KIB's schema: land certificate, vehicle plate/frame/engine/BPKB, building floors …). ``status`` ``active`` or
  ``disposed``; a disposed item keeps every row of its history.
* ``AssetHistory``: what happened to an item, append-only — a trigger (migration 0001) refuses UPDATE and
  DELETE, so the history is kept forever.
* ``AssetFile``: photos (with a thumbnail and a web-sized copy) and documents of an item.
* ``NumberCounter``: gap-free counters (``situok_kit.numbering``): register numbers per code, and the letters
  (BAST, berita acara) per kind and year.
* ``AssetSettings``: one row of the bureau's settings (labels, numbering templates, depreciation period,
  the pengurus barang who signs).

Amounts are integer rupiah (``BigInteger``). Times are UTC; dates are WITA calendar days.
"""
from __future__ import annotations

from datetime import date, datetime

from situok_kit.tables import sql_in as _in
from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Computed,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base

KIBS = ("A", "B", "C", "D", "E", "F")
#: baik, kurang baik, rusak berat
CONDITIONS = ("B", "KB", "RB")
ASSET_STATUSES = ("active", "disposed")
#: Asal-usul perolehan.
SOURCES = ("apbd", "apbn", "hibah", "tukar_menukar", "ketentuan_hukum", "lainnya")
HISTORY_KINDS = (
    "registered", "edited", "moved", "handed_over", "returned", "condition_changed", "value_changed",
    "maintenance", "trip", "census", "disposal_proposed", "disposed", "file_added", "imported",
)
FILE_KINDS = ("photo", "document")
DEPRECIATION_PERIODS = ("year", "semester")
#: ``assets.search``: the words of an item a text search finds ('simple' configuration: no stemming).
SEARCH_EXPRESSION = ("to_tsvector('simple'::regconfig, coalesce(name, '') || ' ' || register_number::text || ' ' || "
                     "coalesce(details ->> 'plate_number', '') || ' ' || "
                     "replace(coalesce(details ->> 'plate_number', ''), ' ', '') || ' ' || code)")


class AssetCode(Base):
    __tablename__ = "asset_codes"
    __table_args__ = (
        CheckConstraint(_in("kib", KIBS), name="kib"),
        CheckConstraint("level BETWEEN 1 AND 7", name="level"),
        Index(None, "parent_code"),
    )

    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    #: The jenis' KIB; None above the jenis level (akun, kelompok).
    kib: Mapped[str | None] = mapped_column(String(1))
    level: Mapped[int] = mapped_column(SmallInteger)
    parent_code: Mapped[str | None] = mapped_column(String(30))
    #: Items are registered on these (the last level of the classification).
    registrable: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    #: Motor vehicles: how many wheels (4 for the cars booking lends); None for anything else.
    vehicle_wheels: Mapped[int | None] = mapped_column(SmallInteger)
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))


class UsefulLife(Base):
    __tablename__ = "useful_lives"
    __table_args__ = (UniqueConstraint("code_prefix", "valid_from"), CheckConstraint("years >= 0", name="years"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_prefix: Mapped[str] = mapped_column(String(30))
    #: Masa manfaat in years; 0: not depreciated (land, construction in progress, …).
    years: Mapped[int] = mapped_column(SmallInteger)
    valid_from: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(300))


class Building(Base):
    __tablename__ = "buildings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(300))
    #: The KIB C item of the building, when registered.
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("assets.id", use_alter=True,
                                                            name="fk_buildings_asset_id_assets"))
    #: Offered to booking as a whole (a hall, an auditorium building).
    bookable: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    capacity: Mapped[int | None] = mapped_column(Integer)
    facilities: Mapped[list] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())

    floors: Mapped[list[Floor]] = relationship(back_populates="building", order_by="Floor.level")


class Floor(Base):
    __tablename__ = "floors"
    __table_args__ = (UniqueConstraint("building_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    building_id: Mapped[int] = mapped_column(ForeignKey("buildings.id"))
    name: Mapped[str] = mapped_column(String(60))
    level: Mapped[int] = mapped_column(SmallInteger, server_default=text("1"))

    building: Mapped[Building] = relationship(back_populates="floors")
    rooms: Mapped[list[Room]] = relationship(back_populates="floor", order_by="Room.code")


class Room(Base):
    __tablename__ = "rooms"
    __table_args__ = (CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity"),
                      Index(None, "floor_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    floor_id: Mapped[int] = mapped_column(ForeignKey("floors.id"))
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    #: Penanggung jawab ruangan: signs the room's KIR.
    person_in_charge_employee_id: Mapped[int | None] = mapped_column(Integer)
    #: The org unit using the room.
    unit_id: Mapped[int | None] = mapped_column(Integer)
    capacity: Mapped[int | None] = mapped_column(Integer)
    #: e.g. ["proyektor", "sound_system", "video_conference"] (booking searches by them).
    facilities: Mapped[list] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    #: Offered to booking (a meeting room, a hall).
    bookable: Mapped[bool] = mapped_column(Boolean, server_default=text("false"))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())

    floor: Mapped[Floor] = relationship(back_populates="rooms")


class Asset(Base):
    __tablename__ = "assets"
    __table_args__ = (
        UniqueConstraint("code", "register_number"),
        CheckConstraint(_in("kib", KIBS), name="kib"),
        CheckConstraint(_in("condition", CONDITIONS), name="condition"),
        CheckConstraint(_in("status", ASSET_STATUSES), name="status"),
        CheckConstraint(_in("source", SOURCES), name="source"),
        CheckConstraint("register_number > 0", name="register_number"),
        CheckConstraint("acquisition_value >= 0", name="acquisition_value"),
        CheckConstraint("acquisition_year BETWEEN 1900 AND 2100", name="acquisition_year"),
        CheckConstraint("odometer_km IS NULL OR odometer_km >= 0", name="odometer_km"),
        # the register's lists: newest first within a filter (keyset on id)
        Index("ix_assets_status_kib_id", "status", "kib", "id"),
        Index("ix_assets_status_id", "status", "id"),
        Index(None, "room_id"),
        Index(None, "holder_employee_id"),
        Index("ix_assets_code_pattern", "code", postgresql_ops={"code": "text_pattern_ops"}),
        # the register's text search (name, register number, plate, code): words' prefixes (migration 0007)
        Index("ix_assets_search", "search", postgresql_using="gin"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(ForeignKey("asset_codes.code"))
    register_number: Mapped[int] = mapped_column(Integer)
    kib: Mapped[str] = mapped_column(String(1))
    name: Mapped[str] = mapped_column(String(300))
    acquisition_year: Mapped[int] = mapped_column(SmallInteger)
    acquisition_date: Mapped[date | None] = mapped_column(Date)
    acquisition_value: Mapped[int] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(20))
    condition: Mapped[str] = mapped_column(String(2))
    room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id"))
    holder_employee_id: Mapped[int | None] = mapped_column(Integer)
    #: The KIB's own fields (``schemas.register``: one schema per KIB says which).
    details: Mapped[dict] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))
    notes: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), server_default=text("'active'"))
    #: Vehicles: the last odometer reading (km), from trips and maintenance.
    odometer_km: Mapped[int | None] = mapped_column(Integer)
    label_printed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    registered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    registered_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())
    disposed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: What the register's text search reads (kept by PostgreSQL: name, register number, plate, code).
    search: Mapped[str | None] = mapped_column(TSVECTOR, Computed(SEARCH_EXPRESSION, persisted=True), deferred=True)

    room: Mapped[Room | None] = relationship()


class AssetHistory(Base):
    """Append-only (a trigger refuses UPDATE and DELETE): one row per thing that happened to an item."""

    __tablename__ = "asset_history"
    __table_args__ = (
        CheckConstraint(_in("kind", HISTORY_KINDS), name="kind"),
        Index("ix_asset_history_asset_id_id", "asset_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    kind: Mapped[str] = mapped_column(String(20))
    #: Who did it (username; "system" for an event from another service).
    actor: Mapped[str] = mapped_column(String(100))
    from_room_id: Mapped[int | None] = mapped_column(Integer)
    to_room_id: Mapped[int | None] = mapped_column(Integer)
    from_holder_employee_id: Mapped[int | None] = mapped_column(Integer)
    to_holder_employee_id: Mapped[int | None] = mapped_column(Integer)
    from_condition: Mapped[str | None] = mapped_column(String(2))
    to_condition: Mapped[str | None] = mapped_column(String(2))
    odometer_km: Mapped[int | None] = mapped_column(Integer)
    #: What document it came from: ``handover``, ``campaign``, ``disposal``, ``maintenance``, ``trip``, ``import``.
    reference_kind: Mapped[str | None] = mapped_column(String(20))
    reference_id: Mapped[int | None] = mapped_column(Integer)
    #: The document's number (BAST, berita acara, SK), as printed.
    reference_number: Mapped[str | None] = mapped_column(String(120))
    note: Mapped[str | None] = mapped_column(Text)
    #: Anything else worth keeping (changed fields' old and new values, a trip's fuel and damage …).
    data: Mapped[dict] = mapped_column(JSONB, server_default=text("'{}'::jsonb"))


class AssetFile(Base):
    __tablename__ = "asset_files"
    __table_args__ = (CheckConstraint(_in("kind", FILE_KINDS), name="kind"), Index(None, "asset_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id"))
    kind: Mapped[str] = mapped_column(String(10))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    caption: Mapped[str | None] = mapped_column(String(300))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    #: Photos: a small JPEG for lists and a web-sized one for the item's page (metadata stripped).
    thumbnail: Mapped[bytes | None] = mapped_column(LargeBinary)
    web_copy: Mapped[bytes | None] = mapped_column(LargeBinary)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    uploaded_by: Mapped[str] = mapped_column(String(100))


class NumberCounter(Base):
    """``situok_kit.numbering`` counters: ``register:<code>``, ``bast:<year>``, ``ba_census:<year>`` …"""

    __tablename__ = "number_counters"

    scope: Mapped[str] = mapped_column(String(60), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, server_default=text("0"))


class AssetSettings(Base):
    """The bureau's settings for assets (one row, id 1; ``domain.settings``)."""

    __tablename__ = "asset_settings"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),
                      CheckConstraint(_in("depreciation_period", DEPRECIATION_PERIODS), name="depreciation_period"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, server_default=text("1"))
    #: Printed on labels and letters.
    bureau_name: Mapped[str] = mapped_column(String(200))
    #: The pengurus barang who signs the KIR, BAST and berita acara (an employee on the roster copy).
    pengurus_barang_employee_id: Mapped[int | None] = mapped_column(Integer)
    #: Numbering templates (``{seq}``, ``{year}``, ``{month_roman}``, ``{unit}``).
    handover_number_template: Mapped[str] = mapped_column(String(120))
    census_number_template: Mapped[str] = mapped_column(String(120))
    disposal_number_template: Mapped[str] = mapped_column(String(120))
    unit_code: Mapped[str] = mapped_column(String(60))
    depreciation_period: Mapped[str] = mapped_column(String(10), server_default=text("'year'"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())
    updated_by: Mapped[str | None] = mapped_column(String(100))
