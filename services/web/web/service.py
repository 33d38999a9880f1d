"""The web app: server-rendered pages for bureau staff and the public portal.

Like the gateway it holds no data: it verifies personnel's tokens locally
(``situok_kit.authn``), puts the caller's identity into the worker context and
calls the domain services over RPC. Pages come from one mixin per area
(``web.views``); sessions, CSRF and error pages from ``web.http``.
"""
from __future__ import annotations

from situok_kit import codec
from situok_kit.authn import Authenticator, RevokedSessionsConsumer
from situok_kit.health import HealthMixin
from situok_kit.logs import CallIdLogging
from situok_kit.rpc import TimedRpcProxy

from .views.accounts import AccountPages
from .views.agenda_documentation import AgendaDocumentationPages
from .views.agenda_events import AgendaEventPages
from .views.agenda_feedback import AgendaFeedbackPages
from .views.agenda_leaders import AgendaLeaderPages
from .views.agenda_public import AgendaPublicPages
from .views.agenda_visits import AgendaVisitPages
from .views.assets_handovers import AssetsHandoverPages
from .views.assets_register import AssetsRegisterPages
from .views.assets_reports import AssetsReportsPages
from .views.assets_settings import AssetsSettingsPages
from .views.assets_stocktaking import AssetsStocktakingPages
from .views.assets_supplies import AssetsSupplyPages
from .views.attendance import AttendancePages
from .views.auth import AuthPages
from .views.booking_feeds import BookingFeedPages
from .views.booking_guests import BookingGuestPages
from .views.booking_requests import BookingRequestPages
from .views.booking_resources import BookingResourcePages
from .views.booking_series import BookingSeriesPages
from .views.booking_settings import BookingSettingsPages
from .views.booking_vehicles import BookingVehiclePages
from .views.finance import FinancePages
from .views.home import HomePages
from .views.kepegawaian_career import KepegawaianCareerPages
from .views.kepegawaian_documents import KepegawaianDocumentPages
from .views.kepegawaian_leave import KepegawaianLeavePages
from .views.kepegawaian_leave_print import KepegawaianLeavePrintPages
from .views.kepegawaian_skp import KepegawaianSkpPages
from .views.personnel import PersonnelPages
from .views.personnel_history import PersonnelHistoryPages
from .views.travel import TravelPages

codec.install()


class WebService(HealthMixin, RevokedSessionsConsumer, AuthPages, PersonnelPages, AccountPages, TravelPages,
                 AttendancePages, FinancePages, AssetsRegisterPages, AssetsReportsPages, AssetsHandoverPages,
                 AssetsStocktakingPages, AssetsSupplyPages, AssetsSettingsPages, BookingResourcePages,
                 BookingRequestPages, BookingSeriesPages, BookingVehiclePages, BookingGuestPages, BookingFeedPages,
                 BookingSettingsPages, AgendaLeaderPages, AgendaEventPages, AgendaDocumentationPages, AgendaPublicPages,
                 AgendaVisitPages, AgendaFeedbackPages, PersonnelHistoryPages, KepegawaianLeavePages,
                 KepegawaianLeavePrintPages, KepegawaianCareerPages, KepegawaianDocumentPages, KepegawaianSkpPages,
                 HomePages):
    name = "web"

    personnel = TimedRpcProxy("personnel")
    travel = TimedRpcProxy("travel")
    attendance = TimedRpcProxy("attendance")
    finance = TimedRpcProxy("finance")
    assets = TimedRpcProxy("assets")
    booking = TimedRpcProxy("booking")
    agenda = TimedRpcProxy("agenda")
    kepegawaian = TimedRpcProxy("kepegawaian")
    auth = Authenticator(warm_from="personnel")
    call_ids = CallIdLogging()
