"""The attendance contract: Marshmallow schemas for RPC arguments, answers and event payloads.

Every answer is ``SomeOut().dump(...)`` of what the domain returns and every event payload is dumped through
its ``*Event`` schema (``attendance.events``), so these schemas are the only description of attendance's
shapes. ``SCHEMAS`` names each one uniquely on the platform (the gateway registers them as OpenAPI components
as they are), leaves before the schemas that nest them; the enumerations below are the ones edges need.
Importable without a database or a broker.
"""
from __future__ import annotations

from marshmallow import Schema

from ..domain.exports import EXPORT_FORMATS
from ..domain.setup import GEOFENCE_MODES
from ..domain.status import CODES, TODAY_GROUPS
from ..domain.status import STATUSES as DAY_STATUSES
from ..domain.workflow import ACTIONS
from ..models import (
    CORRECTION_KINDS,
    HOLIDAY_KINDS,
    LEAVE_KINDS,
    PERIODS,
    REQUEST_STATUSES,
    REVIEW_ACTIONS,
    WEIGHT_CODES,
)
from .days import (
    AttendanceMonthIn,
    DayOut,
    EmployeeDaysOut,
    MyTodayOut,
    PersonOut,
    RecapFileOut,
    RecapOut,
    RecapRowOut,
    SummaryOut,
    TodayOut,
    TodayPersonOut,
)
from .records import AttendanceRecordEvent, CheckOut, GeoPositionIn, RecordOut, SideOut
from .requests import (
    ATTACHMENT_TYPES,
    CancelIn,
    CorrectionEvent,
    CorrectionIn,
    CorrectionOut,
    CorrectionPage,
    CorrectionSubmittedEvent,
    DecisionIn,
    LeaveAttachmentContentOut,
    LeaveAttachmentIn,
    LeaveAttachmentOut,
    LeaveFilters,
    LeaveRequestDetailOut,
    LeaveRequestEvent,
    LeaveRequestIn,
    LeaveRequestOut,
    LeaveRequestPage,
    LeaveRequestSubmittedEvent,
    RejectIn,
)
from .review import (
    MarkReviewedIn,
    RecordReviewedEvent,
    RecordReviewedOut,
    ReviewFilters,
    ReviewItemOut,
    ReviewQueuePage,
    ReviewReasonOut,
    ReviewSideOut,
)
from .setup import (
    SPECIAL_PERIODS,
    AttendanceCapabilitiesOut,
    AttendanceRosterOut,
    AttendanceRosterSyncOut,
    AttendanceWhoAmIOut,
    DeletedOut,
    HolidayFileIn,
    HolidayImportOut,
    HolidayIn,
    HolidayOut,
    LocationIn,
    LocationOut,
    PeriodIn,
    PeriodOut,
    ScheduleDayIn,
    ScheduleDayOut,
    ScheduleIn,
    ScheduleOut,
    SettingsIn,
    SettingsOut,
    SetupOut,
    WeightIn,
    WeightOut,
    WeightsIn,
)

_ORDERED: tuple[type[Schema], ...] = (
    # arguments
    GeoPositionIn, LeaveAttachmentIn, LeaveRequestIn, CorrectionIn, DecisionIn, RejectIn, CancelIn, LeaveFilters,
    AttendanceMonthIn, LocationIn, ScheduleDayIn, ScheduleIn, PeriodIn, HolidayIn, HolidayFileIn, WeightIn,
    WeightsIn, SettingsIn, ReviewFilters, MarkReviewedIn,
    # answers
    SideOut, RecordOut, CheckOut, DayOut, MyTodayOut, PersonOut, SummaryOut, EmployeeDaysOut, RecapRowOut,
    RecapOut, TodayPersonOut, TodayOut, RecapFileOut,
    LeaveAttachmentOut, LeaveAttachmentContentOut, LeaveRequestOut, LeaveRequestDetailOut, LeaveRequestPage,
    CorrectionOut, CorrectionPage,
    LocationOut, ScheduleDayOut, ScheduleOut, PeriodOut, WeightOut, SettingsOut, SetupOut, HolidayOut,
    HolidayImportOut, DeletedOut, AttendanceRosterOut, AttendanceRosterSyncOut, AttendanceWhoAmIOut,
    AttendanceCapabilitiesOut, ReviewReasonOut, ReviewSideOut, ReviewItemOut, ReviewQueuePage, RecordReviewedOut,
    # event payloads
    AttendanceRecordEvent, LeaveRequestEvent, LeaveRequestSubmittedEvent, CorrectionEvent, CorrectionSubmittedEvent,
    RecordReviewedEvent,
)

#: Every schema of the contract under its platform-unique name (its class name), leaves first.
SCHEMAS: dict[str, type[Schema]] = {schema.__name__: schema for schema in _ORDERED}

__all__ = [
    *SCHEMAS, "SCHEMAS",
    "ACTIONS", "ATTACHMENT_TYPES", "CODES", "CORRECTION_KINDS", "DAY_STATUSES", "EXPORT_FORMATS", "GEOFENCE_MODES",
    "HOLIDAY_KINDS", "LEAVE_KINDS", "PERIODS", "REQUEST_STATUSES", "REVIEW_ACTIONS", "SPECIAL_PERIODS",
    "TODAY_GROUPS", "WEIGHT_CODES",
]
