"""Pieces of the pages that need no running services: formatting, menus, forms, templates."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from web import i18n, rendering
from web.views.personnel import employee_payload, list_filters, unit_tree
from werkzeug.datastructures import MultiDict


@pytest.mark.parametrize("amount, text", [(1250000, "Rp1.250.000"), (0, "Rp0"), (999, "Rp999"),
                                          (-15000, "-Rp15.000"), (None, "-")])
def test_rupiah(amount, text):
    assert i18n.rupiah(amount) == text


def test_dates_in_indonesian_and_wita():
    assert i18n.long_date(date(2026, 11, 28)) == "28 November 2026"
    assert i18n.long_date("2026-08-17", "id") == "17 Agustus 2026"
    # 16:30 UTC is 00:30 the next day in Bali
    moment = datetime(2026, 11, 28, 16, 30, tzinfo=UTC)
    assert i18n.date_time(moment) == "29 November 2026 00.30 WITA"
    assert i18n.date_time("2026-11-28T01:05:00+00:00", "en") == "28 November 2026 09:05 WITA"


def test_employee_payload_turns_blanks_into_null_and_ids_into_integers():
    form = MultiDict({"employment_type": "pns", "name": " Ayu ", "nip": "", "unit_id": "3", "position_id": "x"})
    data = employee_payload(form)
    assert data["name"] == "Ayu" and data["nip"] is None and data["unit_id"] == 3
    assert data["position_id"] == "x"  # personnel answers "must be an integer" for it
    assert "employment_type" not in employee_payload(MultiDict({"name": "A"}))


def test_list_filters_default_to_active_and_ignore_nonsense():
    filters, shown = list_filters(MultiDict({"q": "ayu", "unit_id": "abc", "asn": "0"}))
    assert filters == {"q": "ayu", "is_asn": False, "active": True}
    assert shown["active"] == "1"
    filters, _ = list_filters(MultiDict({"active": "all"}))
    assert "active" not in filters


def test_unit_tree_nests_children_by_code():
    units = [{"id": 1, "code": "B", "parent_id": None}, {"id": 2, "code": "B.2", "parent_id": 1},
             {"id": 3, "code": "B.1", "parent_id": 1}, {"id": 4, "code": "B.1.1", "parent_id": 3}]
    tree = unit_tree(units)
    assert [u["id"] for u in tree] == [1]
    assert [u["id"] for u in tree[0]["children"]] == [3, 2]
    assert tree[0]["children"][0]["children"][0]["id"] == 4


def test_static_urls_carry_a_content_hash():
    url = rendering.static_url("css/situok.css")
    assert url.startswith("/static/css/situok.css?v=")
    with pytest.raises(KeyError):
        rendering.static_url("css/missing.css")


def test_no_template_uses_inline_styles_or_scripts():
    """The CSP allows styles and scripts from our own files only."""
    for path in rendering.TEMPLATES.rglob("*.html"):
        text = path.read_text()
        assert "style=" not in text, path
        assert "<style" not in text, path
        assert "<script>" not in text and "onclick" not in text, path


def test_the_500_page_names_its_reference_and_nothing_else():
    from situok_kit.edge import failure_of
    from web.http import failure_page
    from werkzeug.test import EnvironBuilder
    from werkzeug.wrappers import Request

    request = Request(EnvironBuilder(path="/pegawai").get_environ())
    response = failure_page(request, failure_of(KeyError("secret detail"), "web.employee_list.1234-abcd"))
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "web.employee_list.1234-abcd" in body and "Terjadi kesalahan pada sistem" in body
    assert "Traceback" not in body and "secret detail" not in body and 'class="topbar"' in body  # the layout


def test_account_form_and_lock_state():
    from web.views.accounts import account_payload, is_locked

    form = MultiDict([("username", " budi.s "), ("password", "Sandi-Awal-2026"), ("employee_id", "7"),
                      ("roles", "pegawai"), ("roles", "operator")])
    assert account_payload(form) == {"username": "budi.s", "password": "Sandi-Awal-2026", "employee_id": 7,
                                     "roles": ["pegawai", "operator"]}
    assert account_payload(MultiDict({"username": "x", "employee_id": ""}))["employee_id"] is None
    now = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
    assert is_locked({"locked_until": "2026-11-28T12:10:00+00:00"}, now)
    assert not is_locked({"locked_until": datetime(2026, 11, 28, 11, 0, tzinfo=UTC)}, now)
    assert not is_locked({"locked_until": None}, now)


def test_no_two_page_mixins_define_the_same_name():
    """The pages are mixins of one class: a helper named alike in two areas (``_trip_act`` in travel and booking
    once) silently becomes the first one for both, and one area's buttons land on the other's pages."""
    import inspect

    from web.service import WebService

    owners: dict[str, list[str]] = {}
    for mixin in WebService.__mro__[1:]:
        if not mixin.__module__.startswith("web.views."):
            continue
        for name, value in vars(mixin).items():
            if inspect.isfunction(value) and not name.startswith("__"):
                owners.setdefault(name, []).append(mixin.__name__)
    assert {name: found for name, found in owners.items() if len(found) > 1} == {}
