"""A record's workflow as one table: what may happen to it, from which states, by whom, and what it publishes.

A service writes its workflow as data::

    ORDER = Workflow("travel order", [
        Step("submit",  ("draft",),     "submitted", who=("requester", "admin"), event=Travel.ORDER_SUBMITTED),
        Step("approve", ("submitted",), "approved",  who=("approver",),          event=Travel.ORDER_APPROVED),
        Step("edit",    ("draft",),     None,        who=("requester", "admin")),   # no change of state
        ...
    ])

``who`` names *capacities*: what the caller is to this record (``requester``, ``traveller``, ``approver``,
``supervisor``, ``admin`` …). The service works them out once per caller and record — a pure function of the
identity, the record and facts it looked up (approval rules, the caller's units) — and the table does the rest:

* ``allowed_actions(state, capacities, guards)`` lists what the caller may do now: the ``allowed_actions``
  every answer carries, which the web app turns into buttons (it holds no rule of its own);
* ``check(action, state, capacities, guards)`` is the same decision for a command: the step to apply, or a
  ``Forbidden`` (the caller has no capacity for it) or a ``Conflict`` (not from this state) or a
  ``ValidationFailed`` (a guard, such as "a trip report is filed", says what is missing).

Separation of duties: ``not_by`` names the record's *parties* — ``CREATOR`` (who made the record) and
``PARTICIPANT`` (whom it is about: a traveller, the employee of a leave request) — who may never take a step,
whatever other capacity they hold: nobody approves or issues what they created or take part in. The service
adds ``CREATOR`` / ``PARTICIPANT`` to the caller's capacities (``parties(...)``); ``check`` answers 403 with
``separated_message`` and ``allowed_actions`` leaves the step out (so no button shows).

One action may have several rows, e.g. cancelling a draft (by its requester) and cancelling an issued letter
(by an approver). Nothing here touches a database or a clock; the service records the transition and emits
``step.event`` in its own transaction.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from .errors import Conflict, Forbidden, ValidationFailed

DENIED = "Anda tidak berwenang melakukan tindakan ini."
#: The record's parties (capacities a service adds for ``Step.not_by``).
CREATOR, PARTICIPANT = "creator", "participant"
#: How a separation-of-duties 403 names the party the caller is: "… yang Anda buat sendiri …".
_PARTY_WORDS = {CREATOR: "yang Anda buat sendiri", PARTICIPANT: "yang menyangkut diri Anda sendiri"}
#: A guard: ``None`` when the step may run, else ``(field, message)`` saying what is missing.
Guard = Callable[[], "tuple[str, str] | None"]


@dataclass(frozen=True)
class Step:
    """One row of the table."""

    action: str
    sources: tuple[str, ...]
    target: str | None
    who: tuple[str, ...]
    event: str | None = None
    #: Names of guards (supplied per call) that must pass; a failing one keeps the action out of
    #: ``allowed_actions`` and makes the command a 422 naming the field.
    requires: tuple[str, ...] = ()
    #: The 403's message when the caller may not take this step (default: a generic one).
    denied: str | None = None
    #: Parties (``CREATOR``, ``PARTICIPANT``) who may never take this step, whatever else they are.
    not_by: tuple[str, ...] = ()

    def separated(self, capacities: Iterable[str]) -> str | None:
        """The party (of ``not_by``) the caller is, when separation of duties keeps them from this step."""
        return next((party for party in self.not_by if party in set(capacities)), None)

    def may(self, capacities: Iterable[str]) -> bool:
        capacities = frozenset(capacities)
        return bool(set(self.who).intersection(capacities)) and self.separated(capacities) is None


@dataclass(frozen=True)
class Workflow:
    """A named table of ``Step`` rows; ``labels`` give the states' Indonesian names for messages."""

    name: str
    steps: tuple[Step, ...]
    labels: Mapping[str, str] = field(default_factory=dict)

    def __init__(self, name: str, steps: Iterable[Step], labels: Mapping[str, str] | None = None):
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "steps", tuple(steps))
        object.__setattr__(self, "labels", dict(labels or {}))
        seen: dict[tuple[str, str], Step] = {}
        for step in self.steps:
            for source in step.sources:
                if (step.action, source) in seen:
                    raise ValueError(f"{name}: two rows for {step.action!r} from {source!r}")
                seen[(step.action, source)] = step

    # -- reading the table ------------------------------------------------------------------------
    @property
    def actions(self) -> tuple[str, ...]:
        """Every action, in table order (each once)."""
        return tuple(dict.fromkeys(step.action for step in self.steps))

    @property
    def states(self) -> tuple[str, ...]:
        """Every state the table names, in order of first mention."""
        found: dict[str, None] = {}
        for step in self.steps:
            for state in (*step.sources, step.target):
                if state is not None:
                    found.setdefault(state, None)
        return tuple(found)

    @property
    def events(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(step.event for step in self.steps if step.event))

    def step(self, action: str, state: str) -> Step | None:
        return next((s for s in self.steps if s.action == action and state in s.sources), None)

    def label(self, state: str) -> str:
        return self.labels.get(state, state)

    # -- deciding -----------------------------------------------------------------------------------
    def allowed_actions(self, state: str, capacities: Iterable[str],
                        guards: Mapping[str, Guard] | None = None) -> list[str]:
        """The actions a caller with ``capacities`` may take on a record in ``state``, in table order."""
        capacities = frozenset(capacities)
        allowed = []
        for action in self.actions:
            step = self.step(action, state)
            if step is not None and step.may(capacities) and _failed_guard(step, guards) is None:
                allowed.append(action)
        return allowed

    def check(self, action: str, state: str, capacities: Iterable[str],
              guards: Mapping[str, Guard] | None = None, *, verb: str | None = None) -> Step:
        """The step ``action`` takes from ``state`` for this caller, or the error to answer with.

        403 when the caller has no capacity for the action (in this state, or — when the state is wrong —
        in any state: someone who could never do it learns nothing about the record's state); 409 when the
        state does not allow it; 422 when a guard says what is missing. ``verb`` words the 409
        (``"disetujui"`` → "… tidak dapat disetujui")."""
        rows = [s for s in self.steps if s.action == action]
        if not rows:
            raise ValueError(f"{self.name}: no action {action!r}")
        capacities = frozenset(capacities)
        step = self.step(action, state)
        if step is None:
            if not any(row.may(capacities) for row in rows):
                separated = [r for r in rows if set(r.who) & capacities and r.separated(capacities)]
                raise Forbidden(self._refusal((separated or rows)[0], capacities, verb))
            raise Conflict(f"{self.name.capitalize()} berstatus {self.label(state)} tidak dapat "
                           f"{verb or action}.", {"status": f"Status saat ini: {state}."})
        if not step.may(capacities):
            raise Forbidden(self._refusal(step, capacities, verb))
        failed = _failed_guard(step, guards)
        if failed is not None:
            raise ValidationFailed(failed[1], {failed[0]: failed[1]})
        return step

    def separated_message(self, step: Step, party: str, verb: str | None = None) -> str:
        """The 403 of separation of duties: "Perjalanan dinas yang Anda buat sendiri tidak dapat disetujui oleh
        Anda (pemisahan tugas)." """
        return (f"{self.name.capitalize()} {_PARTY_WORDS.get(party, 'yang melibatkan Anda')} tidak dapat "
                f"{verb or step.action} oleh Anda (pemisahan tugas).")

    def _refusal(self, step: Step, capacities: frozenset[str], verb: str | None) -> str:
        party = step.separated(capacities)
        if party is not None and set(step.who).intersection(capacities):
            return self.separated_message(step, party, verb)
        return step.denied or DENIED


def parties(created: bool, participates: bool) -> frozenset[str]:
    """The parties (for ``Step.not_by``) a caller is to a record: ``CREATOR`` and/or ``PARTICIPANT``."""
    return frozenset(name for name, found in ((CREATOR, created), (PARTICIPANT, participates)) if found)


def _failed_guard(step: Step, guards: Mapping[str, Guard] | None) -> tuple[str, str] | None:
    for name in step.requires:
        guard = (guards or {}).get(name)
        if guard is None:
            raise ValueError(f"step {step.action!r} requires guard {name!r}, which was not supplied")
        problem = guard()
        if problem is not None:
            return problem
    return None
