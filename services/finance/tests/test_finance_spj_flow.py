"""Small-purchase SPJ through the running service (real broker, real database): drafting with purchases and
their taxes, the whole workflow to closing with its ledger, BKU postings and events, the Rp10 juta refusal, the
meterai and split-purchase flags, returns with notes, rejection and revision, cancellation releasing the
commitment, the two approval paths (up to the configured amount the PPK-SKPD approves; above it the PPK-SKPD
endorses and the PA/KPA approves, committing once), separation of duties (the endorser never approves),
visibility, the SPJ table against its migrations, and 20 concurrent approvals against a line that affords
only some of them."""
from __future__ import annotations

import base64
import hashlib
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from itertools import count

import pytest
from finance.domain import spj as spj_commands
from finance.domain.access import caller_of
from situok_contracts.events import Finance
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.testing import wait_for
from sqlalchemy import text
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

YEAR = 2029
_accounts = count(1)


def pptk_line(bureau, ceiling: int, pptk: str = "kasubbag_rtp", sub: str = "9.99.99.2.01.0001") -> int:
    """A budget line of ``YEAR`` in the active version, on sub-kegiatan ``sub`` whose PPTK is ``pptk``; each
    call a fresh account code."""
    account = f"5.1.02.99.99.{next(_accounts):04d}"
    line_id = bureau.budget_line(ceiling, account_code=account, sub_activity_code=sub, year=YEAR,
                                 account_name=f"Belanja uji {account}")
    with Session(bureau.engine) as session, session.begin():
        session.execute(text("INSERT INTO budget_versions (fiscal_year, number, label, status, loaded_by) "
                             "VALUES (:y, 0, 'DPA uji', 'active', 'test') ON CONFLICT DO NOTHING"), {"y": YEAR})
        version = session.scalar(text("SELECT id FROM budget_versions WHERE fiscal_year = :y AND status = 'active'"),
                                 {"y": YEAR})
        sub_id = session.scalar(text(
            "INSERT INTO budget_sub_activities (version_id, program_code, program_name, activity_code, "
            "activity_name, code, name, pptk_employee_id) VALUES (:v, '9.99.99', 'Program uji', '9.99.99.2.01', "
            "'Kegiatan uji', :c, 'Sub kegiatan uji', :p) ON CONFLICT (version_id, code) DO UPDATE SET "
            "pptk_employee_id = EXCLUDED.pptk_employee_id RETURNING id"),
            {"v": version, "c": sub, "p": bureau.employee_ids[pptk]})
        session.execute(text(
            "INSERT INTO budget_allocations (sub_activity_id, line_id, account_code, account_name, ceiling, cash_plan)"
            " VALUES (:s, :l, :a, 'Belanja uji', :c, CAST(:plan AS jsonb)) ON CONFLICT (sub_activity_id, "
            "account_code) DO UPDATE SET ceiling = EXCLUDED.ceiling"),
            {"s": sub_id, "l": line_id, "a": account, "c": ceiling, "plan": str([0] * 11 + [ceiling])})
    return line_id


_documents = count(1)


def evidence(rpc, bureau, title="Nota pembelian") -> int:
    """A document in the archive (registered by its Drive URL through the archive's RPC): its id."""
    document = rpc(bureau.pptk()).archive_register_link({
        "classification_code": "900.1.4", "title": title, "url": f"https://drive.google.com/file/d/nota{next(_documents)}",
        "document_date": "2029-03-05"})
    return document["id"]


def item(price, quantity="1", category="barang", what="Kertas HVS A4"):
    return {"description": what, "quantity": quantity, "unit": "rim", "unit_price": price, "category": category}


def purchase(items, vendor="CV Sinar Terang", day="2029-03-05", npwp=None, pkp=False, document=None):
    return {"vendor_name": vendor, "vendor_npwp": npwp, "vendor_pkp": pkp, "purchased_on": day,
            "receipt_number": "NT-001", "evidence_document_id": document, "items": items}


def spj_data(line_id, purchases, title="Belanja ATK Maret"):
    return {"budget_line_id": line_id, "title": title, "purchases": purchases}


def amounts(bureau, line_id):
    return bureau.rows("SELECT ceiling, committed, realized FROM budget_lines WHERE id = :id", {"id": line_id})[0]


def ready(rpc, bureau, line_id, price, vendor="Toko Ready"):
    """An SPJ drafted, submitted and verified (one purchase of ``price``): its id."""
    doc = evidence(rpc, bureau, f"Nota {vendor} {price}")
    created = rpc(bureau.pptk()).create_spj(spj_data(line_id, [purchase([item(price)], vendor=vendor,
                                                                          document=doc)]))
    rpc(bureau.pptk()).submit_spj(created["id"])
    rpc(bureau.bendahara()).verify_spj(created["id"])
    return created["id"]


class FakeTx:
    """A transaction for calling ``close_paid`` as the books' closing does: the session and the events."""

    def __init__(self, session):
        self.session = session
        self.events = []

    def emit(self, name, payload):
        self.events.append((name, payload))


def test_a_purchase_spj_from_draft_to_closed(rpc, bureau, observer):
    watch = observer()
    line_id = pptk_line(bureau, 20_000_000)
    pptk, bendahara, ppk = rpc(bureau.pptk()), rpc(bureau.bendahara()), rpc(bureau.ppk())
    doc1, doc2 = evidence(rpc, bureau, "Nota kertas"), evidence(rpc, bureau, "Nota servis")
    data = spj_data(line_id, [
        purchase([item(1_100_000, "2"), item(300_000, "1", what="Map")], npwp="01.234.567.8-901.000", pkp=True,
                 document=doc1),
        purchase([item(500_000, category="jasa", what="Servis printer")], vendor="Bengkel Komputer", document=doc2,
                 day="2029-03-06"),
    ])
    draft = pptk.create_spj(data, "idem-flow-1")
    assert draft["status"] == "draft" and draft["number"] is None
    assert draft["allowed_actions"] == ["edit", "submit", "cancel"] and draft["travel"] is None
    first, second = draft["purchases"]
    assert first["total"] == 2_500_000 and first["evidence_kind"] == "nota" and not first["meterai_required"]
    assert [i["amount"] for i in first["items"]] == [2_200_000, 300_000]
    # PKP above Rp2 juta: PPN included (2.500.000 × 11/111) and PPh 22 on the DPP
    assert {t["kind"]: t["amount"] for t in draft["taxes"]} == {"ppn": 247_748, "pph22": 33_784, "pph23": 20_000}
    assert draft["gross"] == 3_000_000 and draft["tax_withheld"] == 301_532
    assert draft["net_payable"] == 3_000_000 - 301_532 and second["tax_withheld"] == 20_000
    assert pptk.create_spj(data, "idem-flow-1")["id"] == draft["id"]  # a retried create: the same SPJ
    with pytest.raises(Conflict):
        pptk.create_spj(spj_data(line_id, []), "idem-flow-1")
    spj_id = draft["id"]

    submitted = pptk.submit_spj(spj_id)
    assert re.fullmatch(rf"900\.1\.2\.3/\d+/SPJ/{YEAR}", submitted["number"])
    assert bendahara.get_spj(spj_id)["allowed_actions"] == ["return", "verify", "reject", "cancel"]
    verified = bendahara.verify_spj(spj_id, "Bukti lengkap")
    assert verified["status"] == "verified" and verified["approval_level"] == "ppk"
    approved = ppk.approve_spj(spj_id)
    assert approved["status"] == "approved"
    assert amounts(bureau, line_id) == (20_000_000, 3_000_000, 0)

    paid = bendahara.pay_spj(spj_id, {"medium": "bank", "paid_on": "2029-03-10"})
    assert (paid["status"], paid["payment_medium"], paid["paid_on"]) == ("paid", "bank", "2029-03-10")
    assert amounts(bureau, line_id) == (20_000_000, 0, 3_000_000)
    posted = bureau.rows("SELECT kind, debit, credit, tax_kind FROM cash_postings WHERE spj_id = :s ORDER BY seq",
                         {"s": spj_id})
    assert posted == [("spj_payment", 0, 3_000_000, None), ("tax_withheld", 247_748, 0, "ppn"),
                      ("tax_withheld", 33_784, 0, "pph22"), ("tax_withheld", 20_000, 0, "pph23")]
    # the paid SPJ's printout is archived with it, found by its number
    archived = [d for d in bendahara.list_archive({"spj_id": spj_id})["items"] if d["number"] == paid["number"]]
    assert [(d["classification_code"], d["fiscal_year"], d["month"], d["content_type"]) for d in archived] == [
        ("900.1.4", YEAR, 3, "application/pdf")]
    printed = base64.b64decode(bendahara.archive_file(archived[0]["id"])["content_b64"])
    assert printed.startswith(b"%PDF") and hashlib.sha256(printed).hexdigest() == archived[0]["sha256"]

    ppn = next(t for t in paid["taxes"] if t["kind"] == "ppn")
    deposited = bendahara.record_tax_deposit(ppn["id"], {"billing_code": "123456789012345",
                                                         "ntpn": "ABCD1234EFGH5678", "deposited_on": "2029-03-11"})
    assert next(t for t in deposited["taxes"] if t["id"] == ppn["id"])["ntpn"] == "ABCD1234EFGH5678"
    assert bureau.scalar("SELECT credit FROM cash_postings WHERE spj_id = :s AND kind = 'tax_deposit'",
                         {"s": spj_id}) == 247_748
    with pytest.raises(Conflict):
        bendahara.record_tax_deposit(ppn["id"], {"billing_code": "123456789012345", "ntpn": "ABCD1234EFGH9999",
                                                 "deposited_on": "2029-03-11"})

    with Session(bureau.engine) as session, session.begin():
        tx = FakeTx(session)
        assert spj_commands.close_paid(tx, caller_of(bureau.bendahara()), YEAR, 3) >= 1
    closed = bendahara.get_spj(spj_id)
    assert (closed["status"], closed["closed_month"]) == ("closed", 3)
    assert [t["action"] for t in closed["transitions"]] == ["create", "submit", "verify", "approve", "pay",
                                                            "deposit_tax", "close"]
    assert (Finance.SPJ_CLOSED, spj_id) in {(name, p["spj_id"]) for name, p in tx.events}

    expected = {(event, spj_id) for event in (Finance.SPJ_DRAFTED, Finance.SPJ_SUBMITTED, Finance.SPJ_VERIFIED,
                                              Finance.SPJ_APPROVED, Finance.SPJ_PAID, Finance.TAX_DEPOSITED)}
    wait_for(lambda: expected <= {(m["type"], m["data"].get("spj_id")) for m in watch.poll()},
             message="the SPJ's events")


def test_a_purchase_of_ten_million_needs_procurement_and_nothing_is_saved(rpc, bureau):
    line_id = pptk_line(bureau, 50_000_000)
    pptk = rpc(bureau.pptk())
    before = bureau.scalar("SELECT count(*) FROM spj")
    with pytest.raises(ValidationFailed) as refused:
        pptk.create_spj(spj_data(line_id, [purchase([item(9_999_999)]), purchase([item(5_000_000, "2")]),
                                           purchase([item(10)], npwp="12.345")]))
    problems = refused.value.fields
    assert "purchases.0" not in problems
    assert "pengadaan" in problems["purchases.1"] and "Rp10.000.000" in problems["purchases.1"]
    assert "15 atau 16 digit" in problems["purchases.2.vendor_npwp"]
    assert bureau.scalar("SELECT count(*) FROM spj") == before
    ok = pptk.create_spj(spj_data(line_id, [purchase([item(9_999_999)])]))
    assert ok["purchases"][0]["evidence_kind"] == "nota" and ok["purchases"][0]["meterai_required"]


def test_preview_meterai_and_tax_edges(rpc, bureau):
    preview = rpc(bureau.pptk()).preview_taxes({"purchases": [
        purchase([item(5_000_000)]), purchase([item(5_000_001)]), purchase([item(2_000_000)]),
        purchase([item(2_000_001)]), purchase([item(10_000_000)])]})
    shown = preview["purchases"]
    assert [p["meterai_required"] for p in shown] == [False, True, False, False, True]
    assert [p["tax_withheld"] for p in shown[2:4]] == [0, 60_000]  # PPh 22 without NPWP: 3%
    assert "pengadaan" in preview["problems"]["purchases.4"] and shown[4]["problem"]
    assert preview["gross"] == sum(p["total"] for p in shown)


def test_split_purchases_are_flagged_for_the_verifier(rpc, bureau):
    line_id = pptk_line(bureau, 50_000_000)
    pptk = rpc(bureau.pptk())
    one = pptk.create_spj(spj_data(line_id, [purchase([item(6_000_000)], vendor="CV. Maju Jaya", day="2029-04-02")]))
    two = pptk.create_spj(spj_data(line_id, [purchase([item(4_000_000)], vendor="Maju Jaya", day="2029-04-05")]))
    three = pptk.create_spj(spj_data(line_id, [purchase([item(4_000_000)], vendor="Maju Jaya", day="2029-04-09")]))
    flag = rpc(bureau.bendahara()).get_spj(two["id"])["purchases"][0]["split_flag"]
    assert flag["total"] == 10_000_000 and "pemecahan" in flag["message"]
    assert set(flag["purchase_ids"]) == {one["purchases"][0]["id"], two["purchases"][0]["id"]}
    assert rpc(bureau.bendahara()).get_spj(three["id"])["purchases"][0]["split_flag"] is None  # next week
    rpc(bureau.pptk()).cancel_spj(one["id"], "Salah input")
    assert rpc(bureau.bendahara()).get_spj(two["id"])["purchases"][0]["split_flag"] is None  # cancelled: ignored


def test_verification_needs_every_evidence_and_a_return_carries_notes(rpc, bureau, observer):
    watch = observer()
    line_id = pptk_line(bureau, 10_000_000)
    pptk, bendahara = rpc(bureau.pptk()), rpc(bureau.bendahara())
    draft = pptk.create_spj(spj_data(line_id, [purchase([item(100_000)], document=evidence(rpc, bureau, "Nota A")),
                                               purchase([item(200_000)], vendor="Toko B")]))
    pptk.submit_spj(draft["id"])
    assert "verify" not in bendahara.get_spj(draft["id"])["allowed_actions"]
    queue = {s["id"]: s for s in bendahara.list_spj({"queue": "verify", "year": YEAR}, None, 200)["items"]}
    assert queue[draft["id"]]["allowed_actions"] == ["return", "reject", "cancel"]
    assert draft["id"] not in {s["id"] for s in pptk.list_spj({"queue": "verify"}, None, 200)["items"]}
    with pytest.raises(ValidationFailed, match="pembelian ke-2"):
        bendahara.verify_spj(draft["id"])
    second = draft["purchases"][1]["id"]
    with pytest.raises(ValidationFailed):
        bendahara.return_spj(draft["id"], {"999999": "bukan pembelian SPJ ini"})
    returned = bendahara.return_spj(draft["id"], {str(second): "Nota belum diunggah", "spj": "Lengkapi bukti"})
    assert returned["status"] == "draft" and returned["purchases"][1]["return_note"] == "Nota belum diunggah"
    assert returned["purchases"][0]["return_note"] is None
    assert returned["transitions"][-1]["note"] == "Lengkapi bukti; pembelian ke-2: Nota belum diunggah"
    assert bureau.scalar("SELECT spj_id FROM archive_documents WHERE id = :d",
                         {"d": draft["purchases"][0]["evidence_document_id"]}) == draft["id"]
    assert returned["number"] is not None  # keeps the number given at submission
    mine = wait_for(lambda: [e for e in watch.of_type(Finance.SPJ_RETURNED) if e["data"]["spj_id"] == draft["id"]],
                    message="spj_returned")
    assert mine[0]["data"]["notes"] == {str(second): "Nota belum diunggah",
                                                                       "spj": "Lengkapi bukti"}


def test_rejection_revision_and_cancelling_an_approved_spj_releases_it(rpc, bureau):
    line_id = pptk_line(bureau, 5_000_000)
    pptk, bendahara, ppk = rpc(bureau.pptk()), rpc(bureau.bendahara()), rpc(bureau.ppk())
    spj_id = ready(rpc, bureau, line_id, 1_000_000)
    with pytest.raises(ValidationFailed):
        ppk.reject_spj(spj_id, "  ")
    rejected = ppk.reject_spj(spj_id, "Tidak sesuai DPA")
    assert rejected["status"] == "rejected" and rejected["transitions"][-1]["note"] == "Tidak sesuai DPA"
    assert pptk.get_spj(spj_id)["allowed_actions"] == ["revise"]
    assert pptk.revise_spj(spj_id)["status"] == "draft"
    pptk.submit_spj(spj_id)
    bendahara.verify_spj(spj_id)
    ppk.approve_spj(spj_id)
    assert amounts(bureau, line_id)[1] == 1_000_000
    cancelled = bendahara.cancel_spj(spj_id, "Kegiatan batal")
    assert cancelled["status"] == "cancelled" and cancelled["allowed_actions"] == []
    assert amounts(bureau, line_id) == (5_000_000, 0, 0)


def test_above_the_configured_amount_the_ppk_endorses_and_the_pa_kpa_approves(rpc, bureau, observer):
    watch = observer()
    admin = rpc(bureau.admin())
    with pytest.raises(Forbidden):
        rpc(bureau.ppk()).update_spj_settings({"approval_threshold": 1})
    assert rpc(bureau.ppk()).spj_settings()["approval_threshold"] == 5_000_000
    line_id = pptk_line(bureau, 20_000_000)
    at_limit = ready(rpc, bureau, line_id, 5_000_000, vendor="Toko Satu")
    above = ready(rpc, bureau, line_id, 5_000_001, vendor="Toko Dua")
    ppk, pa_kpa = rpc(bureau.ppk()), rpc(bureau.pa_kpa())
    assert ppk.get_spj(at_limit)["approval_level"] == "ppk"
    assert ppk.get_spj(at_limit)["allowed_actions"] == ["approve", "reject", "cancel"]
    assert ppk.get_spj(above)["approval_level"] == "pa_kpa"
    assert ppk.get_spj(above)["allowed_actions"] == ["endorse", "reject", "cancel"]
    assert pa_kpa.get_spj(above)["allowed_actions"] == pa_kpa.get_spj(at_limit)["allowed_actions"] == ["cancel"]

    def inbox(proxy) -> set[int]:
        return {s["id"] for s in proxy.list_spj({"queue": "approve", "year": YEAR}, None, 200)["items"]}

    assert {at_limit, above} <= inbox(ppk) and not {at_limit, above} & inbox(pa_kpa)
    # at the amount: the PPK approves directly; the PA/KPA cannot approve it, and it is not endorsed
    with pytest.raises(ValidationFailed) as at_limit_endorsed:
        ppk.endorse_spj(at_limit)
    assert "tidak melebihi batas Rp5.000.000" in at_limit_endorsed.value.fields["gross"]
    with pytest.raises(Forbidden, match="PPK-SKPD"):
        pa_kpa.approve_spj(at_limit)
    assert ppk.approve_spj(at_limit)["status"] == "approved"
    assert amounts(bureau, line_id)[1] == 5_000_000

    # above it: the PPK's approval is a 422 naming why, the PA/KPA waits for the endorsement
    with pytest.raises(ValidationFailed) as approved_above:
        ppk.approve_spj(above)
    assert approved_above.value.fields["gross"].startswith("Bruto Rp5.000.001 di atas batas Rp5.000.000")
    with pytest.raises(Forbidden, match="PPK-SKPD"):
        pa_kpa.approve_spj(above)
    endorsed = ppk.endorse_spj(above, "Sesuai DPA")
    assert (endorsed["status"], endorsed["endorsed_by_account_id"]) == ("endorsed", bureau.ppk().account_id)
    assert endorsed["allowed_actions"] == ["cancel"]
    assert amounts(bureau, line_id)[1] == 5_000_000  # an endorsement commits nothing
    assert above not in inbox(ppk) and above in inbox(pa_kpa)
    assert pa_kpa.get_spj(above)["allowed_actions"] == ["approve", "reject", "cancel"]
    with pytest.raises(Forbidden, match="PA/KPA"):
        ppk.approve_spj(above)
    with pytest.raises(Conflict, match="berstatus disahkan PPK"):
        ppk.endorse_spj(above)
    approved = pa_kpa.approve_spj(above)
    assert approved["status"] == "approved" and approved["approval_level"] == "pa_kpa"
    assert [(t["action"], t["to_status"]) for t in approved["transitions"]][-2:] == [
        ("endorse", "endorsed"), ("approve", "approved")]
    assert amounts(bureau, line_id) == (20_000_000, 10_000_001, 0)  # committed once, at the final approval
    with pytest.raises(Conflict):
        pa_kpa.approve_spj(above)
    assert amounts(bureau, line_id)[1] == 10_000_001
    event = wait_for(lambda: [e for e in watch.of_type(Finance.SPJ_ENDORSED) if e["data"]["spj_id"] == above],
                     message="spj_endorsed")[0]["data"]
    assert (event["spj_id"], event["status"], event["from_status"], event["note"]) == (
        above, "endorsed", "verified", "Sesuai DPA")
    try:
        assert admin.update_spj_settings({"approval_threshold": 6_000_000})["approval_threshold"] == 6_000_000
        assert ppk.get_spj(at_limit)["approval_level"] == "ppk"
        with pytest.raises(ValidationFailed):
            admin.update_spj_settings({"number_template": "SPJ/{tahun}"})
    finally:
        admin.update_spj_settings({"approval_threshold": 5_000_000})


def test_an_endorsement_rejected_cancelled_or_beyond_the_ceiling(rpc, bureau):
    line_id = pptk_line(bureau, 10_000_000)
    ppk, pa_kpa, pptk = rpc(bureau.ppk()), rpc(bureau.pa_kpa()), rpc(bureau.pptk())
    first, second, third, fourth = (ready(rpc, bureau, line_id, 6_000_000, vendor=f"Toko Sah {n}")
                                    for n in range(4))
    for spj_id in (first, second, third, fourth):
        assert ppk.endorse_spj(spj_id)["status"] == "endorsed"
    # the PA/KPA rejects; the PPTK revises: the endorsement is gone with the rest
    assert pa_kpa.reject_spj(first, "Belum sesuai rencana kas")["status"] == "rejected"
    revised = pptk.revise_spj(first)
    assert (revised["status"], revised["endorsed_by_account_id"]) == ("draft", None)
    # cancelled while endorsed: the bendahara (or the PPK, or the PA/KPA); nothing to release
    with pytest.raises(Forbidden):
        pptk.cancel_spj(second, "Tidak jadi")
    assert rpc(bureau.bendahara()).cancel_spj(second, "Tidak jadi")["status"] == "cancelled"
    assert ppk.cancel_spj(third, "Kegiatan batal")["status"] == "cancelled"
    assert amounts(bureau, line_id) == (10_000_000, 0, 0)
    # the ceiling is checked at the final approval: one 6 juta fits in 10 juta, a second would not
    spare = ready(rpc, bureau, line_id, 6_000_000, vendor="Toko Sah 5")
    ppk.endorse_spj(spare)
    assert pa_kpa.approve_spj(fourth)["status"] == "approved"
    with pytest.raises(Conflict):
        pa_kpa.approve_spj(spare)
    assert pa_kpa.get_spj(spare)["status"] == "endorsed"
    assert amounts(bureau, line_id) == (10_000_000, 6_000_000, 0)


def test_the_endorser_who_is_also_pa_kpa_cannot_approve_their_endorsement(rpc, bureau):
    line_id = pptk_line(bureau, 20_000_000)
    spj_id = ready(rpc, bureau, line_id, 7_000_000, vendor="Toko Rangkap")
    both = rpc(bureau.as_("kasubbag_akp", "ppk", "pimpinan", "pegawai"))
    assert both.get_spj(spj_id)["allowed_actions"] == ["endorse", "reject", "cancel"]
    assert both.endorse_spj(spj_id)["allowed_actions"] == ["cancel"]
    assert spj_id not in {s["id"] for s in both.list_spj({"queue": "approve", "year": YEAR}, None, 200)["items"]}
    with pytest.raises(Forbidden, match="pemisahan tugas"):
        both.approve_spj(spj_id)
    with pytest.raises(Forbidden, match="pemisahan tugas"):
        both.reject_spj(spj_id, "Saya sendiri")
    assert amounts(bureau, line_id)[1] == 0
    assert rpc(bureau.pa_kpa()).approve_spj(spj_id)["status"] == "approved"
    assert amounts(bureau, line_id)[1] == 7_000_000


def test_the_printout_of_an_endorsed_spj_is_signed_by_the_endorsing_ppk_and_the_approving_pa_kpa(rpc, bureau,
                                                                                                 tmp_path):
    line_id = pptk_line(bureau, 20_000_000)
    spj_id = ready(rpc, bureau, line_id, 8_000_000, vendor="Toko Cetak Sah")
    rpc(bureau.ppk()).endorse_spj(spj_id)
    rpc(bureau.pa_kpa()).approve_spj(spj_id)
    pdf = base64.b64decode(rpc(bureau.bendahara()).spj_document(spj_id)["content_b64"])
    (tmp_path / "spj.pdf").write_bytes(pdf)
    words = " ".join(subprocess.run(["pdftotext", str(tmp_path / "spj.pdf"), "-"], capture_output=True, text=True,
                                    check=True).stdout.split())
    nip = {key: bureau.scalar("SELECT nip FROM roster_employees WHERE id = :i", {"i": bureau.employee_ids[key]})
           for key in ("kasubbag_akp", "karo")}
    compact = words.replace(" ", "")
    assert nip["kasubbag_akp"] and nip["kasubbag_akp"] in compact
    # the PA/KPA signs "Setuju dibayar" under its own title, after the PPK-SKPD's endorsement
    assert "Setuju dibayar" in words and "Pengguna Anggaran" in words
    assert compact.index(nip["karo"]) > compact.index(nip["kasubbag_akp"])


def test_the_spj_table_matches_its_migrations(finance_db, bureau):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from finance.models import Base

    def tables(diff) -> set[str]:
        found = set()
        for part in diff if isinstance(diff, tuple) else [p for d in diff for p in d]:
            table = getattr(part, "table", None)
            if table is not None:
                found.add(table.name)
            elif isinstance(part, str):
                found.add(part)
        return found

    with finance_db[1].connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert [d for d in diffs if tables(d) & {"spj", "spj_transitions"}] == []
    check = bureau.scalar("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'ck_spj_status'")
    assert "'endorsed'" in check and "'verified'" in check
    assert bureau.scalar("SELECT count(*) FROM information_schema.columns WHERE table_name = 'spj' "
                         "AND column_name = 'endorsed_by_account_id'") == 1


def test_separation_of_duties(rpc, bureau):
    line_id = pptk_line(bureau, 10_000_000)
    drafter_treasurer = rpc(bureau.as_("kasubbag_rtp", "pptk", "bendahara", "pegawai"))
    doc = evidence(rpc, bureau, "Nota pemisahan")
    created = drafter_treasurer.create_spj(spj_data(line_id, [purchase([item(400_000)], document=doc)]))
    drafter_treasurer.submit_spj(created["id"])
    assert "verify" not in drafter_treasurer.get_spj(created["id"])["allowed_actions"]
    with pytest.raises(Forbidden, match="pemisahan tugas"):
        drafter_treasurer.verify_spj(created["id"])
    verifier_approver = rpc(bureau.as_("bendahara", "bendahara", "ppk", "pegawai"))
    verifier_approver.verify_spj(created["id"])
    with pytest.raises(Forbidden, match="pemisahan tugas"):
        verifier_approver.approve_spj(created["id"])
    assert rpc(bureau.ppk()).approve_spj(created["id"])["status"] == "approved"


def test_who_sees_and_drafts_what(rpc, bureau):
    line_id = pptk_line(bureau, 10_000_000)
    other_line = pptk_line(bureau, 10_000_000, pptk="kasubbag_pml", sub="9.99.99.2.01.0002")
    mine = rpc(bureau.pptk()).create_spj(spj_data(line_id, [purchase([item(100_000)])]))
    with pytest.raises(Forbidden, match="bukan PPTK"):
        rpc(bureau.pptk()).create_spj(spj_data(other_line, [purchase([item(100_000)])]))
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).create_spj(spj_data(line_id, []))
    with pytest.raises(NotFound):
        rpc(bureau.other_pptk()).get_spj(mine["id"])
    with pytest.raises(NotFound):
        rpc(bureau.pegawai()).get_spj(mine["id"])
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).list_spj()
    others = {s["id"] for s in rpc(bureau.other_pptk()).list_spj({"year": YEAR}, None, 200)["items"]}
    assert mine["id"] not in others
    assert mine["id"] in {s["id"] for s in rpc(bureau.pptk()).list_spj({"mine": True}, None, 200)["items"]}
    assert mine["id"] in {s["id"] for s in rpc(bureau.pa_kpa()).list_spj({"status": "draft"}, None, 200)["items"]}
    with pytest.raises(Forbidden):
        rpc(bureau.bendahara()).update_spj(mine["id"], spj_data(line_id, []))
    page = rpc(bureau.pptk()).list_spj({"year": YEAR}, None, 1)
    assert len(page["items"]) == 1 and page["next_cursor"]
    assert rpc(bureau.pptk()).list_spj({"year": YEAR}, page["next_cursor"], 1)["items"][0]["id"] < \
        page["items"][0]["id"]


def test_twenty_concurrent_approvals_end_with_exactly_the_affordable_ones(rpc, bureau):
    line_id = pptk_line(bureau, 7 * 1_000_000 + 999_999)
    spj_ids = [ready(rpc, bureau, line_id, 1_000_000, vendor=f"Toko {n}") for n in range(20)]
    proxies = [rpc(bureau.ppk()) for _ in spj_ids]  # one proxy per thread: a proxy is not thread-safe

    def approve(pair):
        proxy, spj_id = pair
        try:
            return proxy.approve_spj(spj_id)["status"] == "approved"
        except Conflict:
            return False

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(approve, zip(proxies, spj_ids, strict=True)))
    assert results.count(True) == 7
    approved = bureau.scalar("SELECT count(*) FROM spj WHERE budget_line_id = :l AND status = 'approved'",
                             {"l": line_id})
    assert approved == 7
    ceiling, committed, realized = amounts(bureau, line_id)
    assert (committed, realized) == (7_000_000, 0) and ceiling - committed == 999_999


def test_the_spj_printout(rpc, bureau, tmp_path):
    line_id = pptk_line(bureau, 10_000_000)
    spj_id = ready(rpc, bureau, line_id, 2_500_000, vendor="CV Cetak & Co")
    rpc(bureau.ppk()).approve_spj(spj_id)
    answer = rpc(bureau.bendahara()).spj_document(spj_id)
    assert answer["content_type"] == "application/pdf" and answer["filename"].startswith("SPJ-900.1.2.3-")
    pdf = base64.b64decode(answer["content_b64"])
    assert pdf.startswith(b"%PDF")
    (tmp_path / "spj.pdf").write_bytes(pdf)
    words = subprocess.run(["pdftotext", "-layout", str(tmp_path / "spj.pdf"), "-"], capture_output=True,
                           text=True, check=True).stdout
    for expected in ("SURAT PERTANGGUNGJAWABAN", "CV Cetak & Co", "PPh Pasal 22", "Terbilang",
                     "Bendahara Pengeluaran", "Pejabat Pelaksana Teknis", "BIRO UMUM DAN PROTOKOL"):
        assert expected in words
    with pytest.raises(NotFound):
        rpc(bureau.other_pptk()).spj_document(spj_id)


def test_numbers_are_consecutive_per_year_under_concurrent_submissions(rpc, bureau):
    line_id = pptk_line(bureau, 10_000_000)
    pptk = rpc(bureau.pptk())
    ids = [pptk.create_spj(spj_data(line_id, [purchase([item(10_000 + n)])]))["id"] for n in range(6)]
    proxies = [rpc(bureau.pptk()) for _ in ids]  # one proxy per thread
    with ThreadPoolExecutor(max_workers=6) as pool:
        numbers = list(pool.map(lambda pair: pair[0].submit_spj(pair[1])["number"], zip(proxies, ids, strict=True)))
    seqs = sorted(int(n.split("/")[1]) for n in numbers)
    assert len(set(numbers)) == 6 and seqs == list(range(seqs[0], seqs[0] + 6))
    assert bureau.scalar("SELECT last_seq FROM spj_number_counters WHERE scope = :s", {"s": f"spj:{YEAR}"}) >= seqs[-1]


def test_an_update_replaces_the_purchases_all_or_nothing(rpc, bureau):
    line_id = pptk_line(bureau, 10_000_000)
    pptk = rpc(bureau.pptk())
    draft = pptk.create_spj(spj_data(line_id, [purchase([item(100_000), item(50_000)])]))
    with pytest.raises(ValidationFailed) as refused:
        pptk.update_spj(draft["id"], spj_data(line_id, [purchase([item(10_000_000)]),
                                                        purchase([item(1)], day="2028-12-31")], title="Baru"))
    assert "pengadaan" in refused.value.fields["purchases.0"]
    assert "tahun anggaran 2029" in refused.value.fields["purchases.1.purchased_on"]
    kept = pptk.get_spj(draft["id"])
    assert (kept["title"], kept["gross"], len(kept["purchases"][0]["items"])) == ("Belanja ATK Maret", 150_000, 2)
    updated = pptk.update_spj(draft["id"], spj_data(line_id, [purchase([item(3_000_000, category="jasa")])],
                                                     title="Servis"))
    assert (updated["title"], updated["gross"], updated["tax_withheld"]) == ("Servis", 3_000_000, 120_000)
    assert bureau.scalar("SELECT count(*) FROM spj_purchases WHERE spj_id = :s", {"s": draft["id"]}) == 1


def test_a_payment_in_a_closed_month_changes_nothing_and_taxes_wait_for_payment(rpc, bureau):
    line_id = pptk_line(bureau, 10_000_000)
    spj_id = ready(rpc, bureau, line_id, 3_000_000, vendor="Toko Tutup")
    approved = rpc(bureau.ppk()).approve_spj(spj_id)
    bendahara = rpc(bureau.bendahara())
    with pytest.raises(Conflict):  # taxes are deposited only once the SPJ is paid
        bendahara.record_tax_deposit(approved["taxes"][0]["id"], {
            "billing_code": "123456789012345", "ntpn": "ZZZZ1234EFGH5678", "deposited_on": "2029-11-20"})
    with Session(bureau.engine) as session, session.begin():
        session.execute(text("INSERT INTO month_closings (fiscal_year, month, closed_by) VALUES (:y, 11, 'test') "
                             "ON CONFLICT DO NOTHING"), {"y": YEAR})
    with pytest.raises(Conflict, match="sudah ditutup"):
        bendahara.pay_spj(spj_id, {"medium": "cash", "paid_on": "2029-11-15"})
    assert bendahara.get_spj(spj_id)["status"] == "approved"
    assert amounts(bureau, line_id) == (10_000_000, 3_000_000, 0)
    assert bureau.scalar("SELECT count(*) FROM cash_postings WHERE spj_id = :s", {"s": spj_id}) == 0
    with pytest.raises(ValidationFailed):
        bendahara.pay_spj(spj_id, {"medium": "cheque", "paid_on": "2029-11-15"})
    assert bendahara.pay_spj(spj_id, {"medium": "cash", "paid_on": "2029-12-01"})["status"] == "paid"
