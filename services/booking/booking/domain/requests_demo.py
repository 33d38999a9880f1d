"""Sample requests for ``make run`` only (``booking.demo.PARTS``): a few bookings next week on the resources
there are — one approved, the others pending (one of them clashing with the approved one, so the inbox shows a
conflict) — by an employee of the roster copy. Once: nothing when its bookings are there already, when there are
no resources yet, or when the roster is empty."""
from __future__ import annotations

from datetime import datetime, timedelta

from situok_kit.clock import WITA, utcnow
from situok_kit.errors import DomainError
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Booking, Resource, RosterEmployee
from . import bookings, steps

#: Who the sample steps are by (and the marker that they were made).
DEMO = "demo"


class _Unit:
    """The transaction ``bookings.create`` needs, without events (sample data publishes nothing)."""

    def __init__(self, session: Session):
        self.session = session

    def emit(self, *args, **kwargs) -> None:
        return None


def next_monday(now: datetime | None = None) -> datetime:
    """00:00 WITA of next week's Monday."""
    today = (now or utcnow()).astimezone(WITA).date()
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
    monday, unit, made = next_monday(), _Unit(session), 0
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
                    booking = bookings.create(unit, DEMO, resource, data, requester_employee_id=requester.id,
                                              requester_unit_id=requester.unit_id, allow_conflicts=True,
                                              publish=False)
                    if approve:
                        bookings.mark_approved(session, booking, DEMO)
                        booking.decision_note = "Disetujui (data contoh)."
                        steps.record(session, booking, "approved", DEMO, booking.decision_note)
                made += 1
            except DomainError:  # a resource that cannot be booked, a clash with a real booking: skip it
                continue
    session.flush()
    return {"bookings": made}
