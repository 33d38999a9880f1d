"""Sample requests for ``make run`` only (``booking.demo.PARTS``): a few bookings next week on the resources
there are, made through the core with their steps and events — one approved, the others pending (one of them
clashing with the approved one, so the inbox shows a conflict) — by an employee of the roster copy. Once: nothing
when its bookings are there already, when there are no resources yet, or when the roster is empty."""
from __future__ import annotations

from datetime import datetime, timedelta

from situok_kit.clock import WITA, wita_day
from situok_kit.db import Transaction
from situok_kit.errors import DomainError
from situok_kit.identity import SYSTEM
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Booking, Resource, RosterEmployee, kit_tables
from . import bookings

#: Who the sample steps are by (and the marker that they were made).
DEMO = "demo"


def next_monday(now: datetime | None = None) -> datetime:
    """00:00 WITA of next week's Monday."""
    today = wita_day(now)
    monday = today + timedelta(days=7 - today.weekday())
    return datetime(monday.year, monday.month, monday.day, tzinfo=WITA)


def demo(session: Session) -> dict:
    if session.scalar(select(Booking.id).where(Booking.created_by == DEMO).limit(1)) is not None:
        return {"bookings": 0}
    resources = list(session.scalars(select(Resource).where(Resource.active.is_(True)).order_by(Resource.id)
                                     .limit(3)))
    managers = {r.manager_employee_id for r in resources if r.manager_employee_id}
    requester = session.scalar(select(RosterEmployee).where(RosterEmployee.active.is_(True),
                                                            RosterEmployee.id.notin_(managers or {0}))
                               .order_by(RosterEmployee.id).limit(1))
    if not resources or requester is None:
        return {"bookings": 0}
    monday, made = next_monday(), 0
    tx = Transaction(session, kit_tables, {}, SYSTEM.actor())
    for index, resource in enumerate(resources):
        day = monday + timedelta(days=index)
        vehicle = resource.kind == "vehicle"
        plans = [(9, 11, "Rapat koordinasi kegiatan" if not vehicle else "Kunjungan kerja ke kabupaten", True),
                 (10, 12, "Sosialisasi tata naskah dinas" if not vehicle else "Antar dokumen ke DPRD", False)]
        for start, end, purpose, approve in plans:
            data = {"starts_at": day + timedelta(hours=start), "ends_at": day + timedelta(hours=end),
                    "purpose": purpose, "contact_name": requester.name, "contact_phone": "0812-3800-1234"}
            if vehicle:
                data |= {"passengers": 2, "destination": "Kabupaten Gianyar", "needs_driver": True}
            else:
                data["participants"] = min(resource.capacity or 10, 10)
            try:
                with session.begin_nested():
                    booking = bookings.create(tx, DEMO, resource, data, requester_employee_id=requester.id,
                                              requester_unit_id=requester.unit_id, allow_conflicts=True)
                    if approve:
                        bookings.approve(tx, DEMO, booking.id, "Disetujui (data contoh).", check=False)
                made += 1
            except DomainError:  # a resource that cannot be booked, a clash with a real booking: skip it
                continue
    session.flush()
    return {"bookings": made}
