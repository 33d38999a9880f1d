"""The archive through the running service (``rpc(...)``), its files in a real local S3 server (moto's server
mode, ``finance_s3``): upload, the searchable register, files served back, links, a file changed behind the
archive's back detected (and its event observed), lying files refused, the classification list, and who may
do what. Finance roles see every unit's documents: the archive is the bureau's, not a unit's.

The module points the service's storage at its own bucket through the ``SITUOK_FINANCE_*`` settings (read by
the service for each call) and puts them back afterwards.
"""
from __future__ import annotations

import base64
import hashlib
import io
import os
import uuid

import pytest
from finance.domain import archive
from finance_s3 import archive_env, s3_server  # noqa: F401  (the session fixture)
from PIL import Image
from situok_contracts.events import Finance
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.testing import wait_for

pytestmark = pytest.mark.integration

#: Routing keys of the events (their names without the service).
ARCHIVED_KEY = Finance.DOCUMENT_ARCHIVED.split(".", 1)[1]
MISMATCH_KEY = Finance.ARCHIVE_MISMATCH_FOUND.split(".", 1)[1]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def pdf(text: str) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, invariant=1)
    page.drawString(72, 720, text)
    page.save()
    return out.getvalue()


def tag() -> str:
    return uuid.uuid4().hex[:8]


@pytest.fixture(scope="module")
def bucket(s3_server):  # noqa: F811
    name = s3_server.bucket()
    settings = archive_env(s3_server, name)
    saved = {key: os.environ.get(key) for key in settings}
    os.environ.update(settings)
    try:
        yield name
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def upload(rpc, who, content: bytes, **fields):
    data = {"filename": "nota.pdf", "content_b64": b64(content), "classification_code": "900.1.4",
            "title": "Nota pembelian"} | fields
    return rpc(who).archive_upload(data)


def ids(page) -> list[int]:
    return [item["id"] for item in page["items"]]


def test_an_upload_is_stored_registered_published_and_found(rpc, bureau, bucket, s3_server, observer):  # noqa: F811
    archived = observer(ARCHIVED_KEY)
    t = tag()
    unit = bureau.unit_ids["BUP.KA.PBH"]
    content = pdf(f"Nota Toko Sinar Jaya {t}")
    doc = upload(rpc, bureau.bendahara(), content, filename="Nota Sinar Jaya.pdf", number=f"NOTA/{t}/III/2026",
                 vendor=f"Toko Sinar Jaya {t}", account_code="5.1.02.01.01.0024", document_date="2026-03-10",
                 unit_id=unit, spj_id=77, title="Nota pembelian ATK",
                 description=f"Pembelian kertas HVS dan map untuk rapat koordinasi {t}")
    sha = hashlib.sha256(content).hexdigest()
    assert doc["kind"] == "file" and doc["sha256"] == sha and doc["size_bytes"] == len(content)
    assert doc["storage_key"] == f"2026/03/{unit}/{sha[:16]}-Nota Sinar Jaya.pdf"
    assert (doc["fiscal_year"], doc["month"], doc["retention_until"]) == (2026, 3, "2036-12-31")
    assert doc["classification_name"].startswith("Pertanggungjawaban") and doc["disposition"] == "musnah"
    assert doc["unit_name"] == "Subbagian Perbendaharaan" and doc["allowed_actions"] == ["download"]
    assert doc["created_by"] == bureau.bendahara().username and doc["integrity"] == "unchecked"
    stored = s3_server.client().get_object(Bucket=bucket, Key=doc["storage_key"])
    assert stored["Body"].read() == content and stored["ContentType"] == "application/pdf"
    event = wait_for(lambda: [e for e in archived.of_type(Finance.DOCUMENT_ARCHIVED) if e["data"]["id"] == doc["id"]],
                     message="finance.document_archived")[0]
    assert event["data"]["sha256"] == sha and event["data"]["spj_id"] == 77

    reader = rpc(bureau.ppk())
    for filters in ({"vendor": f"sinar jaya {t}"}, {"number": t}, {"q": f"kertas koordinasi {t}"},
                    {"q": f"NOTA {t}", "account_code": "5.1.02", "classification_code": "900.1"},
                    {"date_from": "2026-03-01", "date_to": "2026-03-31", "fiscal_year": 2026, "month": 3,
                     "unit_id": unit, "spj_id": 77, "kind": "file", "number": t}):
        assert ids(reader.list_archive(filters)) == [doc["id"]], filters
    for filters in ({"q": f"kursi {t}"}, {"number": t, "date_from": "2026-04-01"},
                    {"number": t, "account_code": "5.1.02.02"}, {"number": t, "classification_code": "900.1.6"}):
        assert ids(reader.list_archive(filters)) == [], filters

    assert reader.get_archive_document(doc["id"]) == doc
    served = reader.archive_file(doc["id"])
    assert base64.b64decode(served["content_b64"]) == content
    assert (served["filename"], served["content_type"], served["sha256"]) == ("Nota Sinar Jaya.pdf",
                                                                             "application/pdf", sha)


def test_the_register_pages_by_keyset(rpc, bureau, bucket):
    t = tag()
    made = [upload(rpc, bureau.bendahara(), pdf(f"Kuitansi {t} {i}"), number=f"KW-{t}-{i}")["id"] for i in range(3)]
    reader = rpc(bureau.pa_kpa())
    first = reader.list_archive({"number": t}, None, 2)
    second = reader.list_archive({"number": t}, first["next_cursor"], 2)
    assert ids(first) == made[::-1][:2] and ids(second) == made[:1] and second["next_cursor"] is None
    with pytest.raises(ValidationFailed) as err:
        reader.list_archive({"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert "date_to" in err.value.fields


def test_a_photo_is_reencoded_and_kept_as_what_it_is(rpc, bureau, bucket):
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 160, 60)).save(out, "JPEG")
    doc = upload(rpc, bureau.pptk(), out.getvalue() + b"<script>alert(1)</script>", filename="struk.pdf",
                 title=f"Foto struk {tag()}")
    assert doc["content_type"] == "image/jpeg" and doc["filename"] == "struk.jpg"
    kept = base64.b64decode(rpc(bureau.bendahara()).archive_file(doc["id"])["content_b64"])
    assert b"<script>" not in kept and hashlib.sha256(kept).hexdigest() == doc["sha256"]


def test_a_file_lying_about_its_type_is_refused_and_nothing_registered(rpc, bureau, bucket):
    t = tag()
    who = bureau.bendahara()
    with pytest.raises(ValidationFailed) as err:
        upload(rpc, who, b"<html><script>alert(document.cookie)</script></html>", filename="nota.pdf",
               title=f"Palsu {t}")
    assert err.value.status == 422 and set(err.value.fields) == {"content_b64"}
    with pytest.raises(ValidationFailed) as err:
        upload(rpc, who, b"%PDF-1.4\n1 0 obj << /S /JavaScript /JS (app.alert(1)) >>\n%%EOF", title=f"Palsu {t}")
    assert "JavaScript" in err.value.fields["content_b64"]
    with pytest.raises(ValidationFailed) as err:
        upload(rpc, who, pdf(t), classification_code="999.9", title=f"Palsu {t}")
    assert set(err.value.fields) == {"classification_code"}
    with pytest.raises(ValidationFailed) as err:
        upload(rpc, who, b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1), title=f"Palsu {t}")
    assert "10 MB" in err.value.fields["content_b64"]
    assert bureau.scalar("SELECT count(*) FROM archive_documents WHERE title = :t", {"t": f"Palsu {t}"}) == 0


def test_the_same_file_twice_in_the_same_place_is_a_conflict(rpc, bureau, bucket):
    content = pdf(f"Nota ganda {tag()}")
    first = upload(rpc, bureau.bendahara(), content, document_date="2026-04-02")
    with pytest.raises(Conflict) as err:
        upload(rpc, bureau.bendahara(), content, document_date="2026-04-20")
    assert f"#{first['id']}" in err.value.message


def test_a_document_kept_on_drive_is_registered_by_its_link(rpc, bureau, bucket, observer):
    archived = observer(ARCHIVED_KEY)
    t = tag()
    sha = hashlib.sha256(t.encode()).hexdigest()
    link = rpc(bureau.pptk()).archive_register_link({
        "url": f"https://drive.google.com/file/d/{t}/view", "sha256": sha.upper(), "classification_code": "900.1.6",
        "title": f"SPPD perjalanan ke Jakarta {t}", "document_date": "2026-02-14", "vendor": "Garuda"})
    assert (link["kind"], link["sha256"], link["storage_key"]) == ("link", sha, None)
    assert link["url"].endswith(f"/{t}/view") and link["allowed_actions"] == ["open_link"]
    assert link["retention_until"] == "2036-12-31"
    assert ids(rpc(bureau.bendahara()).list_archive({"q": f"jakarta {t}", "kind": "link"})) == [link["id"]]
    wait_for(lambda: [e for e in archived.of_type(Finance.DOCUMENT_ARCHIVED) if e["data"]["id"] == link["id"]],
             message="finance.document_archived of the link")
    with pytest.raises(NotFound):
        rpc(bureau.bendahara()).archive_file(link["id"])
    with pytest.raises(ValidationFailed) as err:
        rpc(bureau.pptk()).archive_register_link({"url": "http://drive.google.com/x", "classification_code": "900.1",
                                                  "title": "Tidak aman"})
    assert set(err.value.fields) == {"url"}
    without = rpc(bureau.pptk()).archive_register_link({"url": f"https://example.go.id/{t}.pdf",
                                                        "classification_code": "900.1", "title": f"Tanpa {t}"})
    assert without["sha256"] is None


def test_a_changed_or_missing_file_is_detected_and_published(rpc, bureau, bucket, s3_server, observer):  # noqa: F811
    checker = rpc(bureau.bendahara())
    t = tag()
    originals = {}
    for name in ("ubah", "hilang"):
        content = pdf(f"Bukti {name} {t}")
        doc = upload(rpc, bureau.bendahara(), content, title=f"Bukti {name} {t}")
        originals[name] = (doc, content)
    mine = {doc["id"]: doc for doc, _ in originals.values()}
    first = checker.check_archive()
    assert not first["skipped"] and not [p for p in first["problems"] if p["document_id"] in mine]
    assert all(checker.get_archive_document(i)["integrity"] == "ok" for i in mine)

    changed, gone = originals["ubah"][0], originals["hilang"][0]
    altered = bytearray(originals["ubah"][1])
    altered[len(altered) // 2] ^= 0xFF  # one byte flipped, in place in the bucket
    altered = bytes(altered)
    s3 = s3_server.client()
    s3.put_object(Bucket=bucket, Key=changed["storage_key"], Body=altered)
    s3.delete_object(Bucket=bucket, Key=gone["storage_key"])
    found = observer(MISMATCH_KEY)
    report = checker.check_archive()
    problems = {p["document_id"]: p for p in report["problems"] if p["document_id"] in mine}
    assert problems[changed["id"]]["state"] == "mismatch"
    assert problems[changed["id"]]["actual_sha256"] == hashlib.sha256(altered).hexdigest()
    assert problems[changed["id"]]["expected_sha256"] == changed["sha256"]
    assert problems[gone["id"]]["state"] == "missing" and problems[gone["id"]]["actual_sha256"] is None

    def about_mine():
        seen = {e["data"]["document_id"]: e["data"] for e in found.of_type(Finance.ARCHIVE_MISMATCH_FOUND)
                if e["data"]["document_id"] in mine}
        return seen if len(seen) == 2 else None

    events = wait_for(about_mine, message="finance.archive_mismatch_found for both documents")
    assert events[changed["id"]]["state"] == "mismatch" and events[gone["id"]]["state"] == "missing"
    assert checker.get_archive_document(changed["id"])["integrity"] == "mismatch"
    assert checker.list_archive({"integrity": "missing", "number": None, "q": f"hilang {t}"})["items"][0]["id"] \
        == gone["id"]
    with pytest.raises(NotFound):
        checker.archive_file(gone["id"])

    # put the bytes back: the next check finds them whole and publishes nothing about them; one event per
    # bad document, whatever else the archive holds
    for doc, content in originals.values():
        s3.put_object(Bucket=bucket, Key=doc["storage_key"], Body=content)
    after = observer(MISMATCH_KEY, ARCHIVED_KEY)
    healed = checker.check_archive()
    assert not [p for p in healed["problems"] if p["document_id"] in mine]
    assert all(checker.get_archive_document(i)["integrity"] == "ok" for i in mine)
    marker = upload(rpc, bureau.bendahara(), pdf(f"Penanda {t}"), title=f"Penanda {t}")
    wait_for(lambda: [e for e in after.of_type(Finance.DOCUMENT_ARCHIVED) if e["data"]["id"] == marker["id"]],
             message="the marker's finance.document_archived (published after the check's events)")
    mismatches = after.of_type(Finance.ARCHIVE_MISMATCH_FOUND)
    assert not [e for e in mismatches if e["data"]["document_id"] in mine]
    assert len(mismatches) == healed["mismatched"] + healed["missing"]


def test_finance_roles_see_every_units_documents(rpc, bureau, bucket):
    unit = bureau.unit_ids["BUP.PKP.DOK"]  # neither PPTK's unit
    doc = upload(rpc, bureau.bendahara(), pdf(f"Dokumentasi {tag()}"), unit_id=unit, number=f"DOK-{tag()}")
    for who in (bureau.pptk(), bureau.other_pptk(), bureau.ppk(), bureau.pa_kpa(), bureau.admin()):
        assert doc["id"] in ids(rpc(who).list_archive({"unit_id": unit}))
        assert rpc(who).get_archive_document(doc["id"])["unit_id"] == unit


def test_who_may_do_what(rpc, bureau, bucket):
    doc = upload(rpc, bureau.pptk(), pdf(f"Milik PPTK {tag()}"))
    pegawai = rpc(bureau.pegawai())
    for call in (lambda: pegawai.list_archive(), lambda: pegawai.get_archive_document(doc["id"]),
                 lambda: pegawai.archive_file(doc["id"]), lambda: pegawai.list_archive_classifications(),
                 lambda: pegawai.archive_upload({"garbage": True}), lambda: pegawai.check_archive(),
                 lambda: pegawai.archive_register_link({})):
        with pytest.raises(Forbidden):
            call()
    with pytest.raises(Forbidden):
        upload(rpc, bureau.ppk(), pdf(f"PPK {tag()}"))  # the approver reads, does not archive
    for who in (bureau.pptk(), bureau.ppk()):
        with pytest.raises(Forbidden):
            rpc(who).check_archive()
    with pytest.raises(Forbidden):
        rpc(bureau.bendahara()).load_archive_classifications("k.csv", b64(b"code,name\n"))
    with pytest.raises(NotFound):
        rpc(bureau.ppk()).get_archive_document(10_000_000)
    assert not rpc(bureau.admin()).check_archive()["skipped"]


def test_the_classification_list_is_data_an_admin_replaces_whole(rpc, bureau, bucket):
    listed = {c["code"]: c for c in rpc(bureau.ppk()).list_archive_classifications()}
    assert listed["900.1.4"]["active_years"] == 2 and listed["900.1.4"]["inactive_years"] == 8
    shipped = archive.CLASSIFICATIONS_CSV.read_bytes()
    admin = rpc(bureau.admin())
    bad = shipped + b"900.1.10,Baru,x,3,musnah,\n"
    with pytest.raises(ValidationFailed) as err:
        admin.load_archive_classifications("klasifikasi.csv", b64(bad))
    last_line = shipped.count(b"\n") + 1
    assert list(err.value.fields) == [f"baris {last_line}.active_years"]
    assert "900.1.10" not in {c["code"] for c in admin.list_archive_classifications()}

    loaded = admin.load_archive_classifications("klasifikasi.csv", b64(shipped + b"900.1.10,Arsip Uji,1,4,permanen,\n"))
    assert (loaded["created"], loaded["deactivated"]) == (1, 0)
    doc = upload(rpc, bureau.bendahara(), pdf(f"Uji {tag()}"), classification_code="900.1.10",
                 document_date="2026-01-05")
    assert doc["retention_until"] == "2031-12-31" and doc["disposition"] == "permanen"

    again = admin.load_archive_classifications("klasifikasi.csv", b64(shipped))
    assert again["deactivated"] == 1
    assert not {c["code"]: c for c in again["items"]}["900.1.10"]["active"]
    with pytest.raises(ValidationFailed) as err:
        upload(rpc, bureau.bendahara(), pdf(f"Uji {tag()}"), classification_code="900.1.10")
    assert "tidak aktif" in err.value.fields["classification_code"]
    assert rpc(bureau.bendahara()).get_archive_document(doc["id"])["classification_code"] == "900.1.10"


def test_the_periodic_check_runs_once_across_instances(rpc, bureau, bucket, finance_db):
    from datetime import timedelta

    from finance.domain import integrity
    from finance.domain.storage import configured_storage
    from finance.models import kit_tables
    from finance.service import ARCHIVE_CHECK_SECONDS, FinanceService
    from nameko.extensions import ENTRYPOINT_EXTENSIONS_ATTR
    from nameko.timer import Timer
    from situok_kit.db import Transaction
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    timers = [e for e in getattr(FinanceService.scheduled_archive_check, ENTRYPOINT_EXTENSIONS_ATTR)
              if isinstance(e, Timer)]
    assert [t.interval for t in timers] == [ARCHIVE_CHECK_SECONDS] == [86400]

    upload(rpc, bureau.bendahara(), pdf(f"Periodik {tag()}"))
    engine = finance_db[1]
    storage = configured_storage()
    # another instance is checking (holds the lock): this one skips at once
    with Session(engine) as holder, holder.begin():
        holder.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": integrity.LOCK_KEY})
        with Session(engine) as session, session.begin():
            assert integrity.check_all(Transaction(session, kit_tables, {}, None), storage, wait=False)["skipped"]
    # a check just finished (on demand here): the timer's run within half the interval skips too
    assert rpc(bureau.bendahara()).check_archive()["checked"] >= 1
    with Session(engine) as session, session.begin():
        report = integrity.check_all(Transaction(session, kit_tables, {}, None), storage, wait=False,
                                     min_gap=timedelta(seconds=ARCHIVE_CHECK_SECONDS / 2))
        assert report["skipped"] and report["checked"] == 0
        ran = integrity.check_all(Transaction(session, kit_tables, {}, None), storage, wait=False,
                                  min_gap=timedelta(seconds=0))
        assert not ran["skipped"] and ran["checked"] >= 1


def test_other_areas_archive_their_printouts_with_store_file(rpc, bureau, bucket, finance_db, observer):
    from datetime import date

    from finance.domain.storage import configured_storage
    from sqlalchemy.orm import Session

    archived = observer(ARCHIVED_KEY)
    t = tag()
    content = pdf(f"SPJ {t}")
    with Session(finance_db[1]) as session, session.begin():  # a bare session: the outbox row is written too
        document = archive.store_file(session, configured_storage(), filename=f"SPJ-{t}.pdf", content=content,
                                      classification_code="900.1.4", title=f"Cetakan SPJ {t}", created_by="spj",
                                      document_date=date(2026, 5, 31), spj_id=4242, number=f"SPJ/{t}",
                                      account_code="5.1.02.01.01.0024")
        document_id = document.id
    wait_for(lambda: [e for e in archived.of_type(Finance.DOCUMENT_ARCHIVED) if e["data"]["id"] == document_id],
             message="finance.document_archived of the printout")
    found = rpc(bureau.bendahara()).list_archive({"spj_id": 4242})
    assert ids(found) == [document_id] and found["items"][0]["storage_key"].startswith("2026/05/umum/")
    assert base64.b64decode(rpc(bureau.bendahara()).archive_file(document_id)["content_b64"]) == content
