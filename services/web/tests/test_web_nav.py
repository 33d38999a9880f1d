"""The navigation registry (``web.nav``): each views module declares its area, the menu is assembled in the
original application's order, links follow the services' capabilities — and no role list is left in the web."""
from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from agenda.schemas.common import AgendaCapabilitiesOut
from assets.schemas.common import AssetsCapabilitiesOut
from attendance.schemas import AttendanceCapabilitiesOut
from booking.schemas.common import BookingCapabilitiesOut
from finance.schemas.common import FinanceCapabilitiesOut
from kepegawaian.schemas.common import KepegawaianCapabilitiesOut
from personnel.schemas import PersonnelCapabilitiesOut
from situok_contracts.roles import ROLES
from travel.schemas import TravelCapabilitiesOut
from web import nav
from web.nav import Area, Link
from web.service import WebService

#: Every capability a service's ``capabilities()`` may answer (its own output schema).
DECLARED = {"personnel": set(PersonnelCapabilitiesOut().fields), "travel": set(TravelCapabilitiesOut().fields),
            "attendance": set(AttendanceCapabilitiesOut().fields) - {"employee_id"},
            "finance": set(FinanceCapabilitiesOut().fields), "assets": set(AssetsCapabilitiesOut().fields),
            "booking": set(BookingCapabilitiesOut().fields), "agenda": set(AgendaCapabilitiesOut().fields),
            "kepegawaian": set(KepegawaianCapabilitiesOut().fields)}
WEB = Path(nav.__file__).parent


def caps(**granted: str) -> dict[str, frozenset[str]]:
    """``caps(travel="create_order decide")``: every service answered, granting these."""
    found = {service: frozenset() for service in DECLARED}
    found.update({service: frozenset(names.split()) for service, names in granted.items()})
    return found


def urls(capabilities) -> set[str]:
    return {link.url for _, links in nav.menu_for(capabilities) for link in links}


def test_the_areas_come_from_the_views_modules_in_the_original_order():
    assert [area.key for area in nav.areas()] == ["dokumentasi", "absensi", "perjalanan", "kepegawaian",
                                                  "keuangan", "aset", "peminjaman", "layanan_publik"]
    owners = {area.key: area.service for area in nav.areas()}
    assert owners == {"dokumentasi": "agenda", "absensi": "attendance", "perjalanan": "travel",
                      "kepegawaian": "personnel", "keuangan": "finance", "aset": "assets", "peminjaman": "booking",
                      "layanan_publik": "agenda"}
    kepegawaian = next(area for area in nav.areas() if area.key == "kepegawaian")
    # personnel's pages, then kepegawaian's areas' (leave, the leave recap, career dates, documents, SKP) — the
    # area stays personnel's: kepegawaian's links need kepegawaian's capabilities
    assert [link.url for link in kepegawaian.links] == [
        "/profil", "/pegawai", "/pegawai/baru", "/unit", "/akun",
        "/kepegawaian/cuti", "/kepegawaian/cuti/kotak-masuk", "/kepegawaian/cuti/semua", "/kepegawaian/rekap-cuti",
        "/kepegawaian/karier", "/kepegawaian/karier/jatuh-tempo", "/kepegawaian/karier/daftar",
        "/kepegawaian/karier/pengingat", "/kepegawaian/pengaturan",
        "/kepegawaian/dokumen", "/kepegawaian/dokumen/kelengkapan", "/kepegawaian/dokumen/verifikasi",
        "/kepegawaian/skp", "/kepegawaian/skp/kotak-masuk", "/kepegawaian/skp/riwayat"]
    assert nav.services() == ("agenda", "attendance", "travel", "personnel", "kepegawaian", "finance", "assets",
                              "booking")


def test_every_area_of_the_original_application_has_its_pages_now():
    everything = {service: frozenset(names) for service, names in DECLARED.items()}
    shown = [area.key for area, _ in nav.menu_for(everything)]
    assert shown == ["dokumentasi", "absensi", "perjalanan", "kepegawaian", "keuangan", "aset", "peminjaman",
                     "layanan_publik"]
    assert nav.coming() == []


def test_links_follow_capabilities():
    staff = caps(travel="create_order", attendance="check_in")
    assert urls(staff) == {"/profil", "/unit", "/perjalanan", "/perjalanan/baru", "/absensi", "/absensi/riwayat",
                           "/absensi/pengajuan"}
    supervisor_pages = {"/absensi/persetujuan", "/absensi/hari-ini", "/absensi/rekap"}
    assert supervisor_pages <= urls(caps(attendance="supervise decide"))
    assert supervisor_pages <= urls(caps(attendance="supervise"))                  # admin: reads them
    assert not supervisor_pages & urls(caps(attendance="check_in decide"))
    assert "/perjalanan/persetujuan" in urls(caps(travel="decide"))
    assert "/perjalanan/persetujuan" in urls(caps(travel="issue"))                  # admin issues
    assert "/perjalanan/persetujuan" not in urls(caps(travel="create_order request_for_others"))
    assert "/perjalanan/baru" not in urls(caps())                                  # no employee record
    assert {"/pegawai", "/pegawai/baru", "/akun"} <= urls(caps(personnel="read_employees manage_employees "
                                                                         "manage_accounts"))
    assert "/pegawai" in urls(caps(personnel="read_employees")) and "/pegawai/baru" not in urls(
        caps(personnel="read_employees"))
    assert not {"/pegawai", "/pegawai/baru", "/akun"} & urls(caps())
    mine = {"/kepegawaian/cuti", "/kepegawaian/karier", "/kepegawaian/dokumen", "/kepegawaian/skp"}
    assert mine <= urls(caps(kepegawaian="own_records"))
    officer = {"/kepegawaian/cuti/semua", "/kepegawaian/karier/jatuh-tempo", "/kepegawaian/dokumen/kelengkapan",
               "/kepegawaian/dokumen/verifikasi"}
    assert officer <= urls(caps(kepegawaian="own_records manage_records verify_documents view_due_dates export"))
    assert not officer & urls(caps(kepegawaian="own_records supervise"))
    assert {"/kepegawaian/cuti/kotak-masuk", "/kepegawaian/skp/kotak-masuk"} <= urls(caps(kepegawaian="supervise"))
    assert "/kepegawaian/cuti/kotak-masuk" in urls(caps(kepegawaian="decide_leave"))


def test_an_area_whose_service_did_not_answer_is_hidden():
    answered = caps(travel="create_order decide", attendance="check_in")
    del answered["travel"]
    shown = urls(answered)
    assert "/absensi" in shown and not {url for url in shown if url.startswith("/perjalanan")}
    assert urls({}) == set()


def test_needs_are_one_pair_or_several_of_which_any_will_do():
    assert nav.needs_of(None) == nav.needs_of(()) == ()
    assert nav.needs_of(("travel", "decide")) == (("travel", "decide"),)
    assert nav.needs_of((("travel", "decide"), ("travel", "issue"))) == (("travel", "decide"), ("travel", "issue"))
    assert nav.granted({"travel": frozenset({"issue"})}, (("travel", "decide"), ("travel", "issue")))
    assert not nav.granted({"travel": frozenset({"issue"})}, ("travel", "decide"))
    assert not nav.granted({}, ("travel", "decide")) and nav.granted({}, None)
    with pytest.raises(ValueError):
        nav.needs_of(("travel", ""))


def test_modules_add_links_to_one_area_in_position_order():
    declared = [
        Area("b", links=(Link("Akun", "/akun"),), position=41),
        Area("b", "Kepegawaian", "users", (Link("Profil", "/profil"),), service="personnel", position=40),
        Area("a", "Absensi", "clock", (Link("Absen", "/absensi"),), service="attendance", position=20),
        Area("z", "Nanti", "box", position=90),
    ]
    merged = nav.merged(declared)
    assert [(a.key, a.label, a.service) for a in merged] == [("a", "Absensi", "attendance"),
                                                              ("b", "Kepegawaian", "personnel"), ("z", "Nanti", None)]
    assert [link.url for link in merged[1].links] == ["/profil", "/akun"]
    assert nav.menu_for({"attendance": frozenset(), "personnel": frozenset()}, merged) == [
        (merged[0], list(merged[0].links)), (merged[1], list(merged[1].links))]
    with pytest.raises(ValueError):
        nav.merged([Area("x", links=(Link("Orphan", "/x"),))])


def test_every_capability_named_by_a_link_or_a_page_is_one_its_service_declares():
    named = [(link.url, need) for area in nav.areas() for link in area.links for need in link.needs]
    for name, member in inspect.getmembers(WebService, inspect.isfunction):
        named += [(name, need) for need in getattr(member, "needs", ())]
    assert len(named) > 20
    for where, (service, capability) in named:
        assert capability in DECLARED[service], (where, service, capability)


def test_the_web_holds_no_role_list():
    """Who may do what is the services' answer: no page, link or template names a role to decide by."""
    role = re.compile("[\"']({})[\"']".format("|".join(ROLES)))
    #: Not rules: the new-account form starts with the plain employee's role ticked; the history page's
    #: ``?pegawai=<id>`` parameter.
    not_rules = ('{"roles": ["pegawai"]', 'args.get("pegawai")')
    for path in [*WEB.glob("*.py"), *(WEB / "views").glob("*.py"), *(WEB / "templates").rglob("*.html")]:
        text = path.read_text(encoding="utf-8")
        for snippet in not_rules:
            text = text.replace(snippet, "")
        assert not role.search(text), path
        assert "has_role" not in text and ".roles &" not in text, path
