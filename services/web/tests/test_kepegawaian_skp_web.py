"""The SKP pages without a running service: "SKP saya" offers the plan form with the supervisor's agreed results
to align to (from kepegawaian) and sends the rows as kepegawaian reads them, its messages landing on their rows;
the plan page shows only the buttons of ``allowed_actions``; progress goes with its evidence file and the type
the browser declared; the assessment form has the seven core values and sends no predikat (kepegawaian computes
it and the page shows it after saving); the inbox and the history list what kepegawaian answers."""
from __future__ import annotations

import base64
import io
from datetime import UTC, date, datetime

import pytest
from kepegawaian.schemas import SCHEMAS
from kepegawaian.schemas.common import KepegawaianCapabilitiesOut
from situok_kit.errors import ValidationFailed
from test_web_page_actions import STAFF, Browser, assert_calls_fit, menu_links, posts, text
from web.views.kepegawaian_skp import assessment_payload, plan_errors, plan_payload, progress_payload

NONE = dict.fromkeys(KepegawaianCapabilitiesOut().fields, False)
VALUES = (("berorientasi_pelayanan", "Berorientasi Pelayanan"), ("akuntabel", "Akuntabel"), ("kompeten", "Kompeten"),
          ("harmonis", "Harmonis"), ("loyal", "Loyal"), ("adaptif", "Adaptif"), ("kolaboratif", "Kolaboratif"))
MADE: list[Browser] = []


def browser(*names: str) -> Browser:
    caps = {**NONE, **dict.fromkeys(names, True)}
    made = Browser({**STAFF, "kepegawaian": caps})
    made.service.kepegawaian.capabilities.return_value = caps
    MADE.append(made)
    return made


def plan(actions, status="draft", **extra) -> dict:
    return SCHEMAS["SkpPlanOut"]().dump({
        "id": 9, "employee_id": 5, "employee_name": "I Kadek Agus Wirawan", "unit_id": 3, "year": 2026,
        "period_start": date(2026, 1, 1), "period_end": date(2026, 12, 31), "status": status, "status_label": status,
        "predikat": None, "predikat_label": None, "supervisor_id": 4, "period_kind": "triwulan", "period_count": 4,
        "results": [{"id": 21, "kind": "utama", "text": "Dokumen SPJ tersusun", "aligned_result_id": 11,
                     "aligned_goal": None, "indicators": [{"id": 31, "text": "Jumlah SPJ", "target_value": 12,
                                                           "target_unit": "dokumen", "aspect": "kuantitas"}]}],
        "behaviour_expectations": {}, "core_values": [{"code": c, "name": n, "description": "…"} for c, n in VALUES],
        "supervisor_results": [{"id": 11, "text": "Perbendaharaan biro tertib", "kind": "utama"}],
        "alignment_required": True, "return_note": None, "submitted_at": None, "approved_at": None,
        "approved_by": None, "progress": [], "results_rating": None, "behaviour_rating": None,
        "behaviour_ratings": {}, "assessment_note": None, "assessed_by": None, "assessed_at": None,
        "allowed_actions": actions} | extra)


@pytest.fixture(autouse=True)
def calls_fit_the_rpcs():
    """Every call the pages made to the fake kepegawaian is one the real service takes."""
    from kepegawaian.service import KepegawaianService

    MADE.clear()
    yield
    assert_calls_fit(MADE, KepegawaianService, "kepegawaian")


def test_the_payloads_are_the_forms_as_kepegawaian_reads_them():
    form = {"r0_id": "21", "r0_i0_id": "31", "r0_text": "Dokumen SPJ", "r0_kind": "utama", "r0_aligned": "11",
            "r0_i0_text": "Jumlah SPJ", "r0_i0_target": "12", "r0_i0_unit": "dokumen", "r0_i0_aspect": "kuantitas",
            "r1_text": "",
            "r2_text": "Laporan", "r2_goal": "Tata kelola", "r2_i1_text": "Ketepatan", "r2_i1_target": "100",
            "r2_i1_unit": "%", "r2_i1_aspect": "waktu"}
    results, rows = plan_payload(form)
    assert rows == [(0, [0]), (2, [1])]
    assert results[0] == {"id": 21, "kind": "utama", "text": "Dokumen SPJ", "aligned_result_id": 11,
                          "aligned_goal": None,
                          "indicators": [{"id": 31, "text": "Jumlah SPJ", "target_value": 12.0,
                                          "target_unit": "dokumen", "aspect": "kuantitas"}]}
    assert results[1]["aligned_goal"] == "Tata kelola" and results[1]["indicators"][0]["target_value"] == 100.0
    assert results[1]["id"] is None and results[1]["indicators"][0]["id"] is None
    errors, other = plan_errors({"results.1.indicators.0.target_value": "Target wajib.",
                                 "results.0.aligned_result_id": "Pilih hasil kerja atasan.", "year": "x"}, rows)
    assert errors == {"r2_i1_target": "Target wajib.", "r0_aligned": "Pilih hasil kerja atasan."} and other == ["x"]
    sent = progress_payload({"period": "2", "value_31": "3", "value_32": "", "evidence_url": "https://x.id/b"},
                            [31, 32], None)
    assert sent == {"period": 2, "realisations": [{"indicator_id": 31, "value": 3.0, "note": None}],
                    "evidence_b64": None, "evidence_name": None, "evidence_type": None,
                    "evidence_url": "https://x.id/b"}
    assessed = assessment_payload({"results_rating": "sesuai_ekspektasi", "behaviour_rating": "di_atas_ekspektasi",
                                   "value_loyal": "sesuai_ekspektasi"}, ["loyal", "adaptif"])
    assert assessed == {"results_rating": "sesuai_ekspektasi", "behaviour_rating": "di_atas_ekspektasi",
                        "behaviour_ratings": {"loyal": "sesuai_ekspektasi"}, "note": None}
    assert "predikat" not in assessed


def test_my_skp_offers_the_plan_form_with_the_supervisors_results_and_the_menu_links():
    made = browser("own_records")
    made.service.kepegawaian.my_skp.return_value = SCHEMAS["SkpMineOut"]().dump({
        "year": 2026, "plan": None, "supervisor_results": [{"id": 11, "text": "Perbendaharaan biro tertib",
                                                            "kind": "utama"}]})
    response = made.call("kepegawaian_my_skp", "/kepegawaian/skp?tahun=2026")
    body = text(response)
    assert response.status_code == 200 and "Perbendaharaan biro tertib" in body and 'name="r0_aligned"' in body
    assert "/kepegawaian/skp" in posts(body) and "/kepegawaian/skp" in menu_links(body)
    assert "/kepegawaian/skp/kotak-masuk" not in menu_links(body)
    made.service.kepegawaian.my_skp.assert_called_with(2026)


def test_saving_the_plan_sends_the_rows_and_shows_messages_on_them():
    made = browser("own_records")
    made.service.kepegawaian.my_skp.return_value = {"year": 2026, "plan": None, "supervisor_results": [
        {"id": 11, "text": "Perbendaharaan", "kind": "utama"}]}
    made.service.kepegawaian.create_skp.side_effect = ValidationFailed(
        "Rencana SKP belum benar.", {"results.0.indicators.0.target_value": "Target wajib diisi (lebih dari 0)."})
    form = {"year": "2026", "period_kind": "triwulan", "r0_text": "Dokumen SPJ", "r0_aligned": "11",
            "r0_i0_text": "Jumlah SPJ", "r0_i0_unit": "dokumen"}
    response = made.call("kepegawaian_skp_save", "/kepegawaian/skp", "POST", form)
    body = text(response)
    assert response.status_code == 422 and "Target wajib diisi (lebih dari 0)." in body
    assert 'value="Dokumen SPJ"' in body
    sent = made.service.kepegawaian.create_skp.call_args[0][0]
    assert sent["year"] == 2026 and sent["results"][0]["aligned_result_id"] == 11
    made.service.kepegawaian.create_skp.side_effect = None
    made.service.kepegawaian.create_skp.return_value = plan(["edit", "submit"])
    assert made.call("kepegawaian_skp_save", "/kepegawaian/skp", "POST", form).status_code == 303


def test_a_returned_plan_is_edited_in_place_with_its_ids():
    made = browser("own_records")
    made.service.kepegawaian.my_skp.return_value = {"year": 2026, "plan": plan(["edit", "submit"], "returned",
                                                                               return_note="Naikkan target."),
                                                    "supervisor_results": []}
    body = text(made.call("kepegawaian_my_skp", "/kepegawaian/skp?tahun=2026"))
    assert 'name="r0_id" value="21"' in body and 'name="r0_i0_id" value="31"' in body
    assert "Naikkan target." in body and "/kepegawaian/skp/9/ajukan" in posts(body)
    made.service.kepegawaian.update_skp.return_value = plan(["edit", "submit"], "returned")
    form = {"year": "2026", "skp_id": "9", "r0_id": "21", "r0_text": "Dokumen SPJ", "r0_aligned": "11",
            "r0_i0_id": "31", "r0_i0_text": "Jumlah SPJ", "r0_i0_target": "14", "r0_i0_unit": "dokumen"}
    assert made.call("kepegawaian_skp_save", "/kepegawaian/skp", "POST", form).status_code == 303
    skp_id, sent = made.service.kepegawaian.update_skp.call_args[0]
    assert skp_id == 9 and sent["results"][0]["id"] == 21 and sent["results"][0]["indicators"][0]["id"] == 31


@pytest.mark.parametrize(("actions", "status", "present", "absent"), [
    (["approve", "return"], "submitted", {"/setujui", "/kembalikan"}, {"/nilai", "/ajukan", "/realisasi"}),
    (["return", "give_feedback", "assess"], "approved", {"/nilai", "/kembalikan"}, {"/setujui", "/realisasi"}),
    ([], "approved", set(), {"/setujui", "/kembalikan", "/nilai", "/realisasi", "/umpan-balik"}),
    (["record_progress"], "approved", {"/realisasi"}, {"/nilai", "/setujui"}),
])
def test_the_plan_page_offers_only_the_allowed_actions(actions, status, present, absent):
    made = browser("own_records", "supervise")
    made.service.kepegawaian.get_skp.return_value = plan(actions, status)
    body = text(made.call("kepegawaian_skp_detail", "/kepegawaian/skp/9", skp_id=9))
    found = {p.removeprefix("/kepegawaian/skp/9") for p in posts(body)}
    assert present <= found and not (absent & found)
    if "assess" in actions:
        for _, name in VALUES:
            assert name in body
        assert body.count('name="value_') == 7 and "predikat" not in body.split('class="form skp-assess"')[1][:3000]


def test_progress_goes_with_the_evidence_file_and_its_declared_type():
    made = browser("own_records")
    made.service.kepegawaian.get_skp.return_value = plan(["record_progress"], "approved")
    made.service.kepegawaian.record_progress.return_value = plan(["record_progress"], "approved")
    response = made.call("kepegawaian_skp_progress", "/kepegawaian/skp/9/realisasi", "POST",
                         {"period": "1", "value_31": "3", "evidence": (io.BytesIO(b"%PDF-1.4 x"), "bukti.pdf",
                                                                        "application/pdf")}, skp_id=9)
    assert response.status_code == 303
    skp_id, sent = made.service.kepegawaian.record_progress.call_args[0]
    assert skp_id == 9 and base64.b64decode(sent["evidence_b64"]) == b"%PDF-1.4 x"
    assert sent["evidence_type"] == "application/pdf" and sent["realisations"][0]["indicator_id"] == 31
    made.service.kepegawaian.record_progress.side_effect = ValidationFailed(
        "Jenis berkas tidak sesuai isinya.", {"content_type": "Isi berkas adalah PNG, bukan application/pdf."})
    refused = made.call("kepegawaian_skp_progress", "/kepegawaian/skp/9/realisasi", "POST",
                        {"period": "1", "value_31": "3"}, skp_id=9)
    assert refused.status_code == 303  # back to the plan with kepegawaian's message


def test_the_assessed_plan_shows_the_predikat_kepegawaian_computed():
    made = browser("own_records")
    made.service.kepegawaian.get_skp.return_value = plan(
        [], "assessed", predikat="baik", predikat_label="Baik", results_rating="di_atas_ekspektasi",
        behaviour_rating="sesuai_ekspektasi", assessed_by="kasubbag_pbh",
        assessed_at=datetime(2026, 12, 20, 3, tzinfo=UTC))
    body = text(made.call("kepegawaian_skp_detail", "/kepegawaian/skp/9", skp_id=9))
    assert 'data-predikat="baik"' in body and "Baik" in body and "kasubbag_pbh" in body


def test_the_inbox_and_the_history_list_what_kepegawaian_answers():
    made = browser("own_records", "supervise")
    summary = {"id": 9, "employee_id": 5, "employee_name": "I Kadek Agus Wirawan", "unit_id": 3, "year": 2026,
               "period_start": date(2026, 1, 1), "period_end": date(2026, 12, 31), "status": "submitted",
               "status_label": "diajukan", "predikat": None, "predikat_label": None}
    made.service.kepegawaian.skp_inbox.return_value = SCHEMAS["SkpInboxOut"]().dump(
        {"plans_waiting": [summary], "progress_waiting": [], "assessments_due": []})
    body = text(made.call("kepegawaian_skp_inbox", "/kepegawaian/skp/kotak-masuk"))
    assert "/kepegawaian/skp/9" in body and "I Kadek Agus Wirawan" in body
    assert "/kepegawaian/skp/kotak-masuk" in menu_links(body)
    made.service.kepegawaian.list_skp.return_value = SCHEMAS["SkpPage"]().dump(
        {"items": [{**summary, "status": "assessed", "predikat": "sangat_baik",
                    "predikat_label": "Sangat Baik"}], "next_cursor": None})
    body = text(made.call("kepegawaian_skp_history", "/kepegawaian/skp/riwayat"))
    assert "Sangat Baik" in body and 'data-skp="9"' in body
