"""The feedback's pure rules (``domain.feedback_rules``): the workflow table and who may take each step, the
publish guards, how a sender is named in public, a reply by contact, the percentiles and the report."""
from datetime import UTC, datetime, timedelta

import pytest
from agenda.domain.feedback_rules import (
    FEEDBACK,
    PROTOCOL,
    UNIT,
    capacities,
    contact_problems,
    guards,
    percentile,
    public_name,
    response_report,
)
from agenda.schemas.feedback import FeedbackEvent, FeedbackIn
from situok_kit.errors import Conflict, Forbidden, ValidationFailed

OPEN_GUARDS = guards(consent_publish=True, published=False, answered=True)


def test_capacities_protocol_staff_and_the_units_staff():
    assert capacities(is_protocol_staff=True, caller_unit=1, unit_id=None) == {PROTOCOL}
    assert capacities(is_protocol_staff=False, caller_unit=20, unit_id=20) == {UNIT}
    assert capacities(is_protocol_staff=False, caller_unit=21, unit_id=20) == set()
    assert capacities(is_protocol_staff=False, caller_unit=None, unit_id=None) == set()


@pytest.mark.parametrize("status, who, allowed", [
    ("received", {PROTOCOL}, ["triage", "answer", "close"]),
    ("received", {UNIT}, []),
    ("triaged", {UNIT}, ["answer"]),
    ("triaged", {PROTOCOL}, ["triage", "answer", "close"]),
    ("answered", {PROTOCOL}, ["close", "publish"]),
    ("answered", {UNIT}, []),
    ("closed", {PROTOCOL}, ["publish"]),
])
def test_allowed_actions(status, who, allowed):
    assert FEEDBACK.allowed_actions(status, who, OPEN_GUARDS) == allowed


def test_check_answers_403_409_and_422():
    with pytest.raises(Forbidden):
        FEEDBACK.check("triage", "received", {UNIT}, OPEN_GUARDS)
    with pytest.raises(Forbidden):
        FEEDBACK.check("answer", "triaged", set(), OPEN_GUARDS)
    with pytest.raises(Conflict):
        FEEDBACK.check("answer", "closed", {UNIT}, OPEN_GUARDS)
    no_consent = guards(consent_publish=False, published=False, answered=True)
    with pytest.raises(ValidationFailed) as refused:
        FEEDBACK.check("publish", "answered", {PROTOCOL}, no_consent)
    assert list(refused.value.fields) == ["published"]
    published = guards(consent_publish=True, published=True, answered=True)
    assert FEEDBACK.allowed_actions("answered", {PROTOCOL}, published) == ["close", "unpublish"]


@pytest.mark.parametrize("name, shown", [
    ("Ni Luh Putu Ayu", "N.L.P.A."), ("  i made  ", "I.M."), (None, "Anonim"), ("", "Anonim"),
    ("Dr. I Gede Raka Wiguna Putra Sentana", "D.I.G.R."), ("123 456", "Anonim"),
])
def test_public_name_is_initials_or_anonim(name, shown):
    assert public_name(name) == shown


def test_a_reply_by_contact_needs_one():
    assert contact_problems(reply_by_contact=True, email=None, phone=None) == {"email": pytest.approx(
        "Isi surel atau nomor telepon agar jawaban dapat dikirim kepada Anda.")}
    assert contact_problems(reply_by_contact=True, email=None, phone="0812345678") == {}
    assert contact_problems(reply_by_contact=False, email=None, phone=None) == {}


def test_percentile_is_percentile_cont():
    assert percentile([], 0.5) is None
    assert percentile([5], 0.9) == 5
    assert percentile([2, 4, 10], 0.5) == 4
    assert percentile([10, 2, 4], 0.9) == pytest.approx(8.8)
    assert percentile([1, 2, 3, 4], 0.5) == 2.5


def test_the_report_per_unit():
    t0 = datetime(2030, 1, 1, tzinfo=UTC)
    now = t0 + timedelta(days=10)
    rows = [(7, "answered", t0, t0 + timedelta(hours=2)), (7, "closed", t0, t0 + timedelta(hours=6)),
            (7, "triaged", t0, None), (7, "triaged", now - timedelta(days=1), None), (None, "received", t0, None)]
    report = response_report(rows, now, open_days=7)
    assert report == [
        {"unit_id": 7, "count": 4, "answered": 2, "open_over_days": 1, "median_hours": 4.0, "p90_hours": 5.6},
        {"unit_id": None, "count": 1, "answered": 0, "open_over_days": 1, "median_hours": None,
         "p90_hours": None}]


def test_the_form_limits_and_the_event_payload():
    errors = FeedbackIn().validate({"kind": "question", "subject": "S" * 201, "message": "m" * 4001})
    assert {"subject", "message"} <= set(errors)
    assert not FeedbackIn().validate({"kind": "question", "subject": "Soal", "message": "m" * 4000})
    assert set(FeedbackEvent().fields) == {"id", "kind", "category", "unit_id", "status", "created_at",
                                           "triaged_at", "first_response_at", "answered_at", "closed_at"}


def test_an_unknown_and_a_malformed_code_cost_the_same_work(monkeypatch):
    """One digest and one lookup of a 64-hex digest for any code, so neither the answer nor its time tells
    which codes exist (``situok_kit.public_forms.TrackingCodes.hash_of``)."""
    from agenda.domain import feedback
    from situok_kit.errors import NotFound

    digests, lookups = [], []
    real = feedback.CODES.digest
    monkeypatch.setattr(feedback.CODES, "digest", lambda body: digests.append(body) or real(body))

    class Session:
        def scalar(self, statement):
            lookups.append(statement.compile().params)
            return None

    answers = []
    for code in ("ASP-7K2M-Q9XD-4TZA-B8RW", "ASP-XXXX", "", "A" * 500, None):
        digests.clear()
        lookups.clear()
        with pytest.raises(NotFound) as unknown:
            feedback.status_of(Session(), code)
        assert len(digests) == 1 and len(lookups) == 1
        (digest,) = lookups[0].values()
        assert len(digest) == 64 and set(digest) <= set("0123456789abcdef")
        answers.append((unknown.value.status, unknown.value.message, unknown.value.fields))
    assert len(set(map(str, answers))) == 1
