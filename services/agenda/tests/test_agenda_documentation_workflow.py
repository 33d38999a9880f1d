"""The documentation workflow table (pure): who may take which step from which state, the submit guards,
separation of duties at approval, and the rule of when approved documentation is public."""
from datetime import UTC, datetime, timedelta

import pytest
from agenda.domain import publication
from agenda.domain.documentation_workflow import DOCUMENTATION, capacities, guards
from agenda.schemas.documentation import EVENTS
from situok_contracts.events import Agenda
from situok_kit.errors import Conflict, Forbidden, ValidationFailed

STAFF = capacities(protocol_staff=True, approver=False, submitted_it=False)
APPROVER = capacities(protocol_staff=False, approver=True, submitted_it=False)
HEAD = capacities(protocol_staff=True, approver=True, submitted_it=False)
HEAD_WHO_SUBMITTED = capacities(protocol_staff=True, approver=True, submitted_it=True)
NOBODY = capacities(protocol_staff=False, approver=False, submitted_it=False)
READY = guards(2, False, [])


@pytest.mark.parametrize("state, caps, expected", [
    ("draft", STAFF, ["edit", "submit"]),
    ("returned", STAFF, ["edit", "submit"]),
    ("submitted", STAFF, []),
    ("approved", STAFF, []),
    ("submitted", APPROVER, ["approve", "return"]),
    ("approved", APPROVER, ["withdraw"]),
    ("draft", APPROVER, []),
    ("submitted", HEAD, ["approve", "return"]),
    ("submitted", HEAD_WHO_SUBMITTED, ["return"]),  # never approves what they submitted
    ("draft", NOBODY, []),
    ("submitted", NOBODY, []),
])
def test_allowed_actions(state, caps, expected):
    assert DOCUMENTATION.allowed_actions(state, caps, READY) == expected


def test_the_steps_go_where_the_brief_says_and_publish_their_events():
    assert DOCUMENTATION.check("submit", "draft", STAFF, READY).target == "submitted"
    assert DOCUMENTATION.check("approve", "submitted", APPROVER, READY).target == "approved"
    assert DOCUMENTATION.check("return", "submitted", APPROVER, READY).target == "returned"
    assert DOCUMENTATION.check("withdraw", "approved", APPROVER, READY).target == "returned"
    assert set(DOCUMENTATION.events) == {Agenda.DOCUMENTATION_SUBMITTED, Agenda.DOCUMENTATION_RETURNED}
    assert set(EVENTS) == {Agenda.DOCUMENTATION_SUBMITTED, Agenda.DOCUMENTATION_RETURNED,
                           Agenda.DOCUMENTATION_PUBLISHED}


def test_refusals_are_403_409_and_422():
    with pytest.raises(Forbidden):
        DOCUMENTATION.check("approve", "submitted", STAFF, READY)
    with pytest.raises(Forbidden) as separated:
        DOCUMENTATION.check("approve", "submitted", HEAD_WHO_SUBMITTED, READY)
    assert "pemisahan tugas" in separated.value.message
    with pytest.raises(Conflict):
        DOCUMENTATION.check("approve", "approved", APPROVER, READY)
    with pytest.raises(Conflict):
        DOCUMENTATION.check("edit", "submitted", STAFF, READY)
    with pytest.raises(ValidationFailed) as empty:
        DOCUMENTATION.check("submit", "draft", STAFF, guards(0, False, []))
    assert list(empty.value.fields) == ["photos"]
    with pytest.raises(ValidationFailed) as alt:
        DOCUMENTATION.check("submit", "draft", STAFF, guards(2, False, [7]))
    assert list(alt.value.fields) == ["photos.7.alt_text"]
    # a press release alone is enough to submit
    assert DOCUMENTATION.check("submit", "returned", STAFF, guards(0, True, [])).target == "submitted"
    assert "submit" not in DOCUMENTATION.allowed_actions("draft", STAFF, guards(0, False, []))


def test_an_embargo_moves_publication_later_never_earlier():
    approved = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)
    assert publication.public_from(approved, None) == approved
    assert publication.public_from(approved, approved + timedelta(days=1)) == approved + timedelta(days=1)
    assert publication.public_from(approved, approved - timedelta(days=1)) == approved
    embargoed = approved + timedelta(hours=5)
    for now, public in ((embargoed - timedelta(seconds=1), False), (embargoed, True)):
        assert publication.documentation_is_public(status="approved", public_from=embargoed, event_status="done",
                                                   now=now) is public
    assert not publication.documentation_is_public(status="submitted", public_from=None, event_status="done",
                                                   now=embargoed)
    assert not publication.documentation_is_public(status="approved", public_from=approved,
                                                   event_status="cancelled", now=embargoed)
