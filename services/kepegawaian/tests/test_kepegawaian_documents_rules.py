"""The pure rules of personnel documents (``domain.document_rules``): the paper's fields per type, the details
per type, the transition table with who may take each step, completeness, the highest diploma."""
from __future__ import annotations

from datetime import date

import pytest
from kepegawaian.domain import document_rules as rules
from situok_kit.errors import Conflict, Forbidden
from situok_kit.workflow import PARTICIPANT

TODAY = date(2026, 6, 15)
TYPES = {t["code"]: t for t in rules.TYPES}


def test_the_seeded_types_say_who_must_hold_what():
    required = {e: {t["code"] for t in rules.required_types(list(rules.TYPES), e)} for e in rules.EMPLOYMENT_TYPES}
    assert required["pns"] == {"sk_cpns", "sk_pns", "ijazah", "ktp", "kk"}
    assert required["pppk"] == {"sk_pppk", "ijazah", "ktp", "kk"}
    assert required["non_asn"] == {"ijazah", "ktp", "kk"}
    assert TYPES["sk_pppk"]["expiry_rule"] == "required" and TYPES["ktp"]["expiry_rule"] == "optional"
    assert TYPES["sk_pangkat"]["tmt_rule"] == "required"
    for spec in rules.TYPES:
        assert rules.detail_fields_problems(spec["detail_fields"]) is None, spec["code"]


def test_paper_fields_apply_per_type():
    pppk = TYPES["sk_pppk"]
    assert rules.paper_problems(pppk, {"number": "800/12/PK", "issued_on": TODAY, "tmt": TODAY}) == {
        "expires_on": "Berlaku sampai wajib diisi untuk jenis dokumen ini."}
    assert rules.paper_problems(pppk, {"number": "800/12/PK", "issued_on": TODAY, "tmt": TODAY,
                                       "expires_on": date(2025, 1, 1)})["expires_on"].startswith("Tanggal berakhir")
    diploma = rules.paper_problems(TYPES["ijazah"], {"number": "DN-1", "issued_on": TODAY, "tmt": TODAY})
    assert diploma == {"tmt": "TMT tidak berlaku untuk jenis dokumen ini."}
    assert rules.paper_problems(TYPES["ktp"], {"number": "5171010101900001"}) == {}  # no expiry since 2013
    bad = rules.paper_problems(TYPES["ktp"], {"number": "<script>"})
    assert bad == {"number": rules.NUMBER_MESSAGE}
    assert "number" in rules.paper_problems(TYPES["ktp"], {"number": "x" * 101})


def test_details_are_validated_per_type():
    ijazah = TYPES["ijazah"]["detail_fields"]
    clean, problems = rules.detail_problems(ijazah, {"major": "Hukum", "institution": "Unud", "year": 2010}, TODAY)
    assert problems == {"details.level": "Jenjang wajib diisi."}
    clean, problems = rules.detail_problems(ijazah, {"level": "S4", "institution": "Unud", "year": 2030,
                                                    "gpa": "3.5"}, TODAY)
    assert set(problems) == {"details.level", "details.year", "details.gpa"}
    clean, problems = rules.detail_problems(ijazah, {"level": "S1", "institution": " Unud ", "year": "2010"}, TODAY)
    assert problems == {} and clean == {"level": "S1", "institution": "Unud", "year": 2010}
    child = TYPES["akta_anak"]["detail_fields"]
    clean, problems = rules.detail_problems(child, {"child_name": "Made", "birth_date": "2027-01-01"}, TODAY)
    assert problems == {"details.birth_date": "Tanggal lahir anak tidak boleh di masa depan."}
    assert rules.detail_fields_problems([{"name": "x", "kind": "choice"}]) is not None
    assert rules.detail_fields_problems([{"name": "Bad Name"}]) is not None


def test_one_transition_table_decides_who_does_what():
    owner = rules.capacities(owner=True, officer=False, reader=False)
    officer = rules.capacities(owner=False, officer=True, reader=False)
    own_officer = rules.capacities(owner=True, officer=True, reader=False)
    supervisor = rules.capacities(owner=False, officer=False, reader=True)
    flow = rules.DOCUMENT
    assert flow.allowed_actions("waiting", owner) == ["update", "delete"]
    assert flow.allowed_actions("waiting", officer) == ["verify", "reject", "update", "delete"]
    assert flow.allowed_actions("waiting", own_officer) == ["update", "delete"]  # never one's own
    assert flow.allowed_actions("waiting", supervisor) == []
    assert flow.allowed_actions("verified", owner) == []
    assert flow.allowed_actions("verified", officer) == ["update", "delete"]
    assert flow.allowed_actions("rejected", owner) == ["update", "delete"]
    assert flow.check("update", "rejected", owner).target == "waiting"
    with pytest.raises(Forbidden):
        flow.check("verify", "waiting", supervisor)
    with pytest.raises(Forbidden):
        flow.check("verify", "waiting", own_officer | {PARTICIPANT})
    with pytest.raises(Forbidden):
        flow.check("update", "verified", owner)
    with pytest.raises(Conflict):
        flow.check("verify", "verified", officer)


def test_completeness_counts_verified_papers_in_force():
    kinds = list(rules.TYPES)
    docs = [{"id": 1, "type_code": "ktp", "status": "verified", "expires_on": None},
            {"id": 2, "type_code": "kk", "status": "waiting", "expires_on": None},
            {"id": 3, "type_code": "sk_pppk", "status": "verified", "expires_on": date(2026, 6, 14)},
            {"id": 4, "type_code": "ijazah", "status": "rejected", "expires_on": None},
            {"id": 5, "type_code": "ijazah", "status": "verified", "expires_on": None}]
    found = rules.completeness(kinds, "pppk", docs, TODAY)
    states = {i["type_code"]: (i["state"], i["document_id"]) for i in found["items"]}
    assert states == {"sk_pppk": ("expired", 3), "ijazah": ("verified", 5), "ktp": ("verified", 1),
                      "kk": ("waiting", 2)}
    assert (found["required"], found["verified"], found["complete"], found["percent"]) == (4, 2, False, 50.0)
    assert found["missing"] == ["sk_pppk", "kk"]
    renewed = docs + [{"id": 6, "type_code": "sk_pppk", "status": "verified", "expires_on": date(2031, 6, 14)},
                      {"id": 7, "type_code": "kk", "status": "verified", "expires_on": None}]
    assert rules.completeness(kinds, "pppk", renewed, TODAY)["complete"] is True
    assert rules.completeness(kinds, "non_asn", [], TODAY)["missing"] == ["ijazah", "ktp", "kk"]


def test_the_highest_diploma():
    assert rules.highest_education([]) is None
    found = rules.highest_education([{"level": "SMA", "year": 2005, "institution": "SMAN 1"},
                                     {"level": "S1", "year": 2010, "major": "Hukum", "institution": "Unud"},
                                     {"level": "D3", "year": 2008}])
    assert found == {"level": "S1", "major": "Hukum", "institution": "Unud", "year": 2010}
