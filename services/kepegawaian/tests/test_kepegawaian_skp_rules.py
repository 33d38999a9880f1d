"""The SKP rules of PermenPANRB 6/2022 (pure): the predikat matrix for every combination, the periods, the
validation of a plan (alignment to the supervisor's agreed results, targets), the workflow table."""
from datetime import date

import pytest
from kepegawaian.domain import skp_rules as rules
from kepegawaian.domain.skp_workflow import EMPLOYEE, PLAN, SUPERVISOR, capacities
from situok_kit.errors import Conflict, Forbidden, ValidationFailed
from situok_kit.workflow import PARTICIPANT

ATAS, SESUAI, BAWAH = "di_atas_ekspektasi", "sesuai_ekspektasi", "di_bawah_ekspektasi"


@pytest.mark.parametrize(("results", "behaviour", "expected"), [
    (ATAS, ATAS, "sangat_baik"), (ATAS, SESUAI, "baik"), (ATAS, BAWAH, "butuh_perbaikan"),
    (SESUAI, ATAS, "baik"), (SESUAI, SESUAI, "baik"), (SESUAI, BAWAH, "butuh_perbaikan"),
    (BAWAH, ATAS, "kurang"), (BAWAH, SESUAI, "kurang"), (BAWAH, BAWAH, "sangat_kurang"),
])
def test_the_matrix_of_the_lampiran_for_every_combination(results, behaviour, expected):
    assert rules.predikat(results, behaviour) == expected


def test_the_matrix_covers_the_scale_exactly_and_refuses_other_ratings():
    assert set(rules.MATRIX) == {(r, b) for r in rules.RATINGS for b in rules.RATINGS}
    assert rules.PREDIKAT_LABELS["kurang"] == "Kurang/Misconduct"
    assert rules.PREDIKAT_LABELS["sangat_kurang"] == "Sangat Kurang/Misconduct"
    with pytest.raises(ValueError):
        rules.predikat("baik", SESUAI)


def test_seven_core_values_berakhlak():
    assert [name for _, name, _ in rules.CORE_VALUES] == [
        "Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif"]
    per_value = dict.fromkeys(rules.CORE_VALUE_CODES, SESUAI)
    assert rules.behaviour_problems(per_value) == {}
    del per_value["loyal"]
    assert set(rules.behaviour_problems(per_value | {"jujur": ATAS})) == {"behaviour_ratings.loyal",
                                                                          "behaviour_ratings.jujur"}


def test_periods_are_data_triwulan_by_default():
    assert rules.DEFAULT_PERIOD_KIND == "triwulan" and rules.period_count("triwulan") == 4
    assert rules.period_count("bulanan") == 12
    assert rules.period_of("triwulan", date(2025, 5, 31)) == 2
    assert rules.period_bounds("triwulan", 2024, 1) == (date(2024, 1, 1), date(2024, 3, 31))
    assert rules.period_bounds("triwulan", 2024, 4) == (date(2024, 10, 1), date(2024, 12, 31))
    assert rules.period_bounds("bulanan", 2024, 2) == (date(2024, 2, 1), date(2024, 2, 29))
    today = date(2025, 5, 10)
    assert rules.period_problem("triwulan", 2025, 2, date(2025, 1, 1), today) is None
    assert rules.period_problem("triwulan", 2025, 3, date(2025, 1, 1), today) == "Periode ini belum dimulai."
    assert rules.period_problem("triwulan", 2025, 5, date(2025, 1, 1), today).startswith("Periode harus")
    # joined mid-year: the plan starts then; a period that ended before is refused
    assert rules.year_bounds(2025, date(2025, 7, 15)) == (date(2025, 7, 15), date(2025, 12, 31))
    assert rules.period_problem("triwulan", 2025, 1, date(2025, 7, 15), date(2025, 12, 1)) is not None
    assert rules.assessment_due(date(2025, 12, 31), date(2025, 12, 1))
    assert not rules.assessment_due(date(2025, 12, 31), date(2025, 11, 1))


def _result(**extra):
    return {"kind": "utama", "text": "Laporan keuangan", "aligned_result_id": None, "aligned_goal": None,
            "indicators": [{"text": "Laporan tepat waktu", "target_value": 12, "target_unit": "dokumen",
                            "aspect": "kuantitas"}]} | extra


def test_alignment_is_required_when_the_supervisor_has_an_agreed_plan():
    assert rules.plan_problems([_result()], has_supervisor=True, supervisor_result_ids=None) == {}
    problems = rules.plan_problems([_result()], has_supervisor=True, supervisor_result_ids={7, 8})
    assert set(problems) == {"results.0.aligned_result_id"}
    assert rules.plan_problems([_result(aligned_result_id=8)], has_supervisor=True,
                               supervisor_result_ids={7, 8}) == {}
    # not one of the supervisor's results of that year
    assert "results.0.aligned_result_id" in rules.plan_problems([_result(aligned_result_id=99)],
                                                                has_supervisor=True, supervisor_result_ids={7})
    # no agreed supervisor's plan: nothing to align to
    assert "results.0.aligned_result_id" in rules.plan_problems([_result(aligned_result_id=7)],
                                                                has_supervisor=True, supervisor_result_ids=None)
    # the head of the bureau (no supervisor) states the organisational goal
    assert set(rules.plan_problems([_result()], has_supervisor=False, supervisor_result_ids=None)) == {
        "results.0.aligned_goal"}
    assert rules.plan_problems([_result(aligned_goal="Tata kelola biro")], has_supervisor=False,
                               supervisor_result_ids=None) == {}


def test_targets_indicators_and_a_main_result_are_required():
    no_target = _result(indicators=[{"text": "x", "target_value": None, "target_unit": "", "aspect": "waktu"}])
    problems = rules.plan_problems([no_target], has_supervisor=True, supervisor_result_ids=None)
    assert set(problems) == {"results.0.indicators.0.target_value", "results.0.indicators.0.target_unit"}
    assert "results.0.indicators" in rules.plan_problems([_result(indicators=[])], has_supervisor=True,
                                                         supervisor_result_ids=None)
    assert "results" in rules.plan_problems([_result(kind="tambahan")], has_supervisor=True,
                                            supervisor_result_ids=None)
    assert rules.plan_problems([], has_supervisor=True, supervisor_result_ids=None) == {
        "results": "Rencana hasil kerja belum diisi."}


def test_one_workflow_table_who_does_what():
    employee, boss = capacities(True, False), capacities(False, True)
    assert employee == {EMPLOYEE, PARTICIPANT} and boss == {SUPERVISOR}
    ok = {"complete": lambda: None}
    assert PLAN.allowed_actions("draft", employee, ok) == ["edit", "submit"]
    assert PLAN.allowed_actions("submitted", boss, ok) == ["approve", "return"]
    assert PLAN.allowed_actions("approved", employee, ok) == ["record_progress"]
    assert PLAN.allowed_actions("approved", boss, ok) == ["return", "give_feedback", "assess"]
    assert PLAN.allowed_actions("assessed", boss, ok) == []
    assert PLAN.check("return", "approved", boss).target == "returned"  # an agreed plan is revised this way
    with pytest.raises(Forbidden):
        PLAN.check("assess", "approved", employee)  # nobody assesses their own
    with pytest.raises(Forbidden):  # even one who is somehow both: separation of duties
        PLAN.check("assess", "approved", capacities(True, True))
    with pytest.raises(Conflict):
        PLAN.check("edit", "approved", employee)
    with pytest.raises(ValidationFailed):
        PLAN.check("submit", "draft", employee, {"complete": lambda: ("results", "Belum diisi.")})
