"""The travel contract: Marshmallow schemas for RPC arguments, RPC answers and event payloads.

Every answer travel gives and every event it publishes is one of these schemas dumping a record (or a
``View`` of one), so the shapes are written once, here. ``SCHEMAS`` names them for an edge (the gateway
registers them as its OpenAPI components); the names are unique across the platform. An edge imports what it
needs from here rather than copying it: the enumerations, ``PROVINCES`` (code -> name), ``LETTER_TOKEN`` (the
pattern of a letter's verification token), ``DOCUMENT_KINDS`` and ``ORDER_ACTIONS``. Importing this package
needs no database and no broker.

* ``inputs``: what travel accepts (unknown fields rejected, Indonesian messages keyed by field);
* ``orders``: orders and their parts, the estimate, files, the public letter check;
* ``admin``: rate tables, rules, the roster copy;
* ``events``: event payloads.
"""
from __future__ import annotations

from marshmallow import Schema

from ..domain.common import PROVINCES
from ..domain.workflow import ORDER
from ..models import (
    ATTACHMENT_KINDS,
    CATEGORIES,
    COST_LEVELS,
    EMPLOYMENT_TYPES,
    LEG_KINDS,
    RANKS,
    RATE_KINDS,
    RESET_SCOPES,
    STATUSES,
    TRANSPORT_MODES,
)
from .admin import (
    LetterSettingsOut,
    RateOut,
    RateTableDetailOut,
    RateTableOut,
    RosterStatusOut,
    RosterSyncOut,
    RulesOut,
    TravelCapabilitiesOut,
)
from .common import CONTENT_TYPES, COST_CATEGORIES, DOCUMENT_KINDS, LETTER_TOKEN, MAX_ATTACHMENT_BYTES
from .events import (
    OrderApprovedEvent,
    OrderCancelledEvent,
    OrderCompletedEvent,
    OrderEvent,
    OrderEventAdvance,
    OrderEventCostLine,
    OrderEventReceipt,
    OrderEventSigners,
    OrderEventTraveller,
    OrderIssuedEvent,
    OrderRealizedEvent,
    OrderRejectedEvent,
    OrderSubmittedEvent,
)
from .inputs import (
    ApprovalRuleIn,
    AttachmentIn,
    DestinationIn,
    DocumentIn,
    EstimateIn,
    FollowerIn,
    LegIn,
    LetterSettingsIn,
    LevelRuleIn,
    NoteIn,
    NumberTemplateIn,
    OrderFilters,
    OrderIn,
    RateFileIn,
    RateFileUploadIn,
    RealizationAdvanceIn,
    RealizationLineIn,
    RealizeIn,
    ReasonIn,
    ReportIn,
    RulesIn,
    TravellerIn,
    TravelVehicleEventIn,
)
from .orders import (
    AttachmentFileOut,
    AttachmentOut,
    CostLineOut,
    DestinationOut,
    EstimateOut,
    FollowerOut,
    LegOut,
    LetterVerificationOut,
    OfficialVehicleOut,
    OrderDetailOut,
    OrderDocumentOut,
    OrderPage,
    OrderSummaryOut,
    RealizationAdvanceOut,
    RealizationLineOut,
    RealizationOut,
    ReportOut,
    TransitionOut,
    TravellerDetailOut,
    TravellerEstimateOut,
    TravellerOut,
)

#: Every workflow action an order's ``allowed_actions`` may name, in table order.
ORDER_ACTIONS = ORDER.actions

_INPUTS = (
    DestinationIn, FollowerIn, TravellerIn, EstimateIn, OrderIn, OrderFilters, NoteIn, ReasonIn, LegIn,
    AttachmentIn, ReportIn, RealizationLineIn, RealizationAdvanceIn, RealizeIn, DocumentIn, RateFileUploadIn,
    RateFileIn, LevelRuleIn, ApprovalRuleIn, NumberTemplateIn, LetterSettingsIn, RulesIn, TravelVehicleEventIn,
)
_ANSWERS = (
    CostLineOut, TravellerEstimateOut, EstimateOut, DestinationOut, FollowerOut, LegOut, TravellerOut,
    TravellerDetailOut, AttachmentOut, AttachmentFileOut, TransitionOut, ReportOut, RealizationLineOut,
    RealizationAdvanceOut, RealizationOut, OfficialVehicleOut, OrderSummaryOut, OrderDetailOut, OrderPage,
    OrderDocumentOut,
    LetterVerificationOut, RateTableOut, RateOut, RateTableDetailOut, LetterSettingsOut, RulesOut, RosterSyncOut,
    RosterStatusOut, TravelCapabilitiesOut,
)
_EVENTS = (
    OrderEventTraveller, OrderEvent, OrderSubmittedEvent, OrderApprovedEvent, OrderRejectedEvent,
    OrderIssuedEvent, OrderCancelledEvent, OrderCompletedEvent, OrderEventReceipt, OrderEventCostLine,
    OrderEventAdvance, OrderEventSigners, OrderRealizedEvent,
)

#: Stable names of every schema in the contract, leaves before the schemas that nest them.
SCHEMAS: dict[str, type[Schema]] = {schema.__name__: schema for schema in (*_INPUTS, *_ANSWERS, *_EVENTS)}

__all__ = [
    *SCHEMAS, "SCHEMAS", "ORDER_ACTIONS", "PROVINCES", "LETTER_TOKEN", "DOCUMENT_KINDS", "STATUSES",
    "CATEGORIES", "TRANSPORT_MODES", "COST_LEVELS", "RANKS", "LEG_KINDS", "RATE_KINDS", "ATTACHMENT_KINDS",
    "RESET_SCOPES", "EMPLOYMENT_TYPES", "CONTENT_TYPES", "COST_CATEGORIES", "MAX_ATTACHMENT_BYTES",
]
