"""The kit's workflow table: allowed actions and command checks, without a database."""
from __future__ import annotations

import pytest
from situok_kit.errors import Conflict, Forbidden, ValidationFailed
from situok_kit.workflow import CREATOR, PARTICIPANT, Step, Workflow, parties

FLOW = Workflow("pengajuan", [
    Step("edit", ("draft",), None, who=("owner",)),
    Step("submit", ("draft",), "submitted", who=("owner",), event="x.submitted", denied="Hanya pemilik."),
    Step("approve", ("submitted",), "approved", who=("boss",), event="x.approved"),
    Step("close", ("approved",), "closed", who=("owner", "boss"), requires=("report",)),
    Step("cancel", ("draft", "submitted"), "cancelled", who=("owner",), event="x.cancelled"),
    Step("cancel", ("approved",), "cancelled", who=("boss",), event="x.cancelled"),
], labels={"draft": "draf", "submitted": "diajukan"})

NO_REPORT = {"report": lambda: ("report", "Laporan belum ada.")}
REPORT = {"report": lambda: None}


def test_allowed_actions_follow_state_and_capacity():
    assert FLOW.allowed_actions("draft", {"owner"}) == ["edit", "submit", "cancel"]
    assert FLOW.allowed_actions("draft", {"boss"}) == []
    assert FLOW.allowed_actions("submitted", {"owner"}) == ["cancel"]
    assert FLOW.allowed_actions("submitted", {"boss"}) == ["approve"]
    assert FLOW.allowed_actions("approved", {"owner"}, REPORT) == ["close"]
    assert FLOW.allowed_actions("approved", {"boss"}, REPORT) == ["close", "cancel"]
    assert FLOW.allowed_actions("cancelled", {"owner", "boss"}) == []


def test_a_failing_guard_keeps_the_action_out():
    assert FLOW.allowed_actions("approved", {"owner"}, NO_REPORT) == []


def test_check_returns_the_step_to_apply():
    step = FLOW.check("cancel", "approved", {"boss"})
    assert (step.target, step.event) == ("cancelled", "x.cancelled")
    assert FLOW.check("edit", "draft", {"owner"}).target is None


def test_check_refuses_with_403_409_or_422():
    with pytest.raises(Forbidden) as denied:
        FLOW.check("submit", "draft", {"boss"})
    assert denied.value.message == "Hanya pemilik."
    with pytest.raises(Forbidden):  # never allowed to approve: the state is not revealed
        FLOW.check("approve", "draft", {"owner"})
    with pytest.raises(Conflict) as wrong_state:
        FLOW.check("approve", "draft", {"boss"}, verb="disetujui")
    assert wrong_state.value.message == "Pengajuan berstatus draf tidak dapat disetujui."
    assert wrong_state.value.fields == {"status": "Status saat ini: draft."}
    with pytest.raises(Forbidden):  # owner may cancel a draft, not an approved one
        FLOW.check("cancel", "approved", {"owner"})
    with pytest.raises(ValidationFailed) as missing:
        FLOW.check("close", "approved", {"owner"}, NO_REPORT)
    assert missing.value.fields == {"report": "Laporan belum ada."}


def test_table_facts():
    assert FLOW.actions == ("edit", "submit", "approve", "close", "cancel")
    assert FLOW.states == ("draft", "submitted", "approved", "closed", "cancelled")
    assert FLOW.events == ("x.submitted", "x.approved", "x.cancelled")


def test_a_table_with_two_rows_for_one_action_and_state_is_refused():
    with pytest.raises(ValueError):
        Workflow("x", [Step("a", ("s",), "t", who=("w",)), Step("a", ("s",), "u", who=("v",))])


def test_an_unknown_action_or_missing_guard_is_a_bug_not_an_answer():
    with pytest.raises(ValueError):
        FLOW.check("fly", "draft", {"owner"})
    with pytest.raises(ValueError):
        FLOW.allowed_actions("approved", {"owner"})


# -- separation of duties ------------------------------------------------------------------------------
SEPARATED = Workflow("pengajuan", [
    Step("submit", ("draft",), "submitted", who=("owner", "boss")),
    Step("approve", ("submitted",), "approved", who=("boss",), not_by=(CREATOR, PARTICIPANT)),
    Step("issue", ("approved",), "issued", who=("boss", "admin"), not_by=(CREATOR, PARTICIPANT)),
    Step("cancel", ("draft", "submitted"), "cancelled", who=("owner", "boss")),
])


def test_parties_names_creator_and_participant():
    assert parties(True, False) == {CREATOR}
    assert parties(False, True) == {PARTICIPANT}
    assert parties(True, True) == {CREATOR, PARTICIPANT}
    assert parties(False, False) == frozenset()


def test_a_creator_or_participant_may_not_approve_or_issue_even_as_boss():
    assert SEPARATED.allowed_actions("submitted", {"boss"}) == ["approve", "cancel"]
    assert SEPARATED.allowed_actions("submitted", {"boss", CREATOR}) == ["cancel"]
    assert SEPARATED.allowed_actions("submitted", {"boss", PARTICIPANT}) == ["cancel"]
    assert SEPARATED.allowed_actions("approved", {"admin", CREATOR}) == []
    assert SEPARATED.allowed_actions("draft", {"boss", CREATOR}) == ["submit", "cancel"]   # not_by only where named


def test_check_refuses_separated_callers_with_a_clear_message():
    with pytest.raises(Forbidden) as refused:
        SEPARATED.check("approve", "submitted", {"boss", CREATOR}, verb="disetujui")
    assert refused.value.message == ("Pengajuan yang Anda buat sendiri tidak dapat disetujui oleh Anda "
                                     "(pemisahan tugas).")
    with pytest.raises(Forbidden) as refused:
        SEPARATED.check("issue", "approved", {"admin", PARTICIPANT}, verb="diterbitkan")
    assert "menyangkut diri Anda sendiri" in refused.value.message
    assert "pemisahan tugas" in refused.value.message
    # in the wrong state too: the caller could never take it, so 403 (not 409), still saying why
    with pytest.raises(Forbidden) as refused:
        SEPARATED.check("approve", "draft", {"boss", CREATOR})
    assert "pemisahan tugas" in refused.value.message
    # someone without the capacity gets the ordinary refusal, a boss who is no party gets the step
    with pytest.raises(Forbidden) as refused:
        SEPARATED.check("approve", "submitted", {"owner", CREATOR})
    assert "pemisahan tugas" not in refused.value.message
    assert SEPARATED.check("approve", "submitted", {"boss"}).target == "approved"
