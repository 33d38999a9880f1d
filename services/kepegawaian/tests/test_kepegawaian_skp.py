"""SKP on the real stack (kepegawaian and personnel running): the plan aligned to the supervisor's, the workflow
with its events, progress with evidence (a lying file refused), feedback, the assessment and its predikat, who
may read and who may act, the supervisor's inbox and the unit summary.

Each test uses its own past year (one plan per employee and year; past years have every period begun)."""
from __future__ import annotations

import base64
import io

import pytest
from PIL import Image
from situok_kit.errors import Conflict, Forbidden, ValidationFailed
from situok_kit.testing import wait_for

pytestmark = pytest.mark.integration

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
       b"endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
ATAS, SESUAI, BAWAH = "di_atas_ekspektasi", "sesuai_ekspektasi", "di_bawah_ekspektasi"
VALUES = ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif")


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, "PNG")
    return out.getvalue()


def result(text="Dokumen SPJ tersusun", aligned=None, target=12, unit="dokumen"):
    return {"kind": "utama", "text": text, "aligned_result_id": aligned,
            "indicators": [{"text": f"Jumlah {unit}", "target_value": target, "target_unit": unit,
                            "aspect": "kuantitas"}]}


def agreed(rpc, employee, supervisor, year, results) -> dict:
    plan = rpc(employee).create_skp({"year": year, "results": results})
    rpc(employee).submit_skp(plan["id"])
    return rpc(supervisor).approve_skp(plan["id"])


def assessment(results_rating, behaviour_rating):
    return {"results_rating": results_rating, "behaviour_rating": behaviour_rating,
            "behaviour_ratings": dict.fromkeys(VALUES, behaviour_rating)}


def test_plan_aligned_to_the_supervisors_agreed_results_through_the_workflow(rpc, bureau, observer):
    watch = observer()
    year = 2024
    boss = agreed(rpc, bureau.supervisor(), bureau.kabag(), year, [result("Perbendaharaan biro tertib", None)])
    assert boss["status"] == "approved"
    boss_result = boss["results"][0]["id"]
    me = rpc(bureau.pegawai())
    mine = me.my_skp(year)
    assert mine["plan"] is None and [r["id"] for r in mine["supervisor_results"]] == [boss_result]
    # the supervisor has an agreed plan: alignment is required; a target too
    with pytest.raises(ValidationFailed) as refused:
        me.create_skp({"year": year, "results": [result()]})
    assert "results.0.aligned_result_id" in refused.value.fields
    with pytest.raises(ValidationFailed) as refused:
        me.create_skp({"year": year, "results": [result(aligned=boss_result, target=0)]})
    assert any(k.endswith("target_value") for k in refused.value.fields)
    plan = me.create_skp({"year": year, "results": [result(aligned=boss_result)]})
    assert plan["status"] == "draft" and plan["allowed_actions"] == ["edit", "submit"]
    assert plan["period_kind"] == "triwulan" and plan["period_start"] == f"{year}-01-01"
    assert plan["alignment_required"] is True and plan["results"][0]["aligned_result_id"] == boss_result
    with pytest.raises(Conflict):
        me.create_skp({"year": year, "results": [result(aligned=boss_result)]})  # one per year
    submitted = me.submit_skp(plan["id"])
    assert submitted["status"] == "submitted" and submitted["allowed_actions"] == []
    supervisor = rpc(bureau.supervisor())
    assert plan["id"] in [p["id"] for p in supervisor.skp_inbox()["plans_waiting"]]
    assert supervisor.get_skp(plan["id"])["allowed_actions"] == ["approve", "return"]
    with pytest.raises(Forbidden):
        me.approve_skp(plan["id"])
    approved = supervisor.approve_skp(plan["id"])
    assert approved["status"] == "approved" and approved["approved_by"].endswith("kasubbag_pbh")
    # an agreed plan is revised only by being returned by the supervisor
    with pytest.raises(Conflict):
        me.update_skp(plan["id"], {"results": [result(aligned=boss_result, target=10)]})
    returned = supervisor.return_skp(plan["id"], "Target dokumen dinaikkan.")
    assert returned["status"] == "returned" and returned["return_note"] == "Target dokumen dinaikkan."
    # revised in place (the ids given): the result and indicator ids stay, so do alignments and realisations
    kept = result(aligned=boss_result, target=14) | {"id": plan["results"][0]["id"]}
    kept["indicators"][0]["id"] = plan["results"][0]["indicators"][0]["id"]
    extra = result("Laporan realisasi anggaran", aligned=boss_result) | {"kind": "tambahan"}
    updated = me.update_skp(plan["id"], {"results": [kept, extra]})
    assert updated["results"][0]["indicators"][0]["target_value"] == 14
    assert updated["results"][0]["id"] == plan["results"][0]["id"] and len(updated["results"]) == 2
    assert updated["results"][0]["indicators"][0]["id"] == plan["results"][0]["indicators"][0]["id"]
    with pytest.raises(ValidationFailed) as refused:  # another plan's result is not this plan's to update
        me.update_skp(plan["id"], {"results": [result(aligned=boss_result) | {"id": boss_result}]})
    assert "results.0.id" in refused.value.fields
    me.submit_skp(plan["id"])
    supervisor.approve_skp(plan["id"])
    events = wait_for(lambda: [e for e in watch.poll() if e["data"].get("id") == plan["id"]]
                      if len([e for e in watch.of_type("kepegawaian.skp_plan_approved")
                              if e["data"]["id"] == plan["id"]]) >= 2 else None)
    submitted_events = [e for e in watch.of_type("kepegawaian.skp_plan_submitted") if e["data"]["id"] == plan["id"]]
    assert len(submitted_events) == 2 and events is not None
    payload = submitted_events[0]["data"]
    assert payload["employee_id"] == bureau.employee_ids["pegawai"] and payload["year"] == year
    assert payload["status"] == "submitted" and payload["period"] is None


def test_progress_with_evidence_feedback_and_the_assessment(rpc, bureau, observer):
    watch = observer()
    year = 2023
    me, supervisor = rpc(bureau.pegawai()), rpc(bureau.supervisor())
    plan = agreed(rpc, bureau.pegawai(), bureau.supervisor(), year, [result()])
    indicator = plan["results"][0]["indicators"][0]["id"]
    progress = {"period": 1, "realisations": [{"indicator_id": indicator, "value": 3}]}
    # no evidence; a file lying about its kind; a file of a kind not accepted
    with pytest.raises(ValidationFailed) as refused:
        me.record_progress(plan["id"], progress)
    assert "evidence_b64" in refused.value.fields
    lying = progress | {"evidence_b64": base64.b64encode(png()).decode(), "evidence_name": "bukti.pdf",
                        "evidence_type": "application/pdf"}
    with pytest.raises(ValidationFailed) as refused:
        me.record_progress(plan["id"], lying)
    assert "content_type" in refused.value.fields
    with pytest.raises(ValidationFailed) as refused:
        me.record_progress(plan["id"], progress | {"evidence_b64": base64.b64encode(b"#!/bin/sh\necho\n").decode(),
                                                   "evidence_type": "application/pdf"})
    assert "evidence_b64" in refused.value.fields
    with pytest.raises(ValidationFailed):  # not an indicator of this plan
        me.record_progress(plan["id"], {"period": 1, "realisations": [{"indicator_id": 999999, "value": 1}],
                                        "evidence_url": "https://example.org/bukti"})
    with pytest.raises(Forbidden):
        supervisor.record_progress(plan["id"], progress | {"evidence_url": "https://example.org/bukti"})
    recorded = me.record_progress(plan["id"], progress | {"evidence_b64": base64.b64encode(PDF).decode(),
                                                          "evidence_name": "bukti tw1.pdf",
                                                          "evidence_type": "application/pdf"})
    entry = recorded["progress"][0]
    assert entry["period"] == 1 and entry["period_label"] == "Triwulan 1" and entry["has_evidence_file"]
    assert entry["realisations"][0]["value"] == 3
    me.record_progress(plan["id"], {"period": 2, "realisations": [{"indicator_id": indicator, "value": 6}],
                                    "evidence_url": "https://example.org/bukti-tw2"})
    file = supervisor.skp_evidence(entry["id"])
    assert base64.b64decode(file["content_b64"]) == PDF and file["content_type"] == "application/pdf"
    with pytest.raises(Forbidden):
        rpc(bureau.colleague()).skp_evidence(entry["id"])
    inbox = supervisor.skp_inbox()
    assert {p["period"] for p in inbox["progress_waiting"] if p["plan_id"] == plan["id"]} == {1, 2}
    assert plan["id"] in [p["id"] for p in inbox["assessments_due"]]  # a past year: due
    supervisor.give_feedback(plan["id"], {"period": 1, "feedback": "Pertahankan ketepatan waktu."})
    with pytest.raises(Conflict):  # the supervisor answered: the period is closed
        me.record_progress(plan["id"], progress | {"evidence_url": "https://example.org/bukti"})
    with pytest.raises(Forbidden):
        me.give_feedback(plan["id"], {"period": 2, "feedback": "Sendiri"})
    # the assessment: the supervisor's supervisor reads but cannot assess; no one assesses their own
    kabag = rpc(bureau.kabag())
    assert kabag.get_skp(plan["id"])["allowed_actions"] == []
    with pytest.raises(Forbidden):
        kabag.assess_skp(plan["id"], assessment(ATAS, SESUAI))
    with pytest.raises(Forbidden):
        me.assess_skp(plan["id"], assessment(ATAS, ATAS))
    with pytest.raises(ValidationFailed) as refused:
        supervisor.assess_skp(plan["id"], assessment(ATAS, SESUAI) | {
            "behaviour_ratings": dict.fromkeys(VALUES[:6], SESUAI)})
    assert "behaviour_ratings.kolaboratif" in refused.value.fields
    assessed = supervisor.assess_skp(plan["id"], assessment(ATAS, SESUAI))
    assert assessed["status"] == "assessed" and assessed["predikat"] == "baik"
    assert assessed["predikat_label"] == "Baik" and assessed["assessed_by"].endswith("kasubbag_pbh")
    assert assessed["behaviour_ratings"]["loyal"] == SESUAI and assessed["allowed_actions"] == []
    with pytest.raises(Conflict):
        supervisor.assess_skp(plan["id"], assessment(ATAS, ATAS))
    history = me.list_skp(employee_id=bureau.employee_ids["pegawai"])
    assert {"year": year, "predikat": "baik"} in [{"year": p["year"], "predikat": p["predikat"]}
                                                  for p in history["items"]]
    got = wait_for(lambda: [e for e in watch.of_type("kepegawaian.skp_assessed") if e["data"]["id"] == plan["id"]])
    data = got[0]["data"]
    assert data["predikat"] == "baik" and data["results_rating"] == ATAS and data["behaviour_rating"] == SESUAI
    assert data["assessed_by"].endswith("kasubbag_pbh") and data["assessed_at"] and data["year"] == year
    recorded_events = wait_for(lambda: [e for e in watch.of_type("kepegawaian.skp_progress_recorded")
                                        if e["data"]["id"] == plan["id"]])
    assert recorded_events[0]["data"]["period"] in (1, 2)


def test_who_may_read_another_employee_gets_403(rpc, bureau):
    year = 2022
    plan = rpc(bureau.pegawai()).create_skp({"year": year, "results": [result()]})
    for outsider in (bureau.colleague(), bureau.driver(), bureau.non_asn()):
        with pytest.raises(Forbidden):
            rpc(outsider).get_skp(plan["id"])
        with pytest.raises(Forbidden):
            rpc(outsider).list_skp(employee_id=bureau.employee_ids["pegawai"])
        assert plan["id"] not in [p["id"] for p in rpc(outsider).list_skp(year=year)["items"]]
    for reader in (bureau.supervisor(), bureau.kabag(), bureau.staff_officer()):
        assert rpc(reader).get_skp(plan["id"])["id"] == plan["id"]
    with pytest.raises(Forbidden):
        rpc(bureau.colleague()).update_skp(plan["id"], {"results": [result()]})
    # the direct supervisor adds a specific expectation per core value; nobody else
    wish = {"akuntabel": "SPJ diserahkan paling lambat tanggal 5 bulan berikutnya."}
    expected = rpc(bureau.supervisor()).set_skp_expectations(plan["id"], {"expectations": wish})
    assert expected["behaviour_expectations"] == wish
    for other in (bureau.pegawai(), bureau.kabag(), bureau.colleague()):
        with pytest.raises(Forbidden):
            rpc(other).set_skp_expectations(plan["id"], {"expectations": {"loyal": "x"}})
    with pytest.raises(Forbidden):
        rpc(bureau.supervisor()).submit_skp(plan["id"])
    # the supervisor's own plan: not theirs to approve
    own = rpc(bureau.supervisor()).create_skp({"year": year, "results": [result("Perbendaharaan")]})
    rpc(bureau.supervisor()).submit_skp(own["id"])
    with pytest.raises(Forbidden):
        rpc(bureau.supervisor()).approve_skp(own["id"])


def test_the_unit_summary_counts_per_predikat(rpc, bureau):
    year = 2021
    supervisor = rpc(bureau.supervisor())
    first = agreed(rpc, bureau.pegawai(), bureau.supervisor(), year, [result()])
    second = agreed(rpc, bureau.colleague(), bureau.supervisor(), year, [result("Pembayaran tepat waktu")])
    agreed(rpc, bureau.supervisor(), bureau.kabag(), year, [result("Perbendaharaan")])  # not assessed
    supervisor.assess_skp(first["id"], assessment(SESUAI, BAWAH))
    supervisor.assess_skp(second["id"], assessment(ATAS, ATAS))
    unit = bureau.unit_ids["BUP.KA.PBH"]
    summary = rpc(bureau.staff_officer()).skp_unit_summary(year, unit)
    counts = {c["predikat"]: c["count"] for c in summary["counts"]}
    assert counts == {"sangat_baik": 1, "baik": 0, "butuh_perbaikan": 1, "kurang": 0, "sangat_kurang": 0}
    assert summary["assessed"] == 2 and summary["not_assessed"] == 1
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).skp_unit_summary(year, unit)
    reference = rpc(bureau.pegawai()).skp_reference()
    assert len(reference["core_values"]) == 7 and len(reference["matrix"]) == 9


def test_the_reference_data_is_seeded_once_and_the_demo_adds_an_agreed_plan_with_progress(kepegawaian_db, rpc,
                                                                                          bureau):
    from kepegawaian.domain import skp, skp_demo
    from sqlalchemy.orm import Session

    engine = kepegawaian_db[1]
    with Session(engine) as session, session.begin():
        skp.seed(session)
        assert skp.seed(session) == {"skp_core_values": 0}
    assert bureau.scalar("SELECT count(*) FROM skp_core_values") == 7
    with Session(engine) as session, session.begin():
        made = skp_demo.demo(session)
    assert made.get("skp_progress") == 1
    with Session(engine) as session, session.begin():
        assert skp_demo.demo(session) == {"skp_plans": 0}
    mine = rpc(bureau.pegawai()).my_skp(skp_demo.wita_day().year)
    assert mine["plan"]["status"] == "approved" and len(mine["plan"]["progress"]) == 1
    assert mine["plan"]["results"][0]["aligned_result_id"] == mine["supervisor_results"][0]["id"]
