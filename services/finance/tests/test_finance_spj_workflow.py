"""The SPJ's workflow table (``domain.workflow.SPJ``) without a database: both approval paths (the PPK-SKPD up to
the threshold; above it the PPK-SKPD endorses and the PA/KPA approves), who may take each step, separation of
duties (the drafter never verifies or approves, the verifier never endorses or approves, the endorser never
approves), the guards, and the events each step publishes."""
import pytest
from finance.domain.workflow import ENDORSER, SPJ, VERBS, VERIFIER, guards
from situok_contracts.events import Finance
from situok_kit.errors import Conflict, Forbidden, ValidationFailed
from situok_kit.workflow import CREATOR

THRESHOLD = 5_000_000
#: Guards of an SPJ with lines and evidence, at the threshold (the PPK approves) and one rupiah above it.
OK = guards(lambda: True, lambda: None, THRESHOLD, THRESHOLD)
ABOVE = guards(lambda: True, lambda: None, THRESHOLD + 1, THRESHOLD)
PPTK = {"pptk", CREATOR}
BENDAHARA = {"verifier", "payer"}
PPK = {"ppk"}
PA_KPA = {"pa_kpa"}


def test_the_happy_path_and_its_events():
    path = [("submit", PPTK, "draft", "submitted", Finance.SPJ_SUBMITTED),
            ("verify", BENDAHARA, "submitted", "verified", Finance.SPJ_VERIFIED),
            ("approve", PPK, "verified", "approved", Finance.SPJ_APPROVED),
            ("pay", BENDAHARA, "approved", "paid", Finance.SPJ_PAID),
            ("close", BENDAHARA, "paid", "closed", Finance.SPJ_CLOSED)]
    for action, who, source, target, event in path:
        step = SPJ.check(action, source, who, OK)
        assert (step.target, step.event) == (target, event)


def test_above_the_threshold_the_ppk_endorses_and_the_pa_kpa_approves():
    path = [("submit", PPTK, "draft", "submitted", Finance.SPJ_SUBMITTED),
            ("verify", BENDAHARA, "submitted", "verified", Finance.SPJ_VERIFIED),
            ("endorse", PPK, "verified", "endorsed", Finance.SPJ_ENDORSED),
            ("approve", PA_KPA, "endorsed", "approved", Finance.SPJ_APPROVED),
            ("pay", BENDAHARA, "approved", "paid", Finance.SPJ_PAID)]
    for action, who, source, target, event in path:
        step = SPJ.check(action, source, who, ABOVE)
        assert (step.target, step.event) == (target, event)
    assert SPJ.label("endorsed") == "disahkan PPK" and VERBS["endorse"] == "disahkan"


def test_the_amount_decides_what_the_ppk_sees_and_a_wrong_call_names_it():
    assert SPJ.allowed_actions("verified", PPK, OK) == ["approve", "reject", "cancel"]
    assert SPJ.allowed_actions("verified", PPK, ABOVE) == ["endorse", "reject", "cancel"]
    with pytest.raises(ValidationFailed) as above:
        SPJ.check("approve", "verified", PPK, ABOVE, verb="disetujui")
    assert above.value.fields == {"gross": "Bruto Rp5.000.001 di atas batas Rp5.000.000: SPJ ini disahkan "
                                           "PPK-SKPD, lalu disetujui PA/KPA."}
    with pytest.raises(ValidationFailed) as at_limit:
        SPJ.check("endorse", "verified", PPK, OK, verb="disahkan")
    assert "tidak melebihi batas Rp5.000.000" in at_limit.value.fields["gross"]
    # the PA/KPA never approves a verified SPJ alone, whatever the amount; waits for the endorsement
    for amount in (OK, ABOVE):
        assert SPJ.allowed_actions("verified", PA_KPA, amount) == ["cancel"]
        with pytest.raises(Forbidden, match="PPK-SKPD"):
            SPJ.check("approve", "verified", PA_KPA, amount, verb="disetujui")
    # an endorsed SPJ: the PA/KPA approves or rejects it, the PPK only cancels it
    assert SPJ.allowed_actions("endorsed", PA_KPA, ABOVE) == ["approve", "reject", "cancel"]
    assert SPJ.allowed_actions("endorsed", PPK, ABOVE) == ["cancel"]
    assert SPJ.allowed_actions("endorsed", BENDAHARA, ABOVE) == ["cancel"]
    with pytest.raises(Forbidden, match="PA/KPA"):
        SPJ.check("approve", "endorsed", PPK, ABOVE, verb="disetujui")
    with pytest.raises(Conflict, match="berstatus disahkan PPK tidak dapat disahkan"):
        SPJ.check("endorse", "endorsed", PPK, ABOVE, verb=VERBS["endorse"])
    # someone holding both roles: the PPK's step at the threshold, the endorsement above it
    assert SPJ.allowed_actions("verified", PPK | PA_KPA, OK) == ["approve", "reject", "cancel"]
    assert SPJ.allowed_actions("verified", PPK | PA_KPA, ABOVE) == ["endorse", "reject", "cancel"]


def test_allowed_actions_per_status_and_capacity():
    assert SPJ.allowed_actions("draft", PPTK, OK) == ["edit", "submit", "cancel"]
    assert SPJ.allowed_actions("submitted", BENDAHARA, OK) == ["return", "verify", "reject", "cancel"]
    assert SPJ.allowed_actions("verified", PPK, OK) == ["approve", "reject", "cancel"]
    assert SPJ.allowed_actions("approved", BENDAHARA, OK) == ["pay", "cancel"]
    assert SPJ.allowed_actions("paid", BENDAHARA, OK) == ["deposit_tax", "close"]
    assert SPJ.allowed_actions("rejected", PPTK, OK) == ["revise"]
    assert SPJ.allowed_actions("closed", BENDAHARA, OK) == ["deposit_tax"]
    assert SPJ.allowed_actions("cancelled", BENDAHARA | PPK | PPTK, OK) == []
    assert SPJ.allowed_actions("submitted", {"pptk", CREATOR}, OK) == ["cancel"]


def test_return_rejection_revision_and_cancellation():
    assert SPJ.check("return", "submitted", BENDAHARA, OK).target == "draft"
    assert SPJ.check("return", "submitted", BENDAHARA, OK).event == Finance.SPJ_RETURNED
    assert SPJ.check("reject", "submitted", BENDAHARA, OK).target == "rejected"
    assert SPJ.check("reject", "verified", PPK, OK).event == Finance.SPJ_REJECTED
    assert SPJ.check("reject", "verified", PPK, ABOVE).target == "rejected"
    assert SPJ.check("reject", "endorsed", PA_KPA, ABOVE).target == "rejected"
    with pytest.raises(Forbidden):
        SPJ.check("reject", "endorsed", PPK, ABOVE)
    assert SPJ.check("revise", "rejected", PPTK, OK).target == "draft"
    for status in ("draft", "submitted", "verified", "endorsed", "approved"):
        for who in (BENDAHARA, PPK, PA_KPA):
            assert SPJ.check("cancel", status, who, OK).event == Finance.SPJ_CANCELLED
    with pytest.raises(Forbidden):
        SPJ.check("cancel", "endorsed", PPTK, OK)
    with pytest.raises(Forbidden):
        SPJ.check("cancel", "approved", PPTK, OK)
    with pytest.raises(Conflict, match="tidak dapat dibatalkan"):
        SPJ.check("cancel", "paid", BENDAHARA, OK, verb=VERBS["cancel"])


def test_whoever_drafted_cannot_verify_or_approve():
    drafted_and_treasurer = BENDAHARA | {CREATOR}
    assert "verify" not in SPJ.allowed_actions("submitted", drafted_and_treasurer, OK)
    with pytest.raises(Forbidden, match="pemisahan tugas"):
        SPJ.check("verify", "submitted", drafted_and_treasurer, OK, verb="diverifikasi")
    with pytest.raises(Forbidden, match="pemisahan tugas"):
        SPJ.check("approve", "verified", PPK | {CREATOR}, OK, verb="disetujui")
    with pytest.raises(Forbidden, match="pemisahan tugas"):
        SPJ.check("endorse", "verified", PPK | {CREATOR}, ABOVE, verb="disahkan")
    with pytest.raises(Forbidden, match="pemisahan tugas"):
        SPJ.check("approve", "endorsed", PA_KPA | {CREATOR}, ABOVE, verb="disetujui")
    with pytest.raises(Forbidden, match="pemisahan tugas"):
        SPJ.check("return", "submitted", drafted_and_treasurer, OK)


def test_whoever_verified_cannot_approve_or_reject_at_approval():
    verifier_and_approver = BENDAHARA | PPK | {VERIFIER}
    assert SPJ.allowed_actions("verified", verifier_and_approver, OK) == ["cancel"]
    with pytest.raises(Forbidden, match="pemisahan tugas"):
        SPJ.check("approve", "verified", verifier_and_approver, OK, verb="disetujui")
    # the same person may still pay it: paying is not separated from verifying
    assert SPJ.check("pay", "approved", verifier_and_approver, OK).target == "paid"
    assert SPJ.allowed_actions("verified", BENDAHARA | PPK | {VERIFIER}, ABOVE) == ["cancel"]
    with pytest.raises(Forbidden, match="pemisahan tugas"):
        SPJ.check("endorse", "verified", BENDAHARA | PPK | {VERIFIER}, ABOVE, verb="disahkan")
    assert SPJ.allowed_actions("endorsed", PA_KPA | {VERIFIER}, ABOVE) == ["cancel"]


def test_whoever_endorsed_cannot_approve_or_reject_at_the_pa_kpa_step():
    endorser_and_pa_kpa = PPK | PA_KPA | {ENDORSER}
    assert SPJ.allowed_actions("endorsed", endorser_and_pa_kpa, ABOVE) == ["cancel"]
    with pytest.raises(Forbidden, match="pemisahan tugas"):
        SPJ.check("approve", "endorsed", endorser_and_pa_kpa, ABOVE, verb="disetujui")
    with pytest.raises(Forbidden, match="pemisahan tugas"):
        SPJ.check("reject", "endorsed", endorser_and_pa_kpa, ABOVE, verb="ditolak")
    # another PA/KPA approves it; the endorser is no party to anything else
    assert SPJ.check("approve", "endorsed", PA_KPA, ABOVE).target == "approved"
    assert SPJ.check("cancel", "endorsed", endorser_and_pa_kpa, ABOVE).target == "cancelled"


def test_only_the_right_capacity_takes_each_step():
    with pytest.raises(Forbidden, match="bendahara"):
        SPJ.check("verify", "submitted", PPTK, OK)
    with pytest.raises(Forbidden, match="PPK-SKPD"):
        SPJ.check("approve", "verified", BENDAHARA, OK)
    with pytest.raises(Forbidden, match="PPK-SKPD"):
        SPJ.check("endorse", "verified", BENDAHARA | PA_KPA, ABOVE)
    with pytest.raises(Forbidden, match="PPTK"):
        SPJ.check("submit", "draft", PPK, OK)
    with pytest.raises(Conflict, match="berstatus disetujui"):
        SPJ.check("approve", "approved", PPK, OK, verb="disetujui")


def test_guards_say_what_is_missing():
    no_lines = guards(lambda: False, lambda: None, 0, THRESHOLD)
    with pytest.raises(ValidationFailed) as refused:
        SPJ.check("submit", "draft", PPTK, no_lines)
    assert refused.value.fields == {"purchases": "SPJ belum memiliki rincian belanja."}
    assert "submit" not in SPJ.allowed_actions("draft", PPTK, no_lines)
    missing = guards(lambda: True, lambda: "Bukti belum diunggah untuk pembelian ke-2.", 100, THRESHOLD)
    with pytest.raises(ValidationFailed, match="ke-2"):
        SPJ.check("verify", "submitted", BENDAHARA, missing)
    assert SPJ.allowed_actions("submitted", BENDAHARA, missing) == ["return", "reject", "cancel"]


def test_every_step_event_is_a_finance_event_with_a_payload_schema():
    from finance.schemas import EVENTS

    assert set(SPJ.events) <= set(EVENTS)
    assert set(SPJ.events) == {Finance.SPJ_SUBMITTED, Finance.SPJ_RETURNED, Finance.SPJ_VERIFIED,
                               Finance.SPJ_ENDORSED, Finance.SPJ_APPROVED, Finance.SPJ_REJECTED,
                               Finance.SPJ_DRAFTED, Finance.SPJ_PAID,
                               Finance.TAX_DEPOSITED, Finance.SPJ_CLOSED, Finance.SPJ_CANCELLED}


def test_the_statuses_of_the_table_are_the_models_and_the_schemas():
    from finance.models.spj import SPJ_STATUSES
    from finance.schemas.spj import SpjDetailOut

    assert set(SPJ.states) == set(SPJ_STATUSES) == set(SPJ.labels)
    assert SPJ_STATUSES.index("verified") < SPJ_STATUSES.index("endorsed") < SPJ_STATUSES.index("approved")
    assert "endorsed_by_account_id" in SpjDetailOut().fields


def test_capacities_come_from_the_roles_and_the_records_parties():
    from types import SimpleNamespace

    from finance.domain.access import Caller
    from finance.domain.spj_access import capacities
    from situok_kit.identity import Identity

    def caller(account_id: int, *roles: str) -> Caller:
        return Caller(Identity(account_id=account_id, username=f"u{account_id}", employee_id=account_id,
                               roles=frozenset(roles)))

    spj = SimpleNamespace(created_by_account_id=1, pptk_employee_id=1, verified_by_account_id=2,
                          endorsed_by_account_id=3, gross=9_000_000)
    assert capacities(caller(3, "ppk", "pimpinan"), spj) == {"ppk", "pa_kpa", ENDORSER}
    assert capacities(caller(4, "pimpinan"), spj) == {"pa_kpa"}
    assert capacities(caller(5, "ppk"), spj) == {"ppk"}  # the amount is a guard, not a capacity
    assert capacities(caller(2, "bendahara"), spj) == {"verifier", "payer", VERIFIER}
