"""Check-in and check-out of the caller's own employee.

The server's clock decides the time and the WITA calendar day is the day. The browser's position is
recorded with its accuracy; the distance to the nearest active work location decides: inside its radius
is fine, outside is refused (``ValidationFailed`` on ``latitude``: "di luar area kantor: 350 m dari …") or,
with ``geofence_mode = tinjau``, accepted and marked "perlu ditinjau". The browser's word can be spoofed, so
``honesty.judge`` (a pure function) also flags a poor accuracy, an address outside the office networks and
an impossible speed since the previous record: flagged records go to the supervisor's review queue with their
reasons (``*_review`` and ``*_review_reasons``). A selfie is checked by its content and re-encoded
(``situok_kit.uploads``); ``selfie_required`` refuses a check-in without one.

One record per employee and day is a database constraint: the insert is ``ON CONFLICT DO NOTHING``, so a
double tap or a concurrent retry records once. A retry with the same position (and selfie) gets the
existing record back; a different second check-in is a ``Conflict``. Check-out needs the day's check-in.
Both answer ``(record, employee, {"replayed": bool})`` (``CheckOut``).
"""
from __future__ import annotations

import hashlib
from datetime import datetime

from situok_kit import uploads
from situok_kit.errors import Conflict, ValidationFailed
from situok_kit.identity import Identity
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from .. import events
from ..models import AttendanceRecord, RosterEmployee, WorkLocation
from . import clock, geo, honesty, setup


def fingerprint(data: dict) -> str:
    selfie = hashlib.sha256(data["selfie"]).hexdigest() if data.get("selfie") else ""
    parts = (data["latitude"], data["longitude"], data.get("accuracy"), selfie)
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def own_employee(session: Session, ident: Identity) -> RosterEmployee:
    if not ident.employee_id:
        raise ValidationFailed("Akun ini tidak terhubung dengan pegawai.",
                               {"employee_id": "Akun tidak terhubung dengan data pegawai."})
    employee = session.get(RosterEmployee, ident.employee_id)
    if employee is None or not employee.active:
        raise ValidationFailed("Pegawai tidak aktif atau belum tercatat.",
                               {"employee_id": "Pegawai tidak aktif atau belum tercatat di presensi."})
    if employee.employment_type != "non_asn":
        raise ValidationFailed("Presensi ini untuk pegawai non-ASN.",
                               {"employee_id": "Presensi di sini hanya untuk pegawai non-ASN."})
    return employee


def _geofence(session: Session, data: dict) -> tuple[geo.Fix, bool]:
    """(nearest location fix, outside yet let through) or ValidationFailed when refused."""
    places = [geo.Place(x.name, x.latitude, x.longitude, x.radius_m)
              for x in session.scalars(select(WorkLocation).where(WorkLocation.active.is_(True)))]
    fix = geo.nearest(places, data["latitude"], data["longitude"])
    if fix is None:
        raise ValidationFailed("Belum ada lokasi kerja aktif.", {"latitude": "Belum ada lokasi kerja aktif."})
    if fix.inside:
        return fix, False
    message = f"di luar area kantor: {geo.format_m(fix.distance_m)} dari {fix.place.name}"
    if setup.get_settings(session)["geofence_mode"] == "tinjau":
        return fix, True
    raise ValidationFailed(message[0].upper() + message[1:] + ".", {"latitude": message},
                           {"distance_m": fix.distance_m, "location": fix.place.name})


#: The longer side (pixels) a selfie keeps once re-encoded.
SELFIE_MAX_PX = 1280


def _check_selfie(session: Session, data: dict) -> bytes | None:
    """The selfie as it is kept: within ``selfie_max_kb`` as sent, a JPEG/PNG/WebP by its content, re-encoded
    without metadata (``situok_kit.uploads``); a missing one is refused when ``selfie_required``."""
    settings = setup.get_settings(session)
    selfie = data.get("selfie")
    if selfie is None:
        if settings["selfie_required"]:
            raise ValidationFailed("Swafoto wajib.", {"selfie_b64": "Absen harus disertai swafoto."})
        return None
    limit = int(settings["selfie_max_kb"]) * 1024
    if len(selfie) > limit:
        raise ValidationFailed("Swafoto terlalu besar.",
                               {"selfie_b64": f"Swafoto maksimal {limit // 1024} KB."})
    return uploads.reencode_image(selfie, SELFIE_MAX_PX, "selfie_b64")


def _previous(session: Session, employee_id: int, before: datetime) -> honesty.Point | None:
    """The employee's latest check-in or check-out before ``before`` (for the impossible-travel rule)."""
    record = session.scalar(select(AttendanceRecord).where(AttendanceRecord.employee_id == employee_id,
                                                           AttendanceRecord.check_in_at < before)
                            .order_by(AttendanceRecord.check_in_at.desc()).limit(1))
    if record is None:
        return None
    if record.check_out_at is not None and record.check_out_at < before:
        return honesty.Point(record.check_out_at, record.check_out_latitude, record.check_out_longitude)
    return honesty.Point(record.check_in_at, record.check_in_latitude, record.check_in_longitude)


def _review(session: Session, employee_id: int, data: dict, at: datetime, outside: bool,
            client_address: str | None) -> tuple[bool, str | None]:
    """(needs review, reasons as stored) of a position (``honesty.judge``)."""
    verdict = honesty.judge(setup.get_settings(session), at=at, latitude=data["latitude"],
                            longitude=data["longitude"], accuracy=data.get("accuracy"), outside=outside,
                            client_address=client_address, previous=_previous(session, employee_id, at))
    return verdict.suspicious, ",".join(verdict.reasons) or None


def check_in(tx, ident: Identity, data: dict, client_address: str | None = None) -> tuple:
    session = tx.session
    employee = own_employee(session, ident)
    selfie = _check_selfie(session, data)
    at = clock.now()
    day = clock.wita_day(at)
    fix, outside = _geofence(session, data)
    review, reasons = _review(session, employee.id, data, at, outside, client_address)
    digest = fingerprint(data)
    inserted = session.execute(pg_insert(AttendanceRecord).values(
        employee_id=employee.id, day=day, check_in_at=at, check_in_latitude=data["latitude"],
        check_in_longitude=data["longitude"], check_in_accuracy=data.get("accuracy"),
        check_in_location=fix.place.name, check_in_distance_m=fix.distance_m, check_in_review=review,
        check_in_review_reasons=reasons, check_in_selfie=selfie, check_in_fingerprint=digest,
    ).on_conflict_do_nothing(index_elements=["employee_id", "day"]).returning(AttendanceRecord.id)).scalar()
    record = session.scalar(select(AttendanceRecord).where(AttendanceRecord.employee_id == employee.id,
                                                           AttendanceRecord.day == day))
    if inserted is None:
        if record.check_in_fingerprint == digest:
            return record, employee, {"replayed": True}
        raise Conflict("Sudah absen masuk hari ini.",
                       {"check_in": f"Sudah absen masuk hari ini pukul {clock.hhmm(record.check_in_at)} WITA."})
    tx.emit(events.CHECKED_IN, events.record_data(record, employee))
    return record, employee, {"replayed": False}


def check_out(tx, ident: Identity, data: dict, client_address: str | None = None) -> tuple:
    session = tx.session
    employee = own_employee(session, ident)
    selfie = _check_selfie(session, data)
    at = clock.now()
    day = clock.wita_day(at)
    record = session.scalar(select(AttendanceRecord).where(AttendanceRecord.employee_id == employee.id,
                                                           AttendanceRecord.day == day).with_for_update())
    if record is None:
        raise ValidationFailed("Belum absen masuk hari ini.",
                               {"check_out": "Absen pulang hanya setelah absen masuk hari ini."})
    digest = fingerprint(data)
    if record.check_out_at is not None:
        if record.check_out_fingerprint == digest:
            return record, employee, {"replayed": True}
        raise Conflict("Sudah absen pulang hari ini.",
                       {"check_out": f"Sudah absen pulang hari ini pukul {clock.hhmm(record.check_out_at)} WITA."})
    fix, outside = _geofence(session, data)
    review, reasons = _review(session, employee.id, data, at, outside, client_address)
    session.execute(update(AttendanceRecord).where(AttendanceRecord.id == record.id).values(
        check_out_at=at, check_out_latitude=data["latitude"], check_out_longitude=data["longitude"],
        check_out_accuracy=data.get("accuracy"), check_out_location=fix.place.name,
        check_out_distance_m=fix.distance_m, check_out_review=review, check_out_review_reasons=reasons,
        check_out_selfie=selfie, check_out_fingerprint=digest).execution_options(synchronize_session=False))
    session.refresh(record)
    tx.emit(events.CHECKED_OUT, events.record_data(record, employee))
    return record, employee, {"replayed": False}
