"""Sample documents for ``make run`` (never in a deployment): for the first ASN employees of the roster copy a
verified KTP, a diploma waiting for verification and — for a PPPK — the employment agreement ending within 90
days (the staff officer's "expiring soon" list). Added once (``uploaded_by = "demo"``)."""
from __future__ import annotations

from datetime import timedelta

from situok_kit.clock import utcnow, wita_day
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import EmployeeDocument, RosterEmployee
from . import documents

DEMO_BY = "demo"
#: A one-page PDF standing in for a scanned paper.
DEMO_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
            b"endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n"
            b"%%EOF\n")


def _doc(employee_id: int, type_code: str, status: str, **values) -> EmployeeDocument:
    now = utcnow()
    verified = status == "verified"
    return EmployeeDocument(employee_id=employee_id, type_code=type_code, status=status, file_content=DEMO_PDF,
                            file_type="application/pdf", file_name=f"{type_code}.pdf", file_size=len(DEMO_PDF),
                            uploaded_at=now, uploaded_by=DEMO_BY, verified_at=now if verified else None,
                            verified_by=DEMO_BY if verified else None, **values)


def demo(session: Session) -> dict:
    if session.scalar(select(EmployeeDocument.id).where(EmployeeDocument.uploaded_by == DEMO_BY).limit(1)):
        return {"documents": 0}
    documents.seed(session)
    people = list(session.scalars(select(RosterEmployee).where(RosterEmployee.active.is_(True),
                                                               RosterEmployee.employment_type.in_(("pns", "pppk")))
                                  .order_by(RosterEmployee.id).limit(4)))
    today = wita_day()
    added = []
    for index, person in enumerate(people):
        added.append(_doc(person.id, "ktp", "verified", number=f"51710{index:011d}"))
        added.append(_doc(person.id, "ijazah", "waiting", number=f"DN-{index + 1:03d}/S1/2012",
                          issued_on=today.replace(year=2012, month=9, day=1),
                          details={"level": "S1", "major": "Administrasi Negara", "institution": "Universitas Udayana",
                                   "year": 2012}))
    pppk = next((p for p in people if p.employment_type == "pppk"), None) or session.scalar(
        select(RosterEmployee).where(RosterEmployee.employment_type == "pppk", RosterEmployee.active.is_(True))
        .order_by(RosterEmployee.id).limit(1))
    if pppk is not None:
        added.append(_doc(pppk.id, "sk_pppk", "verified", number="800/001/PK-PPPK/2022",
                          issued_on=today - timedelta(days=1000), tmt=today - timedelta(days=990),
                          expires_on=today + timedelta(days=60)))
    session.add_all(added)
    session.flush()
    return {"documents": len(added)}
