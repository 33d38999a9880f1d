"""Personnel documents on the real stack (kepegawaian and personnel running): upload typed, numbered, dated
documents judged by their content (the lying file refused, an image's EXIF gone), who sees and does what (an
employee their own, the supervisor chain reads, staff officers verify — never their own), the verify/reject
workflow with its events (no file, no number), completeness per employee and per unit, documents expiring soon,
and the DUK's ``education_of``/``trainings_of``."""
from __future__ import annotations

import base64
import io
from datetime import timedelta

import pytest
from kepegawaian.domain import documents
from kepegawaian.domain.documents_demo import DEMO_PDF
from kepegawaian_testkit import unique
from PIL import Image
from situok_kit.clock import wita_day
from situok_kit.errors import Forbidden, NotFound, ValidationFailed
from situok_kit.testing import wait_for
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

TODAY = wita_day()


@pytest.fixture(scope="module", autouse=True)
def document_types(bureau):
    """The document types (``kepegawaian.domain.documents:seed``, run by the lead's ``SEEDERS`` too)."""
    with Session(bureau.engine) as session:
        documents.seed(session)
        session.commit()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 20, 20)).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"  # Make
    exif[0x0132] = "2024:01:02 03:04:05"  # DateTime
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (20, 120, 200)).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def ijazah(**extra) -> dict:
    return {"type_code": "ijazah", "number": unique("DN-01/S1/"), "issued_on": "2012-09-01",
            "details": {"level": "S1", "major": "Administrasi Negara", "institution": "Universitas Udayana",
                        "year": 2012},
            "file": b64(DEMO_PDF), "file_name": "ijazah.pdf", "content_type": "application/pdf"} | extra


def test_an_upload_is_typed_and_its_details_validated(rpc, bureau):
    me = rpc(bureau.pegawai())
    with pytest.raises(ValidationFailed) as caught:
        me.upload_document(ijazah(details={"major": "Hukum", "institution": "Unud", "year": 2010}))
    assert "details.level" in caught.value.fields
    with pytest.raises(ValidationFailed) as caught:
        me.upload_document(ijazah(type_code="tidak_ada"))
    assert "type_code" in caught.value.fields
    with pytest.raises(ValidationFailed) as caught:
        me.upload_document(ijazah(tmt="2012-09-01", number="<b>1</b>"))
    assert {"tmt", "number"} <= set(caught.value.fields)
    doc = me.upload_document(ijazah())
    assert doc["status"] == "waiting" and doc["type_name"] == "Ijazah" and doc["details"]["level"] == "S1"
    assert doc["employee_id"] == bureau.employee_ids["pegawai"] and doc["allowed_actions"] == ["update", "delete"]
    assert doc["file_type"] == "application/pdf" and doc["file_size"] == len(DEMO_PDF)
    assert base64.b64decode(me.document_file(doc["id"])["content_b64"]) == DEMO_PDF
    mine = me.my_documents()
    assert doc["id"] in [d["id"] for d in mine["items"]] and mine["completeness"]["required"] == 5
    assert {t["code"] for t in me.document_types()["items"]} >= {"sk_cpns", "ijazah", "ktp", "akta_anak"}


def test_a_file_that_lies_about_its_type_is_refused(rpc, bureau):
    me = rpc(bureau.pegawai())
    with pytest.raises(ValidationFailed) as caught:  # PNG bytes declared as a PDF
        me.upload_document(ijazah(file=b64(png()), file_name="scan.pdf", content_type="application/pdf"))
    assert "file" in caught.value.fields
    with pytest.raises(ValidationFailed) as caught:  # PNG bytes named .pdf, no declared type
        me.upload_document(ijazah(file=b64(png()), file_name="scan.pdf", content_type=None))
    assert "file" in caught.value.fields
    with pytest.raises(ValidationFailed) as caught:  # a text file (a script) named .pdf
        me.upload_document(ijazah(file=b64(b"#!/bin/sh\nrm -rf /\n"), file_name="ijazah.pdf"))
    assert "file" in caught.value.fields
    with pytest.raises(ValidationFailed) as caught:  # an executable named .pdf
        me.upload_document(ijazah(file=b64(b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200)), file_name="ijazah.pdf"))
    assert "file" in caught.value.fields
    with pytest.raises(ValidationFailed) as caught:  # over the size limit
        me.upload_document(ijazah(file=b64(b"%PDF-1.4\n" + bytes(5 * 1024 * 1024 + 1))))
    assert "file" in caught.value.fields
    doc = me.upload_document(ijazah(file=b64(png()), file_name="scan.png", content_type="image/png"))
    assert doc["file_type"] == "image/png" and doc["file_name"] == "scan.png"


def test_an_uploaded_jpeg_loses_its_exif(rpc, bureau):
    original = jpeg_with_exif()
    assert b"KameraRahasia" in original and Image.open(io.BytesIO(original)).getexif()
    me = rpc(bureau.pegawai())
    doc = me.upload_document(ijazah(file=b64(original), file_name="foto ijazah.jpg", content_type="image/jpeg"))
    stored = base64.b64decode(me.document_file(doc["id"])["content_b64"])
    assert b"KameraRahasia" not in stored and b"Exif" not in stored
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and not image.getexif() and image.size == (60, 40)


def test_who_sees_and_does_what(rpc, bureau):
    doc = rpc(bureau.pegawai()).upload_document(ijazah())
    pegawai_id = bureau.employee_ids["pegawai"]
    # a colleague of the same subbagian: nothing of it
    colleague = rpc(bureau.colleague())
    for call in (lambda: colleague.get_document(doc["id"]), lambda: colleague.document_file(doc["id"]),
                 lambda: colleague.list_documents(employee_id=pegawai_id),
                 lambda: colleague.completeness(pegawai_id), lambda: colleague.verify_document(doc["id"]),
                 lambda: colleague.delete_document(doc["id"]),
                 lambda: colleague.upload_document(ijazah(employee_id=pegawai_id)),
                 lambda: colleague.unit_completeness(bureau.unit_ids["BUP.TU.KPG"])):
        with pytest.raises(Forbidden):
            call()
    with pytest.raises(NotFound):
        colleague.get_document(2_000_000_000)
    # the direct supervisor and the one above read, but may not verify nor change
    for supervisor in (rpc(bureau.supervisor()), rpc(bureau.kabag())):
        seen = supervisor.get_document(doc["id"])
        assert seen["allowed_actions"] == []
        assert base64.b64decode(supervisor.document_file(doc["id"])["content_b64"]) == DEMO_PDF
        assert doc["id"] in [d["id"] for d in supervisor.list_documents(employee_id=pegawai_id, limit=200)["items"]]
        with pytest.raises(Forbidden):
            supervisor.verify_document(doc["id"])
        with pytest.raises(Forbidden):
            supervisor.update_document(doc["id"], {"number": "X-1"})
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).verify_document(doc["id"])
    officer = rpc(bureau.staff_officer())
    assert officer.get_document(doc["id"])["allowed_actions"] == ["verify", "reject", "update", "delete"]
    # a staff officer uploads for anyone, but never verifies their own papers
    own = officer.upload_document(ijazah())
    assert own["employee_id"] == bureau.employee_ids["analis_sdm"] and "verify" not in own["allowed_actions"]
    with pytest.raises(Forbidden):
        officer.verify_document(own["id"])
    for_pegawai = officer.upload_document(ijazah(employee_id=pegawai_id))
    assert for_pegawai["employee_id"] == pegawai_id


def test_verify_and_reject_with_events(rpc, bureau, observer):
    watch = observer()
    me, officer = rpc(bureau.pegawai()), rpc(bureau.staff_officer())
    doc = me.upload_document(ijazah())
    with pytest.raises(ValidationFailed) as caught:
        officer.reject_document(doc["id"], "")
    assert "reason" in caught.value.fields
    rejected = officer.reject_document(doc["id"], "Hasil pindaian tidak terbaca.")
    assert rejected["status"] == "rejected" and rejected["reason"] == "Hasil pindaian tidak terbaca."
    assert me.get_document(doc["id"])["allowed_actions"] == ["update", "delete"]
    again = me.update_document(doc["id"], {"file": b64(png()), "file_name": "ulang.png", "content_type": "image/png"})
    assert again["status"] == "waiting" and again["reason"] is None and again["file_type"] == "image/png"
    verified = officer.verify_document(doc["id"])
    assert verified["status"] == "verified" and verified["verified_by"] and verified["verified_at"]
    with pytest.raises(Exception) as caught:
        officer.verify_document(doc["id"])
    assert type(caught.value).__name__ == "Conflict"
    # a verified one: only the staff officer replaces or deletes it
    assert me.get_document(doc["id"])["allowed_actions"] == []
    with pytest.raises(Forbidden):
        me.update_document(doc["id"], {"number": "DN-99"})
    with pytest.raises(Forbidden):
        me.delete_document(doc["id"])
    replaced = officer.update_document(doc["id"], {"number": "DN-99/S1/2012"})
    assert replaced["status"] == "waiting" and replaced["number"] == "DN-99/S1/2012"
    # the owner deletes their own waiting one
    gone = me.upload_document(ijazah())
    assert me.delete_document(gone["id"]) == {"id": gone["id"], "deleted": True}
    with pytest.raises(NotFound):
        me.get_document(gone["id"])

    def mine(kind):
        return [e["data"] for e in watch.of_type(f"kepegawaian.{kind}") if e["data"]["document_id"] == doc["id"]]

    wait_for(lambda: len(mine("document_uploaded")) == 3 and mine("document_verified") and mine("document_rejected"))
    assert [e["status"] for e in mine("document_uploaded")] == ["waiting"] * 3
    payload = mine("document_verified")[0]
    assert set(payload) == {"document_id", "employee_id", "unit_id", "type_code", "status", "verified_by",
                            "verified_at"}
    assert payload["employee_id"] == bureau.employee_ids["pegawai"] and payload["type_code"] == "ijazah"
    assert payload["status"] == "verified" and payload["unit_id"] is not None
    assert mine("document_rejected")[0]["status"] == "rejected"
    for event in mine("document_uploaded") + mine("document_verified"):
        assert "number" not in event and "content_b64" not in str(event) and "DN-" not in str(event)


def test_completeness_per_employee_and_unit(rpc, bureau):
    """The driver (non-ASN) must hold an ijazah, a KTP and a KK: counted as they are verified."""
    driver_id = bureau.employee_ids["pengemudi"]
    driver, officer = rpc(bureau.driver()), rpc(bureau.staff_officer())
    unit_id = officer.completeness(driver_id)["unit_id"]

    def unit_page():
        items, cursor = [], None
        while True:
            answer = officer.unit_completeness(unit_id, cursor=cursor, limit=1)
            items += answer["items"]
            cursor = answer["next_cursor"]
            if cursor is None:
                return answer, items

    before = driver.completeness()
    assert before["required"] == 3 and before["employment_type"] == "non_asn"
    assert {i["type_code"] for i in before["items"]} == {"ijazah", "ktp", "kk"}
    unit_before, incomplete = unit_page()
    assert driver_id in [p["employee_id"] for p in incomplete]
    assert unit_before["employees"] == unit_before["complete"] + unit_before["incomplete"] >= 1
    uploaded = []
    for type_code, extra in (("ktp", {"number": "5171010101800009"}), ("kk", {"number": "5171010101800010"}),
                             ("ijazah", {"details": {"level": "SMA", "institution": "SMAN 1 Denpasar",
                                                     "year": 1998},
                                         "number": "DN-SMA-1998", "issued_on": "1998-06-20"})):
        if type_code in before["missing"]:
            body = {"type_code": type_code, "file": b64(DEMO_PDF), "file_name": f"{type_code}.pdf"} | extra
            uploaded.append(driver.upload_document(body))
    waiting = driver.completeness()
    assert all(i["state"] in ("waiting", "verified") for i in waiting["items"])
    for doc in uploaded:
        officer.verify_document(doc["id"])
    after = driver.completeness()
    assert after["complete"] is True and after["percent"] == 100.0 and after["missing"] == []
    unit_after, incomplete = unit_page()
    assert driver_id not in [p["employee_id"] for p in incomplete]
    if uploaded:
        assert unit_after["complete"] == unit_before["complete"] + 1
    # an expired KTP counts as missing again
    ktp = next(i["document_id"] for i in after["items"] if i["type_code"] == "ktp")
    officer.update_document(ktp, {"expires_on": (TODAY - timedelta(days=1)).isoformat(),
                                  "issued_on": (TODAY - timedelta(days=3000)).isoformat()})
    officer.verify_document(ktp)
    expired = driver.completeness()
    assert expired["complete"] is False and expired["missing"] == ["ktp"]
    assert next(i for i in expired["items"] if i["type_code"] == "ktp")["state"] == "expired"
    officer.update_document(ktp, {"expires_on": None})
    officer.verify_document(ktp)
    assert driver.completeness()["complete"] is True


def test_expiring_soon_and_a_non_multiple_type_once(rpc, bureau):
    officer = rpc(bureau.staff_officer())
    pppk_id = bureau.employee_ids["pppk_kpg"]
    contract = officer.upload_document({
        "employee_id": pppk_id, "type_code": "sk_pppk", "number": unique("800/PK/"),
        "issued_on": (TODAY - timedelta(days=700)).isoformat(), "tmt": (TODAY - timedelta(days=690)).isoformat(),
        "expires_on": (TODAY + timedelta(days=30)).isoformat(), "file": b64(DEMO_PDF), "file_name": "pk.pdf"})
    officer.verify_document(contract["id"])
    soon = officer.expiring_documents(90)["items"]
    assert contract["id"] in [d["id"] for d in soon]
    assert contract["id"] not in [d["id"] for d in officer.expiring_documents(20)["items"]]
    assert contract["id"] not in [d["id"] for d in rpc(bureau.pegawai()).expiring_documents(90)["items"]]
    assert contract["id"] in [d["id"] for d in rpc(bureau.pppk()).expiring_documents(90)["items"]]
    # a type held once: the second upload is a conflict naming the first
    officer_id = bureau.employee_ids["analis_sdm"]
    first = officer.list_documents(employee_id=officer_id, type_code="npwp")["items"]
    if not first:
        officer.upload_document({"type_code": "npwp", "number": "12.345.678.9-901.000", "file": b64(DEMO_PDF),
                                 "file_name": "npwp.pdf"})
    with pytest.raises(Exception) as caught:
        officer.upload_document({"type_code": "npwp", "number": "12.345.678.9-901.001", "file": b64(DEMO_PDF),
                                 "file_name": "npwp.pdf"})
    assert type(caught.value).__name__ == "Conflict"


def test_the_verify_queue_is_keyset_paged(rpc, bureau):
    me, officer = rpc(bureau.pegawai()), rpc(bureau.staff_officer())
    ids = {me.upload_document(ijazah())["id"] for _ in range(3)}
    seen, cursor = [], None
    while True:
        answer = officer.list_documents(status="waiting", cursor=cursor, limit=2)
        seen += [d["id"] for d in answer["items"]]
        cursor = answer["next_cursor"]
        if cursor is None or ids <= set(seen):
            break
    assert ids <= set(seen) and len(seen) == len(set(seen)) and seen == sorted(seen, reverse=True)
    with pytest.raises(ValidationFailed):
        officer.list_documents(cursor="not-a-cursor")
    with pytest.raises(Forbidden):
        rpc(bureau.colleague()).list_documents(employee_id=bureau.employee_ids["pegawai"])


def test_education_and_trainings_for_the_duk(rpc, bureau):
    officer = rpc(bureau.staff_officer())
    kabag_id = bureau.employee_ids["kabag_ka"]
    made = []
    for level, year, verify in (("SMA", 1995, True), ("S1", 2000, True), ("S2", 2010, False)):
        made.append((officer.upload_document(ijazah(employee_id=kabag_id, details={
            "level": level, "major": "Akuntansi", "institution": f"Kampus {level}", "year": year})), verify))
    name = unique("Diklat PIM IV ")
    made.append((officer.upload_document({"employee_id": kabag_id, "type_code": "sertifikat_diklat",
                                          "file": b64(DEMO_PDF), "file_name": "diklat.pdf", "details": {
                                              "name": name, "organiser": "BPSDM Provinsi Bali", "year": 2015,
                                              "hours": 285}}), True))
    for doc, verify in made:
        if verify:
            officer.verify_document(doc["id"])
    with Session(bureau.engine) as session:
        education = documents.education_of(session, [kabag_id, 2_000_000_000])
        trainings = documents.trainings_of(session, [kabag_id])
    assert education[kabag_id]["level"] in ("S1", "S2")
    if education[kabag_id]["level"] == "S1":  # no other test verifies a higher diploma for this person
        assert education[kabag_id] == {"level": "S1", "major": "Akuntansi", "institution": "Kampus S1",
                                       "year": 2000}
    assert 2_000_000_000 not in education
    assert {"name": name, "year": 2015, "hours": 285} in trainings[kabag_id]


def test_only_admin_edits_a_type_and_its_detail_fields_are_checked(rpc, bureau):
    with pytest.raises(Forbidden):
        rpc(bureau.staff_officer()).update_document_type("taspen", {"description": "Kartu peserta Taspen."})
    admin = rpc(bureau.admin())
    with pytest.raises(ValidationFailed) as caught:
        admin.update_document_type("taspen", {"detail_fields": [{"name": "Bad Name"}]})
    assert "detail_fields" in caught.value.fields
    with pytest.raises(NotFound):
        admin.update_document_type("tidak_ada", {"description": "x"})
    changed = admin.update_document_type("taspen", {"description": "Kartu peserta Taspen.", "required_for": []})
    assert changed["code"] == "taspen" and changed["description"] == "Kartu peserta Taspen."
    assert next(t for t in rpc(bureau.pegawai()).document_types()["items"]
                if t["code"] == "taspen")["description"] == "Kartu peserta Taspen."
